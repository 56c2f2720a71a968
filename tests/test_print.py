"""A process page on paper: Chromium's own PDF print of the built sample site.

Word sizes and blank pages are read from the PDF with poppler's `pdftotext`, as a
reader would see them: a printed swimlane's step names are at least 7 pt, no page is
empty, and the swimlane and the department matrix are on landscape pages.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from process_handbook.pipeline import load
from sitekit import OPEN_SHADOW_ROOTS, REPO

pytestmark = [pytest.mark.browser, pytest.mark.site]

HANDBOOK = load(REPO / "processes").handbook
#: The widest swimlane of the sample.
WIDE_PROCESS = "processes/new-product-launch/"
#: An A4 sheet at 96 dpi, as Chromium lays a page out for print.
A4 = {"width": 794, "height": 1123}
#: Text that only the navigation shows, never the process page itself.
NAV_ONLY = "部门职责总览"
#: Points of an A4 sheet's long side; a landscape page is this wide.
A4_LONG = 842

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
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, **context_options)
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
            "() => [...document.querySelectorAll('.ph-swimlane')].every(b => b.dataset.phDrawn === 'done')",
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
        words = [
            (w[4], float(w[3]) - float(w[1]))
            for w in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                body,
            )
        ]
        pages.append({"width": width, "height": height, "words": words})
    return pages


@pytest.mark.parametrize(
    "process_id", ["complaint-handling", "new-product-launch", "purchase-request"]
)
def test_printed_swimlane_is_legible_on_landscape_pages_and_no_page_is_blank(  # type: ignore[no-untyped-def]
    chromium, sample_url: str, tmp_path: Path, process_id: str
) -> None:
    process = HANDBOOK.process_by_id[process_id]
    with open_page(chromium, sample_url, f"processes/{process_id}/") as tab:
        pdf = tab.pdf(format="A4", print_background=True)
        assert tab.outside == []
    pages = pdf_pages(pdf, tmp_path)
    assert all(page["words"] for page in pages), "no blank page"
    landscape = [p for p in pages if p["width"] > p["height"]]
    assert landscape and all(p["width"] > A4_LONG - 1 for p in landscape)
    # Every step name is printed on a landscape page (the swimlane), in words of at least 7 pt.
    words = [(text, height) for p in landscape for text, height in p["words"]]
    printed = "".join(text for text, _ in words)
    for step in process.current_steps:
        assert re.sub(r"\s", "", step.name)[:4] in printed, step.name
    names = {re.sub(r"\s", "", s.name) for s in process.current_steps}
    heights = [h for text, h in words if len(text) >= 3 and any(text in name for name in names)]
    assert heights and min(heights) >= 7, min(heights)


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
