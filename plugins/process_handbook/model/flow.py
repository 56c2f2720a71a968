"""The arrows of a process: who hands over to whom, with defaults applied."""

from __future__ import annotations

from dataclasses import dataclass

from .entities import END, Process, Step

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
