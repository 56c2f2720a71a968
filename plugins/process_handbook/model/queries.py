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


#: How a department takes part in a process, strongest first; the labels are `involvement_<kind>`.
INVOLVEMENT_KINDS = ("lead", "support", "ci")


@dataclass(frozen=True)
class DepartmentMatrix:
    departments: list[Department]  # the columns, in organization order
    rows: list[
        tuple[Process, list[str | None]]
    ]  # each process with, per department, its strongest kind


def department_matrix(handbook: Handbook) -> DepartmentMatrix:
    """Department × process: who leads steps, who supports them, who is only consulted or informed.

    Each cell holds a department's strongest part in the process. A department
    supports a step when it is named under `support`, or when one of its roles is
    the owner or responsible for a step another department leads. Consulting or
    informing a role counts for the role's department.
    """
    home = {r.id: r.department for r in handbook.organization.roles}
    departments = handbook.organization.departments
    rows = []
    for process in handbook.processes:
        kinds: dict[str, set[str]] = {d.id: set() for d in departments}
        for step in process.current_steps:
            kinds[step.lane].add("lead")
            doers = [*step.support, *(home[r] for r in [step.owner, *(step.responsible or [])])]
            for department in doers:
                if department != step.lane:
                    kinds[department].add("support")
            for party in [*step.consulted, *step.informed]:
                kinds[home.get(party, party)].add("ci")
        rows.append(
            (
                process,
                [
                    next((k for k in INVOLVEMENT_KINDS if k in kinds[d.id]), None)
                    for d in departments
                ],
            )
        )
    return DepartmentMatrix(departments, rows)
