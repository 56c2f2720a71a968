"""The theme's HTML of a handbook page, kept by everything it is made from.

After the pages themselves, the largest part of a build that changed little is the theme
putting each page into its template: Material writes the navigation, the header, the table
of contents and the footer of every page again, the same as last time. For the handbook's
pages, that HTML is kept (`cache.Store("theme")`) under the digest of what goes into it:
the page (URL, title, HTML, table of contents, metadata, its neighbours, edit link), the
whole navigation (every title and URL), the site's configuration as the theme sees it
(theme options, `extra`, scripts, stylesheets, plugins and their options), the theme's
own template files, the versions of MkDocs and Material, and whatever other plugins added
to the page's context. A value that has no stable written form (an object without one)
makes the page miss: it is rendered, never taken from a stale entry.

The page's template is a stand-in (`STAND_IN`) that writes the kept HTML when there is
one and otherwise includes the page's own template with the same context, so the HTML is
byte for byte what the theme gives; the `post_page` events of every plugin run on it as
on any page. The HTML is kept before those events change it.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import TemplateContext

from ..cache import Store, code_version, digest, tree_digest

STAND_IN = "process-handbook/page.html"

#: Includes the page's own template with the context it was given: the same HTML.
_STAND_IN_SOURCE = (
    "{%- if ph_theme_html is defined and ph_theme_html is not none -%}{{ ph_theme_html }}"
    "{%- else -%}{% include ph_theme_template %}{%- endif -%}"
)

#: What `mkdocs.commands.build.get_context` puts into every page's context, hashed below
#: field by field; the build's date only where a template prints it (`_templates`).
_OWN_CONTEXT = {
    "nav",
    "pages",
    "base_url",
    "extra_css",
    "extra_javascript",
    "mkdocs_version",
    "build_date_utc",
    "config",
    "page",
}

#: The configuration the theme reads (MkDocs' own options; plugins are added by name).
_CONFIG_KEYS = (
    "site_name",
    "site_url",
    "site_description",
    "site_author",
    "repo_url",
    "repo_name",
    "edit_uri",
    "copyright",
    "extra",
    "extra_css",
    "extra_javascript",
    "use_directory_urls",
)

#: An object written as Python writes objects without a form of their own.
_UNSTABLE = re.compile(r" at 0x[0-9a-f]+>")


class ThemeOutputs:
    """The theme's HTML of the handbook's pages, by what it is made from, across builds."""

    def __init__(self) -> None:
        self.store: Store | None = None
        self.env: jinja2.Environment | None = None
        self.dated = False  # whether a template prints the build's date
        self.settings: str | None = None
        self.pending: dict[str, str] = {}  # page URL → its key, until its HTML is kept
        self.written = self.reused = 0

    def install(self, env: jinja2.Environment) -> None:
        """Give the theme's environment the stand-in template."""
        loaders: list[jinja2.BaseLoader] = [jinja2.DictLoader({STAND_IN: _STAND_IN_SOURCE})]
        if env.loader is not None:
            loaders.append(env.loader)
        env.loader = jinja2.ChoiceLoader(loaders)
        self.env = env

    def start(self, config: MkDocsConfig, store: Store) -> None:
        """A new build: the settings of this configuration are read at its first page."""
        self.store = store
        self.config = config
        self.settings = None
        self.pending = {}
        self.written = self.reused = 0

    def use_stand_in(self, page: Page) -> None:
        """Have MkDocs render `page` through the stand-in (its own template is remembered)."""
        page.ph_theme_template = page.meta.get("template", "main.html")  # type: ignore[attr-defined]
        page.meta["template"] = STAND_IN

    def prepare(self, context: TemplateContext, page: Page, nav: Navigation) -> None:
        """The page's context, last of every plugin: its kept HTML, or a note to keep it."""
        template = getattr(page, "ph_theme_template", None)
        if template is None or self.store is None or self.env is None:
            return
        context["ph_theme_template"] = template  # type: ignore[typeddict-unknown-key]
        key = self._key(context, page, nav, template)
        if key is None:
            return
        kept = self.store.get_bytes(key)
        if kept is not None:
            try:
                html: str | None = zlib.decompress(kept).decode("utf-8")
            except (zlib.error, UnicodeDecodeError):
                html = None
            if html is not None:
                context["ph_theme_html"] = Markup(html)  # type: ignore[typeddict-unknown-key]
                self.reused += 1
                return
        self.pending[page.url] = key

    def keep(self, page: Page, html: str) -> None:
        """The theme's HTML of a page rendered now, before any plugin's `post_page`."""
        key = self.pending.pop(page.url, None)
        if key is not None and self.store is not None:
            self.written += 1
            self.store.put_bytes(key, zlib.compress(html.encode("utf-8"), 1))

    def retain(self) -> None:
        if self.store is not None:
            self.store.retain()

    # --- keys ---------------------------------------------------------------------------

    def _key(
        self, context: TemplateContext, page: Page, nav: Navigation, template: str
    ) -> str | None:
        assert self.env is not None  # `prepare` asks only once the theme is installed
        if self.settings is None:
            templates, self.dated = _templates(self.config.theme.dirs)
            parts = [_stable(_config(self.config)), _stable(_environment(self.env))]
            # "": something of the site has no stable written form, nothing is kept this build
            self.settings = (
                ""
                if None in parts
                else digest(
                    code_version(),
                    [version("mkdocs"), _version("mkdocs-material")],
                    parts,
                    templates,
                    _navigation(nav.items),
                )
            )
        if not self.settings:
            return None
        others = {k: v for k, v in dict(context).items() if k not in _OWN_CONTEXT}
        others.pop("ph_theme_template", None)
        page_part = _stable(
            {
                "url": page.url,
                "src": page.file.src_uri,
                "title": str(page.title),
                "meta": {k: v for k, v in page.meta.items() if k != "template"},
                "toc": [_toc(item) for item in page.toc],
                "previous": _neighbour(page.previous_page),
                "next": _neighbour(page.next_page),
                "parents": [str(a.title) for a in page.ancestors],
                "edit": page.edit_url,
                "canonical": page.canonical_url,
                "home": page.is_homepage,
                "dates": [page.update_date, str(context.get("build_date_utc"))]
                if self.dated
                else None,
                "base": context.get("base_url"),
                "css": context.get("extra_css"),
                "js": context.get("extra_javascript"),
                "template": template,
                "others": others,
            }
        )
        if page_part is None:
            return None
        content = hashlib.sha256((page.content or "").encode("utf-8")).hexdigest()
        return digest(self.settings, page_part, content)


def _config(config: MkDocsConfig) -> dict[str, Any]:
    theme = config.theme
    return {
        **{key: config.get(key) for key in _CONFIG_KEYS},
        "theme": {"name": theme.name, **{k: theme[k] for k in sorted(theme)}},
        "plugins": {name: _plugin(plugin) for name, plugin in config.plugins.items()},
    }


def _plugin(plugin: Any) -> Any:
    """A plugin by its options; a hook (a module) by its code."""
    options = getattr(plugin, "config", None)
    if options is not None:
        return dict(options)
    source = getattr(plugin, "__file__", None)
    return hashlib.sha256(Path(source).read_bytes()).hexdigest() if source else repr(plugin)


def _environment(env: jinja2.Environment) -> Any:
    """What plugins gave the theme's templates: globals by value, filters and tests by name."""
    return {
        "globals": {k: _described(v) for k, v in env.globals.items()},
        "filters": {k: _described(v) for k, v in env.filters.items()},
        "tests": {k: _described(v) for k, v in env.tests.items()},
    }


def _described(value: Any) -> Any:
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    if isinstance(value, dict):
        return {str(k): _described(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_described(v) for v in value]
    return value


def _templates(dirs: Iterable[str]) -> tuple[str, bool]:
    """A digest of the theme's template files (its own and a site's overrides), and whether
    any of them prints the build's date."""
    folders = [Path(folder) for folder in dirs]
    texts = (path.read_bytes() for folder in folders for path in folder.rglob("*.html"))
    dated = any(b"update_date" in text or b"build_date_utc" in text for text in texts)
    return digest([tree_digest(folder, _is_html) for folder in folders]), dated


def _is_html(path: Path) -> bool:
    return path.suffix == ".html"


def _navigation(items: Iterable[Any]) -> Any:
    return [
        [
            type(item).__name__,
            str(item.title),
            getattr(item, "url", None),
            _navigation(getattr(item, "children", None) or []),
        ]
        for item in items
    ]


def _neighbour(page: Page | None) -> Any:
    return None if page is None else [page.url, str(page.title)]


def _toc(item: AnchorLink) -> Any:
    return [item.id, item.title, item.level, [_toc(c) for c in item.children]]


def _stable(value: Any) -> str | None:
    """`value` written as `digest` writes it; None when a part has no stable written form."""
    written = digest(value)
    text = repr(value)
    return None if _UNSTABLE.search(text) else written


def _version(name: str) -> str | None:
    try:
        return version(name)
    except Exception:  # noqa: BLE001 - another theme: its template files are hashed anyway
        return None
