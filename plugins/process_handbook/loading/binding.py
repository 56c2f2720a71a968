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

from .. import characters, limits
from ..characters import token
from ..diagnostics import ERROR, Mark, Report, Rule
from ..model.fields import SLUG_PATTERN, Label, Slug
from ..model.introspect import FieldInfo, Shape, fields_of, noun
from ..model.values import ValueProblem
from ..nodes import DATE, Mapping, Node, Scalar, Sequence, describe
from ..suggest import Suggester, did_you_mean
from .reader import refused

NOT_A_MAPPING = Rule(
    code="not-a-mapping",
    severity=ERROR,
    summary="a file, step or other record written as a list or text instead of `name: value` lines",
    fix="write it as `name: value` lines (see the example in the process-owner guide)",
)
MISSING_FIELD = Rule(
    code="missing-field",
    severity=ERROR,
    summary="a required field that is missing or empty",
    fix="add the field with a value",
)
UNKNOWN_FIELD = Rule(
    code="unknown-field",
    severity=ERROR,
    summary="a field the format does not know (often a misspelt one)",
    fix="rename it to the field meant, or remove it",
)
ONE_ONLY = Rule(
    code="one-only",
    severity=ERROR,
    summary="a list where the field takes exactly one value (e.g. two owners of a step)",
    fix="name exactly one; a step's other doers go under `responsible`",
)
WRONG_TYPE = Rule(
    code="wrong-type",
    severity=ERROR,
    summary="a value of the wrong kind: text where a list belongs, a mapping where text belongs, ...",
    fix="write the value the way the field's example shows",
)
BAD_ID = Rule(
    code="bad-id",
    severity=ERROR,
    summary="an id that is not a slug (lowercase a-z, digits, - and _)",
    fix="use lowercase a-z, digits, - and _ in ids; put the display text under `name`",
)
BAD_CHOICE = Rule(
    code="bad-choice",
    severity=ERROR,
    summary="a value that is none of the field's choices (e.g. `kind: desicion`)",
    fix="use one of the choices the field lists",
)
BAD_DATE = Rule(
    code="bad-date",
    severity=ERROR,
    summary="a date that is not YYYY-MM-DD or not a real day",
    fix="write dates as YYYY-MM-DD with a real day, e.g. 2026-01-31",
)
BAD_VALUE = Rule(
    code="bad-value",
    severity=ERROR,
    summary="a time, duration, meeting day, interval, time zone or address that does not parse",
    fix="write it as the field's example shows",
)
DATE_OUT_OF_RANGE = Rule(
    code="date-out-of-range",
    severity=ERROR,
    summary=f"a date before {limits.FIRST_YEAR} or after {limits.LAST_YEAR}, the years the "
    "handbook can show",
    fix="write the real date; reviews, plans and calendars count from it",
)
ID_TOO_LONG = Rule(
    code="id-too-long",
    severity=ERROR,
    summary=f"an id longer than {limits.MAX_ID_LENGTH} characters",
    fix="shorten the id: ids name the site's files and URLs",
)
NAME_TOO_LONG = Rule(
    code="name-too-long",
    severity=ERROR,
    summary=f"a name or title longer than {limits.MAX_NAME_LENGTH} characters",
    fix="keep the name short; put the rest in a description",
)

T = TypeVar("T")
_SLUG = re.compile(SLUG_PATTERN)


class _Invalid:
    """The result of a value that was reported as wrong."""


INVALID = _Invalid()


class Binder:
    def __init__(self, report: Report) -> None:
        self.report = report

    def record(self, cls: type[T], node: Node) -> T | None:
        """Bind a mapping node to an instance of `cls`; None if it is not a mapping at all."""
        if not isinstance(node, Mapping):
            self.report.add(
                NOT_A_MAPPING,
                node.mark,
                f"a {noun(cls)} must be a mapping of fields (name: value), not {describe(node)}",
                _record_example(cls),
            )
            return None
        model: type = cls  # a class, hashable whatever its instances are
        fields = _fields_by_name(model)
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
        for info in _required_fields(model):
            if info.name not in node.entries:
                self._missing(cls, info, node.mark, "is missing")
        return cls(**values)

    def _missing(self, cls: type, info: FieldInfo, where: Mark, what: str) -> None:
        self.report.add(
            MISSING_FIELD,
            where,
            f"the required field '{info.name}' of this {noun(cls)} {what}",
            f"add `{info.name}: {_placeholder(info)}` ({info.en})",
        )

    def _unknown_field(self, cls: type, key: Scalar) -> None:
        guess = _field_suggester(cls)(key.text) if self.report.suggestion_allowed() else None
        names = ", ".join(f.name for f in fields_of(cls))
        self.report.add(
            UNKNOWN_FIELD,
            key.mark,
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
            rule, what = refused(m[0])
            self.report.add(
                rule,
                node.mark,
                f"{info.name}: {what}",
                "remove the escape sequence (such as \\x07 or \\u202e) from the quoted text",
            )
            return INVALID
        if shape.kind == "text":
            if isinstance(shape.marker, Slug) and not _SLUG.match(text):
                return self._bad_id(node, text)
            longest = _longest(shape.marker)
            if longest is not None and len(text) > longest[0]:
                self.report.add(
                    longest[1],
                    node.mark,
                    f"{info.name}: {len(text)} characters is too long; the limit is {longest[0]}",
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
            self.report.add(BAD_VALUE, node.mark, f"{info.name}: {problem}", problem.hint)
            return INVALID

    def _wrong_shape(self, node: Node, info: FieldInfo, expected: str) -> _Invalid:
        if isinstance(node, Sequence) and info.list_hint:
            self.report.add(
                ONE_ONLY,
                node.mark,
                f"'{info.name}' takes exactly one value, not a list",
                info.list_hint,
            )
            return INVALID
        if expected == "a list" and isinstance(node, Scalar):
            hint = f"write a list in brackets: `{info.name}: [{node.text}]`"
        else:
            hint = f"write `{info.name}: {_placeholder(info)}`"
        self.report.add(
            WRONG_TYPE, node.mark, f"'{info.name}' must be {expected}, not {describe(node)}", hint
        )
        return INVALID

    def _bad_id(self, node: Scalar, text: str) -> _Invalid:
        suggestion = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")
        example = f", e.g. '{suggestion}'" if suggestion and _SLUG.match(suggestion) else ""
        self.report.add(
            BAD_ID,
            node.mark,
            f"'{token(text)}' is not a valid id",
            f"ids use lowercase a-z, digits, - and _ and start with a letter or digit{example}; "
            "put the display text under `name`",
        )
        return INVALID

    def _choice(self, node: Scalar, text: str, options: tuple[str, ...], info: FieldInfo) -> Any:
        if text in options:
            return text
        guess = did_you_mean(text, options) if self.report.suggestion_allowed() else None
        self.report.add(
            BAD_CHOICE,
            node.mark,
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
                if limits.FIRST_YEAR <= day.year <= limits.LAST_YEAR:
                    return day
                self.report.add(
                    DATE_OUT_OF_RANGE,
                    node.mark,
                    f"{day} is outside the years the handbook can show "
                    f"({limits.FIRST_YEAR}-{limits.LAST_YEAR})",
                )
                return INVALID
        self.report.add(BAD_DATE, node.mark, f"'{token(text)}' is not a date")
        return INVALID


@cache
def _fields_by_name(cls: type) -> dict[str, FieldInfo]:
    return {info.name: info for info in fields_of(cls)}


def _longest(marker: object) -> tuple[int, Rule] | None:
    """The longest text a marked field takes (an id, a name), and the rule a longer one breaks."""
    if isinstance(marker, Slug):
        return limits.MAX_ID_LENGTH, ID_TOO_LONG
    if isinstance(marker, Label):
        return limits.MAX_NAME_LENGTH, NAME_TOO_LONG
    return None


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
