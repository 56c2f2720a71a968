"""The format and codes references on the built sample site, in Chromium: readable on a wide screen
and on a phone (wide tables and examples scroll inside the page), small, and searchable as
intended (the codes, not the format's descriptions)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from process_handbook import paths
from process_handbook.validation import rules

pytestmark = [pytest.mark.browser, pytest.mark.site]

PAGES = [paths.page_url(paths.FORMAT_REFERENCE), paths.page_url(paths.CODES_REFERENCE)]
#: What a page may weigh (HTML): the codes page holds an example per code.
LARGEST_PAGE = 300 * 1024


@pytest.mark.parametrize("url", PAGES)
def test_the_reference_pages_stay_small(sample_site: Path, url: str) -> None:
    assert (sample_site / url / "index.html").stat().st_size < LARGEST_PAGE


def test_search_finds_codes_but_not_the_format_reference(sample_site: Path) -> None:
    index = json.loads((sample_site / "search" / "search_index.json").read_text("utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert not any(loc.startswith(PAGES[0]) for loc in locations)
    code_sections = [loc for loc in locations if loc.startswith(PAGES[1] + "#code-")]
    assert len(code_sections) == len(rules())
    texts = " ".join(d["text"] for d in index["docs"] if d["location"].startswith(PAGES[1]))
    assert "受理并登记投诉" not in texts  # the examples' process text stays out of search


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("url", PAGES)
def test_the_reference_pages_fit_the_screen_and_scroll_their_tables(
    chromium, sample_url: str, url: str, width: int
) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("request", lambda r: r.url.startswith(sample_url) or outside.append(r.url))
    page.goto(sample_url + url)
    page.wait_for_selector(".md-typeset__scrollwrap table")
    seen = page.evaluate(
        """() => ({
          page: document.documentElement.scrollWidth,
          window: window.innerWidth,
          tables: [...document.querySelectorAll('.md-typeset__scrollwrap')]
            .map(w => [w.scrollWidth, w.clientWidth, getComputedStyle(w).overflowX]),
          examples: [...document.querySelectorAll('.ph-example pre > code')]
            .map(c => [c.scrollWidth, c.clientWidth, getComputedStyle(c).overflowX]),
        })"""
    )
    context.close()
    assert seen["page"] <= seen["window"], "the page itself scrolls sideways"
    assert seen["tables"] and all(overflow == "auto" for _, _, overflow in seen["tables"])
    if width == 390:  # wider than a phone: the table scrolls inside its box
        assert any(scroll > client for scroll, client, _ in seen["tables"])
    if url == PAGES[1]:
        assert len(seen["examples"]) >= len(rules())
        assert all(overflow == "auto" for _, _, overflow in seen["examples"])
    assert errors == [] and outside == []
