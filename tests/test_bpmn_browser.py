"""In real Chromium: bpmn-js shows every exported process with all lanes and nodes in view; the
metrics overview sorts; the process page links its BPMN file."""

from __future__ import annotations

from pathlib import Path

import pytest

from process_handbook.artifacts.bpmn import bpmn
from process_handbook.i18n.labels import Labels
from sitekit import REPO, serve
from test_bpmn import SAMPLE

pytestmark = [pytest.mark.browser]

#: Every element the file has, the viewer must draw inside the visible canvas, with a size.
VISIBLE = """
(ids) => ids.filter((id) => {
  const element = document.querySelector(`[data-element-id="${CSS.escape(id)}"]`);
  if (!element) return true;
  const box = element.getBoundingClientRect();
  return !(box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0
           && box.right <= innerWidth + 1 && box.bottom <= innerHeight + 1);
})
"""


@pytest.fixture(scope="module")
def repo_url():  # type: ignore[no-untyped-def]
    """The repository served, for the viewer test page and node_modules/bpmn-js."""
    with serve(REPO) as url:
        yield url


@pytest.mark.parametrize("process", SAMPLE.processes, ids=lambda p: p.id)
def test_bpmn_js_shows_every_lane_and_node(chromium, repo_url: str, process) -> None:  # type: ignore[no-untyped-def]
    page = chromium.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(repo_url + "tests/js/viewer.html")
    xml = bpmn(process, SAMPLE, Labels("zh")).decode()
    shown = page.evaluate("xml => show(xml)", xml)
    assert shown["warnings"] == [] and errors == []
    drawn = {e["id"]: e["type"] for e in shown["elements"]}
    lanes = [i for i, t in drawn.items() if t == "bpmn:Lane"]
    assert len(lanes) == len({s.lane for s in process.current_steps})
    steps = [f"Step_{s.id}" for s in process.current_steps]
    assert set(steps) <= set(drawn)
    shapes = [
        i for i, t in drawn.items() if t not in ("bpmn:SequenceFlow", "label") and "_label" not in i
    ]
    assert page.evaluate(VISIBLE, shapes) == []
    for step in process.current_steps:
        if step.kind != "decision":  # a task's name is drawn inside it (a gateway's beside it)
            shown_name = page.text_content(f"[data-element-id='Step_{step.id}'] .djs-visual text")
            assert "".join((shown_name or "").split()) == "".join(step.name.split())
    page.close()


@pytest.mark.site
def test_metrics_overview_sorts_by_its_columns(chromium, sample_url: str) -> None:  # type: ignore[no-untyped-def]
    page = chromium.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(sample_url + "metrics/")
    page.wait_for_selector(".ph-sortable th .ph-sort")
    headers = page.eval_on_selector_all(
        ".ph-sortable th", "els => els.map(e => e.textContent.trim())"
    )
    assert headers[:1] == ["流程"] and "交接" in headers and "关键路径" in headers

    def column(name: str) -> list[str]:
        index = headers.index(name) + 1
        return page.eval_on_selector_all(
            f".ph-sortable tbody td:nth-child({index})", "els => els.map(e => e.textContent.trim())"
        )

    def titles() -> list[str]:
        return page.eval_on_selector_all(
            ".ph-sortable tbody td:first-child", "els => els.map(e => e.textContent.trim())"
        )

    page.click(f".ph-sortable th:nth-child({headers.index('关键路径') + 1}) .ph-sort")
    assert titles()[0] == "客户补偿审批流程"  # 3.2 days, the shortest
    page.click(f".ph-sortable th:nth-child({headers.index('关键路径') + 1}) .ph-sort")
    assert titles()[0] == "新产品上市协作流程"  # 119 days, the longest; by minutes, not by text
    assert column("关键路径")[0] == "150 天 → 119 天"
    page.click(f".ph-sortable th:nth-child({headers.index('交接') + 1}) .ph-sort")
    handoffs = [int(text.split("→")[-1]) for text in column("交接")]
    assert handoffs == sorted(handoffs)
    page.click(f".ph-sortable th:nth-child({headers.index('涉及部门') + 1}) .ph-sort")
    page.click(f".ph-sortable th:nth-child({headers.index('涉及部门') + 1}) .ph-sort")
    departments = [int(text.split("→")[-1]) for text in column("涉及部门")]
    assert departments == sorted(departments, reverse=True)
    sorted_by = page.get_attribute(
        f".ph-sortable th:nth-child({headers.index('涉及部门') + 1})", "aria-sort"
    )
    assert sorted_by == "descending"
    assert "⚑ 负荷集中" in page.inner_text("article")
    assert errors == []
    page.close()


@pytest.mark.site
def test_process_page_links_its_bpmn_and_shows_metrics(chromium, sample_url: str) -> None:  # type: ignore[no-untyped-def]
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    page.goto(sample_url + "processes/new-product-launch/")
    assert "本次优化：步骤 11 → 14，交接 8 → 9" in page.inner_text("article")
    page.locator("#metrics + details > summary").click()  # the table, one click away
    text = page.inner_text("article")
    assert "新产品上市周期（立项到上市发布）：150 天 → 120 天" in text
    href = page.get_attribute("a:text('BPMN（建模工具）')", "href")
    assert href is not None and href.endswith("exports/new-product-launch.bpmn")
    body = page.evaluate("url => fetch(url).then(r => r.text())", href)
    assert (
        body.startswith('<?xml version="1.0" encoding="UTF-8"?>') and "bpmn:collaboration" in body
    )
    assert "流程指标总览" in page.text_content("nav a[href$='metrics/']")
    page.close()


@pytest.mark.site
def test_sample_site_serves_the_bpmn_files(sample_site: Path) -> None:
    for process in SAMPLE.processes:
        assert (sample_site / "exports" / f"{process.id}.bpmn").read_bytes() == bpmn(
            process, SAMPLE, Labels("zh")
        )
