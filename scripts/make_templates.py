"""Render the sample handbook's Office templates into processes/templates/ from data files.

    .venv/bin/python scripts/make_templates.py [OUTPUT_DIR]     # default: processes/templates

`scripts/templates/<path>.yml` is the content of `<path>`, a .xlsx or .docx file: sheets of
blocks or a document's blocks, each block's kind its first key (the functions below say what
each takes). Markdown templates have no data file: the committed .md is the source. The
output is byte for byte reproducible: `process_handbook.artifacts.office` makes and saves
the workbooks, and documents get its fixed time and zip normalisation too.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from process_handbook.artifacts import office

DATA = Path(__file__).resolve().parent / "templates"
DEFAULT_OUTPUT = DATA.parent.parent / "processes" / "templates"
FONT = "微软雅黑"
Spec = dict[str, Any]

# --- workbooks: the house style, then one function per kind of block ------------------

THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FILLS = {"header": "DDEBF7", "example": "F2F2F2", "total": "FFF2CC", "label": "EDEDED"}
ALIGNMENTS = {
    "wrap": Alignment(wrap_text=True, vertical="center"),
    "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
    "title": Alignment(horizontal="center", vertical="center"),
}
#: A style sets only what it names: `font` (changes to the house font), `fill`, `border`,
#: `align`, `format` (of numbers). A workbook's own `styles:` may add names.
STYLES: dict[str, Spec] = {
    "title": {"font": {"bold": True, "size": 14}, "align": "title"},
    "note": {"font": {"size": 9, "color": "7F7F7F", "italic": True}, "align": "wrap"},
    "header": {"font": {"bold": True}, "fill": "header", "border": True, "align": "center"},
    "body": {"font": {}, "border": True, "align": "wrap"},
    "label": {"font": {"bold": True}, "fill": "label", "border": True, "align": "center"},
    "value": {"font": {"color": "7F7F7F"}, "align": "wrap"},
}


@dataclass
class Sheet:
    ws: Worksheet
    width: int  # in columns, as many as the sheet's `widths`
    styles: dict[str, Spec]

    def put(self, cell: Cell, style: str | Spec) -> Cell:
        spec = self.styles[style] if isinstance(style, str) else style
        if "font" in spec:
            font = {"bold": False, "size": 10, "color": "000000", "italic": False, **spec["font"]}
            cell.font = Font(name=FONT, **font)
        if "fill" in spec:
            cell.fill = PatternFill("solid", fgColor=FILLS[spec["fill"]])
        if "border" in spec:
            cell.border = BORDER
        if "align" in spec:
            cell.alignment = ALIGNMENTS[spec["align"]]
        if "format" in spec:
            cell.number_format = spec["format"]
        return cell

    def merge(self, row: int, span: str | range) -> None:
        cols = columns(span) if isinstance(span, str) else span
        self.ws.merge_cells(start_row=row, start_column=cols[0], end_row=row, end_column=cols[-1])


def columns(span: str) -> range:
    """`D` or `D:P` as column numbers."""
    first, _, last = span.partition(":")
    return range(column_index_from_string(first), column_index_from_string(last or first) + 1)


def title(s: Sheet, b: Spec) -> None:
    """`title: text` across row 1, or `note: text` (a grey hint) across row `row`."""
    row, style, height = (1, "title", 28) if "title" in b else (b["row"], "note", 30)
    s.merge(row, range(1, s.width + 1))
    s.put(s.ws.cell(row=row, column=1, value=b.get("title", b.get("note"))), style)
    s.ws.row_dimensions[row].height = height


def fields(s: Sheet, b: Spec) -> None:
    """`fields: [[label, value], ...]` from row `row`, two pairs a row across the sheet."""
    half = s.width // 2
    for i, (label, value) in enumerate(b["fields"]):
        row, first = b["row"] + i // 2, 1 + i % 2 * half
        s.put(s.ws.cell(row=row, column=first, value=label), "label")
        s.merge(row, range(first + 1, first + half))
        s.put(s.ws.cell(row=row, column=first + 1, value=value), "value")
        for col in range(first + 1, first + half):
            s.ws.cell(row=row, column=col).border = BORDER
        s.ws.row_dimensions[row].height = 22


def table(s: Sheet, b: Spec) -> None:
    """`table: [[value, ...], ...]` from row `row` (`fill`ed), then `blank` rows to row `last`;
    `number` puts 1, 2, ... first; `formulas` ({row}, {col} filled in) and `styles` go to
    column spans; a row has `columns` cells in `style`; then `merge` (spans) and `height`."""
    given: list[list[Any]] = b["table"]
    for i in range(max(len(given), b.get("last", 0) - b["row"] + 1)):
        row = b["row"] + i
        values = ([i + 1] if b.get("number") else []) + (
            given[i] if i < len(given) else b.get("blank", [])
        )
        for col in range(1, b.get("columns", s.width) + 1):
            value = values[col - 1] if col <= len(values) else None
            cell = s.put(s.ws.cell(row=row, column=col, value=value), b.get("style", "body"))
            if i < len(given) and "fill" in b:
                s.put(cell, {"fill": b["fill"]})
        for span, formula in b.get("formulas", {}).items():
            for col in columns(span):
                text = formula.replace("{row}", str(row)).replace("{col}", get_column_letter(col))
                s.ws.cell(row=row, column=col, value=text)
        for span, style in b.get("styles", {}).items():
            for col in columns(span):
                s.put(s.ws.cell(row=row, column=col), style)
        for span in b.get("merge", []):
            s.merge(row, span)
        if "height" in b:
            s.ws.row_dimensions[row].height = b["height"]


def header(s: Sheet, b: Spec) -> None:
    """`header: [name, ...]` in row `row`; `merge` as for a table."""
    table(
        s,
        {**b, "table": [b["header"]], "columns": len(b["header"]), "style": "header", "height": 32},
    )


def cells(s: Sheet, b: Spec) -> None:
    """`cells: [entry, ...]`, each: `merge` (a range, merged first), `at` (a cell or range),
    `value` (into its first cell), `style` (on every cell of it), `height` (of its row)."""
    for entry in b["cells"]:
        if "merge" in entry:
            s.ws.merge_cells(entry["merge"])
        found = s.ws[entry["at"]]
        targets = [c for line in found for c in line] if isinstance(found, tuple) else [found]
        if "value" in entry:
            targets[0].value = entry["value"]
        for cell in targets if "style" in entry else []:
            s.put(cell, entry["style"])
        if "height" in entry:
            s.ws.row_dimensions[targets[0].row].height = entry["height"]


SHEET_BLOCKS = {"title": title, "note": title, "fields": fields, "table": table}
SHEET_BLOCKS |= {"header": header, "cells": cells}


def validation(s: Sheet, v: Spec) -> None:
    """A sheet's `validations`: a drop-down of `options` on the range `cells`, with `prompt`."""
    dv = DataValidation(type="list", formula1=f'"{",".join(v["options"])}"', allow_blank=True)
    dv.promptTitle, dv.prompt, dv.errorTitle = "请选择", v["prompt"], "无效的值"
    dv.error = "请从下拉列表中选择：" + "、".join(v["options"])
    dv.showInputMessage = dv.showErrorMessage = True
    s.ws.add_data_validation(dv)
    dv.add(v["cells"])


def workbook(spec: Spec) -> bytes:
    """`title`, `subject`, `styles`, and `sheets`, each: `name`, `widths` of its columns,
    `blocks`, and optionally `validations`, `freeze`, `filter`, `page` (setup), `print_titles`."""
    wb = office.new_workbook(spec["title"])
    wb.properties.subject = spec["subject"]
    for data in spec["sheets"]:
        ws = wb.create_sheet(data["name"])
        s = Sheet(ws, len(data["widths"]), STYLES | spec.get("styles", {}))
        for col, width in enumerate(data["widths"], start=1):
            ws.column_dimensions[get_column_letter(col)].width = width
        for block in data["blocks"]:
            SHEET_BLOCKS[kind(block, SHEET_BLOCKS)](s, block)
        for v in data.get("validations", []):
            validation(s, v)
        if "freeze" in data:
            ws.freeze_panes = data["freeze"]
        if "filter" in data:
            ws.auto_filter.ref = data["filter"]
        if "page" in data:  # orientation, fitToWidth, ...: a printed sheet fits the page
            for name, value in data["page"].items():
                setattr(ws.page_setup, name, value)
            ws.sheet_properties.pageSetUpPr.fitToPage = True
        if "print_titles" in data:
            ws.print_title_rows = data["print_titles"]
    return office.workbook_bytes(wb)


# --- documents ------------------------------------------------------------------------

GREY = RGBColor(0x7F, 0x7F, 0x7F)
FONTED = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3")
FONTED += ("List Bullet", "List Number", "Table Grid")


def new_document(spec: Spec) -> DocumentObject:
    doc = Document()
    props = doc.core_properties
    props.author = props.last_modified_by = office.AUTHOR
    props.title, props.subject, props.keywords = spec["title"], spec["subject"], "流程手册, 模板"
    props.comments, props.category = "由 scripts/make_templates.py 生成", "模板"
    props.revision = 1
    props.created = props.modified = props.last_printed = office.FIXED_TIME
    for name in FONTED:  # the house font for Latin and East Asian text alike
        doc.styles[name].font.name = FONT
        rpr = doc.styles[name].element.get_or_add_rPr()
        if rpr.find(qn("w:rFonts")) is None:
            rpr.append(rpr.makeelement(qn("w:rFonts"), {}))
        for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
            rpr.find(qn("w:rFonts")).set(qn(attribute), FONT)
    doc.styles["Normal"].font.size = Pt(10.5)
    return doc


def doc_title(doc: DocumentObject, b: Spec) -> None:
    """`title`, centred, and a small grey `subtitle` under it."""
    paragraph = doc.add_paragraph(style="Title")
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(b["title"])
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(b["subtitle"])
    run.font.size, run.font.color.rgb = Pt(9), GREY


def grid(doc: DocumentObject, rows: list[list[Any]], bold: Callable[[int, int], bool]) -> Any:
    """A Table Grid table, the cells where `bold(row, column)` in bold, and a paragraph after it."""
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = doc.styles["Table Grid"]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            t.cell(r, c).text = str(value)
            for run in t.cell(r, c).paragraphs[0].runs if bold(r, c) else []:
                run.bold = True
    doc.add_paragraph()
    return t


def doc_fields(doc: DocumentObject, b: Spec) -> None:
    """`fields: [[label, value], ...]`, two pairs a row, labels in bold."""
    pairs = b["fields"]
    grid(doc, [pairs[i] + pairs[i + 1] for i in range(0, len(pairs), 2)], lambda r, c: c % 2 == 0)


def doc_table(doc: DocumentObject, b: Spec) -> None:
    """`table: [[text, ...], ...]` under a shaded header row, centred, columns `widths` cm."""
    t = grid(doc, b["table"], lambda r, c: r == 0)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    shading = {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): FILLS["header"]}
    for cell in t.rows[0].cells:
        properties = cell._tc.get_or_add_tcPr()
        properties.append(properties.makeelement(qn("w:shd"), shading))
    for row in t.rows:
        for cell, width in zip(row.cells, b["widths"]):
            cell.width = Cm(width)


def heading(doc: DocumentObject, b: Spec) -> None:
    """`heading`, at `level` (1 unless given), in the house blue."""
    for run in doc.add_heading(b["heading"], level=b.get("level", 1)).runs:
        run.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)


def guidance(doc: DocumentObject, b: Spec) -> None:
    """`guidance`: an italic grey hint that the writer replaces."""
    run = doc.add_paragraph().add_run(b["guidance"])
    run.italic, run.font.size, run.font.color.rgb = True, Pt(9), GREY


def paragraphs(doc: DocumentObject, b: Spec) -> None:
    """`paragraphs: [text, ...]`, in the paragraph `style` if given (e.g. List Bullet)."""
    for text in b["paragraphs"]:
        doc.add_paragraph(text, style=b.get("style"))


DOCUMENT_BLOCKS = {"title": doc_title, "fields": doc_fields, "table": doc_table}
DOCUMENT_BLOCKS |= {"heading": heading, "guidance": guidance, "paragraphs": paragraphs}


def document(spec: Spec) -> bytes:
    """`title`, `subject` and `body`, a list of blocks."""
    doc = new_document(spec)
    for block in spec["body"]:
        DOCUMENT_BLOCKS[kind(block, DOCUMENT_BLOCKS)](doc, block)
    buffer = io.BytesIO()
    doc.save(buffer)
    return office.normalize_zip(buffer.getvalue())


# --- the files ------------------------------------------------------------------------


def kind(block: Spec, known: dict[str, Any]) -> str:
    name = next(iter(block))
    if name not in known:
        raise ValueError(f"unknown block {name!r}, expected one of {', '.join(known)}")
    return str(name)


RENDERERS: dict[str, Callable[[Spec], bytes]] = {".xlsx": workbook, ".docx": document}


def generate(output: Path) -> list[Path]:
    """Render every data file's template under `output`; returns the files, in order."""
    written: list[Path] = []
    for source in sorted(DATA.rglob("*.yml")):
        relative = source.relative_to(DATA).with_suffix("")
        try:
            data = RENDERERS[relative.suffix](yaml.safe_load(source.read_text(encoding="utf-8")))
        except (KeyError, ValueError) as error:
            raise SystemExit(f"{source}: {type(error).__name__}: {error}") from error
        (output / relative).parent.mkdir(parents=True, exist_ok=True)
        (output / relative).write_bytes(data)
        written.append(output / relative)
    return written


def main(argv: list[str]) -> int:
    if len(argv) > 2 or (len(argv) == 2 and argv[1] in ("-h", "--help")):
        print(__doc__.strip().splitlines()[0])
        print("usage: make_templates.py [OUTPUT_DIR]   (default: processes/templates)")
        return 0 if len(argv) == 2 else 2
    for path in generate(Path(argv[1]) if len(argv) == 2 else DEFAULT_OUTPUT):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
