"""Office files (.xlsx, .docx) that come out byte-identical from the same input.

openpyxl and python-docx stamp the current time into the zip entries an Office
file is made of (and openpyxl's `save_workbook` into the document properties),
so two builds of the same handbook would differ. Here every entry gets a fixed
timestamp and fixed attributes, and a workbook claims a fixed creation time.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

#: The time every generated document claims as created / modified.
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)
#: The timestamp of every zip entry (DOS time: no time zone).
ZIP_DATE_TIME = (2026, 1, 1, 0, 0, 0)
AUTHOR = "Process Handbook"


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a zip archive with fixed entry timestamps and attributes, same order and compression."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE_TIME)
            entry.compress_type = info.compress_type
            entry.create_system = 3  # Unix, so the permissions below are honoured everywhere
            entry.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            level = 6 if info.compress_type == zipfile.ZIP_DEFLATED else None
            dst.writestr(
                entry,
                src.read(info.filename),
                compress_type=info.compress_type,
                compresslevel=level,
            )
    return out.getvalue()


def new_workbook(title: str) -> Workbook:
    """An empty workbook (no sheets) whose properties never change between builds."""
    workbook = Workbook()
    for sheet in workbook.worksheets:  # the one a new workbook has
        workbook.remove(sheet)
    props = workbook.properties
    props.creator = props.lastModifiedBy = AUTHOR
    props.title = title
    props.created = props.modified = FIXED_TIME
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    """The .xlsx file, written without openpyxl's `save_workbook`, which stamps `modified` with now."""
    buffer = io.BytesIO()
    archive = zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(workbook, archive).save()  # closes the archive
    return normalize_zip(buffer.getvalue())
