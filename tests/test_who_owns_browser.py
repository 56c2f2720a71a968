""" "Who owns this?" in real headless Chromium: search, the finder, page order, wide tables, checklists.

Each test does what an employee would: types into the search box or the finder,
presses keys, scrolls a table, ticks a box and reloads.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from process_handbook.pipeline import load
from sitekit import OPEN_SHADOW_ROOTS, REPO, build_site, serve, write_project
from test_browser import Visit

pytestmark = [pytest.mark.browser, pytest.mark.site]

SAMPLE = load(REPO / "processes").handbook
ENGLISH = REPO / "tests" / "handbooks" / "english"

#: What Material's search shows: each result with the sections a reader sees at once (those
#: folded under "more results on this page" left out), the text of each, and its score.
RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].map(item =>
  [...item.querySelectorAll('a.md-search-result__link')]
    .filter(a => !a.closest('details.md-search-result__more'))
    .map(a => ({href: a.getAttribute('href'), score: Number(a.querySelector('article').dataset.mdScore),
                title: a.querySelector('h1, h2').textContent.replace(/\\u200b/g, ''),
                text: a.querySelector('article').textContent.replace(/\\u200b/g, '')})))"""


@pytest.fixture
def visit(chromium, sample_url: str) -> Iterator[Visit]:  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(OPEN_SHADOW_ROOTS)
    visit = Visit(context, sample_url)
    yield visit
    visit.assert_clean()
    context.close()


@pytest.fixture(scope="module")
def english_url(chromium, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("english")
    config = write_project(root, ENGLISH, language="en", plugin={"today": "2026-11-23"})
    result = build_site(config, root / "site")
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield url


def search(visit: Visit, query: str) -> list[list[dict]]:
    visit.open("")
    visit.page.locator("label.md-search__icon, .md-search__input").first.click()
    field = visit.page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")  # Material's search listens to key events
    visit.page.wait_for_selector(".md-search-result__item", timeout=30_000)
    return visit.page.evaluate(RESULTS)


def assert_precise(results: list[list[dict]], query: str) -> dict:
    """Every section found holds the query; the first result is a step, with its owner."""
    found = shown(results)
    assert found, query
    for doc in found:
        assert query.lower() in (doc["title"] + doc["text"]).lower(), (query, doc)
        assert "Missing" not in doc["text"] and "缺少" not in doc["text"], doc
    first = shown(results[:1])[0]
    assert "#step-" in first["href"], first
    return first


def shown(results: list[list[dict]]) -> list[dict]:
    """The results a reader sees with their text: a page's title above its sections is a heading."""
    return [
        doc for item in results for doc in item if doc["score"] > 0 and doc["text"] != doc["title"]
    ]


@pytest.mark.parametrize("query", ["会计", "审核", "登记"])
def test_chinese_search_finds_the_word_and_the_step_first(visit: Visit, query: str) -> None:
    # 会 also starts 会议 and 分析会, 审 starts 审批, 登 starts 登录: none of them may match
    first = assert_precise(search(visit, query), query)
    process_id = first["href"].split("processes/", 1)[1].split("/", 1)[0]
    step_id = first["href"].split("#step-", 1)[1]
    process = SAMPLE.process_by_id[process_id]
    step = next(s for s in process.current_steps if s.id == step_id)
    owner = SAMPLE.roles[step.owner]
    assert first["title"] == step.name
    assert "第一责任人" in first["text"] and owner.name in first["text"]
    for holder in owner.holders:
        assert holder.name in first["text"]  # who that is, in the result itself
    assert SAMPLE.departments[step.lane].name in first["text"]


def test_a_two_word_chinese_query_needs_both_words(visit: Visit) -> None:
    results = search(visit, "费用报销")
    docs = shown(results)
    assert docs and all("费用报销" in d["title"] + d["text"] for d in docs), docs


def test_a_person_is_found_by_name_with_the_steps_they_own(visit: Visit) -> None:
    results = search(visit, "王经理")
    docs = shown(results)
    assert docs and all("王经理" in d["title"] + d["text"] for d in docs)
    assert any("/roles/finance-manager/" in d["href"] for d in docs)
    assert any("#step-" in d["href"] for d in docs)


def test_a_process_result_shows_its_summary_not_its_facts(visit: Visit) -> None:
    results = search(visit, "报账")  # an alias of the expense process
    article = results[0][0]
    assert "/processes/expense-reimbursement/" in article["href"]
    assert "报账" in article["text"] and "版本" not in article["text"]
    assert "状态" not in article["text"] and "上次复审" not in article["text"]


def test_english_search_finds_the_word_and_the_step_first(chromium, english_url: str) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    visit = Visit(context, english_url)
    try:
        for query in ("invoice", "receipt"):
            first = assert_precise(search(visit, query), query)
            assert first["href"].endswith("#step-check"), first
            assert "Accountant" in first["text"] and "Li Na" in first["text"]
        visit.assert_clean()
    finally:
        context.close()


# --- the finder ----------------------------------------------------------------------------

ROWS = """() => [...document.querySelectorAll('.ph-finder__row')].map(r => ({
  step: r.querySelector('.ph-finder__step').textContent, href: r.querySelector('.ph-finder__step').href,
  owner: r.querySelector('.ph-finder__owner').textContent, lead: r.querySelector('.ph-finder__lead').textContent,
  contacts: [...r.querySelectorAll('.ph-contact')].map(a => a.getAttribute('href')),
  active: r.classList.contains('ph-finder__row--active')}))"""


def test_the_finder_lists_the_step_its_owner_and_how_to_reach_them(visit: Visit) -> None:
    visit.open("")
    field = visit.page.locator(".ph-finder input")
    field.click()
    field.press_sequentially("付款到", delay=50)  # updates as you type
    visit.page.wait_for_selector(".ph-finder__row")
    rows = visit.page.evaluate(ROWS)
    assert rows[0]["step"] == "付款到员工工资卡"
    assert "财务经理" in rows[0]["owner"] and "王经理" in rows[0]["owner"]
    assert "tel:8101" in rows[0]["contacts"]
    assert "mailto:wang.finance@example.invalid" in rows[0]["contacts"]
    assert "财务部" in rows[0]["lead"]
    assert all("付款到" in r["step"] for r in rows)
    field.press("ArrowDown")
    assert visit.page.evaluate(ROWS)[0]["active"]
    field.press("Enter")
    visit.page.wait_for_url("**/processes/expense-reimbursement/#step-pay")
    assert visit.page.locator("#step-pay").is_visible()


def test_the_finder_matches_chinese_precisely_and_finds_aliases(visit: Visit) -> None:
    visit.open("")
    field = visit.page.locator(".ph-finder input")
    field.fill("报销")
    visit.page.wait_for_selector(".ph-finder__row")
    rows = visit.page.evaluate(ROWS)
    assert rows[0]["step"] == "提交报销单"  # the step's own name first
    assert all("/processes/expense-reimbursement/" in r["href"] for r in rows)  # never 报价, 报修
    field.fill("贴发票")  # an alias of that step
    visit.page.wait_for_function(
        "() => document.querySelector('.ph-finder__step')?.textContent === '提交报销单'"
    )
    field.fill("报销 会计")  # every word must be found
    visit.page.wait_for_function(
        "() => document.querySelectorAll('.ph-finder__row').length > 0 &&"
        " [...document.querySelectorAll('.ph-finder__row')].every(r => r.textContent.includes('会计'))"
    )
    field.fill("不存在的事项")
    visit.page.wait_for_function(
        "() => !document.querySelector('.ph-finder__row') &&"
        " document.querySelector('.ph-finder__status').textContent.includes('不存在的事项')"
    )


def test_a_department_page_finder_keeps_to_its_steps(visit: Visit) -> None:
    visit.open("departments/legal/")
    visit.page.wait_for_selector(".ph-finder__row")  # before typing: the department's steps
    rows = visit.page.evaluate(ROWS)
    legal = [
        s.name
        for p in SAMPLE.processes
        if p.status != "retired"
        for s in p.current_steps
        if s.lane == "legal" or "legal" in s.support
    ]
    assert sorted(r["step"] for r in rows) == sorted(legal)


# --- the page itself -----------------------------------------------------------------------


def test_the_responsibility_table_comes_before_the_first_step(visit: Visit) -> None:
    for process in ("new-product-launch", "purchase-request"):
        visit.open(f"processes/{process}/")
        table, step = visit.page.evaluate(
            "() => [document.querySelector('#responsibility + .ph-table table'),"
            " document.querySelector('.ph-step')].map(e => e.getBoundingClientRect().top + scrollY)"
        )
        assert table < step, process


STICKY = """selector => {
  const wrap = document.querySelector(selector).closest('.md-typeset__scrollwrap');
  wrap.scrollLeft = wrap.scrollWidth;
  wrap.scrollTop = wrap.scrollHeight;
  const cellTop = wrap.querySelector('tbody tr:last-child').getBoundingClientRect().top;
  window.scrollTo(0, scrollY + cellTop - innerHeight / 2);  // the last row in the middle of the screen
  const box = wrap.getBoundingClientRect();
  const cell = wrap.querySelector('tbody tr:last-child > :first-child');
  const head = wrap.querySelector('thead th:last-child');
  const r = cell.getBoundingClientRect();
  const at = document.elementFromPoint(r.left + 5, r.top + r.height / 2);
  return {scrolled: wrap.scrollLeft > 0, wider: wrap.scrollWidth > wrap.clientWidth,
          left: r.left - box.left, shown: cell.contains(at),
          headTop: head.getBoundingClientRect().top - box.top};
}"""


@pytest.mark.parametrize(
    ("path", "selector", "width"),
    [
        ("responsibility/", ".ph-counts table", 390),
        ("processes/new-product-launch/", "#raci + .ph-matrix table", 390),
        ("processes/new-product-launch/", "#raci + .ph-matrix table", 1400),
    ],
)
def test_a_wide_table_scrolled_to_its_end_still_shows_its_first_column(
    chromium, sample_url: str, path: str, selector: str, width: int
) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": width, "height": 844})
    visit = Visit(context, sample_url)
    try:
        visit.open(path)
        visit.page.wait_for_selector(".md-typeset__scrollwrap " + selector.split(" ")[-1])
        state = visit.page.evaluate(STICKY, selector)
        assert state["wider"] and state["scrolled"], state
        assert abs(state["left"]) <= 2 and state["shown"], state  # the row's label, still there
        assert state["headTop"] >= -2, state  # the header row too
        visit.assert_clean()
    finally:
        context.close()


def test_a_ticked_onboarding_item_is_still_ticked_after_reload(visit: Visit) -> None:
    visit.open("onboarding/")
    lists = visit.page.locator(".ph-checklist")
    process_ids = lists.evaluate_all("ls => ls.map(l => l.dataset.checklist)")
    expected = [p.id for p in SAMPLE.processes if "new-hire" in p.audience] + [
        p.id
        for p in SAMPLE.processes
        if "everyone" in p.audience and "new-hire" not in p.audience and p.status != "retired"
    ]
    assert process_ids == expected  # every process for new hires, then for everyone
    first = lists.first.locator("input[type=checkbox]")
    total = first.count()
    assert first.nth(1).is_enabled()
    first.nth(1).check()
    progress = lists.first.locator(".ph-checklist-progress")
    assert progress.inner_text() == f"已完成 1/{total}"
    visit.page.reload()
    visit.page.wait_for_load_state("networkidle")
    assert visit.page.locator(".ph-checklist").first.locator("input").nth(1).is_checked()
    assert not visit.page.locator(".ph-checklist").first.locator("input").nth(0).is_checked()
    assert visit.page.locator(".ph-checklist-progress").first.inner_text() == f"已完成 1/{total}"
    visit.page.locator(".ph-checklist").first.locator("input").nth(1).uncheck()
    visit.page.reload()
    visit.page.wait_for_load_state("networkidle")
    assert not visit.page.locator(".ph-checklist").first.locator("input").nth(1).is_checked()


def test_the_scripts_work_offline_and_leave_no_inline_code(visit: Visit) -> None:
    visit.open("")
    visit.page.wait_for_selector(".ph-finder input")
    inline = visit.page.evaluate(
        "() => [...document.querySelectorAll('script')].filter(s => !s.src && s.type !== 'application/json'"
        " && s.id !== '__config').map(s => s.textContent.slice(0, 60))"
    )
    ours = [s for s in inline if "processHandbook" in s or "ph-finder" in s]
    assert ours == []
    # Visit.assert_clean (on teardown) checks that nothing was requested outside the site
