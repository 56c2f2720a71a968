"""Mermaid source for the swimlane of a process, and the handbook's own layout of it.

Node and lane ids are generated (never author text), and every label is
written with Mermaid entity codes, so no name can end a label, start a
directive, break the diagram or inject markup. The only markup in a label is
the handbook's own: the line break before the owner and the `<small>` around it.

The diagram is a plain `swimlane-beta` that any Mermaid since 11.16 draws
with its own layout; the handbook's site draws it with the layout of
`lanes.py` instead (handed over as data attributes beside the diagram), which
stays fast up to the 150-step limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import paths
from ..model.entities import END, Process, Step
from ..model.flow import START, Edge, diagram_edges, edges
from ..model.grid import Box
from .lanes import Link, layout

#: Mermaid learned `swimlane-beta` in 11.16; older versions get a flowchart with lane subgraphs.
SWIMLANE_SINCE = (11, 16)
#: Mermaid takes layouts from outside (the handbook's) since 11.0; before, Material draws them.
LAYOUT_SINCE = (11, 0)

_PLAIN = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff ]")
#: Steps are boxes, decisions hexagons (compact for a question of a few words), subprocesses
#: boxes with double sides; start and end are rounded.
_SHAPES = {"task": ('["', '"]'), "decision": ('{{"', '"}}'), "subprocess": ('[["', '"]]')}
START_ID, END_ID = "start", "finish"
#: Node boxes: labels wrap at this width (px), with this padding around them.
WRAP_WIDTH, NODE_PADDING = 72, 6
#: How the kinds of arrow look beside the solid flow: a rework loop is dotted and amber,
#: a path of the previous version long-dashed and grey (legend: `labels.arrow_*`).
ARROW_STYLES = {
    "loop": "stroke:#cc7a00,stroke-width:2px,stroke-dasharray:2 4",
    "old": "stroke:#8c8c8c,stroke-width:2px,stroke-dasharray:9 5",
}


def label(text: str) -> str:
    """Text inside a quoted Mermaid label: letters, digits and CJK as is, the rest as #code;.

    Blank text becomes a dash: Mermaid refuses an empty label (`[""]`) and would
    then draw no diagram at all. The space after "direction" is encoded too: Mermaid
    reads `direction TB` (LR, RL, BT, TD) as a statement even inside a quoted lane title.
    """
    flat = " ".join(text.split())
    encoded = "".join(ch if _PLAIN.match(ch) else f"#{ord(ch)};" for ch in flat)
    return encoded.replace("direction ", "direction#32;") or "#8212;"


def supports_swimlanes(version: tuple[int, ...]) -> bool:
    return version >= SWIMLANE_SINCE


def supports_layout(version: tuple[int, ...]) -> bool:
    return version >= LAYOUT_SINCE


def old_mermaid_warning(version: tuple[int, ...]) -> str | None:
    """What a site serving `version` is told, when it gets flowcharts instead of swimlanes."""
    if supports_swimlanes(version):
        return None
    boxes = (
        ""
        if supports_layout(version)
        else f" (one box per department below {_dotted(LAYOUT_SINCE)})"
    )
    return (
        f"Mermaid {_dotted(version)} is older than {_dotted(SWIMLANE_SINCE)}: swimlanes are drawn "
        f"as flowcharts with lane subgraphs{boxes}; serve Mermaid {_dotted(SWIMLANE_SINCE)} or "
        "later for real swimlanes"
    )


def _dotted(version: tuple[int, ...]) -> str:
    return ".".join(map(str, version))


@dataclass(frozen=True)
class DiagramText:
    """What the diagram needs that depends on the page language."""

    start: str
    end: str


@dataclass(frozen=True)
class StepStyle:
    """Extra marking for some steps (e.g. open problems, or old-versus-new changes)."""

    css_class: str
    prefix: str = ""  # a text marker, so the marking never relies on colour alone


@dataclass(frozen=True)
class Swimlane:
    """A swimlane diagram: its Mermaid source, its layout, and which kinds of arrow it draws."""

    source: str
    #: The handbook's layout (`lanes.Layout.encode`): data attributes of the diagram's box.
    layout: dict[str, str]
    arrow_kinds: tuple[str, ...]
    #: Drawn by the handbook's viewer (`swimlane.js`) with that layout, which the site's Mermaid
    #: supports (`supports_layout`); else a plain Mermaid diagram the theme draws.
    viewer: bool = True


def swimlane(
    process: Process,
    lane_names: dict[str, str],
    owner_names: dict[str, str],
    text: DiagramText,
    *,
    swimlanes: bool = True,
    viewer: bool = True,
    steps: list[Step] | None = None,
    arrows: list[Edge] | None = None,
    styles: dict[str, StepStyle] | None = None,
    class_defs: dict[str, str] | None = None,
    lane_fills: tuple[str, ...] = (),
) -> Swimlane:
    """The diagram of `steps` (default: the current flow) in one lane per department.

    Lanes follow `process.lanes`; a lane without any of the drawn steps is left
    out. Each step shows its accountable owner on a second line; clicking a step
    goes to its anchor on the page. Each lane with a step that ends the process
    has an end of its own, so no arrow crosses the diagram to reach a shared one.
    `lane_fills` colour the drawn lanes in turn (translucent fills read well on
    light and dark pages).
    """
    steps = process.current_steps if steps is None else steps
    arrows = edges(process) if arrows is None else arrows
    styles = styles or {}
    node = {s.id: f"s{i}" for i, s in enumerate(steps)}
    order = {s.id: i for i, s in enumerate(steps)}
    lane_of = {s.id: s.lane for s in steps}
    # The process starts at its first current step, even when removed steps are drawn too.
    first = next((s for s in process.current_steps if s.id in node), None)
    drawn_lanes = [lane for lane in process.lanes or [] if any(s.lane == lane for s in steps)]
    ending = [
        lane
        for lane in drawn_lanes
        if any(a.target == END and lane_of.get(a.source) == lane for a in arrows)
    ]
    end_id = {lane: f"{END_ID}{i}" for i, lane in enumerate(ending)}

    header = "swimlane-beta LR" if swimlanes else "flowchart LR"
    # Natural size: the page's viewer fits, zooms and pans it.
    lines = [
        "---",
        "config:",
        "  flowchart:",
        "    useMaxWidth: false",
        f"    wrappingWidth: {WRAP_WIDTH}",
        f"    padding: {NODE_PADDING}",
        "    minNodeWidth: 0",
        "  swimlane:",
        "    useMaxWidth: false",
        "---",
        header,
    ]
    boxes: list[Box] = []
    ends: list[Box] = []
    drawn: list[str] = []
    for lane_index, lane in enumerate(process.lanes or []):
        if lane not in drawn_lanes:
            continue
        position = len(drawn)
        drawn.append(f"lane{lane_index}")
        lines.append(f'  subgraph lane{lane_index}["{label(lane_names.get(lane, lane))}"]')
        if first is not None and lane == first.lane:
            lines.append(f'    {START_ID}(["{label(text.start)}"])')
            boxes.insert(0, Box(START_ID, position))
        for step in (s for s in steps if s.lane == lane):
            style = styles.get(step.id or "")
            prefix = style.prefix if style else ""
            opening, closing = _SHAPES[step.kind]
            owner = label(owner_names.get(step.owner, step.owner))
            name = label(prefix + step.name)
            lines.append(f"    {node[step.id]}{opening}{name}<br><small>{owner}</small>{closing}")
        if lane in end_id:
            lines.append(f'    {end_id[lane]}(["{label(text.end)}"])')
            ends.append(Box(end_id[lane], position))
        lines.append("  end")
    lane_position = {lane: i for i, lane in enumerate(drawn_lanes)}
    boxes[1:1] = [Box(node[s.id], lane_position[s.lane]) for s in steps]
    links: list[Link] = []
    for arrow in diagram_edges(process, arrows):
        if arrow.source == START:
            if first is None:
                continue
            source, target = START_ID, node[first.id]
        else:
            if arrow.source not in node or (arrow.target != END and arrow.target not in node):
                continue
            source = node[arrow.source]
            target = end_id[lane_of[arrow.source]] if arrow.target == END else node[arrow.target]
        backwards = (
            target not in end_id.values()
            and source != START_ID
            and order[arrow.target] <= order[arrow.source]
        )
        kind = "old" if arrow.old else "loop" if backwards else "flow"
        link = "-.->" if kind != "flow" else "-->"
        caption = f'|"{label(arrow.label)}"|' if arrow.label else ""
        lines.append(f"  {source} {link}{caption} {target}")
        links.append(Link(source, target, kind))
    for kind, css in ARROW_STYLES.items():
        numbers = [str(i) for i, link in enumerate(links) if link.kind == kind]
        if numbers:
            lines.append(f"  linkStyle {','.join(numbers)} {css}")
    for step in steps:
        lines.append(f'  click {node[step.id]} href "#{paths.step_anchor(step.id or "")}"')
    for name, css in sorted((class_defs or {}).items()):
        lines.append(f"  classDef {name} {css}")
    for step in steps:
        style = styles.get(step.id or "")
        if style:
            lines.append(f"  class {node[step.id]} {style.css_class}")
    if lane_fills:
        for n, lane_id in enumerate(drawn):
            lines.append(
                f"  style {lane_id} fill:{lane_fills[n % len(lane_fills)]},stroke:#8c8c8c66"
            )
    grid = layout(boxes + ends, links, len(drawn))
    kinds = tuple(k for k in ("flow", "loop", "old") if any(link.kind == k for link in links))
    return Swimlane("\n".join(lines) + "\n", grid.encode(drawn), kinds, viewer)
