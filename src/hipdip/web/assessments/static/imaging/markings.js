/* hipdip markings editor: marks as data over the photo (SVG), moved with pointer events
   (mouse, pen and touch alike), saved as JSON with the version they started from. */
(function () {
  "use strict";

  var NS = "http://www.w3.org/2000/svg";
  var KIND_LABEL = { recipient: "Treatment area", donor: "Donor area", incision: "Entry point" };
  var DEFAULT_LABEL = { recipient: "dip", donor: "donor", incision: "entry" };

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function clamp(v, lo, hi) { return Math.min(hi, Math.max(lo, v)); }
  function round1(v) { return Math.round(v * 10) / 10; }

  function start() {
    var root = document.getElementById("marking-editor");
    var dataNode = document.getElementById("marking-data");
    if (!root || !dataNode) return;
    var cfg = JSON.parse(dataNode.textContent);
    var W = cfg.image.width, H = cfg.image.height;
    var marks = clone(cfg.initial || []);
    var version = cfg.version;
    var savedJSON = cfg.saved ? JSON.stringify(cfg.marks) : null;
    var history = [];
    var selectedId = null;
    var drag = null;
    var zoom = "hips";
    var busy = false;
    var $ = function (id) { return document.getElementById(id); };
    var csrfInput = root.querySelector("[name=csrfmiddlewaretoken]");
    var csrf = csrfInput ? csrfInput.value : "";

    // --- the stage --------------------------------------------------------------------
    var stage = $("mk-stage");
    var svg = el("svg", {
      class: "mk-svg", id: "mk-svg", tabindex: "0", role: "application",
      "aria-label": "Photo with markings. Select a mark to move it; arrow keys nudge it.",
    });
    el("image", { href: cfg.image.url, x: 0, y: 0, width: W, height: H, preserveAspectRatio: "none" }, svg);
    var layer = el("g", { class: "mk-layer" }, svg);
    var handles = el("g", { class: "mk-handles" }, svg);
    stage.innerHTML = "";
    stage.appendChild(svg);

    function setZoom(which) {
      zoom = which;
      var b = (cfg.zoom_boxes || {})[which] || [0, 0, W, H];
      svg.setAttribute("viewBox", [b[0], b[1], b[2] - b[0], b[3] - b[1]].join(" "));
      svg.style.aspectRatio = (b[2] - b[0]) + " / " + (b[3] - b[1]);
      stage.classList.toggle("is-zoomed", which === "hips");
      document.querySelectorAll("[data-zoom]").forEach(function (btn) {
        btn.setAttribute("aria-pressed", btn.dataset.zoom === which ? "true" : "false");
      });
      render();
    }

    // Screen pixels per image pixel, to keep labels and handles a constant size on screen.
    function unit() {
      var m = svg.getScreenCTM();
      return m && m.a ? 1 / m.a : 1;
    }

    function toImage(evt) {
      var pt = svg.createSVGPoint();
      pt.x = evt.clientX; pt.y = evt.clientY;
      var m = svg.getScreenCTM();
      return m ? pt.matrixTransform(m.inverse()) : { x: 0, y: 0 };
    }

    function find(id) {
      for (var i = 0; i < marks.length; i++) if (marks[i].id === id) return marks[i];
      return null;
    }

    // --- drawing ------------------------------------------------------------------------
    function render() {
      var u = unit();
      layer.textContent = "";
      handles.textContent = "";
      marks.forEach(function (m) { drawMark(m, u); });
      var sel = find(selectedId);
      if (sel && sel.kind !== "incision") drawHandles(sel, u);
      renderList();
      renderProps();
      renderStatus();
    }

    function drawMark(m, u) {
      var g = el("g", {
        class: "mk mk-" + m.kind + (m.id === selectedId ? " is-selected" : ""),
        "data-id": m.id,
      }, layer);
      if (m.kind === "incision") {
        var r = 6 * u;
        el("circle", { class: "mk-hit", cx: m.x, cy: m.y, r: 18 * u }, g);
        el("line", { class: "mk-halo", x1: m.x - 2 * r, y1: m.y, x2: m.x + 2 * r, y2: m.y }, g);
        el("line", { class: "mk-line", x1: m.x - 2 * r, y1: m.y, x2: m.x + 2 * r, y2: m.y }, g);
        el("circle", { class: "mk-dot-halo", cx: m.x, cy: m.y, r: r + 2.5 * u }, g);
        el("circle", { class: "mk-dot", cx: m.x, cy: m.y, r: r }, g);
        if (m.label) label(g, m.label, m.x + 2.6 * r, m.y, "start", u);
      } else {
        var rx = Math.max(m.rx, 1), ry = Math.max(m.ry, 1);
        el("ellipse", { class: "mk-area", cx: m.x, cy: m.y, rx: rx, ry: ry }, g);
        el("ellipse", { class: "mk-halo", cx: m.x, cy: m.y, rx: rx, ry: ry }, g);
        el("ellipse", { class: "mk-line", cx: m.x, cy: m.y, rx: rx, ry: ry }, g);
        var gap = 7 * u;
        if (m.label_at === "right") label(g, m.label, m.x + rx + gap, m.y, "start", u);
        else if (m.label_at === "left") label(g, m.label, m.x - rx - gap, m.y, "end", u);
        else label(g, m.label, m.x, m.y - ry - gap, "middle", u, true);
      }
    }

    function label(g, text, x, y, anchor, u, above) {
      if (!text) return;
      var t = el("text", {
        class: "mk-label", x: x, y: y, "text-anchor": anchor,
        "dominant-baseline": above ? "auto" : "middle", "font-size": 13 * u,
      }, g);
      t.textContent = text;
    }

    function drawHandles(m, u) {
      var r = 7 * u;
      [["rx", m.x + m.rx, m.y], ["ry", m.x, m.y + m.ry],
       ["both", m.x + m.rx * Math.SQRT1_2, m.y + m.ry * Math.SQRT1_2]].forEach(function (h) {
        var g = el("g", { class: "mk-handle", "data-handle": h[0] }, handles);
        el("circle", { class: "mk-handle-hit", cx: h[1], cy: h[2], r: 3 * r }, g);
        el("circle", { class: "mk-handle-dot", cx: h[1], cy: h[2], r: r }, g);
      });
    }

    function renderList() {
      var list = $("mk-list");
      list.textContent = "";
      marks.forEach(function (m) {
        var li = document.createElement("li");
        var b = document.createElement("button");
        b.type = "button";
        b.className = "mk-item" + (m.id === selectedId ? " is-selected" : "");
        b.dataset.id = m.id;
        b.setAttribute("aria-pressed", m.id === selectedId ? "true" : "false");
        var chip = document.createElement("span");
        chip.className = "mk-chip mk-chip-" + m.kind;
        var name = document.createElement("span");
        name.className = "mk-item-label";
        name.textContent = m.label || KIND_LABEL[m.kind];
        var kind = document.createElement("span");
        kind.className = "mk-item-kind";
        kind.textContent = KIND_LABEL[m.kind] + (m.side ? ", " + m.side : "");
        b.append(chip, name, kind);
        li.appendChild(b);
        list.appendChild(li);
      });
      $("mk-count").textContent = String(marks.length);
    }

    function renderProps() {
      var m = find(selectedId);
      $("mk-props").hidden = !m;
      $("mk-none").hidden = !!m;
      if (!m) return;
      if (document.activeElement !== $("mk-label")) $("mk-label").value = m.label || "";
      $("mk-kind").value = m.kind;
      $("mk-side").value = m.side || "";
      $("mk-label-at").value = m.label_at || "above";
      $("mk-label-at").disabled = m.kind === "incision";
    }

    function isDirty() { return JSON.stringify(marks) !== savedJSON; }

    function renderStatus() {
      var status = $("mk-status");
      var dirty = isDirty();
      $("mk-save").disabled = busy || !dirty;
      $("mk-undo").disabled = history.length === 0;
      root.dataset.state = busy ? "saving" : dirty ? "dirty" : "saved";
      root.dataset.version = String(version);
      if (busy) { status.textContent = "Saving…"; return; }
      if (!dirty) {
        status.innerHTML = "";
        var strong = document.createElement("strong");
        strong.textContent = "Saved";
        status.append(strong, document.createTextNode(
          " · version " + version + (cfg.updated_by ? " by " + cfg.updated_by : "") +
          (cfg.updated_at ? ", " + new Date(cfg.updated_at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "")));
        return;
      }
      status.textContent = savedJSON === null
        ? (cfg.initial_source === "photo"
            ? "Copied from this photo's marks; not saved for the plan yet."
            : "The analyser's suggestions, not saved yet.")
        : "Unsaved changes.";
    }

    // --- changes ------------------------------------------------------------------------
    function remember() {
      history.push(JSON.stringify(marks));
      if (history.length > 80) history.shift();
    }

    function select(id) {
      selectedId = id;
      render();
    }

    function sideAt(x) {
      var sign = x >= cfg.body.midline_x ? 1 : -1;
      var sides = cfg.body.image_side || {};
      for (var s in sides) if (sides[s] === sign) return s;
      return null;
    }

    function typical(kind) {
      var pool = (cfg.suggested || []).filter(function (m) { return m.kind === kind; });
      if (!pool.length) return { rx: H * 0.025, ry: H * 0.03 };
      var rx = 0, ry = 0;
      pool.forEach(function (m) { rx += m.rx; ry += m.ry; });
      return { rx: rx / pool.length, ry: ry / pool.length };
    }

    function addMark(kind) {
      var vb = svg.viewBox.baseVal;
      var x = vb.x + vb.width / 2, y = vb.y + vb.height / 2;
      // Spread new marks a little so they do not stack exactly.
      var offset = (marks.length % 5) * 12 * unit();
      x += offset; y += offset;
      var side = kind === "incision" || kind === "recipient" || kind === "donor" ? sideAt(x) : null;
      var size = kind === "incision" ? { rx: 0, ry: 0 } : typical(kind);
      var letter = side ? side.charAt(0).toUpperCase() + " " : "";
      remember();
      var m = {
        id: kind + "-" + Date.now().toString(36) + Math.floor(Math.random() * 1e4).toString(36),
        kind: kind, x: round1(x), y: round1(y), rx: round1(size.rx), ry: round1(size.ry),
        label: letter + DEFAULT_LABEL[kind], side: side, label_at: "above",
      };
      marks.push(m);
      select(m.id);
      svg.focus({ preventScroll: true });
    }

    function removeSelected() {
      if (!find(selectedId)) return;
      remember();
      marks = marks.filter(function (m) { return m.id !== selectedId; });
      select(null);
    }

    function undo() {
      if (!history.length) return;
      marks = JSON.parse(history.pop());
      if (!find(selectedId)) selectedId = null;
      render();
    }

    // --- pointer interaction --------------------------------------------------------------
    svg.addEventListener("pointerdown", function (evt) {
      if (evt.button !== 0) return;
      var handle = evt.target.closest(".mk-handle");
      var group = evt.target.closest(".mk");
      var p = toImage(evt);
      if (handle && find(selectedId)) {
        var m = find(selectedId);
        drag = { mode: handle.dataset.handle, id: m.id, start: p, orig: { x: m.x, y: m.y, rx: m.rx, ry: m.ry }, before: JSON.stringify(marks), moved: false };
      } else if (group) {
        var id = group.dataset.id;
        var mk = find(id);
        if (selectedId !== id) select(id);
        drag = { mode: "move", id: id, start: p, orig: { x: mk.x, y: mk.y }, before: JSON.stringify(marks), moved: false };
      } else {
        if (selectedId) select(null);
        return;
      }
      evt.preventDefault();
      svg.setPointerCapture(evt.pointerId);
      svg.focus({ preventScroll: true });
    });

    var frame = null;
    svg.addEventListener("pointermove", function (evt) {
      if (!drag) return;
      var p = toImage(evt);
      var m = find(drag.id);
      if (!m) return;
      var dx = p.x - drag.start.x, dy = p.y - drag.start.y;
      if (!drag.moved && Math.hypot(dx, dy) < 2 * unit()) return;
      drag.moved = true;
      var minR = 3;
      if (drag.mode === "move") {
        m.x = round1(clamp(drag.orig.x + dx, 0, W));
        m.y = round1(clamp(drag.orig.y + dy, 0, H));
      } else if (drag.mode === "rx") {
        m.rx = round1(clamp(Math.abs(p.x - m.x), minR, W));
      } else if (drag.mode === "ry") {
        m.ry = round1(clamp(Math.abs(p.y - m.y), minR, H));
      } else {
        var d0 = Math.hypot(drag.start.x - m.x, drag.start.y - m.y) || 1;
        var f = Math.hypot(p.x - m.x, p.y - m.y) / d0;
        m.rx = round1(clamp(drag.orig.rx * f, minR, W));
        m.ry = round1(clamp(drag.orig.ry * f, minR, H));
      }
      if (!frame) frame = requestAnimationFrame(function () { frame = null; render(); });
    });

    function endDrag() {
      if (!drag) return;
      if (drag.moved) {
        history.push(drag.before);
        render();
      }
      drag = null;
    }
    svg.addEventListener("pointerup", endDrag);
    svg.addEventListener("pointercancel", endDrag);
    svg.addEventListener("lostpointercapture", endDrag);

    svg.addEventListener("keydown", function (evt) {
      var m = find(selectedId);
      if ((evt.ctrlKey || evt.metaKey) && evt.key.toLowerCase() === "z") { evt.preventDefault(); undo(); return; }
      if (!m) return;
      var step = (evt.shiftKey ? 10 : 1) * 2 * unit();
      var moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      if (moves[evt.key]) {
        evt.preventDefault();
        remember();
        m.x = round1(clamp(m.x + moves[evt.key][0], 0, W));
        m.y = round1(clamp(m.y + moves[evt.key][1], 0, H));
        render();
      } else if (evt.key === "Delete" || evt.key === "Backspace") {
        evt.preventDefault();
        removeSelected();
      } else if (evt.key === "Escape") {
        select(null);
      }
    });

    // --- panel ------------------------------------------------------------------------
    $("mk-list").addEventListener("click", function (evt) {
      var b = evt.target.closest(".mk-item");
      if (b) select(b.dataset.id);
    });
    document.querySelectorAll(".mk-add").forEach(function (b) {
      b.addEventListener("click", function () { addMark(b.dataset.kind); });
    });
    document.querySelectorAll("[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () { setZoom(b.dataset.zoom); });
    });
    $("mk-undo").addEventListener("click", undo);
    $("mk-delete").addEventListener("click", removeSelected);
    $("mk-label").addEventListener("focus", function () { remember(); });
    $("mk-label").addEventListener("input", function (evt) {
      var m = find(selectedId);
      if (!m) return;
      m.label = evt.target.value.slice(0, 40);
      render();
    });
    [["mk-kind", "kind"], ["mk-side", "side"], ["mk-label-at", "label_at"]].forEach(function (pair) {
      $(pair[0]).addEventListener("change", function (evt) {
        var m = find(selectedId);
        if (!m) return;
        remember();
        m[pair[1]] = evt.target.value || null;
        if (pair[1] === "kind" && m.kind === "incision") { m.rx = 0; m.ry = 0; }
        if (pair[1] === "kind" && m.kind !== "incision" && !m.rx) {
          var s = typical(m.kind); m.rx = round1(s.rx); m.ry = round1(s.ry);
        }
        render();
      });
    });
    $("mk-reset").addEventListener("click", function () {
      if (!window.confirm("Replace the marks on the photo with the analyser's suggestions?")) return;
      remember();
      marks = clone(cfg.suggested || []);
      select(null);
    });

    // --- saving -----------------------------------------------------------------------
    function save(asVersion) {
      busy = true;
      $("mk-conflict").hidden = true;
      renderStatus();
      fetch(cfg.save_url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({ version: asVersion, marks: marks }),
      }).then(function (res) {
        return res.json().catch(function () { return {}; }).then(function (body) { return { res: res, body: body }; });
      }).then(function (r) {
        busy = false;
        if (r.res.ok) {
          version = r.body.version;
          cfg.updated_by = r.body.updated_by;
          cfg.updated_at = r.body.updated_at;
          marks = clone(r.body.marks);
          savedJSON = JSON.stringify(r.body.marks);
          cfg.marks = r.body.marks;
          if (!find(selectedId)) selectedId = null;
          render();
          flash("Markings saved.");
          return;
        }
        var err = (r.body && r.body.error) || {};
        if (r.res.status === 409 && err.details) {
          conflict = err.details;
          $("mk-conflict-text").textContent = err.message;
          $("mk-conflict").hidden = false;
        } else {
          flash(err.message || "The markings could not be saved (error " + r.res.status + ").", true);
        }
        renderStatus();
      }).catch(function () {
        busy = false;
        renderStatus();
        flash("The server could not be reached. Your marks are still here; try again.", true);
      });
    }
    var conflict = null;
    $("mk-save").addEventListener("click", function () { save(version); });
    $("mk-overwrite").addEventListener("click", function () {
      if (conflict) save(conflict.current_version || 0);
    });
    $("mk-load-theirs").addEventListener("click", function () {
      window.removeEventListener("beforeunload", warn);
      window.location.reload();
    });

    function flash(text, bad) {
      var status = $("mk-status");
      status.textContent = text;
      status.classList.toggle("is-error", !!bad);
      if (!bad) setTimeout(function () { status.classList.remove("is-error"); renderStatus(); }, 2500);
    }

    function warn(evt) {
      if (isDirty()) { evt.preventDefault(); evt.returnValue = ""; }
    }
    window.addEventListener("beforeunload", warn);
    window.addEventListener("resize", function () { render(); });

    setZoom(zoom);
    root.dataset.ready = "1";
  }

  function clone(v) { return JSON.parse(JSON.stringify(v)); }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
