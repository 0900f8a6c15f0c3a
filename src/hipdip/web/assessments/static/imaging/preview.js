/* hipdip result preview: the fill slider asks for a new simulation and swaps it in once
   loaded, so the picture never goes blank while the next one is made. */
(function () {
  "use strict";

  function start() {
    var root = document.getElementById("preview");
    if (!root) return;
    var slider = document.getElementById("pv-fill");
    var out = document.getElementById("pv-out");
    var img = document.getElementById("pv-image");
    var figure = document.getElementById("pv-figure");
    var url = root.dataset.url;
    var region = root.dataset.region;
    var wanted = null, loading = false, timer = null, shown = img.getAttribute("src");

    function pct(v) { return Math.round(parseFloat(v) * 100); }

    function srcFor(fill) { return url + "?fill=" + encodeURIComponent(fill) + "&region=" + region; }

    function updateText(fill) {
      var p = pct(fill);
      out.textContent = p + " %";
      slider.setAttribute("aria-valuetext", p + " percent filled");
      document.querySelectorAll("tr[data-measured]").forEach(function (row) {
        var measured = parseFloat(row.dataset.measured);
        row.querySelector(".pv-sim").textContent = ((1 - parseFloat(fill)) * measured).toFixed(1);
      });
      img.alt = img.alt.replace(/with \d+ %/, "with " + p + " %");
    }

    function load() {
      if (loading || wanted === null) return;
      var src = srcFor(wanted);
      wanted = null;
      if (src === shown) return;
      loading = true;
      figure.classList.add("is-loading");
      var next = new Image();
      next.onload = function () {
        img.src = src;
        shown = src;
        loading = false;
        figure.classList.remove("is-loading");
        root.dataset.shown = src;
        load();
      };
      next.onerror = function () {
        loading = false;
        figure.classList.remove("is-loading");
        load();
      };
      next.src = src;
    }

    function syncUrl(fill) {
      var q = new URLSearchParams(window.location.search);
      q.set("fill", fill);
      q.set("region", region);
      history.replaceState(null, "", "?" + q.toString());
      document.querySelectorAll("[data-region]").forEach(function (a) {
        a.href = "?fill=" + fill + "&region=" + a.dataset.region;
      });
    }

    slider.addEventListener("input", function () {
      updateText(slider.value);
      wanted = slider.value;
      clearTimeout(timer);
      timer = setTimeout(load, 90);
    });
    slider.addEventListener("change", function () {
      syncUrl(slider.value);
      wanted = slider.value;
      load();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
