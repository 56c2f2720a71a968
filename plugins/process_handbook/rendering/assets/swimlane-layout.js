/* Process Handbook: the Mermaid layout the handbook's swimlanes are drawn with.
 *
 * The handbook places every box in a lane row and a column and routes every
 * arrow through the gaps itself (rendering/lanes.py); the page carries that
 * grid beside the diagram (data-ph-lanes, data-ph-nodes, data-ph-routes). This
 * layout only measures the boxes Mermaid draws, sizes the columns, rows and
 * gutters to fit them, and draws lanes, boxes and arrows at those places: the
 * same work for 15 steps or 150, no search. Registered with Mermaid as
 * "handbook-lanes"; swimlane.js hands it the grid of each diagram it renders.
 */
(function () {
  "use strict";
  var NAME = "handbook-lanes";
  var BAND = 34; // the lane names' column on the left
  var GUTTER = 24; // least room between columns, and between rows (ROW_GAP)
  var ROW_GAP = 18;
  var TRACK = 8; // between arrows that share a gutter
  var LABEL_GAP = 4; // between an arrow and its label
  var BATCH = 24; // boxes measured together
  var grids = {}; // diagram id -> grid, while Mermaid renders it
  var drawn = {}; // diagram id -> what swimlane.js needs afterwards (lanes, cuts, size)

  function parse(box) {
    var lanes = (box.dataset.phLanes || "").split(" ").filter(Boolean).map(function (item) {
      var p = item.split(":");
      return { id: p[0], first: +p[1], count: +p[2] };
    });
    var nodes = {};
    (box.dataset.phNodes || "").split(" ").filter(Boolean).forEach(function (item) {
      var p = item.split(":");
      nodes[p[0]] = { row: +p[1], col: +p[2] };
    });
    var routes = (box.dataset.phRoutes || "").split("|").map(function (item) {
      var parts = item.split(" ");
      return {
        leaves: parts[0].charAt(0),
        enters: parts[0].charAt(1),
        corners: parts.slice(1).map(function (c) {
          var xy = c.split(","), x = xy[0].split("."), y = xy[1].split(".");
          return { x: +x[0], tx: +x[1], y: +y[0], ty: +y[1] };
        })
      };
    });
    return { lanes: lanes, nodes: nodes, routes: routes };
  }

  /* A small drawing beside `svg`, styled like it, to measure a few boxes in. */
  function measuringDrawing(selection, style, n) {
    var svg = selection.node();
    var id = svg.id + "-measure-" + n;
    var drawing = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    drawing.setAttribute("id", id);
    drawing.setAttribute("class", svg.getAttribute("class") || "");
    drawing.setAttribute("style", "position:absolute;left:-10000px;top:0");
    if (style) {
      var copy = document.createElementNS("http://www.w3.org/2000/svg", "style");
      copy.textContent = style.textContent.split("#" + svg.id).join("#" + id);
      drawing.appendChild(copy);
    }
    var group = document.createElementNS("http://www.w3.org/2000/svg", "g");
    drawing.appendChild(group);
    svg.parentNode.appendChild(drawing);
    // Mermaid's helpers take a d3 selection; select() with a function selects any element.
    return { drawing: drawing, group: selection.select(function () { return group; }) };
  }

  function max(values, floor) {
    return values.reduce(function (a, b) { return Math.max(a, b); }, floor);
  }

  var TURN = { E: "S", W: "N", N: "W", S: "E" };

  /* The grid as drawn: left to right (lanes are rows), or top to bottom (lanes are columns). */
  function oriented(grid, down) {
    var place = {};
    Object.keys(grid.nodes).forEach(function (id) {
      var at = grid.nodes[id];
      place[id] = down ? { xi: at.row, yi: at.col } : { xi: at.col, yi: at.row };
    });
    var routes = grid.routes.map(function (route) {
      if (!down) return route;
      return {
        leaves: TURN[route.leaves],
        enters: TURN[route.enters],
        corners: route.corners.map(function (c) { return { x: c.y, tx: c.ty, y: c.x, ty: c.tx }; })
      };
    });
    return { down: down, place: place, routes: routes, lanes: grid.lanes };
  }

  /* Pixel positions of the cells and gutters on both axes for the measured boxes and labels. */
  function measure(view, boxes, edges, nameLength) {
    var nx = 1 + max(Object.keys(view.place).map(function (id) { return view.place[id].xi; }), 0);
    var ny = 1 + max(Object.keys(view.place).map(function (id) { return view.place[id].yi; }), 0);
    var lanesCells = view.lanes.reduce(function (n, lane) { return n + lane.count; }, 0);
    if (view.down) nx = Math.max(nx, lanesCells); else ny = Math.max(ny, lanesCells);
    var colW = [], rowH = [], gutW = [], gutH = [], i;
    for (i = 0; i < nx; i++) colW.push(24);
    for (i = 0; i < ny; i++) rowH.push(24);
    for (i = 0; i <= nx; i++) gutW.push(view.down ? ROW_GAP : GUTTER);
    for (i = 0; i <= ny; i++) gutH.push(view.down ? GUTTER : ROW_GAP);
    Object.keys(view.place).forEach(function (id) {
      var at = view.place[id], box = boxes[id];
      if (!box) return;
      colW[at.xi] = Math.max(colW[at.xi], box.width);
      rowH[at.yi] = Math.max(rowH[at.yi], box.height);
    });
    var tracksX = {}, tracksY = {};
    view.routes.forEach(function (route) {
      route.corners.forEach(function (c) {
        if (c.x % 2 === 0) tracksX[c.x / 2] = Math.max(tracksX[c.x / 2] || 0, c.tx + 1);
        if (c.y % 2 === 0) tracksY[c.y / 2] = Math.max(tracksY[c.y / 2] || 0, c.ty + 1);
      });
    });
    Object.keys(tracksX).forEach(function (g) { gutW[g] = Math.max(gutW[g], 16 + (tracksX[g] - 1) * TRACK); });
    Object.keys(tracksY).forEach(function (g) { gutH[g] = Math.max(gutH[g], 12 + (tracksY[g] - 1) * TRACK); });
    // Room for branch labels beside the box they leave.
    edges.forEach(function (edge, k) {
      var route = view.routes[k], at = view.place[edge.start];
      if (!edge.label || !route || !at || !edge.width) return;
      if (route.leaves === "E") gutW[at.xi + 1] = Math.max(gutW[at.xi + 1], edge.width + 3 * LABEL_GAP);
      if (route.leaves === "W") gutW[at.xi] = Math.max(gutW[at.xi], edge.width + 3 * LABEL_GAP);
      if (route.leaves === "S") gutH[at.yi + 1] = Math.max(gutH[at.yi + 1], edge.height + 2 * LABEL_GAP);
      if (route.leaves === "N") gutH[at.yi] = Math.max(gutH[at.yi], edge.height + 2 * LABEL_GAP);
    });
    // A lane is at least as long as its name (written top to bottom beside a row, across a column).
    view.lanes.forEach(function (lane) {
      var sizes = view.down ? colW : rowH, gaps = view.down ? gutW : gutH;
      var need = nameLength(lane) + 16, have = 0, last = lane.first + lane.count;
      for (var r = lane.first; r < last; r++) have += sizes[r] + (r > lane.first ? gaps[r] : 0);
      have += (gaps[lane.first] + gaps[last]) / 2;
      if (need > have) sizes[last - 1] += need - have;
    });
    var gutX = [], colX = [], gutY = [], rowY = [], x = view.down ? 0 : BAND, y = view.down ? BAND : 0;
    for (i = 0; i < nx; i++) { gutX.push(x); x += gutW[i]; colX.push(x); x += colW[i]; }
    gutX.push(x); x += gutW[nx];
    for (i = 0; i < ny; i++) { gutY.push(y); y += gutH[i]; rowY.push(y); y += rowH[i]; }
    gutY.push(y); y += gutH[ny];
    return {
      down: view.down, width: x, height: y, colW: colW, rowH: rowH, gutW: gutW, gutH: gutH,
      gutX: gutX, gutY: gutY, colX: colX, rowY: rowY, tracksX: tracksX, tracksY: tracksY
    };
  }

  /* Left to right unless only top to bottom keeps the text legible in the space there is. */
  function choose(grid, boxes, edges, nameLength) {
    var across = oriented(grid, false), geoAcross = measure(across, boxes, edges, nameLength);
    var room = grid.available || Infinity, legible = grid.legible || 0;
    if (Math.min(1, room / geoAcross.width) >= legible) return [across, geoAcross];
    var down = oriented(grid, true), geoDown = measure(down, boxes, edges, nameLength);
    var scale = Math.min(1, room / geoDown.width);
    if (scale >= legible && geoDown.height * scale <= (grid.tallest || Infinity)) return [down, geoDown];
    return [across, geoAcross];
  }

  function xOf(g, x, track) {
    if (x % 2) { var j = (x - 1) / 2; return g.colX[j] + g.colW[j] / 2; }
    var n = g.tracksX[x / 2] || 1;
    return g.gutX[x / 2] + g.gutW[x / 2] / 2 + (track - (n - 1) / 2) * TRACK;
  }

  function yOf(g, y, track) {
    if (y % 2) { var i = (y - 1) / 2; return g.rowY[i] + g.rowH[i] / 2; }
    var n = g.tracksY[y / 2] || 1;
    return g.gutY[y / 2] + g.gutH[y / 2] / 2 + (track - (n - 1) / 2) * TRACK;
  }

  function port(box, side) {
    if (side === "E") return { x: box.x + box.width / 2, y: box.y };
    if (side === "W") return { x: box.x - box.width / 2, y: box.y };
    if (side === "N") return { x: box.x, y: box.y - box.height / 2 };
    return { x: box.x, y: box.y + box.height / 2 };
  }

  /* Where a branch label goes: beside its arrow, just after the box the arrow leaves. */
  function labelAt(edge, route, from) {
    var p = port(from, route.leaves), w = edge.width, h = edge.height;
    if (route.leaves === "E") return { x: p.x + LABEL_GAP + w / 2, y: p.y - LABEL_GAP - h / 2 };
    if (route.leaves === "W") return { x: p.x - LABEL_GAP - w / 2, y: p.y - LABEL_GAP - h / 2 };
    if (route.leaves === "S") return { x: p.x + LABEL_GAP + w / 2, y: p.y + LABEL_GAP + h / 2 };
    return { x: p.x + LABEL_GAP + w / 2, y: p.y - LABEL_GAP - h / 2 };
  }

  function text(element) {
    return (element && element.textContent || "").replace(/\s+/g, " ").trim();
  }

  async function render(data, svg, helpers) {
    var grid = grids[data.diagramId];
    var root = svg.select("g");
    helpers.insertMarkers(root, data.markers, data.type, data.diagramId);
    var lanesG = root.insert("g").attr("class", "clusters ph-lanes");
    var edgesG = root.insert("g").attr("class", "edgePaths");
    var nodesG = root.insert("g").attr("class", "nodes");
    var labelsG = root.insert("g").attr("class", "edgeLabels");
    var bandG = root.insert("g").attr("class", "ph-lane-names");
    var boxes = {}, elements = {}, groups = {};
    var lookup = {};
    data.nodes.forEach(function (node) { lookup[node.id] = node; });
    grid.lanes.forEach(function (lane) {
      var group = lookup[lane.id];
      lane.name = group ? String(group.label || "").replace(/<[^>]*>/g, "") : "";
      lane.styles = group && group.cssStyles ? group.cssStyles : [];
      if (group) groups[lane.id] = group;
    });
    // Boxes are measured in small drawings of their own, a few at a time, then moved into
    // place: each measurement lays out only its small drawing (laying out the whole diagram
    // for every box grows with the square of their number).
    var placed = data.nodes.filter(function (node) { return !node.isGroup && grid.nodes[node.id]; });
    var style = svg.node().querySelector("style");
    for (var from = 0; from < placed.length; from += BATCH) {
      var scratch = measuringDrawing(svg, style, from);
      await Promise.all(placed.slice(from, from + BATCH).map(function (node) {
        return helpers.insertNode(scratch.group, node, { config: data.config, dir: data.direction }).then(function (element) {
          elements[node.id] = element;
          boxes[node.id] = node;
        });
      }));
      placed.slice(from, from + BATCH).forEach(function (node) {
        var bbox = elements[node.id].node().getBBox();
        node.width = bbox.width;
        node.height = bbox.height;
      });
      placed.slice(from, from + BATCH).forEach(function (node) { nodesG.node().appendChild(elements[node.id].node()); });
      scratch.drawing.remove();
    }
    var edges = data.edges.filter(function (edge) { return grid.nodes[edge.start] && grid.nodes[edge.end]; });
    var labels = await Promise.all(edges.map(function (edge) {
      if (!edge.label) return null;
      return helpers.insertEdgeLabel(labelsG, edge).then(function () {
        return labelsG.node().querySelector('.label[data-id="' + edge.id + '"]').parentNode;
      });
    }));
    grid.lanes.forEach(function (lane) {
      var probe = bandG.append("text").attr("class", "swimlane-label").text(lane.name);
      lane.length = probe.node().getComputedTextLength();
      probe.remove();
    });
    var chosen = choose(grid, boxes, edges, function (lane) { return lane.length; });
    var view = chosen[0], geo = chosen[1], down = view.down;
    // Lanes: bands across the whole drawing, their names in the band at the left (or top).
    var lanes = grid.lanes.map(function (lane, index) {
      var gut = down ? geo.gutX : geo.gutY, gap = down ? geo.gutW : geo.gutH, last = lane.first + lane.count;
      var from = index === 0 ? 0 : gut[lane.first] + gap[lane.first] / 2;
      var to = index === grid.lanes.length - 1 ? (down ? geo.width : geo.height) : gut[last] + gap[last] / 2;
      var style = lane.styles.join(";");
      var box = down
        ? { x: from, y: 0, width: to - from, height: geo.height }
        : { x: 0, y: from, width: geo.width, height: to - from };
      var name = down
        ? { x: from, y: 0, width: to - from, height: BAND }
        : { x: 0, y: from, width: BAND, height: to - from };
      var band = lanesG.append("g").attr("class", "cluster swimlane").attr("data-lane", lane.id);
      band.append("rect").attr("class", "ph-lane-body").attr("x", box.x).attr("y", box.y)
        .attr("width", box.width).attr("height", box.height).attr("style", style);
      var title = bandG.append("g").attr("class", "ph-lane-name");
      [null, "ph-lane-tint"].forEach(function (kind) {
        var rect = title.append("rect").attr("x", name.x).attr("y", name.y).attr("width", name.width).attr("height", name.height);
        if (kind) rect.attr("class", kind).attr("style", style);
      });
      title.append("text").attr("class", "swimlane-label" + (down ? " ph-lane-across" : ""))
        .attr("x", name.x + name.width / 2).attr("y", name.y + name.height / 2).text(lane.name);
      return { id: lane.id, name: lane.name, from: from, to: to };
    });
    // Boxes at their places, each named for screen readers with its owner and lane.
    var laneOf = {};
    grid.lanes.forEach(function (lane, index) {
      for (var r = lane.first; r < lane.first + lane.count; r++) laneOf[r] = lanes[index].name;
    });
    Object.keys(boxes).forEach(function (id) {
      var at = view.place[id], box = boxes[id], element = elements[id].node();
      box.x = geo.colX[at.xi] + geo.colW[at.xi] / 2;
      box.y = geo.rowY[at.yi] + geo.rowH[at.yi] / 2;
      element.setAttribute("transform", "translate(" + box.x + ", " + box.y + ")");
      var owner = element.querySelector("small");
      var whole = text(element), who = text(owner);
      var name = who && whole.slice(-who.length) === who ? whole.slice(0, -who.length).trim() : whole;
      var label = name + (who ? "；" + (grid.ownerWord || "") + "：" + who : "") + "；" + laneOf[grid.nodes[id].row];
      element.setAttribute("aria-label", label);
      element.setAttribute("data-node", id);
    });
    // Arrows along their routes; each branch label beside the box it leaves.
    edges.forEach(function (edge, k) {
      var route = view.routes[k], from = boxes[edge.start], to = boxes[edge.end];
      if (!route) return;
      var points = [port(from, route.leaves)];
      route.corners.forEach(function (c) { points.push({ x: xOf(geo, c.x, c.tx), y: yOf(geo, c.y, c.ty) }); });
      points.push(port(to, route.enters));
      edge.points = points;
      edge.curve = "rounded";
      helpers.insertEdge(edgesG, edge, new Map(), data.type, from, to, data.diagramId, true, NAME);
      if (labels[k]) {
        var at = labelAt(edge, route, from);
        labels[k].setAttribute("transform", "translate(" + at.x + ", " + at.y + ")");
      }
    });
    // Where a printed part may end: in the middle of any gutter, so no box is cut.
    function cuts(gut, gap, start, end) {
      var out = [start];
      for (var g = 1; g < gut.length - 1; g++) out.push(gut[g] + gap[g] / 2);
      out.push(end);
      return out;
    }
    drawn[data.diagramId] = {
      width: geo.width, height: geo.height, band: BAND, down: down, lanes: lanes,
      // Each box's extent; `step` for a step (it links to its description), not the start or an end.
      boxes: Object.keys(boxes).map(function (id) {
        var box = boxes[id];
        return {
          left: box.x - box.width / 2, right: box.x + box.width / 2,
          top: box.y - box.height / 2, bottom: box.y + box.height / 2, step: Boolean(box.link)
        };
      }),
      cutsX: cuts(geo.gutX, geo.gutW, down ? 0 : BAND, geo.width),
      cutsY: cuts(geo.gutY, geo.gutH, down ? BAND : 0, geo.height)
    };
  }

  window.PhSwimlaneLayout = {
    name: NAME,
    parse: parse,
    /* Hand over the grid of the diagram Mermaid is about to render as `id`. */
    expect: function (id, grid) { grids[id] = grid; },
    /* What was drawn for `id` (lanes, column cuts, size); forgets the diagram. */
    result: function (id) {
      var out = drawn[id];
      delete drawn[id];
      delete grids[id];
      return out;
    }
  };
  if (window.mermaid && window.mermaid.registerLayoutLoaders) {
    window.mermaid.registerLayoutLoaders([{ name: NAME, loader: function () { return Promise.resolve({ render: render }); } }]);
  }
})();
