/* Draws every Plotly figure on the page from its JSON data block.
   The figures travel as <script type="application/json">, so the Content-Security-Policy
   can forbid inline scripts; this file is the only code that runs. */
(function () {
  "use strict";
  function draw() {
    if (typeof Plotly === "undefined") { return; }
    document.querySelectorAll("[data-plotly-figure]").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-plotly-figure"));
      if (!source) { return; }
      var figure = JSON.parse(source.textContent);
      el.textContent = "";
      // No mode bar: its buttons would be keyboard stops inside role="img", which hides
      // them from screen readers (axe: nested-interactive); the table beside has the numbers.
      Plotly.newPlot(el, figure.data || [], figure.layout || {}, {
        responsive: true,
        displaylogo: false,
        displayModeBar: false,
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
