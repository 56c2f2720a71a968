"""The MkDocs / ProperDocs plugin `process-handbook`: a thin adapter over the core.

It hands the core's pages and files to MkDocs as generated files, serves the
browser files (`rendering.site_assets`: the pinned Mermaid and pan/zoom the package
carries, the handbook's own scripts and stylesheet), watches the processes folder while
serving, and turns the core's diagnostics into a failed build (`mkdocs build`)
or an error page that recovers by itself (`mkdocs serve`: whatever goes wrong,
even a crash, the server keeps answering with the error page). Every page gets
a Content-Security-Policy (`csp`), the titles of the handbook's pages reach the
theme escaped, and its swimlanes go to the handbook's own viewer. Its options
check themselves (mkdocs_config). Everything it generates is mounted in one place (`_Mount`):
at the site's root, or under the `prefix` folder, which opens with the handbook's home page
when the site has no page of its own there.

Event priorities (MkDocs runs higher first, default 0): `on_config` late (-50),
`on_files` early (50), `on_nav` late (-50), `on_post_page` and `on_post_template`
last (-100); each method says why.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .. import output, paths
from ..browser_libraries import MissingLibrary, packaged
from ..cache import Store, digest
from ..diagnostics import INTERNAL_ERROR, START, Report
from ..i18n.labels import language_for
from ..loading.files import ORGANIZATION, SUFFIXES, discover
from ..model.entities import Organization
from ..model.handbook import Handbook
from ..options import SettingError, mermaid_version, packaged_mermaid_version
from ..pipeline import Build, build, options_with_history
from ..rendering.mermaid import old_mermaid_warning
from ..rendering.pages import error_page
from ..rendering.site_assets import BROWSER_FILES, MERMAID, STYLESHEET, site_assets
from ..rendering.text import inline
from . import csp
from .mkdocs_config import HandbookConfig
from .mkdocs_nav import LARGE_HANDBOOK, arrange_navigation, pruned_features
from .mkdocs_pages import HandbookPage, PageRendering, TemplateBlocks
from .mkdocs_search import SearchSections
from .mkdocs_theme_cache import ThemeOutputs
from .mkdocs_watch import FolderWatch

log = get_plugin_logger(__name__)

REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "tables", "pymdownx.tasklist")


class ProcessHandbookPlugin(BasePlugin[HandbookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str = "build"
        self.last_good_pages: set[str] = set()
        self.result: Build | None = None
        self.generated: set[str] = set()  # the handbook's pages in this build (docs-relative)
        self.search = SearchSections()  # kept across `mkdocs serve` rebuilds (--dirty)
        self.theme = ThemeOutputs()
        self.dirty = False
        #: Each page's Markdown digest and title in the last build (`mkdocs serve --dirty`).
        self.previous: dict[str, tuple[str, str | None]] = {}
        self.pages: Store | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.command = command
        self.dirty = dirty

    # Late: the Markdown extensions are switched on only where no other plugin did.
    @event_priority(-50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        _require_material(config)
        if not config.site_url:
            log.warning(
                "process-handbook: no site_url: the links in calendars (.ics) are relative, so "
                "a calendar app that imported one cannot open its meeting's page; set site_url "
                "to the address the site is published at"
            )
        root = Path(config.config_file_path or ".").resolve().parent
        #: Where the handbook's layout (paths.py) starts inside the site: the prefix folder.
        self.root = self.config.prefix
        self.processes_dir = (root / self.config.processes_dir).resolve()
        self.display_root = self.config.processes_dir.rstrip("/")
        self.npm_paths = self._npm_paths(root)
        version = self._mermaid_version()
        if warning := old_mermaid_warning(version):
            log.warning("%s (leave out `mermaid_js` to serve the one the package carries)", warning)
        self.cache_dir = (root / self.config.cache_dir) if self.config.cache else None
        self.options = options_with_history(
            self.processes_dir,
            language=self.config.language or language_for(_theme_language(config)),
            timezone=self.config.timezone,
            today=self.config.today or dt.date.today(),
            mermaid_version=version,
            templates_dir=Path(self.config.templates_dir) if self.config.templates_dir else None,
            site_url=config.site_url + self.root if config.site_url else None,
            directory_urls=config.use_directory_urls,
            levels=self.config.rules,
            cache_dir=self.cache_dir,
        )
        _require_extensions(config)
        self._prune_large_navigation(config)
        self.blocks = TemplateBlocks()
        # active for the handbook's pages only; MkDocs takes extension instances as well as names
        cast(list[Any], config.markdown_extensions).append(self.blocks)
        for browser_file in BROWSER_FILES:
            if browser_file.is_script:
                config.extra_javascript.append(self.root + browser_file.path)
        config.extra_css.append(self.root + STYLESHEET)
        return config

    def _prune_large_navigation(self, config: MkDocsConfig) -> None:
        """A large handbook's pages carry only their own part of the navigation."""
        if not self.processes_dir.is_dir():
            return
        processes = len(discover(self.processes_dir).processes)
        features = config.theme.get("features", [])
        if (pruned := pruned_features(features, processes)) is not None:
            config.theme["features"] = pruned
            log.info(
                "process-handbook: %d processes (%d or more): navigation.prune turned on, each "
                "page carries only its own part of the navigation",
                processes,
                LARGE_HANDBOOK,
            )

    def _npm_paths(self, root: Path) -> dict[str, Path]:
        """Where each npm file the site serves comes from: the copy the package carries
        (`browser_libraries`), or for Mermaid the site's own `mermaid_js` when it sets one."""
        found = {}
        for browser_file in BROWSER_FILES:
            if browser_file.npm is None:
                continue
            if browser_file is MERMAID and self.config.mermaid_js:
                found[browser_file.path] = _own_mermaid(root, self.config.mermaid_js)
                continue
            try:
                found[browser_file.path] = packaged(browser_file.npm)
            except MissingLibrary as exc:
                raise PluginError(f"process-handbook: {exc}") from None
        return found

    def _mermaid_version(self) -> tuple[int, ...]:
        """The version of the Mermaid the site serves: the packaged one's, or the site's own
        (`mermaid_version`, else read from the package.json of the npm package it is in)."""
        if not self.config.mermaid_js:
            if self.config.mermaid_version:
                raise PluginError(
                    "process-handbook: `mermaid_version` describes the site's own `mermaid_js`; "
                    "remove it (the Mermaid the package carries knows its version)"
                )
            try:
                return packaged_mermaid_version()
            except MissingLibrary as exc:
                raise PluginError(f"process-handbook: {exc}") from None
        if self.config.mermaid_version:
            return self.config.mermaid_version
        package = self.npm_paths[MERMAID.path].parent.parent / "package.json"
        if package.is_file():
            try:
                return mermaid_version(str(json.loads(package.read_text("utf-8"))["version"]))
            except (ValueError, KeyError, TypeError, SettingError) as exc:
                raise _failure(f"cannot read the Mermaid version from {package}", exc) from exc
        raise PluginError(
            f"process-handbook: set `mermaid_version` to the version of the Mermaid at "
            f"{self.config.mermaid_js} (there is no package.json next to it to read it from)"
        )

    # Early: plugins that act on the site's files (search exclusions, i18n, ...) see the pages.
    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        started = time.perf_counter()
        try:
            result = build(self.processes_dir, self.options, display_root=self.display_root)
        except jinja2.TemplateError as exc:  # most likely a site's own override template
            where = (
                f"{exc.filename}:{exc.lineno}: "
                if isinstance(exc, jinja2.TemplateSyntaxError)
                else ""
            )
            result = self._failed(f"page template error: {where}{exc}", exc)
        except Exception as exc:  # noqa: BLE001 - a bug must not show a process owner a traceback
            result = self._failed(
                f"internal error while building the handbook ({type(exc).__name__}); "
                "please report it",
                exc,
            )
        self.result = result
        for diagnostic in result.diagnostics:
            if not diagnostic.is_error:
                # A review falling due is news, not a reason to fail an unrelated --strict build.
                level = log.info if diagnostic.dated else log.warning
                level("%s", diagnostic.format(self.display_root))
        self._unpublish_sources(files, config, result)
        mount = _Mount(files, config, self.root)
        if not result.ok:
            self.previous = {}  # every page shows the errors now: none is as it was
            self._report_errors(result)
            errors = result.pages[0]
            self.generated = self.last_good_pages | {self.root + paths.PROCESS_INDEX}
            self.generated.add(self.root + errors.path)
            for path in sorted(self.generated):
                mount.add(File, path.removeprefix(self.root), content=errors.content)
        else:
            edit_paths = self._edit_paths(result.handbook, config)
            self.last_good_pages = self.generated = set()
            for page in [*result.pages, *self._home(result, files)]:
                # The plugin places its pages in the navigation itself (see mkdocs_nav).
                file = mount.add(GeneratedPage, page.path, content=page.content)
                self.generated.add(file.src_uri)
                file.edit_uri = edit_paths.get(page.path)
                if self.dirty:
                    previous = self.previous.get(file.src_uri, ("", None))[0]
                    file.unchanged = previous == digest(page.content)
            for asset in result.assets:
                if asset.source is not None:
                    mount.add(Download, asset.path, abs_src_path=str(asset.source))
                else:
                    mount.add(Download, asset.path, content=asset.read())
        for served, source in self.npm_paths.items():
            mount.add(File, served, abs_src_path=str(source))
        for asset in site_assets():
            mount.add(File, asset.path, content=asset.read())
        log.info(
            "%d pages, %d files from %s in %.3f s",
            len(result.pages),
            len(result.assets),
            self.display_root,
            time.perf_counter() - started,
        )
        return files

    def _home(self, result: Build, files: Files) -> list[output.Page]:
        """The handbook's home page at the prefix folder, where the site has none of its own
        (at the site's root the site's home is its own)."""
        if not self.root or result.home is None:
            return []
        if files.get_file_from_path(self.root + result.home.path) is not None:
            return []
        return [result.home]

    def _unpublish_sources(self, files: Files, config: MkDocsConfig, result: Build) -> None:
        """A processes folder inside docs_dir: its YAML files (organization.yml included) are the
        handbook's source, and its templates are published under downloads/: none of them is a
        page or a file of the site where it lies."""
        docs = Path(config.docs_dir).resolve()
        if not self.processes_dir.is_relative_to(docs):
            return
        inside = self.processes_dir.relative_to(docs).as_posix()
        folder = "" if inside == "." else f"{inside}/"
        templates = {
            asset.source.relative_to(self.processes_dir).as_posix()
            for asset in result.assets
            if asset.source is not None and asset.source.is_relative_to(self.processes_dir)
        }
        for file in list(files):
            relative = file.src_uri.removeprefix(folder)
            if file.src_uri.startswith(folder) and (
                relative.lower().endswith(SUFFIXES) or relative in templates
            ):
                files.remove(file)

    def _edit_paths(self, handbook: Handbook, config: MkDocsConfig) -> dict[str, str]:
        """Each page's source file, as MkDocs takes a page's `edit_uri`: relative to docs_dir
        (`repo_url` + `edit_uri` name docs_dir in the repository), so that the edit button of a
        process page opens its YAML file, and a department's, role's or tool's organization.yml.
        """
        docs = Path(config.docs_dir).resolve()

        def source(file: str) -> str:
            return Path(os.path.relpath(self.processes_dir / file, docs)).as_posix()

        organization = source(ORGANIZATION)
        edit = {paths.process_page(p.id or ""): source(p.file) for p in handbook.processes}
        edit |= {
            paths.department_page(d.id): organization for d in handbook.organization.departments
        }
        edit |= {paths.role_page(r.id): organization for r in handbook.organization.roles}
        edit |= {paths.tool_page(t.id): organization for t in handbook.organization.tools}
        return edit

    def _failed(self, message: str, cause: Exception) -> Build:
        """A build that raised, as a build with one error: `mkdocs build` fails with the message
        (the traceback in the debug log, see `_failure`), `mkdocs serve` shows it on the error
        page and keeps serving."""
        if self.command != "serve":
            raise _failure(message, cause) from cause
        log.debug("process-handbook: %s", message, exc_info=cause)
        report = Report("")
        report.add(INTERNAL_ERROR, START, message, "fix the cause, or report it as a bug")
        try:
            page = error_page(report.items, self.display_root, self.options)
        except Exception:  # noqa: BLE001 - e.g. a broken errors.md.j2 among the site's templates
            line = report.items[0].format(self.display_root).splitlines()[0]
            page = output.Page(paths.ERRORS, f"# process-handbook\n\n{inline(line)}\n")
        return Build([page], [], report.items, Handbook(Organization()))

    def _report_errors(self, result: Build) -> None:
        report = "\n".join(d.format(self.display_root) for d in result.diagnostics if d.is_error)
        count = sum(d.is_error for d in result.diagnostics)
        if self.command != "serve":
            raise PluginError(f"process-handbook: {count} error(s) in the process files:\n{report}")
        log.error("%d error(s); the site shows them until they are fixed:\n%s", count, report)

    # Late, as Material's blog does: the handbook's sections are placed once other plugins have
    # arranged the navigation, and the previous/next links are set for the final order.
    @event_priority(-50)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # The loaded model is not needed after this: let it go, so that Python's cycle collector
        # does not walk its million objects again and again while MkDocs renders the pages.
        result, self.result = self.result, None
        if result is None or not result.ok:
            return nav
        nav = arrange_navigation(nav, files, result, self.options.language, self.root)
        serving = self.command == "serve"  # the next rebuild finds the entries in memory
        self.pages = Store("pages", self.cache_dir, remember=serving)
        self.search_store = Store("search", self.cache_dir, remember=serving)
        self.search.start(config, self.search_store)
        self.theme.start(config, Store("theme", self.cache_dir, remember=serving))
        self.rendering = PageRendering(config, self.pages, self.blocks)
        ours = []
        for file in files.documentation_pages():  # in the order MkDocs renders them
            if file.src_uri in self.generated and file.page is not None:
                # Its class only adds `render` (the page keeps every attribute MkDocs gave it).
                file.page.__class__ = HandbookPage
                file.page.rendering = self.rendering  # type: ignore[attr-defined]
                self.search.expect(file.page.url)
                ours.append(file.page)
                if getattr(file, "unchanged", False):  # not rendered again (--dirty): the
                    file.page.title = self.previous[file.src_uri][1]  # nav shows its title
        self.ours = ours
        self.rendering.render_ahead(
            ours, config, files, self.search.index, [self.pages, self.search_store]
        )
        return nav

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        self.theme.install(env)
        return env

    @event_priority(100)  # before Material's search sees the page
    def _page_context_first(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if isinstance(page, HandbookPage):
            self.search.index(page)
        return context

    @event_priority(-100)  # last: the page's kept HTML depends on what every plugin put there
    def _page_context_last(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        self.theme.prepare(context, page, nav)
        return context

    on_page_context = CombinedEvent(_page_context_first, _page_context_last)

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """A handbook page's title, as MkDocs took it from the `# heading`, is HTML text (author
        text escaped as entities). Material prints it in the navigation, the header and the
        footer as it is, but in `<title>` through `striptags`, which would undo the escaping:
        given as the page's meta title, it is printed as it is everywhere."""
        if page.file.src_uri in self.generated and page.title:
            page.meta["title"] = Markup(page.title)
        if isinstance(page, HandbookPage):
            self.theme.use_stand_in(page)
        return html

    @event_priority(-100)  # after Material's search has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        pages = getattr(self, "pages", None)
        if pages is None:
            return
        self.search.write(config.site_dir)
        log.info(
            "pages: %d converted here, %d from the cache or the second core; "
            "search sections: %d made here, %d from the cache or the second core; "
            "theme: %d pages written, %d from the cache",
            self.rendering.converted,
            pages.hits,
            self.search_store.misses,
            self.search_store.hits,
            self.theme.written,
            self.theme.reused,
        )
        pages.retain()
        self.search_store.retain()
        self.theme.retain()
        self.pages = None
        if self.dirty:
            self.previous = {
                page.file.src_uri: (digest(page.file.content_string), page.title)
                for page in self.ours
            }

    @event_priority(100)  # first: the theme's HTML as the template wrote it
    def _post_page_first(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        self.theme.keep(page, output)
        return output

    # Last: the policy hashes the theme's inline scripts as they are finally written, so no
    # plugin may change the page after it (a minifier rewriting a script would void its hash).
    @event_priority(-100)
    def _post_page_last(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        self.search.restore(page)
        return csp.with_policy(output, page.content or "")

    on_post_page = CombinedEvent(_post_page_first, _post_page_last)

    @event_priority(-100)
    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str | None:
        """The theme's own pages (404.html) carry the policy too."""
        if template_name.endswith(".html"):
            return csp.with_policy(output_content)
        return output_content

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        self.watch = FolderWatch(server, self.processes_dir)
        if self.options.templates_dir is not None:
            server.watch(str(self.options.templates_dir))
        return server


NOT_IN_NAV = InclusionLevel.NOT_IN_NAV


class GeneratedPage(File):
    """A page of the handbook; under `--dirty`, one whose Markdown did not change since the last
    build (`unchanged`) is not modified, so MkDocs keeps its page from that build."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


class Download(File):
    """A file published as it is, even a `.md` template: never rendered as a page."""

    def is_documentation_page(self) -> bool:
        return False

    def is_media_file(self) -> bool:
        return True


AnyFile = TypeVar("AnyFile", bound=File)


class _Mount:
    """Where the handbook's files become the site's: each path of the layout (paths.py) under
    the prefix folder, none replacing a file of the site."""

    def __init__(self, files: Files, config: MkDocsConfig, root: str) -> None:
        self.files, self.config, self.root = files, config, root

    def add(self, kind: type[AnyFile], path: str, **source: str | bytes) -> AnyFile:
        """A generated file (a page kept out of the navigation, which mkdocs_nav arranges); a
        same-named file in docs/ is an error, not a silent override."""
        file = cast(
            AnyFile,
            kind.generated(self.config, self.root + path, inclusion=NOT_IN_NAV, **source),
        )
        if self.files.get_file_from_path(file.src_uri) is not None:
            raise PluginError(
                f"process-handbook: docs/{file.src_uri} would be replaced by a generated page; "
                "rename or remove it"
            )
        self.files.append(file)
        return file


def _failure(message: str, cause: BaseException) -> PluginError:
    """A PluginError for `message`, the traceback of `cause` logged for `mkdocs build -v`.

    MkDocs shows a PluginError as one line; the traceback goes to the debug log, which
    only `-v` shows, so a process owner never sees one and a developer always can.
    """
    log.debug("process-handbook: %s", message, exc_info=cause)
    return PluginError(f"process-handbook: {message}")


def _require_material(config: MkDocsConfig) -> None:
    """The handbook's diagrams, search and page scripts work with Material for MkDocs only."""
    name = config.theme.name
    if name != "material":
        raise PluginError(
            f"process-handbook: the theme '{name}' cannot show the handbook: its diagrams "
            "(Mermaid), search and page scripts need Material for MkDocs; set theme: name: "
            "material (pip install mkdocs-material)"
        )


def _own_mermaid(root: Path, mermaid_js: str) -> Path:
    path = (root / mermaid_js).resolve()
    if not path.is_file():
        raise PluginError(
            f"process-handbook: Mermaid not found at {mermaid_js}; correct `mermaid_js`, or "
            "leave it out to serve the Mermaid the package carries"
        )
    return path


def _theme_language(config: MkDocsConfig) -> str | None:
    theme = config.theme
    return theme.get("language") if hasattr(theme, "get") else None


def _require_extensions(config: MkDocsConfig) -> None:
    """The Markdown features the generated pages use, switched on if the site has not."""
    for name in REQUIRED_EXTENSIONS:
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
    if "pymdownx.superfences" not in config.markdown_extensions:
        config.markdown_extensions.append("pymdownx.superfences")
    fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault(
        "custom_fences", []
    )
    if not any(f.get("name") == "mermaid" for f in fences):
        from pymdownx.superfences import fence_code_format

        fences.append({"name": "mermaid", "class": "mermaid", "format": fence_code_format})
