"""What a reference may name, and every reference an object makes, found generically from the
model's `Ref` markers (shared by the reference rule and the checks across files)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..diagnostics import Mark
from ..model.entities import Located, Organization, Process
from ..model.fields import Ref, RefKind
from ..model.introspect import FieldInfo, Shape, fields_of
from ..suggest import Suggester
from .locate import written

AUDIENCES = {"everyone": "everyone", "new-hire": "new hires"}


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
    kind: type = type(obj)
    for info in _referring_fields(kind):
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
