"""Who does what, across all processes: the answers behind department and role pages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .entities import Meeting, Phase, Process, Step, Template
from .handbook import Handbook


@dataclass(frozen=True)
class StepUse:
    process: Process
    step: Step


@dataclass(frozen=True)
class MeetingUse:
    process: Process
    meeting: Meeting
    via: str | None = None  # the department through which a role attends


@dataclass(frozen=True)
class TemplateUse:
    process: Process
    template: Template


@dataclass
class Involvement:
    """Everything one department or role takes part in, in handbook order."""

    processes_owned: list[Process] = field(default_factory=list)
    processes_sponsored: list[Process] = field(default_factory=list)
    led: list[StepUse] = field(default_factory=list)
    supported: list[StepUse] = field(default_factory=list)
    owned: list[StepUse] = field(default_factory=list)
    responsible: list[StepUse] = field(default_factory=list)
    consulted: list[StepUse] = field(default_factory=list)
    informed: list[StepUse] = field(default_factory=list)
    chaired: list[MeetingUse] = field(default_factory=list)
    attended: list[MeetingUse] = field(default_factory=list)
    templates: list[TemplateUse] = field(default_factory=list)
    teams: list[Process] = field(default_factory=list)
    phases: list[tuple[Process, Phase]] = field(default_factory=list)
    #: The templates already in `templates` (by identity), so adding one stays cheap on large handbooks.
    _listed: set[int] = field(default_factory=set, repr=False)

    def add_template(self, process: Process, template_id: str | None) -> None:
        template = next((t for t in process.templates if t.id == template_id), None)
        if template is not None and id(template) not in self._listed:
            self._listed.add(id(template))
            self.templates.append(TemplateUse(process, template))


@dataclass
class CrossReference:
    departments: dict[str, Involvement]
    roles: dict[str, Involvement]
    tools: dict[str, list[StepUse]]


def cross_reference(handbook: Handbook) -> CrossReference:
    departments: dict[str, Involvement] = defaultdict(Involvement)
    roles: dict[str, Involvement] = defaultdict(Involvement)
    tools: dict[str, list[StepUse]] = defaultdict(list)
    role_department = {r.id: r.department for r in handbook.organization.roles}
    for process in handbook.processes:
        roles[process.owner].processes_owned.append(process)
        departments[role_department.get(process.owner, "")].processes_owned.append(process)
        if process.sponsor:
            roles[process.sponsor].processes_sponsored.append(process)
        for step in process.current_steps:
            _step(process, step, departments, roles, tools)
        for meeting in process.meetings:
            _meeting(process, meeting, departments, roles, handbook)
        if process.team:
            for member in dict.fromkeys(
                [process.team.leader, *process.team.members, process.team.specialist]
            ):
                if member:
                    roles[member].teams.append(process)
        for phase in process.plan:
            if phase.owner:
                roles[phase.owner].phases.append((process, phase))
    return CrossReference(dict(departments), dict(roles), dict(tools))


def _step(
    process: Process,
    step: Step,
    departments: dict[str, Involvement],
    roles: dict[str, Involvement],
    tools: dict[str, list[StepUse]],
) -> None:
    use = StepUse(process, step)
    templates = [*step.inputs, *step.outputs]
    departments[step.lane].led.append(use)
    for department in dict.fromkeys(step.support):
        departments[department].supported.append(use)
    roles[step.owner].owned.append(use)
    for role in dict.fromkeys(step.responsible or []):
        roles[role].responsible.append(use)
    for kind in ("consulted", "informed"):
        for party in dict.fromkeys(getattr(step, kind)):
            for index in (departments, roles):
                getattr(index[party], kind).append(use)
    for tool in dict.fromkeys(step.tools):
        tools[tool].append(use)
    for involvement in (
        departments[step.lane],
        *(departments[d] for d in step.support),
        roles[step.owner],
        *(roles[r] for r in step.responsible or []),
    ):
        for template_id in templates:
            involvement.add_template(process, template_id)


def _meeting(
    process: Process,
    meeting: Meeting,
    departments: dict[str, Involvement],
    roles: dict[str, Involvement],
    handbook: Handbook,
) -> None:
    roles[meeting.chair].chaired.append(MeetingUse(process, meeting))
    roles[meeting.chair].add_template(process, meeting.template)
    attending_departments = [a for a in meeting.attendees if a in handbook.departments]
    attending_roles = [a for a in meeting.attendees if a in handbook.roles]
    for department in dict.fromkeys(attending_departments):
        departments[department].attended.append(MeetingUse(process, meeting))
        departments[department].add_template(process, meeting.template)
    for role in handbook.organization.roles:
        if role.id in attending_roles:
            roles[role.id].attended.append(MeetingUse(process, meeting))
        elif role.department in attending_departments:
            roles[role.id].attended.append(MeetingUse(process, meeting, via=role.department))
        else:
            continue
        roles[role.id].add_template(process, meeting.template)
    through_roles = {handbook.roles[r].department: r for r in reversed(attending_roles)}
    for department, role_id in sorted(through_roles.items()):
        if department not in attending_departments:
            departments[department].attended.append(MeetingUse(process, meeting, via=role_id))
