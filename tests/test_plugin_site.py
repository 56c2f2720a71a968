"""The plugin in someone else's site (built in this process): the handbook under a prefix folder
beside the site's own pages, edit buttons that open the YAML files, and the limits of the setup
said out loud (Material only, processes inside docs/ not published, no site_url warned)."""

from __future__ import annotations

import html.parser
import logging
import posixpath
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from conftest import TODAY
from sitekit import REPO, write_project

pytestmark = pytest.mark.site

SITE_URL = "https://intranet.example.invalid/docs/"
OWN_TOOLS = "# Our own tools\n\nThe site's page, not the handbook's.\n"


def site_config(root: Path, processes: Path = REPO / "processes", **plugin: Any) -> MkDocsConfig:
    """A site of its own (a home page, `tools/index.md`) with the sample handbook's processes."""
    path = write_project(root, processes, plugin={"today": TODAY, **plugin})
    shutil.rmtree(root / "docs")
    (root / "docs" / "tools").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Intranet\n", encoding="utf-8")
    (root / "docs" / "tools" / "index.md").write_text(OWN_TOOLS, encoding="utf-8")
    config = load_config(str(path), site_dir=str(root / "site"), strict=True)
    config.nav = None  # the repository's nav names pages this site does not have
    config.site_url = SITE_URL
    return config


class _Links(html.parser.HTMLParser):
    """The page's links (`href` of `a` and `link`, `src` of `script`) and its navigation labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.nav_labels: list[str] = []
        self._in_label = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        target = named.get("src" if tag == "script" else "href")
        if tag in ("a", "link", "script") and target:
            self.links.append(target)
        self._in_label = "md-ellipsis" in (named.get("class") or "")

    def handle_endtag(self, tag: str) -> None:
        self._in_label = False

    def handle_data(self, data: str) -> None:
        if self._in_label and data.strip():
            self.nav_labels.append(data.strip())


def links_of(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text("utf-8"))
    return parser


def served(site: Path, page: Path, href: str) -> Path | None:
    """The file a relative link of `page` opens in the built site (None when it is not there)."""
    path = href.split("#", 1)[0].split("?", 1)[0]
    here = page.parent.relative_to(site).as_posix()
    target = site / posixpath.normpath(posixpath.join(here, path))
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def test_a_prefix_mounts_the_handbook_beside_the_sites_own_pages(tmp_path: Path) -> None:
    """The site keeps its own tools/ page; the handbook, under handbook/, is one section of the
    navigation, and the links of its pages (pages, assets, downloads, exports) all resolve."""
    build(site_config(tmp_path, prefix="handbook"))  # --strict: a warning would fail it
    site = tmp_path / "site"
    assert "Our own tools" in (site / "tools" / "index.html").read_text("utf-8")
    assert (site / "handbook" / "tools" / "index.html").is_file()
    assert not (site / "processes").exists() and not (site / "assets" / "process-handbook").exists()
    listing = site / "handbook" / "processes" / "index.html"
    page = links_of(listing)
    relative = [h for h in page.links if ":" not in h and not h.startswith("#")]
    assert [h for h in relative if served(site, listing, h) is None] == []
    opened = {served(site, listing, h) for h in relative}
    for expected in (
        "handbook/processes/expense-reimbursement/index.html",
        "handbook/departments/finance/index.html",
        "handbook/assets/process-handbook/finder.js",
        "handbook/assets/process-handbook/handbook.css",
        "tools/index.html",  # the site's own page, in the site's navigation
    ):
        assert site / expected in opened, expected
    assert (site / "handbook" / "assets" / "process-handbook" / "finder.json").is_file()
    assert page.nav_labels.count("流程手册") == 1  # the handbook's one section
    process = site / "handbook" / "processes" / "expense-reimbursement" / "index.html"
    broken = [h for h in links_of(process).links if ":" not in h and not h.startswith("#")]
    assert [h for h in broken if served(site, process, h) is None] == []
    calendar = next((site / "handbook" / "calendars").rglob("*.ics")).read_text("utf-8")
    assert f"URL:{SITE_URL}handbook/processes/" in calendar.replace("\r\n ", "")


def test_without_a_prefix_the_sites_own_tools_page_is_a_clear_collision(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The default layout is today's: the handbook's tools page is tools/index.md."""
    with pytest.raises(Abort):
        build(site_config(tmp_path))
    assert "docs/tools/index.md would be replaced by a generated page" in caplog.text


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("/handbook", "starts with /"),
        ("../handbook", "is not a folder inside the site ('..')"),
        ("hand book", "is not a folder inside the site"),
    ],
)
def test_a_prefix_outside_the_site_stops_before_the_build(
    tmp_path: Path, value: str, says: str, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort):
        site_config(tmp_path, prefix=value)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("option 'prefix'" in e and says in e for e in errors), errors


@pytest.mark.parametrize(("value", "folder"), [("handbook", "handbook/"), ("./a//b/", "a/b/")])
def test_the_prefix_is_one_folder_path_ending_in_a_slash(
    tmp_path: Path, value: str, folder: str
) -> None:
    config = site_config(tmp_path, prefix=value)
    assert config.plugins["process-handbook"].config.prefix == folder


def test_process_pages_have_an_edit_button_opening_their_yaml(tmp_path: Path) -> None:
    config = site_config(tmp_path, prefix="handbook/")
    config.repo_url = "https://github.com/example/handbook"
    config.edit_uri = "edit/main/docs/"
    config.theme["features"].append("content.action.edit")
    build(config)
    site = tmp_path / "site" / "handbook"
    repo = "https://github.com/example/handbook/edit/main/"
    process = links_of(site / "processes" / "expense-reimbursement" / "index.html")
    assert f"{repo}processes/finance/expense-reimbursement.yml" in process.links
    department = links_of(site / "departments" / "finance" / "index.html")
    assert f"{repo}processes/organization.yml" in department.links
    assert not [h for h in links_of(site / "processes" / "index.html").links if "/edit/" in h]


def test_without_repo_url_there_is_no_edit_button(tmp_path: Path) -> None:
    config = site_config(tmp_path)
    shutil.rmtree(tmp_path / "docs" / "tools")
    config.theme["features"].append("content.action.edit")
    build(config)
    page = tmp_path / "site" / "processes" / "expense-reimbursement" / "index.html"
    assert 'rel="edit"' not in page.read_text("utf-8")


def test_enabled_false_builds_the_site_without_the_handbook(tmp_path: Path) -> None:
    """MkDocs reads `enabled` itself: the plugin is not loaded, the site's tools/ page stays."""
    build(site_config(tmp_path, enabled=False))
    site = tmp_path / "site"
    assert "Our own tools" in (site / "tools" / "index.html").read_text("utf-8")
    assert not (site / "processes").exists()


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_a_theme_other_than_material_fails_naming_it(
    tmp_path: Path, theme: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_project(tmp_path, REPO / "processes", plugin={"today": TODAY})
    text = path.read_text("utf-8").replace("name: material", f"name: {theme}", 1)
    path.write_text(text, encoding="utf-8")
    config = load_config(str(path), site_dir=str(tmp_path / "site"), strict=True)
    with pytest.raises(Abort):
        build(config)
    assert f"the theme '{theme}' cannot show the handbook" in caplog.text
    assert "theme: name: material" in caplog.text


def test_processes_inside_docs_are_not_published(tmp_path: Path) -> None:
    """The YAML files (organization.yml too) stay out of the site; templates are downloads only
    (a Markdown template is no page of the site)."""
    config = site_config(tmp_path, processes_dir="docs/handbook-source", prefix="handbook/")
    shutil.copytree(REPO / "processes", tmp_path / "docs" / "handbook-source")
    build(config)
    site = tmp_path / "site"
    assert (site / "handbook" / "processes" / "expense-reimbursement" / "index.html").is_file()
    assert [p for p in site.rglob("*") if p.suffix in (".yml", ".yaml")] == []
    assert (site / "handbook" / "downloads" / "templates" / "weekly-report.docx").is_file()
    assert (
        site / "handbook" / "downloads" / "templates" / "support" / "complaint-reply.md"
    ).is_file()
    assert not (site / "handbook-source").exists()


def test_without_site_url_one_warning_says_what_it_affects(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = site_config(tmp_path, prefix="handbook/")
    config.site_url = None
    config.strict = False
    build(config)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    about = [w for w in warnings if "site_url" in w]
    assert len(about) == 1, warnings
    assert "calendars" in about[0] and "relative" in about[0]
    calendar = next((tmp_path / "site" / "handbook" / "calendars").rglob("*.ics"))
    assert "URL:" not in calendar.read_text("utf-8")


def test_under_a_prefix_a_site_page_at_a_generated_path_is_still_a_clear_collision(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = site_config(tmp_path, prefix="handbook/")
    (tmp_path / "docs" / "handbook" / "tools").mkdir(parents=True)
    (tmp_path / "docs" / "handbook" / "tools" / "index.md").write_text(OWN_TOOLS, "utf-8")
    with pytest.raises(Abort):
        build(config)
    assert "docs/handbook/tools/index.md would be replaced by a generated page" in caplog.text


def test_the_sites_page_at_the_prefix_opens_the_handbooks_section(tmp_path: Path) -> None:
    config = site_config(tmp_path, prefix="handbook/")
    (tmp_path / "docs" / "handbook").mkdir()
    (tmp_path / "docs" / "handbook" / "index.md").write_text("# Our handbook\n", "utf-8")
    build(config)
    assert "Our handbook" in (tmp_path / "site" / "handbook" / "index.html").read_text("utf-8")
    listing = (tmp_path / "site" / "handbook" / "processes" / "index.html").read_text("utf-8")
    # Material (navigation.indexes): the section's name links to its first page, the site's
    section = r'<a href="\.\./" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*流程手册'
    assert re.search(section, listing)
    assert "Our handbook" not in listing  # that page's title is the section's name now


@pytest.mark.parametrize(
    ("language", "title", "finder", "start"),
    [
        ("zh", "流程手册", "谁负责？", "从这里开始"),
        ("en", "Process handbook", "Who owns…?", "Start here"),
    ],
)
def test_without_a_page_of_the_sites_own_the_prefix_opens_the_handbooks_home(
    tmp_path: Path, language: str, title: str, finder: str, start: str
) -> None:
    """handbook/ is a page (not a 404): named as the handbook's section, with the finder and the
    way to the processes, departments, roles, onboarding and the reference."""
    build(site_config(tmp_path, prefix="handbook/", language=language))
    site = tmp_path / "site"
    home = site / "handbook" / "index.html"
    text = home.read_text("utf-8")
    assert re.search(rf'<h1 id="[^"]*">{title}<a class="headerlink"', text)
    assert f"<title>{title} - " in text
    assert re.search(
        rf'<h2 id="finder">{re.escape(finder)}<a .*\n<div class="ph-finder"></div>', text
    )
    assert f'<h2 id="start">{start}<a ' in text
    opened = {served(site, home, h) for h in links_of(home).links if ":" not in h}
    for expected in (
        "processes/index.html",
        "departments/index.html",
        "roles/index.html",
        "onboarding/index.html",
        "reference/format/index.html",
        "reference/codes/index.html",
        "assets/process-handbook/finder.js",
    ):
        assert site / "handbook" / expected in opened, expected
    assert "Intranet" in (site / "index.html").read_text("utf-8")  # the site's home is its own
    # The section's name opens the home (Material's navigation.indexes); one entry, not two.
    listing = links_of(site / "handbook" / "processes" / "index.html")
    assert listing.nav_labels.count(title) == 1
    section = rf'<a href="\.\./" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*{title}'
    assert re.search(section, (site / "handbook" / "processes" / "index.html").read_text("utf-8"))


def test_without_a_prefix_the_handbook_writes_no_home_page(tmp_path: Path) -> None:
    config = site_config(tmp_path)
    (tmp_path / "docs" / "tools" / "index.md").unlink()  # no collision: the default layout
    (tmp_path / "docs" / "index.md").unlink()
    build(config)
    assert not (tmp_path / "site" / "index.html").exists()


def test_an_english_handbooks_section_is_named_in_english(tmp_path: Path) -> None:
    build(site_config(tmp_path, prefix="handbook/", language="en"))
    page = links_of(tmp_path / "site" / "handbook" / "processes" / "index.html")
    assert page.nav_labels.count("Process handbook") == 1 and "流程手册" not in page.nav_labels
