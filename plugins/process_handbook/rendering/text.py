"""Make untrusted text safe to place in a Markdown page.

Process files are written by many people; nothing they type may become live
HTML, a script link or Markdown syntax the page did not intend. Plain text is
entity-encoded (every character with a meaning in Markdown or HTML), and the
Markdown allowed in descriptions is rendered here, with raw HTML shown as text
and only web links kept.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree  # noqa: N813 - the name Markdown uses for it
from functools import lru_cache

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

# Characters that start HTML, entities or Markdown syntax anywhere in a line, as numeric entities.
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in "&<>\"'`*_[]{}#+!|\\~^=$"}
# What starts a block only at the beginning of a line: lists, quotes, definitions, rules.
_LEADING = re.compile(r"^(\s*)([-:]|[0-9]+(?=[.)]))")
_BLANKS = re.compile(r"\s+")
# A link is kept when it is a web or mail address, or has no scheme at all
# (no colon before the first / ? or #): a page-relative link.
_SAFE_URL = re.compile(r"(https?://|mailto:)|(?![/\\]{2})[^:/?#]*([/?#]|\Z)", re.IGNORECASE)


def inline(text: object) -> Markup:
    """Text as it must appear in a Markdown line: literally, on one line."""
    if isinstance(text, Markup):
        return text
    return _inline(str(text))


@lru_cache(maxsize=1 << 14)
def _inline(text: str) -> Markup:
    """`inline` of plain text, remembered: the same names (roles, departments, steps) appear
    in thousands of table cells and links of a large handbook."""
    flat = _BLANKS.sub(" ", text).translate(_ENTITIES)
    flat = _LEADING.sub(lambda m: m[1] + "".join(f"&#{ord(c)};" for c in m[2]), flat)
    return Markup(flat)


class _SafeLinks(Treeprocessor):
    """Keep only web, mail and in-page links; anything else (javascript:, data:, ...) becomes text."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for i, child in enumerate(list(parent)):
                href = _decoded(child.get("href", "")) if child.tag == "a" else ""
                if child.tag == "a" and not _SAFE_URL.match(href):
                    span = etree.Element("span")
                    span.text, span.tail = child.text, child.tail
                    span.extend(list(child))
                    parent.remove(child)
                    parent.insert(i, span)
                elif child.tag == "img":
                    # Images would load from anywhere; show the alt text instead.
                    span = etree.Element("span")
                    span.text, span.tail = child.get("alt", ""), child.tail
                    parent.remove(child)
                    parent.insert(i, span)
                elif child.tag == "a":
                    child.set("href", href)
                    child.set("rel", "noopener noreferrer")


def _decoded(url: str) -> str:
    """The address a browser would follow: entities decoded (repeatedly), blanks removed."""
    previous = None
    while previous != url:
        previous, url = url, html.unescape(url)
    return re.sub(r"[\x00-\x20\x7f]", "", url)


class _NoRawHtml(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)


@lru_cache(maxsize=1)
def _renderer() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_NoRawHtml(), "sane_lists"], output_format="html")


def markdown_block(text: str) -> Markup:
    """A description's Markdown as HTML: formatting kept, raw HTML escaped, unsafe links dropped.

    The result is an HTML block that Markdown passes through untouched, so every
    site generator shows the same thing.
    """
    md = _renderer()
    md.reset()
    html = md.convert(text)
    return Markup(f'<div class="ph-description">\n{html}\n</div>')
