"""`handbook diff` on crafted git histories: every kind of change is reported once, correctly."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from conftest import ORGANIZATION
from process_handbook.adapters.cli import cli
from sitekit import git

BASE = """\
title: 投诉处理
owner: support-manager
steps:
  - id: receive
    name: 受理投诉
    lane: support
    owner: support-specialist
    support: [sales]
    consulted: [rnd]
  - id: check
    name: 是否技术问题？
    kind: decision
    lane: support
    owner: support-manager
    next:
      - {to: diagnose, when: 是}
      - {to: reply, when: 否}
  - id: diagnose
    name: 定位问题
    lane: rnd
    owner: rnd-lead
    duration: 1d
  - id: reply
    name: 答复客户
    lane: support
    owner: support-specialist
meetings:
  - id: weekly
    name: 投诉周会
    every: week
    day: wednesday
    time: "15:00"
    chair: support-manager
    attendees: [support, rnd]
templates:
  - id: form
    name: 投诉登记表
    file: templates/form.md
goals:
  - metric: 处理时效
    baseline: 48 小时
    target: 24 小时
"""

#: The same process, written differently: flow style, other quoting, key order, comments, blank lines.
REFORMATTED = """\
# 投诉处理流程（只改了写法）
owner: "support-manager"     # 流程负责人
title: '投诉处理'

steps:
  - {id: receive, name: 受理投诉, lane: support, owner: support-specialist, support: [sales], consulted: [rnd]}

  - id: check
    kind: decision
    name: "是否技术问题？"
    owner: support-manager
    lane: support
    next: [{to: diagnose, when: 是}, {when: 否, to: reply}]
  - {id: diagnose, name: 定位问题, lane: rnd, owner: rnd-lead, duration: 1d}
  - id: reply
    name:   答复客户
    lane: support
    owner: support-specialist
    responsible: [support-specialist]   # the default, written out
meetings:
  - id: weekly
    name: 投诉周会
    every: week
    day: 周三          # the same day, in Chinese
    time: 15:00        # unquoted: still the string "15:00"
    duration: 60m      # the default, written out
    chair: support-manager
    attendees: [rnd, support]   # the same set, another order
templates:
  - {id: form, name: 投诉登记表, file: templates/form.md}
goals:
  - {metric: 处理时效, target: 24 小时, baseline: 48 小时}
"""


class Repo:
    """A git repository holding a small handbook, committed once on `main` and tagged `base`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.processes = root / "processes"
        (self.processes / "templates").mkdir(parents=True)
        (self.processes / "organization.yml").write_text(ORGANIZATION, encoding="utf-8")
        (self.processes / "complaint.yml").write_text(BASE, encoding="utf-8")
        (self.processes / "templates" / "form.md").write_text("# 投诉登记表\n", encoding="utf-8")
        self.git("init", "-q", "-b", "main")
        self.commit("base")
        self.git("tag", "base")

    def git(self, *args: str) -> str:
        return git(self.root, *args)

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)

    def write(self, relative: str, text: str) -> None:
        path = self.processes / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def edit(self, old: str, new: str, relative: str = "complaint.yml") -> None:
        path = self.processes / relative
        text = path.read_text("utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def diff(self, *args: str) -> Result:
        return CliRunner().invoke(cli, ["diff", *args, "--processes", str(self.processes)])

    def changes(self, *args: str) -> list[dict[str, Any]]:
        """The changes of the JSON report, all processes and the organization together."""
        result = self.diff(*args, "--json")
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        return data["organization"] + [c for p in data["processes"] for c in p["changes"]]


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "handbook")


# (edit in the process file, the one change expected: kind, subject, before, after)
CASES = {
    "title": (
        ("title: 投诉处理", "title: 客户投诉处理"),
        ("process.title", "", "投诉处理", "客户投诉处理"),
    ),
    "process owner": (
        ("owner: support-manager\nsteps", "owner: sales-manager\nsteps"),
        ("process.owner", "", "support-manager", "sales-manager"),
    ),
    "status": (
        ("owner: support-manager\nsteps", "owner: support-manager\nstatus: retired\nsteps"),
        ("process.status", "", "active", "retired"),
    ),
    "step renamed": (
        ("name: 受理投诉", "name: 受理并登记投诉"),
        ("step.name", "receive", "受理投诉", "受理并登记投诉"),
    ),
    "step moved lane": (
        ("    lane: rnd\n    owner: rnd-lead", "    lane: sales\n    owner: rnd-lead"),
        ("step.lane", "diagnose", "rnd", "sales"),
    ),
    "step owner": (
        ("    lane: rnd\n    owner: rnd-lead", "    lane: rnd\n    owner: support-manager"),
        ("step.owner", "diagnose", "rnd-lead", "support-manager"),
    ),
    "supporting departments": (
        ("support: [sales]", "support: [rnd, sales]"),
        ("step.support", "receive", ["sales"], ["rnd", "sales"]),
    ),
    "raci consulted": (
        ("consulted: [rnd]", "consulted: [rnd, sales-manager]"),
        ("step.consulted", "receive", ["rnd"], ["rnd", "sales-manager"]),
    ),
    "raci informed": (
        ("consulted: [rnd]", "consulted: [rnd]\n    informed: [support-manager]"),
        ("step.informed", "receive", [], ["support-manager"]),
    ),
    "time limit": (("duration: 1d", "duration: 3d"), ("step.duration", "diagnose", "1d", "3d")),
    "old time limit": (
        ("duration: 1d", "duration: 1d\n    previous_duration: 1w\n    change: changed"),
        ("step.previous_duration", "diagnose", None, "1w"),
    ),
    "branch label": (
        ("{to: reply, when: 否}", "{to: reply, when: 不是}"),
        (
            "step.next",
            "check",
            [{"to": "diagnose", "when": "是"}, {"to": "reply", "when": "否"}],
            [{"to": "diagnose", "when": "是"}, {"to": "reply", "when": "不是"}],
        ),
    ),
    "flow": (
        ("    owner: rnd-lead\n", "    owner: rnd-lead\n    next: end\n"),
        ("step.next", "diagnose", [{"to": "reply", "when": None}], [{"to": "end", "when": None}]),
    ),
    "meeting time": (
        ('time: "15:00"', 'time: "16:30"'),
        (
            "meeting.schedule",
            "weekly",
            {
                "every": "week",
                "day": "wednesday",
                "time": "15:00",
                "minutes": 60,
                "timezone": "Asia/Shanghai",
            },
            {
                "every": "week",
                "day": "wednesday",
                "time": "16:30",
                "minutes": 60,
                "timezone": "Asia/Shanghai",
            },
        ),
    ),
    "meeting cadence": (
        ("every: week\n    day: wednesday", "every: month\n    day: first monday"),
        (
            "meeting.schedule",
            "weekly",
            {
                "every": "week",
                "day": "wednesday",
                "time": "15:00",
                "minutes": 60,
                "timezone": "Asia/Shanghai",
            },
            {
                "every": "month",
                "day": "first monday",
                "time": "15:00",
                "minutes": 60,
                "timezone": "Asia/Shanghai",
            },
        ),
    ),
    "meeting timezone": (
        ('time: "15:00"', 'time: "15:00"\n    timezone: Europe/Berlin\n    duration: 90m'),
        (
            "meeting.schedule",
            "weekly",
            {
                "every": "week",
                "day": "wednesday",
                "time": "15:00",
                "minutes": 60,
                "timezone": "Asia/Shanghai",
            },
            {
                "every": "week",
                "day": "wednesday",
                "time": "15:00",
                "minutes": 90,
                "timezone": "Europe/Berlin",
            },
        ),
    ),
    "meeting chair": (
        ("chair: support-manager", "chair: rnd-lead"),
        ("meeting.chair", "weekly", "support-manager", "rnd-lead"),
    ),
    "meeting attendees": (
        ("attendees: [support, rnd]", "attendees: [support, rnd, sales]"),
        ("meeting.attendees", "weekly", ["rnd", "support"], ["rnd", "sales", "support"]),
    ),
    "meeting renamed": (
        ("name: 投诉周会", "name: 投诉复盘周会"),
        ("meeting.name", "weekly", "投诉周会", "投诉复盘周会"),
    ),
    "template renamed": (
        ("name: 投诉登记表", "name: 客户投诉登记表"),
        ("template.name", "form", "投诉登记表", "客户投诉登记表"),
    ),
    "goal target": (
        ("target: 24 小时", "target: 12 小时"),
        (
            "goal.changed",
            "处理时效",
            {"baseline": "48 小时", "target": "24 小时", "current": None},
            {"baseline": "48 小时", "target": "12 小时", "current": None},
        ),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_kind_of_change_is_reported_once(repo: Repo, case: str) -> None:
    (old, new), (kind, subject, before, after) = CASES[case]
    repo.edit(old, new)
    assert repo.changes("main") == [
        {"kind": kind, "subject": subject, "before": before, "after": after}
    ]


def test_an_old_time_limit_reads_as_a_sentence(repo: Repo) -> None:
    repo.edit("duration: 1d", "duration: 1d\n    previous_duration: 1w\n    change: changed")
    assert "步骤「定位问题」改版前的时限：无 → 1w" in repo.diff("main").output
    english = repo.diff("main", "--lang", "en").output
    assert "Time limit before the redesign of “定位问题”: none → 1w" in english


def test_the_comment_is_in_the_language_of_the_site(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.edit("duration: 1d", "duration: 1d\n    previous_duration: 1w\n    change: changed")
    (repo.root / "mkdocs.yml").write_text("theme:\n  name: material\n  language: en\n", "utf-8")
    monkeypatch.chdir(repo.root)
    english = repo.diff("main").output
    assert "Time limit before the redesign of “定位问题”: none → 1w" in english
    assert "改版前" not in english


def test_a_new_owner_is_one_change_not_two(repo: Repo) -> None:
    """R defaults to the owner; the R that follows a new owner is not a second change."""
    repo.edit("    lane: rnd\n    owner: rnd-lead", "    lane: rnd\n    owner: support-manager")
    assert [c["kind"] for c in repo.changes("main")] == ["step.owner"]


def test_a_step_added_in_the_middle_is_one_change(repo: Repo) -> None:
    repo.edit(
        "  - id: check\n",
        "  - id: triage\n    name: 分级\n    lane: support\n    owner: support-manager\n  - id: check\n",
    )
    assert repo.changes("main") == [
        {
            "kind": "step.added",
            "subject": "triage",
            "before": None,
            "after": {"name": "分级", "lane": "support", "owner": "support-manager"},
        }
    ]


def test_a_removed_step_is_one_change(repo: Repo) -> None:
    repo.edit(
        "  - id: receive\n    name: 受理投诉\n    lane: support\n    owner: support-specialist\n"
        "    support: [sales]\n    consulted: [rnd]\n",
        "",
    )
    assert repo.changes("main") == [
        {
            "kind": "step.removed",
            "subject": "receive",
            "before": {"name": "受理投诉"},
            "after": None,
        },
    ]


def test_a_step_marked_removed_counts_as_removed(repo: Repo) -> None:
    repo.edit("    consulted: [rnd]\n", "    consulted: [rnd]\n    change: removed\n")
    assert [(c["kind"], c["subject"]) for c in repo.changes("main")] == [
        ("step.removed", "receive")
    ]


def test_reordered_steps_report_the_new_hand_overs(repo: Repo) -> None:
    """Moving a step changes who hands over to whom, which is a change in meaning."""
    # Move the first step, `receive`, after the last one, `reply`.
    block = "  - id: receive\n    name: 受理投诉\n    lane: support\n    owner: support-specialist\n    support: [sales]\n    consulted: [rnd]\n"
    repo.edit(block, "")
    repo.edit(
        "    owner: support-specialist\nmeetings:",
        "    owner: support-specialist\n" + block + "meetings:",
    )
    changes = repo.changes("main")
    assert {(c["kind"], c["subject"]) for c in changes} == {
        ("step.next", "receive"),
        ("step.next", "reply"),
    }


def test_meetings_added_and_removed(repo: Repo) -> None:
    repo.edit("  - id: weekly\n    name: 投诉周会", "  - id: monthly\n    name: 投诉月会")
    repo.edit("every: week\n    day: wednesday", "every: month\n    day: last friday")
    changes = repo.changes("main")
    assert [(c["kind"], c["subject"]) for c in changes] == [
        ("meeting.added", "monthly"),
        ("meeting.removed", "weekly"),
    ]
    assert changes[0]["after"]["schedule"]["day"] == "last friday"
    assert changes[0]["after"]["chair"] == "support-manager"


def test_templates_added_removed_and_replaced(repo: Repo) -> None:
    repo.write("templates/reply.md", "# 答复模板\n")
    repo.edit(
        "    file: templates/form.md\n",
        "    file: templates/form.md\n  - id: reply\n    name: 答复模板\n    file: templates/reply.md\n",
    )
    repo.commit("add a template")
    repo.write("templates/form.md", "# 投诉登记表（第二版）\n")  # same path, new content
    assert [(c["kind"], c["subject"]) for c in repo.changes("HEAD")] == [("template.file", "form")]
    repo.edit("  - id: reply\n    name: 答复模板\n    file: templates/reply.md\n", "")
    assert [(c["kind"], c["subject"]) for c in repo.changes("HEAD")] == [
        ("template.file", "form"),
        ("template.removed", "reply"),
    ]
    assert [(c["kind"], c["subject"]) for c in repo.changes("base", "HEAD")] == [
        ("template.added", "reply")
    ]


def test_a_template_pointing_at_another_file_is_replaced(repo: Repo) -> None:
    repo.write("templates/form-v2.md", "# 投诉登记表\n")  # identical bytes, another file
    repo.edit("file: templates/form.md", "file: templates/form-v2.md")
    [change] = repo.changes("main")
    assert change["kind"] == "template.file"
    assert (change["before"]["file"], change["after"]["file"]) == (
        "templates/form.md",
        "templates/form-v2.md",
    )
    assert (
        "模板「投诉登记表」换成了另一个文件：templates/form.md → templates/form-v2.md"
        in repo.diff("main").output
    )


def test_goals_added_and_removed(repo: Repo) -> None:
    repo.edit(
        "  - metric: 处理时效\n", "  - metric: 一次解决率\n    target: 90%\n  - metric: 处理时效\n"
    )
    repo.commit("add a goal")
    assert [(c["kind"], c["subject"]) for c in repo.changes("base", "HEAD")] == [
        ("goal.added", "一次解决率")
    ]
    assert [(c["kind"], c["subject"]) for c in repo.changes("HEAD", "base")] == [
        ("goal.removed", "一次解决率")
    ]


def test_processes_added_and_removed(repo: Repo) -> None:
    repo.write(
        "sales/refund.yml",
        "title: 退款\nowner: sales-manager\nsteps:\n  - {name: 审核退款, lane: sales, owner: sales-manager}\n",
    )
    (repo.processes / "complaint.yml").unlink()
    result = repo.diff("main", "--json")
    data = json.loads(result.output)
    assert [(p["id"], p["changes"]) for p in data["processes"]] == [
        (
            "complaint",
            [
                {
                    "kind": "process.removed",
                    "subject": "",
                    "before": {"title": "投诉处理"},
                    "after": None,
                }
            ],
        ),
        (
            "refund",
            [
                {
                    "kind": "process.added",
                    "subject": "",
                    "before": None,
                    "after": {"title": "退款", "owner": "sales-manager", "steps": 1},
                }
            ],
        ),
    ]
    text = repo.diff("main").output
    assert "### 退款（`refund`）\n\n- 新增流程：流程负责人 销售经理，1 个步骤" in text
    assert "### 投诉处理（`complaint`）\n\n- 删除流程「投诉处理」" in text


def test_organization_changes(repo: Repo) -> None:
    repo.edit("    name: 研发组长\n", "    name: 研发项目经理\n", "organization.yml")
    repo.edit(
        "  - id: sales\n    name: 销售部\n",
        "  - id: sales\n    name: 销售部\n  - id: legal\n    name: 法务部\n",
        "organization.yml",
    )
    assert repo.changes("main") == [
        {
            "kind": "department.added",
            "subject": "legal",
            "before": None,
            "after": {"name": "法务部"},
        },
        {"kind": "role.name", "subject": "rnd-lead", "before": "研发组长", "after": "研发项目经理"},
    ]
    text = repo.diff("main").output
    assert "### 组织架构（organization.yml）" in text
    assert "- 新增部门「法务部」（`legal`）" in text
    assert "- 角色改名：「研发组长」→「研发项目经理」" in text


def test_whitespace_comment_and_formatting_edits_mean_nothing(repo: Repo) -> None:
    repo.write("complaint.yml", REFORMATTED.replace("\n", "\r\n"))
    result = repo.diff("main")
    assert result.exit_code == 0
    assert "无含义变化" in result.output
    data = json.loads(repo.diff("main", "--json").output)
    assert data["changed"] is False and data["processes"] == [] and data["organization"] == []
    assert "No change in meaning" in repo.diff("main", "--lang", "en").output


def test_the_markdown_fits_a_pull_request_comment(repo: Repo) -> None:
    repo.edit("name: 受理投诉", "name: 受理并登记投诉")
    repo.edit("    lane: rnd\n    owner: rnd-lead", "    lane: rnd\n    owner: support-manager")
    repo.edit('time: "15:00"', 'time: "16:00"')
    repo.edit("{to: reply, when: 否}", "{to: reply, when: 不是}")
    assert (
        repo.diff("main").output
        == """\
## 流程变更摘要

对比：main → 工作区

1 个流程有含义变化。

### 投诉处理（`complaint`）

- 步骤改名：「受理投诉」→「受理并登记投诉」
- 步骤「是否技术问题？」的分支：新增 不是 → 答复客户；移除 否 → 答复客户
- 步骤「定位问题」的第一责任人：研发组长 → 客服部经理
- 会议「投诉周会」改期：每周三 15:00–16:00 (Asia/Shanghai) → 每周三 16:00–17:00 (Asia/Shanghai)
"""
    )
    english = repo.diff("main", "--lang", "en").output
    assert "- Step renamed: “受理投诉” → “受理并登记投诉”" in english
    assert "- Accountable owner of “定位问题”: 研发组长 → 客服部经理" in english


def test_json_is_stable_and_sorted(repo: Repo) -> None:
    repo.edit("support: [sales]", "support: [rnd, sales]")
    first = repo.diff("main", "--json").output
    assert first == repo.diff("main", "--json").output
    data = json.loads(first)
    assert (
        list(data)
        == sorted(data)
        == ["base", "changed", "errors", "head", "organization", "processes"]
    )
    assert data["base"] == "main" and data["head"] is None and data["changed"] is True
    assert data["processes"] == [
        {
            "id": "complaint",
            "title": "投诉处理",
            "changes": [
                {
                    "kind": "step.support",
                    "subject": "receive",
                    "before": ["sales"],
                    "after": ["rnd", "sales"],
                },
            ],
        }
    ]


def test_two_revisions_can_be_compared_without_the_working_tree(repo: Repo) -> None:
    repo.edit("title: 投诉处理", "title: 客户投诉处理")
    repo.commit("retitle")
    repo.edit("title: 客户投诉处理", "title: [broken")  # the working tree does not matter here
    assert repo.changes("base", "HEAD") == [
        {"kind": "process.title", "subject": "", "before": "投诉处理", "after": "客户投诉处理"},
    ]


def test_a_base_without_the_processes_folder_has_everything_added(repo: Repo) -> None:
    repo.git("checkout", "-q", "--orphan", "empty")
    repo.git("rm", "-rq", "--cached", ".")
    repo.git("commit", "-q", "--allow-empty", "-m", "nothing yet")
    changes = repo.changes("empty")
    assert ("process.added", "") in {(c["kind"], c["subject"]) for c in changes}
    assert {c["subject"] for c in changes if c["kind"] == "department.added"} == {
        "support",
        "rnd",
        "sales",
    }


def test_a_side_that_does_not_load_is_reported_not_a_crash(repo: Repo) -> None:
    repo.edit("name: 受理投诉", "name: [受理投诉")
    result = repo.diff("main")
    assert result.exit_code == 1
    assert "**无法比较**：对比版本的流程文件有 1 个错误。" in result.output
    assert f"{repo.processes.as_posix()}/complaint.yml:5:" in result.output.replace(
        "&#45;", "-"
    ).replace("&#95;", "_")
    data = json.loads(repo.diff("main", "--json").output)
    assert data["changed"] is None and list(data["errors"]) == ["head"]
    assert data["errors"]["head"][0]["file"] == "complaint.yml"


def test_a_broken_base_is_named(repo: Repo) -> None:
    repo.edit("owner: support-manager\nsteps", "owner: nobody\nsteps")
    repo.commit("broken")
    repo.edit("owner: nobody\nsteps", "owner: support-manager\nsteps")
    result = repo.diff("HEAD")
    assert result.exit_code == 1
    assert "**无法比较**：基准版本（HEAD）的流程文件有 1 个错误。" in result.output
    assert "unknown role &#39;nobody&#39;" in result.output


def test_an_unknown_revision_is_a_usage_error(repo: Repo) -> None:
    result = repo.diff("no-such-branch")
    assert result.exit_code == 2
    assert "unknown revision 'no-such-branch'" in result.output


def test_the_default_base_explains_itself_when_missing(repo: Repo) -> None:
    result = repo.diff()
    assert result.exit_code == 2
    assert (
        "unknown revision 'origin/main'" in result.output and "handbook diff main" in result.output
    )


def test_an_option_like_revision_is_refused(repo: Repo, tmp_path: Path) -> None:
    """A revision is never handed to git where it could be read as an option."""
    target = tmp_path / "written"
    result = CliRunner().invoke(
        cli, ["diff", "--processes", str(repo.processes), "--", f"--output={target}"]
    )
    assert result.exit_code == 2
    assert f"unknown revision '--output={target}'" in result.output
    assert not target.exists()


def test_outside_git_is_a_usage_error(processes_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["diff", "main", "--processes", str(processes_dir)])
    assert result.exit_code == 2
    assert "is not inside a git repository" in result.output


def test_author_text_stays_text_in_the_comment(repo: Repo) -> None:
    hostile = "<script>alert(1)</script> [x](javascript:alert(2)) **b** @everyone"
    repo.edit("name: 受理投诉", f"name: {json.dumps(hostile, ensure_ascii=False)}")
    text = repo.diff("main").output
    assert "<script>" not in text and "](javascript:" not in text and "**b**" not in text
    assert "&#60;script&#62;" in text
    assert "@everyone" not in text and "@&#8203;everyone" in text  # nobody is notified


def test_a_very_long_summary_is_cut_to_fit_a_comment(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    from process_handbook.diff import report

    for n in range(3):
        repo.write(
            f"p{n}.yml",
            f"title: 流程{n}\nowner: sales-manager\nsteps:\n  - {{name: 审核, lane: sales, owner: sales-manager}}\n",
        )
    monkeypatch.setattr(report, "MAX_COMMENT", 100)  # room for the heading and one process
    text = repo.diff("main").output
    assert "### 流程0" in text and "### 流程1" not in text
    assert "3 个流程有含义变化。" in text
    assert "另有 2 个流程的变化未列出" in text and "handbook diff --json" in text
