"""Rule 6: ids are unique in their scope, and defaults never collide silently."""

from __future__ import annotations

from collections.abc import Iterable

from .. import paths
from ..diagnostics import ERROR, Reporter
from ..model.entities import END, Located, Organization, Process
from ..model.introspect import noun
from .locate import mark_of, written
from .registry import Context, Declared, FileContext, ReporterFor, ValidationRule

DUPLICATE_ID = ValidationRule(
    code="duplicate-id",
    severity=ERROR,
    summary="two steps, meetings, templates, channels, departments, roles or tools with one id",
    fix="give each one its own id",
)


def _unique(items: Iterable[Located], report: Reporter, what: str) -> None:
    """Report the second and later uses of each id among `items`."""
    first: dict[str, Located] = {}
    for item in items:
        ident = getattr(item, "id", None)
        if not ident:
            continue
        if ident in first:
            report(mark_of(item, "id"), *_duplicate(what, ident, first[ident], item))
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
    return (f"duplicate {what} id '{ident}' (already used on line {line})", DUPLICATE_ID.fix)


@DUPLICATE_ID.in_process
def _duplicate_in_process(process: Process, context: FileContext, report: Reporter) -> None:
    _unique(process.steps, report, "step")
    _unique(process.meetings, report, "meeting")
    _unique(process.templates, report, "template")
    _unique(process.channels, report, "channel")
    shared = {c.id for c in context.organization.channels}
    for channel in process.channels:
        if channel.id in shared:
            report(
                mark_of(channel, "id"),
                f"channel '{channel.id}' is already defined in organization.yml",
                "use the shared channel as it is, or give this one a different id",
            )


@DUPLICATE_ID.in_organization
def _duplicate_in_organization(org: Organization, context: Context, report: Reporter) -> None:
    _unique(org.departments, report, "department")
    _unique(org.roles, report, "role")
    _unique(org.channels, report, "channel")
    _unique(org.tools, report, "tool")


RESERVED_ID = ValidationRule(
    code="reserved-id",
    severity=ERROR,
    summary="an id the site uses itself (`end` for a step, `index` for a page, ...)",
    fix="choose another id",
)


#: Ids that mean something else: the word that ends a process, and those of the site's own pages.
_RESERVED = {"step": {END: "`end` is the word that ends a process in `next`"}, **paths.RESERVED}


def _reserved(items: Iterable[Located], report: Reporter, what: str) -> None:
    for item in items:
        ident = getattr(item, "id", None)
        reason = _RESERVED[what].get(ident or "")
        if reason:
            where = mark_of(item, "id") if written(item, "id") else mark_of(item)
            report(
                where,
                f"'{ident}' cannot be a {what} id",
                f"{reason}; choose another id"
                + ("" if written(item, "id") else " (add `id:` or rename the file)"),
            )


@RESERVED_ID.in_process
def _reserved_in_process(process: Process, context: FileContext, report: Reporter) -> None:
    _reserved(process.steps, report, "step")
    _reserved([process], report, "process")


@RESERVED_ID.in_organization
def _reserved_in_organization(org: Organization, context: Context, report: Reporter) -> None:
    _reserved(org.departments, report, "department")
    _reserved(org.roles, report, "role")


AMBIGUOUS_ID = ValidationRule(
    code="ambiguous-id",
    severity=ERROR,
    summary="a role id that is also a department id",
    fix="attendees, consulted and informed accept both, so give the role a different id",
)


@AMBIGUOUS_ID.in_organization
def _ambiguous(org: Organization, context: Context, report: Reporter) -> None:
    departments = {d.id for d in org.departments}
    for role in org.roles:
        if role.id in departments:
            report(mark_of(role, "id"), f"role id '{role.id}' is also a department id")


DUPLICATE_PROCESS = ValidationRule(
    code="duplicate-process",
    severity=ERROR,
    summary="two process files with the same process id (their pages would collide)",
    fix="give one of the two processes a different `id:` (or file name)",
)


@DUPLICATE_PROCESS.across_files
def _duplicate_process(context: Context, declared: list[Declared], report: ReporterFor) -> None:
    first: dict[str, Declared] = {}
    for process in declared:
        if not process.id:
            continue
        if process.id in first:
            report(process.file)(
                process.mark,
                f"process id '{process.id}' is already used by {first[process.id].file}",
            )
        else:
            first[process.id] = process
