"""The spec's defaults: ids, the following step, lanes, RACI R, and values that stay text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from process_handbook.model import END, Clock, Duration, MeetingDay, Process, ReviewInterval
from process_handbook.model.flow import Edge, edges, successors
from process_handbook.pipeline import Loaded

LoadFiles = Callable[[dict[str, str]], Loaded]  # the `load_files` fixture of conftest.py

HEAD = "title: 客户投诉处理流程\nowner: support-manager\n"


def step(name: str, lane: str = "support", owner: str = "support-specialist", **fields: str) -> str:
    lines = [f"  - name: {name}", f"    lane: {lane}", f"    owner: {owner}"]
    lines += [f"    {key}: {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n"


def process_of(load_files: LoadFiles, text: str, path: str = "complaint-handling.yml") -> Process:
    loaded = load_files({path: text})
    assert not loaded.diagnostics, [d.format() for d in loaded.diagnostics]
    (process,) = loaded.handbook.processes
    return process


def arrows(process: Process) -> list[tuple[str, str]]:
    return [(e.source, e.target) for e in edges(process)]


def test_step_ids_default_to_their_position(load_files: LoadFiles) -> None:
    text = (
        HEAD
        + "steps:\n"
        + step("受理", id="receive")
        + step("分析", lane="rnd", owner="rnd-lead")
        + step("答复")
    )
    process = process_of(load_files, text)
    assert [s.id for s in process.steps] == ["receive", "s2", "s3"]
    assert [s.position for s in process.steps] == [1, 2, 3]


def test_next_defaults_to_the_following_step_and_the_last_step_ends(load_files: LoadFiles) -> None:
    text = (
        HEAD + "steps:\n" + step("受理") + step("分析", lane="rnd", owner="rnd-lead") + step("答复")
    )
    process = process_of(load_files, text)
    assert edges(process) == [Edge("s1", "s2"), Edge("s2", "s3"), Edge("s3", END)]
    assert all(not e.branch and e.label is None for e in edges(process))


def test_a_single_step_ends_the_process(load_files: LoadFiles) -> None:
    process = process_of(load_files, HEAD + "steps:\n" + step("受理"))
    assert arrows(process) == [("s1", END)]


def test_explicit_next_and_end(load_files: LoadFiles) -> None:
    text = (
        HEAD
        + "steps:\n"
        + step("受理", next="s3")
        + step("分析", next="end")
        + step("答复", next="s2")
    )
    process = process_of(load_files, text)
    assert arrows(process) == [("s1", "s3"), ("s2", END), ("s3", "s2")]


def test_decision_branches_are_labelled_arrows(load_files: LoadFiles) -> None:
    text = (
        HEAD
        + """steps:
  - id: classify
    name: 是否技术问题？
    kind: decision
    lane: support
    owner: support-manager
    next:
      - {to: diagnose, when: 是}
      - {to: end, when: 否}
  - id: diagnose
    name: 定位问题根因
    lane: rnd
    owner: rnd-lead
"""
    )
    process = process_of(load_files, text)
    classify, diagnose = process.steps
    assert successors(process, classify) == [
        Edge("classify", "diagnose", "是", branch=True),
        Edge("classify", END, "否", branch=True),
    ]
    assert successors(process, diagnose) == [Edge("diagnose", END)]


def test_removed_steps_are_skipped_by_the_default_next(load_files: LoadFiles) -> None:
    text = (
        HEAD
        + "steps:\n"
        + step("受理")
        + step("主管审批", owner="support-manager", change="removed")
        + step("答复", change="new")
        + step("旧的回访", change="removed")
    )
    process = process_of(load_files, text)
    assert [s.id for s in process.current_steps] == ["s1", "s3"]
    # s1 goes past the removed s2, and s3 ends because what follows it is removed too
    assert arrows(process) == [("s1", "s3"), ("s3", END)]


def test_removed_step_keeps_its_id_and_position(load_files: LoadFiles) -> None:
    text = HEAD + "steps:\n" + step("旧的受理", change="removed") + step("受理")
    process = process_of(load_files, text)
    assert [(s.id, s.position, s.change) for s in process.steps] == [
        ("s1", 1, "removed"),
        ("s2", 2, None),
    ]
    assert arrows(process) == [("s2", END)]


def test_lanes_default_to_the_order_of_first_use(load_files: LoadFiles) -> None:
    text = (
        HEAD
        + "steps:\n"
        + step("受理")
        + step("分析", lane="rnd", owner="rnd-lead")
        + step("补偿", lane="sales", owner="sales-manager")
        + step("答复")
    )
    assert process_of(load_files, text).lanes == ["support", "rnd", "sales"]


def test_explicit_lanes_are_kept_in_their_order(load_files: LoadFiles) -> None:
    text = (
        HEAD
        + "lanes: [rnd, support]\nsteps:\n"
        + step("受理")
        + step("分析", lane="rnd", owner="rnd-lead")
    )
    assert process_of(load_files, text).lanes == ["rnd", "support"]


def test_process_id_defaults_to_the_file_stem(load_files: LoadFiles) -> None:
    process = process_of(
        load_files, HEAD + "steps:\n" + step("受理"), path="sales/quote-approval.yaml"
    )
    assert process.id == "quote-approval"
    assert process.file == "sales/quote-approval.yaml"
    assert process.folder == "sales"


def test_explicit_process_id_wins_over_the_file_name(load_files: LoadFiles) -> None:
    text = HEAD + "id: complaints\nsteps:\n" + step("受理")
    process = process_of(load_files, text, path="投诉处理.yml")
    assert process.id == "complaints"
    assert process.folder == ""


def test_meeting_ids_default_to_their_position(load_files: LoadFiles) -> None:
    text = (
        HEAD
        + "steps:\n"
        + step("受理")
        + """meetings:
  - name: 客服早会
    every: weekday
    time: 9:00
    chair: support-manager
  - id: weekly-review
    name: 投诉复盘周会
    every: week
    day: 周三
    time: 15:00
    chair: support-manager
  - name: 月度总结会
    every: month
    day: last friday
    time: 14:00
    chair: support-manager
"""
    )
    process = process_of(load_files, text)
    assert [(m.id, m.position) for m in process.meetings] == [
        ("meeting-1", 1),
        ("weekly-review", 2),
        ("meeting-3", 3),
    ]


def test_responsible_defaults_to_the_owner(load_files: LoadFiles) -> None:
    text = (
        HEAD
        + "steps:\n"
        + step("受理")
        + step("分析", lane="rnd", owner="rnd-lead", responsible="[rnd-lead, support-specialist]")
        + step("答复", responsible="[]")
    )
    process = process_of(load_files, text)
    assert [s.responsible for s in process.steps] == [
        ["support-specialist"],
        ["rnd-lead", "support-specialist"],
        [],
    ]


def test_no_responsible_is_invented_for_a_step_without_owner(load_files: LoadFiles) -> None:
    loaded = load_files({"x.yml": HEAD + "steps:\n  - name: 受理\n    lane: support\n"})
    assert [d.code for d in loaded.errors] == ["missing-field"]
    assert loaded.handbook.processes[0].steps[0].responsible is None


def test_field_defaults(load_files: LoadFiles) -> None:
    text = HEAD + "steps:\n" + step("受理") + "problems:\n  - title: 需求传递无标准文档\n"
    process = process_of(load_files, text)
    assert process.status == "active"
    assert process.steps[0].kind == "task"
    assert process.steps[0].support == [] and process.steps[0].tools == []
    assert process.problems[0].status == "open"
    assert process.meetings == [] and process.templates == [] and process.plan == []


def test_yes_no_and_times_stay_text_in_a_valid_file(load_files: LoadFiles) -> None:
    text = (
        HEAD
        + """version: 2.0
tags: [yes, no, on, off]
steps:
  - id: classify
    name: no
    kind: decision
    lane: support
    owner: support-manager
    next:
      - to: reply
        when: yes
      - to: end
        when: no
  - id: reply
    name: 答复
    lane: support
    owner: support-specialist
meetings:
  - name: 周会
    every: week
    day: 周三
    time: 15:00
    chair: support-manager
"""
    )
    process = process_of(load_files, text)
    assert process.version == "2.0"
    assert process.tags == ["yes", "no", "on", "off"]
    assert process.steps[0].name == "no"
    assert [b.when for b in process.steps[0].branches] == ["yes", "no"]
    assert process.meetings[0].time == Clock(15, 0)
    assert str(process.meetings[0].time) == "15:00"


# --- values the model parses --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("30m", 30), ("2h", 120), ("3d", 4320), ("1w", 10080), (" 2 H ", 120)],
)
def test_duration(text: str, minutes: int) -> None:
    assert Duration.parse(text).minutes == minutes


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("wednesday", MeetingDay(weekday=2)),
        ("周三", MeetingDay(weekday=2)),
        ("星期日", MeetingDay(weekday=6)),
        ("15", MeetingDay(monthday=15)),
        ("first monday", MeetingDay(weekday=0, ordinal=1)),
        ("last friday", MeetingDay(weekday=4, ordinal=-1)),
    ],
)
def test_meeting_day(text: str, day: MeetingDay) -> None:
    assert MeetingDay.parse(text) == day


@pytest.mark.parametrize(
    ("every", "basis", "due"),
    [
        ("6 months", dt.date(2026, 3, 1), dt.date(2026, 9, 1)),
        ("1 month", dt.date(2026, 1, 31), dt.date(2026, 2, 28)),  # clamped to the month's end
        ("1 year", dt.date(2024, 2, 29), dt.date(2025, 2, 28)),
        ("2 weeks", dt.date(2026, 1, 1), dt.date(2026, 1, 15)),
        ("90 days", dt.date(2026, 1, 1), dt.date(2026, 4, 1)),
        ("3个月", dt.date(2026, 1, 1), dt.date(2026, 4, 1)),
    ],
)
def test_review_interval(every: str, basis: dt.date, due: dt.date) -> None:
    assert ReviewInterval.parse(every).after(basis) == due
