"""Rule 7: template files exist, are regular files, and stay inside processes/."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from ..diagnostics import ERROR, Reporter
from ..model.entities import Process, Template
from .locate import mark_of
from .registry import FileContext, ValidationRule


class _Problem(enum.Enum):
    ABSOLUTE = enum.auto()  # an absolute path, or one with `..`
    LINK_OUT = enum.auto()  # a symbolic link to a file outside
    MISSING = enum.auto()
    NOT_FILE = enum.auto()
    LEADS_OUT = enum.auto()  # a path through a linked folder that ends outside


def _problems(process: Process, root: Path) -> Iterator[tuple[Template, _Problem]]:
    """Each template file with what is wrong with it (at most one problem per template)."""
    resolved_root = root.resolve()
    for template in process.templates:
        if not template.file:
            continue
        relative = PurePosixPath(template.file.replace("\\", "/"))
        if relative.is_absolute() or ".." in relative.parts or relative.drive:
            yield template, _Problem.ABSOLUTE
            continue
        path = root / relative
        if path.is_symlink() and not _inside(path.resolve(), resolved_root):
            yield template, _Problem.LINK_OUT
        elif not path.exists():
            yield template, _Problem.MISSING
        elif not path.is_file():
            yield template, _Problem.NOT_FILE
        elif not _inside(path.resolve(), resolved_root):
            yield template, _Problem.LEADS_OUT


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


TEMPLATE_OUTSIDE = ValidationRule(
    code="template-outside",
    severity=ERROR,
    summary="a template file outside the processes folder (a path out of it, or a link)",
    fix="put the file itself under processes/ and write the path relative to it",
)


@TEMPLATE_OUTSIDE.in_process
def _template_outside(process: Process, context: FileContext, report: Reporter) -> None:
    for template, problem in _problems(process, context.root):
        at = mark_of(template, "file")
        if problem is _Problem.ABSOLUTE:
            report(
                at,
                f"'{template.file}' points outside the processes folder",
                "put the file under processes/ (e.g. processes/templates/) and write the path "
                "relative to it",
            )
        elif problem is _Problem.LINK_OUT:
            report(
                at,
                f"'{template.file}' is a link to a file outside the processes folder",
                "copy the file itself into processes/",
            )
        elif problem is _Problem.LEADS_OUT:
            report(
                at,
                f"'{template.file}' leads outside the processes folder",
                "copy the file itself into processes/",
            )


TEMPLATE_MISSING = ValidationRule(
    code="template-missing",
    severity=ERROR,
    summary="a template file that does not exist",
    fix="add the file, or correct the path (relative to processes/, letter case matters)",
)


@TEMPLATE_MISSING.in_process
def _template_missing(process: Process, context: FileContext, report: Reporter) -> None:
    for template, problem in _problems(process, context.root):
        if problem is _Problem.MISSING:
            report(mark_of(template, "file"), f"template file '{template.file}' does not exist")


TEMPLATE_NOT_FILE = ValidationRule(
    code="template-not-file",
    severity=ERROR,
    summary="a template `file` that names a folder or other non-file",
    fix="point `file` at the document itself",
)


@TEMPLATE_NOT_FILE.in_process
def _template_not_file(process: Process, context: FileContext, report: Reporter) -> None:
    for template, problem in _problems(process, context.root):
        if problem is _Problem.NOT_FILE:
            report(mark_of(template, "file"), f"'{template.file}' is not a regular file")
