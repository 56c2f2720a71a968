"""`handbook generate`: the whole handbook as plain files, the very pages the MkDocs plugin builds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import REPO, build_site, write_project

HOOK = """
from pathlib import Path

DUMP = Path({dump!r})


def on_page_markdown(markdown, page, config, files):
    if page.file.generated_by:
        target = DUMP / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.file.content_string, encoding="utf-8")  # front matter included
    return markdown
"""


def generate(processes: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-c",
        "from process_handbook.adapters.cli import main; main()",
        "generate",
        "--processes",
        str(processes),
        "--out",
        str(out),
        "--today",
        "2026-11-23",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def test_generate_writes_pages_downloads_calendars_and_exports(tmp_path: Path) -> None:
    result = generate(REPO / "processes", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    out = tmp_path / "out"
    page = (out / "processes" / "complaint-handling.md").read_text("utf-8")
    assert page.startswith("---\nsearch:\n  boost: 3\n---\n# 客户投诉处理流程")
    assert '<pre class="ph-mermaid"><code>---\nconfig:' in page  # the swimlane, for the viewer
    assert (out / "downloads" / "templates" / "complaint-form.xlsx").read_bytes() == (
        REPO / "processes" / "templates" / "complaint-form.xlsx"
    ).read_bytes()
    assert list((out / "calendars").rglob("*.ics"))
    assert list((out / "exports").glob("*.xlsx"))
    assert (out / "assets" / "process-handbook" / "handbook.css").is_file()
    for script in ("pages.js", "finder.js", "checklist.js", "search.js"):
        assert (out / "assets" / "process-handbook" / script).is_file()
    finder = json.loads((out / "assets" / "process-handbook" / "finder.json").read_text("utf-8"))
    assert any(step[0] == "受理并登记投诉" for step in finder["steps"])


def test_generate_refuses_a_broken_handbook_and_writes_nothing(tmp_path: Path) -> None:
    processes = tmp_path / "processes"
    processes.mkdir()
    (processes / "organization.yml").write_text("departments: []\nroles: []\n", encoding="utf-8")
    (processes / "x.yml").write_text("title: x\n", encoding="utf-8")
    result = generate(processes, tmp_path / "out")
    assert result.returncode == 1
    assert "x.yml:1:1: error:" in result.stdout and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.site
def test_the_plugin_and_generate_give_identical_pages(tmp_path: Path) -> None:
    config = write_project(tmp_path, REPO / "processes", plugin={"today": "2026-11-23"})
    dump = tmp_path / "plugin-pages"
    (tmp_path / "hook.py").write_text(HOOK.format(dump=str(dump)), encoding="utf-8")
    config.write_text(config.read_text("utf-8") + "hooks:\n- hook.py\n", encoding="utf-8")
    assert build_site(config, tmp_path / "site").returncode == 0
    result = generate(
        tmp_path / "processes", tmp_path / "out", "--site-url", "http://127.0.0.1:8000/"
    )
    assert result.returncode == 0, result.stdout
    plugin_pages = sorted(p.relative_to(dump).as_posix() for p in dump.rglob("*.md"))
    generated = sorted(
        p.relative_to(tmp_path / "out").as_posix()
        for p in (tmp_path / "out").rglob("*.md")
        if not p.relative_to(tmp_path / "out").as_posix().startswith("downloads/")
    )
    assert plugin_pages == generated
    for page in plugin_pages:
        assert (dump / page).read_text("utf-8") == (tmp_path / "out" / page).read_text("utf-8"), (
            page
        )
