/* hipdip: small progressive enhancements. Every page works without this file. */
(function () {
  "use strict";

  // Upload tiles: show a preview of the chosen photo inside its tile.
  function bindPreviews(root) {
    root.querySelectorAll(".upload-tile input[type=file]").forEach(function (input) {
      if (input.dataset.bound) return;
      input.dataset.bound = "1";
      input.addEventListener("change", function () {
        var tile = input.closest(".upload-tile");
        var old = tile.querySelector("img.preview");
        if (old) { URL.revokeObjectURL(old.src); old.remove(); }
        tile.classList.remove("has-file");
        var file = input.files && input.files[0];
        if (!file) return;
        tile.classList.add("has-file");
        if (/^image\/(jpeg|png|webp)$/.test(file.type)) {
          var img = document.createElement("img");
          img.className = "preview";
          img.alt = "";
          img.src = URL.createObjectURL(file);
          tile.insertBefore(img, input);
        }
        var name = tile.querySelector(".tile-file");
        if (name) name.textContent = file.name;
      });
    });
  }

  // The "weeks since surgery" field only matters for photos taken after surgery.
  function bindPurpose(root) {
    var purpose = root.querySelector("select[name=purpose]");
    var week = root.querySelector("#field-post-op-week");
    if (!purpose || !week) return;
    function sync() { week.classList.toggle("hidden", purpose.value !== "post_op"); }
    purpose.addEventListener("change", sync);
    sync();
  }

  // Disable submit buttons once a form is sent, so uploads are not sent twice.
  function bindSubmitOnce(root) {
    root.querySelectorAll("form[data-submit-once]").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelectorAll("button[type=submit]").forEach(function (b) {
          b.disabled = true;
          if (b.dataset.busy) b.textContent = b.dataset.busy;
        });
      });
    });
  }

  document.documentElement.classList.replace("no-js", "js");

  // Phone menu: the header's button opens and closes the navigation.
  function bindMenu() {
    var button = document.querySelector(".nav-toggle");
    if (!button || button.dataset.bound) return;
    button.dataset.bound = "1";
    var header = button.closest(".site-header");
    button.addEventListener("click", function () {
      var open = header.classList.toggle("nav-open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // Header "More" (a native <details>): Escape or a click elsewhere closes it.
  function bindMore() {
    if (document.documentElement.dataset.moreBound) return;
    document.documentElement.dataset.moreBound = "1";
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return;
      var open = document.querySelector("details.nav-more[open]");
      if (!open) return;
      open.open = false;
      open.querySelector("summary").focus();
    });
    document.addEventListener("click", function (e) {
      var open = document.querySelector("details.nav-more[open]");
      if (open && !open.contains(e.target)) open.open = false;
    });
  }

  function init(root) {
    bindMenu();
    bindMore();
    bindPreviews(root);
    bindPurpose(root);
    bindSubmitOnce(root);
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (e) { init(e.target); });
})();
