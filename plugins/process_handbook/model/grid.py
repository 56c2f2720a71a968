"""Where each step of a flow sits in a swimlane drawing: its lane, column and row.

Lanes are horizontal bands in the swimlane's order (`process.lanes`, lanes without
a step left out). Columns follow the flow: a step's column is the length of the
longest way to it from the start, rework loops left out, so every forward arrow
points right. Steps sharing a lane and a column are stacked in rows; a step keeps
the row of the step before it where it can, so straight runs stay straight. The
start event is column 0; each step that ends the process is followed by an end
event in the next column. Every drawing of a flow (BPMN, diagrams) uses this grid.
"""

from __future__ import annotations

from dataclasses import dataclass

from .entities import END, Process
from .flow import Version
from .graph import FlowGraph


@dataclass(frozen=True)
class Place:
    lane: int  # index into `Grid.lanes`
    column: int
    row: int  # within the lane, from 0


@dataclass(frozen=True)
class Grid:
    lanes: list[str]  # department ids, top to bottom
    rows: list[int]  # rows each lane needs (at least 1)
    columns: int  # start and end events included
    start: Place
    steps: dict[str, Place]  # by step id
    ends: dict[str, Place]  # the end event after each step that ends the process, by step id


def grid(process: Process, version: Version) -> Grid:
    graph = FlowGraph(version)
    lane_of = {s.id or "": s.lane for s in version.steps}
    used = set(lane_of.values())
    lanes = [lane for lane in (process.lanes or []) if lane in used]
    lanes += [lane for lane in dict.fromkeys(lane_of.values()) if lane not in lanes]
    index = {lane: i for i, lane in enumerate(lanes)}
    paths = graph.heaviest(lambda step: 1)
    column = {step: len(paths[step].steps) for step in graph.topological}
    before = graph.predecessors()
    taken: dict[tuple[int, int], set[int]] = {}

    def place(lane: int, col: int, wanted: int | None) -> Place:
        rows = taken.setdefault((lane, col), set())
        row = wanted if wanted is not None and wanted not in rows else 0
        while row in rows:
            row += 1
        rows.add(row)
        return Place(lane, col, row)

    first = graph.order[0] if graph.order else None
    start = place(index[lane_of[first]] if first else 0, 0, 0)
    steps: dict[str, Place] = {}
    for step in sorted(graph.topological, key=lambda s: column[s]):
        lane = index[lane_of[step]]
        sources = [steps[p] for p in before[step] if p in steps] or (
            [start] if step == first else []
        )
        wanted = next((p.row for p in sources if p.lane == lane), None)
        steps[step] = place(lane, column[step], wanted)
    enders = dict.fromkeys(a.source for a in graph.arrows if a.target == END)
    ends = {
        step: place(steps[step].lane, steps[step].column + 1, steps[step].row)
        for step in sorted(enders, key=lambda s: (column[s], graph.topological.index(s)))
    }
    rows = [1] * len(lanes)
    for (lane, _), taken_rows in taken.items():
        rows[lane] = max(rows[lane], max(taken_rows) + 1)
    columns = 1 + max([p.column for p in [start, *steps.values(), *ends.values()]])
    return Grid(lanes, rows, columns, start, steps, ends)
