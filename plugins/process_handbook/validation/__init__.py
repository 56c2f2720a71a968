"""Every rule of the process format; nothing stops at the first error.

The rules run in two phases. `check_process` needs one process file and the
organization, so files can be checked one by one (and on several cores);
`check_across` then does what needs every file: process ids are unique, and
references to other processes resolve.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Report
from ..model.entities import Organization, Process
from .flow_rules import check_flow
from .identity import Declared, check_organization_ids, check_process_id_unique, check_process_ids
from .improvement_rules import check_goals, check_problems
from .lane_rules import check_lanes
from .references import Scope, Unresolved, check_references, resolve
from .schedule_rules import check_meetings, check_plan, check_review
from .template_rules import check_templates

__all__ = [
    "Context",
    "Declared",
    "Unresolved",
    "check_across",
    "check_organization",
    "check_process",
]


@dataclass(frozen=True)
class Context:
    """What checking one process file needs from the rest of the handbook.

    `today` decides whether reviews are overdue; None skips those date checks.
    Without a readable organization.yml (`organization_read` false), reference
    checks are skipped: every role and department would be unknown, which helps nobody.
    """

    organization: Organization
    scope: Scope  # without the processes: they are known once every file is read
    root: Path
    today: dt.date | None
    organization_read: bool

    @classmethod
    def of(
        cls,
        organization: Organization,
        root: Path,
        today: dt.date | None,
        *,
        organization_read: bool,
    ) -> Context:
        return cls(organization, Scope.of(organization), root, today, organization_read)


def check_organization(organization: Organization, report: Report) -> None:
    """The rules organization.yml must meet on its own."""
    with report.guard():
        check_organization_ids(organization, report)


def check_process(process: Process, context: Context, report: Report) -> list[Unresolved]:
    """Every rule one process file must meet; returns its references to other processes,
    which `check_across` resolves once every file is read."""
    later: list[Unresolved] = []
    with report.guard():
        check_process_ids(process, context.organization, report)
        if context.organization_read:
            later = check_references(process, context.scope.inside(process), report)
        check_flow(process, report)
        check_lanes(process, report)
        check_meetings(process, report)
        check_plan(process, report)
        check_goals(process, report)
        check_problems(process, report)
        check_review(process, context.today, report)
        check_templates(process, context.root, report)
    return later


def check_across(
    context: Context,
    declared: list[Declared],
    unresolved: dict[str, list[Unresolved]],
    reports: dict[str, Report],
) -> None:
    """The rules that need every file: `declared` lists each process read (in file order),
    `unresolved` the references to processes that each file left for later."""
    organization = context.organization
    scope = Scope.of(organization, {d.id: d.title for d in declared if d.id})
    org_report = reports[organization.file]
    if context.organization_read:
        with org_report.guard():
            check_references(organization, scope, org_report)
        for file, refs in unresolved.items():
            with reports[file].guard():
                resolve(refs, scope, reports[file])
    check_process_id_unique(declared, reports)
