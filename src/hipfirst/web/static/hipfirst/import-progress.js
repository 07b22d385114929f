// Live progress of a background job (a training import, a movement check): polls the batch's progress URL and updates the
// bar; reloads the page once the import has finished to show the results. Without
// script the page refreshes itself (a <noscript> meta refresh).
(function () {
  "use strict";
  var root = document.getElementById("import-progress");
  if (!root) { return; }
  var bar = root.querySelector("progress");
  var text = document.getElementById("import-progress-text");
  var url = root.getAttribute("data-progress-url");
  var unit = root.getAttribute("data-unit") || "files";

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        bar.max = Math.max(state.files_total, 1);
        bar.value = state.files_done;
        text.textContent = state.files_done + " of " + state.files_total + " " + unit + " done.";
        if (state.is_finished) { window.location.reload(); } else { window.setTimeout(poll, 700); }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  poll();
})();
