// hipfirst "Listen to this page": reads a learn page aloud with the browser's own voice.
//
// Markup: a hidden [data-listen] block holding a [data-listen-toggle] button and a
// [data-listen-status] line. The words read are those of the elements marked
// [data-listen-text], in page order: the title, the summary, each heading, paragraph,
// step and caution, never the source lists. Each becomes one utterance, so long pages
// are not cut short and Stop takes effect at once. Without speech synthesis (or
// without JavaScript) the block stays hidden; the recorded audio player, when built,
// works without this script.
(function () {
  "use strict";

  var synth = window.speechSynthesis;
  var root = document.querySelector("[data-listen]");
  if (!root || !synth || typeof window.SpeechSynthesisUtterance !== "function") { return; }

  var toggle = root.querySelector("[data-listen-toggle]");
  var status = root.querySelector("[data-listen-status]");
  var speaking = false;

  function chunks() {
    return Array.prototype.map.call(
      document.querySelectorAll("[data-listen-text]"),
      function (element) { return element.textContent.replace(/\s+/g, " ").trim(); }
    ).filter(function (text) { return text.length > 0; });
  }

  function stopped(message) {
    speaking = false;
    toggle.textContent = "Listen to this page";
    toggle.setAttribute("aria-pressed", "false");
    status.textContent = message;
  }

  function start() {
    var parts = chunks();
    synth.cancel();
    speaking = true;
    toggle.textContent = "Stop";
    toggle.setAttribute("aria-pressed", "true");
    status.textContent = "Reading the page aloud.";
    parts.forEach(function (text, index) {
      var utterance = new window.SpeechSynthesisUtterance(text);
      utterance.lang = "en-GB"; // the site is written in British English
      if (index === parts.length - 1) {
        utterance.onend = function () { if (speaking) { stopped("Finished."); } };
      }
      utterance.onerror = function (event) {
        if (speaking && event.error !== "interrupted" && event.error !== "canceled") {
          stopped("Your browser could not read the page aloud.");
        }
      };
      synth.speak(utterance);
    });
  }

  toggle.addEventListener("click", function () {
    if (speaking) {
      synth.cancel();
      stopped("Stopped.");
    } else {
      start();
    }
  });
  window.addEventListener("pagehide", function () { synth.cancel(); });
  root.hidden = false;
}());
