"""Render the sample handbook's Office templates (processes/templates/) from data files.

    .venv/bin/python scripts/make_templates.py [OUTPUT_DIR]     # default: processes/templates

`scripts/templates/<path>.yml` describes `<path>`, a .xlsx or .docx file, as data: a
workbook is a list of sheets, each a list of blocks (title, note, header, fields, table,
cells) laid out in the house style defined here; a document is a list of blocks (title,
fields, heading, guidance, table, bullets, paragraph). A block's kind is its first key.
The Markdown templates have no data file: the committed .md is the source.

The output is byte for byte reproducible: workbooks are made and saved by
`process_handbook.artifacts.office`, like the handbook's own exports; documents claim the
same fixed time and go through the same zip normalisation (fixed entry timestamps).
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

from process_handbook.artifacts.office import (
    AUTHOR,
    FIXED_TIME,
    new_workbook,
    normalize_zip,
    workbook_bytes,
)

DATA = Path(__file__).resolve().parent / "templates"
DEFAULT_OUTPUT = DATA.parent.parent / "processes" / "templates"
FONT = "微软雅黑"
Spec = dict[str, Any]

# --- workbooks: the house style, then one function per block kind ---------------------

THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FILLS = {"header": "DDEBF7", "example": "F2F2F2", "total": "FFF2CC", "label": "EDEDED"}
ALIGNMENTS = {
    "wrap": Alignment(wrap_text=True, vertical="center"),
    "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
    "title": Alignment(horizontal="center", vertical="center"),
}
#: A style sets what it names: `font` (changes to the house font), `fill`, `border`, `align`,
#: `format` (a number format). A workbook's `styles:` adds its own names.
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
    """The worksheet being filled, its width in columns and the styles its blocks may name."""

    ws: Worksheet
    width: int
    styles: dict[str, Spec]

    def put(self, cell: Cell, style: str | Spec) -> Cell:
        spec = self.styles[style] if isinstance(style, str) else style
        if "font" in spec:
            font = {"bold": False, "size": 10, "color": "000000", "italic": False, **spec["font"]}
            cell.font = Font(name=FONT, **font)
        if "fill" in spec:
            cell.fill = PatternFill("solid", fgColor=FILLS[spec["fill"]])
        if spec.get("border"):
            cell.border = BORDER
        if "align" in spec:
            cell.alignment = ALIGNMENTS[spec["align"]]
        if "format" in spec:
            cell.number_format = spec["format"]
        return cell

    def merge(self, row: int, first: int, last: int) -> None:
        self.ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def columns(span: str) -> range:
    """`D` or `D:P` as column numbers."""
    first, _, last = span.partition(":")
    return range(column_index_from_string(first), column_index_from_string(last or first) + 1)


def title(s: Sheet, b: Spec) -> None:
    """`title: text` across the top row, or `note: text` (a grey hint) across row `row`."""
    row, style, height = (1, "title", 28) if "title" in b else (b["row"], "note", 30)
    s.merge(row, 1, s.width)
    s.put(s.ws.cell(row=row, column=1, value=b.get("title", b.get("note"))), style)
    s.ws.row_dimensions[row].height = height


def header(s: Sheet, b: Spec) -> None:
    """Column names in row `row`; `merge` lists column spans merged afterwards."""
    for col, name in enumerate(b["header"], start=1):
        s.put(s.ws.cell(row=b["row"], column=col, value=name), "header")
    s.ws.row_dimensions[b["row"]].height = 32
    for span in b.get("merge", []):
        s.merge(b["row"], columns(span)[0], columns(span)[-1])


def fields(s: Sheet, b: Spec) -> None:
    """Label / value pairs from row `row`, two per row across the sheet."""
    half = s.width // 2
    for i in range(0, len(b["fields"]), 2):
        row = b["row"] + i // 2
        for j, (label, value) in enumerate(b["fields"][i : i + 2]):
            first = 1 + j * half
            s.put(s.ws.cell(row=row, column=first, value=label), "label")
            s.merge(row, first + 1, first + half - 1)
            s.put(s.ws.cell(row=row, column=first + 1, value=value), "value")
            for col in range(first + 1, first + half):
                s.ws.cell(row=row, column=col).border = BORDER
        s.ws.row_dimensions[row].height = 22


def table(s: Sheet, b: Spec) -> None:
    """Rows from row `row` in the body style: the given ones (`fill`ed), then `blank` ones to
    row `last`. `number` puts 1, 2, ... before each; `formulas` ({row}, {col} filled in) and
    `styles` apply to column spans; `columns` is how many cells a row has; `merge`, `height`."""
    given: list[list[Any]] = b["table"]
    width = b.get("columns", s.width)
    for i in range(max(len(given), b.get("last", 0) - b["row"] + 1)):
        row = b["row"] + i
        values = ([i + 1] if b.get("number") else []) + (
            given[i] if i < len(given) else b.get("blank", [])
        )
        for col, value in enumerate(values + [None] * (width - len(values)), start=1):
            cell = s.put(s.ws.cell(row=row, column=col, value=value), "body")
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
            s.merge(row, columns(span)[0], columns(span)[-1])
        if "height" in b:
            s.ws.row_dimensions[row].height = b["height"]


def cells(s: Sheet, b: Spec) -> None:
    """Each entry: `merge` (a range, merged first), `at` (a cell or range), `value` (into its
    first cell), `style` (on all of it), `height` (of its row)."""
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


def validation(s: Sheet, v: Spec) -> None:
    """A drop-down list of `options` on the range `cells`, refusing anything else."""
    options = v["options"]
    dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True)
    dv.promptTitle, dv.prompt = "请选择", v["prompt"]
    dv.errorTitle, dv.error = "无效的值", "请从下拉列表中选择：" + "、".join(options)
    dv.showInputMessage = dv.showErrorMessage = True
    s.ws.add_data_validation(dv)
    dv.add(v["cells"])


SHEET_BLOCKS: dict[str, Callable[[Sheet, Spec], None]] = {
    "title": title,
    "note": title,
    "header": header,
    "fields": fields,
    "table": table,
    "cells": cells,
}


def workbook(spec: Spec) -> bytes:
    wb = new_workbook(spec["title"])
    wb.properties.subject = spec["subject"]
    for data in spec["sheets"]:
        s = Sheet(wb.create_sheet(data["name"]), len(data["widths"]), STYLES | spec.get("styles", {}))
        for col, width in enumerate(data["widths"], start=1):
            s.ws.column_dimensions[get_column_letter(col)].width = width
        for block in data["blocks"]:
            SHEET_BLOCKS[kind(block, SHEET_BLOCKS)](s, block)
        for v in data.get("validations", []):
            validation(s, v)
        if "freeze" in data:
            s.ws.freeze_panes = data["freeze"]
        if "filter" in data:
            s.ws.auto_filter.ref = data["filter"]
        if "page" in data:  # landscape, fitted to the page's width
            for name, value in data["page"].items():
                setattr(s.ws.page_setup, name, value)
            s.ws.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
        if "print_titles" in data:
            s.ws.print_title_rows = data["print_titles"]
    return workbook_bytes(wb)


# --- documents ------------------------------------------------------------------------

GREY = RGBColor(0x7F, 0x7F, 0x7F)
STYLED = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Number", "Table Grid")


def new_document(spec: Spec) -> DocumentObject:
    doc = Document()
    props = doc.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.title, props.subject = spec["title"], spec["subject"]
    props.keywords, props.category = "流程手册, 模板", "模板"
    props.comments = "由 scripts/make_templates.py 生成"
    props.revision = 1
    props.created = props.modified = props.last_printed = FIXED_TIME
    for name in STYLED:
        set_font(doc, name)
    doc.styles["Normal"].font.size = Pt(10.5)  # type: ignore[union-attr]
    return doc


def set_font(doc: DocumentObject, style: str) -> None:
    """The house font for Latin and East Asian text alike."""
    doc.styles[style].font.name = FONT  # type: ignore[union-attr]
    rpr = doc.styles[style].element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        rfonts.set(qn(attribute), FONT)


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
    """A table in the Table Grid style, the cells where `bold(row, column)` in bold."""
    t = doc.add_table(rows=len(rows), cols=len(rows[0]))
    t.style = doc.styles["Table Grid"]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            t.cell(r, c).text = str(value)
            for run in t.cell(r, c).paragraphs[0].runs if bold(r, c) else []:
                run.bold = True
    return t


def doc_fields(doc: DocumentObject, b: Spec) -> None:
    """`fields`: label / value pairs, two per row, labels in bold."""
    pairs = b["fields"]
    grid(doc, [pairs[i] + pairs[i + 1] for i in range(0, len(pairs), 2)], lambda r, c: c % 2 == 0)
    doc.add_paragraph()


def doc_table(doc: DocumentObject, b: Spec) -> None:
    """`table`: rows under a shaded header row, centred, columns `widths` cm wide."""
    t = grid(doc, b["table"], lambda r, c: r == 0)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell in t.rows[0].cells:
        shading = {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): FILLS["header"]}
        cell._tc.get_or_add_tcPr().append(cell._tc.get_or_add_tcPr().makeelement(qn("w:shd"), shading))
    for row in t.rows:
        for cell, width in zip(row.cells, b["widths"]):
            cell.width = Cm(width)
    doc.add_paragraph()


def heading(doc: DocumentObject, b: Spec) -> None:
    """`heading`, at `level` (1 unless given), in the house blue."""
    for run in doc.add_heading(b["heading"], level=b.get("level", 1)).runs:
        run.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)


def guidance(doc: DocumentObject, b: Spec) -> None:
    """`guidance`: an italic grey hint that the writer replaces."""
    run = doc.add_paragraph().add_run(b["guidance"])
    run.italic, run.font.size, run.font.color.rgb = True, Pt(9), GREY


DOCUMENT_BLOCKS: dict[str, Callable[[DocumentObject, Spec], None]] = {
    "title": doc_title,
    "fields": doc_fields,
    "heading": heading,
    "guidance": guidance,
    "table": doc_table,
    "bullets": lambda doc, b: [doc.add_paragraph(item, style="List Bullet") for item in b["bullets"]] and None,
    "paragraph": lambda doc, b: doc.add_paragraph(b["paragraph"]) and None,
}


def document(spec: Spec) -> bytes:
    doc = new_document(spec)
    for block in spec["body"]:
        DOCUMENT_BLOCKS[kind(block, DOCUMENT_BLOCKS)](doc, block)
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalize_zip(buffer.getvalue())


# --- the files ------------------------------------------------------------------------


def kind(block: Spec, known: dict[str, Any]) -> str:
    """A block's kind is its first key."""
    name = next(iter(block))
    if name not in known:
        raise ValueError(f"unknown block {name!r}, expected one of: {', '.join(known)}")
    return name


RENDERERS: dict[str, Callable[[Spec], bytes]] = {".xlsx": workbook, ".docx": document}


def generate(output: Path) -> list[Path]:
    """Write every template that has a data file under `output`; returns them, sorted."""
    written: list[Path] = []
    for source in sorted(DATA.rglob("*.yml")):
        relative = source.relative_to(DATA).with_suffix("")
        try:
            data = RENDERERS[relative.suffix](yaml.safe_load(source.read_text(encoding="utf-8")))
        except (KeyError, ValueError) as error:
            raise SystemExit(f"{source.relative_to(DATA.parent.parent)}: {error}") from error
        path = output / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    if len(argv) > 2 or (len(argv) == 2 and argv[1] in ("-h", "--help")):
        print(__doc__.strip().splitlines()[0])
        print("usage: make_templates.py [OUTPUT_DIR]   (default: processes/templates)")
        return 0 if len(argv) == 2 else 2
    output = Path(argv[1]) if len(argv) == 2 else DEFAULT_OUTPUT
    for path in generate(output):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
