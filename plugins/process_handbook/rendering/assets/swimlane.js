/* Process Handbook: the swimlane viewer.
 *
 * Draws each swimlane of a page with Mermaid into the page itself (not into a
 * closed shadow root), using the handbook's own layout (swimlane-layout.js),
 * and gives it what a reader needs to see it whole: it opens fitted to its
 * column when its text stays legible there, else at a legible zoom with the
 * whole flow one click away; zoom, fit and full screen by button or key, drag
 * or wheel to pan (@panzoom/panzoom), lane names that stay at the left edge
 * while panning, and a printed copy cut into landscape pages at a legible
 * size. Runs again after each of Material's instant navigations.
 */
(function () {
  "use strict";
  var SMALLEST_TEXT = 12; // px: the owner line, the smallest text in a box
  var LEGIBLE = 10; // px: the smallest text a reader is shown on opening
  var PRINTED = 12; // px (9 pt): the smallest text on paper, the boxes at their natural size
  var PAGE = { width: 1030, height: 640 }; // px of an A4 landscape page inside its margins
  var PAN_STEP = 80;
  var INK = "var(--md-default-fg-color,#333)";
  // Mermaid scopes this to the diagram; Material's colour variables make it follow the palette.
  var THEME_CSS = [
    ".node rect,.node polygon,.node path{fill:var(--md-mermaid-node-bg-color,#eef);stroke:var(--md-mermaid-node-fg-color,#557);stroke-width:1.5px}",
    ".nodeLabel,.nodeLabel p,.label foreignObject div{color:" + INK + ";font-size:14px;line-height:1.35}",
    ".nodeLabel small{font-size:" + SMALLEST_TEXT + "px;line-height:1.3;color:" + INK + "}",
    "a .nodeLabel{text-decoration:none}",
    ".edgeLabel,.edgeLabel p,.edgeLabel span{background-color:var(--md-default-bg-color,#fff);color:" + INK + ";font-size:12px}",
    ".edgeLabel rect{fill:var(--md-default-bg-color,#fff)}",
    ".edgeLabel p{white-space:normal;max-width:5.5em;margin:0;line-height:1.25}",
    ".cluster.swimlane rect.ph-lane-body{stroke:#8c8c8c66 !important;stroke-width:1px}",
    ".flowchart-link{stroke:var(--md-mermaid-edge-color,#555)}",
    "marker path{fill:var(--md-mermaid-edge-color,#555);stroke:none}"
  ].join("");
  var count = 0;

  /* The tallest a diagram may open at: most of the window. */
  function tallest() {
    return Math.max(240, Math.round(window.innerHeight * 0.85));
  }

  function configured(text) {
    var extra = [
      "  layout: " + window.PhSwimlaneLayout.name,
      "  look: classic",
      "  theme: default",
      "  themeVariables:",
      "    fontSize: 14px",
      '  themeCSS: "' + THEME_CSS + '"'
    ].join("\n");
    return text.replace(/^---\nconfig:\n/, "---\nconfig:\n" + extra + "\n");
  }

  function button(flow, action) {
    return flow.querySelector('[data-ph-do="' + action + '"]');
  }

  /* One drawn swimlane: its viewport, the pan/zoom state and the controls. */
  function Viewer(box, svg, drawn) {
    var self = this;
    this.box = box;
    this.svg = svg;
    this.drawn = drawn;
    this.view = box.querySelector(".ph-flow-view");
    this.names = svg.querySelector(".ph-lane-names");
    svg.setAttribute("width", drawn.width);
    svg.setAttribute("height", drawn.height);
    svg.style.maxWidth = "none";
    this.zoom = window.Panzoom(svg, {
      canvas: true,
      maxScale: 3,
      minScale: 0.05,
      step: 0.25,
      cursor: "grab",
      handleStartEvent: function (event) { event.preventDefault(); }
    });
    svg.addEventListener("panzoomchange", function () { self.settle(); });
    this.view.addEventListener("wheel", function (event) { self.wheel(event); }, { passive: false });
    this.view.addEventListener("keydown", function (event) { self.key(event); });
    box.querySelector(".ph-flow-tools").addEventListener("click", function (event) {
      var target = event.target.closest("[data-ph-do]");
      if (target) self.act(target.getAttribute("data-ph-do"));
    });
    this.open();
  }

  Viewer.prototype.fitScale = function () {
    var width = this.view.clientWidth, height = this.full ? this.view.clientHeight : Infinity;
    return Math.min(width / this.drawn.width, height / this.drawn.height);
  };

  Viewer.prototype.legibleScale = function () {
    return LEGIBLE / SMALLEST_TEXT;
  };

  /* On opening: the whole flow when it stays legible, else a legible zoom at the start. */
  Viewer.prototype.open = function () {
    var fit = this.fitScale(), legible = this.legibleScale();
    var scale = fit >= legible ? Math.min(fit, 1) : legible;
    if (!this.full) {
      var height = Math.ceil(this.drawn.height * scale);
      this.view.style.height = (this.drawn.down ? height : Math.min(tallest(), height)) + "px";
    }
    this.show(scale, 0, 0);
    this.box.classList.toggle("ph-flow--large", fit < legible);
  };

  /* Panzoom scales about the middle of the drawing: x is its pan offset, in unscaled px. */
  Viewer.prototype.edge = function (x, scale, size) {
    return (size / 2) * (1 - scale) + scale * x; // where the drawing's left (top) edge shows
  };

  Viewer.prototype.offset = function (edge, scale, size) {
    return (edge - (size / 2) * (1 - scale)) / scale;
  };

  /* Show the drawing at `scale` with its top left corner at (left, top) of the view. */
  Viewer.prototype.show = function (scale, left, top) {
    var d = this.drawn;
    this.zoom.zoom(scale, { animate: false, silent: true });
    this.zoom.pan(this.offset(left, scale, d.width), this.offset(top, scale, d.height), {
      animate: false, silent: true, force: true
    });
    this.settle();
  };

  /* Keep the drawing in view (centred when smaller than the view), the lane names at its left. */
  Viewer.prototype.settle = function () {
    if (this.settling) return;
    var d = this.drawn, scale = this.zoom.getScale(), pan = this.zoom.getPan();
    var x = this.bound(pan.x, scale, this.view.clientWidth, d.width);
    var y = this.bound(pan.y, scale, this.view.clientHeight, d.height);
    if (Math.abs(x - pan.x) > 0.5 || Math.abs(y - pan.y) > 0.5) {
      this.settling = true;
      this.zoom.pan(x, y, { animate: false, silent: true, force: true });
      this.settling = false;
    }
    this.pin(x, y, scale);
    var fit = Math.min(this.fitScale(), 1);
    button(this.box, "fit").setAttribute("aria-pressed", String(Math.abs(scale - fit) < 0.01));
  };

  /* The lane names stay at the view's left edge (top edge, and below the page header, when
     the lanes run down), wherever the drawing or the page has been moved. */
  Viewer.prototype.pin = function (x, y, scale) {
    if (!this.names) return;
    var d = this.drawn;
    if (x === undefined) {
      var pan = this.zoom.getPan();
      x = pan.x; y = pan.y; scale = this.zoom.getScale();
    }
    if (!d.down) {
      var left = -this.edge(x, scale, d.width) / scale;
      this.names.setAttribute("transform", "translate(" + Math.max(0, left) + ", 0)");
      return;
    }
    var header = document.querySelector(".md-header");
    var line = header && !this.full ? header.getBoundingClientRect().bottom : 0;
    var top = this.view.getBoundingClientRect().top + this.edge(y, scale, d.height);
    var hidden = Math.max(-this.edge(y, scale, d.height), line - top) / scale;
    hidden = Math.min(Math.max(0, hidden), d.height - d.band);
    this.names.setAttribute("transform", "translate(0, " + hidden + ")");
  };

  Viewer.prototype.bound = function (offset, scale, view, size) {
    var shown = size * scale;
    var edge = shown <= view ? (view - shown) / 2 : Math.min(0, Math.max(view - shown, this.edge(offset, scale, size)));
    return this.offset(edge, scale, size);
  };

  Viewer.prototype.zoomBy = function (factor) {
    var rect = this.view.getBoundingClientRect();
    var scale = Math.max(0.05, Math.min(3, this.zoom.getScale() * factor));
    this.zoom.zoomToPoint(scale, { clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2 }, { animate: false });
    this.settle();
  };

  Viewer.prototype.panBy = function (dx, dy) {
    var scale = this.zoom.getScale(), pan = this.zoom.getPan(); // screen px -> pan offset
    this.zoom.pan(pan.x + dx / scale, pan.y + dy / scale, { animate: false, force: true });
    this.settle();
    var after = this.zoom.getPan();
    return Math.abs(after.x - pan.x) > 0.1 || Math.abs(after.y - pan.y) > 0.1;
  };

  Viewer.prototype.wheel = function (event) {
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      this.zoomBy(event.deltaY < 0 ? 1.15 : 1 / 1.15);
      return;
    }
    // Pan while there is somewhere to go; at the edge the page scrolls on.
    if (this.panBy(-event.deltaX, -event.deltaY)) event.preventDefault();
  };

  Viewer.prototype.key = function (event) {
    var moves = { ArrowLeft: [PAN_STEP, 0], ArrowRight: [-PAN_STEP, 0], ArrowUp: [0, PAN_STEP], ArrowDown: [0, -PAN_STEP] };
    if (moves[event.key]) {
      if (this.panBy(moves[event.key][0], moves[event.key][1])) event.preventDefault();
    } else if (event.key === "+" || event.key === "=") {
      this.act("in");
    } else if (event.key === "-" || event.key === "_") {
      this.act("out");
    } else if (event.key === "0") {
      this.act("fit");
    } else if (event.key === "Escape" && this.full) {
      this.act("full");
    } else {
      return;
    }
    event.preventDefault();
  };

  Viewer.prototype.act = function (action) {
    if (action === "in") this.zoomBy(1.25);
    else if (action === "out") this.zoomBy(1 / 1.25);
    else if (action === "fit") this.show(Math.min(this.fitScale(), 1), 0, 0);
    else if (action === "full") this.fullScreen(!this.full);
  };

  /* Full screen: the diagram over the whole window (works where the Fullscreen API does not). */
  Viewer.prototype.fullScreen = function (on) {
    var self = this, toggle = button(this.box, "full");
    this.full = on;
    this.box.classList.toggle("ph-flow--full", on);
    document.documentElement.classList.toggle("ph-flow-open", on);
    toggle.setAttribute("aria-pressed", String(on));
    if (!this.label) this.label = toggle.textContent;
    toggle.textContent = on ? toggle.getAttribute("data-ph-close") : this.label;
    if (on) {
      this.box.setAttribute("role", "dialog");
      this.box.setAttribute("aria-modal", "true");
      this.escape = function (event) { if (event.key === "Escape") self.fullScreen(false); };
      document.addEventListener("keydown", this.escape);
      this.view.style.height = "";
      this.open();
      this.view.focus();
    } else {
      this.box.removeAttribute("role");
      this.box.removeAttribute("aria-modal");
      document.removeEventListener("keydown", this.escape);
      this.open();
      toggle.focus();
    }
  };

  /* The printed copy: landscape pages, each a part of the flow with the lane names at its left. */
  Viewer.prototype.printParts = function () {
    if (this.parts) return;
    var d = this.drawn, band = d.band;
    var scale = Math.min(1, PAGE.width / d.width, PAGE.height / d.height);
    scale = Math.max(scale, PRINTED / SMALLEST_TEXT);
    // Parts along each axis, cut between cells; the band of lane names repeats on each part.
    function spans(cuts, room) {
      var out = [], from = cuts[0];
      while (from < cuts[cuts.length - 1] - 1) {
        var later = cuts.filter(function (c) { return c > from; });
        var fits = later.filter(function (c) { return c - from <= room; });
        var to = fits.length ? fits[fits.length - 1] : later[0];
        out.push([from, to]);
        from = to;
      }
      return out;
    }
    var columns = spans(d.cutsX, PAGE.width / scale - (d.down ? 0 : band));
    var rows = spans(d.cutsY, PAGE.height / scale - (d.down ? band : 0));
    var parts = document.createElement("div");
    parts.className = "ph-flow-print";
    parts.setAttribute("aria-hidden", "true");
    var total = columns.length * rows.length, n = 0, caption = this.box.getAttribute("data-ph-part") || "";
    var svg = this.svg;
    rows.forEach(function (row) {
      columns.forEach(function (column) {
        n += 1;
        var x0 = d.down ? column[0] : column[0] - band, y0 = d.down ? row[0] - band : row[0];
        var width = column[1] - x0, height = row[1] - y0;
        // A copy with ids of its own: its styles and arrowheads refer to them.
        var holder = document.createElement("div");
        holder.innerHTML = svg.outerHTML.split(svg.id).join(svg.id + "-part" + n);
        var copy = holder.firstElementChild;
        copy.removeAttribute("style");
        copy.setAttribute("viewBox", [x0, y0, width, height].join(" "));
        copy.setAttribute("width", Math.ceil(width * scale));
        copy.setAttribute("height", Math.ceil(height * scale));
        var names = copy.querySelector(".ph-lane-names");
        if (names) names.setAttribute("transform", d.down ? "translate(0, " + y0 + ")" : "translate(" + x0 + ", 0)");
        var part = document.createElement("figure");
        part.className = "ph-flow-part";
        if (total > 1) {
          var title = document.createElement("figcaption");
          title.textContent = caption.replace("{n}", n).replace("{total}", total);
          part.appendChild(title);
        }
        part.appendChild(copy);
        parts.appendChild(part);
      });
    });
    this.box.appendChild(parts);
    this.parts = parts;
  };

  var viewers = [];

  function prepareForPrint() {
    viewers.forEach(function (viewer) { if (viewer.box.isConnected) viewer.printParts(); });
  }

  /* Mermaid's drawing of a box's diagram with the handbook's layout: {svg, drawn}. */
  async function render(box, text) {
    var layout = window.PhSwimlaneLayout, id = "ph-flow-" + ++count;
    var grid = layout.parse(box);
    grid.ownerWord = box.getAttribute("data-ph-owner") || "";
    grid.available = box.clientWidth;
    grid.legible = LEGIBLE / SMALLEST_TEXT;
    grid.tallest = 2 * window.innerHeight; // lanes running down scroll with the page
    layout.expect(id, grid);
    try {
      var result = await window.mermaid.render(id, configured(text));
      return { result: result, drawn: layout.result(id) };
    } catch (error) {
      layout.result(id);
      throw error;
    }
  }

  async function draw(box) {
    var source = box.querySelector(".ph-mermaid");
    if (!source || box.getAttribute("data-ph-drawn")) return;
    box.setAttribute("data-ph-drawn", "pending");
    var text = source.textContent, done;
    try {
      done = await render(box, text);
    } catch (error) {
      box.setAttribute("data-ph-drawn", "failed");
      throw error;
    }
    box.phSource = text;
    var result = done.result, drawn = done.drawn;
    var flow = document.createElement("div");
    flow.className = "ph-flow-view";
    flow.tabIndex = 0;
    flow.setAttribute("role", "group");
    flow.setAttribute("aria-label", box.getAttribute("data-ph-view") || "");
    flow.innerHTML = result.svg;
    source.replaceWith(flow);
    if (result.bindFunctions) result.bindFunctions(flow);
    var tools = box.querySelector(".ph-flow-tools");
    box.insertBefore(tools, flow);
    tools.hidden = false;
    box.setAttribute("data-ph-drawn", "done");
    viewers.push(new Viewer(box, flow.querySelector("svg"), drawn));
  }

  function drawAll() {
    viewers = viewers.filter(function (viewer) { return viewer.box.isConnected; });
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".ph-swimlane"));
    // One after the other: Mermaid renders one diagram at a time anyway.
    return boxes.reduce(function (done, box) {
      return done.then(function () { return draw(box); });
    }, Promise.resolve());
  }

  function start() {
    if (!window.mermaid || !window.PhSwimlaneLayout || !window.Panzoom) return;
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(drawAll);
    else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
    else drawAll();
    window.addEventListener("beforeprint", prepareForPrint);
    window.matchMedia("print").addEventListener("change", function (event) { if (event.matches) prepareForPrint(); });
    window.addEventListener("resize", function () {
      viewers.forEach(function (viewer) { if (viewer.box.isConnected && !viewer.full) viewer.settle(); });
    });
    window.addEventListener("scroll", function () {
      viewers.forEach(function (viewer) { if (viewer.box.isConnected && viewer.drawn.down) viewer.pin(); });
    }, { passive: true });
  }

  /* Seconds Mermaid takes to draw the n-th swimlane of the page again (benchmarks/run.py). */
  async function timeDrawing(n) {
    var box = document.querySelectorAll(".ph-swimlane")[n || 0], started = performance.now();
    await render(box, box.phSource);
    return (performance.now() - started) / 1000;
  }

  window.PhSwimlanes = { drawAll: drawAll, prepareForPrint: prepareForPrint, timeDrawing: timeDrawing };
  start();
})();
