"""The swimlane as a reader sees it, in real headless Chromium (issue 13).

On a laptop (1400×1000) every sample flow opens whole, or at a legible zoom with
controls; zoom, fit and full screen answer the mouse and the keyboard; lane names
stay in view while panning; every step's box names its owner, for the eye and for
screen readers; on a phone (390×844) the first screen shows steps with their
departments; 60- and 150-step flows are drawn as real lanes; a flow at the arrow
limit draws.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import TODAY
from process_handbook import limits
from process_handbook.i18n.labels import Labels
from process_handbook.options import BuildOptions
from process_handbook.pipeline import build, load
from sitekit import ALL_DRAWN, REPO, SWIMLANE_SVGS, build_site, page_text, serve, write_project
from test_browser import LANES_AND_NODES, Visit
from test_fuzz import mermaid_blocks
from test_limits import dense

pytestmark = [pytest.mark.browser, pytest.mark.site]

HANDBOOK = load(REPO / "processes").handbook
SAMPLE_IDS = [p.id for p in HANDBOOK.processes]
DEPARTMENTS = {d.id: d.name for d in HANDBOOK.organization.departments}
ROLES = {r.id: r.name for r in HANDBOOK.organization.roles}
#: The smallest text a box may show on opening (CSS px).
LEGIBLE = 10

#: The first swimlane's view and drawing: where its boxes are, how big their smallest text is.
VIEW = f"""() => {{
  const svg = {SWIMLANE_SVGS}[0], view = svg.closest('.ph-flow-view');
  const v = view.getBoundingClientRect(), s = svg.getBoundingClientRect();
  const scale = s.width / Number(svg.getAttribute('width'));
  const boxes = [...svg.querySelectorAll('g.node')].map(n => n.getBoundingClientRect());
  const inside = boxes.every(b => b.left >= v.left - 1 && b.right <= v.right + 1 && b.top >= v.top - 1 && b.bottom <= v.bottom + 1);
  const sizes = [...svg.querySelectorAll('.nodeLabel, .nodeLabel small')].map(e => parseFloat(getComputedStyle(e).fontSize) * scale);
  const names = [...svg.querySelectorAll('.ph-lane-name text')].map(t => t.getBoundingClientRect());
  return {{scale, inside, smallest: Math.min(...sizes), boxes: boxes.length,
          view: {{left: v.left, right: v.right, top: v.top, bottom: v.bottom, width: v.width, height: v.height}},
          names: names.map(r => ({{left: r.left, right: r.right, top: r.top, bottom: r.bottom}})),
          full: view.closest('.ph-swimlane').classList.contains('ph-flow--full')}};
}}"""


@pytest.fixture(scope="module")
def laptop(chromium) -> Iterator:  # type: ignore[no-untyped-def]
    context = chromium.new_context(viewport={"width": 1400, "height": 1000})
    yield context
    context.close()


def until(page, condition: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until the JavaScript `condition` holds: on a loaded machine the page may apply a
    key or a click a moment after Playwright has sent it (it still fails, after 10 s)."""
    page.wait_for_function(f"() => {condition}", timeout=10_000)


def settled(page) -> None:  # type: ignore[no-untyped-def]
    """Let the page apply what it was sent: the viewer moves the lane names on the next frames."""
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


SCALE = f"({VIEW})().scale"
INSIDE = f"({VIEW})().inside"
FULL = f"({VIEW})().full"
LEFT = f"{SWIMLANE_SVGS}[0].getBoundingClientRect().left"


def drawn(visit: Visit, path: str) -> Visit:
    visit.page.set_default_timeout(120_000)  # a 150-step page on a busy machine
    visit.open(path)
    visit.page.wait_for_function(
        ALL_DRAWN,
        timeout=60_000,
    )
    return visit


@pytest.mark.parametrize("process_id", SAMPLE_IDS)
def test_every_sample_flow_opens_whole_or_legible_with_controls(  # type: ignore[no-untyped-def]
    laptop, sample_url: str, process_id: str
) -> None:
    visit = drawn(Visit(laptop, sample_url), f"processes/{process_id}/")
    view = visit.page.evaluate(VIEW)
    tools = visit.page.locator(".ph-swimlane .ph-flow-tools").first
    assert tools.is_visible()
    assert view["smallest"] >= LEGIBLE - 0.01, view
    if not view["inside"]:  # a larger flow: a legible zoom, the whole flow one action away
        tools.locator("[data-ph-do=fit]").click()
        until(visit.page, INSIDE)
    visit.assert_clean()


def test_the_complaint_flow_fits_its_column_with_text_of_12px(laptop, sample_url: str) -> None:  # type: ignore[no-untyped-def]
    visit = drawn(Visit(laptop, sample_url), "processes/complaint-handling/")
    view = visit.page.evaluate(VIEW)
    assert view["inside"] and view["view"]["width"] <= 690
    names = visit.page.evaluate(
        f"() => Math.min(...[...{SWIMLANE_SVGS}[0].querySelectorAll('.nodeLabel')].map(e =>"
        " e.getBoundingClientRect().height ? parseFloat(getComputedStyle(e).fontSize) : 99))"
    )
    assert names * view["scale"] >= 12
    visit.assert_clean()


def test_zoom_fit_and_full_screen_by_mouse(laptop, sample_url: str) -> None:  # type: ignore[no-untyped-def]
    visit = drawn(Visit(laptop, sample_url), "processes/new-product-launch/")
    page, tools = visit.page, visit.page.locator(".ph-swimlane .ph-flow-tools").first
    start = page.evaluate(VIEW)["scale"]
    tools.locator("[data-ph-do=in]").click()
    until(page, f"{SCALE} > {start}")
    tools.locator("[data-ph-do=out]").click()
    tools.locator("[data-ph-do=out]").click()
    until(page, f"{SCALE} < {start}")
    tools.locator("[data-ph-do=fit]").click()
    until(page, INSIDE)
    # Drag to pan.
    tools.locator("[data-ph-do=in]").click()
    tools.locator("[data-ph-do=in]").click()
    before = page.evaluate(f"{SWIMLANE_SVGS}[0].getBoundingClientRect().left")
    view = page.locator(".ph-swimlane .ph-flow-view").first
    view.scroll_into_view_if_needed()
    box = view.bounding_box()
    x, y = box["x"] + box["width"] / 2, max(box["y"], 0) + 150
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 200, y, steps=5)
    page.mouse.up()
    until(page, f"{LEFT} < {before - 100}")
    # Full screen over the whole window, and back.
    tools.locator("[data-ph-do=full]").click()
    until(page, FULL)
    view = page.evaluate(VIEW)
    assert view["full"] and view["view"]["width"] > 1300 and view["view"]["height"] > 800
    assert tools.locator("[data-ph-do=full]").inner_text() == "退出全屏（Esc）"
    tools.locator("[data-ph-do=full]").click()
    until(page, f"!{FULL}")
    visit.assert_clean()


def test_zoom_fit_pan_and_full_screen_by_keyboard(laptop, sample_url: str) -> None:  # type: ignore[no-untyped-def]
    visit = drawn(Visit(laptop, sample_url), "processes/new-product-launch/")
    page = visit.page
    view = page.locator(".ph-swimlane .ph-flow-view").first
    assert view.get_attribute("tabindex") == "0" and "方向键" in (
        view.get_attribute("aria-label") or ""
    )
    view.focus()
    start = page.evaluate(VIEW)["scale"]
    page.keyboard.type("+")
    until(page, f"{SCALE} > {start}")
    left = page.evaluate(LEFT)
    page.keyboard.press("ArrowRight")
    until(page, f"{LEFT} < {left}")
    page.keyboard.press("0")
    until(page, INSIDE)
    # The buttons are buttons: Tab to "full screen", Enter opens it, Esc closes it.
    full = page.locator(".ph-swimlane [data-ph-do=full]").first
    full.focus()
    page.keyboard.press("Enter")
    until(page, FULL)
    assert page.evaluate("document.activeElement.classList.contains('ph-flow-view')")
    page.keyboard.press("Escape")
    until(page, f"!{FULL}")
    assert page.evaluate("document.activeElement.getAttribute('data-ph-do')") == "full"
    visit.assert_clean()


def test_lane_names_stay_in_view_while_panning(laptop, sample_url: str) -> None:  # type: ignore[no-untyped-def]
    """Across (lanes as rows): names at the view's left edge; down (lanes as columns): at its top."""
    visit = drawn(Visit(laptop, sample_url), "processes/new-product-launch/")
    page = visit.page
    views = page.locator(".ph-swimlane .ph-flow-view")
    orientations = []
    for index in range(views.count()):
        view = views.nth(index)
        view.scroll_into_view_if_needed()
        view.focus()
        for _ in range(3):
            page.keyboard.type("+")
        down = page.evaluate(
            f"i => {{ const n = [...{SWIMLANE_SVGS}[i].querySelectorAll('.ph-lane-name > rect:first-child')];"
            " return n.length > 1 && n[1].getBoundingClientRect().left >= n[0].getBoundingClientRect().right - 1; }",
            index,
        )
        orientations.append(down)
        for _ in range(12):
            page.keyboard.press("ArrowDown" if down else "ArrowRight")
        settled(page)
        names = page.evaluate(
            f"i => [...{SWIMLANE_SVGS}[i].querySelectorAll('.ph-lane-name text')].map(t => t.getBoundingClientRect().toJSON())",
            index,
        )
        edge = view.bounding_box()
        header = page.evaluate(
            "document.querySelector('.md-header').getBoundingClientRect().bottom"
        )
        for name in names:
            if down:  # at the top of what is visible of the view, below the page header
                assert max(edge["y"], header) - 2 <= name["top"] <= max(edge["y"], header) + 40, (
                    name
                )
            else:
                assert edge["x"] - 2 <= name["left"] <= edge["x"] + 40, name
    assert set(orientations) == {True, False}  # the sample draws both
    visit.assert_clean()


@pytest.mark.parametrize("process_id", SAMPLE_IDS)
def test_every_step_shows_its_owner_and_names_it_for_screen_readers(  # type: ignore[no-untyped-def]
    laptop, sample_url: str, process_id: str
) -> None:
    process = HANDBOOK.process_by_id[process_id]
    visit = drawn(Visit(laptop, sample_url), f"processes/{process_id}/")
    nodes = visit.page.evaluate(LANES_AND_NODES)["nodes"]
    for step in process.current_steps:
        node = next(n for n in nodes if n["name"].endswith(step.name))
        owner = ROLES[step.owner]
        assert node["owner"] == owner
        assert (
            owner in node["aria"]
            and step.name in node["aria"]
            and DEPARTMENTS[step.lane] in node["aria"]
        )
    # Clicking a box still opens the step.
    step = process.current_steps[-1]
    visit.page.locator(".ph-swimlane .ph-flow-view").first.locator(
        "g.node", has_text=step.name
    ).first.click()
    visit.page.wait_for_function(f"location.hash === '#step-{step.id}'")
    visit.assert_clean()


def test_arrows_never_cross_another_box(laptop, sample_url: str) -> None:  # type: ignore[no-untyped-def]
    for process_id in SAMPLE_IDS:
        visit = drawn(Visit(laptop, sample_url), f"processes/{process_id}/")
        hits = visit.page.evaluate(
            f"""() => {SWIMLANE_SVGS}.flatMap(svg => {{
          const boxes = [...svg.querySelectorAll('g.node')].map(n => ({{id: n.closest('[data-node]').getAttribute('data-node'), b: n.getBBox(), t: n.closest('[data-node]').getAttribute('transform')}}))
            .map(({{id, b, t}}) => {{ const m = t.match(/translate\\(([-\\d.]+),\\s*([-\\d.]+)\\)/); const x = +m[1], y = +m[2];
              return {{id, left: x + b.x + 2, right: x + b.x + b.width - 2, top: y + b.y + 2, bottom: y + b.y + b.height - 2}}; }});
          return [...svg.querySelectorAll('path[data-points]')].flatMap(path => {{
            const points = JSON.parse(atob(path.getAttribute('data-points')));
            const [from, to] = path.getAttribute('data-id').replace(/^L_/, '').split('_');
            const found = [];
            for (let i = 1; i < points.length; i++) {{
              const a = points[i - 1], c = points[i];
              for (const box of boxes) {{
                if (path.id.includes('_' + box.id + '_') || path.getAttribute('data-id').includes('_' + box.id + '_')) continue;
                const l = Math.min(a.x, c.x), r = Math.max(a.x, c.x), t = Math.min(a.y, c.y), btm = Math.max(a.y, c.y);
                if (l < box.right && r > box.left && t < box.bottom && btm > box.top) found.push(path.getAttribute('data-id') + ' x ' + box.id);
              }}
            }}
            return found;
          }});
        }})"""
        )
        assert hits == [], (process_id, hits)


def test_loops_and_old_paths_look_different_and_the_legend_says_so(laptop, sample_url: str) -> None:  # type: ignore[no-untyped-def]
    visit = drawn(Visit(laptop, sample_url), "processes/new-product-launch/")
    styles = visit.page.evaluate(
        f"""() => {SWIMLANE_SVGS}.map(svg => [...svg.querySelectorAll('path.flowchart-link')].map(p => {{
          const s = getComputedStyle(p); return s.strokeDasharray + ' ' + s.stroke; }}))"""
    )
    current, compare = (set(view) for view in styles)
    assert len(current) == 2 and len(compare) == 3  # flow and loop; and old paths in the comparison
    text = visit.page.inner_text("#swimlane ~ p")
    assert "琥珀色点线箭头" in visit.page.inner_text("article")
    assert "灰色长虚线箭头" in visit.page.inner_text("article")
    assert text
    # The comparison's legend comes before its diagram, and it lists every change.
    order = visit.page.evaluate(
        "() => { const compare = document.querySelector('#compare');"
        " const legend = [...document.querySelectorAll('article li')].find(li => li.textContent.includes('［新增］'));"
        " const diagram = document.querySelectorAll('.ph-swimlane')[1];"
        " return [compare.compareDocumentPosition(legend) & 4, legend.compareDocumentPosition(diagram) & 4]; }"
    )
    assert order == [4, 4]
    article = visit.page.inner_text("article")
    launch = HANDBOOK.process_by_id["new-product-launch"]
    for step in launch.steps:
        if step.change:
            marker = {"new": "［新增］", "changed": "［变更］", "removed": "［删除］"}[step.change]
            assert marker + step.name in article
    visit.assert_clean()


def test_on_a_phone_the_first_screen_shows_steps_with_their_departments(
    chromium, sample_url: str
) -> None:  # type: ignore[no-untyped-def]
    context = chromium.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    try:
        for process_id in SAMPLE_IDS:
            process = HANDBOOK.process_by_id[process_id]
            visit = drawn(Visit(context, sample_url), f"processes/{process_id}/")
            page = visit.page
            page.evaluate("document.querySelector('#swimlane').scrollIntoView()")
            seen = page.evaluate(
                """() => [...document.querySelectorAll('.ph-flow-list li')].filter(li => {
                  const r = li.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })
                  .map(li => li.textContent)"""
            )
            assert len(seen) >= 3, (process_id, seen)
            for text, step in zip(seen, process.current_steps, strict=False):
                assert (
                    step.name in text
                    and DEPARTMENTS[step.lane] in text
                    and ROLES[step.owner] in text
                )
            # The diagram itself opens full screen.
            full = page.locator(".ph-swimlane [data-ph-do=full]").first
            assert full.is_visible()
            full.tap()
            until(page, FULL)
            view = page.evaluate(VIEW)
            assert (
                view["full"] and view["view"]["width"] >= 360 and view["smallest"] >= LEGIBLE - 0.01
            )
            page.keyboard.press("Escape")
            visit.assert_clean()
            page.close()
    finally:
        context.close()


# --- long flows and the arrow limit ----------------------------------------------------


#: Mermaid's default `maxTextSize`: a longer source draws an error message instead.
MERMAID_MAX_TEXT = 50_000


def long_names() -> str:
    """150 steps (the limit) in three lanes, each name as long as a name may be, with the
    punctuation a label writes as entity codes: a swimlane source past Mermaid's default size."""
    lanes = [("support", "support-specialist"), ("rnd", "rnd-lead"), ("sales", "sales-manager")]
    lines = ["title: 长名称流程", "owner: support-manager", "steps:"]
    for i in range(limits.MAX_STEPS):
        lane, owner = lanes[i % len(lanes)]
        name = (f"Check (order #{i}), note: A/B; " * 20)[: limits.MAX_NAME_LENGTH]
        lines += [
            f"  - id: s{i}",
            f'    name: "{name}"',
            f"    lane: {lane}",
            f"    owner: {owner}",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def long_sites(
    tmp_path_factory: pytest.TempPathFactory, organization_yml: str
) -> Iterator[dict[str, str]]:
    """Sites of a 60-step and a 150-step synthetic flow and of one at the arrow limit: name -> URL."""
    root = tmp_path_factory.mktemp("long-flows")
    folders = {}
    for steps in (60, 149):  # 149 current steps and one of the previous version: 150 in the file
        folders[f"long-{steps}"] = root / f"long-{steps}" / "processes"
        subprocess.run(
            [
                sys.executable,
                str(REPO / "benchmarks" / "synthetic.py"),
                "1",
                str(folders[f"long-{steps}"]),
                "--steps",
                f"{steps}-{steps}",
            ],
            check=True,
            capture_output=True,
        )
    limit = root / "limit" / "processes"
    limit.mkdir(parents=True)
    (limit / "organization.yml").write_text(organization_yml, "utf-8")
    (limit / "at-the-limit.yml").write_text(dense(500), "utf-8")
    folders["limit"] = limit
    named = root / "long-names" / "processes"
    named.mkdir(parents=True)
    (named / "organization.yml").write_text(organization_yml, "utf-8")
    (named / "long-names.yml").write_text(long_names(), "utf-8")
    folders["long-names"] = named
    with contextlib.ExitStack() as stack:
        urls = {}
        for name, processes in folders.items():
            site = processes.parent / "site"
            result = build_site(write_project(processes.parent, processes), site, strict=False)
            assert result.returncode == 0, result.stderr
            urls[name] = stack.enter_context(serve(site))
        yield urls


@pytest.mark.parametrize("steps", [60, 149])
def test_long_flows_are_real_lanes_with_every_box_in_its_lane(  # type: ignore[no-untyped-def]
    laptop, long_sites: dict[str, str], steps: int
) -> None:
    visit = drawn(Visit(laptop, long_sites[f"long-{steps}"]), "processes/purchase-request-0001/")
    drawn_lanes = visit.page.evaluate(LANES_AND_NODES)
    assert len(drawn_lanes["lanes"]) >= 2 and len(drawn_lanes["nodes"]) >= steps + 2
    lane_boxes = drawn_lanes["lanes"]
    for node in drawn_lanes["nodes"]:
        inside = [
            lane
            for lane in lane_boxes
            if lane["top"] <= node["y"] <= lane["bottom"]
            and lane["left"] <= node["x"] <= lane["right"]
        ]
        assert len(inside) == 1, node
    view = visit.page.evaluate(VIEW)
    assert view["smallest"] >= LEGIBLE - 0.01
    visit.assert_clean()


def test_a_flow_at_the_arrow_limit_draws(laptop, long_sites: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    visit = drawn(Visit(laptop, long_sites["limit"]), "processes/at-the-limit/")
    arrows = visit.page.evaluate(
        f"{SWIMLANE_SVGS}[0].querySelectorAll('path.flowchart-link').length"
    )
    assert arrows == 500
    visit.assert_clean()


def test_a_long_flow_with_the_longest_names_draws_every_step(  # type: ignore[no-untyped-def]
    laptop, long_sites: dict[str, str], tmp_path: Path, organization_yml: str
) -> None:
    (tmp_path / "organization.yml").write_text(organization_yml, "utf-8")
    (tmp_path / "long-names.yml").write_text(long_names(), "utf-8")
    result = build(tmp_path, BuildOptions(today=TODAY))
    source = mermaid_blocks(page_text(result, "processes/long-names.md"))[0]
    assert len(source) > MERMAID_MAX_TEXT  # what Mermaid would draw as an error by default
    visit = drawn(Visit(laptop, long_sites["long-names"]), "processes/long-names/")
    steps = visit.page.evaluate(f"{SWIMLANE_SVGS}[0].querySelectorAll('a[data-node]').length")
    assert steps == limits.MAX_STEPS
    visit.assert_clean()


@pytest.fixture(scope="module")
def english_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("english")
    english = REPO / "tests" / "handbooks" / "english"
    result = build_site(write_project(root, english, language="en"), root / "site", strict=False)
    assert result.returncode == 0, result.stderr
    with serve(root / "site") as url:
        yield url


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_controls_are_labelled_in_the_page_language_and_answer_the_keyboard(  # type: ignore[no-untyped-def]
    laptop, sample_url: str, english_url: str, language: str
) -> None:
    labels = Labels(language)
    base, path = (
        (sample_url, "processes/complaint-handling/")
        if language == "zh"
        else (english_url, "processes/laptop-request/")
    )
    visit = drawn(Visit(laptop, base), path)
    page, tools = visit.page, visit.page.locator(".ph-swimlane .ph-flow-tools").first
    assert tools.get_attribute("aria-label") == labels.flow_tools
    assert tools.locator("[data-ph-do=in]").get_attribute("aria-label") == labels.zoom_in
    assert tools.locator("[data-ph-do=out]").get_attribute("aria-label") == labels.zoom_out
    assert tools.locator("[data-ph-do=fit]").inner_text() == labels.zoom_fit
    full = tools.locator("[data-ph-do=full]")
    assert full.inner_text() == labels.full_screen
    view = page.locator(".ph-swimlane .ph-flow-view").first
    assert view.get_attribute("aria-label") == labels.flow_view
    view.focus()
    start = page.evaluate(VIEW)["scale"]
    page.keyboard.type("+")
    until(page, f"{SCALE} > {start}")
    full.focus()
    page.keyboard.press("Enter")
    until(page, FULL)
    assert full.inner_text() == labels.close_full_screen
    page.keyboard.press("Escape")
    until(page, f"!{FULL}")
    assert full.inner_text() == labels.full_screen
    visit.assert_clean()
