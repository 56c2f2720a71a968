"""The handbook's pages in Material's search index: made once per page, written compactly.

Material's search parses every page's HTML and segments its Chinese with jieba, the
largest part of a big build after the pages themselves. For the handbook's pages the
same sections are made by Material's own code (`SearchIndex`, so they are exactly what
it would index), once for the same page (`cache.Store`, keyed by the page's HTML, its
place, title and search settings), and Material is told to skip those pages. After
Material has written `search/search_index.json`, the handbook's sections are put in and
the file is written again without `\\uXXXX` escapes (zero-width spaces and Chinese are
3 bytes each instead of 6) and without the zero-width spaces that separate nothing
(jieba's segmentation puts one on each side of every run of Chinese, also next to a space
or a separator of the site's `separator`: in the sample a third of them). Every page of
the handbook is in it exactly once: after an incremental (`--dirty`) rebuild the sections
of pages not rebuilt are kept, those of a rebuilt page replaced.

Only Material's own search plugin is handled; with any other, the handbook's pages are
indexed as that plugin indexes every page.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from importlib.metadata import version
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from ..cache import Store, code_version, digest

try:
    from material.plugins.search.plugin import SearchIndex, SearchPlugin, jieba
except ImportError:  # pragma: no cover - Material is a dependency; another theme may lack it
    SearchIndex = SearchPlugin = jieba = None

#: What Material writes per section; anything else in a cached entry makes it untrusted.
_FIELDS = {"location": str, "title": str, "text": str}


def material_search(config: MkDocsConfig) -> Any | None:
    """Material's search plugin of this site, if it has that one (and it is enabled)."""
    if SearchPlugin is None:
        return None
    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin) and plugin.config.enabled:
            return plugin
    return None


class SearchSections:
    """The search sections of the handbook's pages, by page URL, across rebuilds."""

    def __init__(self) -> None:
        self.sections: dict[str, list[dict[str, Any]]] = {}  # page URL → its sections
        self.plugin: Any | None = None

    def start(self, config: MkDocsConfig, store: Store) -> None:
        """A new build: Material's plugin of this configuration, and the store to use."""
        self.plugin = material_search(config)
        self.store = store
        self.pages: set[str] = set()  # the URLs of the handbook's pages in this build
        if self.plugin is not None:
            options = self.plugin.config
            self.settings = digest(
                code_version(),
                version("mkdocs-material"),
                _jieba_version(),
                {key: options[key] for key in ("lang", "separator", "pipeline", "fields")},
                [options.get("jieba_dict"), options.get("jieba_dict_user")],
            )
            self.trim = idle_spaces_trimmer(str(options["separator"]))
            if jieba is not None:
                jieba.initialize()  # once, before pages are indexed in a forked child too

    def expect(self, url: str) -> None:
        """`url` is a page of the handbook in this build (indexed, even when not rebuilt)."""
        self.pages.add(url)

    def index(self, page: Page) -> None:
        """Make (or find) the page's sections, and have Material skip the page."""
        if self.plugin is None:
            return
        search = page.meta.get("search") or {}
        if not isinstance(search, dict):
            return  # not ours to interpret: Material handles the page as it is
        self.pages.add(page.url)
        if search.get("exclude"):
            self.sections[page.url] = []
            return
        key = digest(
            self.settings,
            page.url,
            page.content,
            str(page.meta.get("title", page.title)),
            _plain_meta(page.meta),
            [[t.title, t.id, [c.id for c in t.children]] for t in page.toc],
        )
        sections: Any = self.store.get(key)
        if not _valid(sections):
            made = SearchIndex(**self.plugin.config)
            made.add_entry_from_context(page)
            sections = [_trimmed(entry, self.trim) for entry in made.entries]
            self.store.put(key, sections)
        self.sections[page.url] = sections
        page.meta["search"] = {**search, "exclude": True}  # Material's pass skips it ...
        page.meta["_process_handbook_search"] = search

    def restore(self, page: Page) -> None:
        """... and the page gets its own search settings back once Material has seen it."""
        if "_process_handbook_search" in page.meta:
            page.meta["search"] = page.meta.pop("_process_handbook_search")
            if not page.meta["search"]:
                del page.meta["search"]

    def write(self, site_dir: str) -> None:
        """Put the handbook's sections into the index Material wrote, once each."""
        if self.plugin is None:
            return
        path = os.path.join(site_dir, "search", "search_index.json")
        try:
            with open(path, encoding="utf-8") as index_file:
                data = json.load(index_file)
        except (OSError, ValueError):
            return
        for url in [u for u in self.sections if u not in self.pages]:
            del self.sections[url]  # a page gone from the site
        docs = [
            _trimmed(entry, self.trim)
            for entry in data.get("docs", [])
            if entry.get("location", "").split("#", 1)[0] not in self.pages
        ]
        docs += [entry for sections in self.sections.values() for entry in sections]
        data["docs"] = docs
        with open(path, "w", encoding="utf-8") as index_file:
            json.dump(data, index_file, ensure_ascii=False, separators=(",", ":"), default=str)


_ZWSP = re.compile("\u200b+")


def idle_spaces_trimmer(separator: str) -> Callable[[str], str]:
    """A function leaving out of a text the zero-width spaces that separate nothing.

    A run of them stays as one where it divides two words; it goes at either end of the
    text, next to a tag (Material escapes the text's own `<` and `>`; the browser splits
    the text between tags on its own), and next to a character the site's search
    `separator` (a JavaScript regular expression, read in Python where it can be) already
    splits on there, so that the browser's search sees the same words. With a separator Python cannot read, only the
    ends and the repeats go.
    """
    try:
        pattern: re.Pattern[str] | None = re.compile(separator)
    except (re.error, OverflowError):
        pattern = None

    @lru_cache(maxsize=4096)
    def splits(window: str) -> bool:
        """Whether the separator consumes the first character of `window` there."""
        found = pattern.match(window) if pattern is not None else None
        return found is not None and found.end() > 0

    def keep(match: re.Match[str]) -> str:
        text, start, end = match.string, match.start(), match.end()
        if start == 0 or end == len(text) or text[start - 1] == ">" or text[end] == "<":
            return ""  # an end of the text, or of the text between two tags
        if splits(text[start - 1] + text[end : end + 3]) or splits(text[end : end + 4]):
            return ""
        return "\u200b"

    return lambda text: _ZWSP.sub(keep, text) if "\u200b" in text else text


def _trimmed(entry: dict[str, Any], trim: Callable[[str], str]) -> dict[str, Any]:
    for field in ("title", "text"):
        if isinstance(entry.get(field), str):
            entry[field] = trim(entry[field])
    return entry


def _valid(sections: Any) -> bool:
    return isinstance(sections, list) and all(
        isinstance(s, dict) and all(isinstance(s.get(k), t) for k, t in _FIELDS.items())
        for s in sections
    )


def _plain_meta(meta: Mapping[str, Any]) -> Any:
    return json.loads(json.dumps({k: meta.get(k) for k in ("search", "tags")}, default=str))


def _jieba_version() -> str | None:
    try:
        return version("jieba")
    except Exception:  # noqa: BLE001 - not installed: Material indexes without segmenting
        return None
