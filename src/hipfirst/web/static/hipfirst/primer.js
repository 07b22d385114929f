// The guided 5-minute primer: a timer over the steps listed on the page, the step and rep
// under way, and spoken cues (the browser's speechSynthesis) shown as captions too.
// Without script the page is the list of steps; with it, the player appears above them.
// The timing mirrors hipfirst.core.primer.primer_step_at: a step runs from its start up
// to, not including, its end, and the rep under way is elapsed // seconds-per-rep + 1.
(function () {
  "use strict";
  var player = document.getElementById("primer-player");
  var list = document.getElementById("primer-steps");
  if (!player || !list) { return; }

  var steps = Array.prototype.map.call(list.querySelectorAll("li[data-kind]"), function (li) {
    var d = li.dataset;
    return {
      item: li,
      kind: d.kind,
      start: Number(d.startS),
      end: Number(d.startS) + Number(d.durationS),
      reps: d.reps ? Number(d.reps) : null,
      repS: d.repS ? Number(d.repS) : null,
      title: d.title,
      spoken: d.spokenCue,
      repCue: d.repCue,
      check: d.check
    };
  });
  var totalS = Number(player.dataset.totalS);
  var closing = player.dataset.closingCue;
  var el = {
    remaining: document.getElementById("primer-remaining"),
    progress: document.getElementById("primer-progress"),
    step: document.getElementById("primer-step"),
    rep: document.getElementById("primer-rep"),
    caption: document.getElementById("primer-caption"),
    check: document.getElementById("primer-check"),
    start: document.getElementById("primer-start"),
    pause: document.getElementById("primer-pause"),
    reset: document.getElementById("primer-reset"),
    voice: document.getElementById("primer-voice")
  };
  var canSpeak = "speechSynthesis" in window && typeof window.SpeechSynthesisUtterance === "function";
  if (!canSpeak) { el.voice.parentNode.hidden = true; }

  var startedAt = null;   // performance.now() when the timer last (re)started
  var doneBefore = 0;     // seconds run before the last pause
  var ticker = null;
  var shown = { step: null, rep: null, finished: false };
  var wakeLock = null;

  function clock(seconds) {
    var whole = Math.max(0, Math.ceil(seconds));
    var rest = whole % 60;
    return Math.floor(whole / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function say(text, isCaption) {
    if (isCaption !== false) { el.caption.textContent = text; }
    if (!canSpeak || !el.voice.checked) { return; }
    window.speechSynthesis.speak(new window.SpeechSynthesisUtterance(text));
  }

  function elapsed() {
    return doneBefore + (startedAt === null ? 0 : (performance.now() - startedAt) / 1000);
  }

  function stepAt(seconds) {
    for (var i = 0; i < steps.length; i += 1) {
      if (steps[i].start <= seconds && seconds < steps[i].end) { return steps[i]; }
    }
    return null;
  }

  function show(step, rep) {
    if (step !== shown.step) {
      if (shown.step) { shown.step.item.classList.remove("current"); }
      step.item.classList.add("current");
      el.step.textContent = step.kind === "reps" ? step.title : "Get ready: " + step.title;
      el.check.textContent = step.kind === "reps" ? "Check: " + step.check : "";
      say(step.spoken);
    }
    if (rep !== shown.rep && rep !== null) {
      el.rep.textContent = "Rep " + rep + " of " + step.reps;
      // A count on each rep, unless the step's own cue is still being spoken.
      if (step === shown.step) {
        el.caption.textContent = step.repCue;
        if (canSpeak && el.voice.checked && !window.speechSynthesis.speaking) { say(String(rep), false); }
      }
    }
    if (rep === null) { el.rep.textContent = ""; }
    shown.step = step;
    shown.rep = rep;
  }

  function finish() {
    stopTicking();
    shown.finished = true;
    if (shown.step) { shown.step.item.classList.remove("current"); }
    el.step.textContent = "Done";
    el.rep.textContent = "";
    el.check.textContent = "";
    el.remaining.textContent = "0:00";
    el.progress.value = totalS;
    say(closing);
    el.pause.hidden = true;
    el.start.hidden = true;
    el.reset.hidden = false;
  }

  function tick() {
    var seconds = elapsed();
    if (seconds >= totalS) { finish(); return; }
    var step = stepAt(seconds);
    if (step === null) { return; }
    var rep = step.repS ? Math.min(step.reps, Math.floor((seconds - step.start) / step.repS) + 1) : null;
    el.remaining.textContent = clock(totalS - seconds);
    el.progress.value = seconds;
    show(step, rep);
  }

  function stopTicking() {
    if (ticker !== null) { window.clearInterval(ticker); ticker = null; }
    if (wakeLock) { wakeLock.release().catch(function () {}); wakeLock = null; }
  }

  function keepScreenOn() {
    if (!("wakeLock" in navigator)) { return; }
    navigator.wakeLock.request("screen").then(function (lock) { wakeLock = lock; }, function () {});
  }

  function start() {
    if (shown.finished) { return; }
    startedAt = performance.now();
    ticker = window.setInterval(tick, 200);
    keepScreenOn();
    el.start.hidden = true;
    el.pause.hidden = false;
    el.reset.hidden = false;
    tick();
  }

  function pause() {
    doneBefore = elapsed();
    startedAt = null;
    stopTicking();
    if (canSpeak) { window.speechSynthesis.cancel(); }
    el.start.textContent = "Carry on";
    el.start.hidden = false;
    el.pause.hidden = true;
    el.caption.textContent = "Paused.";
  }

  function reset() {
    stopTicking();
    if (canSpeak) { window.speechSynthesis.cancel(); }
    if (shown.step) { shown.step.item.classList.remove("current"); }
    startedAt = null;
    doneBefore = 0;
    shown = { step: null, rep: null, finished: false };
    el.step.textContent = "Ready when you are";
    el.rep.textContent = "";
    el.check.textContent = "";
    el.caption.textContent = "Press Start, then put your phone where you can see it.";
    el.remaining.textContent = clock(totalS);
    el.progress.value = 0;
    el.start.textContent = "Start";
    el.start.hidden = false;
    el.pause.hidden = true;
    el.reset.hidden = true;
  }

  el.start.addEventListener("click", start);
  el.pause.addEventListener("click", pause);
  el.reset.addEventListener("click", reset);
  player.hidden = false;
})();
