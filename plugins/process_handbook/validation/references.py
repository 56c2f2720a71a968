"""Rule 2: every reference resolves, found generically from the model's `Ref` markers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..characters import token
from ..diagnostics import Mark, Report
from ..model.entities import END, Located, Organization, Process
from ..model.fields import REF_NOUNS, Ref, RefKind
from ..model.introspect import FieldInfo, Shape, fields_of
from .locate import mark_of, written
from ..suggest import Suggester

AUDIENCES = {"everyone": "everyone", "new-hire": "new hires"}

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


@dataclass(frozen=True)
class Reference:
    holder: Located
    field: str
    kind: RefKind
    target: str


@dataclass(frozen=True)
class Unresolved:
    """A reference left for later, with its position: one to another process, met while
    each file is checked on its own (and perhaps in another process of the machine)."""

    field: str
    kind: RefKind
    target: str
    mark: Mark


def references(obj: Located) -> Iterator[Reference]:
    """Every id that `obj` and the records inside it refer to in the YAML.

    Values the defaults filled in (`lanes`, `responsible`) are skipped: they copy
    other fields, which are checked where they are written.
    """
    for info in _referring_fields(type(obj)):
        value = getattr(obj, info.name)
        if not value or (obj.source is not None and not written(obj, info.name)):
            continue  # nothing to refer to (None, an empty list or text), or a default
        yield from _walk(obj, info.name, info.shape, value)


@cache
def _referring_fields(cls: type) -> tuple[FieldInfo, ...]:
    """The fields of `cls` that can hold a reference, directly or in the records inside them
    (most text fields cannot, and skipping them halves the walk over a large handbook)."""
    return tuple(info for info in fields_of(cls) if _can_refer(info.shape))


def _can_refer(shape: Shape) -> bool:
    if isinstance(shape.marker, Ref):
        return True
    if shape.kind == "either":
        return any(_can_refer(alternative) for alternative in shape.alternatives)
    if shape.kind == "list":
        return _can_refer(shape.base)
    if shape.kind == "record":
        return bool(_referring_fields(shape.base))
    return False


def _walk(obj: Located, name: str, shape: Shape, value: Any) -> Iterator[Reference]:
    if value is None:
        return
    if shape.kind == "either":
        for alternative in shape.alternatives:
            if (alternative.kind == "list") == isinstance(value, list):
                yield from _walk(obj, name, alternative, value)
    elif shape.kind == "list":
        for item in value:
            yield from _walk(obj, name, shape.base, item)
    elif shape.kind == "record":
        yield from references(value)
    elif isinstance(shape.marker, Ref) and value:
        yield Reference(obj, name, shape.marker.kind, value)


@dataclass
class Scope:
    """The ids each kind of reference may name, with display names for suggestions.

    A kind missing from `known` is not known yet: references to it come back from
    `check_references` unresolved.
    """

    known: dict[RefKind, dict[str, str]] = field(default_factory=dict)
    #: role id → department id, to explain a role written where a department belongs
    department_of: dict[str, str] = field(default_factory=dict)
    #: "did you mean" per kind, made on first need; those of the organization's kinds are
    #: shared with every scope `inside` makes from this one
    shared: dict[RefKind, Suggester] = field(default_factory=dict, repr=False)
    local: dict[RefKind, Suggester] = field(default_factory=dict, repr=False)

    def suggester(self, kind: RefKind) -> Suggester:
        cache = self.local if kind in _PROCESS_KINDS else self.shared
        if kind not in cache:
            cache[kind] = Suggester(self.known[kind])
        return cache[kind]

    @classmethod
    def of(cls, organization: Organization, processes: dict[str, str] | None = None) -> Scope:
        """What organization.yml defines, and the processes (id → title) when they are known."""
        departments = {d.id: d.name for d in organization.departments}
        roles = {r.id: r.name for r in organization.roles}
        known: dict[RefKind, dict[str, str]] = {
            "department": departments,
            "role": roles,
            "party": {**departments, **roles},
            "channel": {c.id: c.name for c in organization.channels},
            "tool": {t.id: t.name for t in organization.tools},
            "audience": {**AUDIENCES, **departments, **roles},
            "template": {},
            "step": {},
        }
        if processes is not None:
            known["process"] = processes
        return cls(known, {r.id: r.department for r in organization.roles})

    def inside(self, process: Process) -> Scope:
        """This scope plus what one process defines: its channels, templates and steps.

        Built from the handbook's scope, not from scratch, so checking every process
        costs the size of each process, not that of the whole handbook again.
        """
        known: dict[RefKind, dict[str, str]] = {
            **self.known,
            "channel": {**self.known["channel"], **{c.id: c.name for c in process.channels}},
            "template": {t.id: t.name for t in process.templates},
            "step": {s.id: s.name for s in process.steps if s.id},
        }
        return Scope(known, self.department_of, self.shared)


#: The kinds `Scope.inside` defines anew for each process.
_PROCESS_KINDS = ("channel", "template", "step")


def check_references(obj: Located, scope: Scope, report: Report) -> list[Unresolved]:
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


def resolve(refs: list[Unresolved], scope: Scope, report: Report) -> None:
    """Report the references left for later that `scope` (now complete) does not define."""
    for ref in refs:
        if not _resolves(ref, scope.known[ref.kind]):
            _report_unknown(ref, scope, report)


def _resolves(ref: Reference | Unresolved, ids: dict[str, str]) -> bool:
    return ref.target in ids or (
        ref.kind == "step" and ref.field in ("next", "to") and ref.target == END
    )


def _report_unknown(ref: Unresolved, scope: Scope, report: Report) -> None:
    message, hint = _mix_up(ref, scope) or _unknown(ref, scope, report)
    if ref.kind == "step" and ref.field in ("next", "to"):
        hint += "; write `end` to end the process"
    report.error(ref.mark, "unknown-reference", message, hint)


def _unknown(ref: Unresolved, scope: Scope, report: Report) -> tuple[str, str]:
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
