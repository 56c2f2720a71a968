"""The sample handbook built with `mkdocs build --strict`, and what a broken handbook does to a build."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import TODAY
from sitekit import MERMAID_JS, REPO, build_site, write_project

pytestmark = pytest.mark.site


def read(site: Path, path: str) -> str:
    return (site / path).read_text("utf-8")


def test_process_page_has_swimlane_steps_and_tables(sample_site: Path) -> None:
    html = read(sample_site, "processes/complaint-handling/index.html")
    assert '<pre class="mermaid"><code>---' in html and "swimlane-beta LR" in html
    # the first step's anchor, and the swimlane's link to it
    assert 'id="step-receive"' in html and 'click s0 href "#step-receive"' in html
    assert '<th><a href="../../glossary/#term-lead">主导部门</a></th>' in html
    assert '<th><a href="../../glossary/#term-accountable">第一责任人</a></th>' in html
    assert "RACI" in html
    assert "assets/process-handbook/mermaid.min.js" in html


def test_navigation_groups_processes_by_folder(sample_site: Path) -> None:
    html = read(sample_site, "index.html")
    nav = html.split('class="md-nav md-nav--primary"', 1)[1]
    for title in ("流程", "部门", "角色", "财务部", "新员工入职指南"):
        assert title in nav
    # the finance folder is a section nested in the processes section (__nav_3 → __nav_3_4)
    titles = {
        m[1]: m[2]
        for m in re.finditer(
            r'for="(__nav_[\d_]+)">\s*<span class="md-nav__icon md-icon"></span>\s*(\S+)', nav
        )
    }
    folder = next(section for section, title in titles.items() if title == "财务部")
    assert titles[folder.rsplit("_", 1)[0]] == "流程"


def test_pages_at_stable_urls(sample_site: Path) -> None:
    for path in (
        "processes/index.html",
        "processes/annual-budget/index.html",
        "departments/support/index.html",
        "roles/support-manager/index.html",
        "onboarding/index.html",
        "tools/index.html",
    ):
        assert (sample_site / path).is_file(), path


def test_downloads_are_byte_identical(sample_site: Path) -> None:
    for source in (REPO / "processes" / "templates").rglob("*"):
        if source.is_file():
            relative = source.relative_to(REPO / "processes").as_posix()
            assert (sample_site / "downloads" / relative).read_bytes() == source.read_bytes(), (
                relative
            )


def test_mermaid_is_served_by_the_site_itself(sample_site: Path) -> None:
    served = sample_site / "assets" / "process-handbook" / "mermaid.min.js"
    assert served.read_bytes() == MERMAID_JS.read_bytes()  # the copy the package carries
    for html in sample_site.rglob("*.html"):
        text = html.read_text("utf-8")
        assert (
            "unpkg.com" not in text
            and "cdn.jsdelivr" not in text
            and "fonts.googleapis" not in text
        )


def test_search_index_is_segmented_and_leaves_out_diagram_source(sample_site: Path) -> None:
    index = json.loads(read(sample_site, "search/search_index.json"))
    texts = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    assert "\u200b" in texts  # jieba split the Chinese text into words
    assert "swimlane-beta" not in texts and "click s0" not in texts


def test_a_second_build_is_byte_identical(
    sample_site: Path, sample_port: int, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    url = f"http://127.0.0.1:{sample_port}/"
    assert build_site(REPO / "mkdocs.yml", again, site_url=url, today=TODAY).returncode == 0
    for page in ("processes/new-product-launch/index.html", "departments/support/index.html"):
        assert read(again, page) == read(sample_site, page)


def test_the_sample_site_judges_reviews_on_a_fixed_date(sample_site: Path) -> None:
    """mkdocs.yml reads `today` from HANDBOOK_TODAY (a date, once YAML has read it); the tests
    set it to TODAY, when complaint-handling's review (due 2026-12-01) is not yet overdue."""
    html = read(sample_site, "processes/complaint-handling/index.html")
    assert "下次复审 2026-12-01" in html and "复审逾期" not in html


def test_broken_handbook_fails_the_build_with_every_error(tmp_path: Path) -> None:
    processes = tmp_path / "processes"
    shutil.copytree(REPO / "processes", processes)
    complaint = processes / "complaint-handling.yml"
    complaint.write_text(
        complaint.read_text("utf-8").replace("owner: support-manager", "owner: suport-manager", 1),
        encoding="utf-8",
    )
    (processes / "broken.yml").write_text("title: [unclosed\n", encoding="utf-8")
    result = build_site(write_project(tmp_path, processes), tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "processes/broken.yml:1:" in output and "error: YAML syntax" in output
    assert (
        "processes/complaint-handling.yml:" in output and "unknown role 'suport-manager'" in output
    )
    assert "did you mean 'support-manager'" in output


def test_english_site_uses_english_labels(tmp_path: Path) -> None:
    config = write_project(tmp_path, REPO / "processes", language="en")
    assert build_site(config, tmp_path / "site").returncode == 0
    html = read(tmp_path / "site", "processes/complaint-handling/index.html")
    article = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    assert ">Accountable owner</a></th>" in article and ">Swimlane<" in article
    assert ">第一责任人<" not in article and ">泳道图<" not in article


def test_hostile_handbook_builds_and_stays_inert(hostile_site: Path) -> None:
    for html in hostile_site.rglob("*.html"):
        body = html.read_text("utf-8").split("<body", 1)[1]
        assert (
            "window.__pwned"
            not in body.replace("window.&#95;&#95;pwned", "").replace("window#46;#95;#95;pwned", "")
            or "<script>window.__pwned" not in body
        ), html
        assert 'href="javascript' not in body.lower(), html
        assert 'onerror="window' not in body.replace("&lt;img src=x onerror=", ""), html
        assert "<img src=x" not in body and "<svg onload" not in body, html
        head = html.read_text("utf-8").split("<body", 1)[0]
        assert head.count("<title>") == 1 and "</title><img" not in head, html
        assert '<meta http-equiv="Content-Security-Policy"' in head, html


def test_active_templates_are_offered_as_downloads_under_a_neutral_name(hostile_site: Path) -> None:
    page = (hostile_site / "processes" / "hostile" / "index.html").read_text("utf-8")
    for name in ("page.html", "image.svg"):
        assert (hostile_site / "downloads" / "templates" / f"{name}.download").is_file()
        assert not (hostile_site / "downloads" / "templates" / name).exists()
        assert f'href="../../downloads/templates/{name}.download"' in page
        assert f'download="{name}"' in page
    assert (hostile_site / "downloads" / "templates" / "a#b?c`d) (e).md").is_file()
    assert 'href="../../downloads/templates/a%23b%3Fc%60d%29%20%28e%29.md"' in page
