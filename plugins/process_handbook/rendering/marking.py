"""Which steps a swimlane view marks, and how: open problems (current flow), changes (comparison).

Every mark is a text prefix *and* a colour (a translucent fill with a strong
border, so Material's label colour stays readable on the light and the dark
palette), and removed steps also get a dashed border: the views read without
colour, for colour-blind readers and on paper.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from ..model.entities import Process
from .mermaid import StepStyle

#: Mid-tone colours: as a border they stand out on white and on Material's dark slate alike.
GREEN, AMBER, GREY, RED = "#43a047", "#cc7a00", "#8c8c8c", "#e53935"
#: Mermaid class name and base colour of each change kind.
_CHANGES: dict[str, tuple[str, str]] = {
    "new": ("phNew", GREEN),
    "changed": ("phChanged", AMBER),
    "removed": ("phRemoved", GREY),
}
_PROBLEM = ("phProblem", RED)
#: Removed steps: dashed border, and the label struck through where the browser can.
_REMOVED_EXTRA = ",stroke-dasharray:6 4,text-decoration:line-through"
CHANGE_KINDS = tuple(_CHANGES)


def class_def(colour: str, extra: str = "") -> str:
    """A Mermaid classDef body: the colour as a translucent fill (25 %) and a 2px border."""
    return f"fill:{colour}40,stroke:{colour},stroke-width:2px{extra}"


@dataclass(frozen=True)
class Marks:
    """What `Renderer.swimlane` needs to draw the marks: styles per step id and the classes."""

    styles: dict[str, StepStyle]
    class_defs: dict[str, str]


def open_problems(process: Process, marker: str) -> Marks:
    """The steps with an open problem, prefixed with `marker` (fixed problems leave no mark)."""
    css_class, colour = _PROBLEM
    current = {s.id for s in process.current_steps}
    steps = {
        p.step for p in process.problems if p.step and p.step in current and p.status == "open"
    }
    styles = {step: StepStyle(css_class, marker) for step in sorted(steps)}
    return Marks(styles, {css_class: class_def(colour)} if styles else {})


def changes(process: Process, markers: dict[str, str]) -> Marks:
    """Every step with a `change`, prefixed with the marker of its kind (`markers[kind]`)."""
    styles: dict[str, StepStyle] = {}
    class_defs: dict[str, str] = {}
    for step in process.steps:
        if step.change is None or step.id is None:
            continue
        css_class, colour = _CHANGES[step.change]
        styles[step.id] = StepStyle(css_class, markers[step.change])
        extra = _REMOVED_EXTRA if step.change == "removed" else ""
        class_defs[css_class] = class_def(colour, extra)
    return Marks(styles, class_defs)


def swatch(kind: str) -> Markup:
    """A small box in the colours of a change kind for the legend (decorative: the text tells)."""
    _, colour = _CHANGES[kind]
    border = "dashed" if kind == "removed" else "solid"
    box = '<span class="ph-swatch" aria-hidden="true" style="background:{0}40;border:2px {1} {0}">'
    return Markup(box + "</span>").format(colour, border)
