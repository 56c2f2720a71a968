"""Where each box of a swimlane goes and how each arrow runs, in grid units.

The handbook lays its swimlanes out itself (Mermaid's own swimlane layout
takes seconds beyond 40 steps): every box gets a lane row and a column, and
every arrow a route through the free space between them. The browser then only
measures the boxes and turns the grid into pixels (`assets/swimlane-layout.js`).

Grid coordinates: an odd x is the centre of a column ((x - 1) / 2), an even x
the gutter left of column x / 2; likewise y for rows and the gutters above
them. A route is the side it leaves its source by, the side it enters its
target by, and the corners between, each with the track it takes in its
gutter (arrows sharing a gutter run side by side, never on top of each other).
No route passes through a box other than its own two: it runs through
gutters, or along a row or column whose cells it crosses are empty.

Columns follow the flow: a step comes after the steps leading to it; a hand-off
to another lane may stay in the same column (a straight vertical arrow) when
the cells between are free. Alternatives in one lane (a decision's two
branches) share a column on sub-rows of the lane.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import count, pairwise

#: At most this many rows per lane: beyond it, a step moves one column on.
MAX_SUBROWS = 3
SIDES = "ENSW"


@dataclass(frozen=True)
class Box:
    """One box of the diagram (a step, the start or an end) and the lane it sits in."""

    node: str  # the Mermaid node id (generated, never author text)
    lane: int  # index into the drawn lanes


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
class Place:
    row: int
    col: int


@dataclass(frozen=True)
class Layout:
    """The grid: rows per lane, a place per box, a route per link (in link order)."""

    lane_rows: tuple[tuple[int, int], ...]  # per drawn lane: (first row, number of rows)
    places: dict[str, Place]
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


@dataclass
class _Grid:
    """Placement state: which cell holds which box, and the vertical hand-offs kept clear."""

    lanes: int
    subrows: list[int] = field(default_factory=list)
    cells: dict[tuple[int, int, int], str] = field(default_factory=dict)  # (lane, sub, col) -> node
    #: Per column, the spans a straight vertical arrow runs through: ((lane, sub), (lane, sub)).
    spans: dict[int, list[tuple[tuple[int, int], tuple[int, int]]]] = field(default_factory=dict)
    where: dict[str, tuple[int, int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.subrows = [1] * self.lanes

    def blocked(self, lane: int, sub: int, col: int) -> bool:
        if (lane, sub, col) in self.cells:
            return True
        return any(low < (lane, sub) < high for low, high in self.spans.get(col, ()))

    def clear_between(self, a: tuple[int, int], b: tuple[int, int], col: int) -> bool:
        """No box (now or later) between rows a and b in `col`: a straight vertical arrow fits."""
        low, high = min(a, b), max(a, b)
        for lane in range(low[0], high[0] + 1):
            for sub in range(MAX_SUBROWS):
                if low < (lane, sub) < high and self.blocked(lane, sub, col):
                    return False
        return True

    def put(self, node: str, lane: int, sub: int, col: int) -> None:
        self.cells[(lane, sub, col)] = node
        self.where[node] = (lane, sub, col)


def layout(boxes: list[Box], links: list[Link], lanes: int) -> Layout:
    """Place `boxes` (in flow order: start, steps, ends) in `lanes` lanes and route `links`."""
    order = {box.node: i for i, box in enumerate(boxes)}
    lane_of = {box.node: box.lane for box in boxes}
    forward = [
        link
        for link in links
        if link.source in order and link.target in order and order[link.target] > order[link.source]
    ]
    preds: dict[str, list[str]] = {box.node: [] for box in boxes}
    for link in forward:
        if link.source not in preds[link.target]:
            preds[link.target].append(link.source)
    ancestors: dict[str, set[str]] = {}
    grid = _Grid(lanes)
    previous: str | None = None
    for box in boxes:
        ancestors[box.node] = set().union(*(ancestors[p] | {p} for p in preds[box.node]))
        _place(grid, box, preds[box.node] or ([previous] if previous else []), ancestors, lane_of)
        previous = box.node
    rows, places = _rows(grid)
    columns = 1 + max((p.col for p in places.values()), default=0)
    router = _Router(places, columns)
    routes = [router.route(link, order) for link in links]
    return Layout(rows, places, tuple(_tracks(routes)), columns)


def _place(
    grid: _Grid, box: Box, preds: list[str], ancestors: dict[str, set[str]], lane_of: dict[str, int]
) -> None:
    lane = box.lane
    first = max(
        (grid.where[p][2] + (1 if lane_of[p] == lane else 0) for p in preds if p in grid.where),
        default=0,
    )
    for col in count(first):
        vertical = [grid.where[p][:2] for p in preds if p in grid.where and grid.where[p][2] == col]
        for sub in range(grid.subrows[lane]):
            if _fits(grid, (lane, sub), col, vertical):
                _settle(grid, box.node, (lane, sub), col, vertical)
                return
        # A new row in the lane: only beside boxes the step does not follow (alternatives).
        occupants = [grid.cells.get((lane, s, col)) for s in range(grid.subrows[lane])]
        parallel = all(o is None or o not in ancestors[box.node] for o in occupants)
        sub = grid.subrows[lane]
        if (
            col == first
            and parallel
            and sub < MAX_SUBROWS
            and _fits(grid, (lane, sub), col, vertical)
        ):
            grid.subrows[lane] += 1
            _settle(grid, box.node, (lane, sub), col, vertical)
            return


def _fits(grid: _Grid, at: tuple[int, int], col: int, vertical: list[tuple[int, int]]) -> bool:
    if grid.blocked(at[0], at[1], col):
        return False
    return all(grid.clear_between(p, at, col) for p in vertical)


def _settle(
    grid: _Grid, node: str, at: tuple[int, int], col: int, vertical: list[tuple[int, int]]
) -> None:
    grid.put(node, at[0], at[1], col)
    for p in vertical:
        grid.spans.setdefault(col, []).append((min(p, at), max(p, at)))


def _rows(grid: _Grid) -> tuple[tuple[tuple[int, int], ...], dict[str, Place]]:
    firsts = [0]
    for n in grid.subrows:
        firsts.append(firsts[-1] + n)
    lane_rows = tuple((firsts[lane], grid.subrows[lane]) for lane in range(grid.lanes))
    places = {node: Place(firsts[lane] + sub, col) for node, (lane, sub, col) in grid.where.items()}
    return lane_rows, places


# --- routing -------------------------------------------------------------------------

_Point = tuple[int, int]
_Shape = tuple[str, str, list[_Point]]


class _Router:
    """Routes one link at a time; remembers the sides used and the centre lines taken."""

    def __init__(self, places: dict[str, Place], columns: int) -> None:
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

    def _candidates(self, pu: Place, pv: Place, back: bool) -> Iterable[_Shape]:
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
        return not any(c in self.occupied and Place(*c) not in own for c in cells)

    def _take(
        self, u: str, leaves: str, v: str, enters: str, segments: list[tuple[str, int, int, int]]
    ) -> None:
        self.sides[(u, leaves)] = "out"
        self.sides[(v, enters)] = "in"
        self.out_count[u] = self.out_count.get(u, 0) + 1
        for axis, line, low, high in segments:
            self.lines.setdefault((axis, line), []).append((low, high, u, v))


def _port(place: Place, side: str) -> _Point:
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


def _through_gutters(pu: Place, leaves: str, pv: Place, enters: str) -> list[_Point]:
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
