"""The `handbook` command: exit codes, the summary line, --strict, and the JSON Schema."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result

from process_handbook.adapters.cli import cli
from process_handbook.diagnostics import Report
from process_handbook.loading.reader import read_yaml

# The example of the format contract (the process-owner guide), verbatim except for one
# line: the contract's example lists a `legal` lane that none of its steps uses, which
# rule 9 reports; here `lanes` names only the lanes the steps use.
SPEC_EXAMPLE = """\
title: 客户投诉处理流程            # required
id: complaint-handling            # optional, defaults to the file name without extension
summary: 客服部、技术部、法务部、销售部共同响应客户投诉，保证问题快速解决。
owner: support-manager            # required: one role id, the process owner (DRI)
sponsor: coo                      # optional role id: the executive who sponsors it
status: active                    # draft | active | retired   (default: active)
version: "2.0"                    # optional free text
effective: 2026-01-01             # optional date
last_reviewed: 2026-06-01         # optional date
review_every: 6 months            # optional: N day(s) | N week(s) | N month(s) | N year(s)
tags: [客户, 售后]                 # optional
audience: [everyone, new-hire]    # optional; new-hire puts it on the onboarding path
scope: 覆盖从投诉受理到回访关闭的全流程   # optional free text

team:                             # optional: the improvement team (专项优化小组)
  leader: coo                     # role id
  members: [support-manager, rnd-director]
  specialist: process-specialist  # role id: keeps the process documents

goals:                            # optional, measurable targets
  - metric: 投诉处理时效
    baseline: 48 小时
    target: 24 小时
    current: 30 小时              # optional

lanes: [support, rnd, sales]   # optional: swimlane order (department ids);
                                      # default: order of first use in steps

steps:                            # required, at least one
  - id: receive                   # optional unless another step refers to it;
                                  # default: s1, s2, ... by position
    name: 受理并登记投诉            # required
    lane: support                 # required: the lead department (主导部门), one department id
    owner: support-specialist     # required: exactly one role, the accountable owner (第一责任人)
    support: [sales]              # optional: supporting departments (配合部门)
    responsible: [support-specialist]   # optional RACI "R" (roles); default: the owner
    consulted: [rnd]              # optional RACI "C" (roles or departments)
    informed: [support-manager]   # optional RACI "I" (roles or departments)
    description: |                # optional Markdown; raw HTML in it is shown as text
      在 2 小时内电话回复客户，并在系统中登记。
    inputs: [客户来电或邮件]         # optional free text, or template ids
    outputs: [complaint-form]     # optional free text, or template ids
    duration: 2h                  # optional time limit: Nm | Nh | Nd | Nw
    tools: [feishu-base]          # optional tool ids
    change: new                   # optional: new | changed | removed, against the previous version
    next: classify                # optional; default: the following step in the list;
                                  # the last step ends the process

  - id: classify
    name: 是否技术问题？
    kind: decision                # task (default) | decision | subprocess
    lane: support
    owner: support-manager
    next:                         # a decision lists its branches
      - to: diagnose
        when: 是
      - to: compensate
        when: 否

  - id: diagnose
    name: 定位问题根因
    lane: rnd
    owner: rnd-lead
    next: compensate

  - id: compensate
    name: 制定补偿方案
    kind: subprocess              # a step that is a whole other process
    process: compensation-approval    # process id it links to
    lane: sales
    owner: sales-manager
    next: end                     # the word "end" ends the process explicitly

meetings:                         # optional: the meeting cadence (例会)
  - id: weekly-review
    name: 投诉复盘周会
    every: week                   # day | weekday | week | 2 weeks | month | quarter
    day: wednesday                # week / 2 weeks: monday..sunday or 周一..周日;
                                  # month / quarter: 1..28, or first|second|third|fourth|last + weekday
                                  # (e.g. "first monday", "last friday"); day / weekday: omitted
    time: 15:00
    duration: 60m
    timezone: Asia/Shanghai       # optional; default from the site configuration
    chair: support-manager        # role id
    attendees: [support, rnd, sales]   # departments or roles
    channel: project-group        # channel id
    agenda: [本周投诉概况, 重大问题, 改进措施跟踪]
    template: weekly-report       # optional template id

channels:                         # optional, in addition to organization.yml (any channel may have tool, purpose, rule)
  - id: escalation-mail
    name: 重大问题邮件
    tool: 邮件
    rule: 抄送双方部门负责人

templates:                        # optional: documents to download
  - id: complaint-form
    name: 客户投诉登记表
    file: templates/complaint-form.xlsx   # relative to processes/, must stay inside it
    description: 受理投诉时填写
  - id: weekly-report
    name: 项目周报模板
    file: templates/weekly-report.docx

problems:                         # optional: current-state diagnosis (现状问题清单)
  - title: 需求传递无标准文档
    step: receive                 # optional step id where it happens
    impact: high                  # high | medium | low
    category: 方法                # optional: 人员 | 设备 | 材料 | 方法 | 环境 | 测量 (or free text)
    whys: [项目延期, 研发交付延迟, 需求频繁变更, 市场部未提供清晰需求文档]   # 5Why chain, symptom first
    root_cause: 缺乏需求模板与评审机制
    fix: 需求提交必须附带《需求规格说明书》

plan:                             # optional: the improvement project's timeline (实施计划)
  - phase: 筹备启动
    start: 2026-01-05
    end: 2026-01-16
    owner: coo                    # role id
    tasks: [成立专项优化小组, 定义优化目标与范围]
    outputs: [项目计划书]
"""

# organization.yml from the contract, plus the roles and departments the example names.
SPEC_ORGANIZATION = """\
departments:
  - id: support
    name: 客服部
    description: 负责客户咨询、投诉受理与回访     # optional
    contact: 钉钉群「客服部」                      # optional free text
  - id: rnd
    name: 研发部
  - id: legal
    name: 法务部
  - id: sales
    name: 销售部
  - id: management
    name: 总经办
roles:
  - id: support-manager
    name: 客服部经理
    department: support          # must be a department id
  - id: support-specialist
    name: 客服专员
    department: support
  - id: rnd-director
    name: 研发总监
    department: rnd
  - id: rnd-lead
    name: 研发组长
    department: rnd
  - id: sales-manager
    name: 销售经理
    department: sales
  - id: coo
    name: 首席运营官
    department: management
  - id: process-specialist
    name: 流程专员
    department: management
channels:                        # optional, shared by all processes
  - id: project-group
    name: 项目协作群
    tool: 钉钉
    purpose: 日常进度同步
tools:                           # optional: the digital tools the organization uses
  - id: feishu-base
    name: 飞书多维表格
    url: https://example.invalid/base   # optional
"""

COMPENSATION = """\
title: 补偿审批流程
owner: sales-manager
steps:
  - name: 审批补偿方案
    lane: sales
    owner: sales-manager
"""

TODAY = "2026-11-23"
HANDBOOK = Path(sys.executable).parent / "handbook"


def write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def spec_handbook(tmp_path: Path) -> Path:
    """The contract's example as a complete, valid processes folder."""
    root = write(
        tmp_path / "processes",
        {
            "organization.yml": SPEC_ORGANIZATION,
            "complaint-handling.yml": SPEC_EXAMPLE,
            "compensation-approval.yml": COMPENSATION,
        },
    )
    (root / "templates").mkdir()
    for name in ("complaint-form.xlsx", "weekly-report.docx"):
        (root / "templates" / name).write_bytes(b"placeholder")
    return root


def validate(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["validate", str(root), "--today", TODAY, *args])


def summary(result: Result) -> str:
    return result.output.rstrip("\n").splitlines()[-1]


# --- validate ---------------------------------------------------------------------


def test_the_contract_example_validates_clean(spec_handbook: Path) -> None:
    result = validate(spec_handbook)
    assert result.exit_code == 0, result.output
    assert result.output == "OK: 2 processes, 5 steps, 0 errors, 0 warnings\n"


def test_errors_exit_1_with_gcc_style_lines_and_a_summary(spec_handbook: Path) -> None:
    text = SPEC_EXAMPLE.replace(
        "owner: support-manager            #", "owner: suport-manager            #"
    )
    assert text != SPEC_EXAMPLE
    (spec_handbook / "complaint-handling.yml").write_text(text, encoding="utf-8")
    (spec_handbook / "sales").mkdir()
    (spec_handbook / "sales" / "refund.yml").write_text(
        "title: 退款\nowner: coo\n", encoding="utf-8"
    )
    result = validate(spec_handbook)
    assert result.exit_code == 1
    root = spec_handbook.as_posix()
    lines = result.output.splitlines()
    assert lines[0].startswith(
        f"{root}/complaint-handling.yml:4:8: error: unknown role 'suport-manager'"
    )
    assert lines[1] == "    fix: change it to 'support-manager' (客服部经理)"
    assert lines[2] == (
        f"{root}/sales/refund.yml:1:1: error: the required field 'steps' of this process file "
        "is missing [missing-field]"
    )
    assert lines[3].startswith("    fix: add `steps: [...]`")
    assert summary(result) == "FAILED: 3 processes, 5 steps, 2 errors, 0 warnings"


def test_a_broken_organization_fails(tmp_path: Path) -> None:
    root = write(tmp_path / "processes", {"organization.yml": "departments: []\n"})
    result = validate(root)
    assert result.exit_code == 1
    assert "organization.yml:1:1: error: the required field 'roles'" in result.output
    assert summary(result).startswith("FAILED: 0 processes, 0 steps, 1 error")


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = validate(tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "does not exist" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--today", "2026-13-01"],
        ["validate", "--today", "tomorrow"],
        ["validate", "--no-such-option"],
        ["validate", "a", "b"],
        ["schema", "bogus"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "Usage:" in result.output


def test_strict_fails_on_a_warning(spec_handbook: Path) -> None:
    # review_every without a date to count from: a warning that does not depend on the calendar
    text = SPEC_EXAMPLE.replace("last_reviewed: 2026-06-01", "").replace(
        "effective: 2026-01-01", ""
    )
    (spec_handbook / "complaint-handling.yml").write_text(text, encoding="utf-8")
    relaxed = validate(spec_handbook)
    assert relaxed.exit_code == 0, relaxed.output
    assert "warning: `review_every` is set but there is no `last_reviewed`" in relaxed.output
    assert summary(relaxed) == "OK: 2 processes, 5 steps, 0 errors, 1 warning"
    strict = validate(spec_handbook, "--strict")
    assert strict.exit_code == 1
    assert summary(strict) == summary(relaxed)


def test_strict_does_not_fail_on_an_overdue_review(spec_handbook: Path) -> None:
    # reviewed 2026-06-01 every 6 months: due 2026-12-01, so overdue on 2027-01-15
    result = CliRunner().invoke(
        cli, ["validate", str(spec_handbook), "--strict", "--today", "2027-01-15"]
    )
    assert result.exit_code == 0, result.output
    assert "warning: review overdue by 45 days" in result.output
    assert summary(result) == "OK: 2 processes, 5 steps, 0 errors, 1 warning"


def test_today_decides_whether_a_review_is_overdue(spec_handbook: Path) -> None:
    early = CliRunner().invoke(cli, ["validate", str(spec_handbook), "--today", "2026-12-01"])
    late = CliRunner().invoke(cli, ["validate", str(spec_handbook), "--today", "2026-12-02"])
    assert "overdue" not in early.output
    assert "review overdue by 1 day (due 2026-12-01" in late.output


def test_the_installed_command_runs(spec_handbook: Path) -> None:
    ok = subprocess.run(
        [str(HANDBOOK), "validate", str(spec_handbook), "--today", TODAY],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert ok.returncode == 0 and ok.stderr == ""
    assert ok.stdout == "OK: 2 processes, 5 steps, 0 errors, 0 warnings\n"
    (spec_handbook / "complaint-handling.yml").write_text("title: [\n", encoding="utf-8")
    failed = subprocess.run(
        [str(HANDBOOK), "validate", str(spec_handbook), "--today", TODAY],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert failed.returncode == 1
    assert "complaint-handling.yml:2:1: error: YAML syntax" in failed.stdout
    assert "Traceback" not in failed.stdout + failed.stderr
    usage = subprocess.run(
        [str(HANDBOOK), "validate", "--today", "x"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert usage.returncode == 2


# --- schema -----------------------------------------------------------------------


def schema_of(kind: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["schema", kind])
    assert result.exit_code == 0, result.output
    schema: dict[str, Any] = json.loads(result.output)
    return schema


def as_json(text: str) -> Any:
    """A YAML file as the JSON an editor's schema check sees (YAML 1.2; dates as text)."""
    report = Report("x.yml")
    node = read_yaml(text.encode("utf-8"), report)
    assert node is not None and not report.items

    def plain(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return plain(node.to_data())


@pytest.mark.parametrize("kind", ["process", "organization"])
def test_schema_is_a_valid_draft7_schema(kind: str) -> None:
    schema = schema_of(kind)
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_schema_defaults_to_process() -> None:
    assert (
        CliRunner().invoke(cli, ["schema"]).output
        == CliRunner().invoke(cli, ["schema", "process"]).output
    )


def test_the_contract_example_passes_the_schema() -> None:
    validator = jsonschema.Draft7Validator(schema_of("process"))
    assert [e.message for e in validator.iter_errors(as_json(SPEC_EXAMPLE))] == []
    organization = jsonschema.Draft7Validator(schema_of("organization"))
    assert [e.message for e in organization.iter_errors(as_json(SPEC_ORGANIZATION))] == []


@pytest.mark.parametrize(
    ("old", "new", "culprit"),
    [
        ("    owner: rnd-lead\n", "    owner: rnd-lead\n    onwer: rnd-lead\n", "onwer"),
        ("summary:", "sumary:", "sumary"),
        ("status: active ", "status: actve ", "actve"),
        ("time: 15:00", "time: 下午三点", "下午三点"),
        ("duration: 2h ", "duration: 2小时 ", "2小时"),
    ],
)
def test_the_schema_rejects_what_validate_rejects(old: str, new: str, culprit: str) -> None:
    assert old in SPEC_EXAMPLE
    data = as_json(SPEC_EXAMPLE.replace(old, new, 1))
    errors = list(jsonschema.Draft7Validator(schema_of("process")).iter_errors(data))
    assert errors
    assert any(
        culprit in e.message or culprit in json.dumps(e.instance, ensure_ascii=False)
        for e in errors
    )


def test_schema_out_writes_both_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["schema", "--out", str(tmp_path / "schemas")])
    assert result.exit_code == 0
    for kind in ("organization", "process"):
        written = json.loads(
            (tmp_path / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
        )
        assert written == schema_of(kind)


# --- the site's rule severities -----------------------------------------------------

GOAL_IN_TWO_UNITS = """\
title: 退款
owner: support-manager
last_reviewed: 2026-01-01
review_every: 6 months
goals:
  - {metric: 时效, baseline: 150 天, target: 4 个月}
steps:
  - {name: 受理, lane: support, owner: support-specialist}
"""


def site_config(folder: Path, rules: str) -> Path:
    """A mkdocs.yml with MkDocs' own tags, whose plugin entry sets `rules`."""
    config = folder / "mkdocs.yml"
    config.write_text(
        "site_name: x\nsite_url: !ENV [SITE_URL, 'http://127.0.0.1:8000/']\n"
        "plugins:\n  - search\n  - process-handbook:\n      processes_dir: processes\n"
        f"      rules: {rules}\n"
        "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
        "        - name: mermaid\n          class: mermaid\n"
        "          format: !!python/name:pymdownx.superfences.fence_code_format\n",
        encoding="utf-8",
    )
    return config


@pytest.fixture
def goal_handbook(tmp_path: Path) -> Path:
    root = write(tmp_path / "processes", {"organization.yml": SPEC_ORGANIZATION})
    (root / "refund.yml").write_text(GOAL_IN_TWO_UNITS, encoding="utf-8")
    return root


def test_validate_reads_the_severities_the_site_sets(goal_handbook: Path) -> None:
    plain = validate(goal_handbook, "--config", str(site_config(goal_handbook.parent, "{}")))
    assert plain.exit_code == 0 and ": warning: goal '时效'" in plain.output
    assert ": warning: review overdue" in plain.output
    config = site_config(goal_handbook.parent, "{goal-units: error, review-overdue: off}")
    moved = validate(goal_handbook, "--config", str(config))
    assert moved.exit_code == 1
    assert ": error: goal '时效'" in moved.output and "review overdue" not in moved.output


def test_validate_reads_mkdocs_yml_of_the_current_folder(
    goal_handbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site_config(goal_handbook.parent, "{goal-units: error}")
    monkeypatch.chdir(goal_handbook.parent)
    assert CliRunner().invoke(cli, ["validate", "--today", TODAY]).exit_code == 1
    (goal_handbook.parent / "mkdocs.yml").unlink()
    assert CliRunner().invoke(cli, ["validate", "--today", TODAY]).exit_code == 0


@pytest.mark.parametrize(
    ("rules", "says"),
    [
        ("{lane-unused: off}", "lane-unused cannot be lowered"),
        ("{goal-unit: error}", "did you mean 'goal-units'"),
        ("[goal-units]", "must map rule codes to levels"),
    ],
)
def test_a_wrong_severity_setting_is_a_usage_error(
    goal_handbook: Path, rules: str, says: str
) -> None:
    result = validate(goal_handbook, "--config", str(site_config(goal_handbook.parent, rules)))
    assert result.exit_code == 2 and says in result.output, result.output


def test_handbook_rules_lists_every_code_as_the_site_sets_it(tmp_path: Path) -> None:
    from process_handbook.validation import rules

    listed = CliRunner().invoke(cli, ["rules", "--config", str(tmp_path / "none.yml")])
    assert listed.exit_code == 2  # a named configuration must exist
    config = site_config(tmp_path, "{review-overdue: off}")
    result = CliRunner().invoke(cli, ["rules", "--config", str(config)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    codes = [line.split()[0] for line in lines if not line.startswith(" ")]
    assert codes == [rule.code for rule in rules()]
    overdue = next(line for line in lines if line.startswith("review-overdue"))
    assert overdue.split()[1:3] == ["off", "*"]
    tab = lines[lines.index(next(line for line in lines if line.startswith("tab-indent "))) + 1]
    assert tab.strip().startswith("fix: indent with spaces only")
