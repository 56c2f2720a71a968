"""`handbook generate`: the whole handbook as plain files, the very pages the MkDocs plugin builds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from process_handbook.browser_libraries import FILES, packaged
from sitekit import REPO, build_site, serve, write_project

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
    assets = out / "assets" / "process-handbook"
    assert (assets / "handbook.css").is_file()
    for script in ("pages.js", "finder.js", "checklist.js", "search.js"):
        assert (assets / script).is_file()
    # Mermaid and pan/zoom as the package carries them: the site needs no npm and no CDN.
    for npm in FILES:
        assert (assets / npm.file.rsplit("/", 1)[1]).read_bytes() == packaged(npm).read_bytes()
    # The lines to add to mkdocs.yml name every browser file it wrote, Mermaid first.
    printed = result.stdout.split(HINT, 1)[1]
    hint = yaml.safe_load(printed)
    assert textwrap.indent(printed, "  ") in (REPO / "README.md").read_text("utf-8")  # documented
    scripts = sorted(p.relative_to(out).as_posix() for p in assets.glob("*.js"))
    assert sorted(hint["extra_javascript"]) == scripts
    assert hint["extra_javascript"][0] == "assets/process-handbook/mermaid.min.js"
    assert hint["extra_css"] == ["assets/process-handbook/handbook.css"]
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


HINT = "list them in mkdocs.yml:\n"
#: A site of its own for the pages of `handbook generate`, without the plugin: Material, offline
#: (no Google Fonts), and the Markdown features the pages use (README, "Beyond MkDocs 1.x").
PLAIN_CONFIG = """\
site_name: 流程手册
theme:
  name: material
  font: false
  language: zh
markdown_extensions:
  - attr_list
  - md_in_html
  - tables
  - pymdownx.tasklist
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:pymdownx.superfences.fence_code_format
"""


def plain_site(root: Path, builder: str) -> Path:
    """The sample as `handbook generate` writes it into root/docs, built with `--strict` by
    `builder` (mkdocs, properdocs) from PLAIN_CONFIG and the browser files generate printed to
    list; the site folder."""
    result = generate(REPO / "processes", root / "docs")
    assert result.returncode == 0, result.stdout + result.stderr
    hint = result.stdout.split(HINT, 1)[1]
    (root / "mkdocs.yml").write_text(PLAIN_CONFIG + hint, encoding="utf-8")
    built = subprocess.run(
        [sys.executable, "-m", builder, "build", "--strict", "-d", str(root / "site")],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    return root / "site"


def assert_the_viewer_draws_the_swimlanes(chromium, site: Path) -> None:  # type: ignore[no-untyped-def]
    """In Chromium, a process page's swimlanes are the handbook's viewer's (its controls shown,
    fit brings the whole flow into view), and no request leaves the site."""
    from test_browser import Visit
    from test_swimlane_browser import INSIDE, SCALE, drawn, until

    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    with serve(site) as base:
        visit = drawn(Visit(context, base), "processes/new-product-launch/")
        page = visit.page
        assert page.locator(".ph-swimlane .ph-flow-view svg").count() == 2  # flow, old vs new
        tools = page.locator(".ph-swimlane .ph-flow-tools").first
        assert tools.is_visible()
        start = page.evaluate(SCALE)
        tools.locator("[data-ph-do=in]").click()
        tools.locator("[data-ph-do=in]").click()
        until(page, f"{SCALE} > {start} && !{INSIDE}")
        tools.locator("[data-ph-do=fit]").click()
        until(page, INSIDE)
        visit.assert_clean()
    context.close()


@pytest.mark.site
@pytest.mark.browser
def test_generate_built_by_plain_mkdocs_gets_the_swimlane_viewer(
    tmp_path: Path,
    chromium,  # type: ignore[no-untyped-def]
) -> None:
    assert_the_viewer_draws_the_swimlanes(chromium, plain_site(tmp_path, "mkdocs"))
