"""BPMN 2.0 XML of a process (`exports/<id>.bpmn`): what modelling tools open, laid out.

The file holds a collaboration with one participant (the process) whose lane set
has one lane per department, in the swimlane's order; every flow node sits in
exactly one lane. Steps become tasks (`userTask` for a step marked
`approval: true`), decisions exclusive gateways whose outgoing flows carry the
branch label as name and condition, sub-processes call activities
(`calledElement` = the process id). A start event leads to the first step; every
step that ends the process is followed by its own end event. A step that more
than one arrow leads to is preceded by a joining exclusive gateway (`Join_<id>`),
as BPMN wants joins to be explicit.

People read the owner, RACI, time limit, inputs and outputs in each element's
`documentation`; programs (and `handbook import bpmn`) read the same in the
`ph:` extension elements, namespace `HANDBOOK_NS`. Ids are made from step and
department ids; nothing depends on the clock, so the bytes only change when the
process does. Every author text is escaped for XML.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from .. import paths
from ..cache import Store, code_version, digest
from ..i18n.labels import Labels
from ..model.entities import END, Process, Step
from ..model.flow import Edge, Version, current_version, previous_version
from ..model.graph import FlowGraph
from ..model.grid import Grid, Place, grid
from ..model.handbook import Handbook
from ..options import BuildOptions
from ..output import Asset
from .bpmn_layout import Box, Layout, Point

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"
DC_NS = "http://www.omg.org/spec/DD/20100524/DC"
DI_NS = "http://www.omg.org/spec/DD/20100524/DI"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
#: The handbook's own extension elements (`ph:process`, `ph:lane`, `ph:step`), version 1.
HANDBOOK_NS = "https://process-handbook.invalid/bpmn/1"
EXPORTER = "Process Handbook"

STEP_PREFIX = "Step_"
LANE_PREFIX = "Lane_"
#: Capitalised words cannot be step ids (ids are lowercase), so flow ids never collide.
START, JOIN, FINISH = "Start", "Join", "End"
#: The party lists of a step, in the order the extension element writes them.
RACI_LISTS = ("responsible", "consulted", "informed")
#: The tags of a step by kind (`approval: true` turns a task into a userTask).
TAGS = {"task": "task", "decision": "exclusiveGateway", "subprocess": "callActivity"}


def bpmn_exports(handbook: Handbook, options: BuildOptions) -> list[Asset]:
    """The current flow of every process as BPMN, each file kept by the hash of what it is made
    from (`cache.Store`): the process, the organization, the processes it calls, the language
    and the code's version."""
    labels = Labels(options.language)
    store = Store("bpmn", options.cache_dir)
    settings = digest(code_version(), "bpmn", repr(handbook.organization), options.language)
    assets = []
    for process in handbook.processes:
        called = {
            step.process: handbook.process_by_id[step.process].title
            for step in process.steps
            if step.process in handbook.process_by_id
        }
        key = digest(settings, repr(process), called)
        make = partial(bpmn, process, handbook, labels)
        assets.append(
            Asset(paths.process_export(process.id or "", "bpmn"), content=store.file(key, make))
        )
    store.retain()
    return assets


def bpmn(process: Process, handbook: Handbook, labels: Labels, *, previous: bool = False) -> bytes:
    """The process's current flow (or, with `previous`, the flow before its redesign)."""
    version = previous_version(process) if previous else None
    return _Writer(process, handbook, labels, version or current_version(process)).write()


# --- XML text --------------------------------------------------------------------------------


def attr(value: str) -> str:
    """An attribute value in double quotes; line breaks and tabs kept as character references."""
    text = (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )
    return f'"{text}"'


def text(value: str) -> str:
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


@dataclass
class _Element:
    tag: str
    attrs: list[tuple[str, str]] = field(default_factory=list)
    children: list[_Element] = field(default_factory=list)
    content: str | None = None

    def add(self, tag: str, *attrs: tuple[str, str | None], content: str | None = None) -> _Element:
        child = _Element(tag, [(k, v) for k, v in attrs if v is not None], content=content)
        self.children.append(child)
        return child

    def lines(self, depth: int = 0) -> Iterable[str]:
        pad = "  " * depth
        opening = self.tag + "".join(f" {k}={attr(v)}" for k, v in self.attrs)
        if self.content is not None:
            yield f"{pad}<{opening}>{text(self.content)}</{self.tag}>"
        elif not self.children:
            yield f"{pad}<{opening}/>"
        else:
            yield f"{pad}<{opening}>"
            for child in self.children:
                yield from child.lines(depth + 1)
            yield f"{pad}</{self.tag}>"


# --- the diagram's nodes and flows -----------------------------------------------------------


@dataclass
class _Node:
    id: str
    tag: str
    shape: str  # a key of bpmn_layout.SIZES
    place: Place
    name: str | None = None
    step: Step | None = None
    incoming: list[str] = field(default_factory=list)
    outgoing: list[str] = field(default_factory=list)


@dataclass
class _Flow:
    id: str
    source: _Node
    target: _Node
    label: str | None = None
    back: bool = False


def step_node_id(step_id: str) -> str:
    return STEP_PREFIX + step_id


class _Writer:
    def __init__(
        self, process: Process, handbook: Handbook, labels: Labels, version: Version
    ) -> None:
        self.process = process
        self.handbook = handbook
        self.labels = labels
        self.version = version
        self.grid: Grid = grid(process, version)
        self.layout = Layout(self.grid)
        self.nodes: list[_Node] = []
        self.flows: list[_Flow] = []
        self._plan()

    # the plan: which nodes and flows the file has

    def _plan(self) -> None:
        graph = FlowGraph(self.version)
        back = {id(a) for a in graph.back_arrows}
        first = graph.order[0] if graph.order else None
        arrows: list[tuple[str, Edge | None]] = [(START, None)] if first else []
        arrows += [(a.source, a) for a in graph.arrows]
        incoming: dict[str, int] = {}
        for _, arrow in arrows:
            target = first if arrow is None else arrow.target
            if target and target != END:
                incoming[target] = incoming.get(target, 0) + 1
        start = self._node(START, "startEvent", "event", self.grid.start, self.labels.start)
        step_nodes: dict[str, _Node] = {}
        entries: dict[str, _Node] = {}
        ends: dict[str, _Node] = {}
        for step in self.version.steps:
            sid = step.id or ""
            place = self.grid.steps[sid]
            if incoming.get(sid, 0) > 1:
                entries[sid] = self._node(f"{JOIN}_{sid}", "exclusiveGateway", "join", place)
            tag = "userTask" if step.kind == "task" and step.approval else TAGS[step.kind]
            shape = "gateway" if step.kind == "decision" else "task"
            node = self._node(step_node_id(sid), tag, shape, place, step.name, step)
            step_nodes[sid] = node
            entries.setdefault(sid, node)
            if sid in self.grid.ends:
                ends[sid] = self._node(
                    f"{FINISH}_{sid}", "endEvent", "event", self.grid.ends[sid], self.labels.end
                )
        for source, arrow in arrows:
            if arrow is None:
                assert first is not None
                self._flow(f"Flow_{START}.{first}", start, entries[first])
                continue
            if arrow.target == END:
                self._flow(f"Flow_{source}.{FINISH}", step_nodes[source], ends[source], arrow.label)
                continue
            self._flow(
                f"Flow_{source}.{arrow.target}",
                step_nodes[source],
                entries[arrow.target],
                arrow.label,
                id(arrow) in back,
            )
        for sid, entry in entries.items():
            if entry is not step_nodes[sid]:
                self._flow(f"Flow_{JOIN}.{sid}", entry, step_nodes[sid])

    def _node(
        self,
        ident: str,
        tag: str,
        shape: str,
        place: Place,
        name: str | None = None,
        step: Step | None = None,
    ) -> _Node:
        node = _Node(ident, tag, shape, place, name, step)
        self.nodes.append(node)
        return node

    def _flow(
        self, ident: str, source: _Node, target: _Node, label: str | None = None, back: bool = False
    ) -> None:
        flow = _Flow(ident, source, target, label, back)
        source.outgoing.append(ident)
        target.incoming.append(ident)
        self.flows.append(flow)

    # the XML

    def write(self) -> bytes:
        pid = self.process.id or ""
        root = _Element(
            "bpmn:definitions",
            [
                ("xmlns:bpmn", BPMN_NS),
                ("xmlns:bpmndi", BPMNDI_NS),
                ("xmlns:dc", DC_NS),
                ("xmlns:di", DI_NS),
                ("xmlns:xsi", XSI_NS),
                ("xmlns:ph", HANDBOOK_NS),
                ("id", f"Definitions_{pid}"),
                ("targetNamespace", HANDBOOK_NS),
                ("exporter", EXPORTER),
                ("exporterVersion", "1"),
            ],
        )
        collaboration = root.add("bpmn:collaboration", ("id", f"Collaboration_{pid}"))
        collaboration.add(
            "bpmn:participant",
            ("id", f"Participant_{pid}"),
            ("name", self.process.title),
            ("processRef", f"Process_{pid}"),
        )
        self._process(
            root.add(
                "bpmn:process",
                ("id", f"Process_{pid}"),
                ("name", self.process.title),
                ("isExecutable", "false"),
            )
        )
        self._diagram(root)
        body = "\n".join(root.lines())
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'.encode()

    def _process(self, element: _Element) -> None:
        process = self.process
        docs = [
            f"{self.labels.owner}{self.labels.colon}{self.handbook.party_name(process.owner)}",
            *([process.summary] if process.summary else []),
        ]
        element.add("bpmn:documentation", content="\n".join(docs))
        extension = element.add("bpmn:extensionElements").add(
            "ph:process", ("id", process.id), ("owner", process.owner)
        )
        for template in process.templates:
            extension.add(
                "ph:template",
                ("id", template.id),
                ("name", template.name),
                ("file", template.file),
                ("description", template.description),
            )
        if process.summary:
            extension.add("ph:summary", content=process.summary)
        lanes = element.add("bpmn:laneSet", ("id", f"LaneSet_{process.id}"))
        for index, department in enumerate(self.grid.lanes):
            lane = lanes.add(
                "bpmn:lane",
                ("id", LANE_PREFIX + department),
                ("name", self.handbook.party_name(department)),
            )
            lane.add("bpmn:extensionElements").add("ph:lane", ("department", department))
            for node in self.nodes:
                if node.place.lane == index:
                    lane.add("bpmn:flowNodeRef", content=node.id)
        for node in self.nodes:
            self._flow_node(element, node)
        for flow in self.flows:
            sequence = element.add(
                "bpmn:sequenceFlow",
                ("id", flow.id),
                ("name", flow.label),
                ("sourceRef", flow.source.id),
                ("targetRef", flow.target.id),
            )
            if flow.label is not None:
                sequence.add(
                    "bpmn:conditionExpression",
                    ("xsi:type", "bpmn:tFormalExpression"),
                    content=flow.label,
                )

    def _flow_node(self, parent: _Element, node: _Node) -> None:
        step = node.step
        called = step.process if step is not None and step.kind == "subprocess" else None
        element = parent.add(
            f"bpmn:{node.tag}", ("id", node.id), ("name", node.name), ("calledElement", called)
        )
        if step is not None:
            element.add("bpmn:documentation", content=self._documentation(step))
            self._step_extension(element.add("bpmn:extensionElements"), step)
        for ref in node.incoming:
            element.add("bpmn:incoming", content=ref)
        for ref in node.outgoing:
            element.add("bpmn:outgoing", content=ref)

    def _documentation(self, step: Step) -> str:
        labels, name = self.labels, self.handbook.party_name
        limit = self.version.duration(step)
        sep = labels.list_separator
        lines = [
            (labels.accountable, name(step.owner)),
            (labels.lead, name(step.lane)),
            (labels.supporting, sep.join(name(d) for d in step.support)),
            (labels.responsible, sep.join(name(p) for p in step.responsible or [])),
            (labels.consulted, sep.join(name(p) for p in step.consulted)),
            (labels.informed, sep.join(name(p) for p in step.informed)),
            (labels.time_limit, labels.duration(limit) if limit else ""),
            (labels.inputs, sep.join(self._item(i) for i in step.inputs)),
            (labels.outputs, sep.join(self._item(o) for o in step.outputs)),
            (labels.runs_process, self._called(step.process) if step.process else ""),
        ]
        written = [f"{label}{labels.colon}{value}" for label, value in lines if value]
        if step.description:
            written += ["", step.description.rstrip("\n")]
        return "\n".join(written)

    def _item(self, item: str) -> str:
        """An input or output: a template's name and file, or the text as written."""
        template = next((t for t in self.process.templates if t.id == item), None)
        return f"{template.name} ({template.file})" if template else item

    def _called(self, process_id: str) -> str:
        called = self.handbook.process_by_id.get(process_id)
        return f"{called.title} ({process_id})" if called else process_id

    def _step_extension(self, parent: _Element, step: Step) -> None:
        limit = self.version.duration(step)
        element = parent.add(
            "ph:step",
            ("id", step.id),
            ("kind", step.kind),
            ("lane", step.lane),
            ("owner", step.owner),
            ("process", step.process),
            ("duration", str(limit) if limit else None),
            ("approval", "true" if step.approval else None),
        )
        for department in step.support:
            element.add("ph:support", ("department", department))
        for kind in RACI_LISTS:
            for party in getattr(step, kind) or []:
                element.add(f"ph:{kind}", ("party", party))
        for item in step.inputs:
            element.add("ph:input", content=item)
        for item in step.outputs:
            element.add("ph:output", content=item)
        for tool in step.tools:
            element.add("ph:tool", ("id", tool))
        if step.description:
            element.add("ph:description", content=step.description)

    def _diagram(self, root: _Element) -> None:
        pid = self.process.id or ""
        plane = root.add("bpmndi:BPMNDiagram", ("id", f"Diagram_{pid}")).add(
            "bpmndi:BPMNPlane", ("id", f"Plane_{pid}"), ("bpmnElement", f"Collaboration_{pid}")
        )
        layout = self.layout
        _shape(plane, f"Participant_{pid}", layout.pool(), horizontal=True)
        for index, department in enumerate(self.grid.lanes):
            _shape(plane, LANE_PREFIX + department, layout.lane(index), horizontal=True)
        boxes: dict[str, Box] = {}
        for node in self.nodes:
            box = layout.box(node.place, node.shape)
            boxes[node.id] = box
            outside = node.shape in ("gateway", "event")
            label = layout.label(box, node.shape) if outside and node.name else None
            _shape(plane, node.id, box, label=label)
        for flow in self.flows:
            source, target = boxes[flow.source.id], boxes[flow.target.id]
            route = layout.back if flow.back else layout.forward
            points = route(source, flow.source.place, target, flow.target.place)
            _edge(
                plane,
                flow.id,
                points,
                layout.flow_label(points, flow.back, flow.target.shape == "join")
                if flow.label
                else None,
            )


def _bounds(parent: _Element, tag: str, box: Box) -> None:
    parent.add(
        tag,
        ("x", str(box.x)),
        ("y", str(box.y)),
        ("width", str(box.width)),
        ("height", str(box.height)),
    )


def _shape(
    plane: _Element, element: str, box: Box, *, horizontal: bool = False, label: Box | None = None
) -> None:
    shape = plane.add(
        "bpmndi:BPMNShape",
        ("id", f"{element}_di"),
        ("bpmnElement", element),
        ("isHorizontal", "true" if horizontal else None),
    )
    _bounds(shape, "dc:Bounds", box)
    if label is not None:
        _bounds(shape.add("bpmndi:BPMNLabel"), "dc:Bounds", label)


def _edge(plane: _Element, element: str, points: list[Point], label: Box | None) -> None:
    edge = plane.add("bpmndi:BPMNEdge", ("id", f"{element}_di"), ("bpmnElement", element))
    for x, y in points:
        edge.add("di:waypoint", ("x", str(x)), ("y", str(y)))
    if label is not None:
        _bounds(edge.add("bpmndi:BPMNLabel"), "dc:Bounds", label)
