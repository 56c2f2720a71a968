"""Rule 6: ids are unique in their scope, and defaults never collide silently."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..diagnostics import Mark, Report
from ..model.entities import END, Located, Organization, Process
from ..model.introspect import noun
from .locate import mark_of, written


def check_unique(items: Iterable[Located], report: Report, what: str) -> None:
    """Report the second and later uses of each id among `items`."""
    first: dict[str, Located] = {}
    for item in items:
        ident = getattr(item, "id", None)
        if not ident:
            continue
        if ident in first:
            message, hint = _duplicate(what, ident, first[ident], item)
            report.error(mark_of(item, "id"), "duplicate-id", message, hint)
        else:
            first[ident] = item


def _duplicate(what: str, ident: str, earlier: Located, item: Located) -> tuple[str, str]:
    """The message and fix for a repeated id, saying which of the two got it by default."""
    line = mark_of(earlier).line
    if not written(item, "id"):
        return (
            (
                f"this {noun(type(item))} has no id, so it gets the default id '{ident}', "
                f"which line {line} already uses"
            ),
            "give this one an explicit `id:`, or rename the other",
        )
    if not written(earlier, "id"):
        return (
            (
                f"duplicate {what} id '{ident}': the {noun(type(earlier))} on line {line} "
                f"has no id and gets '{ident}' by default"
            ),
            "choose another id here, or give the other one an explicit `id:`",
        )
    return (
        f"duplicate {what} id '{ident}' (already used on line {line})",
        "give each one its own id",
    )


#: Ids the site uses itself: a page or file named by them would collide with its own.
RESERVED: dict[str, dict[str, str]] = {
    "step": {END: "`end` is the word that ends a process in `next`"},
    "process": {
        "index": "processes/index is the list of all processes",
        "handbook": "exports/handbook.xlsx is the whole-handbook export",
        "departments": "calendars/departments/ holds the department calendars",
    },
    "department": {"index": "departments/index is the list of all departments"},
    "role": {"index": "roles/index is the list of all roles"},
}


def check_reserved(items: Iterable[Located], report: Report, what: str) -> None:
    for item in items:
        ident = getattr(item, "id", None)
        reason = RESERVED[what].get(ident or "")
        if reason:
            where = mark_of(item, "id") if written(item, "id") else mark_of(item)
            report.error(
                where,
                "reserved-id",
                f"'{ident}' cannot be a {what} id",
                f"{reason}; choose another id"
                + ("" if written(item, "id") else " (add `id:` or rename the file)"),
            )


def check_organization_ids(org: Organization, report: Report) -> None:
    check_unique(org.departments, report, "department")
    check_unique(org.roles, report, "role")
    check_reserved(org.departments, report, "department")
    check_reserved(org.roles, report, "role")
    check_unique(org.channels, report, "channel")
    check_unique(org.tools, report, "tool")
    departments = {d.id for d in org.departments}
    for role in org.roles:
        if role.id in departments:
            report.error(
                mark_of(role, "id"),
                "ambiguous-id",
                f"role id '{role.id}' is also a department id",
                "attendees, consulted and informed accept both, so give the role a different id",
            )


def check_process_ids(process: Process, org: Organization, report: Report) -> None:
    check_unique(process.steps, report, "step")
    check_unique(process.meetings, report, "meeting")
    check_unique(process.templates, report, "template")
    check_unique(process.channels, report, "channel")
    check_reserved(process.steps, report, "step")
    check_reserved([process], report, "process")
    shared = {c.id: c for c in org.channels}
    for channel in process.channels:
        if channel.id in shared:
            report.error(
                mark_of(channel, "id"),
                "duplicate-id",
                f"channel '{channel.id}' is already defined in organization.yml",
                "use the shared channel as it is, or give this one a different id",
            )


@dataclass(frozen=True)
class Declared:
    """A process id as its file declares it: all the checks across files need of a process."""

    file: str
    id: str
    title: str
    mark: Mark  # of the `id:` field, else of the process

    @classmethod
    def of(cls, process: Process) -> Declared:
        at = mark_of(process, "id") if written(process, "id") else mark_of(process)
        return cls(process.file, process.id or "", process.title, at)


def check_process_id_unique(declared: list[Declared], reports: dict[str, Report]) -> None:
    """Rule 6 across files: two processes may not share an id (their pages would collide)."""
    first: dict[str, Declared] = {}
    for process in declared:
        if not process.id:
            continue
        if process.id in first:
            reports[process.file].error(
                process.mark,
                "duplicate-process",
                f"process id '{process.id}' is already used by {first[process.id].file}",
                "give one of the two processes a different `id:` (or file name)",
            )
        else:
            first[process.id] = process
