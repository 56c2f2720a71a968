"""The improvement story on a process page: goals, problems and 5-Why, old versus new, the plan.

Pages are read as Markdown (no MkDocs): what a reader would see, and the
Mermaid source of each diagram. The browser half is test_improvement_browser.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from fractions import Fraction
from pathlib import Path

import pytest

from conftest import LoadFiles
from process_handbook.model.entities import Goal, Phase
from process_handbook.model.progress import Measure, measure, progress, unit_clash
from process_handbook.options import BuildOptions
from process_handbook.pipeline import Build, build
from process_handbook.rendering.diagrams import phase_status
from process_handbook.rendering.mermaid import label
from process_handbook.rendering.text import inline
from sitekit import REPO, html_tables, own_markup_removed, page_text, section
from test_fuzz import foreign_markup, mermaid_blocks, without_diagrams

TODAY = dt.date(2026, 11, 23)
SAMPLE = REPO / "processes"
LAUNCH = "processes/new-product-launch.md"


def body(block: str) -> str:
    """A diagram without its front matter (the generated config)."""
    return block.split("---\n", 2)[-1] if block.startswith("---\n") else block


# --- goal progress: the numbers ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("150 天", Fraction(150), "|天"),
        ("150天", Fraction(150), "|天"),
        ("75%", Fraction(75), "|%"),
        ("７５％", Fraction(75), "|%"),  # full-width digits and percent sign
        ("2.5 小时", Fraction(5, 2), "|小时"),
        ("1,200 元", Fraction(1200), "|元"),
        ("¥120", Fraction(120), "¥|"),
        ("-5 %", Fraction(-5), "|%"),
        ("3 Days", Fraction(3), "|days"),
        ("±20%", Fraction(20), "±|%"),
    ],
)
def test_a_value_reads_as_number_and_unit(text: str, value: Fraction, unit: str) -> None:
    assert measure(text) == Measure(value, unit)


@pytest.mark.parametrize(
    "text", ["口头传递，无统一文档", "3-5 天", "Q3 2026", "1,2 天", "", None, "约 3 天 2 小时"]
)
def test_text_values_are_not_numbers(text: str | None) -> None:
    assert measure(text) is None


def goal(baseline: str | None, target: str | None, current: str | None) -> Goal:
    return Goal(metric="指标", baseline=baseline, target=target, current=current)


@pytest.mark.parametrize(
    ("values", "percent"),
    [
        (("150 天", "120 天", "131 天"), 63),  # downwards: 19 of 30 days
        (("75%", "95%", "82%"), 35),  # upwards
        (("75％", "95%", "82 %"), 35),  # full-width and half-width percent are one unit
        (("8 小时", "2 小时", "2.5 小时"), 92),  # decimals
        (("0 件", "200 件", "127 件"), 64),  # 63.5 rounds half up
        (("75%", "95%", "70%"), 0),  # worse than the baseline: clamped at 0
        (("150 天", "120 天", "100 天"), 100),  # beyond the target: clamped at 100
        (("75%", "95%", "95%"), 100),
    ],
)
def test_progress_runs_from_baseline_to_target(values: tuple[str, str, str], percent: int) -> None:
    done = progress(goal(*values))
    assert done is not None and done.percent == percent


@pytest.mark.parametrize(
    "values",
    [
        ("90%", "90%", "92%"),  # no span between baseline and target
        ("150 天", "4 个月", "131 天"),  # units differ
        ("75%", "95%", None),  # no current value yet
        ("口头传递", "书面提交", "部分书面"),  # text
    ],
)
def test_no_progress_without_comparable_numbers(values: tuple[str, str, str | None]) -> None:
    assert progress(goal(*values)) is None


def test_unit_clash_names_the_two_fields() -> None:
    assert unit_clash(goal("150 天", "4 个月", "131 天")) == ("baseline", "target")
    assert unit_clash(goal("150 天", "口头", "4 个月")) == ("baseline", "current")
    assert unit_clash(goal("75%", "95％", "82 %")) is None
    assert unit_clash(goal("口头", "书面", None)) is None


# --- goals on the process page and the goals page ---------------------------------------


def progress_cell(percent: int) -> str:
    bar = f'<progress class="ph-progress" value="{percent}" max="100" aria-label="进度">{percent}%</progress>'
    return f'<span class="ph-goal">{bar} {percent}%</span>'


def test_goals_table_shows_values_and_progress(sample: Build) -> None:
    goals = section(page_text(sample, LAUNCH), "目标")
    assert "| 指标 | 基线 | 目标值 | 当前值 | 进度 |" in goals
    assert f"| 150 天 | 120 天 | 131 天 | {progress_cell(63)} |" in goals
    assert f"| 75% | 95% | 82% | {progress_cell(35)} |" in goals
    text_goal = next(line for line in goals.splitlines() if line.startswith("| 需求传递方式"))
    assert "口头或聊天记录传递，无统一文档" in text_goal and text_goal.endswith("| — |")


def test_goals_page_lists_every_goal_with_process_and_owner(sample: Build) -> None:
    text = page_text(sample, "goals/index.md")
    assert text.startswith("---\nsearch:\n  exclude: true\n---\n# 目标总览\n")
    assert "| 流程 | 指标 | 基线 | 目标值 | 当前值 | 进度 | 流程负责人 |" in text
    rows = [line for line in text.splitlines() if line.startswith("| [")]
    goals = [(p, g) for p in sample.handbook.processes for g in p.goals]
    assert len(rows) == len(goals) >= 3
    for row, (process, g) in zip(rows, goals):
        assert row.startswith(
            f"| [{inline(process.title)}](../processes/{process.id}.md#goals) | {inline(g.metric)} |"
        )
        owner = sample.handbook.roles[process.owner]
        assert row.endswith(f"| [{inline(owner.name)}](../roles/{owner.id}.md) |")
    launch = next(r for r in rows if "上市周期" in r)
    assert progress_cell(63) in launch


def test_goals_page_without_goals_says_so(processes_dir: Path) -> None:
    (processes_dir / "p.yml").write_text(PROCESS_HEAD, encoding="utf-8")
    result = build(processes_dir, BuildOptions(today=TODAY))
    assert "还没有流程设定目标。" in page_text(result, "goals/index.md")


# --- problems, 5-Why and the fishbone -----------------------------------------------------


def test_problem_table_links_steps_and_why_chains(sample: Build) -> None:
    problems = section(page_text(sample, LAUNCH), "现状问题")
    header, *rows = html_tables(problems)[0]
    assert [c.text for c in header] == ["问题", "发生环节", "影响", "根本原因", "改进措施", "状态"]
    row = next(r for r in rows if r[0].text == "需求传递无标准文档")
    assert row[0].links == [("#why-1", "需求传递无标准文档")]
    assert row[1].links == [("#step-requirements", "编写需求规格说明书")]
    assert (row[2].text, row[-1].text) == ("高", "⚠ 未解决")
    fixed = next(r for r in rows if r[0].text == "样品测试标准不统一")
    assert fixed[-1].text == "已解决"
    nowhere = next(r for r in rows if r[0].text == "跨部门信息不同步")
    assert nowhere[1].text == "—"
    # the list opens with a line that counts the problems, open ones apart
    assert "<summary>6 个问题，其中 4 个未解决" in problems


def test_each_problem_with_whys_gets_a_why_chain(sample: Build) -> None:
    process = sample.handbook.process_by_id["new-product-launch"]
    problems = section(page_text(sample, LAUNCH), "现状问题")
    chains = [b for b in mermaid_blocks(problems) if "\nflowchart TB\n" in b]
    with_whys = [p for p in process.problems if p.whys]
    assert len(chains) == len(with_whys) == 6
    for number, (problem, chain) in enumerate(zip(with_whys, chains), 1):
        assert (
            f'<details class="ph-why" id="why-{number}" markdown>\n<summary>{inline(problem.title)}</summary>'
            in problems
        )
        assert f'w0(["{label("现象：" + problem.whys[0])}"])' in chain
        for why in problem.whys[1:]:
            assert label(why) in chain
        assert chain.count(f'|"{label("为什么？")}"|') == len(problem.whys) - 1
        assert f'root{{{{"{label("根本原因：" + problem.root_cause)}"}}}}' in chain
        assert f'fix(["{label("改进措施：" + problem.fix)}"])' in chain
        assert f"w{len(problem.whys) - 1} --> root\n  root --> fix" in chain


def test_fishbone_groups_problems_by_category(sample: Build) -> None:
    process = sample.handbook.process_by_id["new-product-launch"]
    problems = section(page_text(sample, LAUNCH), "现状问题")
    assert '### 问题分类（鱼骨图） {#fishbone data-search-exclude="true"}' in problems
    fishbone = next(b for b in mermaid_blocks(problems) if "ishikawa-beta" in b)
    lines = body(fishbone).splitlines()
    assert lines[0] == "ishikawa-beta"
    assert lines[1] == f"  {label('新产品上市协作流程的现状问题')}"
    categories = [
        line.strip() for line in lines if line.startswith("    ") and not line.startswith("      ")
    ]
    assert categories == [label(c) for c in ("方法", "设备", "测量", "人员", "材料", "环境")]
    for problem in process.problems:
        assert f"      {label(problem.title)}" in lines


def test_older_mermaid_gets_the_categories_as_a_list(sample: Build) -> None:
    old = build(SAMPLE, BuildOptions(today=TODAY, mermaid_version=(11, 12, 0)))
    problems = section(page_text(old, LAUNCH), "现状问题")
    assert "ishikawa" not in problems
    assert "- **设备**：试产良率低，多次返工" in problems
    assert "- **环境**：试产车间温湿度波动" in problems


def test_swimlane_marks_steps_with_open_problems_only(sample: Build) -> None:
    current = mermaid_blocks(page_text(sample, LAUNCH))[0]
    process = sample.handbook.process_by_id["new-product-launch"]
    node = {s.id: f"s{i}" for i, s in enumerate(process.current_steps)}
    marked = {"requirements", "trial-production", "materials"}  # sample-test's problem is fixed
    for step in process.current_steps:
        assert (f"  class {node[step.id]} phProblem" in current) == (step.id in marked), step.id
        assert (label("⚠ " + step.name) in current) == (step.id in marked), step.id
    assert "classDef phProblem fill:" in current
    for change_class in ("phNew", "phChanged", "phRemoved"):
        assert change_class not in current  # the current flow stays clean
    assert "标有 ⚠ 的步骤还有未解决的问题，见 [现状问题](#problems)" in page_text(sample, LAUNCH)


# --- old versus new ------------------------------------------------------------------


def test_comparison_view_colours_every_change_in_its_lane(sample: Build) -> None:
    process = sample.handbook.process_by_id["new-product-launch"]
    swimlanes = section(page_text(sample, LAUNCH), "泳道图")
    assert '### 新旧流程对比 {#compare data-search-exclude="true"}' in swimlanes
    compare = mermaid_blocks(swimlanes)[1]
    assert "\nswimlane-beta LR\n" in compare
    node = {s.id: f"s{i}" for i, s in enumerate(process.steps)}
    markers = {"new": "［新增］", "changed": "［变更］", "removed": "［删除］"}
    classes = {"new": "phNew", "changed": "phChanged", "removed": "phRemoved"}
    lanes = re.findall(r"  subgraph (lane\d+)\[.*?\n((?:    .*\n)*?)  end\n", compare)
    lane_of = {
        n: lane
        for lane, members in lanes
        for n in re.findall(r"^    (s\d+)", members, re.MULTILINE)
    }
    lane_index = {lane: f"lane{process.lanes.index(lane)}" for lane in process.lanes}
    for step in process.steps:
        assert lane_of[node[step.id]] == lane_index[step.lane], step.id
        if step.change:
            assert label(markers[step.change] + step.name) in compare
            assert f"  class {node[step.id]} {classes[step.change]}" in compare
        else:
            assert f"  class {node[step.id]} " not in compare
    assert re.search(r"classDef phRemoved [^\n]*stroke-dasharray", compare)
    assert {kind for kind in classes if f"classDef {classes[kind]} fill:" in compare} == set(
        classes
    )


def test_comparison_draws_the_old_next_of_a_removed_step_dashed(sample: Build) -> None:
    process = sample.handbook.process_by_id["new-product-launch"]
    compare = mermaid_blocks(section(page_text(sample, LAUNCH), "泳道图"))[1]
    node = {s.id: f"s{i}" for i, s in enumerate(process.steps)}
    assert f"  {node['verbal-approval']} -.-> {node['design']}" in compare
    assert f"  start --> {node['market-research']}" in compare  # the flow starts at a current step
    assert not re.search(rf"--> {node['verbal-approval']}\b", compare)


def test_comparison_has_a_legend_and_lists_removed_steps(sample: Build) -> None:
    swimlanes = section(page_text(sample, LAUNCH), "泳道图")
    after = swimlanes.split("### 新旧流程对比", 1)[1]
    legend = [line for line in after.splitlines() if line.startswith('- <span class="ph-swatch"')]
    assert [re.search(r"\*\*(.+?)\*\*", line)[1] for line in legend] == [
        "［新增］",
        "［变更］",
        "［删除］",
    ]
    assert "dashed" in legend[2] and "虚线" in legend[2]
    assert '<span id="step-verbal-approval"></span>**［删除］总经理口头批准立项**' in after


def test_comparison_lists_the_old_time_limits(sample: Build) -> None:
    after = section(page_text(sample, LAUNCH), "泳道图").split("### 新旧流程对比", 1)[1]
    table = after.split('#### 时限有变化的步骤 {#retimed-steps data-search-exclude="true"}\n', 1)[
        1
    ].split("\n\n####", 1)[0]
    assert table.strip().splitlines() == [
        "| 步骤 | 旧流程 | 新流程 |",
        "| --- | :-: | :-: |",
        "| [产品设计与开发](#step-design) | 9 周 | 6 周 |",
        "| [样品测试](#step-sample-test) | 1 周 | 5 天 |",
        "| [小批量试产](#step-trial-production) | 3 周 | 10 天 |",
        "| [量产物料采购](#step-materials) | 3 周 | 2 周 |",
    ]  # market-research is changed too, but its time limit did not change: not listed
    assert "**［删除］总经理口头批准立项**（[市场部]" in after
    assert "[市场总监](../roles/marketing-director.md) · 时限 5 天）" in after


def test_metrics_name_the_old_and_the_new_critical_path(sample: Build) -> None:
    metrics = section(page_text(sample, LAUNCH), "流程指标")
    assert (
        "| 关键路径 | 150 天 | 119 天 | 新产品上市周期（立项到上市发布）：150 天 → 120 天 |"
        in metrics
    )
    new = re.search(r"^- \*\*关键路径\*\*（新流程）：(.*)$", metrics, re.MULTILINE)
    old = re.search(r"^- \*\*关键路径\*\*（旧流程）：(.*)$", metrics, re.MULTILINE)
    assert new and "[编写需求规格说明书](#step-requirements)" in new[1]
    assert old and "[总经理口头批准立项](#step-verbal-approval)" in old[1]
    assert "#step-requirements" not in old[1]
    assert "未填写时限" not in metrics


def test_no_comparison_without_changes(sample: Build) -> None:
    process = next(p for p in sample.handbook.processes if not any(s.change for s in p.steps))
    text = page_text(sample, f"processes/{process.id}.md")
    assert "新旧流程对比" not in text and len(mermaid_blocks(section(text, "泳道图"))) == 1


def test_english_pages_use_english_markers(sample: Build) -> None:
    english = build(SAMPLE, BuildOptions(language="en", today=TODAY))
    text = page_text(english, LAUNCH)
    assert '### Old versus new {#compare data-search-exclude="true"}' in text
    assert label("[new] 编写需求规格说明书") in text
    assert "| Metric | Baseline | Target | Current | Progress |" in text
    assert label("Symptom: 项目平均延期 30 天") in text
    assert "\n# Goals\n" in page_text(english, "goals/index.md")


# --- the plan and the team ------------------------------------------------------------


def test_plan_is_a_gantt_chart_and_a_table(sample: Build) -> None:
    process = sample.handbook.process_by_id["new-product-launch"]
    plan = section(page_text(sample, LAUNCH), "实施计划")
    chart = body(mermaid_blocks(plan)[0]).splitlines()
    header = [
        "gantt",
        "  dateFormat YYYY-MM-DD",
        "  axisFormat %Y-%m",
        "  inclusiveEndDates",
        "  todayMarker stroke-width:3px,stroke:#e53935,opacity:0.9",  # drawn by the browser
    ]
    assert chart[:5] == header  # nine months: the axis names months
    bars = chart[5:]
    assert len(bars) == len(process.plan) == 5
    statuses = [phase_status(phase, TODAY) for phase in process.plan]
    assert statuses == ["done", "done", "done", "done", "done"] or "active" in statuses
    marks = {"done": "✓ ", "active": "▶ ", "planned": ""}
    tags = {"done": "done, ", "active": "active, ", "planned": ""}
    for index, (bar, phase, status) in enumerate(zip(bars, process.plan, statuses)):
        owner = sample.handbook.roles[phase.owner].name
        text = (label(marks[status]) + " " if marks[status] else "") + label(
            f"{phase.phase}（{owner}）"
        )
        assert bar == f"  {text} :{tags[status]}p{index}, {phase.start}, {phase.end}"
    assert f"按 {TODAY.isoformat()} 的进度" in plan
    names = {"done": "✓ 已完成", "active": "▶ 进行中", "planned": "未开始"}
    header, first, *_ = html_tables(plan)[0]
    assert [c.text for c in header] == [
        "阶段",
        "起止",
        "流程负责人",
        "关键任务",
        "交付成果",
        "状态",
    ]
    assert [c.text for c in first[:2]] == ["筹备启动", "2026-01-05 – 2026-01-16"]
    assert first[2].links == [("../../roles/coo/", "运营副总裁")]
    assert first[3].text.startswith("成立专项优化小组、")
    assert first[5].text == names[statuses[0]]
    assert "<summary>5 个阶段，2026-01-05 – 2026-09-30" in plan


def test_phase_status_follows_the_build_date() -> None:
    phase = Phase(phase="试运行", start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31))
    assert phase_status(phase, dt.date(2026, 2, 28)) == "planned"
    assert phase_status(phase, dt.date(2026, 3, 1)) == "active"
    assert phase_status(phase, dt.date(2026, 3, 31)) == "active"
    assert phase_status(phase, dt.date(2026, 4, 1)) == "done"
    assert phase_status(phase, None) is None


def test_team_card_names_leader_members_and_specialist(sample: Build) -> None:
    team = section(page_text(sample, LAUNCH), "专项优化小组")
    assert '<dl class="ph-facts ph-card ph-head">' in team
    assert (
        '<div><dt>组长</dt> <dd><a href="../../roles/coo/">运营副总裁</a>'
        '（<a href="../../departments/executive/">总经办</a>）</dd></div>' in team
    )
    members = next(line for line in team.splitlines() if line.startswith("<div><dt>成员</dt>"))
    assert members.count('href="../../roles/') == 5
    assert members.count('href="../../departments/') == 5
    assert (
        '<a href="../../roles/marketing-director/">市场总监</a>'
        '（<a href="../../departments/marketing/">市场部</a>）、' in members
    )
    assert (
        '<div><dt>流程专员</dt> <dd><a href="../../roles/process-specialist/">流程专员</a>（'
        in team
    )


def test_sample_uses_every_improvement_field(sample: Build) -> None:
    process = sample.handbook.process_by_id["new-product-launch"]
    assert process.team and process.team.specialist and process.goals and process.plan
    assert {s.change for s in process.steps} >= {"new", "changed", "removed"}
    assert {p.status for p in process.problems} == {"open", "fixed"}
    assert all(p.whys and p.category and p.root_cause and p.fix for p in process.problems)


# --- validation ------------------------------------------------------------------------

PROCESS_HEAD = """\
title: 客户投诉处理流程
owner: support-manager
steps:
  - id: receive
    name: 受理并登记投诉
    lane: support
    owner: support-specialist
"""


def findings(load_files: LoadFiles, text: str) -> list[str]:
    loaded = load_files({"p.yml": PROCESS_HEAD + text})
    return [d.format("processes") for d in loaded.diagnostics]


def test_goal_with_two_units_is_a_warning_with_its_line(load_files: LoadFiles) -> None:
    out = findings(
        load_files, "goals:\n  - metric: 处理周期\n    baseline: 7 天\n    target: 72 小时\n"
    )
    expected = (
        "processes/p.yml:11:13: warning: goal '处理周期': baseline '7 天' and target '72 小时' are in "
        "different units, so no progress can be shown [goal-units]\n"
        "    fix: write baseline, target and current in the same unit (e.g. all in 天, or all in %)"
    )
    assert out == [expected]


def test_text_goals_and_matching_units_are_fine(load_files: LoadFiles) -> None:
    text = "goals:\n  - {metric: a, baseline: 口头, target: 书面, current: 7 天}\n  - {metric: b, baseline: 75%, target: 95％}\n"
    assert findings(load_files, text) == []


def test_fixed_problem_without_fix_is_a_warning(load_files: LoadFiles) -> None:
    out = findings(load_files, "problems:\n  - title: 转交太多\n    status: fixed\n")
    expected = (
        "processes/p.yml:10:5: warning: problem '转交太多' is marked fixed but does not say how"
        " [fixed-without-fix]\n"
        "    fix: add `fix:` with the measure that solved it, or set `status: open`"
    )
    assert out == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "plan:\n  - {phase: 试点, start: 2026-03-01, end: 2026-02-01}\n",
            "processes/p.yml:9:41: error: phase '试点' ends (2026-02-01) before it starts (2026-03-01)",
        ),
        (
            "plan:\n  - {phase: 试点, start: 2026-13-01, end: 2026-12-01}\n",
            "processes/p.yml:9:24: error: '2026-13-01' is not a date",
        ),
        (
            "problems:\n  - {title: 慢, step: recieve}\n",
            "processes/p.yml:9:22: error: unknown step 'recieve'",
        ),
    ],
)
def test_improvement_fields_are_checked_with_line_and_fix(
    load_files: LoadFiles,
    text: str,
    expected: str,
) -> None:
    out = findings(load_files, text)
    assert len(out) == 1 and out[0].startswith(expected), out
    assert "\n    fix: " in out[0]


def test_next_to_a_removed_step_names_the_line(load_files: LoadFiles) -> None:
    out = findings(
        load_files,
        """\
    next: old
  - id: old
    name: 主管审批
    lane: support
    owner: support-manager
    change: removed
""",
    )
    assert len(out) == 1 and out[0].startswith(
        "processes/p.yml:8:11: error: 'old' is marked `change: removed`"
    )
    assert "\n    fix: point `next` at a step of the current process" in out[0]


# --- hostile text ----------------------------------------------------------------------

#: Text that tries to leave a Mermaid label or line, start a directive, or become HTML.
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "label": '"] --> x["',
    "directive": '%%{init: {"securityLevel": "loose"}}%%',
    "colon": "开始: 结束 #1; #35;",
    "section": "section 黑客",
    "click": "click s0 call alert(1)",
}


def hostile_process() -> str:
    h = {k: '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for k, v in HOSTILE.items()}
    return (
        PROCESS_HEAD
        + f"""\
    next: fix
  - id: fix
    name: {h["label"]}
    lane: rnd
    owner: rnd-lead
    change: new
  - id: gone
    name: {h["directive"]}
    lane: support
    owner: support-manager
    change: removed
    next: fix
goals:
  - {{metric: {h["script"]}, baseline: {h["label"]}, target: {h["directive"]}, current: {h["colon"]}}}
problems:
  - title: {h["script"]}
    step: fix
    category: {h["section"]}
    whys: [{h["script"]}, {h["label"]}, {h["directive"]}, {h["colon"]}]
    root_cause: {h["click"]}
    fix: {h["label"]}
plan:
  - {{phase: {h["section"]}, start: 2026-01-05, end: 2026-01-16, owner: rnd-lead}}
  - {{phase: {h["click"]}, start: 2026-01-19, end: 2026-02-13}}
  - {{phase: {h["colon"]}, start: 2026-02-16, end: 2026-02-27}}
  - {{phase: {h["directive"]}, start: 2026-03-02, end: 2026-03-13}}
  - {{phase: {h["script"]}, start: 2026-03-16, end: 2026-03-27}}
"""
    )


@pytest.fixture
def hostile(processes_dir: Path) -> str:
    (processes_dir / "hostile.yml").write_text(hostile_process(), encoding="utf-8")
    result = build(processes_dir, BuildOptions(today=TODAY))
    assert result.ok, [d.format() for d in result.diagnostics]
    return page_text(result, "processes/hostile.md")


def test_hostile_text_stays_inside_every_diagram_label(hostile: str) -> None:
    blocks = mermaid_blocks(hostile)
    assert len(blocks) == 5  # current flow, comparison, one why-chain, fishbone, plan
    for block in blocks:
        source = own_markup_removed(body(block))
        assert "%%" not in source and "<" not in source.replace("-->", "").replace("-.->", "")
        for text in HOSTILE.values():
            assert text not in source
        if source.startswith(("swimlane-beta", "flowchart")):
            for line in source.splitlines():
                outside = re.sub(r'"[^"]*"', '""', line)  # what is left outside the labels
                assert not re.search(r"script|init|alert|黑客", outside), line


def test_hostile_plan_bars_cannot_become_gantt_keywords(hostile: str) -> None:
    chart = body(next(b for b in mermaid_blocks(hostile) if "\ngantt\n" in "\n" + b))
    bars = chart.splitlines()[5:]
    assert len(bars) == 5
    for bar in bars:
        name, data = bar.split(" :", 1)
        # Letters, digits, CJK, blanks and entity codes only; never an ASCII letter first (keywords).
        assert re.fullmatch(r"  (#10003; )?(#\d+;|[^\x00-\x7f])(#\d+;|[^#:;%<>\"])*", name), bar
        assert re.fullmatch(r"((done|active), )?p\d, 2026-\d\d-\d\d, 2026-\d\d-\d\d", data), bar
    # Done on TODAY: the status mark comes first, so no name can start a keyword.
    done = label("✓") + " "
    assert (
        bars[0]
        == f"  {done}#115;"
        + label("section 黑客（研发组长）")[1:]
        + " :done, p0, 2026-01-05, 2026-01-16"
    )
    assert bars[1].startswith(f"  {done}#99;lick s0 call alert#40;1#41; :done, p1,")
    assert "\n  axisFormat %m-%d\n" in chart  # twelve weeks: the axis names days


def test_hostile_text_is_plain_text_in_tables(hostile: str) -> None:
    outside = without_diagrams(hostile)
    outside = re.sub(r'<div class="ph-description">.*?</div>', "", outside, flags=re.DOTALL)
    assert "<script" not in outside and "%%{" not in outside
    assert foreign_markup(hostile) == []  # only the handbook's own tags
    assert "<progress" not in outside  # no goal value is comparable: no progress bar
    assert "&#60;script&#62;alert(1)&#60;/script&#62;" in section(hostile, "现状问题")
    assert "| — |" in section(hostile, "目标")  # nothing comparable: no progress bar


@pytest.mark.site
def test_diagram_source_stays_out_of_the_search_index(sample_site: Path) -> None:
    index = json.loads((sample_site / "search" / "search_index.json").read_text("utf-8"))
    texts = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"]).replace(
        "\u200b", ""
    )
    for source in (
        "ishikawa-beta",
        "dateFormat",
        "classDef",
        "flowchart TB",
        "themeCSS",
        "#65306;",
    ):
        assert source not in texts, source
    assert "需求传递无标准文档" in texts  # the problem table is searchable
