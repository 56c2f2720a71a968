"""Make untrusted text safe to place in a Markdown page: the one escaping rule of the handbook.

Process files are written by many people; nothing they type may become live
HTML, a script link or Markdown syntax the page did not intend. Plain text is
entity-encoded (`inline`: every character with a meaning in Markdown or HTML),
which is valid in HTML as well, so navigation titles use it too; web addresses
become link attributes (`web_link`); the Markdown allowed in descriptions is
rendered here (`markdown_block`), with raw HTML shown as text and only web,
mail and relative links kept.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markupsafe import Markup

# Characters that start HTML, entities or Markdown syntax anywhere in a line, as numeric entities.
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in "&<>\"'`*_[]{}#+!|\\~^=$"}
# What starts a block only at the beginning of a line: lists, quotes, definitions, rules.
_LEADING = re.compile(r"^(\s*)([-:]|[0-9]+(?=[.)]))")
_BLANKS = re.compile(r"\s+")
# A link is kept when it is a web or mail address, or has no scheme at all
# (no colon before the first / ? or #): a page-relative link.
_SAFE_URL = re.compile(r"(https?://|mailto:)|(?![/\\]{2})[^:/?#]*([/?#]|\Z)", re.IGNORECASE)
#: The characters a link attribute keeps as they are; every other one is written as an entity,
#: so no Markdown syntax (brackets, backticks, underscores) is left for a page to interpret.
_URL_PLAIN = re.compile(r"[0-9A-Za-z:/.?#%=,;@~+-]")


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


def with_code(text: str) -> Markup:
    """Text whose `backticked` parts are shown as code (a rule's summary and fix), every
    character literal; unbalanced backticks stay as they are."""
    parts = text.split("`")
    if len(parts) % 2 == 0:
        return inline(text)
    return Markup("").join(
        Markup("<code>{}</code>").format(inline(part)) if i % 2 else inline(part)
        for i, part in enumerate(parts)
    )


def preformatted(text: str) -> Markup:
    """Text for the inside of a `<pre>` block: every character literal, its lines and spaces
    kept (a file's lines, a finding as a terminal prints it)."""
    return Markup(text.translate(_ENTITIES))


def fenced(source: str) -> Markup:
    """The handbook's own code (a diagram's source) for the inside of `<pre><code>`, exactly as a
    Markdown code fence writes it (pymdownx.superfences): `&`, `<` and `>` as entities, the
    final line break left out. Raw HTML passes every Markdown generator unchanged; not for
    author text, which `preformatted` writes."""
    return Markup(html.escape(source.removesuffix("\n"), quote=False))


def _safe_link(url: str) -> bool:
    """Whether a description may link to `url`: a web or mail address, or a relative link."""
    return bool(_SAFE_URL.match(re.sub(r"[\x00-\x20\x7f]", "", url)))


def _tidy(state: StateCore) -> None:
    """After parsing: links get `rel="noopener noreferrer"`, an image becomes its alt text (it
    would load from anywhere), a code fence loses its info string (it would become a class)."""
    for token in state.tokens:
        if token.type == "fence":
            token.info = ""
        for child in token.children or ():
            if child.type == "link_open":
                child.attrSet("rel", "noopener noreferrer")
            elif child.type == "image":
                child.type, child.tag, child.attrs, child.children = "text", "", {}, None


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    """CommonMark (markdown-it): its parser takes linear time on any input (Python-Markdown's
    took minutes on 20 KB of `[`), nests at most 20 levels deep, and escapes raw HTML."""
    md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False, "maxNesting": 20})
    md.validateLink = _safe_link  # type: ignore[method-assign]
    md.core.ruler.push("handbook_tidy", _tidy)
    return md


def markdown_block(text: str) -> Markup:
    """A description's Markdown as HTML: formatting kept, raw HTML escaped, unsafe links dropped.

    The result is an HTML block that Markdown passes through untouched, so every
    site generator shows the same thing.
    """
    html = _renderer().render(text).strip()
    return Markup(f'<div class="ph-description">\n{html}\n</div>')


def plain_block(text: str) -> Markup:
    """A description shown as plain text: its paragraphs, every character literal."""
    paragraphs = [p.strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    html = "\n".join(Markup("<p>{}</p>").format(p) for p in paragraphs)
    return Markup(f'<div class="ph-description">\n{html}\n</div>')


#: The characters that start Markdown syntax whose parsing costs the most (links, emphasis,
#: code, escapes, entities); a page renders at most PAGE_MARKUP of them as Markdown.
_MARKS = "[]()*_`\\<!&"
PAGE_MARKUP = 10_000


class Descriptions:
    """Renders the descriptions of one page within a budget of PAGE_MARKUP Markdown marks.

    CommonMark parses in linear time, but with a large constant for some syntax: half a
    megabyte of `[` or of unclosed links took tens of seconds. Once a page's descriptions
    have used up the budget, the rest are shown as plain text (`plain_block`), so no page
    costs more than a few seconds whatever its text.
    """

    def __init__(self) -> None:
        self.left = PAGE_MARKUP

    def __call__(self, text: str) -> Markup:
        marks = sum(text.count(c) for c in _MARKS)
        if marks > self.left:
            self.left = 0
            return plain_block(text)
        self.left -= marks
        return markdown_block(text)


def web_link(address: object) -> Markup:
    """A checked web or mail address (`WebAddress`) as an HTML link: the address is written only
    as an attribute and as escaped text, never as Markdown syntax a page could interpret."""
    url = str(address)
    href = "".join(c if _URL_PLAIN.match(c) else f"&#{ord(c)};" for c in url)
    return Markup(f'<a href="{href}" rel="noopener noreferrer">{inline(url)}</a>')
