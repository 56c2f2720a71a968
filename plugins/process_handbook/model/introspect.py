"""Read the model's dataclasses as a format description (for the binder and the JSON Schema)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, Union

from .fields import Label, Ref, Slug

NOUNS = {
    "Organization": "organization.yml",
    "Process": "process file",
    "Phase": "plan phase",
    "Branch": "branch",
}


def noun(cls: type) -> str:
    """How people call an instance of a model class: 'step', 'meeting', ..."""
    return NOUNS.get(cls.__name__, cls.__name__.lower())


@dataclass(frozen=True)
class FieldInfo:
    name: str
    hint: Any
    required: bool
    zh: str
    en: str
    example: str | None  # YAML text; of one item for a list
    list_hint: str | None
    default: Any  # what an absent optional field means (None: nothing)
    shape: (
        Shape  # `shape_of(hint)`, kept here: classifying a typing hint again costs a hash each time
    )


@cache
def fields_of(cls: type) -> tuple[FieldInfo, ...]:
    """The YAML fields of a model class, in declaration order."""
    hints = typing.get_type_hints(cls, include_extras=True)
    return tuple(
        FieldInfo(
            name=f.name,
            hint=hints[f.name],
            required=bool(f.metadata.get("required")),
            zh=f.metadata.get("zh", ""),
            en=f.metadata.get("en", ""),
            example=f.metadata.get("example"),
            list_hint=f.metadata.get("list_hint"),
            default=None if f.default is dataclasses.MISSING else f.default,
            shape=shape_of(hints[f.name]),
        )
        for f in dataclasses.fields(cls)
        if not f.metadata.get("internal")
    )


@dataclass(frozen=True)
class Shape:
    """A field type taken apart: what kind of value it holds and its markers."""

    kind: Literal["text", "date", "choice", "list", "record", "value", "either"]
    base: Any = None  # the items' shape (list), the class (record, value), the options (choice)
    marker: Slug | Label | Ref | None = None
    alternatives: tuple[Shape, ...] = ()


@cache
def shape_of(hint: Any) -> Shape:
    """Classify a type hint; `X | None` is the same shape as X (None means absent)."""
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        base, *extras = typing.get_args(hint)
        marker = next((e for e in extras if isinstance(e, (Slug, Label, Ref))), None)
        return dataclasses.replace(shape_of(base), marker=marker)
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            return shape_of(options[0])
        return Shape("either", alternatives=tuple(shape_of(o) for o in options))
    if origin is Literal:
        return Shape("choice", base=typing.get_args(hint))
    if origin is list:
        return Shape("list", base=shape_of(typing.get_args(hint)[0]))
    if hint is str:
        return Shape("text")
    if hint is dt.date:
        return Shape("date")
    if hasattr(hint, "parse"):  # checked first: value classes are dataclasses too
        return Shape("value", base=hint)
    if dataclasses.is_dataclass(hint):
        return Shape("record", base=hint)
    raise TypeError(f"unsupported model type {hint!r}")  # a bug in the model, not in input
