"""The core's pages for the sample handbook, read as a user would read them (no MkDocs involved)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest

from conftest import LoadFiles
from process_handbook.i18n.labels import catalogue
from process_handbook.model.flow import successors as edges_of
from process_handbook.options import BuildOptions
from process_handbook.pipeline import Build, build
from process_handbook.rendering.mermaid import label
from process_handbook.rendering.text import inline, markdown_block
from sitekit import (
    REPO,
    html_tables,
    own_markup_removed,
    page_text,
    section,
    write_hostile_handbook,
)
from test_fuzz import mermaid_blocks

TODAY = dt.date(2026, 11, 23)
SAMPLE = REPO / "processes"


def test_every_process_department_and_role_has_a_page(sample: Build) -> None:
    paths = {p.path for p in sample.pages}
    handbook = sample.handbook
    assert {f"processes/{p.id}.md" for p in handbook.processes} <= paths
    assert {f"departments/{d.id}.md" for d in handbook.organization.departments} <= paths
    assert {f"roles/{r.id}.md" for r in handbook.organization.roles} <= paths
    assert {
        "processes/index.md",
        "departments/index.md",
        "roles/index.md",
        "onboarding/index.md",
        "tools/index.md",
    } <= paths


def test_a_process_url_does_not_depend_on_its_folder(sample: Build) -> None:
    budget = sample.handbook.process_by_id["annual-budget"]
    assert budget.folder == "finance"
    assert any(p.path == "processes/annual-budget.md" for p in sample.pages)


def test_process_page_sections_in_order(sample: Build) -> None:
    text = page_text(sample, "processes/complaint-handling.md")
    headings = re.findall(r"^## (.+?) \{#", text, re.M)
    # the one-glance responsibility table comes before the steps' details
    expected = ["泳道图", "职责分工表", "RACI 矩阵", "流程步骤", "流程指标", "例会机制"]
    assert headings[: len(expected)] == expected
    header = text.split("\n## ", 1)[0]
    assert (
        '<div><dt><a href="../../glossary/#term-owner">流程负责人</a></dt> '
        '<dd><a href="../../roles/support-manager/">客服部经理</a>'
    ) in header


def test_steps_have_anchors_owner_and_branches(sample: Build) -> None:
    process = sample.handbook.process_by_id["complaint-handling"]
    text = page_text(sample, "processes/complaint-handling.md")
    for step in process.current_steps:
        assert f"{{#step-{step.id}}}" in text
    for step in process.current_steps:
        card = text.split(f"{{#step-{step.id}}}", 1)[1].split("\n### ", 1)[0]
        owner = sample.handbook.roles[step.owner]
        assert (
            f'<div class="ph-owner"><dt>第一责任人</dt> <dd><a href="../../roles/{owner.id}/">'
            f"{inline(owner.name)}</a>"
        ) in card
    decision = next(s for s in process.current_steps if s.kind == "decision")
    card = text.split(f"{{#step-{decision.id}}}", 1)[1].split("\n### ", 1)[0]
    branches = next(
        line
        for line in card.splitlines()
        if line.startswith('<div><dt data-search-exclude="true">分支</dt>')
    )
    for branch in decision.branches:
        target = "结束" if branch.to == "end" else f'<a href="#step-{branch.to}">'
        assert f"{inline(branch.when)} → {target}" in branches


def test_next_is_written_only_where_the_flow_jumps(sample: Build) -> None:
    process = sample.handbook.process_by_id["complaint-handling"]
    text = page_text(sample, "processes/complaint-handling.md")
    steps = process.current_steps
    for step, following in itertools.pairwise(steps):
        card = text.split(f"{{#step-{step.id}}}", 1)[1].split("\n### ", 1)[0]
        jumps = step.kind != "decision" and isinstance(step.next, str) and step.next != following.id
        assert ("<dt>下一步</dt>" in card) == jumps, step.id


def test_responsibility_table_names_lead_support_and_owner(sample: Build) -> None:
    text = page_text(sample, "processes/complaint-handling.md")
    header, *rows = html_tables(section(text, "职责分工表"))[0]
    assert [c.text for c in header] == ["步骤", "主导部门", "配合部门", "第一责任人", "时限"]
    process = sample.handbook.process_by_id["complaint-handling"]
    assert len(rows) == len(process.current_steps)
    for row, step in zip(rows, process.current_steps):
        assert row[0].links == [(f"#step-{step.id}", step.name)]
        assert row[1].text == sample.handbook.departments[step.lane].name
        assert row[3].links[0] == (
            f"../../roles/{step.owner}/",
            sample.handbook.roles[step.owner].name,
        )
    # the people who hold a role are named with it, and how to reach them
    receive = rows[0][3]
    assert "陈静" not in receive.text  # the specialist has no holder named
    manager = next(r for r in rows if r[3].links[0][0] == "../../roles/support-manager/")
    assert manager[3].text.startswith("客服部经理 陈静 400-000-0000 转 801")
    assert ("mailto:chen.jing@example.invalid", "邮件") in manager[3].links


def test_raci_matrix_has_exactly_one_a_per_step(sample: Build) -> None:
    for process in sample.handbook.processes:
        text = page_text(sample, f"processes/{process.id}.md")
        _, *rows = html_tables(section(text, "RACI 矩阵"))[0]
        assert len(rows) == len(process.current_steps)
        for row in rows:
            assert row[0].header  # the step names the row (its first column stays in view)
            assert sum("A" in c.text.split("/") for c in row[1:]) == 1, row


def test_meeting_cadence_in_words(sample: Build) -> None:
    process = sample.handbook.process_by_id["complaint-handling"]
    weekly = next(m for m in process.meetings if m.every == "week")
    text = page_text(sample, "processes/complaint-handling.md")
    weekday = "一二三四五六日"[weekly.day.weekday]
    end = weekly.time.plus(weekly.minutes)
    assert f"每周{weekday} {weekly.time}–{end} ({weekly.timezone or 'Asia/Shanghai'})" in text


def test_department_page_answers_what_do_we_own(sample: Build) -> None:
    handbook = sample.handbook
    text = page_text(sample, "departments/support.md")
    # a row per process with the department's steps of each kind, counted; the finder lists them
    _, *rows = html_tables(section(text, "各流程中的参与"))[0]
    led = {
        p.id: sum(s.lane == "support" for s in p.current_steps)
        for p in handbook.processes
        if any(s.lane == "support" for s in p.current_steps)
    }
    assert {
        row[0].links[0][0].split("/")[-2]: row[1].text for row in rows if row[1].text != "—"
    } == {pid: str(count) for pid, count in led.items()}
    for row in rows:
        pid = row[0].links[0][0].split("/")[-2]
        assert all(
            href == f"../../processes/{pid}/#responsibility" for c in row[1:] for href, _ in c.links
        )
    assert "## 参加的会议" in text
    assert '<div class="ph-finder" data-department="support" data-search-exclude="true">' in text
    assert "<strong>陈静</strong>" in text  # who holds the department's roles, with contacts


def test_role_page_lists_owned_steps_and_chaired_meetings(sample: Build) -> None:
    handbook = sample.handbook
    text = page_text(sample, "roles/support-manager.md")
    owned = [
        (p, s) for p in handbook.processes for s in p.current_steps if s.owner == "support-manager"
    ]
    assert owned
    for process, step in owned:
        assert f'href="../../processes/{process.id}/#step-{step.id}"' in text
    assert '电话 <a href="tel:4000000000">400-000-0000 转 801</a>' in text
    assert '邮件 <a href="mailto:chen.jing@example.invalid">chen.jing@example.invalid</a>' in text
    assert '<a href="https://example.invalid/dingtalk/chat/chen-jing">聊天</a>' in text
    chaired = [m for p in handbook.processes for m in p.meetings if m.chair == "support-manager"]
    assert chaired and "## 主持的会议" in text


def test_onboarding_path_has_checklists_and_glossary(sample: Build) -> None:
    text = page_text(sample, "onboarding/index.md")
    path = [p for p in sample.handbook.processes if {"new-hire", "everyone"} & set(p.audience)]
    assert len(path) >= 3
    headings = re.findall(r"^## (\d+)\. (.+?) \{#([a-z0-9-]+)\}$", text, re.M)
    new_hires = [p for p in path if "new-hire" in p.audience]
    ordered = new_hires + [p for p in path if p not in new_hires]
    assert [(n, pid) for n, _, pid in headings] == [
        (str(i), p.id) for i, p in enumerate(ordered, 1)
    ]
    for process in path:
        checklist = text.split(f'data-checklist="{process.id}"', 1)[1].split("</div>", 1)[0]
        for step in process.current_steps:
            assert f'<input type="checkbox" data-item="{step.id}"> {inline(step.name)}' in checklist
    for department in sample.handbook.organization.departments:
        assert f"[{inline(department.name)}](../departments/{department.id}.md)" in text


def test_processes_index_groups_by_folder_and_tag(sample: Build) -> None:
    text = page_text(sample, "processes/index.md")
    assert "\n## 财务部\n" in text  # the folder finance/ is named after the department
    assert "## 按标签" in text


def test_downloads_are_byte_identical(sample: Build) -> None:
    files = {t.file for p in sample.handbook.processes for t in p.templates}
    assets = {a.path: a for a in sample.assets}
    for file in files:
        assert assets[f"downloads/{file}"].read() == (SAMPLE / file).read_bytes()


def test_same_input_gives_byte_identical_pages(sample: Build) -> None:
    again = build(SAMPLE, BuildOptions(today=TODAY))
    assert [(p.path, p.content) for p in again.pages] == [(p.path, p.content) for p in sample.pages]


def test_overdue_review_badge_uses_the_injected_clock() -> None:
    late = build(SAMPLE, BuildOptions(today=dt.date(2026, 11, 23)))
    early = build(SAMPLE, BuildOptions(today=dt.date(2026, 8, 1)))
    assert "复审逾期 83 天" in page_text(late, "processes/annual-budget.md")
    assert "复审逾期" not in page_text(early, "processes/annual-budget.md")
    assert "下次复审 2026-09-01" in page_text(early, "processes/annual-budget.md")


def test_english_labels_follow_the_language(sample: Build) -> None:
    english = build(SAMPLE, BuildOptions(language="en", today=TODAY))
    text = page_text(english, "processes/complaint-handling.md")
    assert '## Swimlane {#swimlane data-search-exclude="true"}' in text
    header = html_tables(section(text, "Responsibilities"))[0][0]
    assert [c.text for c in header] == [
        "Step",
        "Lead department",
        "Supporting departments",
        "Accountable owner",
        "Time limit",
    ]
    assert "<dt>Cadence</dt> <dd>Every Wednesday 15:00–16:00 (Asia/Shanghai)</dd>" in text


def test_label_catalogues_have_the_same_keys() -> None:
    assert catalogue("zh").keys() == catalogue("en").keys()


# --- the swimlane ---------------------------------------------------------------


def test_swimlane_lanes_in_declared_order_with_every_step(sample: Build) -> None:
    process = sample.handbook.process_by_id["complaint-handling"]
    source = mermaid_blocks(page_text(sample, "processes/complaint-handling.md"))[0]
    assert "\nswimlane-beta LR\n" in source
    names = {d.id: d.name for d in sample.handbook.organization.departments}
    used = [lane for lane in process.lanes if any(s.lane == lane for s in process.current_steps)]
    titles = re.findall(r'subgraph lane\d+\["(.*?)"\]', source)
    assert titles == [label(names[lane]) for lane in used]
    for index, step in enumerate(process.current_steps):
        assert f'click s{index} href "#step-{step.id}"' in source
        assert label(step.name) in source


def test_swimlane_shapes_loops_and_ends(sample: Build) -> None:
    process = sample.handbook.process_by_id["new-product-launch"]
    source = mermaid_blocks(page_text(sample, "processes/new-product-launch.md"))[0]
    steps = process.current_steps
    owners = {r.id: r.name for r in sample.handbook.organization.roles}
    for index, step in enumerate(steps):
        opening = {"task": '["', "decision": '{{"', "subprocess": '[["'}[step.kind]
        assert f"    s{index}{opening}" in source
        # The accountable owner on the second line of every step.
        assert re.search(
            rf"    s{index}\W+[^\n]*<br><small>{label(owners[step.owner])}</small>", source
        )
    assert 'start(["开始"])' in source and 'finish0(["结束"])' in source
    assert "-.->" in source  # a rework loop goes back, drawn dotted and amber
    assert re.search(r"linkStyle [0-9,]+ stroke:#cc7a00,[^\n]*stroke-dasharray:2 4", source)
    assert re.search(r'-->\|"[^"]+"\|', source)  # labelled decision branches


def test_each_lane_that_ends_the_process_has_its_own_end(sample: Build) -> None:
    process = sample.handbook.process_by_id["engineering-change"]
    source = mermaid_blocks(page_text(sample, "processes/engineering-change.md"))[0]
    ends = re.findall(r"^    (finish\d+)\(\[", source, re.MULTILINE)
    enders = {
        s.lane
        for s in process.current_steps
        if any(e.target == "end" for e in edges_of(process, s))
    }
    assert len(ends) == len(enders) >= 2


def test_mermaid_labels_cannot_break_out() -> None:
    for hostile in ['"]) --> x', "end", "%%{init: {}}%%", "<b>", "#quot;", "a|b", "`x`"]:
        encoded = label(hostile)
        assert not set(encoded) & set('"<>|`[](){}%'), encoded
    assert label("客服部 A1") == "客服部 A1"


def test_old_mermaid_gets_a_flowchart_with_lane_boxes() -> None:
    old = build(SAMPLE, BuildOptions(today=TODAY, mermaid_version=(10, 4, 0)))
    page = page_text(old, "processes/complaint-handling.md")
    source = mermaid_blocks(page)[0]
    assert "\nflowchart LR\n" in source and "swimlane-beta" not in source
    assert re.search(r'subgraph lane\d+\["', source)
    # Too old for the handbook's layout: a Mermaid fence, which the theme draws, not the viewer.
    assert "ph-mermaid" not in page and page.count("```mermaid\n---\n") >= 1


def test_the_viewer_draws_the_swimlane_from_mermaid_11_on() -> None:
    """From Mermaid 11 (the layout from outside) the swimlane is raw HTML only the viewer draws,
    its source escaped as a Mermaid fence would write it."""
    for version, header in [((11, 0, 0), "flowchart LR"), ((12, 3, 0), "swimlane-beta LR")]:
        page = page_text(
            build(SAMPLE, BuildOptions(today=TODAY, mermaid_version=version)),
            "processes/complaint-handling.md",
        )
        box = page.split('<div class="ph-swimlane"', 1)[1].split("</pre>", 1)[0]
        assert '>\n\n<pre class="ph-mermaid"><code>---\nconfig:\n' in box, version
        assert f"\n{header}\n" in box and "```" not in box
        assert "&lt;br&gt;&lt;small&gt;" in box and '["客服部"]' in box  # only & < > escaped


@pytest.mark.parametrize("steps", [30, 60, 150])
def test_long_processes_are_real_swimlanes_with_the_handbooks_layout(
    load_files: LoadFiles,
    processes_dir: Path,
    steps: int,
) -> None:
    lines = ["title: 长流程", "owner: support-manager", "steps:"]
    for i in range(steps):
        lane = ("support", "rnd")[i // 5 % 2]
        owner = ("support-specialist", "rnd-lead")[i // 5 % 2]
        lines += [f"  - name: 步骤 {i}", f"    lane: {lane}", f"    owner: {owner}"]
    loaded = load_files({"long.yml": "\n".join(lines) + "\n"})
    assert not loaded.errors
    result = build(processes_dir, BuildOptions(today=TODAY))
    text = page_text(result, "processes/long.md")
    assert "\nswimlane-beta LR\n" in mermaid_blocks(text)[0]
    box = re.search(r'<div class="ph-swimlane"[^>]*data-ph-nodes="([^"]*)"', text)
    assert box and len(box[1].split()) == steps + 2  # every step, the start and one end
    assert "分组框" not in text


# --- untrusted text ---------------------------------------------------------------


def test_plain_text_cannot_become_markup() -> None:
    for text in [
        "<script>x</script>",
        "[a](javascript:x)",
        "{: onclick=x}",
        "**b**",
        "| c |",
        "- item",
        "1. x",
    ]:
        escaped = str(inline(text))
        assert not set(escaped) & set("<>[]{}*|"), escaped
        assert not escaped.startswith(("-", "1."))


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](jav&#x61;script:alert(1))",
        "[x](JAVASCRIPT&#58;alert(1))",
        "![x](https://tracker.invalid/p.png)",
        "[x][r]\n\n[r]: javascript:alert(1)",
    ],
)
def test_descriptions_keep_markdown_but_no_html_or_script_links(source: str) -> None:
    html = str(markdown_block(source))
    tags = re.findall(r"<[^>]+>", html)
    assert all(re.fullmatch(r"</?(div|p|span|a|ul|li)( [^>]*)?>", tag) for tag in tags), tags
    assert not any(re.search(r"javascript|<script|onerror", tag, re.I) for tag in tags), tags


def test_descriptions_keep_formatting_and_web_links() -> None:
    html = str(
        markdown_block("**重要**：见 [制度](https://example.invalid/a?b=1&c=2)\n\n- 一\n- 二")
    )
    assert "<strong>重要</strong>" in html
    assert 'href="https://example.invalid/a?b=1&amp;c=2"' in html
    assert "<li>一</li>" in html


def test_hostile_handbook_renders_inert(tmp_path: Path) -> None:
    result = build(write_hostile_handbook(tmp_path), BuildOptions(today=TODAY))
    assert result.ok, [d.format() for d in result.diagnostics]
    for p in result.pages:
        outside_html_blocks = re.sub(
            r'<div class="ph-description">.*?</div>', "", p.content, flags=re.S
        )
        assert "<script" not in outside_html_blocks and "<img" not in outside_html_blocks, p.path
        assert "](javascript" not in outside_html_blocks, p.path
        assert "{: onclick" not in p.content, p.path
        for block in mermaid_blocks(p.content):
            body = own_markup_removed(block.split("---\n", 2)[-1])
            assert "%%" not in body and "<" not in body.replace("-->", "").replace("-.->", ""), (
                p.path
            )
