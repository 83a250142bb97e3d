/* Follows a report snapshot while it is built: asks the server every second and moves the
   progress bar; opens the report when it is ready, reloads the page when the build failed
   (the page then explains why). Without JavaScript, a <noscript> refresh does the same. */
(function () {
  "use strict";
  var box = document.getElementById("report-progress");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-status-url");
  var bar = box.querySelector("[data-progress-bar]");
  var track = box.querySelector("[role=progressbar]");
  var step = box.querySelector("[data-progress-step]");

  function show(state) {
    var percent = Math.max(0, Math.min(100, state.progress || 0));
    bar.style.width = percent + "%";
    bar.textContent = percent + " %";
    track.setAttribute("aria-valuenow", String(percent));
    if (state.step && step.textContent.trim() !== state.step) { step.textContent = state.step; }
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (state) {
        show(state);
        if (state.status === "ready" && state.dashboard_url) {
          window.location.assign(state.dashboard_url);
        } else if (state.status === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 1000);
        }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
