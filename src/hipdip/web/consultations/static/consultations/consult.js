/* Consultation pages: questions that depend on other answers, allergy rows, printing.
   Every page works without this file (all questions show; one blank allergy row). */
(function () {
  "use strict";

  function valueOf(form, name) {
    var boxes = form.querySelectorAll('[name="' + name + '"]');
    for (var i = 0; i < boxes.length; i++) {
      var el = boxes[i];
      if (el.type === "radio") { if (el.checked) return el.value; continue; }
      if (el.type === "checkbox") return el.checked ? "on" : "";
      return el.value;
    }
    return "";
  }

  // data-show-if: "name=a|b", "a=x&b=y" (all must hold) or "!box" (box unticked).
  function applies(form, rule) {
    return rule.split("&").every(function (part) {
      if (part.charAt(0) === "!") return !valueOf(form, part.slice(1));
      var bits = part.split("=");
      return bits[1].split("|").indexOf(valueOf(form, bits[0])) !== -1;
    });
  }

  function syncDepends(form) {
    form.querySelectorAll("[data-show-if]").forEach(function (q) {
      q.classList.toggle("is-off", !applies(form, q.getAttribute("data-show-if")));
    });
  }

  function bindAllergies(form) {
    var list = form.querySelector("[data-allergy-rows]");
    var template = document.getElementById("allergy-row-template");
    var add = form.querySelector("[data-add-allergy]");
    if (!list || !template || !add) return;
    add.hidden = false;
    add.addEventListener("click", function () {
      var row = template.content.firstElementChild.cloneNode(true);
      list.appendChild(row);
      var first = row.querySelector("input");
      if (first) first.focus();
    });
    list.addEventListener("click", function (e) {
      var button = e.target.closest("[data-remove-row]");
      if (!button) return;
      var row = button.closest(".allergy-row");
      if (list.querySelectorAll(".allergy-row").length > 1) {
        row.remove();
      } else {
        row.querySelectorAll("input, select").forEach(function (el) { el.value = ""; });
      }
      form.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function init() {
    document.querySelectorAll("form[data-intake]").forEach(function (form) {
      syncDepends(form);
      form.addEventListener("change", function () { syncDepends(form); });
      bindAllergies(form);
    });
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    // A choice of side or plane reveals the matching plan fields.
    document.querySelectorAll("form[data-plan]").forEach(syncDepends);
    document.querySelectorAll("form[data-plan]").forEach(function (form) {
      form.addEventListener("change", function () { syncDepends(form); });
    });
  }

  document.addEventListener("DOMContentLoaded", init);
})();
