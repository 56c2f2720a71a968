"""Where each box of a flow's drawing sits: its lane, its column, and its row in the lane.

Every drawing of a flow is placed here: the handbook's swimlane (`rendering/lanes.py`
routes its arrows, the browser draws it) and the BPMN export's diagram
(`artifacts/bpmn_layout.py`), so a flow looks the same wherever it is opened.

Lanes are horizontal bands in the swimlane's order (`process.lanes`, lanes without a
step left out). Columns follow the flow: a box comes after the boxes leading to it; a
hand-off to another lane may stay in the same column (a straight vertical arrow) when
the cells between are free, now and later. Alternatives in one lane (a decision's two
branches) share a column on rows of the lane, at most MAX_ROWS of them; beyond, a box
moves one column on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import count

from .entities import END, Process
from .flow import START, Version
from .graph import FlowGraph

#: At most this many rows per lane: beyond it, a box moves one column on.
MAX_ROWS = 3


@dataclass(frozen=True)
class Box:
    """One box of a drawing (a step, the start or an end) and the lane it sits in."""

    node: str
    lane: int  # index into the drawn lanes


@dataclass(frozen=True)
class Place:
    lane: int
    column: int
    row: int  # within the lane, from 0


@dataclass(frozen=True)
class Placement:
    rows: tuple[int, ...]  # rows each lane needs (at least 1)
    places: dict[str, Place]  # by node, in the order the boxes were given

    @property
    def columns(self) -> int:
        return 1 + max((p.column for p in self.places.values()), default=0)


def place(boxes: list[Box], forward: Iterable[tuple[str, str]], lanes: int) -> Placement:
    """Place `boxes`, in flow order, in `lanes` lanes.

    `forward` are the arrows (source, target) that go on in the flow; those that point
    back to an earlier box in `boxes` are not followed.
    """
    order = {box.node: i for i, box in enumerate(boxes)}
    lane_of = {box.node: box.lane for box in boxes}
    preds: dict[str, list[str]] = {box.node: [] for box in boxes}
    for source, target in forward:
        onward = source in order and target in order and order[target] > order[source]
        if onward and source not in preds[target]:
            preds[target].append(source)
    ancestors: dict[str, set[str]] = {}
    cells = _Cells(lanes)
    previous: str | None = None
    for box in boxes:
        ancestors[box.node] = set().union(*(ancestors[p] | {p} for p in preds[box.node]))
        _place(cells, box, preds[box.node] or ([previous] if previous else []), ancestors, lane_of)
        previous = box.node
    places = {node: Place(lane, col, row) for node, (lane, row, col) in cells.where.items()}
    return Placement(tuple(cells.rows), places)


@dataclass
class _Cells:
    """Placement state: which cell holds which box, and the vertical hand-offs kept clear."""

    lanes: int
    rows: list[int] = field(default_factory=list)
    taken: dict[tuple[int, int, int], str] = field(default_factory=dict)  # (lane, row, col)
    #: Per column, the spans a straight vertical arrow runs through: ((lane, row), (lane, row)).
    spans: dict[int, list[tuple[tuple[int, int], tuple[int, int]]]] = field(default_factory=dict)
    where: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # node -> (lane, row, col)

    def __post_init__(self) -> None:
        self.rows = [1] * self.lanes

    def blocked(self, lane: int, row: int, col: int) -> bool:
        if (lane, row, col) in self.taken:
            return True
        return any(low < (lane, row) < high for low, high in self.spans.get(col, ()))

    def clear_between(self, a: tuple[int, int], b: tuple[int, int], col: int) -> bool:
        """No box (now or later) between rows a and b in `col`: a straight vertical arrow fits."""
        low, high = min(a, b), max(a, b)
        for lane in range(low[0], high[0] + 1):
            for row in range(MAX_ROWS):
                if low < (lane, row) < high and self.blocked(lane, row, col):
                    return False
        return True

    def put(self, node: str, lane: int, row: int, col: int) -> None:
        self.taken[(lane, row, col)] = node
        self.where[node] = (lane, row, col)


def _place(
    cells: _Cells,
    box: Box,
    preds: list[str],
    ancestors: dict[str, set[str]],
    lane_of: dict[str, int],
) -> None:
    lane = box.lane
    first = max(
        (cells.where[p][2] + (1 if lane_of[p] == lane else 0) for p in preds if p in cells.where),
        default=0,
    )
    for col in count(first):
        vertical = [
            cells.where[p][:2] for p in preds if p in cells.where and cells.where[p][2] == col
        ]
        for row in range(cells.rows[lane]):
            if _fits(cells, (lane, row), col, vertical):
                _settle(cells, box.node, (lane, row), col, vertical)
                return
        # A new row in the lane: only beside boxes the box does not follow (alternatives).
        occupants = [cells.taken.get((lane, r, col)) for r in range(cells.rows[lane])]
        parallel = all(o is None or o not in ancestors[box.node] for o in occupants)
        row = cells.rows[lane]
        if (
            col == first
            and parallel
            and row < MAX_ROWS
            and _fits(cells, (lane, row), col, vertical)
        ):
            cells.rows[lane] += 1
            _settle(cells, box.node, (lane, row), col, vertical)
            return


def _fits(cells: _Cells, at: tuple[int, int], col: int, vertical: list[tuple[int, int]]) -> bool:
    if cells.blocked(at[0], at[1], col):
        return False
    return all(cells.clear_between(p, at, col) for p in vertical)


def _settle(
    cells: _Cells, node: str, at: tuple[int, int], col: int, vertical: list[tuple[int, int]]
) -> None:
    cells.put(node, at[0], at[1], col)
    for p in vertical:
        cells.spans.setdefault(col, []).append((min(p, at), max(p, at)))


# --- a version's grid, as the BPMN export draws it ------------------------------------


@dataclass(frozen=True)
class Grid:
    lanes: list[str]  # department ids, top to bottom
    rows: list[int]  # rows each lane needs (at least 1)
    columns: int  # start and end events included
    start: Place
    steps: dict[str, Place]  # by step id
    ends: dict[str, Place]  # the end event after each step that ends the process, by step id


def grid(process: Process, version: Version) -> Grid:
    """The start, every step (in flow order) and an end event after each step that ends
    the process, placed by `place`; rework loops are not followed."""
    graph = FlowGraph(version)
    lane_of = {s.id or "": s.lane for s in version.steps}
    used = set(lane_of.values())
    lanes = [lane for lane in (process.lanes or []) if lane in used]
    lanes += [lane for lane in dict.fromkeys(lane_of.values()) if lane not in lanes]
    index = {lane: i for i, lane in enumerate(lanes)}
    first = graph.order[0] if graph.order else None
    enders = list(dict.fromkeys(a.source for a in graph.arrows if a.target == END))

    def end_of(step: str) -> str:
        return f"{END}:{step}"  # step ids never hold a colon

    boxes = [Box(START, index[lane_of[first]] if first else 0)]
    boxes += [Box(step, index[lane_of[step]]) for step in graph.topological]
    boxes += [Box(end_of(step), index[lane_of[step]]) for step in enders]
    forward = [(START, first)] if first else []
    forward += [(a.source, a.target) for a in graph.forward_arrows]
    forward += [(step, end_of(step)) for step in enders]
    placed = place(boxes, forward, len(lanes))
    return Grid(
        lanes,
        list(placed.rows),
        placed.columns,
        placed.places[START],
        {step: placed.places[step] for step in graph.topological},
        {step: placed.places[end_of(step)] for step in enders},
    )
