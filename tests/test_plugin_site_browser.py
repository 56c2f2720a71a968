"""The handbook under a prefix folder (`prefix: handbook/`) in Chromium: the finder on the site's
own home page and on the handbook's at handbook/, Material's search and the swimlane all reach the handbook's files under handbook/,
and nothing leaves the site."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from mkdocs.commands.build import build

import test_who_owns_browser
from sitekit import free_port, serve
from test_browser import Visit
from test_plugin_site import site_config
from test_who_owns_browser import search, shown

pytestmark = [pytest.mark.browser, pytest.mark.site]

#: The browser page of the Chinese search tests, on the site `sample_url` below.
visit = test_who_owns_browser.visit


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample handbook under handbook/ in a site of its own (whose home page holds the
    finder), served: `visit` opens it in place of the sample site."""
    root = tmp_path_factory.mktemp("prefixed")
    config = site_config(root, prefix="handbook/")
    (root / "docs" / "index.md").write_text(
        '# Intranet\n\n<div class="ph-finder"></div>\n', encoding="utf-8"
    )
    port = free_port()
    config.site_url = f"http://127.0.0.1:{port}/"
    build(config)
    with serve(root / "site", port) as url:
        yield url


@pytest.mark.parametrize("home", ["", "handbook/"], ids=["site-home", "handbook-home"])
def test_the_finder_on_a_home_page_opens_the_step_under_the_prefix(visit: Visit, home: str) -> None:
    """On the site's own home page, and on the handbook's (the site has none at handbook/)."""
    visit.open(home)
    field = visit.page.locator(".ph-finder input")
    field.click()
    field.press_sequentially("付款到", delay=50)
    visit.page.wait_for_selector(".ph-finder__row")
    field.press("ArrowDown")
    field.press("Enter")
    visit.page.wait_for_url("**/handbook/processes/expense-reimbursement/#step-pay")
    visit.page.locator("#step-pay").wait_for(state="visible", timeout=10_000)


def test_search_finds_the_handbooks_pages_under_the_prefix(visit: Visit) -> None:
    docs = shown(search(visit, "报账"))  # an alias of the expense process
    assert docs and "handbook/processes/expense-reimbursement/" in docs[0]["href"], docs


def test_the_swimlane_draws_from_the_files_under_the_prefix(visit: Visit) -> None:
    visit.open("handbook/processes/expense-reimbursement/")
    visit.wait_for_diagrams()
    lanes = visit.page.evaluate(
        "document.querySelectorAll('.ph-swimlane .ph-flow-view svg g.swimlane').length"
    )
    assert lanes > 0
