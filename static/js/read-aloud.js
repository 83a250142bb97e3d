/* Read aloud: a button beside each question and each answer that speaks its text with the
   browser's own speech synthesis, in the language of the page (or of the text, where it is
   marked). Nothing is sent anywhere. Progressive enhancement: without JavaScript or without
   speech synthesis there are no buttons, and the form works as before. */
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  var form = document.querySelector("form[data-read-aloud]");
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function" || !form) { return; }
  var label = form.getAttribute("data-read-aloud");
  var speaking = null;
  var SVG = "http://www.w3.org/2000/svg";

  function languageOf(element) {
    var marked = element.closest("[lang]");
    return marked ? marked.getAttribute("lang") : document.documentElement.lang;
  }

  function stop() {
    synth.cancel();
    if (speaking) { speaking.setAttribute("aria-pressed", "false"); }
    speaking = null;
  }

  function speak(button, source) {
    var again = speaking === button;
    stop();
    if (again) { return; }  // a second press stops the voice
    var utterance = new window.SpeechSynthesisUtterance(source.textContent.trim());
    utterance.lang = languageOf(source);
    utterance.onend = utterance.onerror = function () {
      if (speaking === button) { stop(); }
    };
    speaking = button;
    button.setAttribute("aria-pressed", "true");
    synth.speak(utterance);
  }

  function icon() {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", "M4 9v6h4l5 4V5L8 9zm12 0a4 4 0 0 1 0 6m3-9a8 8 0 0 1 0 12");
    svg.appendChild(path);
    return svg;
  }

  function add(after, source, withText) {
    if (!after || !source || !source.textContent.trim()) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "say";
    button.setAttribute("aria-pressed", "false");
    button.appendChild(icon());
    if (withText) {
      button.appendChild(document.createTextNode(label));
    } else {
      // Many answers, one word each: the name says which answer is read.
      button.setAttribute("aria-label", label + ": " + source.textContent.trim());
    }
    button.addEventListener("click", function () { speak(button, source); });
    after.insertAdjacentElement("afterend", button);
  }

  form.querySelectorAll(".q").forEach(function (question) {
    var title = question.querySelector("legend, .qlabel");
    add(title, title, true);
    question.querySelectorAll(".opt > label").forEach(function (option) {
      add(option, option.querySelector("span") || option, false);
    });
  });
  window.addEventListener("pagehide", stop);
})();
