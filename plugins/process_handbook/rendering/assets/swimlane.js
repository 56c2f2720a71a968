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
  // Paper: an A4 sheet inside the 12 mm margins of handbook.css (@page), in CSS px; a swimlane
  // prints on landscape or portrait sheets, whichever shows it larger. A part takes the room
  // of its margin, and of its caption when there are several (CAPTION).
  var PAPER = { long: 1031, short: 703 };
  var MARGIN = 16, CAPTION = 40;
  var PRINTED = 10; // px (7.5 pt): the smallest text on paper (the owner line)
  var PRINT_LARGEST = 1.5; // a small flow grows to fill its page, up to this scale
  var PRINT_TEXT = 13.6; // px: Material prints page text at 0.68rem (of 20 px)
  var PAN_STEP = 80;
  var PRINT_WAIT = 15000; // ms Ctrl+P waits for the diagrams to be drawn
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

  /* The printed copy: the fewest parts at the largest scale that fill the paper, each with
     the lane names at its side (see printPlan). */
  Viewer.prototype.printParts = function () {
    if (this.parts) return;
    var d = this.drawn, section = this.box.closest(".ph-landscape") || this.box.parentNode;
    var around = printedAround(section, this.box), plan = printPlan(d, around.before, around.after);
    var parts = document.createElement("div");
    parts.className = "ph-flow-print" + (plan.ownPage ? " ph-flow-print--own-page" : "");
    parts.setAttribute("aria-hidden", "true");
    var caption = this.box.getAttribute("data-ph-part") || "", svg = this.svg;
    plan.parts.forEach(function (area, index) {
      // A copy with ids of its own: its styles and arrowheads refer to them.
      var n = index + 1, holder = document.createElement("div");
      holder.innerHTML = svg.outerHTML.split(svg.id).join(svg.id + "-part" + n);
      var copy = holder.firstElementChild;
      copy.removeAttribute("style");
      copy.setAttribute("viewBox", [area.x, area.y, area.width, area.height].join(" "));
      copy.setAttribute("width", Math.floor(area.width * plan.scale));
      copy.setAttribute("height", Math.floor(area.height * plan.scale));
      var names = copy.querySelector(".ph-lane-names");
      if (names) names.setAttribute("transform", d.down ? "translate(0, " + area.y + ")" : "translate(" + area.x + ", 0)");
      var part = document.createElement("figure");
      part.className = "ph-flow-part";
      if (plan.parts.length > 1) {
        var title = document.createElement("figcaption");
        title.textContent = caption.replace("{n}", n).replace("{total}", plan.parts.length);
        part.appendChild(title);
      }
      part.appendChild(copy);
      parts.appendChild(part);
    });
    this.box.appendChild(parts);
    section.classList.toggle("ph-print-portrait", plan.portrait);
    this.parts = parts;
  };

  /* How tall the section prints before the diagram (its heading and legend) and after it:
     their height on screen scaled to the smaller print text (on paper at least as wide as the
     screen column they wrap into no more lines, so the estimate errs on the safe side).
     The section opens a page, where its first top margin is not printed; the phones' step
     list does not print. */
  function printedAround(section, box) {
    var shown = Array.prototype.filter.call(section.children, function (child) {
      return !child.classList.contains("ph-flow-list") && getComputedStyle(child).display !== "none";
    });
    var at = shown.indexOf(box), last = shown[shown.length - 1], ratio = Math.min(1, PRINT_TEXT / (parseFloat(getComputedStyle(section).fontSize) || PRINT_TEXT));
    var top = box.getBoundingClientRect().top, bottom = box.getBoundingClientRect().bottom;
    var before = at > 0 ? top - shown[0].getBoundingClientRect().top : 0;
    var after = last !== box ? last.getBoundingClientRect().bottom + parseFloat(getComputedStyle(last).marginBottom) - bottom : 0;
    return { before: before * ratio, after: after * ratio };
  }

  /* Spans between `cuts` (ascending) of at most `room` each: greedy. */
  function spans(cuts, room) {
    var out = [], at = 0;
    while (at < cuts.length - 1 && cuts[at] < cuts[cuts.length - 1] - 1) {
      var to = at + 1; // at least one cell, even if it is wider
      while (to + 1 < cuts.length && cuts[to + 1] - cuts[at] <= room) to++;
      out.push([cuts[at], cuts[to]]);
      at = to;
    }
    return out;
  }

  /* As many spans as the greedy split at `room` gives, as even as they go. */
  function evenSpans(cuts, room) {
    var count = spans(cuts, room).length, low = 0, high = room;
    for (var i = 0; i < 24; i++) {
      var mid = (low + high) / 2;
      if (spans(cuts, mid).length <= count) high = mid; else low = mid;
    }
    return spans(cuts, high);
  }

  /* How a drawing prints: {scale, portrait, ownPage, parts: [{x, y, width, height}]} in
     drawing px. Parts run along the flow (the lane names repeat on each); only a drawing too
     deep for the paper is also cut across its lanes, and a part where no box falls is left
     out. The first part shares its page with the section's heading and legend (`before` px
     tall), or starts a page of its own; what follows the diagram (`after` px) may get room
     on the last part's page. Of the ways that print, on landscape or portrait paper, the
     best by `rank` wins (scales from PRINT_LARGEST down to PRINTED text). */
  function printPlan(d, before, after) {
    var across = !d.down, band = d.band, smallest = PRINTED / SMALLEST_TEXT;
    var flowCuts = across ? d.cutsX : d.cutsY, crossCuts = across ? d.cutsY : d.cutsX;
    function attempt(page, scale, lead, trail) {
      var short = page.height / 5; // a heading and a line or two: a page nearly blank
      function split(height) {
        var flowRoom = (across ? page.width : height) / scale - band;
        var crossRoom = (across ? height : page.width) / scale;
        return { flow: evenSpans(flowCuts, flowRoom), cross: evenSpans(crossCuts, crossRoom) };
      }
      // Every part gets the room of the tightest page (the first, below the legend; the last,
      // above what follows): the same scale throughout.
      var height = page.height - lead - trail, cut = split(height);
      if (cut.flow.length * cut.cross.length > 1) {
        height -= CAPTION;
        cut = split(height);
      }
      var parts = [];
      cut.cross.forEach(function (c) {
        cut.flow.forEach(function (f) {
          var area = across
            ? { x: f[0] - band, y: c[0], width: f[1] - f[0] + band, height: c[1] - c[0] }
            : { x: c[0], y: f[0] - band, width: c[1] - c[0], height: f[1] - f[0] + band };
          var inside = d.boxes.filter(function (b) {
            var x = (b.left + b.right) / 2, y = (b.top + b.bottom) / 2;
            return x >= area.x && x < area.x + area.width && y >= area.y && y < area.y + area.height;
          });
          if (inside.length) parts.push({ area: area, steps: inside.some(function (b) { return b.step; }) });
        });
      });
      // Even parts may take a little more scale than asked for: as much as all of them fit.
      scale = Math.max(scale, parts.reduce(function (most, p) {
        return Math.min(most, page.width / p.area.width, height / p.area.height);
      }, PRINT_LARGEST));
      // What follows and does not fit below the last part goes on to the next page.
      var last = parts[parts.length - 1].area, several = parts.length > 1;
      var spill = after - Math.max(0, page.height - (several ? CAPTION : lead) - last.height * scale);
      var ownPage = before > 0 && !lead;
      return {
        scale: scale, portrait: page.width < page.height, ownPage: ownPage,
        parts: parts.map(function (p) { return p.area; }),
        // Better first: fewer parts (cutting the lanes counts half a part more, and so does a
        // part with only the start or an end; a page left with only a heading and a line or
        // two one more); the legend on the page of the diagram; no line or two of what
        // follows alone on a page; the largest scale.
        rank: [
          parts.length + (cut.cross.length > 1 ? 0.5 : 0) +
            parts.filter(function (p) { return !p.steps; }).length / 2 + (ownPage && before < short ? 1 : 0),
          ownPage ? 1 : 0,
          spill > 1 && spill < short ? 1 : 0,
          -Math.round(scale * 100)
        ]
      };
    }
    function better(a, b) {
      for (var i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i] < b.rank[i];
      return false;
    }
    var best = null;
    [{ width: PAPER.long, height: PAPER.short }, { width: PAPER.short, height: PAPER.long }].forEach(function (paper) {
      var page = { width: paper.width, height: paper.height - MARGIN };
      [before, 0].forEach(function (lead) {
        if (lead > page.height / 2) return; // the legend leaves too little room below it
        [Math.min(after, page.height / 2), 0].forEach(function (trail) {
          for (var scale = PRINT_LARGEST; scale >= smallest - 1e-9; scale -= 0.01) {
            var plan = attempt(page, Math.max(scale, smallest), lead, trail);
            if (!best || better(plan, best)) best = plan;
          }
        });
      });
    });
    return best;
  }

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
    allowLongSources(boxes);
    // All at once: Mermaid draws them one after the other, in page order, before any diagram
    // handed to it later.
    return Promise.all(boxes.map(draw));
  }

  /* Mermaid draws an error instead of a source longer than its `maxTextSize` (50,000
     characters), which a 150-step flow with long names can reach. The limit is a "secure" key
     only the site's configuration may raise; Material's one call to mermaid.initialize resets
     it, which is why every drawAll (after Material's own work on each page) sets it again. */
  function allowLongSources(boxes) {
    var api = window.mermaid.mermaidAPI, longest = 0;
    if (!api || !api.updateSiteConfig) return;
    boxes.forEach(function (box) {
      var source = box.querySelector(".ph-mermaid");
      if (source) longest = Math.max(longest, configured(source.textContent).length);
    });
    if (longest > (api.getSiteConfig().maxTextSize || 0)) api.updateSiteConfig({ maxTextSize: longest });
  }

  /* Something still being drawn: a swimlane, or one of Material's diagrams. */
  function undrawn() {
    return document.querySelector('.ph-swimlane[data-ph-drawn="pending"], .ph-swimlane:not([data-ph-drawn]), pre.mermaid');
  }

  /* Ctrl+P (⌘P) on a page still drawing: print as soon as it is drawn (or PRINT_WAIT ms have
     passed), not the half-drawn page. (Printing from the browser's menu cannot wait: then an
     undrawn swimlane prints as its list of steps, see handbook.css.) */
  var waiting = false;
  function printWhenDrawn(event) {
    var key = (event.key || "").toLowerCase();
    if (key !== "p" || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || !undrawn()) return;
    event.preventDefault();
    if (waiting) return;
    waiting = true;
    var started = Date.now();
    (function check() {
      if (undrawn() && Date.now() - started < PRINT_WAIT) return setTimeout(check, 100);
      waiting = false;
      window.print();
    })();
  }

  function start() {
    if (!window.mermaid || !window.PhSwimlaneLayout || !window.Panzoom) return;
    // Draw as soon as the page is parsed ("interactive" comes just before DOMContentLoaded,
    // when Material hands its own diagrams to Mermaid): the swimlanes come first in Mermaid's
    // queue. After each of Material's instant navigations, draw again.
    if (document.readyState !== "loading") drawAll();
    else document.addEventListener("readystatechange", function first() {
      document.removeEventListener("readystatechange", first);
      drawAll();
    });
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(drawAll);
    window.addEventListener("keydown", printWhenDrawn, true);
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
