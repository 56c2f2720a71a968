"""Rule 7: template files exist, are regular files, and stay inside processes/."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..diagnostics import Report
from ..model.entities import Process
from .locate import mark_of


def check_templates(process: Process, root: Path, report: Report) -> None:
    resolved_root = root.resolve()
    for template in process.templates:
        if not template.file:
            continue
        at = mark_of(template, "file")
        relative = PurePosixPath(template.file.replace("\\", "/"))
        if relative.is_absolute() or ".." in relative.parts or relative.drive:
            report.error(
                at,
                "template-outside",
                f"'{template.file}' points outside the processes folder",
                "put the file under processes/ (e.g. processes/templates/) and write the path relative to it",
            )
            continue
        path = root / relative
        if path.is_symlink() and not _inside(path.resolve(), resolved_root):
            report.error(
                at,
                "template-outside",
                f"'{template.file}' is a link to a file outside the processes folder",
                "copy the file itself into processes/",
            )
        elif not path.exists():
            report.error(
                at,
                "template-missing",
                f"template file '{template.file}' does not exist",
                "add the file, or correct the path (relative to processes/, letter case matters)",
            )
        elif not path.is_file():
            report.error(
                at,
                "template-not-file",
                f"'{template.file}' is not a regular file",
                "point `file` at the document itself",
            )
        elif not _inside(path.resolve(), resolved_root):
            report.error(
                at,
                "template-outside",
                f"'{template.file}' leads outside the processes folder",
                "copy the file itself into processes/",
            )


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
