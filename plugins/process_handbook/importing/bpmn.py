"""BPMN 2.0 XML → a process file draft (the text of a YAML file), for `handbook import bpmn`.

What maps: the pool's lanes → departments (`lanes`), tasks of every kind → steps,
call activities → sub-process steps, exclusive gateways with several outgoing
flows → decisions (each flow's name, else its condition, becomes the branch's
`when`), sequence flows → `next`, end events → `end`. Gateways that only join
flows are passed through. The handbook's own exports carry every id and field in
their `ph:` extension elements, so they come back as they were; other tools' files
are matched by name: a lane named like a department (or its id) is that department,
a lane named like a role is that role's department and the role owns its steps.
Whatever cannot be matched gets a placeholder id and a `# TODO` comment naming it.
What cannot be expressed in the format at all (parallel gateways, events between
steps, embedded sub-processes, several pools) is an error with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..artifacts.bpmn import BPMN_NS, HANDBOOK_NS, RACI_LISTS
from ..limits import MAX_STEPS
from ..model.entities import END, Organization
from ..model.fields import SLUG_PATTERN
from .xml_tree import XmlElement, XmlProblem, parse

_SLUG = re.compile(SLUG_PATTERN)
TASKS = (
    "task",
    "userTask",
    "manualTask",
    "serviceTask",
    "scriptTask",
    "sendTask",
    "receiveTask",
    "businessRuleTask",
)
UNMAPPABLE = {
    "parallelGateway": "the handbook's flows have no parallel branches",
    "inclusiveGateway": "the handbook's decisions take exactly one branch",
    "complexGateway": "the handbook's decisions take exactly one branch",
    "eventBasedGateway": "the handbook's flows have no events between steps",
    "intermediateCatchEvent": "the handbook's flows have no events between steps",
    "intermediateThrowEvent": "the handbook's flows have no events between steps",
    "boundaryEvent": "the handbook's steps have no boundary events",
    "subProcess": "a step cannot hold a flow of its own",
    "transaction": "a step cannot hold a flow of its own",
    "adHocSubProcess": "a step cannot hold a flow of its own",
}


class ImportProblem(XmlProblem):
    """Something in a readable BPMN file that the process format cannot hold."""


@dataclass
class Lane:
    department: str  # a department id, or a placeholder
    name: str  # the lane's name in the file
    role: str | None = None  # the role the lane is named after, if any


@dataclass
class Branch:
    to: str  # step id or END
    when: str | None


@dataclass
class Step:
    id: str
    name: str
    kind: str  # task | decision | subprocess
    lane: Lane
    line: int
    owner: str | None = None
    process: str | None = None
    fields: dict[str, object] = field(default_factory=dict)  # written as they are, if given
    next: list[Branch] = field(default_factory=list)


@dataclass
class Imported:
    id: str
    title: str
    owner: str | None
    summary: str | None
    lanes: list[Lane]
    steps: list[Step]
    templates: list[dict[str, str]]
    notes: list[str]  # the TODOs


def read_bpmn(data: bytes, stem: str, organization: Organization) -> Imported:
    """The process of a BPMN file; raises XmlProblem / ImportProblem with a line and a fix."""
    root = parse(data)
    if (root.namespace, root.name) != (BPMN_NS, "definitions"):
        raise ImportProblem(
            root.line,
            root.column,
            "this is not a BPMN 2.0 file",
            "export the model as BPMN 2.0 XML",
        )
    return _Reader(root, stem, organization).read()


def slug(text: str) -> str:
    """An id made from other text: lowercase, runs of other characters as `-`."""
    return re.sub(r"[^a-z0-9_]+", "-", text.lower()).strip("-_")


class _Reader:
    def __init__(self, root: XmlElement, stem: str, organization: Organization) -> None:
        self.root = root
        self.stem = stem
        self.departments = {d.id: d for d in organization.departments}
        self.roles = {r.id: r for r in organization.roles}
        self.parties = {*self.departments, *self.roles}
        self.notes: list[str] = []

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def read(self) -> Imported:
        process = self._process()
        own = _extension(process, "process")
        nodes = {
            e.attributes["id"]: e
            for e in process.children
            if e.namespace == BPMN_NS and "id" in e.attributes and e.name != "sequenceFlow"
        }
        for element in nodes.values():
            if element.name in UNMAPPABLE:
                raise ImportProblem(
                    element.line,
                    element.column,
                    f"<{element.name}> '{_label(element)}' cannot be imported: {UNMAPPABLE[element.name]}",
                    "change it in the modelling tool (e.g. a task, or an exclusive gateway), then import again",
                )
        flows = self._flows(process, nodes)
        lanes, lane_of = self._lanes(process)
        steps = self._steps(nodes, flows, lane_of, lanes)
        title = self._title(process)
        owner = own.attributes.get("owner") if own is not None else None
        if owner is not None:
            self._party(owner, "the process owner", roles_only=True)
        else:
            owner = next((s.lane.role for s in steps if s.lane.role), None)
        templates: list[dict[str, str]] = [
            {k: t.attributes[k] for k in ("id", "name", "file", "description") if k in t.attributes}
            for t in (own.find(HANDBOOK_NS, "template") if own is not None else [])
        ]
        summary = own.first(HANDBOOK_NS, "summary") if own is not None else None
        ident = own.attributes.get("id", "") if own is not None else ""
        return Imported(
            id=ident if _SLUG.match(ident) else slug(self.stem) or "imported-process",
            title=title,
            owner=owner,
            summary=summary.text
            if summary is not None
            else None
            if own
            else _documentation(process),
            lanes=[lane for lane in lanes if any(s.lane is lane for s in steps)],
            steps=steps,
            templates=templates,
            notes=self.notes,
        )

    def _process(self) -> XmlElement:
        processes = self.root.find(BPMN_NS, "process")
        with_nodes = [
            p
            for p in processes
            if any(c.name in TASKS or c.name == "callActivity" for c in p.children)
        ]
        if not with_nodes:
            raise ImportProblem(
                self.root.line,
                self.root.column,
                "the file has no process with tasks",
                "import a BPMN file with a pool of tasks",
            )
        if len(with_nodes) > 1:
            second = with_nodes[1]
            raise ImportProblem(
                second.line,
                second.column,
                f"the file has {len(with_nodes)} pools with tasks; a process file holds one",
                "split the collaboration into one file per pool, then import each",
            )
        return with_nodes[0]

    def _title(self, process: XmlElement) -> str:
        pid = process.attributes.get("id")
        for collaboration in self.root.find(BPMN_NS, "collaboration"):
            for participant in collaboration.find(BPMN_NS, "participant"):
                if participant.attributes.get("processRef") == pid and participant.attributes.get(
                    "name"
                ):
                    return participant.attributes["name"]
        if process.attributes.get("name"):
            return process.attributes["name"]
        self.note("title: the file names no process; give it a title")
        return self.stem

    def _flows(
        self, process: XmlElement, nodes: dict[str, XmlElement]
    ) -> dict[str, list[tuple[str, str | None, XmlElement]]]:
        """Outgoing flows per node id: (target id, label, the flow element)."""
        outgoing: dict[str, list[tuple[str, str | None, XmlElement]]] = {n: [] for n in nodes}
        for flow in process.find(BPMN_NS, "sequenceFlow"):
            source, target = flow.attributes.get("sourceRef"), flow.attributes.get("targetRef")
            if source not in nodes or target not in nodes:
                raise ImportProblem(
                    flow.line,
                    flow.column,
                    f"sequence flow '{flow.attributes.get('id', '')}' connects an element the process does not have",
                    "reconnect the flow in the modelling tool",
                )
            condition = flow.first(BPMN_NS, "conditionExpression")
            label = (
                flow.attributes.get("name")
                or (condition.text.strip() if condition is not None else "")
                or None
            )
            outgoing[source].append((target, label, flow))
        return outgoing

    def _lanes(self, process: XmlElement) -> tuple[list[Lane], dict[str, Lane]]:
        lanes: list[Lane] = []
        lane_of: dict[str, Lane] = {}
        for lane_set in process.find(BPMN_NS, "laneSet"):
            for element in _leaf_lanes(lane_set):
                lane = self._lane(element, len(lanes) + 1)
                lanes.append(lane)
                for ref in element.find(BPMN_NS, "flowNodeRef"):
                    lane_of.setdefault(ref.text.strip(), lane)
        return lanes, lane_of

    def _lane(self, element: XmlElement, number: int) -> Lane:
        name = element.attributes.get("name", "").strip()
        own = _extension(element, "lane")
        if own is not None and own.attributes.get("department", ""):
            department = own.attributes["department"]
            if department not in self.departments:
                self.note(
                    f"department '{department}' ({name}) is not in organization.yml: add it there, or replace it with a department id"
                )
            return Lane(department, name)
        for d in self.departments.values():
            if name in (d.id, d.name):
                return Lane(d.id, name)
        for r in self.roles.values():
            if name in (r.id, r.name):
                return Lane(r.department, name, r.id)
        placeholder = f"todo-department-{number}"
        self.note(
            f"lane '{name or number}' names no department or role of organization.yml: "
            f"replace {placeholder} with a department id (or add the department to organization.yml)"
        )
        return Lane(placeholder, name)

    def _steps(
        self,
        nodes: dict[str, XmlElement],
        flows: dict[str, list[tuple[str, str | None, XmlElement]]],
        lane_of: dict[str, Lane],
        lanes: list[Lane],
    ) -> list[Step]:
        kinds = {n: _kind(e, len(flows[n])) for n, e in nodes.items()}
        starts = [n for n, e in nodes.items() if e.name == "startEvent"]
        if len(starts) != 1:
            element = nodes[starts[1]] if starts else self.root
            raise ImportProblem(
                element.line,
                element.column,
                f"the process has {len(starts)} start events; a process file starts in one place",
                "keep exactly one start event",
            )
        ids = self._step_ids(nodes, kinds)
        unplaced = Lane("todo-department", "")
        steps: dict[str, Step] = {}
        for node, element in nodes.items():
            if kinds[node] not in ("task", "decision", "subprocess"):
                continue
            lane = lane_of.get(node)
            if lane is None:
                if unplaced not in lanes:
                    lanes.append(unplaced)
                    self.note(
                        "some steps sit in no lane: replace todo-department with a department id"
                    )
                lane = unplaced
            steps[node] = step = self._step(element, ids[node], kinds[node], lane)
            if step.owner is None:
                step.owner = f"todo-role-{lanes.index(lane) + 1}"
                self.note(
                    f"lane '{lane.name or lane.department}' names no role: replace {step.owner} "
                    "with the role id of each step's accountable owner (第一责任人)"
                )
        if len(steps) > MAX_STEPS:
            raise ImportProblem(
                1,
                1,
                f"the process has {len(steps)} steps; the limit is {MAX_STEPS}",
                "split it into sub-processes",
            )
        for node, step in steps.items():
            targets = flows[node]
            if step.kind != "decision" and len(targets) > 1:
                element = nodes[node]
                raise ImportProblem(
                    element.line,
                    element.column,
                    f"'{step.name}' has {len(targets)} outgoing flows without a gateway",
                    "put an exclusive gateway (a decision) after it, or keep one flow",
                )
            for target, label, flow in targets:
                resolved = self._target(target, nodes, kinds, flows, ids, flow)
                step.next.append(Branch(resolved, label if step.kind == "decision" else None))
            if not targets:
                step.next.append(Branch(END, None))
        first = self._target(
            starts[0], nodes, kinds, flows, ids, nodes[starts[0]], follow_start=True
        )
        ordered = sorted(steps.values(), key=lambda s: s.id != first)
        return ordered

    def _step_ids(self, nodes: dict[str, XmlElement], kinds: dict[str, str]) -> dict[str, str]:
        ids: dict[str, str] = {}
        used: set[str] = set()
        for node, element in nodes.items():
            if kinds[node] not in ("task", "decision", "subprocess"):
                continue
            own = _extension(element, "step")
            wanted = own.attributes.get("id", "") if own is not None else ""
            if not _SLUG.match(wanted):
                wanted = slug(node)
            if not wanted or not _SLUG.match(wanted) or wanted in used or wanted == END:
                wanted = f"s{len(ids) + 1}"
                while wanted in used:
                    wanted += "-1"
            used.add(wanted)
            ids[node] = wanted
        return ids

    def _target(
        self,
        target: str,
        nodes: dict[str, XmlElement],
        kinds: dict[str, str],
        flows: dict[str, list[tuple[str, str | None, XmlElement]]],
        ids: dict[str, str],
        at: XmlElement,
        follow_start: bool = False,
    ) -> str:
        """The step (or END) a flow leads to, past joining gateways."""
        seen: set[str] = set()
        while follow_start or kinds[target] == "join":
            follow_start = False
            if target in seen or len(flows[target]) != 1:
                if not flows[target]:
                    return END
                raise ImportProblem(
                    at.line,
                    at.column,
                    "a flow leads into a gateway loop or a start event with several flows",
                    "connect the start event to the first task with one flow",
                )
            seen.add(target)
            target = flows[target][0][0]
        if kinds[target] == "end":
            return END
        if kinds[target] == "start":
            raise ImportProblem(
                at.line,
                at.column,
                "a flow leads back into the start event",
                "connect it to a task instead",
            )
        return ids[target]

    def _step(self, element: XmlElement, ident: str, kind: str, lane: Lane) -> Step:
        own = _extension(element, "step")
        name = element.attributes.get("name", "").strip()
        if not name:
            name = ident
            self.note(f"step {ident} has no name in the file: give it a name")
        step = Step(ident, name, kind, lane, element.line)
        if own is None:
            if kind == "subprocess":
                called = element.attributes.get("calledElement", "")
                step.process = called if _SLUG.match(called) else f"todo-process-{ident}"
                if step.process != called:
                    self.note(
                        f"step {ident} calls '{called}': replace {step.process} with the process id it runs"
                    )
            step.owner = lane.role
            description = _documentation(element)
            if description:
                step.fields["description"] = description
            return step
        a = own.attributes
        step.owner = a.get("owner")
        if step.owner:
            self._party(step.owner, f"the owner of step {ident}", roles_only=True)
        step.process = a.get("process")
        for key, child in (("support", "support"), *((k, k) for k in RACI_LISTS)):
            attribute = "department" if key == "support" else "party"
            values = [c.attributes.get(attribute, "") for c in own.find(HANDBOOK_NS, child)]
            for value in values:
                self._party(value, f"{key} of step {ident}", roles_only=False)
            if values:
                step.fields[key] = values
        for key in ("inputs", "outputs"):
            values = [c.text for c in own.find(HANDBOOK_NS, key[:-1])]
            if values:
                step.fields[key] = values
        if a.get("duration"):
            step.fields["duration"] = a["duration"]
        tools = [c.attributes.get("id", "") for c in own.find(HANDBOOK_NS, "tool")]
        if tools:
            step.fields["tools"] = tools
        if a.get("approval") == "true":
            step.fields["approval"] = True
        described = own.first(HANDBOOK_NS, "description")
        if described is not None:
            step.fields["description"] = described.text
        return step

    def _party(self, ident: str, what: str, *, roles_only: bool) -> None:
        known = self.roles if roles_only else self.parties
        if ident not in known:
            noun = "role" if roles_only else "role or department"
            self.note(
                f"{what}: {noun} '{ident}' is not in organization.yml: add it there, or use an existing id"
            )


def _leaf_lanes(lane_set: XmlElement) -> list[XmlElement]:
    found: list[XmlElement] = []
    for lane in lane_set.find(BPMN_NS, "lane"):
        children = [c for s in lane.find(BPMN_NS, "childLaneSet") for c in _leaf_lanes(s)]
        found.extend(children or [lane])
    return found


def _kind(element: XmlElement, outgoing: int) -> str:
    if element.name in TASKS:
        return "task"
    if element.name == "callActivity":
        return "subprocess"
    if element.name == "exclusiveGateway":
        return "decision" if outgoing > 1 else "join"
    if element.name == "startEvent":
        return "start"
    if element.name == "endEvent":
        return "end"
    return "other"  # data objects, annotations and the like: not part of the flow


def _extension(element: XmlElement, name: str) -> XmlElement | None:
    extensions = element.first(BPMN_NS, "extensionElements")
    return extensions.first(HANDBOOK_NS, name) if extensions is not None else None


def _documentation(element: XmlElement) -> str | None:
    docs = [d.text.strip() for d in element.find(BPMN_NS, "documentation") if d.text.strip()]
    return "\n\n".join(docs) or None


def _label(element: XmlElement) -> str:
    return element.attributes.get("name") or element.attributes.get("id", "")
