"""Rules 3-5 on the flow: step kinds, decisions, reachability, endings and loops; what the
`change` marks allow (no arrow into a removed step, an old time limit only on a changed one)."""

from __future__ import annotations

from collections import defaultdict

from ..diagnostics import Mark, Report
from ..limits import MAX_EDGES, MAX_STEPS
from ..model.entities import END, Process, Step
from ..model.flow import Edge, edges
from ..nodes import Scalar, Sequence
from .locate import key_mark, mark_of, written


def check_flow(process: Process, report: Report) -> None:
    steps = process.steps
    if not steps:
        node = process.source.get("steps") if process.source else None
        if isinstance(node, Sequence) and not node.items:
            report.error(
                node.mark,
                "no-steps",
                "a process needs at least one step",
                "add a step with name, lane and owner under `steps:`",
            )
        return
    if len(steps) > MAX_STEPS:
        report.error(
            key_mark(process, "steps"),
            "too-many-steps",
            f"the process has {len(steps)} steps; the limit is {MAX_STEPS}",
            "split it into sub-processes (kind: subprocess) that each stay readable",
        )
        return
    for step in steps:
        _check_kind(process, step, report)
        _check_previous(step, report)
    removed = {s.id for s in steps if s.change == "removed"}
    current = process.current_steps
    if not current:
        report.error(
            mark_of(process, "steps"),
            "no-current-steps",
            "every step is marked `change: removed`, so the current process has no steps",
            "remove `change: removed` from the steps that are still done",
        )
        return
    known = {s.id for s in steps}
    if len(known) < len(steps):
        return  # duplicate step ids are reported by the identity rules; their arrows are ambiguous
    every_edge = edges(process)
    arrows = [e for e in every_edge if e.target == END or e.target in known]
    by_id = {s.id: s for s in steps}
    for edge in arrows:
        if edge.target in removed:
            holder = by_id[edge.source]
            report.error(
                _edge_mark(holder, edge),
                "next-removed",
                f"'{edge.target}' is marked `change: removed`, so no step may lead to it",
                "point `next` at a step of the current process, or drop `change: removed`",
            )
    if len(arrows) > MAX_EDGES:
        report.error(
            key_mark(process, "steps"),
            "too-many-edges",
            f"the flow has {len(arrows)} arrows; a diagram can draw at most {MAX_EDGES}",
            "split it into sub-processes (kind: subprocess)",
        )
        return
    live = [e for e in arrows if e.target not in removed]
    if _flow_complete(current, every_edge, live):
        _check_reachability(current, live, report)
    _check_loops(current, live, report)


def _flow_complete(current: list[Step], every_edge: list[Edge], live: list[Edge]) -> bool:
    """False when an arrow is missing for a reason reported on its own: a `next` to an
    unknown or removed step, a decision short of branches. Until that is fixed,
    "unreachable" and "never ends" would only be echoes of it."""
    short = any(s.kind == "decision" and len(s.branches) < 2 for s in current)
    return len(live) == len(every_edge) and not short


def _edge_mark(step: Step, edge: Edge) -> Mark:
    if edge.branch:
        branch = next((b for b in step.branches if b.to == edge.target), None)
        if branch is not None:
            return mark_of(branch, "to")
    return mark_of(step, "next")


def _check_kind(process: Process, step: Step, report: Report) -> None:
    if _kind_invalid(step):
        return  # reported by the binder; the step only fell back to a task
    name = step.id
    if step.kind == "decision":
        if max(len(step.branches), _items_written(step, "next")) < 2:
            report.error(
                mark_of(step, "next") if step.next is not None else mark_of(step),
                "decision-branches",
                f"decision '{name}' needs at least two branches",
                "list them under next:, e.g. `next: [{to: a, when: 是}, {to: b, when: 否}]`",
            )
        _check_distinct(step, report)
    elif isinstance(step.next, list):
        report.error(
            mark_of(step, "next"),
            "branches-need-decision",
            f"step '{name}' lists branches but is not a decision",
            "add `kind: decision`, or give `next` a single step id",
        )
    if step.kind == "subprocess" and not step.process and not written(step, "process"):
        report.error(
            mark_of(step),
            "subprocess-process",
            f"subprocess step '{name}' does not say which process it runs",
            "add `process: <process id>`",
        )
    if step.kind != "subprocess" and step.process:
        report.error(
            key_mark(step, "process"),
            "process-needs-subprocess",
            f"step '{name}' links a process but is not a subprocess",
            "add `kind: subprocess`, or remove `process:`",
        )
    if step.kind == "subprocess" and step.process and step.process == process.id:
        report.error(
            mark_of(step, "process"),
            "subprocess-self",
            f"subprocess step '{name}' runs its own process",
            "link another process, or make this step a task",
        )


#: Why `previous_duration` means nothing on a step not marked `change: changed`, and the fix.
_PREVIOUS_MISPLACED: dict[str | None, tuple[str, str]] = {
    None: (
        "is not marked `change: changed`",
        (
            "add `change: changed` if the step took that long before the redesign, "
            "or remove `previous_duration`"
        ),
    ),
    "new": (
        "is marked `change: new`, so it had no previous time limit",
        "remove `previous_duration`, or mark the step `change: changed` if it existed before",
    ),
    "removed": (
        "is marked `change: removed`: its `duration` already is its time limit in the old flow",
        "write the old time limit as `duration:` and remove `previous_duration`",
    ),
}


def _check_previous(step: Step, report: Report) -> None:
    """`previous_duration` is the old time limit of a changed step; anywhere else it would be
    ignored, so the old flow's metrics would silently differ from what the file says."""
    if step.previous_duration is None or step.change == "changed":
        return
    why, fix = _PREVIOUS_MISPLACED[step.change]
    report.error(
        key_mark(step, "previous_duration"),
        "previous-needs-changed",
        f"step '{step.id}' gives `previous_duration` but {why}",
        fix,
    )


def _items_written(step: Step, field: str) -> int:
    """How many items the YAML lists under `field` (an item that did not bind is reported already)."""
    node = step.source.get(field) if step.source is not None else None
    return len(node.items) if isinstance(node, Sequence) else 0


def _kind_invalid(step: Step) -> bool:
    """True when `kind` is written but is none of the kinds (so `step.kind` is the default)."""
    node = step.source.get("kind") if step.source is not None else None
    return isinstance(node, Scalar) and not node.is_null and node.text.strip() != step.kind


def _check_distinct(step: Step, report: Report) -> None:
    targets: dict[str, int] = {}
    labels: dict[str, int] = {}
    for branch in step.branches:
        line = mark_of(branch).line
        if branch.to and branch.to in targets:
            report.error(
                mark_of(branch, "to"),
                "branch-duplicate",
                f"two branches of '{step.id}' go to '{branch.to}' (the other is on line {targets[branch.to]})",
                "merge them into one branch, or send this one elsewhere",
            )
        if branch.when and branch.when in labels:
            report.error(
                mark_of(branch, "when"),
                "branch-duplicate",
                f"two branches of '{step.id}' have the label '{branch.when}' (the other is on line {labels[branch.when]})",
                "give every branch its own condition",
            )
        targets.setdefault(branch.to, line)
        labels.setdefault(branch.when, line)


def _check_reachability(current: list[Step], arrows: list[Edge], report: Report) -> None:
    forward: dict[str, list[str]] = defaultdict(list)
    backward: dict[str, list[str]] = defaultdict(list)
    for edge in arrows:
        forward[edge.source].append(edge.target)
        backward[edge.target].append(edge.source)
    first = current[0].id
    reached = _closure(first, forward)
    ending = _closure(END, backward)
    for step in current:
        if step.id not in reached:
            report.error(
                mark_of(step),
                "unreachable",
                f"step '{step.id}' cannot be reached from the first step",
                "point a `next` or a decision branch at it, or remove the step",
            )
        elif step.id not in ending:
            report.error(
                mark_of(step),
                "no-end",
                f"from step '{step.id}' the process can never end",
                "give the loop a way out: a decision branch to a later step or to `end`",
            )


def _closure(start: str | None, graph: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    todo = [start] if start else []
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(graph.get(node, ()))
    return seen


def _check_loops(current: list[Step], arrows: list[Edge], report: Report) -> None:
    """A loop must pass through a decision branch (a rework loop), never plain `next` arrows."""
    plain: dict[str, list[str]] = defaultdict(list)
    for edge in arrows:
        if not edge.branch and edge.target != END:
            plain[edge.source].append(edge.target)
    order = {s.id: i for i, s in enumerate(current)}
    state: dict[str, int] = {}  # 1 = on the path, 2 = done
    for step in current:
        if step.id in state or step.id is None:
            continue
        path: list[str] = []
        stack: list[tuple[str, int]] = [(step.id, 0)]
        while stack:
            node, i = stack.pop()
            if i == 0:
                state[node] = 1
                path.append(node)
            targets = plain.get(node, [])
            if i < len(targets):
                stack.append((node, i + 1))
                nxt = targets[i]
                if state.get(nxt) == 1:
                    cycle = path[path.index(nxt) :]
                    _report_loop(cycle, order, current, report)
                    return
                if nxt not in state:
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                path.pop()


def _report_loop(
    cycle: list[str], order: dict[str, int], current: list[Step], report: Report
) -> None:
    last = max(cycle, key=lambda s: order.get(s, 0))
    step = current[order[last]]
    route = " → ".join([*cycle, cycle[0]])
    report.error(
        mark_of(step, "next"),
        "loop-without-decision",
        f"the steps {route} form a loop without a decision",
        "a rework loop must go back through a decision branch: make the step that "
        "decides to repeat `kind: decision` with a `when` for each way",
    )
