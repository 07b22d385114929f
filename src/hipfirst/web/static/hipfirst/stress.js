// hipfirst "stress = force / area" illustration on the learn page about the knee.
//
// Markup: figure[data-stress] with data-force-n (newtons), data-min-mm2 and
// data-max-mm2, holding a table that explains it without JavaScript and a hidden
// [data-stress-live] block: a range input, two outputs and two SVG bars whose widths
// follow the area and the stress. Widths are SVG attributes, not inline styles (CSP).
(function () {
  "use strict";

  var figure = document.querySelector("[data-stress]");
  if (!figure) { return; }
  var live = figure.querySelector("[data-stress-live]");
  var input = figure.querySelector("[data-stress-input]");
  var areaOut = figure.querySelector("[data-stress-area]");
  var stressOut = figure.querySelector("[data-stress-value]");
  var patch = figure.querySelector("[data-stress-patch]");
  var bar = figure.querySelector("[data-stress-bar]");
  var forceN = parseFloat(figure.getAttribute("data-force-n"));
  var minMm2 = parseFloat(figure.getAttribute("data-min-mm2"));
  var maxMm2 = parseFloat(figure.getAttribute("data-max-mm2"));
  var TRACK_PX = 280;

  function update() {
    var areaMm2 = parseFloat(input.value);
    var stressMpa = forceN / areaMm2; // N per mm² is MPa
    var maxStressMpa = forceN / minMm2;
    areaOut.textContent = String(Math.round(areaMm2));
    stressOut.textContent = stressMpa.toFixed(1);
    patch.setAttribute("width", String(Math.max(4, TRACK_PX * areaMm2 / maxMm2)));
    bar.setAttribute("width", String(Math.max(4, TRACK_PX * stressMpa / maxStressMpa)));
  }

  input.addEventListener("input", update);
  live.hidden = false;
  update();
}());
