"""How each arrow of a swimlane runs between its boxes, in grid units.

The handbook lays its swimlanes out itself (Mermaid's own swimlane layout takes
seconds beyond 40 steps): `model.grid` places every box in a lane row and a column
(the BPMN export uses the same places), this module gives every arrow a route
through the free space between them, and the browser only measures the boxes and
turns the grid into pixels (`assets/swimlane-layout.js`).

Grid coordinates: an odd x is the centre of a column ((x - 1) / 2), an even x
the gutter left of column x / 2; likewise y for rows (the lanes' rows one after
the other) and the gutters above them. A route is the side it leaves its source
by, the side it enters its target by, and the corners between, each with the
track it takes in its gutter (arrows sharing a gutter run side by side, never on
top of each other). No route passes through a box other than its own two: it runs
through gutters, or along a row or column whose cells it crosses are empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from ..model.grid import Box, place

SIDES = "ENSW"


@dataclass(frozen=True)
class Link:
    """One arrow, in the order the diagram declares them."""

    source: str
    target: str
    #: "flow" (the current process), "loop" (back to an earlier step) or "old" (previous version).
    kind: str = "flow"


@dataclass(frozen=True)
class Corner:
    x: int
    y: int
    x_track: int = 0  # the track of the vertical gutter segment through it (even x)
    y_track: int = 0  # the track of the horizontal gutter segment through it (even y)


@dataclass(frozen=True)
class Route:
    leaves: str  # E, N, S or W: the side of the source the arrow leaves by
    enters: str  # the side of the target it enters by
    corners: tuple[Corner, ...]


@dataclass(frozen=True)
class Cell:
    row: int  # counted over all lanes, top to bottom
    col: int


@dataclass(frozen=True)
class Layout:
    """The grid: rows per lane, a cell per box, a route per link (in link order)."""

    lane_rows: tuple[tuple[int, int], ...]  # per drawn lane: (first row, number of rows)
    places: dict[str, Cell]
    routes: tuple[Route, ...]
    columns: int

    @property
    def rows(self) -> int:
        return sum(n for _, n in self.lane_rows)

    def encode(self, lane_ids: list[str]) -> dict[str, str]:
        """The layout as data attributes for the page: digits, letters and punctuation only."""
        lanes = " ".join(
            f"{lane}:{first}:{n}" for lane, (first, n) in zip(lane_ids, self.lane_rows, strict=True)
        )
        nodes = " ".join(f"{node}:{p.row}:{p.col}" for node, p in self.places.items())
        routes = "|".join(
            " ".join(
                [route.leaves + route.enters]
                + [f"{c.x}.{c.x_track},{c.y}.{c.y_track}" for c in route.corners]
            )
            for route in self.routes
        )
        return {"lanes": lanes, "nodes": nodes, "routes": routes}


def layout(boxes: list[Box], links: list[Link], lanes: int) -> Layout:
    """Place `boxes` (in flow order: start, steps, ends) in `lanes` lanes and route `links`."""
    order = {box.node: i for i, box in enumerate(boxes)}
    placed = place(boxes, [(link.source, link.target) for link in links], lanes)
    firsts = [0]
    for n in placed.rows:
        firsts.append(firsts[-1] + n)
    lane_rows = tuple((firsts[lane], n) for lane, n in enumerate(placed.rows))
    places = {node: Cell(firsts[p.lane] + p.row, p.column) for node, p in placed.places.items()}
    router = _Router(places, placed.columns)
    routes = [router.route(link, order) for link in links]
    return Layout(lane_rows, places, tuple(_tracks(routes)), placed.columns)


# --- routing -------------------------------------------------------------------------

_Point = tuple[int, int]
_Shape = tuple[str, str, list[_Point]]


class _Router:
    """Routes one link at a time; remembers the sides used and the centre lines taken."""

    def __init__(self, places: dict[str, Cell], columns: int) -> None:
        self.places = places
        self.columns = columns
        self.occupied = {(p.row, p.col) for p in places.values()}
        self.sides: dict[tuple[str, str], str] = {}  # (node, side) -> "in" / "out"
        self.out_count: dict[str, int] = {}
        #: Parts along row or column centre lines: (axis, line) -> [(low, high, source, target)].
        self.lines: dict[tuple[str, int], list[tuple[int, int, str, str]]] = {}

    def route(self, link: Link, order: dict[str, int]) -> Route:
        u, v = link.source, link.target
        pu, pv = self.places[u], self.places[v]
        for leaves, enters, corners in self._candidates(pu, pv, order[v] <= order[u]):
            if self._allowed(u, leaves, "out") and self._allowed(v, enters, "in"):
                points = [_port(pu, leaves), *corners, _port(pv, enters)]
                if self._free(points, u, v):
                    self._take(u, leaves, v, enters, _center_segments(points))
                    return Route(leaves, enters, tuple(Corner(x, y) for x, y in corners))
        # Every side taken: the gutters still lead there.
        return Route("E", "W", tuple(Corner(x, y) for x, y in _through_gutters(pu, "E", pv, "W")))

    def _candidates(self, pu: Cell, pv: Cell, back: bool) -> Iterable[_Shape]:
        """The shapes tried, simplest first; the list ends with routes through gutters only."""
        iu, ju, iv, jv = pu.row, pu.col, pv.row, pv.col
        xu, yu, xv, yv = 2 * ju + 1, 2 * iu + 1, 2 * jv + 1, 2 * iv + 1
        down = iv > iu
        if not back and jv > ju:
            if iu == iv:
                yield "E", "W", []
            yield "E", "N" if down else "S", [(xv, yu)]  # right, then into its top or bottom
            yield "S" if down else "N", "W", [(xu, yv)]  # down or up, then right
            yield "E", "W", [(2 * jv, yu), (2 * jv, yv)]  # a step in the gutter before v
            yield "E", "W", [(2 * ju + 2, yu), (2 * ju + 2, yv)]  # ... or the one after u
        if not back and jv == ju and iu != iv:
            yield ("S", "N", []) if down else ("N", "S", [])
        if back and iu == iv and ju != jv:  # back along the lane: under it, or over it
            yield "S", "S", [(xu, yu + 1), (xv, yu + 1)]
            yield "N", "N", [(xu, yu - 1), (xv, yu - 1)]
        if back and iu != iv and ju != jv:
            gutter = yu + 1 if down else yu - 1
            yield "S" if down else "N", "N" if down else "S", [(xu, gutter), (xv, gutter)]
        for leaves in "ESNW":
            for enters in "WNSE":
                yield leaves, enters, _through_gutters(pu, leaves, pv, enters)

    def _allowed(self, node: str, side: str, use: str) -> bool:
        taken = self.sides.get((node, side))
        if taken is None:
            return True
        # Arrows may meet at a target's side; a source's branches take a side each
        # (from the fourth branch on they share).
        return taken == use and (use == "in" or self.out_count.get(node, 0) >= 3)

    def _free(self, points: list[_Point], u: str, v: str) -> bool:
        """No other box on the path's centre-line parts, and no other arrow along them."""
        own = {self.places[u], self.places[v]}
        cells = [((y - 1) // 2, (x - 1) // 2) for x, y in points[1:-1] if x % 2 and y % 2]
        for axis, line, low, high in _center_segments(points):
            inside = [c for c in range(low + 1, high) if c % 2]
            if axis == "row":
                cells += [((line - 1) // 2, (x - 1) // 2) for x in inside]
            else:
                cells += [((y - 1) // 2, (line - 1) // 2) for y in inside]
            for a, b, s, t in self.lines.get((axis, line), ()):
                if a < high and low < b and s != u and t != v:
                    return False
        return not any(c in self.occupied and Cell(*c) not in own for c in cells)

    def _take(
        self, u: str, leaves: str, v: str, enters: str, segments: list[tuple[str, int, int, int]]
    ) -> None:
        self.sides[(u, leaves)] = "out"
        self.sides[(v, enters)] = "in"
        self.out_count[u] = self.out_count.get(u, 0) + 1
        for axis, line, low, high in segments:
            self.lines.setdefault((axis, line), []).append((low, high, u, v))


def _port(place: Cell, side: str) -> _Point:
    """A side of a box in grid units: on its centre line, at the gutter beside its cell."""
    x, y = 2 * place.col + 1, 2 * place.row + 1
    dx, dy = {"E": (1, 0), "W": (-1, 0), "N": (0, -1), "S": (0, 1)}[side]
    return (x + dx, y + dy)


def _center_segments(points: list[_Point]) -> list[tuple[str, int, int, int]]:
    """The parts of a path that run along a row or column centre line (not in a gutter)."""
    segments = []
    for (x1, y1), (x2, y2) in pairwise(points):
        if (x1, y1) == (x2, y2):
            continue
        if y1 == y2 and y1 % 2:
            segments.append(("row", y1, min(x1, x2), max(x1, x2)))
        elif x1 == x2 and x1 % 2:
            segments.append(("col", x1, min(y1, y2), max(y1, y2)))
    return segments


def _through_gutters(pu: Cell, leaves: str, pv: Cell, enters: str) -> list[_Point]:
    """A route that turns into the gutter beside u, runs in gutters only and turns into v.

    Its first and last corners are where it meets those gutters: in grid units on the
    ports themselves (in pixels, the short stub from the box to the route's track).
    """
    a, b = _port(pu, leaves), _port(pv, enters)
    (x0, y0), (x1, y1) = a, b
    along_x0, along_x1 = leaves in "EW", enters in "EW"  # the first / last gutter is vertical
    if along_x0 and along_x1:
        if x0 == x1:
            return [] if y0 == y1 else [a, b]
        h = _gutter_next_to(y1, y0)
        return [a, (x0, h), (x1, h), b]
    if along_x0:
        return [a, (x0, y1), b]
    if along_x1:
        return [a, (x1, y0), b]
    if y0 == y1:
        return [] if x0 == x1 else [a, b]
    g = _gutter_next_to(x1, x0)
    return [a, (g, y0), (g, y1), b]


def _gutter_next_to(b: int, a: int) -> int:
    """The gutter beside centre line b on the side towards a (after b when a is b)."""
    if b % 2 == 0:
        return b
    return b - 1 if a < b else b + 1


def _tracks(routes: list[Route]) -> list[Route]:
    """Give each gutter segment a track, so that segments overlapping in one gutter lie apart."""
    segments: dict[tuple[str, int], list[tuple[int, int, int, int]]] = {}
    for r, route in enumerate(routes):
        for k, (a, b) in enumerate(pairwise(route.corners)):
            if a.x == b.x and a.y != b.y and a.x % 2 == 0:
                segments.setdefault(("x", a.x), []).append((min(a.y, b.y), max(a.y, b.y), r, k))
            elif a.y == b.y and a.x != b.x and a.y % 2 == 0:
                segments.setdefault(("y", a.y), []).append((min(a.x, b.x), max(a.x, b.x), r, k))
    track: dict[tuple[int, int], tuple[str, int]] = {}  # (route, segment) -> (axis, track)
    for (axis, _), found in sorted(segments.items()):
        ends: list[int] = []  # per track, where its last segment ends
        for low, high, r, k in sorted(found):
            t = next((t for t, end in enumerate(ends) if end < low), len(ends))
            if t == len(ends):
                ends.append(high)
            else:
                ends[t] = high
            track[(r, k)] = (axis, t)
    out = []
    for r, route in enumerate(routes):
        corners = list(route.corners)
        for k in range(len(corners) - 1):
            if (r, k) not in track:
                continue
            axis, t = track[(r, k)]
            for i in (k, k + 1):
                c = corners[i]
                corners[i] = (
                    Corner(c.x, c.y, t, c.y_track)
                    if axis == "x"
                    else Corner(c.x, c.y, c.x_track, t)
                )
        out.append(Route(route.leaves, route.enters, tuple(corners)))
    return out
