"""Flow metrics and the swimlane grid on crafted flows, against values counted by hand."""

from __future__ import annotations

import pytest

from conftest import LoadFiles
from process_handbook.model.entities import Process
from process_handbook.model.flow import current_version, previous_version
from process_handbook.model.grid import grid
from process_handbook.model.metrics import (
    MINUTES_PER_DAY,
    department_load,
    goal_quantities,
    process_metrics,
)

# receive(support, 2h) → triage (decision, support): A → tech(rnd, 1d) → answer
#                                                     B → sales-offer(sales, 3d) → answer
# answer(support, no duration) → ok? (decision): yes → end, no → triage (a rework loop)
BRANCHES = """\
title: 分支与回路
owner: support-manager
goals:
  - metric: 跨部门交接次数
    baseline: "5"
    target: "3"
  - metric: 处理周期
    target: 3 天
steps:
  - id: receive
    name: 受理
    lane: support
    owner: support-specialist
    duration: 2h
  - id: triage
    name: 哪一类？
    kind: decision
    lane: support
    owner: support-manager
    approval: true
    next:
      - to: tech
        when: 技术
      - to: sales-offer
        when: 商务
  - id: tech
    name: 技术处理
    lane: rnd
    owner: rnd-lead
    duration: 1d
    next: answer
  - id: sales-offer
    name: 商务方案
    lane: sales
    owner: sales-manager
    support: [rnd]
    duration: 3d
  - id: answer
    name: 答复客户
    lane: support
    owner: support-specialist
  - id: ok
    name: 客户满意？
    kind: decision
    lane: support
    owner: support-manager
    next:
      - to: end
        when: 是
      - to: triage
        when: 否
"""


def _process(load_files: LoadFiles, text: str, name: str = "p.yml") -> Process:
    loaded = load_files({name: text})
    assert not loaded.errors, [d.format() for d in loaded.errors]
    return loaded.handbook.processes[0]


def test_branches_and_a_loop(load_files: LoadFiles) -> None:
    metrics = process_metrics(_process(load_files, BRANCHES)).current
    assert metrics.steps == 6
    # triage→tech, tech→answer, triage→sales-offer, sales-offer→answer cross lanes; ok→triage does not
    assert metrics.handoffs == 4
    assert metrics.decisions == 2
    assert metrics.approvals == 1
    assert metrics.departments == ["support", "rnd", "sales"]
    assert metrics.rework_loops == 1
    # the longer branch (3 days) is the critical one; the loop back to triage is left out
    assert metrics.critical_path == ["receive", "triage", "sales-offer", "answer", "ok"]
    assert metrics.lead_time == 2 * 60 + 3 * MINUTES_PER_DAY
    assert metrics.undated == ["triage", "answer", "ok"]


def test_weeks_are_calendar_weeks(load_files: LoadFiles) -> None:
    text = BRANCHES.replace("duration: 3d", "duration: 1w")
    metrics = process_metrics(_process(load_files, text)).current
    assert metrics.lead_time == 2 * 60 + 7 * MINUTES_PER_DAY  # 1w = 7 days, weekends included


def test_goals_are_matched_by_the_words_of_their_metric(load_files: LoadFiles) -> None:
    process = _process(load_files, BRANCHES)
    found = goal_quantities(process.goals)
    assert found["handoffs"].metric == "跨部门交接次数"  # not "departments"
    assert found["lead_time"].metric == "处理周期"
    assert "departments" not in found


REDESIGN = """\
title: 改版
owner: support-manager
steps:
  - id: a
    name: 登记
    lane: support
    owner: support-specialist
    duration: 1d
  - id: old-approval
    name: 经理口头批准
    lane: sales
    owner: sales-manager
    approval: true
    change: removed
    next: c
  - id: b
    name: 线上核对
    lane: support
    owner: support-specialist
    duration: 2h
    change: new
  - id: c
    name: 执行
    lane: rnd
    owner: rnd-lead
    duration: 2d
    change: changed
"""


def test_the_previous_flow_and_its_deltas(load_files: LoadFiles) -> None:
    process = _process(load_files, REDESIGN)
    previous = previous_version(process)
    assert previous is not None
    assert [(a.source, a.target) for a in previous.arrows] == [
        ("a", "old-approval"),  # a's default: the following step of the old list
        ("old-approval", "c"),
        ("c", "end"),
    ]
    metrics = process_metrics(process)
    assert metrics.previous is not None
    before, after = metrics.previous, metrics.current
    assert (before.steps, after.steps) == (3, 3)
    assert (before.handoffs, after.handoffs) == (2, 1)
    assert (before.approvals, after.approvals) == (1, 0)
    assert (before.lead_time, after.lead_time) == (3 * MINUTES_PER_DAY, 3 * MINUTES_PER_DAY + 120)
    assert before.undated == ["old-approval"]
    changes = {c.quantity: (c.before, c.after) for c in metrics.changes}
    assert changes["handoffs"] == (2, 1) and changes["departments"] == (3, 2)


def test_the_previous_flow_counts_the_old_time_limits(load_files: LoadFiles) -> None:
    text = REDESIGN.replace(
        "    change: removed\n", "    duration: 1d\n    change: removed\n"
    ).replace(
        "    duration: 2d\n    change: changed\n",
        "    duration: 2d\n    previous_duration: 1w\n    change: changed\n",
    )
    metrics = process_metrics(_process(load_files, text))
    assert metrics.previous is not None
    # old: a 1d + old-approval 1d (a removed step's duration is its old one) + c 1w (its
    # previous_duration, not the 2d it takes now) = 9 days; new: a 1d + b 2h + c 2d
    assert metrics.previous.critical_path == ["a", "old-approval", "c"]
    assert metrics.previous.lead_time == 9 * MINUTES_PER_DAY
    assert metrics.previous.undated == []
    assert metrics.current.lead_time == 3 * MINUTES_PER_DAY + 120
    lead = next(c for c in metrics.changes if c.quantity == "lead_time")
    assert (lead.before, lead.after) == (9 * MINUTES_PER_DAY, 3 * MINUTES_PER_DAY + 120)


def test_an_old_time_limit_can_move_the_old_critical_path(load_files: LoadFiles) -> None:
    # tech takes 1d now but took 5d before: the old critical path ran through tech, the new
    # one runs through sales-offer (3d); only the old flow sees previous_duration
    text = BRANCHES.replace(
        "    duration: 1d\n    next: answer\n",
        "    duration: 1d\n    previous_duration: 5d\n    change: changed\n    next: answer\n",
    )
    process = _process(load_files, text)
    metrics = process_metrics(process)
    assert metrics.previous is not None
    assert metrics.previous.critical_path == ["receive", "triage", "tech", "answer", "ok"]
    assert metrics.previous.lead_time == 2 * 60 + 5 * MINUTES_PER_DAY
    assert metrics.current.critical_path == ["receive", "triage", "sales-offer", "answer", "ok"]
    assert metrics.current.lead_time == 2 * 60 + 3 * MINUTES_PER_DAY
    # without an old time limit a changed step counts its one `duration` in both flows
    previous = previous_version(process)
    assert previous is not None
    tech, offer = (next(s for s in process.steps if s.id == i) for i in ("tech", "sales-offer"))
    assert (
        str(previous.duration(tech)) == "5d"
        and str(current_version(process).duration(tech)) == "1d"
    )
    assert previous.duration(offer) is offer.duration


def test_a_changed_step_without_an_old_duration_still_counts_as_undated(
    load_files: LoadFiles,
) -> None:
    # previous_duration alone: the step had a limit before, none is written for now
    text = REDESIGN.replace(
        "    duration: 2d\n    change: changed\n",
        "    previous_duration: 4d\n    change: changed\n",
    )
    metrics = process_metrics(_process(load_files, text))
    assert metrics.previous is not None
    assert metrics.previous.lead_time == 5 * MINUTES_PER_DAY  # a 1d + c 4d
    assert metrics.previous.undated == ["old-approval"]
    assert metrics.current.undated == ["c"]
    assert metrics.current.lead_time == MINUTES_PER_DAY + 120


def test_an_arrow_into_a_new_step_goes_on_past_it(load_files: LoadFiles) -> None:
    text = REDESIGN.replace("    duration: 1d\n", "    duration: 1d\n    next: b\n", 1)
    previous = previous_version(_process(load_files, text))
    assert previous is not None
    assert ("a", "c") in [(x.source, x.target) for x in previous.arrows]


def test_no_marks_no_previous_flow(load_files: LoadFiles) -> None:
    metrics = process_metrics(_process(load_files, BRANCHES))
    assert metrics.previous is None and metrics.changes == []


def test_grid_lanes_columns_and_rows(load_files: LoadFiles) -> None:
    process = _process(load_files, BRANCHES)
    placed = grid(process, current_version(process))
    assert placed.lanes == ["support", "rnd", "sales"]
    columns = {step: p.column for step, p in placed.steps.items()}
    # A hand-off to another lane stays in its column when the cells between are free
    # (triage → tech, sales-offer → answer); sales-offer moves on, tech is in its way.
    assert columns == {"receive": 1, "triage": 2, "tech": 2, "sales-offer": 3, "answer": 3, "ok": 4}
    assert placed.start.column == 0 and placed.ends["ok"].column == 5
    assert placed.columns == 6
    lanes = {step: placed.lanes[p.lane] for step, p in placed.steps.items()}
    assert lanes["tech"] == "rnd" and lanes["sales-offer"] == "sales"
    cells = [
        (p.lane, p.column, p.row)
        for p in [placed.start, *placed.steps.values(), *placed.ends.values()]
    ]
    assert len(cells) == len(set(cells))  # nothing shares a cell


def test_grid_stacks_a_decisions_branches_in_its_lane(load_files: LoadFiles) -> None:
    text = BRANCHES.replace(
        "    lane: rnd\n    owner: rnd-lead", "    lane: support\n    owner: support-specialist"
    ).replace(
        "    lane: sales\n    owner: sales-manager", "    lane: support\n    owner: support-manager"
    )
    process = _process(load_files, text)
    placed = grid(process, current_version(process))
    assert placed.lanes == ["support"]
    tech, offer = placed.steps["tech"], placed.steps["sales-offer"]
    assert tech.column == offer.column and {tech.row, offer.row} == {0, 1}
    assert placed.rows == [2]


def test_department_load_flags_a_role_owning_far_more(load_files: LoadFiles) -> None:
    steps = "".join(
        f"  - id: s{n}\n    name: 步骤{n}\n    lane: support\n    owner: support-manager\n"
        for n in range(4)
    )
    steps += "  - id: last\n    name: 收尾\n    lane: support\n    owner: support-specialist\n"
    loaded = load_files({"p.yml": f"title: 负荷\nowner: support-manager\nsteps:\n{steps}"})
    assert not loaded.errors
    support = next(d for d in department_load(loaded.handbook) if d.department == "support")
    roles = {r.role: (r.accountable, r.far_more) for r in support.roles}
    # 4 against 1: at least twice as many and at least 3 more
    assert roles == {"support-manager": (4, True), "support-specialist": (1, False)}
    assert support.accountable == 5


@pytest.mark.parametrize("others", [2, 3])
def test_department_load_does_not_flag_a_close_second(load_files: LoadFiles, others: int) -> None:
    steps = "".join(
        f"  - id: m{n}\n    name: 经理{n}\n    lane: support\n    owner: support-manager\n"
        for n in range(4)
    ) + "".join(
        f"  - id: x{n}\n    name: 专员{n}\n    lane: support\n    owner: support-specialist\n"
        for n in range(others)
    )
    loaded = load_files({"p.yml": f"title: 负荷\nowner: support-manager\nsteps:\n{steps}"})
    support = next(d for d in department_load(loaded.handbook) if d.department == "support")
    assert not any(r.far_more for r in support.roles)


def test_sample_new_product_launch_old_and_new(sample) -> None:  # type: ignore[no-untyped-def]
    process = sample.handbook.process_by_id["new-product-launch"]
    metrics = process_metrics(process)
    assert metrics.previous is not None
    changes = {c.quantity: (c.before, c.after) for c in metrics.changes}
    # counted by hand from processes/new-product-launch.yml (old: verbal-approval instead of
    # requirements, requirements-review; no sales-training, no post-launch-review)
    assert changes["steps"] == (11, 14)
    assert changes["handoffs"] == (8, 9)
    assert changes["decisions"] == (2, 3)
    assert changes["approvals"] == (1, 1)
    assert changes["rework_loops"] == (2, 3)
    # old: 调研 14 + 口头批准 5 + 设计 9w 63 + 样机 10 + 测试 1w 7 + 判定 1 + 试产 3w 21
    #      + 良率 1 + 物料 3w 21 + 上市 7 = 150 (the goal's baseline)
    # new: 调研 14 + 需求 7 + 评审 2 + 设计 42 + 样机 10 + 测试 5 + 判定 1 + 试产 10 + 良率 1
    #      + 物料 14 + 培训 3 + 上市 7 + 复盘 3 = 119 (the goal's target is 120)
    assert changes["lead_time"] == (150 * MINUTES_PER_DAY, 119 * MINUTES_PER_DAY)
    assert metrics.previous.critical_path == [
        "market-research",
        "verbal-approval",
        "design",
        "sample-build",
        "sample-test",
        "sample-ok",
        "trial-production",
        "yield-ok",
        "materials",
        "launch",
    ]
    assert metrics.previous.undated == [] and metrics.current.undated == []
    lead = next(c for c in metrics.changes if c.quantity == "lead_time")
    assert lead.goal is not None and lead.goal.metric.startswith("新产品上市周期")
    assert lead.goal.baseline == "150 天" and lead.goal.target == "120 天"
