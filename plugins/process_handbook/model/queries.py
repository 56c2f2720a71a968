"""Questions the pages ask of the model: the RACI matrix, successors, channels used,
which departments take part in which process and meeting."""

from __future__ import annotations

from dataclasses import dataclass

from .entities import END, Channel, Department, Meeting, Process, Step
from .flow import Edge, successors
from .handbook import Handbook


@dataclass(frozen=True)
class RaciMatrix:
    parties: list[str]  # column ids: roles first (organization order), then departments
    rows: list[tuple[Step, list[str]]]  # each step with one cell per party: "A/R", "C", ...


def raci_matrix(process: Process, handbook: Handbook) -> RaciMatrix:
    letters: dict[tuple[str, str], list[str]] = {}
    for step in process.current_steps:
        marks = [
            ("R", step.responsible or []),
            ("A", [step.owner]),
            ("C", step.consulted),
            ("I", step.informed),
        ]
        for letter, parties in marks:
            for party in parties:
                cell = letters.setdefault((step.id or "", party), [])
                if letter not in cell:
                    cell.append(letter)
    used = {party for _, party in letters}
    order = [r.id for r in handbook.organization.roles] + [
        d.id for d in handbook.organization.departments
    ]
    parties = [p for p in order if p in used]
    rows = [
        (
            step,
            [
                "/".join(sorted(letters.get((step.id or "", p), []), key="ARCI".index))
                for p in parties
            ],
        )
        for step in process.current_steps
    ]
    return RaciMatrix(parties, rows)


@dataclass(frozen=True)
class Next:
    step: Step | None  # None: the process ends
    label: str | None


def next_steps(process: Process, step: Step) -> list[Next]:
    by_id = {s.id: s for s in process.steps}
    return [_next(edge, by_id) for edge in successors(process, step)]


def goes_on_in_order(process: Process, step: Step) -> bool:
    """Whether a step simply hands over to the step listed after it (or ends, being the last):
    a reader of the step cards needs no "next" for it."""
    current = process.current_steps
    index = next(i for i, s in enumerate(current) if s is step)
    following = current[index + 1].id if index + 1 < len(current) else END
    return [(e.target, e.label) for e in successors(process, step)] == [(following, None)]


def _next(edge: Edge, by_id: dict[str | None, Step]) -> Next:
    return Next(None if edge.target == END else by_id.get(edge.target), edge.label)


def channels_used(process: Process, handbook: Handbook) -> list[Channel]:
    """The process's own channels, then the shared channels its meetings use."""
    shared = [
        handbook.shared_channels[m.channel]
        for m in process.meetings
        if m.channel in handbook.shared_channels
    ]
    return list({id(c): c for c in [*process.channels, *shared]}.values())


def folder_title(handbook: Handbook, folder: str) -> str:
    """A folder's display name: a folder named after a department id shows the department's name."""
    last = folder.rsplit("/", 1)[-1]
    department = handbook.departments.get(last)
    return department.name if department else last


def department_meetings(handbook: Handbook, department_id: str) -> list[tuple[Process, Meeting]]:
    """Every meeting the department or one of its roles attends or chairs, in handbook order."""
    members = {department_id} | {
        r.id for r in handbook.organization.roles if r.department == department_id
    }
    return [
        (process, meeting)
        for process in handbook.processes
        for meeting in process.meetings
        if meeting.chair in members or members.intersection(meeting.attendees)
    ]


@dataclass(frozen=True)
class Involved:
    """How much a department does in one process: steps it leads, supports, and owns (its roles)."""

    led: int = 0
    supported: int = 0
    owned: int = 0

    def __bool__(self) -> bool:
        return bool(self.led or self.supported or self.owned)


@dataclass(frozen=True)
class DepartmentMatrix:
    departments: list[Department]  # the columns, in organization order
    rows: list[tuple[Process, list[Involved]]]  # each process with one cell per department


def department_matrix(handbook: Handbook) -> DepartmentMatrix:
    """Department × process: how many steps each department leads, supports and owns.

    A department supports a step when it is named under `support`, or when one of
    its roles is responsible for a step another department leads; it owns a step
    when the step's owner (第一责任人) is one of its roles.
    """
    home = {r.id: r.department for r in handbook.organization.roles}
    departments = handbook.organization.departments
    rows = []
    for process in handbook.processes:
        led: dict[str, int] = {}
        supported: dict[str, int] = {}
        owned: dict[str, int] = {}
        for step in process.current_steps:
            if step.lane is not None:
                led[step.lane] = led.get(step.lane, 0) + 1
            helpers = {*step.support, *(home.get(r) for r in step.responsible or [])}
            for department in helpers:
                if department is not None and department != step.lane:
                    supported[department] = supported.get(department, 0) + 1
            if (owner := home.get(step.owner)) is not None:
                owned[owner] = owned.get(owner, 0) + 1
        cells = [
            Involved(led.get(d.id, 0), supported.get(d.id, 0), owned.get(d.id, 0))
            for d in departments
        ]
        rows.append((process, cells))
    return DepartmentMatrix(departments, rows)


#: The audiences of the onboarding path, in reading order.
ONBOARDING_AUDIENCES = ("new-hire", "everyone")


def onboarding_path(handbook: Handbook) -> list[tuple[str, list[Process]]]:
    """What a new hire reads: the processes for new hires, then those for everyone (not retired)."""
    seen: set[int] = set()
    groups = []
    for audience in ONBOARDING_AUDIENCES:
        chosen = [
            p
            for p in handbook.processes
            if audience in p.audience and p.status != "retired" and id(p) not in seen
        ]
        seen.update(id(p) for p in chosen)
        if chosen:
            groups.append((audience, chosen))
    return groups
