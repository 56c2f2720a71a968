"""How the handbook's pages become HTML in MkDocs: cheaply, and once for the same input.

* **Template HTML is not parsed again.** The page templates write their heavy parts (step
  cards, tables, lists of involvement) as HTML blocks, and no author text can start an
  HTML tag there (`rendering.text` escapes every `<`). Python-Markdown would still parse
  each block with its HTML parser (md_in_html), which took most of a page's time; the
  `TemplateBlocks` preprocessor hands every such block to Python-Markdown's own stash
  instead, so it reaches the page exactly as written (the rest of the page, headings and
  short Markdown lines, is converted as usual). A block holding a `markdown` attribute, or
  of any shape the scanner does not recognise, is left to Python-Markdown.
* **A page is converted once.** `HandbookPage.render` looks the page up by a key that
  hashes its final Markdown (after every plugin's `on_page_markdown`), its place in the
  site, the URLs of the pages it links to, the Markdown settings and the code versions;
  the stored HTML, table of contents, title and anchors are what MkDocs itself produced
  for that input (`cache.Store`: in memory across `mkdocs serve` rebuilds, on disk
  between builds).
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import version
from typing import Any, cast

import markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..background import Pending, can_fork
from ..cache import Store, code_version, digest

#: Tags the templates open HTML blocks with (Python-Markdown treats them as block-level).
_BLOCK_START = re.compile(r"<(div|dl|table|ul|ol|details|p)[\s>]")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_MARKDOWN_ATTRIBUTE = re.compile(r"<[^>]*\smarkdown(?:[\s=>]|$)")
_ANCHOR = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>")
_ID = re.compile(r"""\s(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")


class TemplateBlocks(Extension):
    """Stashes the HTML blocks of the handbook's pages while `active` (only its own pages)."""

    def __init__(self) -> None:
        super().__init__()
        self.active = False
        self.anchors: set[str] = set()

    @contextmanager
    def activated(self) -> Iterator[None]:
        self.active, self.anchors = True, set()
        try:
            yield
        finally:
            self.active = False

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        # After the whitespace normalisation (30), before MkDocs' raw HTML scan (21) and
        # md_in_html's block parser (20).
        md.preprocessors.register(_StashBlocks(md, self), "process_handbook_blocks", 25)


class _StashBlocks(Preprocessor):
    def __init__(self, md: markdown.Markdown, extension: TemplateBlocks) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        if not self.extension.active:
            return lines
        out: list[str] = []
        fence: str | None = None
        index = 0
        while index < len(lines):
            line = lines[index]
            opened = _FENCE.match(line)
            if fence is not None:
                if opened and opened[1][0] == fence[0] and len(opened[1]) >= len(fence):
                    fence = None
            elif opened:
                fence = opened[1]
            elif (not out or not out[-1].strip()) and (block := _block(lines, index)):
                end, text = block
                if text is None:
                    out += lines[index:end]  # all of it is Python-Markdown's, as it stands
                else:
                    self.extension.anchors |= _anchors(text)
                    # As md_in_html stores a block: with the end of its last line.
                    out += [self.md.htmlStash.store(text + "\n"), ""]
                index = end
                continue
            out.append(line)
            index += 1
        return out


def _block(lines: list[str], start: int) -> tuple[int, str | None] | None:
    """The HTML block starting at `lines[start]`, or None when no block starts there.

    The block runs until its first tag is closed again. Its text is given when it can be
    stashed: it ends a line that a blank line (or the end of the page) follows, and holds
    no Markdown (no `markdown` attribute anywhere in it). Otherwise the text is None and
    the block, up to its end (or the page's when it never closes), is Python-Markdown's:
    nothing inside it may be stashed either.
    """
    opened = _BLOCK_START.match(lines[start])
    if opened is None:
        return None
    tag = opened[1]
    pattern = re.compile(rf"<(/?){tag}[\s>]")
    depth = 0
    for index in range(start, len(lines)):
        line = lines[index]
        for found in pattern.finditer(line):
            depth += -1 if found[1] else 1
        if depth <= 0:
            text = "\n".join(lines[start : index + 1])
            stashable = (
                line.rstrip().endswith(f"</{tag}>")
                and (index + 1 == len(lines) or not lines[index + 1].strip())
                and not _MARKDOWN_ATTRIBUTE.search(text)
                and "\x02" not in text
                and "\x03" not in text
            )
            return index + 1, text if stashable else None
    return len(lines), None


def _anchors(text: str) -> set[str]:
    """The ids an HTML block gives (and `<a name>`), as MkDocs collects them from raw HTML."""
    found = set()
    for element in _ANCHOR.finditer(text):
        for attribute in _ID.finditer(element[2]):
            if attribute[1] == "id" or element[1].lower() == "a":
                found.add(html.unescape(attribute[2] if attribute[2] is not None else attribute[3]))
    return found


class PageRendering:
    """What one build needs to render the handbook's pages: the block stash and the store."""

    def __init__(self, config: MkDocsConfig, store: Store, blocks: TemplateBlocks) -> None:
        self.store = store
        self.blocks = blocks
        self.ahead: Pending[dict[str, Any]] | None = None
        self.ahead_pages: set[str] = set()
        self.converted = 0  # pages converted in this process
        self.settings = digest(
            code_version(),
            [version(p) for p in ("mkdocs", "markdown", "pymdown-extensions")],
            [_name(e) for e in cast(list[object], config.markdown_extensions) if e is not blocks],
            _plain(config.mdx_configs),
            config.use_directory_urls,
        )

    def key(self, page: Page, files: Files) -> str:
        """The page's key: its Markdown, its place, and where each page it links to is."""
        assert page.markdown is not None
        base = posixpath.dirname(page.file.src_uri)
        targets = {}
        for target in sorted(set(_LINK_TARGET.findall(page.markdown))):
            path = target.split("#", 1)[0]
            if not path or ":" in path or path.startswith("/"):
                continue
            found = files.get_file_from_path(posixpath.normpath(posixpath.join(base, path)))
            targets[target] = found.url if found is not None else None
        return digest(self.settings, page.file.src_uri, page.file.url, page.markdown, targets)

    def render_ahead(
        self,
        pages: list[Page],
        config: MkDocsConfig,
        files: Files,
        index: Callable[[Page], None],
        stores: list[Store],
    ) -> None:
        """Have a forked child render the second half of `pages` (and `index` them for search)
        while MkDocs renders the first half here; `HandbookPage.render` picks its results up.

        The child reads each page and runs every plugin's `on_page_markdown` and
        `on_page_content` as MkDocs would, so its results carry the same keys; what it
        cannot foresee simply misses and is rendered here. Without `fork` (or with threads
        running, as under `mkdocs serve`, where a rebuild converts only what changed), all
        pages are rendered here.
        """
        if not can_fork() or len(pages) < 2:
            return
        later = pages[len(pages) // 2 :]
        parent = os.getpid()

        def work() -> dict[str, Any]:
            if os.getpid() == parent:  # the child failed: MkDocs renders these pages itself
                return {}
            for page in later:
                page.read_source(config)
                assert page.markdown is not None  # read_source sets it
                page.markdown = config.plugins.on_page_markdown(
                    page.markdown, page=page, config=config, files=files
                )
                page.render(config, files)
                assert page.content is not None  # render sets it
                page.content = config.plugins.on_page_content(
                    page.content, page=page, config=config, files=files
                )
                index(page)
            return {
                store.kind: {k: store.memory[k] for k in store.used if k in store.memory}
                for store in stores
            }

        self.ahead_pages = {page.file.src_uri for page in later}
        self.ahead = Pending(work)
        self.ahead_stores = stores

    def collect(self, page: Page) -> bool:
        """Wait for the child when it renders `page`; whether there was something to collect."""
        if self.ahead is None or page.file.src_uri not in self.ahead_pages:
            return False
        ahead, self.ahead = self.ahead, None
        made = ahead.result()
        for store in self.ahead_stores:
            store.memory.update(made.get(store.kind, {}))
        return True


class HandbookPage(Page):
    """A generated page, rendered through `PageRendering` (see the module's docstring)."""

    rendering: PageRendering

    def render(self, config: MkDocsConfig, files: Files) -> None:
        rendering = self.rendering
        key = rendering.key(self, files)
        record = rendering.store.get(key)
        if record is None and rendering.collect(self):
            record = rendering.store.get(key)
        if record is None or not _apply(self, record, files):
            rendering.converted += 1
            with rendering.blocks.activated():
                super().render(config, files)
            if self.present_anchor_ids is not None:
                self.present_anchor_ids |= rendering.blocks.anchors
            rendering.store.put(key, _record(self))


def _record(page: Page) -> dict[str, Any]:
    return {
        "content": page.content,
        "toc": [_toc_item(item) for item in page.toc],
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": {f.src_uri: links for f, links in (page.links_to_anchors or {}).items()},
    }


def _apply(page: Page, record: dict[str, Any], files: Files) -> bool:
    """Give `page` a stored rendering; False when the record is not of the expected shape."""
    try:
        content, title = record["content"], record["title"]
        toc = TableOfContents([_toc_link(item) for item in record["toc"]])
        anchors = set(record["anchors"])
        links = {}
        for src_uri, anchored in record["links"].items():
            target = files.get_file_from_path(src_uri)
            if target is not None:
                links[target] = dict(anchored)
        if not isinstance(content, str) or not (title is None or isinstance(title, str)):
            return False
    except (KeyError, TypeError, ValueError):
        return False
    page.content, page.toc, page._title_from_render = content, toc, title
    page.present_anchor_ids, page.links_to_anchors = anchors, links
    return True


def _toc_item(link: AnchorLink) -> list[Any]:
    return [link.title, link.id, link.level, [_toc_item(c) for c in link.children]]


def _toc_link(item: list[Any]) -> AnchorLink:
    title, anchor, level, children = item
    if not (isinstance(title, str) and isinstance(anchor, str) and isinstance(level, int)):
        raise TypeError("not a table of contents entry")
    link = AnchorLink(title, anchor, level)
    link.children = [_toc_link(c) for c in children]
    return link


def _name(extension: object) -> str:
    if isinstance(extension, str):
        return extension
    kind = type(extension)
    return f"{kind.__module__}.{kind.__qualname__}"


def _plain(value: Any) -> Any:
    """Settings as plain data for a digest: a function (a custom fence's format) by its name."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"
    return repr(value)
