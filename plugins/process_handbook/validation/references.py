"""Rule 2: every reference resolves (found generically from the model's `Ref` markers, see scope)."""

from __future__ import annotations

from ..characters import token
from ..diagnostics import ERROR, Reporter
from ..model.entities import END, Located, Organization, Process
from ..model.fields import REF_NOUNS, RefKind
from .locate import mark_of
from .registry import Context, Declared, FileContext, ReporterFor, ValidationRule
from .scope import Reference, Scope, Unresolved, references

_DEFINED_IN: dict[RefKind, str] = {
    "department": "under `departments:` in organization.yml",
    "role": "under `roles:` in organization.yml",
    "party": "under `roles:` or `departments:` in organization.yml",
    "channel": "under `channels:` in organization.yml or in this file",
    "tool": "under `tools:` in organization.yml",
    "template": "under `templates:` in this file",
    "step": "under `steps:` in this file",
    "process": "as the `id` (or file name) of a process file",
    "audience": "everyone, new-hire, or a department or role id",
}


UNKNOWN_REFERENCE = ValidationRule(
    code="unknown-reference",
    severity=ERROR,
    summary="an id that names nothing: a role, department, step, template, channel, tool or process",
    fix="use an id defined in organization.yml or in the file (the message suggests the closest)",
)


@UNKNOWN_REFERENCE.in_process
def _in_process(process: Process, context: FileContext, report: Reporter) -> None:
    """References to other processes are left for later: they are known once every file is read."""
    if context.context.organization_read:
        context.deferred += _check(process, context.scope, report)


@UNKNOWN_REFERENCE.in_organization
def _in_organization(organization: Organization, context: Context, report: Reporter) -> None:
    if context.organization_read:
        _check(organization, context.scope, report)


@UNKNOWN_REFERENCE.across_files
def _across(context: Context, declared: list[Declared], report: ReporterFor) -> None:
    """The references to processes each file left for later, now that every process is known."""
    scope = Scope.of(context.organization, {d.id: d.title for d in declared if d.id})
    for file in declared:
        for ref in file.deferred:
            if not _resolves(ref, scope.known[ref.kind]):
                _report_unknown(ref, scope, report(file.file))


def _check(obj: Located, scope: Scope, report: Reporter) -> list[Unresolved]:
    """Report every reference of `obj` the scope does not define; return those it cannot tell yet."""
    later: list[Unresolved] = []
    for ref in references(obj):
        ids = scope.known.get(ref.kind)
        if ids is not None and _resolves(ref, ids):
            continue
        found = Unresolved(
            ref.field, ref.kind, ref.target, mark_of(ref.holder, ref.field, ref.target)
        )
        if ids is None:
            later.append(found)
        else:
            _report_unknown(found, scope, report)
    return later


def _resolves(ref: Reference | Unresolved, ids: dict[str, str]) -> bool:
    return ref.target in ids or (
        ref.kind == "step" and ref.field in ("next", "to") and ref.target == END
    )


def _report_unknown(ref: Unresolved, scope: Scope, report: Reporter) -> None:
    message, hint = _mix_up(ref, scope) or _unknown(ref, scope, report)
    if ref.kind == "step" and ref.field in ("next", "to"):
        hint += "; write `end` to end the process"
    report(ref.mark, message, hint)


def _unknown(ref: Unresolved, scope: Scope, report: Reporter) -> tuple[str, str]:
    noun = REF_NOUNS[ref.kind]
    ids = scope.known[ref.kind]
    suggester = scope.suggester(ref.kind)
    guess = suggester(ref.target) if report.suggestion_allowed() else None
    message = f"unknown {noun} '{token(ref.target)}'" + (
        f" (did you mean '{guess}'?)" if guess else ""
    )
    if guess:
        hint = f"change it to '{guess}'" + (
            f" ({ids[guess]})" if ids.get(guess) not in (None, guess) else ""
        )
    elif ids:
        shown = suggester.first(8)
        more = ", ..." if len(ids) > len(shown) else ""
        hint = f"use one of: {', '.join(shown)}{more}; or define it {_DEFINED_IN[ref.kind]}"
    else:
        hint = f"define it {_DEFINED_IN[ref.kind]}"
    return message, hint


def _mix_up(ref: Unresolved, scope: Scope) -> tuple[str, str] | None:
    """A role written where a department belongs, or the other way round."""
    departments = scope.known["department"]
    if ref.kind == "department" and ref.target in scope.department_of:
        home = scope.department_of[ref.target]
        if home in departments:
            return (
                f"'{token(ref.target)}' is a role, not a department (did you mean its department '{home}'?)",
                f"change it to '{home}' ({departments[home]})",
            )
    if ref.kind == "role" and ref.target in departments:
        members = sorted(r for r, d in scope.department_of.items() if d == ref.target)
        return (
            f"'{token(ref.target)}' is a department, not a role",
            f"name one role of {departments[ref.target]}: {', '.join(members)}"
            if members
            else "name a role; roles are listed under `roles:` in organization.yml",
        )
    return None
