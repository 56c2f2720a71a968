"""The arrows of a process: who hands over to whom, with defaults applied."""

from __future__ import annotations

from dataclasses import dataclass

from .entities import END, Process, Step
from .values import Duration

#: The source of the arrow from a diagram's start into the first step (never a step id).
START = "^start"


@dataclass(frozen=True)
class Edge:
    source: str  # step id
    target: str  # step id, or END
    label: str | None = None  # the branch condition of a decision
    branch: bool = False  # True for a decision branch (the only way a loop may close)
    old: bool = False  # True for an arrow of the previous version only (see `old_edges`)


def successors(process: Process, step: Step) -> list[Edge]:
    """Where the current flow goes after `step` (the spec's defaults included)."""
    assert step.id is not None, "defaults are applied before the flow is read"
    if step.kind == "decision" or isinstance(step.next, list):
        return [Edge(step.id, b.to, b.when, branch=True) for b in step.branches]
    if isinstance(step.next, str):
        return [Edge(step.id, step.next)]
    current = process.current_steps
    index = next(i for i, s in enumerate(current) if s is step)
    following = current[index + 1].id if index + 1 < len(current) else END
    return [Edge(step.id, following or END)]


def edges(process: Process) -> list[Edge]:
    """Every arrow of the current flow, in step order."""
    return [edge for step in process.current_steps for edge in successors(process, step)]


def old_edges(process: Process) -> list[Edge]:
    """The arrows of the previous version that the file still tells: the written `next` of each
    `change: removed` step. Without a written `next` the old order is unknown, so none is guessed."""
    known = {s.id for s in process.steps} | {END}
    arrows: list[Edge] = []
    for step in process.steps:
        if step.change != "removed" or step.id is None:
            continue
        if isinstance(step.next, str):
            arrows.append(Edge(step.id, step.next, old=True))
        for branch in step.branches:
            arrows.append(Edge(step.id, branch.to, branch.when, branch=True, old=True))
    return [a for a in arrows if a.target in known]


def diagram_edges(process: Process, arrows: list[Edge]) -> list[Edge]:
    """Every arrow a diagram of `arrows` draws: the one from its start first, ends included.

    Mermaid counts these against its `maxEdges`, so the arrow limit counts them too.
    """
    first = process.current_steps[0].id if process.current_steps else None
    return ([Edge(START, first)] if first else []) + arrows


@dataclass(frozen=True)
class Version:
    """One version of a process's flow: its steps in list order and the arrows between them."""

    steps: list[Step]
    arrows: list[Edge]
    previous: bool = False  # the flow before the redesign

    def duration(self, step: Step) -> Duration | None:
        """A step's time limit in this version: before the redesign, a `change: changed` step
        took its `previous_duration` where it gives one (a removed step's `duration` is its old one)."""
        if self.previous and step.change == "changed" and step.previous_duration is not None:
            return step.previous_duration
        return step.duration


def current_version(process: Process) -> Version:
    return Version(process.current_steps, edges(process))


def previous_version(process: Process) -> Version | None:
    """The flow before the redesign, as far as the `change` marks tell it; None without marks.

    Its steps are every step not marked `change: new` (removed ones included), in list
    order; each goes where its written `next` says, else, as the spec's default, to the
    following step of that list. An arrow into a new step goes on to wherever that step
    leads, since the new step was not there before.
    """
    if not any(s.change for s in process.steps):
        return None
    steps = [s for s in process.steps if s.change != "new"]
    new = {s.id: s for s in process.steps if s.change == "new"}
    arrows: list[Edge] = []
    for index, step in enumerate(steps):
        assert step.id is not None, "defaults are applied before the flow is read"
        written: list[tuple[str, str | None]]
        if step.kind == "decision" or isinstance(step.next, list):
            written = [(b.to, b.when) for b in step.branches]
        elif isinstance(step.next, str):
            written = [(step.next, None)]
        else:
            following = steps[index + 1].id if index + 1 < len(steps) else END
            written = [(following or END, None)]
        seen: set[str] = set()
        for target, label in written:
            for end in _past_new(process, target, new, set()):
                if end not in seen:
                    seen.add(end)
                    arrows.append(Edge(step.id, end, label, branch=label is not None))
    return Version(steps, arrows, previous=True)


def _past_new(
    process: Process, target: str, new: dict[str | None, Step], seen: set[str]
) -> list[str]:
    """Where an arrow to `target` led before: past every new step to the old steps (or the end)."""
    if target not in new or target in seen:
        return [] if target in seen else [target]
    seen.add(target)
    return [
        end
        for edge in successors(process, new[target])
        for end in _past_new(process, edge.target, new, seen)
    ]
