"""What changed in meaning between two versions of a handbook, compared model to model.

Both sides are read by the same loader, so formatting, comments, quoting and key
order never show up: only differences in the model do. Things are matched by id
(steps, meetings, templates, departments, roles; a goal by its metric), so a
step with the same id and a new name is *renamed*, not removed and added.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..model.entities import Goal, Meeting, Process, Step, Template
from ..model.flow import successors
from ..model.handbook import Handbook
from ..model.values import ORDINALS, WEEKDAYS_EN, MeetingDay

Value = Any  # JSON-ready: str, int, None, lists and dicts of those
T = TypeVar("T")

#: The step fields compared one by one, each reported as `step.<field>`.
_STEP_FIELDS: tuple[str, ...] = (
    "name",
    "lane",
    "owner",
    "support",
    "responsible",
    "consulted",
    "informed",
    "process",
    "duration",
    "previous_duration",
)
_SETS = frozenset({"support", "responsible", "consulted", "informed", "attendees"})
_GOAL_FIELDS = ("baseline", "target", "current")


@dataclass(frozen=True)
class Change:
    """One change in meaning. `kind` is `<thing>.<what>`, e.g. `step.owner`; `subject` is the
    id of the step, meeting, template, department or role (a goal's metric), "" for the process."""

    kind: str
    subject: str = ""
    before: Value = None
    after: Value = None

    def as_json(self) -> dict[str, Value]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "before": self.before,
            "after": self.after,
        }


@dataclass
class ProcessChanges:
    id: str
    base: Process | None  # None: the process is new
    head: Process | None  # None: the process was removed
    changes: list[Change] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The title to show: the new one, or the last one of a removed process."""
        shown = self.head or self.base
        assert shown is not None
        return shown.title


@dataclass
class HandbookDiff:
    base: Handbook
    head: Handbook
    organization: list[Change]
    processes: list[ProcessChanges]  # only those that changed, by id

    @property
    def unchanged(self) -> bool:
        return not self.organization and not self.processes


@dataclass(frozen=True)
class Side:
    """One version of a handbook and the folder it was read from (template files live there)."""

    handbook: Handbook
    root: Path


def compare(base: Side, head: Side, *, timezone: str) -> HandbookDiff:
    """The changes from `base` to `head`; `timezone` stands in for meetings that name none."""
    before = base.handbook.process_by_id
    after = head.handbook.process_by_id
    processes = []
    for process_id in sorted(before.keys() | after.keys()):
        old, new = before.get(process_id), after.get(process_id)
        if old is None and new is not None:
            changes = [
                Change(
                    "process.added",
                    after={"title": new.title, "owner": new.owner, "steps": len(new.current_steps)},
                )
            ]
        elif new is None and old is not None:
            changes = [Change("process.removed", before={"title": old.title})]
        else:
            assert old is not None and new is not None
            changes = _ProcessComparison(old, new, base.root, head.root, timezone).changes()
        if changes:
            processes.append(ProcessChanges(process_id, old, new, changes))
    return HandbookDiff(
        base.handbook, head.handbook, _organization(base.handbook, head.handbook), processes
    )


def _organization(base: Handbook, head: Handbook) -> list[Change]:
    changes = _matched(
        "department",
        base.organization.departments,
        head.organization.departments,
        lambda d: d.id,
        added=lambda d: {"name": d.name},
        removed=lambda d: {"name": d.name},
        compare=lambda old, new: _fields("department", old.id, old, new, ("name",)),
    )
    changes += _matched(
        "role",
        base.organization.roles,
        head.organization.roles,
        lambda r: r.id,
        added=lambda r: {"name": r.name, "department": r.department},
        removed=lambda r: {"name": r.name},
        compare=lambda old, new: _fields("role", old.id, old, new, ("name", "department")),
    )
    return changes


def _matched(
    thing: str,
    old_items: Iterable[T],
    new_items: Iterable[T],
    key: Callable[[T], str],
    *,
    added: Callable[[T], Value],
    removed: Callable[[T], Value],
    compare: Callable[[T, T], list[Change]],
) -> list[Change]:
    """Items matched by key: added and changed ones in their new order, then removed ones."""
    old_by_key = {key(item): item for item in old_items}
    new_keys = set()
    changes: list[Change] = []
    for item in new_items:
        new_keys.add(key(item))
        previous = old_by_key.get(key(item))
        if previous is None:
            changes.append(Change(f"{thing}.added", key(item), after=added(item)))
        else:
            changes += compare(previous, item)
    changes += [
        Change(f"{thing}.removed", k, before=removed(item))
        for k, item in old_by_key.items()
        if k not in new_keys
    ]
    return changes


def _fields(
    thing: str, subject: str, old: object, new: object, names: Iterable[str]
) -> list[Change]:
    changes = []
    for name in names:
        before, after = _plain(getattr(old, name)), _plain(getattr(new, name))
        if name in _SETS:
            before, after = sorted(before or []), sorted(after or [])
        if before != after:
            changes.append(Change(f"{thing}.{name}", subject, before, after))
    return changes


def _plain(value: object) -> Value:
    """A model value as JSON-ready data (durations as written, e.g. `2h`)."""
    if value is None or isinstance(value, (str, int, list)):
        return value
    return str(value)


class _ProcessComparison:
    def __init__(
        self, old: Process, new: Process, old_root: Path, new_root: Path, timezone: str
    ) -> None:
        self.old, self.new = old, new
        self.old_root, self.new_root = old_root, new_root
        self.timezone = timezone
        old_ids = {s.id for s in old.current_steps}
        new_ids = {s.id for s in new.current_steps}
        self.added_steps = new_ids - old_ids
        self.removed_steps = old_ids - new_ids

    def changes(self) -> list[Change]:
        old, new = self.old, self.new
        return [
            *_fields("process", "", old, new, ("title", "owner", "status", "sponsor")),
            *_matched(
                "step",
                old.current_steps,
                new.current_steps,
                lambda s: s.id or "",
                added=lambda s: {"name": s.name, "lane": s.lane, "owner": s.owner},
                removed=lambda s: {"name": s.name},
                compare=self._step,
            ),
            *_matched(
                "meeting",
                old.meetings,
                new.meetings,
                lambda m: m.id or "",
                added=lambda m: {"name": m.name, "schedule": self._schedule(m), "chair": m.chair},
                removed=lambda m: {"name": m.name},
                compare=self._meeting,
            ),
            *_matched(
                "template",
                old.templates,
                new.templates,
                lambda t: t.id,
                added=lambda t: {"name": t.name, "file": t.file},
                removed=lambda t: {"name": t.name},
                compare=self._template,
            ),
            *_matched(
                "goal",
                old.goals,
                new.goals,
                lambda g: g.metric,
                added=_goal_values,
                removed=_goal_values,
                compare=self._goal,
            ),
        ]

    def _step(self, old: Step, new: Step) -> list[Change]:
        changes = [
            c
            for c in _fields("step", new.id or "", old, new, _STEP_FIELDS)
            # R defaults to the owner: a new owner is one change, not two.
            if not (
                c.kind == "step.responsible" and c.before == [old.owner] and c.after == [new.owner]
            )
        ]
        before, after = self._next(self.old, old), self._next(self.new, new)
        if before != after and not self._explained_by_added_or_removed(before, after):
            changes.append(Change("step.next", new.id or "", before, after))
        return changes

    @staticmethod
    def _next(process: Process, step: Step) -> list[dict[str, str | None]]:
        """Where a step leads, with the spec's defaults: `[{to, when}]` (when: a branch label)."""
        return [{"to": edge.target, "when": edge.label} for edge in successors(process, step)]

    def _explained_by_added_or_removed(
        self, before: list[dict[str, str | None]], after: list[dict[str, str | None]]
    ) -> bool:
        """A plain hand-over that now skips a removed step or passes through an added one is
        already told by "step added/removed"; a decision's branches are always reported."""
        if len(before) != 1 or len(after) != 1 or before[0]["when"] or after[0]["when"]:
            return False
        return before[0]["to"] in self.removed_steps or after[0]["to"] in self.added_steps

    def _meeting(self, old: Meeting, new: Meeting) -> list[Change]:
        changes = _fields("meeting", new.id or "", old, new, ("name",))
        before, after = self._schedule(old), self._schedule(new)
        if before != after:
            changes.append(Change("meeting.schedule", new.id or "", before, after))
        return changes + _fields("meeting", new.id or "", old, new, ("chair", "attendees"))

    def _schedule(self, meeting: Meeting) -> dict[str, Value]:
        return {
            "every": meeting.every,
            "day": _day_text(meeting.day),
            "time": str(meeting.time) if meeting.time else None,
            "minutes": meeting.minutes,
            "timezone": str(meeting.timezone or self.timezone),
        }

    def _template(self, old: Template, new: Template) -> list[Change]:
        changes = _fields("template", new.id, old, new, ("name",))
        before = {"file": old.file, "sha256": _digest(self.old_root / old.file)}
        after = {"file": new.file, "sha256": _digest(self.new_root / new.file)}
        if before != after:
            changes.append(Change("template.file", new.id, before, after))
        return changes

    @staticmethod
    def _goal(old: Goal, new: Goal) -> list[Change]:
        before, after = _goal_values(old), _goal_values(new)
        return [Change("goal.changed", new.metric, before, after)] if before != after else []


def _goal_values(goal: Goal) -> dict[str, Value]:
    return {name: getattr(goal, name) for name in _GOAL_FIELDS}


def _day_text(day: MeetingDay | None) -> str | None:
    """A meeting day in one canonical spelling, so `周三` and `wednesday` compare equal."""
    if day is None:
        return None
    if day.monthday is not None:
        return str(day.monthday)
    assert day.weekday is not None
    weekday = WEEKDAYS_EN[day.weekday]
    if day.ordinal is None:
        return weekday
    ordinal = next(word for word, number in ORDINALS.items() if number == day.ordinal)
    return f"{ordinal} {weekday}"


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
