"""Read one file into the model: bytes → nodes → a bound object with the spec's defaults.

The one way a process file or organization.yml is read: by the pipeline, and by
the calendars for the versions of a file in git.
"""

from __future__ import annotations

import hashlib
import re

from .. import limits
from ..characters import token
from ..diagnostics import ERROR, START, Report, Rule
from ..model.defaults import apply_defaults
from ..model.entities import Organization, Process
from ..model.fields import SLUG_PATTERN
from ..nodes import Node
from . import files
from .binding import Binder
from .files import BAD_FILE_NAME, UNREADABLE, SourceFile
from .reader import read_yaml, too_large

_SLUG = re.compile(SLUG_PATTERN)

NO_ORGANIZATION = Rule(
    code="no-organization",
    severity=ERROR,
    summary="the processes folder has no organization.yml",
    fix="create processes/organization.yml listing the departments and roles",
)


def read_organization(source: SourceFile | None, report: Report) -> Organization | None:
    """organization.yml as the model; None when it is missing or unreadable (reported)."""
    if source is None:
        report.add(NO_ORGANIZATION, START, "organization.yml is missing")
        return None
    node, source_digest = _read_node(source, report)
    organization = None if node is None else Binder(report).record(Organization, node)
    if organization is not None:
        organization.source_digest = source_digest
    return organization


def read_process(source: SourceFile, report: Report) -> Process | None:
    """A process file (its `data`, else read from disk) as the model, defaults filled in;
    None when nothing usable could be read. Every problem goes to `report`."""
    node, source_digest = _read_node(source, report)
    if node is None:
        return None
    process = Binder(report).record(Process, node)
    if process is None:
        return None
    process.source_digest = source_digest
    process.file = source.relative
    process.folder = source.folder
    if process.id is None and (
        not _SLUG.match(source.stem) or len(source.stem) > limits.MAX_ID_LENGTH
    ):
        report.add(
            BAD_FILE_NAME,
            node.mark,
            f"the file name '{token(source.stem)}' cannot serve as the process id",
            "add `id: some-id` (lowercase a-z, digits, - and _; at most "
            f"{limits.MAX_ID_LENGTH} characters) or rename the file",
        )
        process.id = ""
    apply_defaults(process, source.stem)
    return process


def _read_node(source: SourceFile, report: Report) -> tuple[Node | None, str]:
    """The file's nodes (None when unusable, reported) and the digest of the text read."""
    try:
        data, size = files.read(source, limits.MAX_FILE_BYTES)
    except OSError as exc:
        report.add(UNREADABLE, START, f"cannot read the file: {exc.strerror}")
        return None, ""
    if too_large(size, report):
        return None, ""
    return read_yaml(data, report), hashlib.sha256(data).hexdigest()
