"""A comparison as a pull-request comment (Markdown) or as JSON for machines.

The comment quotes text from the process files, which anyone can write: every
such value goes through `rendering.text.inline`, so it shows literally and never
becomes HTML, a link or Markdown syntax in the comment; and no `@name` in it
notifies anybody (a zero-width space follows every `@`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from ..diagnostics import Diagnostic
from ..i18n.labels import Labels
from ..model.entities import END, Meeting, Process
from ..model.handbook import Handbook
from ..model.values import Clock, Duration, MeetingDay
from ..rendering.text import inline
from .changes import Change, ProcessChanges
from .revisions import Outcome

#: GitHub refuses comments over 65,536 characters; leave room for the closing line.
MAX_COMMENT = 60_000
#: Errors listed per side when a side fails to load; `handbook validate` shows them all.
MAX_ERRORS = 10


def as_json(outcome: Outcome) -> dict[str, Any]:
    """Stable, JSON-ready data: the same comparison always gives the same document."""
    diff = outcome.diff
    return {
        "base": outcome.base,
        "head": outcome.head,
        "changed": None if diff is None else not diff.unchanged,
        "organization": [c.as_json() for c in diff.organization] if diff else [],
        "processes": [
            {"id": p.id, "title": p.title, "changes": [c.as_json() for c in p.changes]}
            for p in diff.processes
        ]
        if diff
        else [],
        "errors": {
            side: [
                {
                    "file": d.file,
                    "line": d.line,
                    "column": d.column,
                    "code": d.code,
                    "message": d.message,
                }
                for d in errors
            ]
            for side, errors in sorted(outcome.failures.items())
        },
    }


#: What follows every `@` of the comment, so that `@team` mentions (and notifies) nobody.
_NO_MENTION = "@&#8203;"


def markdown(outcome: Outcome, language: str, display_root: str = "") -> str:
    """The comparison as a comment: a heading per changed process, one bullet per change."""
    return _comment(outcome, Labels(language), display_root).replace("@", _NO_MENTION)


def _comment(outcome: Outcome, labels: Labels, display_root: str) -> str:
    head = inline(outcome.head) if outcome.head else labels.diff_working_tree
    lines = [
        f"## {labels.diff_title}",
        "",
        labels.fmt("diff_range", base=inline(outcome.base), head=head),
        "",
    ]
    if outcome.failures:
        for side, errors in sorted(outcome.failures.items()):
            lines += _failure(labels, side, outcome, errors, display_root)
        return "\n".join(lines)
    diff = outcome.diff
    assert diff is not None
    if diff.unchanged:
        return "\n".join([*lines, labels.diff_no_change, ""])
    if diff.processes:
        lines += [labels.fmt("diff_summary", n=len(diff.processes)), ""]
    if diff.organization:
        writer = _Writer(labels, diff.base, diff.head, None, None)
        lines += [f"### {labels.diff_organization}", "", *writer.bullets(diff.organization), ""]
    length = sum(_length(line) for line in lines)
    for index, process in enumerate(diff.processes):
        section = _process_section(labels, diff.base, diff.head, process)
        length += sum(_length(line) for line in section)
        if length > MAX_COMMENT:
            lines += [labels.fmt("diff_truncated", n=len(diff.processes) - index), ""]
            break
        lines += section
    return "\n".join(lines)


def _failure(
    labels: Labels, side: str, outcome: Outcome, errors: list[Diagnostic], root: str
) -> list[str]:
    revision = outcome.base if side == "base" else outcome.head
    name = labels[f"diff_side_{side}"]
    if revision:
        name = f"{name}{labels.paren_open}{inline(revision)}{labels.paren_close}"
    lines = [labels.fmt("diff_failed", side=name, n=len(errors)), ""]
    lines += [f"- {inline(d.format(root).splitlines()[0])}" for d in errors[:MAX_ERRORS]]
    if len(errors) > MAX_ERRORS:
        lines.append(f"- {labels.fmt('diff_more_errors', n=len(errors) - MAX_ERRORS)}")
    return [*lines, ""]


def _process_section(
    labels: Labels, base: Handbook, head: Handbook, process: ProcessChanges
) -> list[str]:
    writer = _Writer(labels, base, head, process.base, process.head)
    heading = f"### {inline(process.title)}{labels.paren_open}`{process.id}`{labels.paren_close}"
    return [heading, "", *writer.bullets(process.changes), ""]


class _Writer:
    """Turns changes into sentences, naming things the way the handbook's pages do.

    A value from before the change is named from the old version, one from after
    it from the new version, so a renamed or removed thing still reads right.
    """

    def __init__(
        self,
        labels: Labels,
        base: Handbook,
        head: Handbook,
        old: Process | None,
        new: Process | None,
    ) -> None:
        self.labels = labels
        self.base, self.head = base, head
        self.old, self.new = old, new

    def bullets(self, changes: Iterable[Change]) -> list[str]:
        return [f"- {self.sentence(change)}" for change in changes]

    def sentence(self, change: Change) -> str:
        thing, _, what = change.kind.partition(".")
        values: dict[str, object] = {"name": self._subject(thing, change)}
        key = f"diff_{thing}_{what}"
        if what == "added":
            values.update(self._described(thing, change.after, self.head, self.new))
        elif what == "removed":
            values.update(self._described(thing, change.before, self.base, self.old))
        elif change.kind == "template.file":
            before, after = change.before["file"], change.after["file"]
            if before == after:
                key, values["file"] = "diff_template_content", inline(after)
            values["before"], values["after"] = inline(before), inline(after)
        elif what == "next" and any(edge["when"] for edge in change.before + change.after):
            key = "diff_step_branches"
            values["changes"] = self._set_change(
                [self._edge(e, self.new) for e in change.after if e not in change.before],
                [self._edge(e, self.old) for e in change.before if e not in change.after],
            )
        elif isinstance(change.before, list) and what != "next":
            values["changes"] = self._set_change(
                [inline(self.head.party_name(p)) for p in change.after if p not in change.before],
                [inline(self.base.party_name(p)) for p in change.before if p not in change.after],
            )
        elif change.kind == "goal.changed":
            values["changes"] = self._goal_change(change.before, change.after)
        else:
            values["before"] = self._value(what, change.before, self.base, self.old)
            values["after"] = self._value(what, change.after, self.head, self.new)
        values["id"] = Markup(
            f"`{change.subject}`"
        )  # only department and role ids are shown: slugs
        return self.labels.fmt(key, **values)

    def _subject(self, thing: str, change: Change) -> Markup:
        """The display name of what changed (from the new version when it still exists)."""
        if thing == "process":
            return Markup("")
        if thing == "goal":
            return inline(change.subject)
        for handbook, process in ((self.head, self.new), (self.base, self.old)):
            item = self._find(thing, change.subject, handbook, process)
            if item is not None:
                return inline(item.name)
        return inline(change.subject)

    @staticmethod
    def _find(thing: str, ident: str, handbook: Handbook, process: Process | None) -> Any:
        if thing == "department":
            return handbook.departments.get(ident)
        if thing == "role":
            return handbook.roles.get(ident)
        items = {"step": "steps", "meeting": "meetings", "template": "templates"}[thing]
        return next((i for i in getattr(process, items, []) if i.id == ident), None)

    def _described(
        self, thing: str, data: dict[str, Any], handbook: Handbook, process: Process | None
    ) -> dict[str, object]:
        """The placeholders of an added or removed thing: its fields, named for display."""
        values: dict[str, object] = {
            key: self._value(key, value, handbook, process) for key, value in data.items()
        }
        if thing == "goal":
            values["values"] = self._goal_values(data)
        return values

    def _value(self, what: str, value: Any, handbook: Handbook, process: Process | None) -> Markup:
        labels = self.labels
        if value is None:
            return inline(labels.none)
        if what in ("owner", "chair", "sponsor"):
            return inline(handbook.roles[value].name if value in handbook.roles else value)
        if what in ("lane", "department"):
            return inline(
                handbook.departments[value].name if value in handbook.departments else value
            )
        if what == "status":
            return inline(labels[f"status_{value}"])
        if what == "process":
            target = handbook.process_by_id.get(value)
            return inline(target.title if target else value)
        if what == "next":
            return Markup(labels.list_separator).join(self._edge(edge, process) for edge in value)
        if what == "schedule":
            return inline(self._schedule(value))
        return inline(value)

    def _edge(self, edge: dict[str, str | None], process: Process | None) -> Markup:
        target = edge["to"]
        step = next((s for s in getattr(process, "steps", []) if s.id == target), None)
        name = inline(self.labels.end if target == END else step.name if step else target)
        if edge["when"] is None:
            return name
        return Markup(self.labels.fmt("diff_branch", when=inline(edge["when"]), to=name))

    def _schedule(self, schedule: dict[str, Any]) -> str:
        """`每周三 15:00–16:00 (Asia/Shanghai)`, worded as on the process page."""
        meeting = Meeting(
            every=schedule["every"],
            day=MeetingDay.parse(schedule["day"]) if schedule["day"] else None,
            time=Clock.parse(schedule["time"]) if schedule["time"] else None,
            duration=Duration.parse(f"{schedule['minutes']}m"),
        )
        return f"{self.labels.when(meeting)} {self.labels.meeting_time(meeting, schedule['timezone'])}".strip()

    def _set_change(self, added: list[Markup], removed: list[Markup]) -> Markup:
        """`新增 A、B；移除 C`: what a list (departments, roles, branches) gained and lost."""
        comma = Markup(self.labels.list_separator)
        parts = [
            Markup(self.labels.fmt(key, items=comma.join(items)))
            for key, items in (("diff_added_items", added), ("diff_removed_items", removed))
            if items
        ]
        return Markup(self.labels.diff_separator).join(parts)

    def _goal_change(self, before: dict[str, Any], after: dict[str, Any]) -> Markup:
        parts = [
            Markup("{} {} → {}").format(
                self.labels[key], inline(before[key] or "—"), inline(after[key] or "—")
            )
            for key in before
            if before[key] != after[key]
        ]
        return Markup(self.labels.diff_separator).join(parts)

    def _goal_values(self, values: dict[str, Any]) -> Markup:
        return Markup(self.labels.diff_separator).join(
            Markup("{} {}").format(self.labels[key], inline(value))
            for key, value in values.items()
            if value
        )


def _length(line: str) -> int:
    """The characters a line of the comment takes, its line break and mention guards included."""
    return len(line) + 1 + line.count("@") * (len(_NO_MENTION) - 1)
