"""Every rule of the process format; nothing stops at the first error.

The rules run in two phases. `check_process` needs one process file and the
organization, so files can be checked one by one (and on several cores);
`check_across` then does what needs every file: process ids are unique, and
references to other processes resolve.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
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
    with report.guard("checking the ids"):
        check_organization_ids(organization, report)


def check_process(process: Process, context: Context, report: Report) -> list[Unresolved]:
    """Every rule one process file must meet; returns its references to other processes,
    which `check_across` resolves once every file is read.

    Each rule runs on its own: a crash in one (a bug) is reported and the others still run.
    """
    later: list[Unresolved] = []
    rules: list[tuple[str, Callable[[], object]]] = [
        ("checking the ids", lambda: check_process_ids(process, context.organization, report)),
        ("checking the flow", lambda: check_flow(process, report)),
        ("checking the lanes", lambda: check_lanes(process, report)),
        ("checking the meetings", lambda: check_meetings(process, report)),
        ("checking the plan", lambda: check_plan(process, report)),
        ("checking the goals", lambda: check_goals(process, report)),
        ("checking the problems", lambda: check_problems(process, report)),
        ("checking the review dates", lambda: check_review(process, context.today, report)),
        ("checking the templates", lambda: check_templates(process, context.root, report)),
    ]
    if context.organization_read:
        with report.guard("checking the references"):
            later = check_references(process, context.scope.inside(process), report)
    for what, rule in rules:
        with report.guard(what):
            rule()
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
        with org_report.guard("checking the references"):
            check_references(organization, scope, org_report)
        for file, refs in unresolved.items():
            with reports[file].guard("checking the references to other processes"):
                resolve(refs, scope, reports[file])
    check_process_id_unique(declared, reports)
