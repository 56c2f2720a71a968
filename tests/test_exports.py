"""Responsibility exports (.xlsx, .csv), opened the way Excel and a CSV reader would open them."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from conftest import TODAY
from process_handbook.artifacts.exports import neutral, sheet_names
from process_handbook.options import BuildOptions
from process_handbook.pipeline import Build, build
from sitekit import REPO, html_tables, page_text

SAMPLE = REPO / "processes"
HEADER = ["步骤", "主导部门", "配合部门", "第一责任人", "时限"]
ACCOUNTABLE_FILL = "00FFE699"

#: Names a process owner might type, and what an attacker might: all must come back as typed.
HOSTILE = {
    "formula": "=cmd|' /C calc'!A0",
    "plus": "+1+1",
    "minus": "-2+3",
    "at": "@SUM(1,2)",
    "comma": "研发, 测试",
    "quote": '说 "好"',
    "newline": "第一行\n第二行",
}


@pytest.fixture
def hostile(processes_dir: Path) -> Build:
    """A process whose step names, department and role names are hostile."""
    org = (processes_dir / "organization.yml").read_text("utf-8")
    org = org.replace("name: 研发部", f"name: {json.dumps(HOSTILE['formula'])}")
    org = org.replace("name: 研发组长", f"name: {json.dumps(HOSTILE['at'])}")
    (processes_dir / "organization.yml").write_text(org, encoding="utf-8")
    steps = "\n".join(
        f"  - {{id: {key}, name: {json.dumps(text, ensure_ascii=False)}, lane: rnd, owner: rnd-lead,"
        f" support: [sales], consulted: [support-manager]}}"
        for key, text in HOSTILE.items()
    )
    title = json.dumps("Q1/Q2 [草稿]: 是否*可以*? " + "很长的标题" * 8, ensure_ascii=False)
    (processes_dir / "hostile.yml").write_text(
        f"title: {title}\nowner: support-manager\nsteps:\n{steps}\n",
        encoding="utf-8",
    )
    result = build(processes_dir, BuildOptions(today=TODAY))
    assert result.ok, [d.format() for d in result.diagnostics if d.is_error]
    return result


def asset(result: Build, path: str) -> bytes:
    return next(a.read() for a in result.assets if a.path == path)


def rows(sheet: Worksheet) -> list[list[object]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel reads Chinese correctly"
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


# --- the sample ----------------------------------------------------------------------


def test_every_process_has_a_workbook_and_a_csv(sample: Build) -> None:
    paths = {a.path for a in sample.assets}
    for process in sample.handbook.processes:
        assert {f"exports/{process.id}.xlsx", f"exports/{process.id}.csv"} <= paths
    assert {"exports/handbook.xlsx", "exports/handbook.csv"} <= paths


def test_a_process_sheet_is_its_responsibility_table_and_raci_matrix(sample: Build) -> None:
    handbook = sample.handbook
    process = handbook.process_by_id["complaint-handling"]
    book = load_workbook(io.BytesIO(asset(sample, "exports/complaint-handling.xlsx")))
    assert book.sheetnames == [process.title]
    sheet = book.active
    table = rows(sheet)
    assert table[0][:5] == HEADER
    parties = table[0][5:]
    assert "客服部经理" in parties and "客服专员" in parties
    steps = process.current_steps
    assert [r[0] for r in table[1:]] == [s.name for s in steps]
    for step, row in zip(steps, table[1:]):
        assert row[1] == handbook.departments[step.lane].name
        assert row[3] == handbook.roles[step.owner].name
        letters = dict(zip(parties, row[5:]))
        assert "A" in letters[handbook.roles[step.owner].name]  # the owner is accountable
        assert sum("A" in (v or "") for v in letters.values()) == 1
    receive = table[1]
    assert receive[2] == "销售部" and receive[4] == "2 小时"


def test_the_sheet_is_ready_to_work_in(sample: Build) -> None:
    sheet = load_workbook(io.BytesIO(asset(sample, "exports/complaint-handling.xlsx"))).active
    assert sheet.freeze_panes == "B2", "the header row and the step column stay in view"
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.auto_filter.ref == sheet.dimensions
    assert 10 <= sheet.column_dimensions["A"].width <= 40
    assert sheet.page_setup.orientation == "landscape"
    for row in sheet.iter_rows(min_row=2, min_col=6):
        for cell in row:
            filled = cell.fill.fgColor.rgb == ACCOUNTABLE_FILL
            assert filled == ("A" in (cell.value or "")), cell.coordinate


def test_the_handbook_workbook_has_one_sheet_per_process(sample: Build) -> None:
    book = load_workbook(io.BytesIO(asset(sample, "exports/handbook.xlsx")))
    assert book.sheetnames == [p.title for p in sample.handbook.processes]
    for process, sheet in zip(sample.handbook.processes, book.worksheets):
        assert rows(sheet) == rows(
            load_workbook(io.BytesIO(asset(sample, f"exports/{process.id}.xlsx"))).active
        )


def test_the_csv_opens_in_excel_with_chinese_intact(sample: Build) -> None:
    table = read_csv(asset(sample, "exports/complaint-handling.csv"))
    sheet = load_workbook(io.BytesIO(asset(sample, "exports/complaint-handling.xlsx"))).active
    assert table == [[v or "" for v in row] for row in rows(sheet)]
    assert b"\r\n" in asset(sample, "exports/complaint-handling.csv")


def test_the_handbook_csv_names_the_process_of_every_row(sample: Build) -> None:
    table = read_csv(asset(sample, "exports/handbook.csv"))
    assert table[0][:6] == ["流程", *HEADER]
    steps = [(p.title, s.name) for p in sample.handbook.processes for s in p.current_steps]
    assert [(r[0], r[1]) for r in table[1:]] == steps
    assert all(len(r) == len(table[0]) for r in table)


def test_english_labels(processes_dir: Path) -> None:
    (processes_dir / "p.yml").write_text(
        "title: P\nowner: support-manager\nsteps:\n"
        "  - {name: a, lane: support, owner: support-manager, duration: 2h}\n",
        encoding="utf-8",
    )
    result = build(processes_dir, BuildOptions(today=TODAY, language="en"))
    assert read_csv(asset(result, "exports/p.csv"))[:2] == [
        [
            "Step",
            "Lead department",
            "Supporting departments",
            "Accountable owner",
            "Time limit",
            "客服部经理",
        ],
        ["a", "客服部", "", "客服部经理", "2 h", "A/R"],
    ]


# --- hostile text ----------------------------------------------------------------------


def test_csv_cells_never_become_formulas_and_text_survives(hostile: Build) -> None:
    table = read_csv(asset(hostile, "exports/hostile.csv"))
    names = [r[0] for r in table[1:]]
    assert names == [
        "'=cmd|' /C calc'!A0",
        "'+1+1",
        "'-2+3",
        "'@SUM(1,2)",
        "研发, 测试",
        '说 "好"',
        "第一行\n第二行",
    ]
    assert all(r[1] == "'=cmd|' /C calc'!A0" and r[3] == "'@SUM(1,2)" for r in table[1:])
    assert "'@SUM(1,2)" in table[0], "hostile party names in the header are neutralized too"


def test_a_leading_tab_or_carriage_return_is_neutralized_too() -> None:
    """The loader trims names, so these come only from deeper fields; the rule covers them anyway."""
    assert [neutral(t) for t in ("\t=1", "\r=1", "a=1", "")] == ["'\t=1", "'\r=1", "a=1", ""]


def test_workbook_cells_are_text_excel_will_not_run(hostile: Build) -> None:
    book = load_workbook(io.BytesIO(asset(hostile, "exports/hostile.xlsx")))
    sheet = book.active
    for key, row in zip(HOSTILE, sheet.iter_rows(min_row=2)):
        cell = row[0]
        assert cell.value == HOSTILE[key], key
        assert cell.data_type == "s", key
        assert cell.quotePrefix == HOSTILE[key].startswith(("=", "+", "-", "@")), key
    lead = sheet["B2"]
    assert (lead.value, lead.data_type) == (HOSTILE["formula"], "s")
    raw = zipfile.ZipFile(io.BytesIO(asset(hostile, "exports/hostile.xlsx"))).read(
        "xl/worksheets/sheet1.xml"
    )
    assert b"<f>" not in raw, "no formula anywhere in the sheet"


def test_sheet_names_follow_excels_rules(hostile: Build) -> None:
    name = load_workbook(io.BytesIO(asset(hostile, "exports/hostile.xlsx"))).sheetnames[0]
    assert len(name) <= 31 and not set("[]:*?/\\") & set(name)
    assert name.startswith("Q1_Q2 _草稿__ 是否_可以__")


def test_sheet_names_are_unique_and_never_reserved() -> None:
    names = sheet_names(
        ["History", "预算" * 20, "预算" * 20, "'引号'", "", "a\nb", "😀" * 20, "HISTORY"]
    )
    assert names[0] == "History (2)"
    assert names[1] == "预算" * 15 + "预"
    assert names[2] == ("预算" * 14)[:27] + " (2)"
    assert names[3:6] == ["引号", "Sheet", "a b"]
    assert len(names[6].encode("utf-16-le")) // 2 <= 31
    assert names[7] == "HISTORY (3)"
    assert len({n.lower() for n in names}) == len(names)


# --- stable output -----------------------------------------------------------------------


def test_two_builds_write_byte_identical_files(sample: Build) -> None:
    again = build(SAMPLE, BuildOptions(today=TODAY))
    first = {a.path: a.read() for a in sample.assets if a.path.startswith("exports/")}
    assert first == {a.path: a.read() for a in again.assets if a.path.startswith("exports/")}


def test_workbooks_carry_no_build_time(sample: Build) -> None:
    archive = zipfile.ZipFile(io.BytesIO(asset(sample, "exports/handbook.xlsx")))
    assert {info.date_time for info in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    core = archive.read("docProps/core.xml").decode()
    assert core.count("2026-01-01T00:00:00Z") == 2  # created and modified


# --- pages ---------------------------------------------------------------------------------


def test_the_process_page_offers_its_downloads(sample: Build) -> None:
    text = page_text(sample, "processes/complaint-handling.md")
    assert (
        "**下载职责分工表与 RACI 矩阵**：[Excel（.xlsx）](../exports/complaint-handling.xlsx)"
        " · [CSV（.csv）](../exports/complaint-handling.csv)"
    ) in text
    assert text.index("exports/complaint-handling.xlsx") < text.index("## 例会机制")


def test_the_overview_counts_steps_led_supported_and_owned(sample: Build) -> None:
    text = page_text(sample, "responsibility/index.md")
    assert "\n# 部门职责总览\n" in text
    assert (
        "[Excel（.xlsx）](../exports/handbook.xlsx)" in text
        and "[CSV（.csv）](../exports/handbook.csv)" in text
    )
    handbook = sample.handbook
    header, *rows = html_tables(text)[0]
    assert [c.links for c in header[1:-1]] == [
        [(f"../departments/{d.id}/", d.name)] for d in handbook.organization.departments
    ]
    home = {r.id: r.department for r in handbook.organization.roles}
    for process, row in zip(handbook.processes, rows, strict=True):
        assert row[0].header and row[0].links == [
            (f"../processes/{process.id}/#responsibility", process.title)
        ]
        steps = process.current_steps
        for department, cell in zip(handbook.organization.departments, row[1:-1]):
            led = sum(s.lane == department.id for s in steps)
            supported = sum(
                s.lane != department.id
                and department.id in {*s.support, *(home[r] for r in s.responsible or [])}
                for s in steps
            )
            owned = sum(home[s.owner] == department.id for s in steps)
            expected = f"主{led}配{supported}责{owned}" if led or supported or owned else ""
            assert cell.text == expected, (process.id, department.id, cell.text)
        assert (f"../exports/{process.id}.xlsx", "xlsx") in row[-1].links


@pytest.mark.site
def test_the_site_has_the_overview_in_its_navigation_and_serves_the_files(
    sample_site: Path,
) -> None:
    html = (sample_site / "responsibility" / "index.html").read_text("utf-8")
    nav = html.split('class="md-nav md-nav--primary"', 1)[1]
    assert nav.index("部门职责总览") > nav.index("客服专员"), "after the roles section"
    assert 'href="../exports/handbook.xlsx"' in html
    for name in (
        "handbook.xlsx",
        "handbook.csv",
        "complaint-handling.xlsx",
        "complaint-handling.csv",
    ):
        assert (sample_site / "exports" / name).stat().st_size > 100
