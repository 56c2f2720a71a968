"""Flow metrics: what a process costs in steps, handoffs, approvals and time, before and after.

Definitions (the guide explains them to process owners):

* steps: the steps of the flow; decisions: `kind: decision` steps; approvals: steps
  marked `approval: true`.
* handoffs: arrows from a step to a step of another lane (department), rework
  arrows included: each is work changing hands.
* departments: those leading (lane) or supporting (`support`) a step.
* rework loops: arrows leading back to a step already on the way (see `graph`).
* critical path: the way from the first step to the end whose time limits add up
  to the most (rework loops left out; a tie goes to the way with more steps);
  lead time: that sum, in calendar time (1d = 24 h, 1w = 7 days, as `duration`
  is written: a limit on elapsed time, weekends included). Steps without
  `duration` count as 0 and are named. In the previous flow a step marked
  `change: changed` counts its `previous_duration` where it gives one.
"""

from __future__ import annotations

from dataclasses import dataclass

from .entities import END, Goal, Process
from .flow import Version, current_version, previous_version
from .graph import FlowGraph
from .handbook import Handbook

MINUTES_PER_DAY = 1440

#: The quantities, in the order pages show them.
QUANTITIES = (
    "steps",
    "handoffs",
    "decisions",
    "approvals",
    "departments",
    "lead_time",
    "rework_loops",
)
#: Words in a goal's `metric` that say which quantity it is about, most specific first
#: ("跨部门交接次数" is about handoffs, not departments).
GOAL_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("handoffs", ("交接", "handoff", "hand-off")),
    ("approvals", ("审批", "approval")),
    ("rework_loops", ("返工", "rework")),
    ("lead_time", ("周期", "时效", "时长", "耗时", "lead time", "cycle time", "turnaround")),
    ("decisions", ("判断", "决策点", "decision")),
    ("steps", ("环节", "步骤", "step")),
    ("departments", ("部门", "department")),
)
#: A role "owns far more" accountable steps than the others of its department when it has
#: at least this many times as many as the next role, and at least `FAR_MORE_BY` more.
FAR_MORE_TIMES = 2
FAR_MORE_BY = 3


@dataclass(frozen=True)
class FlowMetrics:
    steps: int
    handoffs: int
    decisions: int
    approvals: int
    departments: list[str]  # department ids: lanes first, in the swimlane's order
    rework_loops: int
    critical_path: list[str]  # step ids
    lead_time: int  # minutes along the critical path
    undated: list[str]  # ids of the steps without `duration`

    def value(self, quantity: str) -> int:
        """A quantity as one number (departments: how many; lead time: minutes)."""
        found = getattr(self, quantity)
        return len(found) if isinstance(found, list) else int(found)


def flow_metrics(process: Process, version: Version) -> FlowMetrics:
    graph = FlowGraph(version)
    by_id = {s.id or "": s for s in version.steps}
    lane = {step: s.lane for step, s in by_id.items()}
    durations = {step: version.duration(s) for step, s in by_id.items()}
    minutes = {step: d.minutes if d else 0 for step, d in durations.items()}
    used = [*(s.lane for s in version.steps), *(d for s in version.steps for d in s.support)]
    ordered = [d for d in (process.lanes or []) if d in used]
    critical = graph.longest_to_end(minutes.__getitem__)
    return FlowMetrics(
        steps=len(version.steps),
        handoffs=sum(
            1 for a in graph.arrows if a.target != END and lane[a.source] != lane[a.target]
        ),
        decisions=sum(1 for s in version.steps if s.kind == "decision"),
        approvals=sum(1 for s in version.steps if s.approval),
        departments=ordered + [d for d in dict.fromkeys(used) if d not in ordered],
        rework_loops=len(graph.back_arrows),
        critical_path=critical.steps,
        lead_time=critical.weight,
        undated=[step for step, d in durations.items() if d is None],
    )


@dataclass(frozen=True)
class Change:
    """One quantity before and after the redesign, with the goal about it if one names it."""

    quantity: str
    before: int
    after: int
    goal: Goal | None


@dataclass(frozen=True)
class ProcessMetrics:
    process: Process
    current: FlowMetrics
    previous: FlowMetrics | None  # None when no step has a `change` mark
    goals: dict[str, Goal]  # quantity → the first goal about it

    @property
    def changes(self) -> list[Change]:
        if self.previous is None:
            return []
        return [
            Change(q, self.previous.value(q), self.current.value(q), self.goals.get(q))
            for q in QUANTITIES
        ]


def process_metrics(process: Process) -> ProcessMetrics:
    previous = previous_version(process)
    return ProcessMetrics(
        process,
        flow_metrics(process, current_version(process)),
        flow_metrics(process, previous) if previous else None,
        goal_quantities(process.goals),
    )


def goal_quantities(goals: list[Goal]) -> dict[str, Goal]:
    """Which goal is about which quantity, judged by the words of its `metric`."""
    found: dict[str, Goal] = {}
    for goal in goals:
        text = goal.metric.lower()
        quantity = next((q for q, words in GOAL_WORDS if any(w in text for w in words)), None)
        if quantity is not None:
            found.setdefault(quantity, goal)
    return found


@dataclass(frozen=True)
class RoleLoad:
    role: str
    accountable: int  # steps it owns (第一责任人), across processes in force
    approvals: int  # of which approvals
    far_more: bool  # owns far more than the other roles of its department


@dataclass(frozen=True)
class DepartmentLoad:
    department: str
    roles: list[RoleLoad]  # organization order

    @property
    def accountable(self) -> int:
        return sum(r.accountable for r in self.roles)

    @property
    def approvals(self) -> int:
        return sum(r.approvals for r in self.roles)


def department_load(handbook: Handbook) -> list[DepartmentLoad]:
    """Per department, the accountable steps and approvals of each role (retired processes not
    counted), and which role, if any, owns far more than the rest (see `FAR_MORE_TIMES`)."""
    owned: dict[str, int] = {}
    approving: dict[str, int] = {}
    for process in handbook.processes:
        if process.status == "retired":
            continue
        for step in process.current_steps:
            owned[step.owner] = owned.get(step.owner, 0) + 1
            if step.approval:
                approving[step.owner] = approving.get(step.owner, 0) + 1
    loads = []
    for department in handbook.organization.departments:
        roles = [r.id for r in handbook.organization.roles if r.department == department.id]
        counts = sorted((owned.get(r, 0) for r in roles), reverse=True)
        top = counts[0] if counts else 0
        second = counts[1] if len(counts) > 1 else None
        heavy = (
            second is not None and top >= FAR_MORE_TIMES * second and top - second >= FAR_MORE_BY
        )
        loads.append(
            DepartmentLoad(
                department.id,
                [
                    RoleLoad(
                        r, owned.get(r, 0), approving.get(r, 0), heavy and owned.get(r, 0) == top
                    )
                    for r in roles
                ],
            )
        )
    return loads
