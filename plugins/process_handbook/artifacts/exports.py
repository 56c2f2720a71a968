"""Responsibility tables as spreadsheets (.xlsx and .csv), per process and for the whole handbook.

A process is one table with a row per step: the step, its lead department,
supporting departments, accountable owner and time limit, then one RACI column
per role or department involved (R, A, C, I). The whole-handbook workbook has
one sheet per process; the whole-handbook CSV puts every process in one table
with the process in the first column.

Author text is never run as a formula: in a CSV a cell that a spreadsheet would
read as one (`=`, `+`, `-`, `@`, tab, carriage return first) gets a leading `'`;
in a workbook every cell is stored as text, which Excel shows and never runs.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..cache import Store, code_version, digest
from .. import paths
from ..i18n.labels import Labels
from ..model.entities import Process
from ..model.handbook import Handbook
from ..model.queries import raci_matrix
from ..options import BuildOptions
from ..output import Asset
from .office import new_workbook, workbook_bytes

#: What makes a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Excel's limit on sheet names, counted in UTF-16 code units, and the characters it forbids.
SHEET_NAME_LIMIT = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
ACCOUNTABLE_FILL = PatternFill("solid", fgColor="FFE699")
BOLD = Font(bold=True)
TEXT = Alignment(wrap_text=True, vertical="top")
LETTERS = Alignment(horizontal="center", vertical="top")
MAX_TEXT_WIDTH, MAX_LETTERS_WIDTH = 40, 14


@dataclass(frozen=True)
class Table:
    title: str
    header: list[str]
    rows: list[list[str]]
    raci_from: int  # the index of the first RACI column


def exports(handbook: Handbook, options: BuildOptions) -> list[Asset]:
    """Per process an .xlsx and a .csv, then the whole handbook's.

    Writing a workbook (openpyxl) is most of the time: each is kept by the hash of its
    tables (`cache.Store`), so a rebuild writes only those whose content changed.
    """
    labels = Labels(options.language)
    store = Store("files", options.cache_dir)

    def workbook(title: str, tables: list[Table]) -> bytes:
        key = digest(code_version(), "xlsx", title, [dataclasses.astuple(t) for t in tables])
        return store.file(key, lambda: new_workbook_bytes(title, tables))

    tables = [table(handbook, labels, [process]) for process in handbook.processes]
    assets = []
    for process, one in zip(handbook.processes, tables):
        assets.append(
            Asset(
                paths.process_export(process.id or "", "xlsx"), content=workbook(one.title, [one])
            )
        )
        assets.append(Asset(paths.process_export(process.id or "", "csv"), content=csv_bytes(one)))
    everything = table(handbook, labels, handbook.processes, with_process=True)
    # a workbook needs a sheet: without processes, the whole-handbook table (a header row)
    assets.append(
        Asset(
            paths.handbook_export("xlsx"),
            content=workbook(everything.title, tables or [everything]),
        )
    )
    assets.append(Asset(paths.handbook_export("csv"), content=csv_bytes(everything)))
    store.retain()
    return assets


def table(
    handbook: Handbook, labels: Labels, processes: list[Process], *, with_process: bool = False
) -> Table:
    """The responsibility table of `processes`, with a RACI column for every party any of them involves."""
    matrices = [raci_matrix(process, handbook) for process in processes]
    order = {party: i for i, party in enumerate([*handbook.roles, *handbook.departments])}
    parties = sorted(
        {party for matrix in matrices for party in matrix.parties}, key=order.__getitem__
    )
    header = [labels.step, labels.lead, labels.supporting, labels.accountable, labels.time_limit]
    lead = [labels.process] if with_process else []
    column = {party: i for i, party in enumerate(parties)}
    rows = []
    for process, matrix in zip(processes, matrices):
        for step, cells in matrix.rows:
            letters = [""] * len(parties)  # the whole handbook's table has hundreds of parties
            for party, cell in zip(matrix.parties, cells):
                letters[column[party]] = cell
            rows.append(
                [
                    *([process.title] if with_process else []),
                    step.name,
                    handbook.party_name(step.lane),
                    labels.list_separator.join(handbook.party_name(d) for d in step.support),
                    handbook.party_name(step.owner),
                    labels.duration(step.duration) if step.duration else "",
                    *letters,
                ]
            )
    title = processes[0].title if len(processes) == 1 else labels.responsibility_overview
    columns = [*lead, *header, *(handbook.party_name(p) for p in parties)]
    return Table(title, columns, rows, len(lead) + len(header))


# --- CSV -----------------------------------------------------------------------------


def csv_bytes(table: Table) -> bytes:
    """RFC 4180 (CRLF, quotes where needed), UTF-8 with a BOM so Excel reads Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in [table.header, *table.rows]:
        writer.writerow([neutral(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def neutral(text: str) -> str:
    """A CSV cell no spreadsheet runs as a formula: a leading `'` where one would."""
    text = str(text)
    return f"'{text}" if text.startswith(FORMULA_START) else text


# --- xlsx ----------------------------------------------------------------------------


def new_workbook_bytes(title: str, tables: list[Table]) -> bytes:
    """One sheet per table, named after it."""
    book = new_workbook(title)
    for one, name in zip(tables, sheet_names([t.title for t in tables])):
        _sheet(book.create_sheet(name), one)
    return workbook_bytes(book)


def _sheet(sheet: Worksheet, table: Table) -> None:
    """Header in bold on a tint, frozen with the first column; A cells highlighted; printed landscape.

    Empty cells are left out: most of a RACI matrix is empty, and an empty cell shows nothing to style.
    """
    widths: dict[int, int] = {}
    for r, row in enumerate([table.header, *table.rows], start=1):
        for c, text in enumerate(row, start=1):
            if not text:
                continue
            letters = c > table.raci_from
            cell = sheet.cell(r, c)
            _text(cell, text)
            cell.alignment = LETTERS if letters and r > 1 else TEXT
            if r == 1:
                cell.font, cell.fill = BOLD, HEADER_FILL
            elif letters and "A" in text:
                cell.font, cell.fill = BOLD, ACCOUNTABLE_FILL
            widths[c] = max(widths.get(c, 0), _display_width(text))
    for c, width in widths.items():
        limit = MAX_LETTERS_WIDTH if c > table.raci_from else MAX_TEXT_WIDTH
        sheet.column_dimensions[get_column_letter(c)].width = min(width + 2, limit)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _text(cell: Cell | MergedCell, text: str) -> None:
    """A text cell, even when it starts with `=`: Excel shows it and never runs it."""
    cell.value = text
    cell.data_type = "s"
    if text.startswith(FORMULA_START):
        cell.quotePrefix = True  # stays text when someone edits the cell


@lru_cache(maxsize=65536)  # names repeat in every table they appear in
def _display_width(text: str) -> int:
    """Columns the longest line needs: Chinese characters take two."""
    return max(
        len(line)
        if line.isascii()
        else sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        for line in text.splitlines() or [""]
    )


def sheet_names(titles: list[str]) -> list[str]:
    """Sheet names Excel accepts: at most 31 characters, none of []:*?/\\, no apostrophe at either
    end, not the reserved "History", different from each other (Excel ignores letter case)."""
    used = {"history"}
    names = []
    for title in titles:
        base = _SHEET_FORBIDDEN.sub("_", " ".join(title.split())).strip("'") or "Sheet"
        name, number = _clip(base, SHEET_NAME_LIMIT), 1
        while name.lower() in used:
            number += 1
            suffix = f" ({number})"
            name = _clip(base, SHEET_NAME_LIMIT - len(suffix)) + suffix
        used.add(name.lower())
        names.append(name)
    return names


def _clip(text: str, limit: int) -> str:
    """At most `limit` UTF-16 code units (how Excel counts), never ending in an apostrophe."""
    while len(text.encode("utf-16-le")) > 2 * limit:
        text = text[:-1]
    return text.rstrip("'")
