"""Mermaid source for the improvement story: 5-Why chains, the fishbone and the plan's Gantt chart.

Like the swimlane (see `mermaid.py`), node ids are generated and every piece of
author text goes through `label()`, so nothing a process file says can end a
label, start a directive or become markup. Diagrams that Material does not
style (Gantt, Ishikawa) bring their own CSS, written with Material's colour
variables so they read on the light and the dark palette alike. (A diagram's
own `themeCSS` replaces Material's for that diagram, so the swimlanes and the
why-chains, which Material does style, carry none.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise

from ..model.entities import Phase, Problem
from .marking import AMBER, GREEN, class_def
from .mermaid import label

#: Mermaid learned the Ishikawa (fishbone) diagram, as `ishikawa-beta`, in 11.13.
ISHIKAWA_SINCE = (11, 13)

#: Like the swimlane marks: Material's label colour stays readable on both palettes,
#: and the shape (hexagon, rounded box) tells them apart where colour does not.
ROOT_CAUSE_CSS = class_def(AMBER)
FIX_CSS = class_def(GREEN)

# Material styles flowcharts, not these two: text and lines in its foreground colour.
_INK = "var(--md-default-fg-color,#333)"
_LINE = "var(--md-default-fg-color--light,#666)"
_FISHBONE_CSS = (
    f".ishikawa text{{fill:{_INK}}}"
    ".ishikawa .ishikawa-spine,.ishikawa .ishikawa-branch,.ishikawa .ishikawa-sub-branch"
    f"{{stroke:{_LINE}}}"
    f".ishikawa .ishikawa-arrow{{fill:{_LINE}}}"
    ".ishikawa .ishikawa-head,.ishikawa .ishikawa-label-box"
    "{fill:var(--md-default-bg-color,#fff);stroke:var(--md-accent-fg-color,#526cfe)}"
)
# Bars are light in both palettes, so the text inside them is dark; text beside a bar
# sits on the page and takes the page's foreground colour. Not started: grey; in progress:
# blue; done: green (each bar's text also starts with its status mark). Axis labels at
# 13px stay at least 11px when the chart is fitted to a narrow column.
_GANTT_CSS = (
    ".task{fill:#e0e0e0;stroke:#616161}"
    ".active0,.active1,.active2,.active3{fill:#90caf9;stroke:#1565c0}"
    ".done0,.done1,.done2,.done3{fill:#a5d6a7;stroke:#2e7d32}"
    ".taskText,.taskText0,.taskText1,.taskText2,.taskText3{fill:#1b1b1b}"
    f".taskTextOutsideRight,.taskTextOutsideLeft{{fill:{_INK}}}"
    # Mermaid gives a done or active phase's text beside its bar a fixed colour (!important).
    + ",".join(
        f".{kind}Text{n}.taskTextOutside{side}"
        for kind in ("done", "active")
        for n in range(4)
        for side in ("Left", "Right")
    )
    + f"{{fill:{_INK} !important}}"
    f".grid .tick text{{fill:{_INK};font-size:13px}}"
    ".grid .tick line{stroke:var(--md-default-fg-color--lightest,#ddd)}"
)
#: The reader's "today" on the chart, drawn by the browser when it opens the page.
_TODAY_MARKER = "stroke-width:3px,stroke:#e53935,opacity:0.9"
#: A phase's status on a date, as Mermaid's task tag ("" for not started).
PHASE_TAGS = {"done": "done", "active": "active", "planned": ""}


#: Plans longer than this get month ticks on the Gantt axis (Mermaid draws about ten ticks).
_DAYS_ON_AXIS = 180


def supports_fishbone(version: tuple[int, ...]) -> bool:
    return version >= ISHIKAWA_SINCE


def _config(*lines: str) -> list[str]:
    """A front-matter block with the given `config:` lines (indented under it)."""
    return ["---", "config:", *(f"  {line}" for line in lines), "---"]


@dataclass(frozen=True)
class WhyText:
    """The words of a why-chain in the page language."""

    symptom: str  # before the first entry, e.g. "现象："
    why: str  # on each arrow, e.g. "为什么？"
    root_cause: str  # before the root cause, e.g. "根本原因："
    fix: str  # before the fix, e.g. "改进措施："


def why_chain(problem: Problem, text: WhyText) -> str:
    """Symptom → why → … → root cause → fix, top to bottom (wide boxes: a line or two each).

    The root cause is a hexagon and the fix a rounded box, each with a text
    prefix as well as its colour, so the chain reads without colour too.
    """
    layout = ("  useMaxWidth: false", "  wrappingWidth: 360", "  rankSpacing: 36")
    lines = _config("flowchart:", *layout)
    lines.append("flowchart TB")
    ids = []
    for index, why in enumerate(problem.whys):
        node = f"w{index}"
        ids.append(node)
        if index == 0:
            lines.append(f'  {node}(["{label(text.symptom + why)}"])')
        else:
            lines.append(f'  {node}["{label(why)}"]')
    if problem.root_cause:
        ids.append("root")
        lines.append(f'  root{{{{"{label(text.root_cause + problem.root_cause)}"}}}}')
    if problem.fix:
        ids.append("fix")
        lines.append(f'  fix(["{label(text.fix + problem.fix)}"])')
    for before, after in pairwise(ids):
        caption = f'|"{label(text.why)}"|' if after.startswith("w") else ""
        lines.append(f"  {before} -->{caption} {after}")
    if problem.root_cause:
        lines += [f"  classDef phRoot {ROOT_CAUSE_CSS}", "  class root phRoot"]
    if problem.fix:
        lines += [f"  classDef phFix {FIX_CSS}", "  class fix phFix"]
    return "\n".join(lines) + "\n"


def fishbone(effect: str, groups: list[tuple[str, list[Problem]]]) -> str:
    """An Ishikawa diagram: the effect at the head, one bone per category, its problems on it."""
    lines = [*_config(f'themeCSS: "{_FISHBONE_CSS}"'), "ishikawa-beta", f"  {_line_label(effect)}"]
    for category, problems in groups:
        lines.append(f"    {_line_label(category)}")
        lines += [f"      {_line_label(p.title)}" for p in problems]
    return "\n".join(lines) + "\n"


def phase_status(phase: Phase, today: dt.date | None) -> str | None:
    """done, active or planned on `today` (the build's date); None without a date or dates."""
    if today is None or phase.start is None or phase.end is None:
        return None
    if phase.end < today:
        return "done"
    return "active" if phase.start <= today else "planned"


def gantt(bars: list[tuple[Phase, str, str | None]], marks: dict[str, str] | None = None) -> str:
    """The plan as a Gantt chart: each phase with the text of its bar and its status.

    `marks` are the text marks of the statuses (e.g. "✓ " for done), put before a bar's text
    so the status does not rest on colour alone.

    End dates are inclusive, as people write them (a phase ending 2026-01-16
    includes that day). Each bar is coloured by its status on the build's date
    (`phase_status`); the red "today" line is drawn by the reader's browser, so the
    page itself stays the same from one day to the next. The axis names months
    for a long plan and days for a short one, so its ticks never overlap.
    """
    starts = [phase.start for phase, _, _ in bars if phase.start]
    ends = [phase.end for phase, _, _ in bars if phase.end]
    days = (max(ends) - min(starts)).days if starts and ends else 0
    lines = _config(
        "gantt:",
        "  useMaxWidth: true",
        "  useWidth: 760",
        "  barHeight: 24",
        "  fontSize: 14",
        f'themeCSS: "{_GANTT_CSS}"',
    )
    axis = "%Y-%m" if days > _DAYS_ON_AXIS else "%m-%d"
    lines += ["gantt", "  dateFormat YYYY-MM-DD", f"  axisFormat {axis}", "  inclusiveEndDates"]
    lines.append(f"  todayMarker {_TODAY_MARKER}")
    for index, (phase, caption, status) in enumerate(bars):
        if phase.start is None or phase.end is None:
            continue
        dates = f"{phase.start.isoformat()}, {phase.end.isoformat()}"
        tag = PHASE_TAGS.get(status or "planned", "")
        mark = (marks or {}).get(status or "", "").strip()
        mark = f"{label(mark)} " if mark else ""
        lines.append(
            f"  {mark}{_line_label(caption)} :{tag + ', ' if tag else ''}p{index}, {dates}"
        )
    return "\n".join(lines) + "\n"


def _line_label(text: str) -> str:
    """A label that is a whole line of the diagram (Gantt task, fishbone bone).

    Such lines are matched against the diagram's keywords first (`section`,
    `click`, `title`, a date, ...), so a leading letter or digit is encoded too:
    no name can read as a keyword.
    """
    encoded = label(text)
    if encoded[0].isascii() and encoded[0].isalnum():
        encoded = f"#{ord(encoded[0])};{encoded[1:]}"
    return encoded
