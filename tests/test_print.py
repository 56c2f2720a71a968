"""A process page on paper: Chromium's own PDF print of the built sample site."""

from __future__ import annotations

import contextlib

import pytest

from sitekit import OPEN_SHADOW_ROOTS

pytestmark = [pytest.mark.browser, pytest.mark.site]

#: The widest swimlane of the sample (about 3,700 px at natural size).
WIDE_PROCESS = "processes/new-product-launch/"
#: An A4 sheet at 96 dpi, as Chromium lays a page out for print.
A4 = {"width": 794, "height": 1123}
#: Text that only the navigation shows, never the process page itself.
NAV_ONLY = "部门职责总览"

SWIMLANE_BOX = """() => {
  const host = document.querySelector('.ph-swimlane div.mermaid');
  const svg = host.shadowRoot.querySelector('svg').getBoundingClientRect();
  const page = document.querySelector('.md-content .md-typeset').getBoundingClientRect();
  return {left: svg.left, right: svg.right, width: svg.width, pageLeft: page.left, pageRight: page.right};
}"""


@pytest.fixture
def page(chromium, sample_url: str):  # type: ignore[no-untyped-def]
    with open_page(chromium, sample_url) as tab:
        yield tab


@contextlib.contextmanager
def open_page(chromium, base: str, **context_options: object):  # type: ignore[no-untyped-def]
    """The wide process page with Mermaid's shadow roots opened; records requests leaving the site."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, **context_options)
    try:
        context.add_init_script(OPEN_SHADOW_ROOTS)
        tab = context.new_page()
        tab.outside = []
        tab.on(
            "request",
            lambda r: r.url.startswith((base, "data:", "blob:")) or tab.outside.append(r.url),
        )
        tab.goto(base + WIDE_PROCESS)
        tab.wait_for_load_state("networkidle")
        tab.wait_for_function(
            "() => { const h = document.querySelector('.ph-swimlane div.mermaid');"
            " return h && h.shadowRoot && h.shadowRoot.querySelector('svg'); }",
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


def test_chromium_prints_the_page_as_a_pdf_with_the_swimlane_fitted(page) -> None:  # type: ignore[no-untyped-def]
    # Listen after the page's own script, so this sees the print layout the PDF is made from.
    page.evaluate(
        "() => { window.printed = []; matchMedia('print').addEventListener('change', () => {"
        f" if (matchMedia('print').matches) window.printed.push(({SWIMLANE_BOX})()); }}); }}"
    )
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 50_000
    printed = page.evaluate("window.printed")
    assert printed, "Chromium laid the page out for print"
    box = printed[-1]
    assert box["pageLeft"] - 1 <= box["left"] and box["right"] <= box["pageRight"] + 1, box
    # Back on screen the swimlane has its natural size again (it scrolls there).
    assert page.evaluate(SWIMLANE_BOX)["width"] > 2000
    assert page.outside == []


def test_in_print_there_is_no_navigation_and_everything_fits_the_paper(page) -> None:  # type: ignore[no-untyped-def]
    assert NAV_ONLY in page.inner_text("body")
    page.set_viewport_size(A4)
    page.emulate_media(media="print")
    settle(page)
    for selector in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".md-search",
    ):
        shown = page.eval_on_selector_all(
            selector, "els => els.map(e => getComputedStyle(e).display)"
        )
        assert set(shown) <= {"none"}, selector
    assert NAV_ONLY not in page.inner_text("body")
    box = page.evaluate(SWIMLANE_BOX)
    assert box["pageLeft"] - 1 <= box["left"] and box["right"] <= box["pageRight"] + 1, box
    assert box["width"] > 0.9 * (box["pageRight"] - box["pageLeft"]), (
        "scaled to the page, not shrunk to a stamp"
    )
    tables = page.eval_on_selector_all(
        ".md-typeset table", "ts => ts.map(t => t.getBoundingClientRect().right)"
    )
    right = page.evaluate(
        "document.querySelector('.md-content .md-typeset').getBoundingClientRect().right"
    )
    assert tables and max(tables) <= right + 1, (
        "the RACI matrix and the other tables are not cut off"
    )
    assert page.outside == []


def test_a_dark_palette_prints_light_and_comes_back(chromium, sample_url: str) -> None:  # type: ignore[no-untyped-def]
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    with open_page(chromium, sample_url, color_scheme="dark") as page:
        assert page.evaluate(scheme) == "slate"
        page.emulate_media(media="print")
        settle(page)
        assert page.evaluate(scheme) == "default", (
            "paper is white: dark-palette text would print faint"
        )
        page.emulate_media(media="screen")
        settle(page)
        assert page.evaluate(scheme) == "slate"
