"""The built sample site in real headless Chromium: swimlanes, links, search, downloads, offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from process_handbook.pipeline import load
from sitekit import OPEN_SHADOW_ROOTS, RECORD_CSP_VIOLATIONS, REPO, serve

pytestmark = [pytest.mark.browser, pytest.mark.site]

HANDBOOK = load(REPO / "processes").handbook
DEPARTMENTS = {d.id: d.name for d in HANDBOOK.organization.departments}


class Visit:
    """One browser page that records what a user would not want: errors and requests leaving the site."""

    def __init__(self, context, base: str) -> None:  # type: ignore[no-untyped-def]
        self.base = base
        self.page = context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self._request)
        self.page.on("dialog", self._dialog)

    def _request(self, request) -> None:  # type: ignore[no-untyped-def]
        if not request.url.startswith(self.base) and not request.url.startswith(("data:", "blob:")):
            self.outside.append(request.url)

    def _dialog(self, dialog) -> None:  # type: ignore[no-untyped-def]
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")

    def wait_for_diagrams(self, count: int = 1) -> None:
        self.page.wait_for_function(
            "n => [...document.querySelectorAll('div.mermaid')]"
            ".filter(d => d.shadowRoot && d.shadowRoot.querySelector('svg')).length >= n",
            arg=count,
            timeout=30_000,
        )

    def violations(self) -> list[str]:
        """The Content-Security-Policy violations of the page (and its instant navigations)."""
        return list(self.page.evaluate("window.__csp || []"))

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.outside == [], self.outside
        assert self.dialogs == [], self.dialogs
        assert self.violations() == []


@pytest.fixture(params=["light", "dark"])
def visit(request, chromium, sample_url: str) -> Iterator[Visit]:  # type: ignore[no-untyped-def]
    context = chromium.new_context(
        color_scheme=request.param, viewport={"width": 1400, "height": 1000}
    )
    context.add_init_script(OPEN_SHADOW_ROOTS)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    visit = Visit(context, sample_url)
    yield visit
    visit.assert_clean()
    context.close()


LANES_AND_NODES = """() => {
  const svg = document.querySelector('.ph-swimlane div.mermaid').shadowRoot.querySelector('svg');
  const lanes = [...svg.querySelectorAll('g.cluster.swimlane')].map(g => {
    const r = g.querySelector('rect').getBoundingClientRect();
    return {name: g.querySelector('.swimlane-label, .cluster-label').textContent.trim(),
            top: r.top, bottom: r.bottom, left: r.left, right: r.right};
  });
  const nodes = [...svg.querySelectorAll('g.node')].map(g => {
    const r = g.getBoundingClientRect();
    return {text: g.textContent.trim(), x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2};
  });
  return {lanes, nodes};
}"""


@pytest.mark.parametrize("process_id", ["complaint-handling", "new-product-launch"])
def test_swimlane_lanes_in_order_and_steps_in_their_lane(visit: Visit, process_id: str) -> None:
    process = HANDBOOK.process_by_id[process_id]
    visit.open(f"processes/{process_id}/")
    visit.wait_for_diagrams()
    drawn = visit.page.evaluate(LANES_AND_NODES)
    expected = [
        DEPARTMENTS[lane]
        for lane in process.lanes or []
        if any(s.lane == lane for s in process.current_steps)
    ]
    top_to_bottom = sorted(drawn["lanes"], key=lambda lane: lane["top"])
    assert [lane["name"] for lane in top_to_bottom] == expected
    lanes = {lane["name"]: lane for lane in drawn["lanes"]}
    for step in process.current_steps:
        node = next(n for n in drawn["nodes"] if n["text"].endswith(step.name))  # after any marker
        lane = lanes[DEPARTMENTS[step.lane]]
        assert lane["top"] <= node["y"] <= lane["bottom"], (step.name, lane["name"])
        assert lane["left"] <= node["x"] <= lane["right"], (step.name, lane["name"])


def test_clicking_a_step_in_the_swimlane_goes_to_the_step(visit: Visit) -> None:
    process = HANDBOOK.process_by_id["complaint-handling"]
    step = process.current_steps[2]
    visit.open("processes/complaint-handling/")
    visit.wait_for_diagrams()
    host = visit.page.locator(".ph-swimlane div.mermaid")
    host.locator("g.node", has_text=step.name).first.click()
    visit.page.wait_for_function(f"location.hash === '#step-{step.id}'")
    assert visit.page.locator(f"#step-{step.id}").is_visible()


def test_lane_labels_are_readable(visit: Visit) -> None:
    """Lane label text against the lane's fill over the page background: at least WCAG AA (4.5:1)."""
    visit.open("processes/complaint-handling/")
    visit.wait_for_diagrams()
    ratios = visit.page.evaluate("""() => {
      const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return m.length === 3 ? [...m, 1] : m; };
      const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
      const over = (top, bottom) => top.slice(0, 3).map((v, i) => v * top[3] + bottom[i] * (1 - top[3]));
      const page = parse(getComputedStyle(document.querySelector('.md-main')).backgroundColor);
      const base = page[3] === 0 ? parse(getComputedStyle(document.body).backgroundColor) : page;
      const svg = document.querySelector('.ph-swimlane div.mermaid').shadowRoot.querySelector('svg');
      return [...svg.querySelectorAll('g.cluster.swimlane')].map(g => {
        const rect = getComputedStyle(g.querySelector('rect'));
        const fill = parse(rect.fill); fill[3] = fill[3] * Number(rect.fillOpacity || 1);
        const label = g.querySelector('.swimlane-label, .cluster-label');
        const text = label.querySelector('span, text, div, p') || label;
        const cs = getComputedStyle(text);
        const ink = parse(cs.color && cs.color !== 'rgba(0, 0, 0, 0)' ? cs.color : cs.fill);
        const back = over(fill, base.slice(0, 3));
        const [a, b] = [lum(ink), lum(back)].sort((x, y) => y - x);
        return (a + 0.05) / (b + 0.05);
      });
    }""")
    assert ratios and min(ratios) >= 4.5, ratios


def test_instant_navigation_renders_the_next_swimlane(visit: Visit) -> None:
    visit.open("processes/")
    visit.page.evaluate("window.__stayed = true")
    visit.page.locator("article a[href*='complaint-handling']").first.click()
    visit.page.wait_for_url("**/processes/complaint-handling/")
    visit.wait_for_diagrams()
    assert visit.page.evaluate(
        "window.__stayed === true"
    )  # no full reload: Material's instant navigation


def test_every_download_link_returns_the_file(visit: Visit) -> None:
    for process in HANDBOOK.processes:
        if not process.templates:
            continue
        visit.open(f"processes/{process.id}/")
        for template in process.templates:
            link = visit.page.locator(f"article a[href$='downloads/{template.file}']").first
            response = visit.page.request.get(link.evaluate("a => a.href"))
            assert response.status == 200
            assert response.body() == (REPO / "processes" / template.file).read_bytes(), (
                template.file
            )


def _search(visit: Visit, query: str) -> list[str]:
    visit.open("")
    visit.page.locator("label.md-search__icon, .md-search__input").first.click()
    field = visit.page.locator("input.md-search__input")
    field.fill(query)
    field.press("End")
    visit.page.wait_for_selector(".md-search-result__item", timeout=30_000)
    return visit.page.locator(".md-search-result__item a").evaluate_all("as => as.map(a => a.href)")


def test_search_finds_a_chinese_word_from_the_middle_of_a_step_name(visit: Visit) -> None:
    # 受理并登记投诉 is segmented 受理/并/登记/投诉: 登记 sits mid-sentence.
    hits = _search(visit, "登记")
    assert any("processes/complaint-handling/" in h for h in hits), hits


def test_search_finds_english_words(visit: Visit) -> None:
    hits = _search(visit, "CRM")
    assert any("tools/" in h or "processes/" in h for h in hits), hits


def test_every_page_carries_the_policy_and_diagrams_and_search_still_work(visit: Visit) -> None:
    visit.open("processes/complaint-handling/")
    policy = visit.page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute(
        "content"
    )
    assert (
        policy
        and "script-src 'self' 'sha256-" in policy
        and "unsafe-inline" not in policy.split(";")[1]
    )
    visit.wait_for_diagrams()
    assert visit.violations() == []
    assert any("processes/complaint-handling/" in hit for hit in _search(visit, "登记"))
    assert visit.violations() == []


def test_hostile_handbook_runs_no_script_on_any_page(chromium, hostile_site: Path) -> None:  # type: ignore[no-untyped-def]
    """Every page of the site (the navigation on each shows every hostile name), hovered
    over; then a click on each active template's link, which must download, not open."""
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    with serve(hostile_site) as url:
        context = chromium.new_context(accept_downloads=True)
        context.add_init_script(OPEN_SHADOW_ROOTS)
        context.add_init_script(RECORD_CSP_VIOLATIONS)
        visit = Visit(context, url)
        for path in pages:
            visit.open(path.removesuffix("index.html"))
            if visit.page.locator("div.mermaid, pre.mermaid").count():
                visit.wait_for_diagrams(visit.page.locator(".mermaid").count())
            visit.page.mouse.move(10, 10)
            for anchor in visit.page.locator("a:visible").all()[:40]:
                anchor.hover(force=True)  # under the sticky header too
            assert visit.page.evaluate("window.__pwned === undefined"), path
            assert visit.page.evaluate(
                "[...document.querySelectorAll('*')].every(e => ![...e.attributes]"
                ".some(a => a.name.startsWith('on')))"
            ), path
            assert visit.violations() == [], path
        visit.open("processes/hostile/")
        for name in ("page.html", "image.svg"):
            with visit.page.expect_download() as download:
                visit.page.locator(f"article a[download='{name}']").first.click()
            assert download.value.suggested_filename == name
        assert visit.page.url.split("#")[0].endswith("processes/hostile/")  # nothing opened
        visit.assert_clean()
        context.close()
