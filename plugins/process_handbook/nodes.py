"""The YAML document as a tree of nodes that remember where they were written.

Every node carries the 1-based line and column of its first character, so any
later check can point a process owner at the exact spot in the file.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeAlias

from .characters import token
from .diagnostics import Mark

Plain: TypeAlias = str | int | float | bool | dt.date | list["Plain"] | dict[str, "Plain"] | None


@dataclass(slots=True, eq=False)
class Scalar:
    """A scalar exactly as written: `text` is the source text, `plain` tells it was unquoted."""

    mark: Mark
    text: str
    plain: bool

    @property
    def is_null(self) -> bool:
        return self.plain and self.text in _NULLS

    def to_data(self) -> Plain:
        """The value under the YAML 1.2 core schema, plus ISO dates."""
        return resolve_scalar(self.text) if self.plain else self.text


@dataclass(slots=True, eq=False)
class Sequence:
    mark: Mark
    items: list[Node] = field(default_factory=list)

    def to_data(self) -> Plain:
        return [item.to_data() for item in self.items]


@dataclass(slots=True, eq=False)
class Mapping:
    """A mapping whose keys are scalars; duplicate keys never reach this class."""

    mark: Mark
    entries: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)

    def get(self, key: str) -> Node | None:
        entry = self.entries.get(key)
        return entry[1] if entry else None

    def key_node(self, key: str) -> Scalar | None:
        entry = self.entries.get(key)
        return entry[0] if entry else None

    def __iter__(self) -> Iterator[tuple[Scalar, Node]]:
        return iter(self.entries.values())

    def to_data(self) -> Plain:
        return {key: value.to_data() for key, (_, value) in self.entries.items()}


Node: TypeAlias = Scalar | Sequence | Mapping


def describe(node: Node) -> str:
    """How a node reads to a person: 'a list', 'a mapping', 'the text "x"'."""
    if isinstance(node, Sequence):
        return "a list"
    if isinstance(node, Mapping):
        return "a mapping (key: value pairs)"
    if node.is_null:
        return "nothing"
    return f"'{token(node.text)}'"


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")
DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")


def resolve_scalar(text: str) -> Plain:
    """Resolve an unquoted scalar as YAML 1.2 does: `15:00` and `no` stay text."""
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return math.inf if not text.startswith("-") else -math.inf
    if _NAN.match(text):
        return math.nan
    if m := DATE.match(text):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return text
    return text
