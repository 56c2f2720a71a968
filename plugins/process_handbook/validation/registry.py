"""A rule of the format as one entry: code, severity, summary, fix, and its checks.

In the style of bpmnlint: a rule module declares each rule once and attaches the
check(s) it runs, each given a `Reporter` that files the rule's findings, so the
code, severity and fix of a finding are written nowhere else:

    LANE_UNUSED = ValidationRule(
        code="lane-unused",
        severity=ERROR,
        summary="a lane listed in `lanes` that no step uses",
        fix="remove it from `lanes`, or give a step that lane",
    )

    @LANE_UNUSED.in_process
    def _lane_unused(process: Process, context: FileContext, report: Reporter) -> None:
        ...
        report(mark_of(process, "lanes", lane), f"lane '{lane}' is listed ... uses it")

A check may run on a process file (`in_process`, the files are checked one by one,
perhaps on several cores), on organization.yml (`in_organization`), or once with
every file known (`across_files`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ..diagnostics import Levels, Mark, Reporter, Rule
from ..model.entities import Organization, Process
from .locate import mark_of, written
from .scope import Scope, Unresolved


@dataclass(frozen=True)
class Context:
    """What checking one process file needs from the rest of the handbook.

    `today` decides whether reviews are overdue; None skips those date checks.
    Without a readable organization.yml (`organization_read` false), reference
    checks are skipped: every role and department would be unknown, which helps nobody.
    `levels` are the handbook's own severities (see `validation.levels`).
    """

    organization: Organization
    scope: Scope  # without the processes: they are known once every file is read
    root: Path
    today: dt.date | None
    organization_read: bool
    levels: Levels = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        organization: Organization,
        root: Path,
        today: dt.date | None,
        *,
        organization_read: bool,
        levels: Levels | None = None,
    ) -> Context:
        scope = Scope.of(organization)
        return cls(organization, scope, root, today, organization_read, levels or {})


@dataclass
class FileContext:
    """What the checks of one process file see: the handbook's context, the ids the file
    adds to it, and the references the checks leave for the checks across files."""

    context: Context
    scope: Scope
    deferred: list[Unresolved] = field(default_factory=list)

    @property
    def today(self) -> dt.date | None:
        return self.context.today

    @property
    def root(self) -> Path:
        return self.context.root

    @property
    def organization(self) -> Organization:
        return self.context.organization


@dataclass(frozen=True)
class Declared:
    """A process file as the checks across files know it: its id, and its references to
    other processes (checking files on several cores, only this travels back)."""

    file: str
    id: str
    title: str
    mark: Mark  # of the `id:` field, else of the process
    deferred: tuple[Unresolved, ...] = ()

    @classmethod
    def of(cls, process: Process, deferred: list[Unresolved]) -> Declared:
        at = mark_of(process, "id") if written(process, "id") else mark_of(process)
        return cls(process.file, process.id or "", process.title, at, tuple(deferred))


#: Files its reporter for one file: `report(file)(at, message, hint)`.
ReporterFor = Callable[[str], Reporter]
ProcessCheck = Callable[[Process, FileContext, Reporter], None]
OrganizationCheck = Callable[[Organization, Context, Reporter], None]
AcrossCheck = Callable[[Context, list[Declared], ReporterFor], None]
C = TypeVar("C")


@dataclass(eq=False, kw_only=True)
class ValidationRule(Rule):
    """A rule of the format with the checks that find it (attached by the decorators below)."""

    process_check: ProcessCheck | None = None
    organization_check: OrganizationCheck | None = None
    across_check: AcrossCheck | None = None

    def in_process(self, check: ProcessCheck) -> ProcessCheck:
        self.process_check = check
        return check

    def in_organization(self, check: OrganizationCheck) -> OrganizationCheck:
        self.organization_check = check
        return check

    def across_files(self, check: AcrossCheck) -> AcrossCheck:
        self.across_check = check
        return check
