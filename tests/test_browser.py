"""The built sample site in real headless Chromium: swimlanes, links, search, downloads, offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from process_handbook.pipeline import load
from sitekit import (
    DIAGRAM_SVGS,
    OPEN_SHADOW_ROOTS,
    RECORD_CSP_VIOLATIONS,
    REPO,
    SWIMLANE_SVGS,
    serve,
)

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
        """Wait until `count` diagrams are drawn (swimlanes by the handbook, the rest by Material)."""
        self.page.wait_for_function(
            f"n => {DIAGRAM_SVGS}.length >= n && [...document.querySelectorAll('.ph-swimlane')]"
            ".every(b => b.dataset.phDrawn === 'done')",
            arg=count,
            timeout=60_000,
        )

    def violations(self) -> list[str]:
        """The Content-Security-Policy violations of the page (and its instant navigations)."""
        return list(self.page.evaluate("window.__csp || []"))

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors
        assert self.outside == [], self.outside
        assert self.dialogs == [], self.dialogs
        assert self.violations() == []


def _visit(chromium, sample_url: str, scheme: str) -> Iterator[Visit]:  # type: ignore[no-untyped-def]
    context = chromium.new_context(color_scheme=scheme, viewport={"width": 1400, "height": 1000})
    context.add_init_script(OPEN_SHADOW_ROOTS)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    visit = Visit(context, sample_url)
    yield visit
    visit.assert_clean()
    context.close()


@pytest.fixture
def visit(chromium, sample_url: str) -> Iterator[Visit]:  # type: ignore[no-untyped-def]
    """The sample site in the light palette: for what does not depend on colour."""
    yield from _visit(chromium, sample_url, "light")


@pytest.fixture(params=["light", "dark"])
def each_palette(request, chromium, sample_url: str) -> Iterator[Visit]:  # type: ignore[no-untyped-def]
    """The sample site in the light and in the dark palette: for what colour decides."""
    yield from _visit(chromium, sample_url, request.param)


#: The lanes (bands and names, with the axis they run along) and the steps of the first swimlane.
LANES_AND_NODES = f"""() => {{
  const svg = {SWIMLANE_SVGS}[0];
  const names = [...svg.querySelectorAll('.ph-lane-name text')].map(t => t.textContent.trim());
  const lanes = [...svg.querySelectorAll('g.cluster.swimlane')].map((g, i) => {{
    const r = g.querySelector('rect').getBoundingClientRect();
    return {{name: names[i], top: r.top, bottom: r.bottom, left: r.left, right: r.right}};
  }});
  const nodes = [...svg.querySelectorAll('g.node')].map(g => {{
    const r = g.getBoundingClientRect(), label = g.querySelector('.nodeLabel').cloneNode(true);
    const owner = label.querySelector('small');
    if (owner) owner.remove();
    return {{name: label.textContent.trim(), owner: g.querySelector('small') ? g.querySelector('small').textContent.trim() : null,
            aria: (g.closest('a') || g).getAttribute('aria-label') || '',
            x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2}};
  }});
  const down = lanes.length > 1 && lanes[1].left >= lanes[0].right - 1;
  return {{lanes, nodes, down}};
}}"""


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
    along = "left" if drawn["down"] else "top"  # lanes run down the page, or across it
    assert [
        lane["name"] for lane in sorted(drawn["lanes"], key=lambda lane: lane[along])
    ] == expected
    lanes = {lane["name"]: lane for lane in drawn["lanes"]}
    for step in process.current_steps:
        node = next(n for n in drawn["nodes"] if n["name"].endswith(step.name))  # after any marker
        lane = lanes[DEPARTMENTS[step.lane]]
        assert lane["top"] <= node["y"] <= lane["bottom"], (step.name, lane["name"])
        assert lane["left"] <= node["x"] <= lane["right"], (step.name, lane["name"])


def test_clicking_a_step_in_the_swimlane_goes_to_the_step(visit: Visit) -> None:
    process = HANDBOOK.process_by_id["complaint-handling"]
    step = process.current_steps[2]
    visit.open("processes/complaint-handling/")
    visit.wait_for_diagrams()
    host = visit.page.locator(".ph-swimlane .ph-flow-view").first
    host.locator("g.node", has_text=step.name).first.click()
    visit.page.wait_for_function(f"location.hash === '#step-{step.id}'")
    assert visit.page.locator(f"#step-{step.id}").is_visible()


def test_lane_labels_are_readable(each_palette: Visit) -> None:
    """Lane label text against the lane's fill over the page background: at least WCAG AA (4.5:1)."""
    visit = each_palette
    visit.open("processes/complaint-handling/")
    visit.wait_for_diagrams()
    ratios = visit.page.evaluate("""() => {
      const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return m.length === 3 ? [...m, 1] : m; };
      const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
      const over = (top, bottom) => top.slice(0, 3).map((v, i) => v * top[3] + bottom[i] * (1 - top[3]));
      const page = parse(getComputedStyle(document.querySelector('.md-main')).backgroundColor);
      const base = page[3] === 0 ? parse(getComputedStyle(document.body).backgroundColor) : page;
      const svg = document.querySelector('.ph-swimlane .ph-flow-view svg');
      return [...svg.querySelectorAll('.ph-lane-name')].map(g => {
        const [under, tint] = [...g.querySelectorAll('rect')].map(r => getComputedStyle(r));
        const fill = parse(tint.fill); fill[3] = fill[3] * Number(tint.fillOpacity || 1);
        const ground = parse(under.fill);
        const ink = parse(getComputedStyle(g.querySelector('text')).fill);
        const back = over(fill, (ground[3] === 0 ? base : ground).slice(0, 3));
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
    # The viewer works on the page it arrived at: its controls show and zoom the drawing.
    tools = visit.page.locator(".ph-swimlane .ph-flow-tools").first
    assert tools.is_visible()
    before = visit.page.evaluate(f"{SWIMLANE_SVGS}[0].getBoundingClientRect().width")
    tools.locator("[data-ph-do=in]").click()
    assert visit.page.evaluate(f"{SWIMLANE_SVGS}[0].getBoundingClientRect().width") > before


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


@pytest.mark.parametrize("half", [0, 1])  # two halves of the pages, for two test workers
def test_hostile_handbook_runs_no_script_on_any_page(
    chromium, hostile_site: Path, half: int
) -> None:  # type: ignore[no-untyped-def]
    """Every page of the site (the navigation on each shows every hostile name), hovered
    over; then a click on each active template's link, which must download, not open."""
    every = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))
    pages = every[half::2]
    assert len(pages) > 10
    with serve(hostile_site) as url:
        context = chromium.new_context(accept_downloads=True)
        context.add_init_script(OPEN_SHADOW_ROOTS)
        context.add_init_script(RECORD_CSP_VIOLATIONS)
        visit = Visit(context, url)
        for path in pages:
            visit.open(path.removesuffix("index.html"))
            expected = visit.page.locator(".mermaid, .ph-mermaid, .ph-flow-view").count()
            if expected:
                visit.wait_for_diagrams(expected)
            visit.page.mouse.move(10, 10)
            for anchor in visit.page.locator("a:visible").all()[:40]:
                anchor.hover(force=True)  # under the sticky header too
            assert visit.page.evaluate("window.__pwned === undefined"), path
            assert visit.page.evaluate(
                "[...document.querySelectorAll('*')].every(e => ![...e.attributes]"
                ".some(a => a.name.startsWith('on')))"
            ), path
            assert visit.violations() == [], path
        if half:
            context.close()
            return
        visit.open("processes/hostile/")
        for name in ("page.html", "image.svg"):
            with visit.page.expect_download() as download:
                visit.page.locator(f"article a[download='{name}']").first.click()
            assert download.value.suggested_filename == name
        assert visit.page.url.split("#")[0].endswith("processes/hostile/")  # nothing opened
        visit.assert_clean()
        context.close()
