"""Diagram interchange (BPMN DI) for an exported flow: where each shape sits, how each arrow runs.

The grid (`model.grid`, the places the handbook's swimlane uses too) gives lanes,
columns and rows; this module turns them into coordinates. Every cell is a column wide and a row high:

    | channel 20 | join gateway 50 | gap 20 | the step 100 |

Vertical runs of arrows use a cell's channel, which no shape occupies; horizontal
runs across other cells use the cell's top margin (forward arrows) or bottom margin
(rework arrows, which leave a step from below and come back into the join gateway of
the step they return to), so arrows do not cross shapes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.grid import Grid, Place

POOL_HEADER = 30  # the participant's name band on the left
LANE_HEADER = 30  # each lane's name band
COLUMN = 190
ROW = 120
LEFT = POOL_HEADER + LANE_HEADER + 10
CHANNEL = 10  # x of the vertical channel inside a cell
JOIN_X = 45  # centre of the join gateway inside a cell
STEP_X = 140  # centre of the step inside a cell
MARGIN = 8  # distance of a horizontal run from the top or bottom of its row
SIZES = {"task": (100, 80), "gateway": (50, 50), "join": (50, 50), "event": (36, 36)}


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    width: int
    height: int

    @property
    def cx(self) -> int:
        return self.x + self.width // 2

    @property
    def cy(self) -> int:
        return self.y + self.height // 2

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height


Point = tuple[int, int]


class Layout:
    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self._lane_top = []
        top = 0
        for rows in grid.rows:
            self._lane_top.append(top)
            top += rows * ROW
        self.height = top
        self.width = LEFT + grid.columns * COLUMN + 20
        self._taken = {
            (p.lane, p.row, p.column)
            for p in [grid.start, *grid.steps.values(), *grid.ends.values()]
        }

    def pool(self) -> Box:
        return Box(0, 0, self.width, self.height)

    def lane(self, index: int) -> Box:
        top = self._lane_top[index]
        return Box(POOL_HEADER, top, self.width - POOL_HEADER, self.grid.rows[index] * ROW)

    def _row_top(self, place: Place) -> int:
        return self._lane_top[place.lane] + place.row * ROW

    def _cell_left(self, column: int) -> int:
        return LEFT + column * COLUMN

    def box(self, place: Place, shape: str) -> Box:
        width, height = SIZES[shape]
        centre = JOIN_X if shape == "join" else STEP_X
        cx = self._cell_left(place.column) + centre
        cy = self._row_top(place) + ROW // 2
        return Box(cx - width // 2, cy - height // 2, width, height)

    def label(self, box: Box, shape: str) -> Box:
        """Where the name of a gateway or event goes: under the shape."""
        width = 100 if shape == "gateway" else 60
        return Box(box.cx - width // 2, box.bottom + 4, width, 28)

    def forward(self, source: Box, start: Place, target: Box, end: Place) -> list[Point]:
        """From the source's right side to the target's left side, rightwards; a hand-off
        that stays in its column (the grid keeps the cells between free) straight down or up,
        turning into a join gateway along the margin of the join's row."""
        if start.column == end.column:
            down = self._row_top(end) > self._row_top(start)
            leave = (source.cx, source.bottom if down else source.y)
            enter = (target.cx, target.y if down else target.bottom)
            if target.cx == source.cx:
                return [leave, enter]
            margin = self._row_top(end) + (MARGIN if down else ROW - MARGIN)
            return [leave, (source.cx, margin), (target.cx, margin), enter]
        first = (source.right, source.cy)
        last = (target.x, target.cy)
        between = range(start.column + 1, end.column)
        if source.cy == target.cy and not any(
            (end.lane, end.row, c) in self._taken for c in between
        ):
            return [first, last]
        channel = self._cell_left(end.column) + CHANNEL
        if end.column == start.column + 1:
            return [first, (channel, source.cy), (channel, target.cy), last]
        corridor = self._row_top(end) + MARGIN
        near = self._cell_left(start.column + 1) + CHANNEL
        return [
            first,
            (near, source.cy),
            (near, corridor),
            (channel, corridor),
            (channel, target.cy),
            last,
        ]

    def back(self, source: Box, start: Place, target: Box, end: Place) -> list[Point]:
        """From the source's bottom back to the left side of the join the target column starts with."""
        corridor = self._row_top(start) + ROW - MARGIN
        channel = self._cell_left(end.column) + CHANNEL
        return [
            (source.cx, source.bottom),
            (source.cx, corridor),
            (channel, corridor),
            (channel, target.cy),
            (target.x, target.cy),
        ]

    @staticmethod
    def flow_label(points: list[Point], back: bool, into_join: bool) -> Box:
        """Where a branch label goes, on a run no other label of the same gateway or join shares:
        above a straight arrow; where a turning arrow turns into its target's row (above or
        below a join gateway there, not on it); under the middle of a rework arrow's run back."""
        if len(points) == 2:
            x, y = points[0]
            return Box(x + 4, y - 20, 90, 16)
        if back:
            (x1, y1), (x2, _) = points[1], points[2]
            return Box((x1 + x2) // 2 - 45, y1 + 2, 90, 16)
        (_, before), (x, y) = points[-3], points[-2]
        if not into_join:
            return Box(x + 4, y - 20, 90, 16)
        half = SIZES["join"][1] // 2
        return Box(x + 4, y - half - 19 if before < y else y + half + 3, 90, 16)
