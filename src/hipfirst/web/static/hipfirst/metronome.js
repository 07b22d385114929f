// hipfirst in-page metronome.
//
// Beats are scheduled on the audio clock (AudioContext.currentTime), never timed by
// setInterval: a short timer only wakes the scheduler, which places every beat due in
// the next LOOKAHEAD_S seconds at its exact time, computed from the start time and the
// beat number so nothing drifts ("A tale of two clocks", C. Wilson, web.dev, 2013).
//
// Markup: <div data-metronome data-spm="172"> with a [data-metronome-toggle] button, an
// input[data-metronome-spm] and an element [data-metronome-status]. The scheduled beat
// times are kept on the element (element.hipfirstBeats) for tests and the status line.
(function () {
  "use strict";

  var LOOKAHEAD_S = 0.2;
  var WAKE_MS = 50;
  var CLICK_S = 0.03;
  var MIN_SPM = 100;
  var MAX_SPM = 250;

  function Metronome(root) {
    this.root = root;
    this.toggle = root.querySelector("[data-metronome-toggle]");
    this.spmInput = root.querySelector("[data-metronome-spm]");
    this.status = root.querySelector("[data-metronome-status]");
    this.accentEvery = parseInt(root.getAttribute("data-accent-every") || "0", 10);
    this.context = null;
    this.timer = null;
    this.running = false;
    root.hipfirstBeats = [];
    root.hidden = false;
    var self = this;
    this.toggle.addEventListener("click", function () {
      if (self.running) { self.stop(); } else { self.start(); }
    });
    this.spmInput.addEventListener("change", function () {
      if (self.running) { self.stop(); self.start(); }
    });
  }

  Metronome.prototype.spm = function () {
    var value = parseInt(this.spmInput.value, 10);
    if (isNaN(value)) { value = parseInt(this.root.getAttribute("data-spm"), 10); }
    value = Math.min(MAX_SPM, Math.max(MIN_SPM, value));
    this.spmInput.value = String(value);
    return value;
  };

  Metronome.prototype.start = function () {
    var AudioContextClass = window.AudioContext || window.webkitAudioContext;
    if (!AudioContextClass) {
      this.status.textContent = "This browser cannot play sound. Download the track instead.";
      return;
    }
    if (!this.context) { this.context = new AudioContextClass(); }
    this.context.resume();
    this.periodS = 60 / this.spm();
    this.startAt = this.context.currentTime + 0.1;
    this.nextBeat = 0;
    this.root.hipfirstBeats = [];
    this.running = true;
    this.toggle.textContent = "Stop";
    this.toggle.setAttribute("aria-pressed", "true");
    this.status.textContent = "Playing " + this.spm() + " steps per minute. Step on every click.";
    this.schedule();
  };

  Metronome.prototype.stop = function () {
    this.running = false;
    window.clearTimeout(this.timer);
    this.toggle.textContent = "Start";
    this.toggle.setAttribute("aria-pressed", "false");
    this.status.textContent = "Stopped.";
  };

  Metronome.prototype.schedule = function () {
    if (!this.running) { return; }
    var horizon = this.context.currentTime + LOOKAHEAD_S;
    var at = this.startAt + this.nextBeat * this.periodS;
    while (at < horizon) {
      var accent = this.accentEvery > 1 && this.nextBeat % this.accentEvery === 0;
      this.click(at, accent);
      this.root.hipfirstBeats.push(at);
      this.nextBeat += 1;
      at = this.startAt + this.nextBeat * this.periodS;
    }
    var self = this;
    this.timer = window.setTimeout(function () { self.schedule(); }, WAKE_MS);
  };

  Metronome.prototype.click = function (at, accent) {
    var oscillator = this.context.createOscillator();
    var gain = this.context.createGain();
    oscillator.frequency.value = accent ? 1500 : 1000;
    gain.gain.setValueAtTime(accent ? 1.0 : 0.6, at);
    gain.gain.exponentialRampToValueAtTime(0.001, at + CLICK_S);
    oscillator.connect(gain);
    gain.connect(this.context.destination);
    oscillator.start(at);
    oscillator.stop(at + CLICK_S);
  };

  document.addEventListener("DOMContentLoaded", function () {
    var roots = document.querySelectorAll("[data-metronome]");
    for (var i = 0; i < roots.length; i += 1) { roots[i].hipfirstMetronome = new Metronome(roots[i]); }
  });
})();
