"""The improvement story of one process page, ready for its templates.

Diagnosis (problems, 5-Why, fishbone), redesign (old versus new), goals and
the plan: this module decides what each part shows and builds its diagrams;
the templates only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from markupsafe import Markup

from ..i18n.labels import Labels
from ..model.entities import Goal, Phase, Problem, Process, Step
from ..model.flow import edges, old_edges
from ..model.handbook import Handbook
from ..model.progress import progress
from ..options import BuildOptions
from . import marking
from .diagrams import WhyText, fishbone, gantt, phase_status, supports_fishbone, why_chain
from .mermaid import StepStyle, Swimlane


class Renderer(Protocol):
    """What the improvement story needs of the page renderer (`pages.Renderer` passes itself)."""

    handbook: Handbook
    options: BuildOptions
    labels: Labels

    def swimlane(
        self, process: Process, styles: dict[str, StepStyle] | None = None, **kwargs: Any
    ) -> Swimlane: ...


@dataclass(frozen=True)
class LegendEntry:
    swatch: Markup
    marker: str
    meaning: str


@dataclass(frozen=True)
class WhyChain:
    anchor: str  # e.g. "why-1", the problem's place in the list
    problem: Problem
    diagram: str


@dataclass(frozen=True)
class ImprovementView:
    #: The current-flow swimlane marks steps with open problems.
    problems_marked: bool
    #: The old-versus-new swimlane (None when no step has `change`), its legend, the steps
    #: added and changed (by kind), the changed steps that give their old time limit, and
    #: the removed steps, which the steps section (current flow only) leaves out.
    compare: Swimlane | None
    legend: list[LegendEntry]
    changed: dict[str, list[Step]]
    retimed: list[Step]
    removed: list[Step]
    whys: list[WhyChain]
    #: Problems by category; drawn as a fishbone when the site's Mermaid can, else listed.
    categories: list[tuple[str, list[Problem]]]
    fishbone: str | None
    gantt: str | None
    #: Each phase's status on the build's date (keyed by `id(phase)`): done, active, planned.
    phase_status: dict[int, str | None]

    def status(self, phase: Phase) -> str | None:
        return self.phase_status.get(id(phase))

    def why_anchor(self, problem: Problem) -> str | None:
        return next((w.anchor for w in self.whys if w.problem is problem), None)


def open_problem_marks(process: Process, labels: Labels) -> marking.Marks:
    return marking.open_problems(process, labels.open_problem_marker)


def improvement_view(renderer: Renderer, process: Process) -> ImprovementView:
    labels = renderer.labels
    compare: Swimlane | None = None
    legend: list[LegendEntry] = []
    used = {s.change for s in process.steps if s.change}
    if used:
        markers = {kind: labels[f"change_marker_{kind}"] for kind in marking.CHANGE_KINDS}
        marks = marking.changes(process, markers)
        compare = renderer.swimlane(
            process,
            styles=marks.styles,
            class_defs=marks.class_defs,
            steps=process.steps,
            arrows=edges(process) + old_edges(process),
        )
        legend = [
            LegendEntry(marking.swatch(kind), markers[kind], labels[f"legend_{kind}"])
            for kind in marking.CHANGE_KINDS
            if kind in used
        ]
    text = WhyText(labels.why_symptom, labels.why_arrow, labels.why_root_cause, labels.why_fix)
    whys = [
        WhyChain(f"why-{number}", problem, why_chain(problem, text))
        for number, problem in enumerate(process.problems, 1)
        if problem.whys
    ]
    categories = _categories(process.problems)
    draw_fishbone = bool(categories) and supports_fishbone(renderer.options.mermaid_version)
    effect = labels.fmt("fishbone_effect", process=process.title)
    return ImprovementView(
        problems_marked=bool(open_problem_marks(process, labels).styles),
        compare=compare,
        legend=legend,
        changed={
            kind: [s for s in process.steps if s.change == kind] for kind in ("new", "changed")
        },
        retimed=[s for s in process.steps if s.change == "changed" and s.previous_duration],
        removed=[s for s in process.steps if s.change == "removed"],
        whys=whys,
        categories=categories,
        fishbone=fishbone(effect, categories) if draw_fishbone else None,
        gantt=gantt(
            [(p, _bar(renderer, p), phase_status(p, renderer.options.today)) for p in process.plan],
            {status: labels[f"plan_mark_{status}"] for status in ("done", "active", "planned")},
        )
        if process.plan
        else None,
        phase_status={id(p): phase_status(p, renderer.options.today) for p in process.plan},
    )


def _categories(problems: list[Problem]) -> list[tuple[str, list[Problem]]]:
    """Problems that name a category, grouped in the order the categories first appear."""
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.category:
            groups.setdefault(problem.category, []).append(problem)
    return list(groups.items())


def _bar(renderer: Renderer, phase: Phase) -> str:
    """A Gantt bar's text: the phase and, when it has one, its owner's role name."""
    if not phase.owner:
        return phase.phase
    owner = renderer.handbook.party_name(phase.owner)
    return renderer.labels.fmt("phase_owner", phase=phase.phase, owner=owner)


def progress_bar(goal: Goal, name: str) -> Markup:
    """A progress bar with the percentage as text; a dash when the values are not comparable.

    Every attribute comes from code (`name` is catalogue text, the numbers are
    computed), so no author text ends up inside the tag.
    """
    done = progress(goal)
    if done is None:
        return Markup("—")
    bar = '<progress class="ph-progress" value="{0}" max="100" aria-label="{1}">{0}%</progress>'
    return Markup('<span class="ph-goal">' + bar + " {0}%</span>").format(done.percent, name)
