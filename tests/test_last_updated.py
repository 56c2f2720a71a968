""" "Last updated" on process pages: the day of the file's last commit, absent outside git."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ORGANIZATION, TODAY
from process_handbook.history import GitHistory, LastChanged
from process_handbook.options import BuildOptions
from process_handbook.pipeline import build
from sitekit import git

PROCESS = """\
title: 投诉处理
owner: support-manager
steps:
  - {name: 受理投诉, lane: support, owner: support-specialist, tools: [feishu-base]}
"""


def header(processes: Path, process_id: str, last_updated: object) -> str:
    built = build(processes, BuildOptions(today=TODAY, last_updated=last_updated))  # type: ignore[arg-type]
    assert built.ok, [d.format() for d in built.diagnostics]
    page = {p.path: p.content for p in built.pages}[f"processes/{process_id}.md"]
    return page.split("</dl>")[0]  # the header card


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    """A repository whose processes folder holds two files committed on different days."""
    processes = tmp_path / "repo" / "processes"
    (processes / "售后").mkdir(parents=True)
    (processes / "organization.yml").write_text(ORGANIZATION, encoding="utf-8")
    (processes / "complaint.yml").write_text(PROCESS, encoding="utf-8")
    (processes / "售后" / "退 款.yml").write_text(
        "id: refund\n" + PROCESS.replace("投诉处理", "退款"), encoding="utf-8"
    )
    git(processes.parent, "init", "-q")
    git(processes.parent, "add", "-A")
    git(processes.parent, "commit", "-qm", "first", when="2026-01-05T10:00:00+08:00")
    (processes / "complaint.yml").write_text(
        PROCESS.replace("受理投诉", "受理并登记"), encoding="utf-8"
    )
    git(processes.parent, "commit", "-qam", "second", when="2026-03-02T23:30:00+00:00")
    return processes


def test_the_page_shows_the_day_of_the_last_commit_in_the_site_time_zone(handbook: Path) -> None:
    dates = LastChanged(handbook, "Asia/Shanghai")
    # 23:30 UTC on 2 March is already 3 March in Shanghai
    assert "<div><dt>最后更新</dt> <dd>2026-03-03</dd></div>" in header(
        handbook, "complaint", dates
    )
    assert "<div><dt>最后更新</dt> <dd>2026-01-05</dd></div>" in header(
        handbook, "refund", dates
    )  # a folder and file name git would quote
    assert "2026-03-02" in header(handbook, "complaint", LastChanged(handbook, "UTC"))


def test_one_git_log_answers_for_the_whole_folder(handbook: Path) -> None:
    changes = GitHistory(handbook).last_changes()
    assert {name: when.isoformat() for name, when in changes.items()} == {
        "organization.yml": "2026-01-05T02:00:00+00:00",
        "complaint.yml": "2026-03-02T23:30:00+00:00",
        "售后/退 款.yml": "2026-01-05T02:00:00+00:00",
    }


def test_an_uncommitted_file_has_no_date(handbook: Path) -> None:
    (handbook / "new.yml").write_text(PROCESS.replace("投诉处理", "新流程"), encoding="utf-8")
    assert "最后更新" not in header(handbook, "new", LastChanged(handbook, "Asia/Shanghai"))


def test_outside_git_the_field_is_quietly_absent(handbook: Path, tmp_path: Path) -> None:
    copy = tmp_path / "not-a-repo" / "processes"
    shutil.copytree(handbook, copy)
    assert "最后更新" not in header(copy, "complaint", LastChanged(copy, "Asia/Shanghai"))
    assert "最后更新" not in header(copy, "complaint", None)  # and without any provider


def test_the_english_label(handbook: Path) -> None:
    built = build(
        handbook,
        BuildOptions(language="en", today=TODAY, last_updated=LastChanged(handbook, "UTC")),
    )
    page = {p.path: p.content for p in built.pages}["processes/complaint.md"]
    assert "<div><dt>Last updated</dt> <dd>2026-03-02</dd></div>" in page


@pytest.mark.site
def test_the_sample_site_shows_when_each_process_last_changed(sample_site: Path) -> None:
    """The MkDocs plugin passes the git-backed dates (the sample files are committed)."""
    html = (sample_site / "processes" / "complaint-handling" / "index.html").read_text("utf-8")
    assert "最后更新" in html
