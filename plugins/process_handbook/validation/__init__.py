"""Every rule of the process format, run over a bound handbook; nothing stops at the first error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..diagnostics import Report
from ..model.handbook import Handbook
from .flow_rules import check_flow
from .identity import check_organization_ids, check_process_id_unique, check_process_ids
from .improvement_rules import check_goals, check_problems
from .lane_rules import check_lanes
from .references import Scope, check_references
from .schedule_rules import check_meetings, check_plan, check_review
from .template_rules import check_templates


def validate(
    handbook: Handbook,
    root: Path,
    reports: dict[str, Report],
    *,
    today: dt.date | None,
    organization_read: bool = True,
) -> None:
    """Run the rules, adding findings to the report of the file they concern.

    `today` decides whether reviews are overdue; None skips those date checks.
    Without a readable organization.yml, reference checks are skipped: every
    role and department would be unknown, which helps nobody.
    """
    org = handbook.organization
    org_report = reports[org.file]
    scope = Scope.of(handbook)
    with org_report.guard():
        check_organization_ids(org, org_report)
        if organization_read:
            check_references(org, scope, org_report)
    for process in handbook.processes:
        report = reports[process.file]
        with report.guard():
            check_process_ids(process, org, report)
            if organization_read:
                check_references(process, scope.inside(process), report)
            check_flow(process, report)
            check_lanes(process, report)
            check_meetings(process, report)
            check_plan(process, report)
            check_goals(process, report)
            check_problems(process, report)
            check_review(process, today, report)
            check_templates(process, root, report)
    check_process_id_unique(handbook.processes, reports)
