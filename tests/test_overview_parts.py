"""A large handbook's overview pages come in parts of a readable size (issue 17).

Beyond `parts.PART_SIZE` rows, the process index, the responsibility matrix, the metrics,
the goals and the onboarding path are each a summary page linking to its parts; every link
of every part leads to a page or file of the site, and every process is listed on exactly
one part of each overview. A small handbook's overviews stay single pages.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from conftest import ORGANIZATION, TODAY
from process_handbook import paths
from process_handbook.options import BuildOptions
from process_handbook.pipeline import Build, build
from process_handbook.rendering.parts import PART_SIZE

#: Processes per folder: the top level, two small folders and one too large for a part.
#: (A folder's name is author text: the one below must stay text in titles and links.)
FOLDERS = {"": 20, "rnd": 15, "sales": 130, "sales/<b onclick=x>emea": 10}
OVERVIEWS = (
    paths.PROCESS_INDEX,
    paths.RESPONSIBILITY,
    paths.METRICS,
    paths.GOALS,
    paths.ONBOARDING,
)
_MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
_HTML_LINK = re.compile(r'href="([^"]+)"')


def _process(number: int, folder: str) -> str:
    audience = "new-hire" if number % 40 == 0 else "everyone"
    return f"""\
title: 流程 {number}
owner: support-manager
audience: [{audience}]
steps:
  - {{id: a, name: 受理 {number}, lane: support, owner: support-specialist}}
  - {{id: b, name: 处理 {number}, lane: {"sales" if folder.startswith("sales") else "rnd"}, owner: sales-manager, support: [support]}}
goals:
  - {{metric: 周期, baseline: 5 天, target: 3 天}}
"""


@pytest.fixture(scope="module")
def large_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("large") / "processes"
    root.mkdir()
    (root / "organization.yml").write_text(ORGANIZATION, encoding="utf-8")
    number = 0
    for folder, count in FOLDERS.items():
        (root / folder).mkdir(parents=True, exist_ok=True)
        for _ in range(count):
            number += 1
            (root / folder / f"p-{number:03d}.yml").write_text(
                _process(number, folder), encoding="utf-8"
            )
    return root


@pytest.fixture(scope="module")
def large(large_folder: Path) -> Build:
    result = build(large_folder, BuildOptions(today=TODAY))
    assert result.ok, [d.format() for d in result.diagnostics if d.is_error]
    return result


def _parts(result: Build, overview: str) -> list[str]:
    pages = {page.path for page in result.pages}
    found = []
    while paths.overview_part(overview, len(found) + 1) in pages:
        found.append(paths.overview_part(overview, len(found) + 1))
    return found


def _targets(page: str, content: str) -> set[str]:
    """Where the page's links lead, as docs paths (pages `x.md`, files as they are)."""
    found = set()
    for link in _MARKDOWN_LINK.findall(content):
        found.add(posixpath.normpath(posixpath.join(posixpath.dirname(page), link.split("#")[0])))
    here = paths.page_url(page)
    for link in _HTML_LINK.findall(content):
        url = posixpath.normpath(posixpath.join(here, link.split("#")[0]))
        found.add(url + ".md" if link.split("#")[0].endswith("/") else url)
    return found


def _exists(result: Build, target: str) -> bool:
    pages = {page.path for page in result.pages}
    files = {asset.path for asset in result.assets}
    folder_index = target.removesuffix(".md") + "/index.md"
    return target in pages or target in files or folder_index in pages


@pytest.mark.parametrize("overview", OVERVIEWS)
def test_a_large_overview_is_a_summary_of_parts_listing_each_process_once(
    large: Build, overview: str
) -> None:
    content = {page.path: page.content for page in large.pages}
    cut = _parts(large, overview)
    assert len(cut) >= 2
    summary = _targets(overview, content[overview])
    assert set(cut) <= summary  # the summary links to every part
    listed: dict[str, int] = {}
    for part in cut:
        targets = _targets(part, content[part])
        assert overview in targets  # the way back
        assert all(_exists(large, target) for target in targets), part
        ids = {t.removeprefix("processes/").removesuffix(".md") for t in targets}
        for process in large.handbook.processes:
            if process.id in ids:
                listed[process.id] = listed.get(process.id, 0) + 1
        assert len([p for p in large.handbook.processes if p.id in ids]) <= PART_SIZE
    assert listed == {p.id: 1 for p in large.handbook.processes}


def test_parts_follow_the_folders_and_a_large_folder_is_cut(large: Build) -> None:
    content = {page.path: page.content for page in large.pages}
    summary = content[paths.RESPONSIBILITY]
    assert "[未分组、研发部](parts/1.md)：35 个流程" in summary
    assert "[销售部（1/2）](parts/2.md)：100 个流程" in summary
    assert "[销售部（2/2）、&#60;b onclick&#61;x&#62;emea](parts/3.md)：40 个流程" in summary
    assert not [page.path for page in large.pages if "<b onclick" in page.content]
    part = content[paths.overview_part(paths.RESPONSIBILITY, 2)]
    assert part.splitlines()[4] == "# 部门职责总览 · 销售部（1/2）"
    assert "[返回部门职责总览](../index.md)" in part
    # the reading path: new hires first, then everyone, numbered on across the parts
    onboarding = content[paths.ONBOARDING]
    assert "[新员工必读](parts/1.md)：4 个流程" in onboarding
    assert '<ol start="5">' in content[paths.overview_part(paths.ONBOARDING, 2)]
    assert '<ol start="105">' in content[paths.overview_part(paths.ONBOARDING, 3)]


def test_a_small_handbook_keeps_its_overviews_on_one_page(sample: Build) -> None:
    for overview in OVERVIEWS:
        assert _parts(sample, overview) == []
    assert not [page.path for page in sample.pages if "/parts/" in page.path]


def test_the_parts_sit_under_their_overview_in_the_navigation(large: Build, tmp_path: Path) -> None:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Section, get_navigation

    from process_handbook.adapters.mkdocs_nav import arrange_navigation

    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path)})
    assert config.validate() == ([], [])
    site = str(tmp_path / "site")
    files = Files([File(page.path, str(tmp_path), site, True) for page in large.pages])
    nav = arrange_navigation(get_navigation(files, config), files, large, "zh", "")
    sections = {item.title: item for item in nav.items if isinstance(item, Section)}
    for title, overview in (
        ("部门职责总览", paths.RESPONSIBILITY),
        ("流程指标总览", paths.METRICS),
        ("新员工入职指南", paths.ONBOARDING),
        ("目标总览", paths.GOALS),
    ):
        children = [child.file.src_uri for child in sections[title].children]  # type: ignore[attr-defined]
        assert children == [overview, *_parts(large, overview)]
    processes = sections["流程"].children
    assert processes[0].file.src_uri == paths.PROCESS_INDEX  # type: ignore[attr-defined]
    assert isinstance(processes[1], Section) and processes[1].title == "流程总览"
    assert [p.file.src_uri for p in processes[1].children] == _parts(large, paths.PROCESS_INDEX)  # type: ignore[attr-defined]
    assert len(nav.pages) == len(large.pages)  # every page once, in the navigation


def test_the_parts_are_named_in_english_on_an_english_site(large_folder: Path) -> None:
    result = build(large_folder, BuildOptions(today=TODAY, language="en"))
    content = {page.path: page.content for page in result.pages}
    assert "[Not in a folder, 研发部](parts/1.md)&#58; 35 processes" in content[paths.GOALS]
    assert "[For everyone (1/2)](parts/2.md)&#58; 100 processes" in content[paths.ONBOARDING]
    part = content[paths.overview_part(paths.METRICS, 2)]
    assert "# Flow metrics overview · 销售部 (1/2)" in part
    assert "[Back to Flow metrics overview](../index.md)" in part
