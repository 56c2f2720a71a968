"""The improvement story in real headless Chromium: both swimlane views, 5-Why, fishbone, Gantt, goals.

The handbook's viewer draws the swimlanes into the page; Material draws the
other diagrams into closed shadow roots, which `Visit` (from test_browser)
opens. `Visit` records console errors, dialogs and requests that leave
127.0.0.1. Each check runs in the light and the dark palette.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from process_handbook.pipeline import load
from sitekit import (
    DIAGRAM_SVGS,
    OPEN_SHADOW_ROOTS,
    REPO,
    SWIMLANE_SVGS,
    build_site,
    serve,
    write_project,
)
from test_browser import Visit
from test_improvement import HOSTILE, hostile_process

pytestmark = [pytest.mark.browser, pytest.mark.site]

LAUNCH = load(REPO / "processes").handbook.process_by_id["new-product-launch"]
DIAGRAMS = 10  # current flow, comparison, six why-chains, fishbone, plan

#: Colour helpers for contrast checks (WCAG relative luminance), shared by the probes below.
COLOUR_JS = f"""
const parse = c => {{ const m = (c.match(/[\\d.]+/g) || [0, 0, 0, 0]).map(Number); return m.length === 3 ? [...m, 1] : m; }};
const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
const lum = c => {{ const f = v => {{ v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }};
  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); }};
const ratio = (a, b) => {{ const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); }};
const pageBg = () => {{ const main = parse(getComputedStyle(document.querySelector('.md-main')).backgroundColor);
  return main[3] === 0 ? parse(getComputedStyle(document.body).backgroundColor) : main; }};
const svgs = () => {DIAGRAM_SVGS};
const kind = svg => svg.getAttribute('aria-roledescription');
const nameOf = node => {{ const label = node.querySelector('.nodeLabel').cloneNode(true);
  const owner = label.querySelector('small'); if (owner) owner.remove(); return label.textContent.trim(); }};
"""

#: Every node of every swimlane view: classes, text, fill, border, and label contrast over the page.
NODES = (
    "() => {"
    + COLOUR_JS
    + f"const SWIMLANES = {SWIMLANE_SVGS};"
    + """
  const bg = pageBg();
  return SWIMLANES.map(svg => {
    return {kind: kind(svg), nodes: [...svg.querySelectorAll('g.node')].map(n => {
      const shape = getComputedStyle(n.querySelector('rect, polygon, path'));
      const label = n.querySelector('.nodeLabel p') || n.querySelector('.nodeLabel');
      const fill = over(parse(shape.fill), bg);
      return {classes: n.getAttribute('class').split(' '), text: nameOf(n),
              fill: shape.fill, dash: shape.strokeDasharray, decoration: getComputedStyle(n.querySelector('foreignObject > div') || label).textDecorationLine,
              contrast: ratio(over(parse(getComputedStyle(label).color), fill), fill)};
    })};
  });
}"""
)


@pytest.fixture(scope="module")
def base(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


@dataclass(frozen=True)
class Palette:
    context: Any  # a Playwright BrowserContext
    scheme: str  # Material's name for it: default (light) or slate (dark)


@pytest.fixture(scope="module", params=["light", "dark"])
def palette(request, chromium) -> Iterator[Palette]:  # type: ignore[no-untyped-def]
    """A browser context in the light or the dark palette (Material follows the system setting)."""
    context = chromium.new_context(
        color_scheme=request.param, viewport={"width": 1400, "height": 1000}
    )
    context.add_init_script(OPEN_SHADOW_ROOTS)
    yield Palette(context, {"light": "default", "dark": "slate"}[request.param])
    context.close()


def open_page(palette: Palette, base: str, path: str) -> Visit:
    visit = Visit(palette.context, base)
    visit.open(path)
    assert (
        visit.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == palette.scheme
    )
    return visit


@pytest.fixture(scope="module")
def visit(palette: Palette, base: str) -> Iterator[Visit]:
    """The new-product-launch page with every diagram drawn, read by all checks of a palette."""
    visit = open_page(palette, base, "processes/new-product-launch/")
    visit.wait_for_diagrams(DIAGRAMS)
    yield visit
    visit.assert_clean()  # no console error, no dialog, no request off 127.0.0.1


def test_every_diagram_renders(visit: Visit) -> None:
    kinds = visit.page.evaluate("() => {" + COLOUR_JS + "return svgs().map(kind); }")
    assert kinds == ["swimlane", "swimlane", *["flowchart-v2"] * 6, "ishikawa", "gantt"]


def test_current_flow_marks_open_problems_and_no_changes(visit: Visit) -> None:
    current = visit.page.evaluate(NODES)[0]["nodes"]
    marked = {n["text"] for n in current if "phProblem" in n["classes"]}
    assert marked == {"⚠ 编写需求规格说明书", "⚠ 小批量试产", "⚠ 量产物料采购"}
    assert not any(c in n["classes"] for n in current for c in ("phNew", "phChanged", "phRemoved"))
    assert not any(n["text"].startswith(("［新增］", "［变更］", "［删除］")) for n in current)


def test_comparison_shows_three_change_kinds_with_distinct_styles(visit: Visit) -> None:
    compare = visit.page.evaluate(NODES)[1]["nodes"]
    kinds = {
        "phNew": ("new", "［新增］"),
        "phChanged": ("changed", "［变更］"),
        "phRemoved": ("removed", "［删除］"),
    }
    fills = {}
    for css_class, (change, marker) in kinds.items():
        nodes = [n for n in compare if css_class in n["classes"]]
        expected = [marker + s.name for s in LAUNCH.steps if s.change == change]
        assert sorted(n["text"] for n in nodes) == sorted(expected)
        assert len({n["fill"] for n in nodes}) == 1
        fills[css_class] = nodes[0]["fill"]
    plain = {
        n["fill"]
        for n in compare
        if not any(c in n["classes"] for c in kinds) and n["text"] not in ("开始", "结束")
    }
    assert len(set(fills.values()) | plain) == len(fills) + len(plain) == 4, (fills, plain)
    removed = next(n for n in compare if "phRemoved" in n["classes"])
    assert removed["dash"] not in ("none", "") and removed["decoration"] == "line-through"
    assert all(n["dash"] in ("none", "") for n in compare if "phRemoved" not in n["classes"])


def test_marked_steps_stay_readable_in_both_palettes(visit: Visit) -> None:
    views = visit.page.evaluate(NODES)
    ratios = {
        n["text"]: n["contrast"]
        for v in views
        for n in v["nodes"]
        if any(c.startswith("ph") for c in n["classes"])
    }
    assert len(ratios) >= 10 and min(ratios.values()) >= 4.5, ratios


def test_why_chains_and_fishbone_render(visit: Visit) -> None:
    drawn = visit.page.evaluate(
        "() => {"
        + COLOUR_JS
        + """
      const bg = pageBg();
      return svgs().filter(s => ['flowchart-v2', 'ishikawa'].includes(kind(s))).map(s => ({
        kind: kind(s), text: s.textContent,
        texts: [...s.querySelectorAll('.ishikawa text')].map(t => ratio(over(parse(getComputedStyle(t).fill), bg), bg))}));
    }"""
    )
    chains = [d for d in drawn if d["kind"] == "flowchart-v2"]
    with_whys = [p for p in LAUNCH.problems if p.whys]
    for chain, problem in zip(chains, with_whys, strict=True):
        assert (
            "现象：" + problem.whys[0] in chain["text"]
            and "根本原因：" + problem.root_cause in chain["text"]
        )
        assert chain["text"].count("为什么？") == len(problem.whys) - 1
    fishbone = next(d for d in drawn if d["kind"] == "ishikawa")
    for problem in LAUNCH.problems:
        assert problem.title in fishbone["text"] and problem.category in fishbone["text"]
    assert min(fishbone["texts"]) >= 4.5, fishbone["texts"]


def test_gantt_draws_every_phase_readably(visit: Visit) -> None:
    gantt = visit.page.evaluate(
        "() => {"
        + COLOUR_JS
        + """
      const bg = pageBg();
      const svg = svgs().find(s => kind(s) === 'gantt');
      const bar = parse(getComputedStyle(svg.querySelector('rect.task')).fill);
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return {bars: svg.querySelectorAll('rect.task').length, text: svg.textContent,
        axis: Math.min(...[...svg.querySelectorAll('.tick text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale)),
        today: svg.querySelectorAll('.today').length,
        status: [...svg.querySelectorAll('rect.task')].map(r => /done\\d/.test(r.getAttribute('class')) ? 'done' : /active\\d/.test(r.getAttribute('class')) ? 'active' : 'planned'),
        inside: [...svg.querySelectorAll('text.taskText')].map(t => ratio(parse(getComputedStyle(t).fill), bar)),
        outside: [...svg.querySelectorAll('text.taskTextOutsideRight, text.taskTextOutsideLeft')]
          .map(t => ratio(over(parse(getComputedStyle(t).fill), bg), bg))};
    }"""
    )
    assert gantt["bars"] == len(LAUNCH.plan)
    for phase in LAUNCH.plan:
        assert phase.phase in gantt["text"]
    assert "筹备启动（运营副总裁）" in gantt["text"]
    assert len(gantt["inside"] + gantt["outside"]) == len(LAUNCH.plan)
    assert min(gantt["inside"] + gantt["outside"]) >= 4.5, gantt
    assert gantt["axis"] >= 11, gantt["axis"]  # axis labels stay readable in the column
    assert gantt["today"] >= 1  # the reader's today, drawn by the browser
    # Each bar's colour follows the status the plan table gives it (both from the build's date).
    cells = visit.page.locator(
        "#plan ~ details .ph-table tbody tr td:last-child"
    ).all_text_contents()
    words = {"done": "已完成", "active": "进行中", "planned": "未开始"}
    assert [words[s] in cell for s, cell in zip(gantt["status"], cells, strict=True)] == [True] * 5


def test_goal_progress_bar_is_accessible(visit: Visit) -> None:
    bars = visit.page.locator("article progress.ph-progress")
    first = bars.first
    assert first.get_attribute("value") == "63" and first.get_attribute("aria-label") == "进度"
    cell = visit.page.locator("article td", has=visit.page.locator("progress.ph-progress")).first
    assert cell.inner_text().strip() == "63%"
    assert bars.count() == 2  # the text-only goal has no bar


def test_goals_page_is_in_the_navigation(palette: Palette, base: str) -> None:
    visit = open_page(palette, base, "goals/")
    assert (
        visit.page.locator("article h1").evaluate("h => h.firstChild.textContent.trim()")
        == "目标总览"
    )
    assert visit.page.locator("nav.md-nav--primary a[href$='goals/']").count() >= 1
    rows = visit.page.locator("article table tbody tr")
    assert rows.count() >= 7
    launch = visit.page.locator("article tr", has_text="新产品上市周期")
    assert launch.locator("progress.ph-progress").get_attribute("value") == "63"
    visit.assert_clean()


# --- hostile text --------------------------------------------------------------------

INJECTED = """() => {
  const roots = [document, ...[...document.querySelectorAll('div.mermaid')].map(d => d.shadowRoot)];
  const svgs = DIAGRAMS;
  const found = [];
  for (const root of roots) {
    for (const el of root.querySelectorAll('*')) {
      for (const a of el.attributes) if (a.name.startsWith('on')) found.push(el.tagName + ' ' + a.name);
      if (el.tagName === 'SCRIPT' && !el.src && root !== document) found.push('inline script in a diagram');
      if (el.tagName === 'A' && (el.getAttribute('href') || '').toLowerCase().includes('javascript')) found.push('js link');
    }
  }
  return {found, kinds: svgs.map(svg => svg.getAttribute('aria-roledescription')),
    text: svgs.map(svg => svg.textContent)};
}""".replace("DIAGRAMS", DIAGRAM_SVGS)


def test_hostile_text_stays_inert_in_every_diagram(
    chromium, tmp_path: Path, organization_yml: str
) -> None:  # type: ignore[no-untyped-def]
    processes = tmp_path / "processes"
    processes.mkdir()
    (processes / "organization.yml").write_text(organization_yml, encoding="utf-8")
    (processes / "hostile.yml").write_text(hostile_process(), encoding="utf-8")
    result = build_site(write_project(tmp_path, processes), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    with serve(tmp_path / "site") as url:
        context = chromium.new_context()
        context.add_init_script(OPEN_SHADOW_ROOTS)
        visit = Visit(context, url)
        visit.open("processes/hostile/")
        visit.wait_for_diagrams(5)
        for node in visit.page.locator(".ph-swimlane .ph-flow-view").first.locator("g.node").all():
            node.hover()
        probe = visit.page.evaluate(INJECTED)
        assert probe["found"] == []
        assert probe["kinds"] == [
            "swimlane",
            "swimlane",
            "flowchart-v2",
            "ishikawa",
            "gantt",
        ]  # none is an error
        compare, chain, fishbone, gantt = probe["text"][1:]
        assert "［新增］" + HOSTILE["label"] in compare
        for text in ("script", "label", "directive", "colon"):
            assert HOSTILE[text] in chain, text
        assert HOSTILE["section"] in fishbone and HOSTILE["script"] in fishbone
        for key in ("section", "click", "colon", "directive", "script"):
            assert HOSTILE[key] in gantt, key  # every bar shows its phase name as written
        assert visit.page.evaluate("typeof window.__pwned") == "undefined"
        visit.assert_clean()
        context.close()
