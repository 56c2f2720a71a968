"""A process page on paper: Chromium's own PDF print of the built sample site.

Word sizes and blank pages are read from the PDF with poppler's `pdftotext`, as a
reader would see them: a printed swimlane's step names and owners are at least 7 pt,
every printed part of it shows a step, no page is blank or left with a stray line, the
pages are not shrunk, the department matrix is on landscape pages; printed before the
diagrams are drawn, a page shows its steps, never Mermaid source, and Ctrl+P waits.
"""

from __future__ import annotations

import contextlib
import html
import re
import shutil
import statistics
import subprocess
from pathlib import Path

import pytest

from process_handbook.pipeline import load
from sitekit import ALL_DRAWN, OPEN_SHADOW_ROOTS, REPO

pytestmark = [pytest.mark.browser, pytest.mark.site]

HANDBOOK = load(REPO / "processes").handbook
SAMPLE_IDS = [p.id for p in HANDBOOK.processes]
DEPARTMENTS = {d.id: d.name for d in HANDBOOK.organization.departments}
ROLES = {r.id: r.name for r in HANDBOOK.organization.roles}
#: The widest swimlane of the sample.
WIDE_PROCESS = "processes/new-product-launch/"
#: An A4 sheet at 96 dpi, as Chromium lays a page out for print.
A4 = {"width": 794, "height": 1123}
#: Text that only the navigation shows, never the process page itself.
NAV_ONLY = "部门职责总览"

SWIMLANE_SIZE = (
    "() => { const svg = document.querySelector('.ph-swimlane .ph-flow-view svg');"
    " return svg.getBoundingClientRect().width; }"
)


@pytest.fixture
def page(chromium, sample_url: str):  # type: ignore[no-untyped-def]
    with open_page(chromium, sample_url, WIDE_PROCESS) as tab:
        yield tab


@contextlib.contextmanager
def open_page(chromium, base: str, path: str, **context_options: object):  # type: ignore[no-untyped-def]
    """A page with its diagrams drawn (Material's shadow roots opened); records requests leaving the site."""
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, **context_options)
    try:
        context.add_init_script(OPEN_SHADOW_ROOTS)
        tab = context.new_page()
        tab.outside = []
        tab.on(
            "request",
            lambda r: r.url.startswith((base, "data:", "blob:")) or tab.outside.append(r.url),
        )
        tab.goto(base + path)
        tab.wait_for_function(
            ALL_DRAWN,
            timeout=30_000,
        )
        yield tab
    finally:
        context.close()


def settle(tab) -> None:  # type: ignore[no-untyped-def]
    """Let the browser apply a media change (its listeners run with the next rendering update)."""
    tab.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )


def pdf_pages(pdf: bytes, tmp_path: Path) -> list[dict[str, object]]:
    """Each page of a PDF: its size in points and its words with their heights (`pdftotext -bbox`)."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read the printed page")
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for body in re.findall(r"<page (.*?)</page>", out, re.DOTALL):
        width, height = (float(v) for v in re.findall(r'(?:width|height)="([\d.]+)"', body)[:2])
        boxes = re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            body,
        )
        words = [(html.unescape(w[4]), float(w[3]) - float(w[1])) for w in boxes]
        widths = [(html.unescape(w[4]), float(w[2]) - float(w[0])) for w in boxes]
        text = " ".join(word for word, _ in words)
        pages.append(
            {"width": width, "height": height, "words": words, "widths": widths, "text": text}
        )
    return pages


#: Where each printed part of each swimlane is, on what paper, and how many steps it shows.
PRINTED_PARTS = """() => [...document.querySelectorAll('.ph-flow-print')].flatMap(print => {
  const portrait = print.closest('.ph-landscape').classList.contains('ph-print-portrait');
  return [...print.querySelectorAll('svg')].map(svg => {
    const [x, y, w, h] = svg.getAttribute('viewBox').split(' ').map(Number);
    const steps = [...svg.querySelectorAll('a[data-node]')].filter(node => {
      const [cx, cy] = node.getAttribute('transform').match(/[-\\d.]+/g).map(Number);
      return cx >= x && cx <= x + w && cy >= y && cy <= y + h;
    });
    return {portrait, steps: steps.length, width: Number(svg.getAttribute('width')),
            height: Number(svg.getAttribute('height')), lanes: svg.querySelectorAll('.ph-lane-name text').length};
  });
})"""
#: CSS px inside the 12 mm margins of an A4 page (handbook.css): the long and the short side.
PAGE_LONG, PAGE_SHORT = 1031, 703
#: Material prints page text at 0.68rem (13.6 px, 10.2 pt); a CJK character is 1 em wide.
PRINTED_TEXT_PT = 10.2
#: What only Mermaid source says, never a drawn diagram or the page's text.
MERMAID_SOURCE = ("flowchart", "swimlane-beta", "classDef", "#65306;", "linkStyle")


def swimlane_words(pages: list[dict[str, object]]) -> list[tuple[str, float]]:
    """The words (and their heights) from the swimlane's heading to the responsibility table's."""
    start = next(i for i, p in enumerate(pages) if str(p["text"]).startswith("泳道图"))
    words: list[tuple[str, float]] = []
    for page in pages[start:]:
        for text, height in page["words"]:  # type: ignore[attr-defined]
            if text == "职责分工表":
                return words
            words.append((text, height))
    return words


@pytest.mark.parametrize("process_id", SAMPLE_IDS)
def test_a_printed_process_page_has_a_legible_swimlane_and_no_blank_page(  # type: ignore[no-untyped-def]
    chromium, sample_url: str, tmp_path: Path, process_id: str
) -> None:
    process = HANDBOOK.process_by_id[process_id]
    with open_page(chromium, sample_url, f"processes/{process_id}/") as tab:
        pdf = tab.pdf(format="A4", prefer_css_page_size=True, print_background=True)
        parts = tab.evaluate(PRINTED_PARTS)
        assert tab.outside == []
    pages = pdf_pages(pdf, tmp_path)
    # No page is blank, nor holds only a heading or a stray line.
    for number, page in enumerate(pages, 1):
        assert len(re.sub(r"\s", "", str(page["text"]))) >= 20, (number, page["text"])
    # Every printed part shows at least one step, with the lane names, within its page.
    assert parts
    for part in parts:
        width, height = (PAGE_SHORT, PAGE_LONG) if part["portrait"] else (PAGE_LONG, PAGE_SHORT)
        assert part["steps"] >= 1 and part["lanes"] >= 1, part
        assert part["width"] <= width and part["height"] <= height, part
    for number, page in enumerate(pages, 1):
        if "部分）" in str(page["text"]):  # a part's caption: its page shows a step's name
            text = re.sub(r"\s", "", str(page["text"]))
            assert any(re.sub(r"\s", "", s.name)[:4] in text for s in process.steps), number
    # Every step's name and owner is printed with the diagram, in words of at least 7 pt.
    words = swimlane_words(pages)
    printed = "".join(text for text, _ in words)
    labels = set()
    for step in process.current_steps:
        name, owner = (re.sub(r"\s", "", text) for text in (step.name, ROLES[step.owner]))
        assert name[:4] in printed and owner[:4] in printed, step.name  # lines may wrap
        labels |= {name, owner}
    heights = [h for text, h in words if len(text) >= 2 and any(text in label for label in labels)]
    assert heights and min(heights) >= 7, min(heights)
    # Nothing wider than the paper made Chromium shrink the pages: most text at its print size.
    long_words = [
        (t, w)
        for p in pages
        for t, w in p["widths"]
        if len(t) >= 12 and re.fullmatch(r"[\u4e00-\u9fff，、。：；]+", t)  # type: ignore[attr-defined]
    ]
    assert (
        long_words
        and statistics.median(w / len(t) for t, w in long_words) >= 0.97 * PRINTED_TEXT_PT
    )


def test_printed_before_the_swimlanes_are_drawn_the_steps_print_never_the_source(  # type: ignore[no-untyped-def]
    chromium, sample_url: str, tmp_path: Path
) -> None:
    """Printing from the browser's menu cannot wait: without a drawing (here, no Mermaid at
    all), the swimlane prints as its list of steps with departments and owners."""
    process = HANDBOOK.process_by_id["new-product-launch"]
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    try:
        tab = context.new_page()
        tab.route("**/mermaid.min.js", lambda route: route.abort())
        tab.goto(sample_url + WIDE_PROCESS)
        assert tab.evaluate("() => document.querySelector('.ph-swimlane').dataset.phDrawn") is None
        pages = pdf_pages(tab.pdf(format="A4", prefer_css_page_size=True), tmp_path)
    finally:
        context.close()
    text = " ".join(str(p["text"]) for p in pages)
    assert not [s for s in MERMAID_SOURCE if s in text]
    listed = "".join(re.sub(r"\s", "", text) for text, _ in swimlane_words(pages))
    for step in process.current_steps:
        assert re.sub(r"\s", "", step.name) + DEPARTMENTS[step.lane] + ROLES[step.owner] in listed


def test_ctrl_p_on_a_freshly_opened_page_prints_once_everything_is_drawn(
    chromium, sample_url: str
) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    try:
        # The print dialog itself is the browser's; record what the page looks like when it opens.
        context.add_init_script(
            "window.__printed = []; window.print = () => window.__printed.push({"
            " drawn: [...document.querySelectorAll('.ph-swimlane')].map(b => b.dataset.phDrawn),"
            " source: document.querySelectorAll('pre.mermaid, .ph-mermaid').length});"
        )
        tab = context.new_page()
        tab.goto(sample_url + WIDE_PROCESS, wait_until="domcontentloaded")
        tab.keyboard.press("Control+p")
        tab.wait_for_function("() => window.__printed.length > 0", timeout=60_000)
        [printed] = tab.evaluate("window.__printed")
    finally:
        context.close()
    assert printed["drawn"] == ["done", "done"] and printed["source"] == 0, printed


def test_headings_stay_with_what_follows(chromium, sample_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A heading is never the last thing on a page: its diagram or text comes with it."""
    with open_page(chromium, sample_url, "processes/complaint-handling/") as tab:
        headings = tab.eval_on_selector_all(
            "article h2, article h3, article h4",
            "hs => hs.map(h => h.textContent.replace(/[¶\\s]/g, ''))",
        )
        pdf = tab.pdf(format="A4", print_background=True)
    pages = pdf_pages(pdf, tmp_path)
    for page in pages[:-1]:
        last = "".join(text for text, _ in page["words"][-3:])
        assert not any(h and last.endswith(h) for h in headings), last


def test_department_matrix_prints_landscape(chromium, sample_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with open_page(chromium, sample_url, "responsibility/") as tab:
        pdf = tab.pdf(format="A4", print_background=True)
    pages = pdf_pages(pdf, tmp_path)
    # the matrix's cells: steps led (主), supported (配) and owned (责) as counts
    matrix = [p for p in pages if any(re.fullmatch(r"[主配责]\d+", t) for t, _ in p["words"])]
    assert matrix and all(p["width"] > p["height"] for p in matrix)
    assert all(page["words"] for page in pages)


def test_in_print_there_is_no_navigation_and_the_swimlane_is_in_parts_on_the_page(page) -> None:  # type: ignore[no-untyped-def]
    assert NAV_ONLY in page.inner_text("body")
    on_screen = page.evaluate(SWIMLANE_SIZE)
    page.set_viewport_size(A4)
    page.emulate_media(media="print")
    settle(page)
    page.evaluate("window.PhSwimlanes.prepareForPrint()")  # what the print event does
    for selector in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".md-search",
        ".ph-flow-tools",
        ".ph-flow-view",
    ):
        shown = page.eval_on_selector_all(
            selector, "els => els.map(e => getComputedStyle(e).display)"
        )
        assert set(shown) <= {"none"}, selector
    assert NAV_ONLY not in page.inner_text("body")
    parts = page.eval_on_selector_all(
        ".ph-flow-print svg",
        "ss => ss.map(s => ({width: s.getBoundingClientRect().width, lanes: s.querySelectorAll('.ph-lane-name text').length}))",
    )
    assert len(parts) >= 2  # the wide flow is printed in parts ...
    assert all(p["lanes"] >= 1 for p in parts)  # ... each with the lane names
    assert all(p["width"] <= 1040 for p in parts)  # ... each within a landscape page
    page.emulate_media(media="screen")
    settle(page)
    assert page.evaluate(SWIMLANE_SIZE) == pytest.approx(on_screen, abs=1)
    assert page.outside == []


def test_a_dark_palette_prints_light_and_comes_back(chromium, sample_url: str) -> None:  # type: ignore[no-untyped-def]
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    with open_page(chromium, sample_url, WIDE_PROCESS, color_scheme="dark") as page:
        assert page.evaluate(scheme) == "slate"
        page.emulate_media(media="print")
        settle(page)
        assert page.evaluate(scheme) == "default", (
            "paper is white: dark-palette text would print faint"
        )
        page.emulate_media(media="screen")
        settle(page)
        assert page.evaluate(scheme) == "slate"
