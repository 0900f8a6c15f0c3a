/* hipdip before/after: side by side, a swipe slider or a blend over the aligned photos. */
(function () {
  "use strict";

  function start() {
    var viewer = document.getElementById("cmp-viewer");
    if (!viewer) return;
    var pair = document.getElementById("cmp-pair");
    var block = document.getElementById("cmp-overlay-block");
    var swipe = document.getElementById("cmp-swipe");
    var top = document.getElementById("cmp-top");
    var divider = document.getElementById("cmp-divider");
    var range = document.getElementById("cmp-range");
    var mode = "pair";

    function apply() {
      var v = parseFloat(range.value);
      if (mode === "swipe") {
        top.style.opacity = "1";
        top.style.clipPath = "inset(0 0 0 " + v + "%)";
        divider.style.left = v + "%";
        range.setAttribute("aria-valuetext", "divider at " + Math.round(v) + " percent");
      } else if (mode === "fade") {
        top.style.clipPath = "none";
        top.style.opacity = String(v / 100);
        range.setAttribute("aria-valuetext", Math.round(v) + " percent after");
      }
    }

    function setMode(next) {
      mode = next;
      viewer.dataset.mode = next;
      pair.hidden = next !== "pair";
      block.hidden = next === "pair";
      swipe.classList.toggle("is-fade", next === "fade");
      viewer.querySelectorAll("[data-mode]").forEach(function (b) {
        if (b !== viewer) b.setAttribute("aria-pressed", b.dataset.mode === next ? "true" : "false");
      });
      apply();
    }

    viewer.querySelectorAll("button[data-mode]").forEach(function (b) {
      b.addEventListener("click", function () { setMode(b.dataset.mode); });
    });
    range.addEventListener("input", apply);

    // Drag straight on the picture in slider mode (touch included).
    var dragging = false;
    function fromPointer(evt) {
      var box = swipe.getBoundingClientRect();
      range.value = String(Math.max(0, Math.min(100, ((evt.clientX - box.left) / box.width) * 100)));
      apply();
    }
    swipe.addEventListener("pointerdown", function (evt) {
      if (mode !== "swipe") return;
      dragging = true;
      swipe.setPointerCapture(evt.pointerId);
      fromPointer(evt);
    });
    swipe.addEventListener("pointermove", function (evt) { if (dragging) fromPointer(evt); });
    swipe.addEventListener("pointerup", function () { dragging = false; });
    swipe.addEventListener("pointercancel", function () { dragging = false; });
    setMode("pair");
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
