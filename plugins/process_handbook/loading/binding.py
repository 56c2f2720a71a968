"""Turn YAML nodes into model objects, reporting every field that does not fit.

Binding never stops at an error: a bad value is reported and the field keeps
its neutral default, so the same run can still check references and the flow
of everything else in the file.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any, TypeVar

from .. import characters
from ..characters import token
from ..diagnostics import Mark, Report
from ..limits import FIRST_YEAR, LAST_YEAR, MAX_ID_LENGTH, MAX_NAME_LENGTH
from ..model.fields import SLUG_PATTERN, Label, Slug
from ..model.introspect import FieldInfo, Shape, fields_of, noun
from ..model.values import ValueProblem
from ..nodes import DATE, Mapping, Node, Scalar, Sequence, describe
from ..suggest import Suggester, did_you_mean

T = TypeVar("T")
_SLUG = re.compile(SLUG_PATTERN)


class _Invalid:
    """The result of a value that was reported as wrong."""


INVALID = _Invalid()

#: The longest text a marked field takes: (limit, diagnostic code, fix).
_LENGTHS: dict[type, tuple[int, str, str]] = {
    Slug: (MAX_ID_LENGTH, "id-too-long", "shorten the id: ids name the site's files and URLs"),
    Label: (MAX_NAME_LENGTH, "name-too-long", "keep the name short; put the rest in a description"),
}


class Binder:
    def __init__(self, report: Report) -> None:
        self.report = report

    def record(self, cls: type[T], node: Node) -> T | None:
        """Bind a mapping node to an instance of `cls`; None if it is not a mapping at all."""
        if not isinstance(node, Mapping):
            self.report.error(
                node.mark,
                "not-a-mapping",
                f"a {noun(cls)} must be a mapping of fields (name: value), not {describe(node)}",
                _record_example(cls),
            )
            return None
        fields = _fields_by_name(cls)
        values: dict[str, Any] = {"source": node}
        for key, value_node in node:
            info = fields.get(key.text)
            if info is None:
                self._unknown_field(cls, key)
            elif isinstance(value_node, Scalar) and value_node.is_null:
                if info.required:
                    self._missing(cls, info, value_node.mark, "is empty")
            elif (value := self.value(info.shape, value_node, info)) is not INVALID:
                if info.required and value == "":  # `when: ""`, `name: "  "`
                    self._missing(cls, info, value_node.mark, "is empty")
                else:
                    values[info.name] = value
        for info in _required_fields(cls):
            if info.name not in node.entries:
                self._missing(cls, info, node.mark, "is missing")
        return cls(**values)

    def _missing(self, cls: type, info: FieldInfo, where: Mark, what: str) -> None:
        self.report.error(
            where,
            "missing-field",
            f"the required field '{info.name}' of this {noun(cls)} {what}",
            f"add `{info.name}: {_placeholder(info)}` ({info.en})",
        )

    def _unknown_field(self, cls: type, key: Scalar) -> None:
        guess = _field_suggester(cls)(key.text) if self.report.suggestion_allowed() else None
        names = ", ".join(f.name for f in fields_of(cls))
        self.report.error(
            key.mark,
            "unknown-field",
            f"unknown field '{token(key.text)}' in a {noun(cls)}"
            + (f" (did you mean '{guess}'?)" if guess else ""),
            f"rename it to '{guess}'" if guess else f"a {noun(cls)} has the fields: {names}",
        )

    def value(self, shape: Shape, node: Node, info: FieldInfo) -> Any:
        if shape.kind == "either":
            wanted = "list" if isinstance(node, Sequence) else "text"
            chosen = next(
                (s for s in shape.alternatives if (s.kind == "list") == (wanted == "list")), None
            )
            if chosen is None or isinstance(node, Mapping):
                return self._wrong_shape(node, info, "a step id or a list of branches")
            return self.value(chosen, node, info)
        if shape.kind == "list":
            if not isinstance(node, Sequence):
                return self._wrong_shape(node, info, "a list")
            item_shape = shape.base
            items = (self.value(item_shape, item, info) for item in node.items)
            return [item for item in items if item is not INVALID and item is not None]
        if shape.kind == "record":
            return self.record(shape.base, node)
        if not isinstance(node, Scalar):
            return self._wrong_shape(node, info, _scalar_noun(shape))
        if node.is_null:
            return None
        text = node.text.strip()
        # the file's text has no refused characters (the reader checked), but a quoted
        # value can still write one as an escape such as "\x07" or "\u202e"
        if not node.plain and (m := characters.problem(text)):
            code, what = characters.kind(m[0])
            self.report.error(
                node.mark,
                code,
                f"{info.name}: {what}",
                "remove the escape sequence (such as \\x07 or \\u202e) from the quoted text",
            )
            return INVALID
        if shape.kind == "text":
            if isinstance(shape.marker, Slug) and not _SLUG.match(text):
                return self._bad_id(node, text)
            limit = _LENGTHS.get(type(shape.marker))
            if limit is not None and len(text) > limit[0]:
                self.report.error(
                    node.mark,
                    limit[1],
                    f"{info.name}: {len(text)} characters is too long; the limit is {limit[0]}",
                    limit[2],
                )
                return INVALID
            return text
        if shape.kind == "choice":
            return self._choice(node, text, shape.base, info)
        if shape.kind == "date":
            return self._date(node, text)
        try:
            return shape.base.parse(text)
        except ValueProblem as problem:
            self.report.error(node.mark, "bad-value", f"{info.name}: {problem}", problem.hint)
            return INVALID

    def _wrong_shape(self, node: Node, info: FieldInfo, expected: str) -> _Invalid:
        if isinstance(node, Sequence) and info.list_hint:
            self.report.error(
                node.mark,
                "one-only",
                f"'{info.name}' takes exactly one value, not a list",
                info.list_hint,
            )
            return INVALID
        if expected == "a list" and isinstance(node, Scalar):
            hint = f"write a list in brackets: `{info.name}: [{node.text}]`"
        else:
            hint = f"write `{info.name}: {_placeholder(info)}`"
        self.report.error(
            node.mark,
            "wrong-type",
            f"'{info.name}' must be {expected}, not {describe(node)}",
            hint,
        )
        return INVALID

    def _bad_id(self, node: Scalar, text: str) -> _Invalid:
        suggestion = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")
        example = f", e.g. '{suggestion}'" if suggestion and _SLUG.match(suggestion) else ""
        self.report.error(
            node.mark,
            "bad-id",
            f"'{token(text)}' is not a valid id",
            f"ids use lowercase a-z, digits, - and _ and start with a letter or digit{example}; "
            "put the display text under `name`",
        )
        return INVALID

    def _choice(self, node: Scalar, text: str, options: tuple[str, ...], info: FieldInfo) -> Any:
        if text in options:
            return text
        guess = did_you_mean(text, options) if self.report.suggestion_allowed() else None
        self.report.error(
            node.mark,
            "bad-choice",
            f"'{token(text)}' is not a valid {info.name}"
            + (f" (did you mean '{guess}'?)" if guess else ""),
            f"use one of: {' | '.join(options)}",
        )
        return INVALID

    def _date(self, node: Scalar, text: str) -> Any:
        m = DATE.match(text)
        if m:
            try:
                day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                pass
            else:
                if FIRST_YEAR <= day.year <= LAST_YEAR:
                    return day
                self.report.error(
                    node.mark,
                    "date-out-of-range",
                    f"{day} is outside the years the handbook can show ({FIRST_YEAR}-{LAST_YEAR})",
                    "write the real date; reviews, plans and calendars count from it",
                )
                return INVALID
        self.report.error(
            node.mark,
            "bad-date",
            f"'{token(text)}' is not a date",
            "write dates as YYYY-MM-DD with a real day, e.g. 2026-01-31",
        )
        return INVALID


@cache
def _fields_by_name(cls: type) -> dict[str, FieldInfo]:
    return {info.name: info for info in fields_of(cls)}


@cache
def _field_suggester(cls: type) -> Suggester:
    return Suggester(list(_fields_by_name(cls)))


@cache
def _required_fields(cls: type) -> tuple[FieldInfo, ...]:
    return tuple(info for info in fields_of(cls) if info.required)


def _scalar_noun(shape: Shape) -> str:
    if shape.kind == "date":
        return "a date (YYYY-MM-DD)"
    if shape.kind == "choice":
        return "one of " + " | ".join(shape.base)
    return "a single value"


def _placeholder(info: FieldInfo) -> str:
    if info.example:
        return info.example
    shape = info.shape
    if shape.kind == "list":
        return "[...]"
    if shape.kind == "record":
        return "(a mapping)"
    if shape.kind == "choice":
        return " | ".join(shape.base)
    return "..."


def _record_example(cls: type) -> str:
    required = [f for f in fields_of(cls) if f.required]
    sample = ", ".join(f"{f.name}: {_placeholder(f)}" for f in required[:3])
    return (
        f"write it as a mapping, e.g. {{{sample}}}" if sample else "write it as `name: value` lines"
    )
