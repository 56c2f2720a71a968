"""The site layout (paths.py): the one owner of every page path, file path and anchor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from process_handbook import paths
from sitekit import REPO


def fixed_paths() -> set[str]:
    """The pages and files the site has whatever the handbook holds."""
    return {
        paths.PROCESS_INDEX,
        paths.DEPARTMENT_INDEX,
        paths.ROLE_INDEX,
        paths.TOOLS,
        paths.ONBOARDING,
        paths.GOALS,
        paths.REVIEW,
        paths.RESPONSIBILITY,
        paths.ERRORS,
        paths.handbook_export("xlsx"),
        paths.handbook_export("csv"),
    }


def made_for(kind: str, ident: str) -> set[str]:
    """Every path named after an id of `kind` (a meeting or department id `x` next to it)."""
    if kind == "process":
        return {
            paths.process_page(ident),
            paths.process_export(ident, "xlsx"),
            paths.process_export(ident, "csv"),
            paths.meeting_calendar(ident, "x"),
        }
    if kind == "department":
        return {paths.department_page(ident), paths.department_calendar(ident)}
    return {paths.role_page(ident)}


def collides(kind: str, ident: str) -> bool:
    """Whether a path named after `ident` is one the site has anyway (for a process: or one
    a department `x` has)."""
    taken = fixed_paths() | ({paths.department_calendar("x")} if kind == "process" else set())
    return bool(made_for(kind, ident) & taken)


@pytest.mark.parametrize("kind", ["process", "department", "role"])
def test_the_reserved_ids_are_exactly_those_that_collide(kind: str) -> None:
    candidates = {*paths.RESERVED[kind], "index", "handbook", "departments", "roles", "errors"}
    candidates |= {"complaint-handling", "calendars", "exports", "downloads"}
    assert {ident for ident in candidates if collides(kind, ident)} == set(paths.RESERVED[kind])


def test_anchors_and_links() -> None:
    assert paths.step_link("p", "s") == "processes/p.md#step-s"
    assert paths.meeting_link("p", "m") == "processes/p.md#meeting-m"
    assert paths.tool_page("t") == "tools/t.md"
    assert paths.page_url(paths.meeting_link("p", "m")) == "processes/p/#meeting-m"
    assert paths.page_url(paths.meeting_link("p", "m"), False) == "processes/p.html#meeting-m"
    assert (
        paths.relative("departments/d.md", paths.step_link("p", "s")) == "../processes/p.md#step-s"
    )


def test_no_template_writes_an_anchor_or_a_page_path_itself() -> None:
    """Templates ask paths (Jinja globals `paths`, `step_anchor`, ...): none spells `#step-`."""
    folder = REPO / "plugins" / "process_handbook" / "rendering" / "templates"
    spelled = re.compile(r"#(step|meeting|tool)-|(processes|departments|roles|calendars)/")
    found = [
        f"{path.name}:{number}"
        for path in sorted(folder.glob("*.j2"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if spelled.search(line)
    ]
    assert found == []


def test_the_code_writes_no_anchor_itself() -> None:
    package = REPO / "plugins" / "process_handbook"
    spelled = re.compile(r"[\"'#](step|meeting|tool)-\{")
    found = [
        f"{path.relative_to(package)}:{number}"
        for path in sorted(package.rglob("*.py"))
        if path.name not in ("paths.py", "defaults.py")  # defaults.py: the ids `meeting-1`, ...
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if spelled.search(line)
    ]
    assert found == []


def test_sample_site_has_the_anchors_paths_names(sample: object) -> None:
    page = next(p for p in sample.pages if p.path == paths.process_page("complaint-handling"))  # type: ignore[attr-defined]
    assert "{#" + paths.step_anchor("receive") + "}" in page.content
    assert Path(paths.process_page("x")).suffix == ".md"


def test_remembered_links_are_the_links_made_afresh() -> None:
    """`href` and `relative` are memoised (a hot path of rendering); the HTML link is written
    without Markup's formatter: both give exactly what they gave before."""
    from markupsafe import Markup

    from process_handbook.model.entities import Organization
    from process_handbook.model.handbook import Handbook
    from process_handbook.rendering.links import HtmlLinker
    from process_handbook.rendering.text import inline

    pages = [paths.PROCESS_INDEX, paths.process_page("p"), paths.overview_part(paths.GOALS, 2)]
    targets = [
        paths.step_link("p", "s"),
        paths.download('forms/a&b "x" <1>#2.docx'),
        paths.process_export("p", "xlsx"),
        paths.PROCESS_INDEX,
        paths.role_page("r"),
    ]
    cases = [
        (page, target, urls, anchored)
        for page in pages
        for target in targets
        for urls in (True, False)
        for anchored in (True, False)
    ]
    paths.href.cache_clear()
    paths.relative.cache_clear()
    fresh = [
        (paths.href(p, t, u, anchored=a), paths.relative(p, t, anchored=a)) for p, t, u, a in cases
    ]
    again = [
        (paths.href(p, t, u, anchored=a), paths.relative(p, t, anchored=a)) for p, t, u, a in cases
    ]
    assert again == fresh and paths.href.cache_info().hits == len(cases)
    linker = HtmlLinker(pages[1], Handbook(Organization()), "、")
    for target in targets:
        for text in ('<b>"a" & b</b>', Markup("<i>x</i>"), 5):
            url = paths.href(pages[1], target)
            expected = Markup('<a href="{}">{}</a>').format(url, inline(text))
            assert linker.to(target, text) == expected
