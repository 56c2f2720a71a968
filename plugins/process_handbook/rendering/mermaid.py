"""Mermaid source for the swimlane of a process.

Node and lane ids are generated (never author text), and every label is
written with Mermaid entity codes, so no name can end a label, start a
directive, break the diagram or inject markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import paths
from ..model.entities import END, Process, Step
from ..model.flow import Edge, edges

#: Mermaid learned `swimlane-beta` in 11.16; older versions get a flowchart with lane subgraphs.
SWIMLANE_SINCE = (11, 16)
#: Longer flows are drawn as a flowchart with one box per department: Mermaid 12.3's
#: swimlane layout untangles crossing arrows in time that grows steeply with their number
#: (about 0.45 s at 30 steps, 0.7 s at 40, 6 s at 60 in headless Chromium), while the
#: flowchart layout draws 60 steps in about 0.4 s (1.2 s as the first diagram of a page,
#: while Mermaid's code is still cold; benchmarks/README.md).
SWIMLANE_MAX_STEPS = 30

_PLAIN = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff ]")
_SHAPES = {"task": ('["', '"]'), "decision": ('{"', '"}'), "subprocess": ('[["', '"]]')}
START_ID, END_ID = "start", "finish"


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


def old_mermaid_warning(version: tuple[int, ...]) -> str | None:
    """What a site serving `version` is told, when it gets flowcharts instead of swimlanes."""
    if supports_swimlanes(version):
        return None
    return (
        f"Mermaid {'.'.join(map(str, version))} is older than {'.'.join(map(str, SWIMLANE_SINCE))}"
        ": swimlanes are drawn as flowcharts with one box per department; serve Mermaid >= 12.3 "
        "for real swimlanes"
    )


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


def swimlane(
    process: Process,
    lane_names: dict[str, str],
    text: DiagramText,
    *,
    swimlanes: bool = True,
    steps: list[Step] | None = None,
    arrows: list[Edge] | None = None,
    styles: dict[str, StepStyle] | None = None,
    class_defs: dict[str, str] | None = None,
    lane_fills: tuple[str, ...] = (),
) -> str:
    """The diagram of `steps` (default: the current flow) in one lane per department.

    Lanes follow `process.lanes`; a lane without any of the drawn steps is left
    out. Clicking a step goes to its anchor on the page. `lane_fills` colour
    the drawn lanes in turn (translucent fills read well on light and dark pages).
    """
    steps = process.current_steps if steps is None else steps
    arrows = edges(process) if arrows is None else arrows
    styles = styles or {}
    node = {s.id: f"s{i}" for i, s in enumerate(steps)}
    order = {s.id: i for i, s in enumerate(steps)}
    # The process starts at its first current step, even when removed steps are drawn too.
    first = next((s for s in process.current_steps if s.id in node), None)
    enders = [a.source for a in arrows if a.target == END]
    last_lane = next(
        (s.lane for s in reversed(steps) if s.id in enders), first.lane if first else None
    )

    header = "swimlane-beta LR" if swimlanes else "flowchart LR"
    # Natural size: a wide process scrolls sideways instead of shrinking its labels.
    lines = [
        "---",
        "config:",
        "  flowchart:",
        "    useMaxWidth: false",
        "  swimlane:",
        "    useMaxWidth: false",
        "---",
        header,
    ]
    drawn: list[str] = []
    for lane_index, lane in enumerate(process.lanes or []):
        members = [s for s in steps if s.lane == lane]
        if not members:
            continue
        drawn.append(f"lane{lane_index}")
        lines.append(f'  subgraph lane{lane_index}["{label(lane_names.get(lane, lane))}"]')
        if first is not None and lane == first.lane:
            lines.append(f'    {START_ID}(["{label(text.start)}"])')
        for step in members:
            style = styles.get(step.id or "")
            prefix = style.prefix if style else ""
            opening, closing = _SHAPES[step.kind]
            lines.append(f"    {node[step.id]}{opening}{label(prefix + step.name)}{closing}")
        if enders and lane == last_lane:
            lines.append(f'    {END_ID}(["{label(text.end)}"])')
        lines.append("  end")
    if first is not None:
        lines.append(f"  {START_ID} --> {node[first.id]}")
    for arrow in arrows:
        if arrow.source not in node or (arrow.target != END and arrow.target not in node):
            continue
        target = END_ID if arrow.target == END else node[arrow.target]
        backwards = arrow.target != END and order[arrow.target] <= order[arrow.source]
        link = "-.->" if backwards or arrow.old else "-->"
        caption = f'|"{label(arrow.label)}"|' if arrow.label else ""
        lines.append(f"  {node[arrow.source]} {link}{caption} {target}")
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
    return "\n".join(lines) + "\n"
