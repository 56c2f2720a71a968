"""Put the handbook's pages into the site navigation: processes by folder, then departments, roles.

Generated pages are taken out of wherever MkDocs placed them and come back as
sections at the spot of the first one, so a site's own pages keep their order.
Under the plugin's `prefix` they come back as one section, 流程手册 / Process handbook.

MkDocs themes print navigation titles as HTML, unescaped: every title placed here
(a folder's name, a department's name) is escaped first (`text.inline`).
"""

from __future__ import annotations

from collections.abc import Sequence

from mkdocs.structure import StructureItem
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .. import paths
from ..i18n.labels import Labels
from ..model.queries import folder_title
from ..pipeline import Build
from ..rendering.text import inline


def arrange_navigation(
    nav: Navigation, files: Files, result: Build, language: str, root: str
) -> Navigation:
    """The handbook's sections in `nav`; under a prefix folder (`root`, e.g. `handbook/`) one
    section named after the handbook, opening with the site's own `<root>index.md` if it has one."""
    ours = {root + page.path for page in result.pages}
    home = files.get_file_from_path(f"{root}index.md") if root else None
    if home is not None:
        ours.add(home.src_uri)
    position = _remove(nav.items, ours)
    labels = Labels(language)
    handbook = result.handbook

    def page(path: str) -> StructureItem:
        file = files.get_file_from_path(root + path)
        assert file is not None and file.page is not None, path
        return file.page

    def parts(overview: str) -> list[StructureItem]:
        """The pages of a cut overview (`rendering.parts`), in order; none for a small handbook."""
        found: list[StructureItem] = []
        while file := files.get_file_from_path(paths.overview_part(overview, len(found) + 1)):
            assert file.page is not None, file.src_uri
            found.append(file.page)
        return found

    def overview(path: str, title: str) -> StructureItem:
        """An overview page, or the section of its summary and its parts."""
        cut = parts(path)
        return Section(inline(title), [page(path), *cut]) if cut else page(path)

    index_parts = parts(paths.PROCESS_INDEX)
    processes = Section(
        inline(labels.processes),
        [page(paths.PROCESS_INDEX)]
        + ([Section(inline(labels.process_index), index_parts)] if index_parts else []),
    )
    folders: dict[str, Section] = {"": processes}
    # Folders are created on first use; sorting by depth first puts a folder's own
    # processes before its sub-folders, as a file browser would.
    for process in sorted(
        handbook.processes, key=lambda p: (p.folder.count("/") + bool(p.folder), p.folder)
    ):
        _folder(process.folder, folders, handbook, processes).children.append(
            page(paths.process_page(process.id or ""))
        )
    sections = [
        processes,
        Section(
            inline(labels.departments),
            [page(paths.DEPARTMENT_INDEX)]
            + [page(paths.department_page(d.id)) for d in handbook.organization.departments],
        ),
        Section(
            inline(labels.roles),
            [page(paths.ROLE_INDEX)]
            + [page(paths.role_page(r.id)) for r in handbook.organization.roles],
        ),
        overview(paths.RESPONSIBILITY, labels.responsibility_overview),
        overview(paths.METRICS, labels.metrics_page),
        overview(paths.ONBOARDING, labels.onboarding),
        page(paths.GLOSSARY),
        Section(
            inline(labels.tools),
            [page(paths.TOOLS)]
            + [page(paths.tool_page(t.id)) for t in handbook.organization.tools],
        ),
        overview(paths.GOALS, labels.goals_page),
        page(paths.REVIEW),
        Section(
            inline(labels.reference),
            [page(paths.FORMAT_REFERENCE), page(paths.CODES_REFERENCE)],
        ),
    ]
    if root:
        opening = [home.page] if home is not None and home.page is not None else []
        sections = [Section(inline(labels.handbook), [*opening, *sections])]
    nav.items[position:position] = sections
    _link(nav)
    return nav


def _folder(folder: str, folders: dict[str, Section], handbook: object, root: Section) -> Section:
    """The (nested) section of a folder, created on first use."""
    if folder in folders:
        return folders[folder]
    parent_path = folder.rpartition("/")[0]
    parent = _folder(parent_path, folders, handbook, root) if parent_path else root
    section = Section(inline(folder_title(handbook, folder)), [])  # type: ignore[arg-type]
    parent.children.append(section)
    folders[folder] = section
    return section


def _remove(items: list[StructureItem], ours: set[str]) -> int:
    """Drop generated pages (and sections left empty) from the nav; where the first one was."""
    position = len(items)
    for index in range(len(items) - 1, -1, -1):
        item = items[index]
        if isinstance(item, Page) and item.file.src_uri in ours:
            del items[index]
            position = index
        elif isinstance(item, Section):
            _remove(item.children, ours)
            if not item.children:
                del items[index]
                position = index
    return min(position, len(items))


def _link(nav: Navigation) -> None:
    """Parent, previous and next links, as MkDocs sets them for its own navigation."""
    pages: list[Page] = []

    def walk(items: list[StructureItem], parent: Section | None) -> None:
        for item in items:
            item.parent = parent
            if isinstance(item, Section):
                walk(item.children, item)
            elif isinstance(item, Page):
                pages.append(item)

    walk(nav.items, None)
    for before, after in zip([None, *pages], [*pages, None]):
        if before is not None:
            before.next_page = after
        if after is not None:
            after.previous_page = before
    nav.pages = pages


#: From this many processes on the plugin turns on Material's `navigation.prune`: without it every
#: page carries the whole navigation (about 1.3 entries per process, 81 % of a process page's HTML
#: at N = 1,000), so the theme's work grows with pages² and pages pass 300 KB at N = 1,000 (the
#: theme templates take ~20 % more time at N = 1,000 without it).
LARGE_HANDBOOK = 200
PRUNE = "navigation.prune"


def pruned_features(features: Sequence[str], processes: int) -> list[str] | None:
    """The theme's features with `navigation.prune` for a handbook of LARGE_HANDBOOK processes
    or more; None when they stay as they are (a smaller handbook, prune listed already, or the
    incompatible `navigation.expand` listed)."""
    if processes < LARGE_HANDBOOK or PRUNE in features or "navigation.expand" in features:
        return None
    return [*features, PRUNE]
