"""BPMN 2.0 export and import: valid for bpmn-moddle and bpmnlint, round trips, foreign files,
hostile input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from conftest import TODAY
from process_handbook.adapters.cli import cli
from process_handbook.artifacts.bpmn import bpmn
from process_handbook.i18n.labels import Labels
from process_handbook.importing.xml_tree import parse
from process_handbook.pipeline import load
from sitekit import REPO, write_hostile_handbook

NODE = shutil.which("node") or "/usr/bin/node"
CHECK = REPO / "tests" / "js" / "check_bpmn.mjs"
SAMPLE = load(REPO / "processes").handbook
ZH = Labels("zh")


def node_check(files: list[Path]) -> dict[str, dict]:
    """bpmn-moddle's parse warnings and bpmnlint's recommended findings per file (run by node)."""
    if not Path(NODE).exists() or not (REPO / "node_modules" / "bpmnlint").is_dir():
        message = "node or the npm dev dependencies are missing (make setup runs npm ci)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    done = subprocess.run(
        [NODE, str(CHECK), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_sample_process_parses_and_passes_bpmnlint(sample, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exported = [a for a in sample.assets if a.path.endswith(".bpmn")]
    assert sorted(a.path for a in exported) == sorted(
        f"exports/{p.id}.bpmn" for p in sample.handbook.processes
    )
    files = []
    for asset in exported:
        files.append(tmp_path / asset.path.rsplit("/", 1)[1])
        files[-1].write_bytes(asset.read())
    previous = tmp_path / "new-product-launch.previous.bpmn"
    process = SAMPLE.process_by_id["new-product-launch"]
    previous.write_bytes(bpmn(process, SAMPLE, ZH, previous=True))
    report = node_check([*files, previous])
    departments = {d.id: d.name for d in SAMPLE.organization.departments}
    for file in files:
        found = report[str(file)]
        assert found["warnings"] == [], file.name
        assert found["lint"] == [], file.name
        assert found["withoutDi"] == [] and found["notInOneLane"] == [], file.name
        process = SAMPLE.process_by_id[file.stem]
        used = {s.lane for s in process.current_steps}
        assert found["lanes"] == [departments[d] for d in process.lanes or [] if d in used]
    assert report[str(previous)]["lint"] == [] and report[str(previous)]["warnings"] == []


def test_export_content(sample) -> None:  # type: ignore[no-untyped-def]
    text = bpmn(SAMPLE.process_by_id["new-product-launch"], SAMPLE, ZH).decode()
    assert text.count("<bpmn:participant ") == 1
    assert (
        '<bpmn:callActivity id="Step_materials" name="量产物料采购" calledElement="purchase-request">'
        in text
    )
    assert '<bpmn:userTask id="Step_verbal-approval"' not in text  # removed: the old flow only
    assert '<bpmn:exclusiveGateway id="Step_requirements-review" name="需求评审是否通过？">' in text
    assert (
        '<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">不通过，补充修改</bpmn:conditionExpression>'
        in text
    )
    assert "第一责任人：市场调研专员" in text and "时限：2 周" in text
    assert '<ph:responsible party="product-manager"/>' in text
    old = bpmn(SAMPLE.process_by_id["new-product-launch"], SAMPLE, ZH, previous=True).decode()
    assert '<bpmn:userTask id="Step_verbal-approval" name="总经理口头批准立项">' in old
    assert 'Step_requirements"' not in old and "Flow_verbal-approval.design" in old
    # each flow carries its own time limits: the old one the changed steps' previous_duration
    assert '<ph:step id="design" kind="task" lane="rnd" owner="rnd-lead" duration="6w">' in text
    assert "时限：6 周" in text and "时限：9 周" not in text
    assert '<ph:step id="design" kind="task" lane="rnd" owner="rnd-lead" duration="9w">' in old
    assert "时限：9 周" in old and "时限：6 周" not in old


def test_export_is_deterministic(sample) -> None:  # type: ignore[no-untyped-def]
    again = load(REPO / "processes").handbook
    for process in SAMPLE.processes:
        first = bpmn(process, SAMPLE, ZH)
        assert first == bpmn(again.process_by_id[process.id or ""], again, ZH)


def _handbook_without(tmp_path: Path, process_file: str) -> Path:
    copy = tmp_path / "processes"
    shutil.copytree(REPO / "processes", copy)
    (copy / process_file).unlink()
    return copy


@pytest.mark.parametrize("process", SAMPLE.processes, ids=lambda p: p.id)
def test_export_import_export_gives_the_same_bpmn(tmp_path: Path, process) -> None:  # type: ignore[no-untyped-def]
    exported = bpmn(process, SAMPLE, ZH)
    source = tmp_path / f"{process.id}.bpmn"
    source.write_bytes(exported)
    folder = _handbook_without(tmp_path, process.file)
    result = CliRunner().invoke(cli, ["import", "bpmn", str(source), "--out", str(folder)])
    assert result.exit_code == 0, result.output
    assert "0 TODOs" in result.output
    loaded = load(folder, today=TODAY)
    assert not loaded.errors, [d.format() for d in loaded.errors]
    again = loaded.handbook.process_by_id[process.id]
    assert again.status == "draft"
    assert bpmn(again, loaded.handbook, ZH) == exported


def test_import_never_overwrites(tmp_path: Path) -> None:
    source = tmp_path / "complaint-handling.bpmn"
    source.write_bytes(bpmn(SAMPLE.process_by_id["complaint-handling"], SAMPLE, ZH))
    folder = tmp_path / "processes"
    shutil.copytree(REPO / "processes", folder)
    before = (folder / "complaint-handling.yml").read_bytes()
    result = CliRunner().invoke(cli, ["import", "bpmn", str(source), "--out", str(folder)])
    assert result.exit_code == 2
    assert "exists; nothing written" in result.output
    assert (folder / "complaint-handling.yml").read_bytes() == before


# A file as another tool writes it: its own ids, lanes named after a department, a role and
# something unknown, a gateway that splits (named flows, one with only a condition) and one
# that joins, a documentation text, no extension elements and no DI.
FOREIGN = """\
<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs_1" targetNamespace="http://example">
  <collaboration id="Collab_1">
    <participant id="Pool_1" name="退货处理" processRef="Proc_1"/>
  </collaboration>
  <process id="Proc_1" isExecutable="true">
    <laneSet id="LS_1">
      <lane id="L_a" name="客服部">
        <flowNodeRef>Start_9</flowNodeRef><flowNodeRef>Activity_0k2x</flowNodeRef>
        <flowNodeRef>Gateway_1abc</flowNodeRef><flowNodeRef>Gateway_join</flowNodeRef>
        <flowNodeRef>Activity_close</flowNodeRef><flowNodeRef>End_1</flowNodeRef>
      </lane>
      <lane id="L_b" name="研发组长"><flowNodeRef>Activity_Check</flowNodeRef></lane>
      <lane id="L_c" name="仓储物流"><flowNodeRef>Activity_ship</flowNodeRef></lane>
    </laneSet>
    <startEvent id="Start_9" name="收到退货申请"/>
    <userTask id="Activity_0k2x" name="登记退货">
      <documentation>核对订单号 &amp; 照片</documentation>
    </userTask>
    <exclusiveGateway id="Gateway_1abc" name="是否质量问题?"/>
    <serviceTask id="Activity_Check" name="检测退回商品"/>
    <task id="Activity_ship" name="安排取件"/>
    <exclusiveGateway id="Gateway_join"/>
    <manualTask id="Activity_close" name="关闭工单"/>
    <endEvent id="End_1"/>
    <sequenceFlow id="f1" sourceRef="Start_9" targetRef="Activity_0k2x"/>
    <sequenceFlow id="f2" sourceRef="Activity_0k2x" targetRef="Gateway_1abc"/>
    <sequenceFlow id="f3" name="是" sourceRef="Gateway_1abc" targetRef="Activity_Check"/>
    <sequenceFlow id="f4" sourceRef="Gateway_1abc" targetRef="Activity_ship">
      <conditionExpression xsi:type="tFormalExpression">${quality == false}</conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="f5" sourceRef="Activity_Check" targetRef="Gateway_join"/>
    <sequenceFlow id="f6" sourceRef="Activity_ship" targetRef="Gateway_join"/>
    <sequenceFlow id="f7" sourceRef="Gateway_join" targetRef="Activity_close"/>
    <sequenceFlow id="f8" sourceRef="Activity_close" targetRef="End_1"/>
  </process>
</definitions>
"""


def test_a_file_from_another_tool_validates_once_its_todos_are_filled(
    processes_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "Returns Process.bpmn"
    source.write_text(FOREIGN, encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", "bpmn", str(source), "--out", str(processes_dir)])
    assert result.exit_code == 0, result.output
    draft = (processes_dir / "returns-process.yml").read_text("utf-8")
    # what could not be matched is named in a TODO
    assert "# TODO: lane '仓储物流' names no department or role" in draft
    assert "todo-department-3" in draft
    assert "lane '客服部' names no role: replace todo-role-1" in draft
    assert "title: 退货处理" in draft and "status: draft" in draft
    assert "lanes: [support, rnd, todo-department-3]" in draft
    assert (
        "kind: decision" in draft and "when: 是" in draft and "when: ${quality == false}" in draft
    )
    assert "owner: rnd-lead" in draft  # the lane named after a role gives the owner
    assert "description: 核对订单号 & 照片" in draft
    loaded = load(processes_dir, today=TODAY)
    assert loaded.errors  # unfilled TODOs do not validate
    filled = (
        draft.replace("todo-department-3", "sales")
        .replace("todo-role-1", "support-specialist")
        .replace("todo-role-3", "sales-manager")
    )
    (processes_dir / "returns-process.yml").write_text(filled, encoding="utf-8")
    loaded = load(processes_dir, today=TODAY)
    assert not loaded.errors, [d.format() for d in loaded.errors]
    process = loaded.handbook.process_by_id["returns-process"]
    assert [s.name for s in process.steps] == [
        "登记退货",
        "是否质量问题?",
        "检测退回商品",
        "安排取件",
        "关闭工单",
    ]
    decision = process.steps[1]
    assert [(b.to, b.when) for b in decision.branches] == [
        ("activity_check", "是"),
        ("activity_ship", "${quality == false}"),
    ]
    assert process.steps[2].next == "activity_close"  # past the joining gateway


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            '<?xml version="1.0"?>\n<!DOCTYPE d [\n<!ENTITY a "aaaaaaaaaa">\n<!ENTITY b "&a;&a;&a;&a;">\n]>\n<d>&b;</d>',
            2,
            "declares a document type",
        ),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE d SYSTEM "file:///etc/passwd">\n<d/>',
            2,
            "declares a document type",
        ),
        (
            FOREIGN.replace(
                '<task id="Activity_ship"',
                '<parallelGateway id="P"/>\n    <task id="Activity_ship"',
            ),
            23,
            "parallelGateway",
        ),
        ('<?xml version="1.0"?>\n<a>\n<b></a>', 3, "not well-formed"),
        ("<html/>", 1, "not a BPMN 2.0 file"),
    ],
)
def test_import_refuses_with_a_located_error(
    processes_dir: Path, tmp_path: Path, text: str, line: int, message: str
) -> None:
    source = tmp_path / "bad.bpmn"
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", "bpmn", str(source), "--out", str(processes_dir)])
    assert result.exit_code == 1
    assert (
        f"bad.bpmn:{line}:" in result.output
        and message in result.output
        and "fix:" in result.output
    )
    assert "Traceback" not in result.output
    assert not (processes_dir / "bad.yml").exists()


def test_import_refuses_a_huge_file(processes_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "big.bpmn"
    source.write_bytes(b"<a>" + b" " * (5 * 1024 * 1024) + b"</a>")
    result = CliRunner().invoke(cli, ["import", "bpmn", str(source), "--out", str(processes_dir)])
    assert result.exit_code == 1 and "the limit is" in result.output


def test_hostile_text_is_escaped_and_comes_back(tmp_path: Path) -> None:
    root = write_hostile_handbook(tmp_path / "hostile")
    loaded = load(root, today=TODAY)
    assert not loaded.errors
    for process in loaded.handbook.processes:
        data = bpmn(process, loaded.handbook, ZH)
        tree = parse(data)  # well-formed, whatever the names hold
        element = next(c for c in tree.children if c.name == "process")
        names = {c.attributes.get("id"): c.attributes.get("name") for c in element.children}
        for step in process.current_steps:
            assert names[f"Step_{step.id}"] == step.name  # every character back as written
    report = node_check(
        [
            _write(tmp_path / f"{p.id}.bpmn", bpmn(p, loaded.handbook, ZH))
            for p in loaded.handbook.processes
        ]
    )
    for found in report.values():
        assert found["warnings"] == []


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_cli_export(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out"
    result = runner.invoke(
        cli, ["export", "bpmn", "--all", "--processes", str(REPO / "processes"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{p.id}.bpmn" for p in SAMPLE.processes)
    result = runner.invoke(
        cli,
        [
            "export",
            "bpmn",
            "new-product-launch",
            "--previous",
            "--processes",
            str(REPO / "processes"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0 and (out / "new-product-launch.previous.bpmn").is_file()
    result = runner.invoke(
        cli,
        [
            "export",
            "bpmn",
            "annual-budget",
            "--previous",
            "--processes",
            str(REPO / "processes"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 1 and "no previous flow" in result.output
    result = runner.invoke(
        cli, ["export", "bpmn", "complaint", "--processes", str(REPO / "processes")]
    )
    assert result.exit_code == 2 and "did you mean 'complaint-handling'" in result.output
    result = runner.invoke(cli, ["export", "bpmn", "--processes", str(REPO / "processes")])
    assert result.exit_code == 2 and "name one process ID, or --all" in result.output


def test_cli_metrics() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["metrics", "--processes", str(REPO / "processes")])
    assert result.exit_code == 0, result.output
    assert "本次优化：步骤 11 → 14，交接 8 → 9，判断 2 → 3，审批 1 → 1" in result.output
    assert "关键路径 150 天 → 119 天" in result.output
    result = runner.invoke(cli, ["metrics", "--json", "--processes", str(REPO / "processes")])
    report = json.loads(result.output)
    launch = next(p for p in report["processes"] if p["id"] == "new-product-launch")
    assert (
        launch["previous"]["lead_time_days"] == 150 and launch["current"]["lead_time_days"] == 119
    )
    lead = next(c for c in launch["changes"] if c["quantity"] == "lead_time")
    assert lead["goal"] == "新产品上市周期（立项到上市发布）"
    assert launch["previous"]["undated"] == []
    result = runner.invoke(cli, ["metrics", "--lang", "en", "--processes", str(REPO / "processes")])
    assert "The redesign: Steps 11 → 14, Handoffs 8 → 9" in result.output


def test_generate_writes_the_bpmn_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "generate",
            "--processes",
            str(REPO / "processes"),
            "--out",
            str(out),
            "--today",
            "2026-11-23",
        ],
    )
    assert result.exit_code == 0, result.output
    for process in SAMPLE.processes:
        assert (out / "exports" / f"{process.id}.bpmn").read_bytes() == bpmn(process, SAMPLE, ZH)
    assert (out / "metrics" / "index.md").is_file()
    assert (out / "assets" / "process-handbook" / "sort.js").is_file()


DI_NS = {
    "di": "http://www.omg.org/spec/BPMN/20100524/DI",
    "dc": "http://www.omg.org/spec/DD/20100524/DC",
    "dd": "http://www.omg.org/spec/DD/20100524/DI",
    "bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
}


@pytest.mark.parametrize("process", SAMPLE.processes, ids=lambda p: p.id)
def test_no_arrow_of_the_diagram_crosses_another_shape(process) -> None:  # type: ignore[no-untyped-def]
    """The diagram is laid out on the swimlane's grid (model/grid.py): a hand-off may run
    straight down a column, and still no arrow runs through a shape it does not join."""
    root = ElementTree.fromstring(bpmn(process, SAMPLE, ZH))
    shapes = {}
    for shape in root.iterfind(".//di:BPMNShape", DI_NS):
        element = shape.get("bpmnElement") or ""
        if not element.startswith(("Participant_", "Lane_")):
            bounds = shape.find("dc:Bounds", DI_NS)
            shapes[element] = [float(bounds.get(k) or 0) for k in ("x", "y", "width", "height")]
    ends = {
        f.get("id"): (f.get("sourceRef"), f.get("targetRef"))
        for f in root.iterfind(".//bpmn:sequenceFlow", DI_NS)
    }
    crossed = []
    for edge in root.iterfind(".//di:BPMNEdge", DI_NS):
        joined = ends[edge.get("bpmnElement")]
        points = [
            (float(w.get("x") or 0), float(w.get("y") or 0))
            for w in edge.iterfind("dd:waypoint", DI_NS)
        ]
        for (x1, y1), (x2, y2) in pairwise(points):
            for element, (x, y, w, h) in shapes.items():
                inside = min(x1, x2) < x + w - 1 and max(x1, x2) > x + 1
                if (
                    element not in joined
                    and inside
                    and min(y1, y2) < y + h - 1
                    and max(y1, y2) > y + 1
                ):
                    crossed.append((edge.get("bpmnElement"), element))
    assert crossed == []
