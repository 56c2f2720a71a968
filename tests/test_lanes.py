"""The handbook's own swimlane layout (model/grid.py places, rendering/lanes.py routes), checked on its grid.

The browser only turns this grid into pixels, so what holds here holds on the page:
every box in its lane, no two boxes in one cell, no arrow through another box.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest

from process_handbook.model.flow import edges, old_edges
from process_handbook.model.grid import Box
from process_handbook.options import BuildOptions
from process_handbook.pipeline import load
from process_handbook.rendering.lanes import Cell, Link, layout
from process_handbook.rendering.pages import Renderer
from sitekit import REPO

TODAY = dt.date(2026, 11, 23)
SAMPLE = load(REPO / "processes").handbook


def decoded(encoded: dict[str, str]) -> tuple[dict[str, tuple[int, int]], list[str], list]:
    """The data attributes back into places, lanes and routes (as swimlane-layout.js reads them)."""
    places = {}
    for item in encoded["nodes"].split():
        node, row, col = item.split(":")
        places[node] = (int(row), int(col))
    lanes = encoded["lanes"].split()
    routes = []
    for item in encoded["routes"].split("|"):
        parts = item.split()
        corners = []
        for c in parts[1:]:
            x, y = c.split(",")
            corners.append((int(x.split(".")[0]), int(y.split(".")[0])))
        routes.append((parts[0][0], parts[0][1], corners))
    return places, lanes, routes


def port(place: tuple[int, int], side: str) -> tuple[int, int]:
    row, col = place
    x, y = 2 * col + 1, 2 * row + 1
    return {"E": (x + 1, y), "W": (x - 1, y), "N": (x, y - 1), "S": (x, y + 1)}[side]


def cells_crossed(points: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The cells (row, col) a grid path passes through: along centre lines, and its corners."""
    crossed = {((y - 1) // 2, (x - 1) // 2) for x, y in points[1:-1] if x % 2 and y % 2}
    for (x1, y1), (x2, y2) in pairwise(points):
        assert x1 == x2 or y1 == y2, "every segment is horizontal or vertical"
        if y1 == y2 and y1 % 2:
            crossed |= {
                ((y1 - 1) // 2, (x - 1) // 2) for x in range(min(x1, x2) + 1, max(x1, x2)) if x % 2
            }
        if x1 == x2 and x1 % 2:
            crossed |= {
                ((y - 1) // 2, (x1 - 1) // 2) for y in range(min(y1, y2) + 1, max(y1, y2)) if y % 2
            }
    return crossed


def check(
    layout_attributes: dict[str, str], links: list[tuple[str, str]], lane_of: dict[str, int]
) -> None:
    places, lanes, routes = decoded(layout_attributes)
    bands = [tuple(map(int, lane.split(":")[1:])) for lane in lanes]
    assert len(set(places.values())) == len(places), "one box per cell"
    for node, (row, _) in places.items():
        first, count = bands[lane_of[node]]
        assert first <= row < first + count, f"{node} in its lane"
    assert len(routes) == len(links)
    occupied = {place: node for node, place in places.items()}
    for (source, target), (leaves, enters, corners) in zip(links, routes, strict=True):
        points = [port(places[source], leaves), *corners, port(places[target], enters)]
        for cell in cells_crossed(points):
            assert occupied.get(cell) in (None, source, target), (
                f"{source}->{target} crosses {occupied[cell]}"
            )


def diagram_links(source: str) -> list[tuple[str, str]]:
    import re

    return [
        (m[1], m[2])
        for m in re.finditer(r"^  (\w+) -[-.]+>(?:\|\"[^\"]*\"\|)? (\w+)$", source, re.M)
    ]


def lanes_of(source: str) -> dict[str, int]:
    import re

    lane_of, index = {}, -1
    for line in source.splitlines():
        if line.startswith("  subgraph "):
            index += 1
        elif line.startswith("    ") and index >= 0:
            lane_of[re.match(r"    (\w+)", line)[1]] = index
    return lane_of


def swimlanes_of(handbook) -> list:  # type: ignore[no-untyped-def]
    renderer = Renderer(handbook, BuildOptions(today=TODAY))
    found = []
    for process in handbook.processes:
        found.append(renderer.swimlane(process))
        if any(s.change for s in process.steps):
            found.append(
                renderer.swimlane(
                    process, steps=process.steps, arrows=edges(process) + old_edges(process)
                )
            )
    return found


@pytest.mark.parametrize("index", range(len(swimlanes_of(SAMPLE))))
def test_sample_swimlanes_keep_boxes_in_lanes_and_arrows_off_other_boxes(index: int) -> None:
    diagram = swimlanes_of(SAMPLE)[index]
    check(diagram.layout, diagram_links(diagram.source), lanes_of(diagram.source))


@pytest.mark.parametrize("steps", [60, 149])
def test_long_synthetic_processes_are_laid_out_as_lanes(steps: int, tmp_path: Path) -> None:
    folder = tmp_path / "processes"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "synthetic.py"),
            "3",
            str(folder),
            "--steps",
            f"{steps}-{steps}",
        ],
        check=True,
        capture_output=True,
    )
    handbook = load(folder).handbook
    for diagram in swimlanes_of(handbook):
        places, lanes, _ = decoded(diagram.layout)
        assert len(lanes) > 1 and len(places) >= steps
        check(diagram.layout, diagram_links(diagram.source), lanes_of(diagram.source))


def test_a_hand_off_stays_in_its_column_and_a_decision_leaves_by_a_side_per_branch() -> None:
    boxes = [Box("start", 0), Box("a", 0), Box("b", 1), Box("c", 0), Box("d", 1), Box("end", 0)]
    links = [
        Link("start", "a"),
        Link("a", "b"),  # a hand-off down to the next lane: same column, straight down
        Link("b", "c"),
        Link("b", "d"),
        Link("d", "a", "loop"),
        Link("c", "end"),
    ]
    grid = layout(boxes, links, 2)
    assert grid.places["a"].col == grid.places["b"].col
    assert grid.routes[1].leaves + grid.routes[1].enters == "SN" and grid.routes[1].corners == ()
    assert grid.routes[2].leaves != grid.routes[3].leaves  # the decision's two branches
    assert grid.places["c"] == Cell(0, grid.places["b"].col + 1)


def test_the_layout_is_the_same_every_time() -> None:
    first = [d.layout for d in swimlanes_of(SAMPLE)]
    assert first == [d.layout for d in swimlanes_of(load(REPO / "processes").handbook)]
    assert all(isinstance(d, dict) and set(d) == {"lanes", "nodes", "routes"} for d in first)


def test_encoded_layout_uses_only_safe_characters() -> None:
    import re

    for diagram in swimlanes_of(SAMPLE):
        for value in diagram.layout.values():
            assert re.fullmatch(r"[A-Za-z0-9:.,| ]*", value), value
