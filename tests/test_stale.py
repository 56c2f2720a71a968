"""The review cycle: `handbook stale` and the review page, always judged on a fixed "today"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import TODAY, LoadFiles
from process_handbook.adapters.cli import cli
from process_handbook.options import BuildOptions
from process_handbook.pipeline import build

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "processes"


def stale(folder: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["stale", str(folder), *args])


def process(
    title: str, *, last_reviewed: str, every: str = "6 months", status: str = "active"
) -> str:
    return f"""\
title: {title}
owner: support-manager
status: {status}
last_reviewed: {last_reviewed}
review_every: {every}
steps:
  - {{name: 受理, lane: support, owner: support-specialist}}
"""


def test_the_sample_lists_its_overdue_process_with_owner_due_date_and_days() -> None:
    result = stale(SAMPLE, "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        f"{SAMPLE.as_posix()}/finance/annual-budget.yml: overdue: 年度预算编制流程 (annual-budget), "
        "overdue by 83 days (due 2026-09-01), owner 财务总监 (cfo)"
    )
    assert lines[-1] == "1 overdue, 1 due within 30 days (as of 2026-11-23)"


def test_strict_exits_1_only_when_a_review_is_overdue() -> None:
    assert stale(SAMPLE, "--today", "2026-11-23", "--strict").exit_code == 1
    calm = stale(SAMPLE, "--today", "2026-08-01", "--strict")
    assert calm.exit_code == 0, calm.output
    assert calm.output.splitlines()[-1] == "0 overdue, 0 due within 30 days (as of 2026-08-01)"


def test_the_most_overdue_comes_first_and_retired_processes_are_left_out(
    load_files: LoadFiles,
    processes_dir: Path,
) -> None:
    load_files(
        {
            "a-little-late.yml": process(
                "稍晚", last_reviewed="2026-05-01"
            ),  # due 2026-11-01: 22 days
            "very-late.yml": process(
                "很晚", last_reviewed="2025-01-01"
            ),  # due 2025-07-01: 510 days
            "one-day.yml": process("一天", last_reviewed="2026-05-22"),  # due 2026-11-22: 1 day
            "retired.yml": process("已废止", last_reviewed="2020-01-01", status="retired"),
            "soon.yml": process("快到期", last_reviewed="2026-06-10"),  # due 2026-12-10: in 17 days
            "later.yml": process("还早", last_reviewed="2026-09-01"),  # due 2027-03-01
        }
    )
    result = stale(processes_dir, "--today", TODAY.isoformat())
    assert result.exit_code == 0, result.output
    listed = [line.split(": ")[1:3] for line in result.output.splitlines()[:-1]]
    assert listed == [
        [
            "overdue",
            "很晚 (very-late), overdue by 510 days (due 2025-07-01), owner 客服部经理 (support-manager)",
        ],
        [
            "overdue",
            "稍晚 (a-little-late), overdue by 22 days (due 2026-11-01), owner 客服部经理 (support-manager)",
        ],
        [
            "overdue",
            "一天 (one-day), overdue by 1 day (due 2026-11-22), owner 客服部经理 (support-manager)",
        ],
        [
            "due soon",
            "快到期 (soon), due in 17 days (due 2026-12-10), owner 客服部经理 (support-manager)",
        ],
    ]
    assert "retired" not in result.output and "later" not in result.output


def test_errors_in_the_files_are_shown_instead_of_a_list(
    load_files: LoadFiles, processes_dir: Path
) -> None:
    load_files({"broken.yml": "title: [\n"})
    result = stale(processes_dir, "--today", TODAY.isoformat())
    assert result.exit_code == 1
    assert f"{processes_dir.as_posix()}/broken.yml:" in result.output
    assert "fix them first" in result.output


def review_page(folder: Path, today: dt.date | None, language: str = "zh") -> str:
    built = build(folder, BuildOptions(language=language, today=today))
    assert built.ok
    return {page.path: page.content for page in built.pages}["review/index.md"]


def test_the_review_page_lists_overdue_and_upcoming_reviews_with_owners() -> None:
    page = review_page(SAMPLE, TODAY)
    assert "\n# 流程复审\n\n以 2026-11-23 为准。" in page
    overdue, upcoming = page.split("## 复审逾期 {#overdue}")[1].split("## 30 天内到期 {#upcoming}")
    assert (
        "| [年度预算编制流程](../processes/annual-budget.md) | [财务总监](../roles/cfo.md) "
        "| 2025-09-01 | 1 年 | 2026-09-01 | 83 |"
    ) in overdue
    assert "complaint-handling" not in overdue
    assert (
        "| [客户投诉处理流程](../processes/complaint-handling.md) | [客服部经理](../roles/support-manager.md) "
        "| 2026-06-01 | 6 个月 | 2026-12-01 | 8 |"
    ) in upcoming


def test_the_review_page_in_english_and_with_nothing_due() -> None:
    page = review_page(SAMPLE, dt.date(2026, 8, 1), "en")
    assert "# Process reviews" in page
    assert "No process is overdue for review." in page
    assert "No review falls due in the next 30 days." in page


def test_the_review_page_is_judged_only_against_the_injected_clock() -> None:
    page = review_page(SAMPLE, None)
    assert "annual-budget" not in page and "为准" not in page


def test_the_process_page_shows_the_overdue_badge() -> None:
    built = build(SAMPLE, BuildOptions(today=TODAY))
    page = {p.path: p.content for p in built.pages}["processes/annual-budget.md"]
    assert '<span class="ph-badge ph-badge--overdue">复审逾期 83 天</span>' in page


@pytest.mark.site
def test_the_review_page_is_in_the_site_navigation(sample_site: Path) -> None:
    html = (sample_site / "review" / "index.html").read_text("utf-8")
    assert "<h1" in html and "流程复审" in html
    home = (sample_site / "index.html").read_text("utf-8")
    assert 'href="review/"' in home
