"""Rules 3-5 on the flow: step kinds, decisions, reachability, endings and loops; what the
`change` marks allow (no arrow into a removed step, an old time limit only on a changed one).

The rules about the whole flow judge it only when it can be judged: with at most
MAX_STEPS steps, some of them current, and unique step ids (duplicates are reported
by the identity rules; their arrows would be ambiguous); see `_graph`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .. import limits
from ..diagnostics import ERROR, Mark, Reporter
from ..model.entities import END, Process, Step
from ..model.flow import Edge, diagram_edges, edges, old_edges
from ..nodes import Scalar, Sequence
from .locate import key_mark, mark_of, written
from .registry import FileContext, ValidationRule

NO_STEPS = ValidationRule(
    code="no-steps",
    severity=ERROR,
    summary="a process whose `steps:` list is empty",
    fix="add a step with name, lane and owner under `steps:`",
)


@NO_STEPS.in_process
def _no_steps(process: Process, context: FileContext, report: Reporter) -> None:
    node = process.source.get("steps") if process.source else None
    if not process.steps and isinstance(node, Sequence) and not node.items:
        report(node.mark, "a process needs at least one step")


TOO_MANY_STEPS = ValidationRule(
    code="too-many-steps",
    severity=ERROR,
    summary=f"a process with more than {limits.MAX_STEPS} steps",
    fix="split it into sub-processes (kind: subprocess) that each stay readable",
)


@TOO_MANY_STEPS.in_process
def _too_many_steps(process: Process, context: FileContext, report: Reporter) -> None:
    if len(process.steps) > limits.MAX_STEPS:
        report(
            key_mark(process, "steps"),
            f"the process has {len(process.steps)} steps; the limit is {limits.MAX_STEPS}",
        )


def _steps(process: Process) -> list[Step]:
    """The steps the rules on single steps judge: none beyond the limit (reported instead)."""
    return process.steps if len(process.steps) <= limits.MAX_STEPS else []


NO_CURRENT_STEPS = ValidationRule(
    code="no-current-steps",
    severity=ERROR,
    summary="a process whose every step is marked `change: removed`",
    fix="remove `change: removed` from the steps that are still done",
)


@NO_CURRENT_STEPS.in_process
def _no_current_steps(process: Process, context: FileContext, report: Reporter) -> None:
    if _steps(process) and not process.current_steps:
        report(
            mark_of(process, "steps"),
            "every step is marked `change: removed`, so the current process has no steps",
        )


@dataclass(frozen=True)
class _Graph:
    """The arrows of a flow that can be judged."""

    steps: list[Step]
    current: list[Step]
    removed: set[str | None]
    every_edge: list[Edge]  # the arrows the file describes, unknown targets included
    arrows: list[Edge]  # those to a step of the file or to the end
    drawn: int  # the most arrows one of its swimlanes draws (`_arrows_drawn`)

    @property
    def live(self) -> list[Edge]:
        """The arrows of the current flow (none into a removed step)."""
        return [e for e in self.arrows if e.target not in self.removed]

    @property
    def drawable(self) -> bool:
        return self.drawn <= limits.MAX_EDGES

    @property
    def complete(self) -> bool:
        """False when an arrow is missing for a reason reported on its own: a `next` to an
        unknown or removed step, a decision short of branches. Until that is fixed,
        "unreachable" and "never ends" would only be echoes of it."""
        short = any(s.kind == "decision" and len(s.branches) < 2 for s in self.current)
        return len(self.live) == len(self.every_edge) and not short


def _graph(process: Process) -> _Graph | None:
    steps = _steps(process)
    current = process.current_steps
    known = {s.id for s in steps}
    if not steps or not current or len(known) < len(steps):
        return None
    every_edge = edges(process)
    arrows = [e for e in every_edge if e.target == END or e.target in known]
    removed = {s.id for s in steps if s.change == "removed"}
    return _Graph(steps, current, removed, every_edge, arrows, _arrows_drawn(process, arrows))


def _arrows_drawn(process: Process, arrows: list[Edge]) -> int:
    """The most arrows one of the process's swimlanes draws: the current flow, or the
    old-versus-new view, which adds the previous version's arrows of removed steps."""
    current = len(diagram_edges(process, arrows))
    if not any(s.change for s in process.steps):
        return current
    return max(current, len(diagram_edges(process, arrows + old_edges(process))))


NEXT_REMOVED = ValidationRule(
    code="next-removed",
    severity=ERROR,
    summary="a `next` or branch that leads to a step marked `change: removed`",
    fix="point `next` at a step of the current process, or drop `change: removed`",
)


@NEXT_REMOVED.in_process
def _next_removed(process: Process, context: FileContext, report: Reporter) -> None:
    graph = _graph(process)
    if graph is None:
        return
    by_id = {s.id: s for s in graph.steps}
    for edge in graph.arrows:
        if edge.target in graph.removed:
            report(
                _edge_mark(by_id[edge.source], edge),
                f"'{edge.target}' is marked `change: removed`, so no step may lead to it",
            )


def _edge_mark(step: Step, edge: Edge) -> Mark:
    if edge.branch:
        branch = next((b for b in step.branches if b.to == edge.target), None)
        if branch is not None:
            return mark_of(branch, "to")
    return mark_of(step, "next")


TOO_MANY_EDGES = ValidationRule(
    code="too-many-edges",
    severity=ERROR,
    summary=f"a swimlane with more than {limits.MAX_EDGES} arrows, those from the start and to "
    "an end included (more than a diagram can draw)",
    fix="split it into sub-processes (kind: subprocess)",
)


@TOO_MANY_EDGES.in_process
def _too_many_edges(process: Process, context: FileContext, report: Reporter) -> None:
    graph = _graph(process)
    if graph is not None and not graph.drawable:
        report(
            key_mark(process, "steps"),
            f"the swimlane would draw {graph.drawn} arrows (the one from the start and those to "
            f"an end included); a diagram can draw at most {limits.MAX_EDGES}",
        )


def _kind_invalid(step: Step) -> bool:
    """True when `kind` is written but is none of the kinds (so `step.kind` is the default)."""
    node = step.source.get("kind") if step.source is not None else None
    return isinstance(node, Scalar) and not node.is_null and node.text.strip() != step.kind


def _kinds_judged(process: Process) -> list[Step]:
    """The steps whose kind the rules on kinds judge (an invalid kind is reported by the binder;
    the step only fell back to a task)."""
    return [s for s in _steps(process) if not _kind_invalid(s)]


DECISION_BRANCHES = ValidationRule(
    code="decision-branches",
    severity=ERROR,
    summary="a decision with fewer than two branches",
    fix="list them under next:, e.g. `next: [{to: a, when: 是}, {to: b, when: 否}]`",
)


@DECISION_BRANCHES.in_process
def _decision_branches(process: Process, context: FileContext, report: Reporter) -> None:
    for step in _kinds_judged(process):
        if step.kind == "decision" and max(len(step.branches), _items_written(step, "next")) < 2:
            report(
                mark_of(step, "next") if step.next is not None else mark_of(step),
                f"decision '{step.id}' needs at least two branches",
            )


def _items_written(step: Step, field: str) -> int:
    """How many items the YAML lists under `field` (an item that did not bind is reported already)."""
    node = step.source.get(field) if step.source is not None else None
    return len(node.items) if isinstance(node, Sequence) else 0


BRANCH_DUPLICATE = ValidationRule(
    code="branch-duplicate",
    severity=ERROR,
    summary="two branches of a decision with the same target or the same label",
    fix="merge them into one branch, or give each its own target and condition",
)


@BRANCH_DUPLICATE.in_process
def _branch_duplicate(process: Process, context: FileContext, report: Reporter) -> None:
    for step in _kinds_judged(process):
        if step.kind != "decision":
            continue
        targets: dict[str, int] = {}
        labels: dict[str, int] = {}
        for branch in step.branches:
            line = mark_of(branch).line
            if branch.to and branch.to in targets:
                report(
                    mark_of(branch, "to"),
                    f"two branches of '{step.id}' go to '{branch.to}' "
                    f"(the other is on line {targets[branch.to]})",
                    "merge them into one branch, or send this one elsewhere",
                )
            if branch.when and branch.when in labels:
                report(
                    mark_of(branch, "when"),
                    f"two branches of '{step.id}' have the label '{branch.when}' "
                    f"(the other is on line {labels[branch.when]})",
                    "give every branch its own condition",
                )
            targets.setdefault(branch.to, line)
            labels.setdefault(branch.when, line)


BRANCHES_NEED_DECISION = ValidationRule(
    code="branches-need-decision",
    severity=ERROR,
    summary="a step that lists branches but is not `kind: decision`",
    fix="add `kind: decision`, or give `next` a single step id",
)


@BRANCHES_NEED_DECISION.in_process
def _branches_need_decision(process: Process, context: FileContext, report: Reporter) -> None:
    for step in _kinds_judged(process):
        if step.kind != "decision" and isinstance(step.next, list):
            report(mark_of(step, "next"), f"step '{step.id}' lists branches but is not a decision")


SUBPROCESS_PROCESS = ValidationRule(
    code="subprocess-process",
    severity=ERROR,
    summary="a `kind: subprocess` step that does not say which process it runs",
    fix="add `process: <process id>`",
)


@SUBPROCESS_PROCESS.in_process
def _subprocess_process(process: Process, context: FileContext, report: Reporter) -> None:
    for step in _kinds_judged(process):
        if step.kind == "subprocess" and not step.process and not written(step, "process"):
            report(mark_of(step), f"subprocess step '{step.id}' does not say which process it runs")


PROCESS_NEEDS_SUBPROCESS = ValidationRule(
    code="process-needs-subprocess",
    severity=ERROR,
    summary="a step that links a `process` but is not `kind: subprocess`",
    fix="add `kind: subprocess`, or remove `process:`",
    lowerable=True,
)


@PROCESS_NEEDS_SUBPROCESS.in_process
def _process_needs_subprocess(process: Process, context: FileContext, report: Reporter) -> None:
    for step in _kinds_judged(process):
        if step.kind != "subprocess" and step.process:
            report(
                key_mark(step, "process"),
                f"step '{step.id}' links a process but is not a subprocess",
            )


SUBPROCESS_SELF = ValidationRule(
    code="subprocess-self",
    severity=ERROR,
    summary="a subprocess step that runs its own process",
    fix="link another process, or make this step a task",
    lowerable=True,
)


@SUBPROCESS_SELF.in_process
def _subprocess_self(process: Process, context: FileContext, report: Reporter) -> None:
    for step in _kinds_judged(process):
        if step.kind == "subprocess" and step.process and step.process == process.id:
            report(mark_of(step, "process"), f"subprocess step '{step.id}' runs its own process")


def _closure(start: str | None, graph: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    todo = [start] if start else []
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(graph.get(node, ()))
    return seen


def _reached(graph: _Graph) -> set[str]:
    forward: dict[str, list[str]] = defaultdict(list)
    for edge in graph.live:
        forward[edge.source].append(edge.target)
    return _closure(graph.current[0].id, forward)


def _judged(process: Process) -> _Graph | None:
    """The flow when reachability can be judged: drawable, and no arrow missing."""
    graph = _graph(process)
    return graph if graph is not None and graph.drawable and graph.complete else None


UNREACHABLE = ValidationRule(
    code="unreachable",
    severity=ERROR,
    summary="a step that cannot be reached from the first step",
    fix="point a `next` or a decision branch at it, or remove the step",
)


@UNREACHABLE.in_process
def _unreachable(process: Process, context: FileContext, report: Reporter) -> None:
    graph = _judged(process)
    if graph is None:
        return
    reached = _reached(graph)
    for step in graph.current:
        if step.id not in reached:
            report(mark_of(step), f"step '{step.id}' cannot be reached from the first step")


NO_END = ValidationRule(
    code="no-end",
    severity=ERROR,
    summary="a step from which the process can never end (a loop without a way out)",
    fix="give the loop a way out: a decision branch to a later step or to `end`",
)


@NO_END.in_process
def _no_end(process: Process, context: FileContext, report: Reporter) -> None:
    graph = _judged(process)
    if graph is None:
        return
    backward: dict[str, list[str]] = defaultdict(list)
    for edge in graph.live:
        backward[edge.target].append(edge.source)
    reached, ending = _reached(graph), _closure(END, backward)
    for step in graph.current:
        if step.id in reached and step.id not in ending:  # an unreachable one is reported so
            report(mark_of(step), f"from step '{step.id}' the process can never end")


LOOP_WITHOUT_DECISION = ValidationRule(
    code="loop-without-decision",
    severity=ERROR,
    summary="steps whose plain `next` arrows form a loop (a rework loop needs a decision)",
    fix="make the step that decides to repeat `kind: decision` with a `when` for each way",
)


@LOOP_WITHOUT_DECISION.in_process
def _loop_without_decision(process: Process, context: FileContext, report: Reporter) -> None:
    """A loop must pass through a decision branch (a rework loop), never plain `next` arrows."""
    graph = _graph(process)
    if graph is None or not graph.drawable:
        return
    current = graph.current
    plain: dict[str, list[str]] = defaultdict(list)
    for edge in graph.live:
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
                    last = max(cycle, key=lambda s: order.get(s, 0))
                    route = " → ".join([*cycle, cycle[0]])
                    report(
                        mark_of(current[order[last]], "next"),
                        f"the steps {route} form a loop without a decision",
                        "a rework loop must go back through a decision branch: make the step "
                        "that decides to repeat `kind: decision` with a `when` for each way",
                    )
                    return
                if nxt not in state:
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                path.pop()


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


PREVIOUS_NEEDS_CHANGED = ValidationRule(
    code="previous-needs-changed",
    severity=ERROR,
    summary="a `previous_duration` on a step not marked `change: changed`",
    fix="mark the step `change: changed` if it took that long before the redesign, or remove "
    "`previous_duration`",
)


@PREVIOUS_NEEDS_CHANGED.in_process
def _previous_needs_changed(process: Process, context: FileContext, report: Reporter) -> None:
    """`previous_duration` is the old time limit of a changed step; anywhere else it would be
    ignored, so the old flow's metrics would silently differ from what the file says."""
    for step in _steps(process):
        if step.previous_duration is None or step.change == "changed":
            continue
        why, fix = _PREVIOUS_MISPLACED[step.change]
        report(
            key_mark(step, "previous_duration"),
            f"step '{step.id}' gives `previous_duration` but {why}",
            fix,
        )
