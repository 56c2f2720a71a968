"""Fuzz: structurally valid handbooks with hostile text everywhere text is free.

The structure (ids, references, flow) is valid against a small fixed
organization; every name, description, agenda item, why, goal, tag and channel
text is drawn from any Unicode (RTL, combining marks, emoji, CJK; no control
characters) mixed with Markdown, Mermaid and HTML syntax. Whatever the text:

1. the build succeeds (no error, no exception);
2. no markup from the input survives in the pages: every `<` starts a tag of
   the handbook's own markup, every `{` a heading anchor, every link target is
   safe;
3. every Mermaid block parses with the real Mermaid parser (in Chromium).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from process_handbook import characters
from process_handbook.limits import MAX_NAME_LENGTH
from process_handbook.options import BuildOptions
from process_handbook.pipeline import Build, build
from sitekit import MERMAID_JS, own_markup_removed

#: Deterministic (the same examples in every run); explore more with `--hypothesis-seed` and a
#: larger max_examples when the strategies change.
FUZZ = settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)

DEPARTMENTS = ("d1", "d2", "d3")
ROLES = {"r1": "d1", "r2": "d2", "r3": "d3", "r4": "d1"}
PROCESS_IDS = ("p1", "p2")

# --- text -----------------------------------------------------------------------------

#: Pieces of syntax that try to end a label, start a directive, or become markup.
SYNTAX = [
    # Markdown
    "**",
    "__",
    "*",
    "_",
    "`",
    "```",
    "# ",
    "\n# 标题\n",
    "- ",
    "1. ",
    "> ",
    "|",
    "---",
    "\n\n",
    "  \n",
    "[点我](javascript:alert(1))",
    "[x](https://example.invalid/a?b=1&c=2)",
    "![i](https://x.invalid/p.png)",
    "<https://example.invalid>",
    "{: onclick=alert(1) }",
    "{#id}",
    "{.cls}",
    "[^1]",
    "\\",
    "&",
    "~~",
    "==",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "    indented code",
    "<!-- c -->",
    "-->",
    # Mermaid
    "-->",
    "-.->",
    "==>",
    "end",
    "subgraph",
    '%%{init: {"securityLevel": "loose"}}%%',
    "%%",
    "click s0 call alert()",
    'click s0 href "javascript:alert(1)"',
    ":::cls",
    "|",
    '"',
    "#",
    ";",
    "#quot;",
    "#59;",
    "classDef x fill:red",
    "style lane0 fill:red",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "((",
    "))",
    "[[",
    "]]",
    "\n",
    "direction TB",
    "---\nconfig:\n  theme: dark\n---",
    "section",
    "title",
    "dateFormat",
    "2026-01-01",
    # HTML
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    "&lt;b&gt;",
    "&#60;",
    "&amp;",
    "</div>",
    '<div class="ph-card" markdown>',
    '<span class="ph-status">',
    "<b>",
    "'",
    "<",
    ">",
    # Unicode
    "مرحبا",
    "שלום",
    "e\u0301",
    "Z\u0351\u0357\u036a",
    "😀",
    "👩‍👩‍👧",
    "🇨🇳",
    "客服部",
    "受理并登记投诉",
    "\u200d",
    "\u00a0",
    "\u3000",
    "ﬁ",
    "Ａ",
    "\U0001d49c",
]
#: Any character YAML can carry and the handbook accepts: no surrogates, no control or
#: invisible format characters (`loading.characters`).
CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc")).filter(
    lambda c: characters.problem(c) is None
)
text = (
    st.lists(
        st.one_of(st.sampled_from(SYNTAX), st.text(CHARACTERS, min_size=1, max_size=6)),
        min_size=1,
        max_size=6,
    )
    .map("".join)
    .filter(lambda t: 0 < len(t.strip()) <= MAX_NAME_LENGTH)  # names are required, and short
)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def texts(max_size: int = 3) -> st.SearchStrategy[list[str]]:
    return st.lists(text, max_size=max_size)


def record(**fields: Any) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping without the fields drawn as None (an absent optional field)."""
    return st.fixed_dictionaries(fields).map(
        lambda d: {k: v for k, v in d.items() if v is not None}
    )


# --- structure --------------------------------------------------------------------------


def organization() -> st.SearchStrategy[dict[str, Any]]:
    return record(
        departments=st.tuples(
            *(
                record(id=st.just(d), name=text, description=optional(text), contact=optional(text))
                for d in DEPARTMENTS
            )
        ).map(list),
        roles=st.tuples(
            *(
                record(
                    id=st.just(r),
                    name=text,
                    department=st.just(d),
                    description=optional(text),
                    holders=st.lists(
                        record(
                            name=text,
                            mail=optional(st.just("wang.li@example.invalid")),
                            phone=optional(st.just("+86 21 5555 0100 转 12")),
                            chat=optional(st.just("https://example.invalid/chat?u=1&x=2")),
                        ),
                        max_size=2,
                    ),
                )
                for r, d in ROLES.items()
            )
        ).map(list),
        channels=st.tuples(
            record(
                id=st.just("c1"),
                name=text,
                tool=optional(text),
                purpose=optional(text),
                rule=optional(text),
            )
        ).map(list),
        tools=st.tuples(
            record(
                id=st.just("t1"),
                name=text,
                url=st.just("https://example.invalid/t?a=1&b=2"),
                description=optional(text),
            )
        ).map(list),
    )


@st.composite
def steps(draw: st.DrawFn, process_id: str) -> list[dict[str, Any]]:
    """A chain s1 → s2 → ...; decisions branch to the next step and to `end` or any other step
    (a rework loop when it lies behind): every step is reached, every path ends."""
    count = draw(st.integers(1, 6))
    ids = [f"s{i + 1}" for i in range(count)]
    other = next(p for p in PROCESS_IDS if p != process_id)
    result = []
    for i, ident in enumerate(ids):
        lane = draw(st.sampled_from(DEPARTMENTS))
        step: dict[str, Any] = {
            "id": ident,
            "name": draw(text),
            "aliases": draw(texts(2)),
            "lane": lane,
            "owner": draw(st.sampled_from(sorted(ROLES))),
            "support": draw(st.lists(st.sampled_from(DEPARTMENTS), unique=True, max_size=2)),
            "consulted": draw(
                st.lists(st.sampled_from([*ROLES, *DEPARTMENTS]), unique=True, max_size=2)
            ),
            "informed": draw(
                st.lists(st.sampled_from([*ROLES, *DEPARTMENTS]), unique=True, max_size=2)
            ),
            "inputs": draw(st.lists(st.one_of(text, st.just("t1")), max_size=2)),
            "outputs": draw(texts(2)),
        }
        if (description := draw(optional(text))) is not None:
            step["description"] = description
        if i and draw(st.booleans()):
            step["change"] = draw(st.sampled_from(["new", "changed"]))
        kind = draw(st.sampled_from(["task", "task", "decision", "subprocess"]))
        if kind == "subprocess":
            step.update(kind="subprocess", process=other)
        elif kind == "decision":
            first = ids[i + 1] if i + 1 < count else "end"
            second = draw(st.sampled_from([t for t in [*ids, "end"] if t != first]))
            labels = draw(
                st.lists(text, min_size=2, max_size=2, unique_by=lambda t: " ".join(t.split()))
            )
            step.update(
                kind="decision",
                next=[{"to": first, "when": labels[0]}, {"to": second, "when": labels[1]}],
            )
        result.append(step)
    if count > 1 and draw(st.booleans()):  # a step of the previous version only
        result.append(
            {
                "id": "old",
                "name": draw(text),
                "lane": draw(st.sampled_from(DEPARTMENTS)),
                "owner": "r1",
                "change": "removed",
                "next": ids[-1],
            }
        )
    return result


@st.composite
def process(draw: st.DrawFn, process_id: str) -> dict[str, Any]:
    flow = draw(steps(process_id))
    current = [s["id"] for s in flow if s.get("change") != "removed"]
    meeting = record(
        id=st.just("m1"),
        name=text,
        every=st.just("week"),
        day=st.just("wednesday"),
        time=st.just("15:00"),
        chair=st.just("r1"),
        attendees=st.just(["d1", "r2"]),
        channel=st.sampled_from(["c1", "own"]),
        agenda=texts(),
        template=optional(st.just("t1")),
    )
    data = draw(
        record(
            title=text,
            id=st.just(process_id),
            aliases=texts(),
            summary=optional(text),
            owner=st.just("r1"),
            sponsor=optional(st.just("r2")),
            version=optional(text),
            tags=texts(),
            audience=st.just(["everyone", "new-hire"]),
            scope=optional(text),
            team=optional(st.just({"leader": "r1", "members": ["r2", "r3"], "specialist": "r4"})),
            goals=st.lists(
                record(
                    metric=text,
                    baseline=optional(text),
                    target=optional(text),
                    current=optional(text),
                ),
                max_size=2,
            ),
            meetings=st.lists(meeting, max_size=1),
            channels=st.tuples(
                record(
                    id=st.just("own"),
                    name=text,
                    tool=optional(text),
                    purpose=optional(text),
                    rule=optional(text),
                )
            ).map(list),
            templates=st.tuples(
                record(
                    id=st.just("t1"),
                    name=text,
                    file=st.just("templates/form.md"),
                    description=optional(text),
                )
            ).map(list),
            problems=st.lists(
                record(
                    title=text,
                    step=optional(st.sampled_from(current)),
                    impact=optional(st.sampled_from(["high", "low"])),
                    category=optional(text),
                    whys=texts(4),
                    root_cause=optional(text),
                    fix=optional(text),
                    status=st.sampled_from(["open", "fixed"]),
                ),
                max_size=2,
            ),
            plan=st.lists(
                record(
                    phase=text,
                    start=st.just(dt.date(2026, 1, 5)),
                    end=st.just(dt.date(2026, 2, 20)),
                    owner=optional(st.just("r2")),
                    tasks=texts(),
                    outputs=texts(),
                ),
                max_size=2,
            ),
        )
    )
    data["steps"] = flow
    return data


handbooks = st.tuples(organization(), process("p1"), process("p2"))


class _Dumper(yaml.SafeDumper):
    """Writes a value drawn twice (the same object) out twice: the handbook refuses YAML aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def build_handbook(handbook: tuple[dict[str, Any], ...], today: dt.date) -> Build:
    organization_data, *processes = handbook
    with tempfile.TemporaryDirectory(prefix="fuzz-") as scratch:
        root = Path(scratch)
        (root / "templates").mkdir()
        (root / "templates" / "form.md").write_text("# 表单\n", encoding="utf-8")
        for name, data in [("organization", organization_data), *((p["id"], p) for p in processes)]:
            (root / f"{name}.yml").write_text(
                yaml.dump(data, Dumper=_Dumper, allow_unicode=True), encoding="utf-8"
            )
        result = build(root, BuildOptions(today=today))
    errors = [d.format() for d in result.diagnostics if d.is_error]
    assert not errors, errors
    return result


# --- what may be in a page ----------------------------------------------------------------

#: A diagram in a page: a Mermaid fence the theme draws, or a swimlane's source in the raw HTML
#: only the handbook's viewer draws (escaped as the fence would write it).
DIAGRAM = re.compile(
    r'^```mermaid\n(.*?)^```$|^<pre class="ph-mermaid"><code>(.*?)</code></pre>$',
    re.DOTALL | re.MULTILINE,
)
#: A description as `text.markdown_block` writes it (its HTML holds no <div>).
DESCRIPTION = re.compile(r'^<div class="ph-description">\n(.*?)\n</div>$', re.DOTALL | re.MULTILINE)
TAG = re.compile(r'<(/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>')
AUTOLINK = re.compile(r"<https?://[^\s<>\"']+>")
#: The handbook's own tags in a page: attribute lists as the templates, `pages`, `marking` and
#: `improvement` write them (HTML blocks for cards and tables; links are checked separately).
_CLASS = r'class="ph-[a-z-]+( ph-[a-z-]+)*"'
_EXCLUDE = r'( data-search-exclude="true")?'
PAGE_TAGS = {
    "div": (
        f"({_CLASS}"
        + r'( data-(department|checklist)="[a-z0-9_-]+")?'
        + _EXCLUDE
        + "( markdown)?)?"
        + r'|data-search-exclude="true"'
        # A swimlane's box: its layout (generated ids and numbers) and catalogue text only.
        r'|class="ph-swimlane" data-search-exclude="true" data-ph-lanes="[a-z0-9: ]*"'
        r' data-ph-nodes="[a-z0-9: ]*" data-ph-routes="[A-Z0-9.,: ]*(&#124;[A-Z0-9.,: ]*)*"'
        r' data-ph-owner="[^"&]*" data-ph-part="[^"]*" data-ph-view="[^"]*" markdown'
        r'|class="ph-flow-tools" role="toolbar" aria-label="[^"&]*" hidden'
    ),
    "button": (
        r'type="button" class="ph-flow-button" data-ph-do="(in|out|fit|full)"'
        r'( title="[^"&]*" aria-label="[^"&]*"| data-ph-close="[^"&]*")?'
    ),
    "span": (
        _CLASS + r'( data-search-exclude="true"| data-template="[^"]*")?|id="step-[a-z0-9_-]+"'
        r'|data-sort="[0-9]+"'
        r'|class="ph-swatch" aria-hidden="true" style="background:#[0-9a-f]{6}40;border:2px (solid|dashed) #[0-9a-f]{6}"'
    ),
    "progress": r'class="ph-progress" value="[0-9]+" max="100" aria-label="[^"]*"',
    "a": r'(class="ph-contact" )?href="[^"]*"( title="[^"]*")?'
    r'|href="(https?:|mailto:)[^"]*" rel="noopener noreferrer"',  # a tool's address (web_link)
    "dl": _CLASS + _EXCLUDE,
    "ul": f"({_CLASS}{_EXCLUDE})?",
    "ol": _CLASS + r'|start="[0-9]+"',  # the onboarding checklist of a long path continues
    "p": f"({_CLASS})?" + r'|data-search-exclude="true"',
    "dt": r'(data-search-exclude="true")?',
    "thead": r'(data-search-exclude="true")?',  # a table's column names, in every process
    "td": r'(class="ph-(raci|nowrap|n)"|title="[^"]*")?',
    "th": r'(scope="row")?',
    "details": _CLASS + r'( id="why-[0-9]+")? markdown',
    "input": r'type="checkbox" data-item="[a-z0-9_-]+"',
    "tr": r'(id="format-[a-z]+-[a-z_]+")?',  # a field's row on the format reference
    "pre": _CLASS,  # an example's lines and finding on the codes reference
    **dict.fromkeys(
        ("br", "dd", "li", "table", "tbody", "strong", "label", "summary", "code"),
        "",
    ),
}
#: What Python-Markdown makes of a description (raw HTML in it is escaped, images become spans).
DESCRIPTION_TAGS = {
    **dict.fromkeys(
        ("p", "strong", "em", "code", "pre", "ul", "li", "blockquote", "hr", "br", "span"), ""
    ),
    **{f"h{n}": "" for n in range(1, 7)},
    "ol": r'(start="[0-9]+")?',
    "a": r'href="[^"]*"( title="[^"]*")? rel="noopener noreferrer"',
}
LINK_TARGET = re.compile(r"\]\(([^)\s]*)")
SAFE_SCHEME = re.compile(r"(https?|mailto|tel):|[^:]*(?:[/?#]|\Z)", re.IGNORECASE)


def foreign_markup(markdown: str) -> list[str]:
    """Every piece of `markdown` that is not the handbook's own markup (empty when the page is clean)."""
    found: list[str] = []
    page = without_diagrams(markdown)
    for description in DESCRIPTION.findall(page):
        found += _foreign_tags(description, DESCRIPTION_TAGS, autolinks=False)
        found += [
            f"href={h}"
            for h in re.findall(r'href="([^"]*)"', description)
            if not _safe(html.unescape(h))
        ]
    page = DESCRIPTION.sub("", page)
    found += _foreign_tags(page, PAGE_TAGS, autolinks=True)
    found += [
        f"href={h}" for h in re.findall(r'href="([^"]*)"', page) if not _safe(html.unescape(h))
    ]
    for line in page.splitlines():
        anchors = (
            re.sub(r'\{#[a-z0-9_-]+( data-search-exclude="true")?\}$', "", line)
            if line.startswith("#")
            else line
        )
        if "{" in anchors:
            found.append(line)
    found += [f"]({t}" for t in LINK_TARGET.findall(page) if not _safe(t)]
    return found


def _foreign_tags(markup: str, allowed: dict[str, str], *, autolinks: bool) -> list[str]:
    found = []
    for start in (m.start() for m in re.finditer("<", markup)):
        if autolinks and AUTOLINK.match(markup, start):
            continue
        tag = TAG.match(markup, start)
        if tag is None or tag[2] not in allowed:
            found.append(markup[start : start + 40])
        elif tag[3].strip() if tag[1] else not re.fullmatch(allowed[tag[2]], tag[3].strip()):
            found.append(
                tag[0]
            )  # a closing tag with attributes, or an opening one with others than its own
    return found


def _safe(url: str) -> bool:
    return bool(SAFE_SCHEME.match(re.sub(r"[\x00-\x20\x7f]", "", url)))


def mermaid_blocks(markdown: str) -> list[str]:
    """The Mermaid source of every diagram of a page, in page order, each ending in a line break."""
    return [fence or html.unescape(raw) + "\n" for fence, raw in DIAGRAM.findall(markdown)]


def without_diagrams(markdown: str) -> str:
    return DIAGRAM.sub("", markdown)


# --- the tests ------------------------------------------------------------------------


def test_the_checks_catch_foreign_markup() -> None:
    """The page check itself: the handbook's markup passes, anything else is caught."""
    own = (
        '<div class="ph-card" markdown>\n\n- **a**\n\n</div>\n\n## 步骤 {#steps}\n\n'
        '<span class="ph-status ph-status--active">x</span> [a](../roles/r1.md)\n'
        '<div class="ph-description">\n<p><a href="https://x.invalid/" rel="noopener noreferrer">x</a></p>\n</div>\n'
    )
    assert foreign_markup(own) == []
    for bad in [
        "<script>x</script>",
        "<img src=x>",
        '<div class="x">',
        "a < b",
        "## x {: onclick=y}",
        "[x](javascript:alert(1))",
        '<span onclick="x">',
        "<b>",
        '<div class="ph-description">\n<p><a href="javascript:x" rel="noopener noreferrer">x</a></p>\n</div>',
        '<a href="javascript:x">x</a>',
        '<td onclick="x">',
    ]:
        assert foreign_markup(own + bad), bad


@FUZZ
@given(handbook=handbooks)
def test_any_text_builds_and_leaves_no_markup_of_its_own(
    handbook: tuple[dict[str, Any], ...], today: dt.date
) -> None:
    result = build_handbook(handbook, today)
    for page in result.pages:
        assert foreign_markup(page.content) == [], page.path
        for block in mermaid_blocks(page.content):
            assert "<" not in own_markup_removed(block) and "```" not in block, page.path


PARSE = """async (source) => {
  try { await mermaid.parse(source); return null; } catch (error) { return String(error.message || error); }
}"""


@pytest.mark.browser
def test_every_diagram_parses_with_the_real_mermaid(chromium, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    page = chromium.new_page()
    page.set_content("<!doctype html><html><body></body></html>")
    page.add_script_tag(path=str(MERMAID_JS))
    page.evaluate("mermaid.initialize({startOnLoad: false})")
    parsed = []

    @FUZZ
    @given(handbook=handbooks)
    def diagrams_parse(handbook: tuple[dict[str, Any], ...]) -> None:
        for built in build_handbook(handbook, today).pages:
            for block in mermaid_blocks(built.content):
                error = page.evaluate(PARSE, block)
                assert error is None, f"{built.path}: {error}\n{block}"
                parsed.append(block)

    diagrams_parse()
    assert parsed, "no diagram was generated at all"
    page.close()
