"""The format reference as page content: every field of organization.yml and of a process file.

Read from the model's fields (`model.introspect`), the very description the binder
and the JSON Schema are made from, so the page cannot drift from what `validate`
accepts: a field's kind, whether it is required or what it defaults to, the
values it takes (value classes describe themselves in words: `ACCEPTS`),
its explanation in the page's language and an example.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .. import paths
from ..i18n.labels import Labels
from ..limits import FIRST_YEAR, LAST_YEAR, MAX_ID_LENGTH, MAX_NAME_LENGTH
from ..model.entities import Channel, Department, Organization, Process, Role, Step, Template, Tool
from ..model.fields import Label, Ref, RefKind, Slug
from ..model.introspect import FieldInfo, Shape, fields_of

#: The file kinds, in the order the page describes them (organization.yml defines the ids
#: the process files use).
FILE_KINDS: tuple[type, ...] = (Organization, Process)
#: The kind of id each reference names: its example is that id's.
_REFERRED: dict[RefKind, tuple[type, str]] = {
    "department": (Department, "id"),
    "role": (Role, "id"),
    "party": (Role, "id"),
    "channel": (Channel, "id"),
    "tool": (Tool, "id"),
    "template": (Template, "id"),
    "step": (Step, "id"),
    "process": (Process, "id"),
}


@dataclass(frozen=True)
class FieldRow:
    """One field as the reference shows it; every text is plain (the template escapes it)."""

    name: str
    anchor: str
    kind: str  # what it holds, in words
    record: str | None  # the anchor of the mapping it holds (or holds a list of)
    needed: str  # required, optional, or its default
    accepts: str  # the values it takes, in words ("" when any text)
    text: str  # what it means
    example: str  # YAML text ("" for a mapping: its own section has examples)


@dataclass(frozen=True)
class RecordSection:
    """A kind of mapping (a step, a meeting, ...): where it is written, and its fields."""

    name: str  # the model class's name, lower case: `step`
    anchor: str
    title: str
    places: list[tuple[str, str]]  # where it is written: (file kind, `steps[].next[]`)
    fields: list[FieldRow]


@dataclass(frozen=True)
class FileSection:
    title: str
    anchor: str
    records: list[RecordSection]  # the file's top level first


def format_reference(labels: Labels) -> list[FileSection]:
    """Every file kind with the mappings it holds, each described once (where it first
    appears: the channels of a process are the channels of organization.yml)."""
    described: dict[type, RecordSection] = {}
    files = []
    for root in FILE_KINDS:
        title = str(labels.records[root.__name__])
        places: dict[type, list[tuple[str, str]]] = {}
        order = list(_records(root, (title, ""), places))
        records = []
        for cls in dict.fromkeys(order):
            if cls in described:
                described[cls].places.extend(
                    p for p in places[cls] if p not in described[cls].places
                )
                continue
            described[cls] = _section(cls, places[cls], labels)
            records.append(described[cls])
        files.append(FileSection(title, records[0].anchor, records))
    return files


def _records(
    cls: type, place: tuple[str, str], places: dict[type, list[tuple[str, str]]]
) -> Iterator[type]:
    """`cls` and every mapping its fields hold, depth first in field order, noting where each
    is written (`places`)."""
    places.setdefault(cls, []).append(place)
    yield cls
    for info in fields_of(cls):
        for shape, suffix in _held(info.shape):
            file, path = place
            inner = f"{path}.{info.name}{suffix}" if path else info.name + suffix
            yield from _records(shape.base, (file, inner), places)


def _held(shape: Shape) -> Iterator[tuple[Shape, str]]:
    """The mappings a field holds, each with how its place is written (`[]` in a list)."""
    if shape.kind == "record":
        yield shape, ""
    elif shape.kind == "list":
        yield from ((inner, "[]" + suffix) for inner, suffix in _held(shape.base))
    elif shape.kind == "either":
        for alternative in shape.alternatives:
            yield from _held(alternative)


def _section(cls: type, places: list[tuple[str, str]], labels: Labels) -> RecordSection:
    name = cls.__name__.lower()
    return RecordSection(
        name,
        paths.record_anchor(name),
        labels.records[cls.__name__],
        places,
        [_row(name, info, labels) for info in fields_of(cls)],
    )


def _row(record: str, info: FieldInfo, labels: Labels) -> FieldRow:
    held = next(_held(info.shape), None)
    return FieldRow(
        name=info.name,
        anchor=paths.field_anchor(record, info.name),
        kind=_kind(info.shape, labels),
        record=paths.record_anchor(held[0].base.__name__.lower()) if held else None,
        needed=_needed(info, labels),
        accepts=_accepts(info.shape, labels),
        text=info.zh if labels.language == "zh" else info.en,
        example="" if held else example(info),
    )


def _kind(shape: Shape, labels: Labels) -> str:
    """What a value holds, in words: `text`, `role id`, `[department id, …]`, ..."""
    if shape.kind == "either":
        return str(labels.format_or).join(_kind(s, labels) for s in shape.alternatives)
    if shape.kind == "list":
        return labels.fmt("format_list", item=_kind(shape.base, labels))
    if shape.kind == "record":
        return str(labels.records[shape.base.__name__])
    if shape.kind == "value":
        return str(labels.format_values[shape.base.__name__])
    if isinstance(shape.marker, Ref):
        return str(labels.format_refs[shape.marker.kind])
    key = {"date": "format_date", "choice": "format_choice"}.get(shape.kind, "format_text")
    if isinstance(shape.marker, Slug):
        key = "format_id"
    elif isinstance(shape.marker, Label):
        key = "format_name"
    return str(labels[key])


def _accepts(shape: Shape, labels: Labels) -> str:
    """The values a field takes, in words ("" when any text will do)."""
    if shape.kind == "either":
        return str(labels.format_or).join(
            a for s in shape.alternatives if (a := _accepts(s, labels))
        )
    if shape.kind == "list":
        return _accepts(shape.base, labels)
    if shape.kind == "choice":
        return " | ".join(shape.base)
    if shape.kind == "value":
        return str(shape.base.ACCEPTS[labels.language])
    if shape.kind == "date":
        return labels.fmt("format_date_accepts", first=FIRST_YEAR, last=LAST_YEAR)
    if isinstance(shape.marker, Slug):
        return labels.fmt("format_id_accepts", longest=MAX_ID_LENGTH)
    if isinstance(shape.marker, Label):
        return labels.fmt("format_name_accepts", longest=MAX_NAME_LENGTH)
    return ""


def _needed(info: FieldInfo, labels: Labels) -> str:
    if info.required:
        return str(labels.format_required)
    if info.default not in (None, ""):
        return labels.fmt("format_default", value=info.default)
    return str(labels.format_optional)


def example(info: FieldInfo) -> str:
    """A value of the field as YAML text: its own example, else one its kind suggests (a list's
    in brackets); "" for a mapping or a list of them."""
    shown = info.example if info.example is not None else _suggested(info)
    if shown is None:
        return ""
    return f"[{shown}]" if info.shape.kind == "list" else shown


def _suggested(info: FieldInfo) -> str | None:
    shape = info.shape
    if shape.kind == "choice" and info.default is not None:
        return str(info.default)
    while shape.kind in ("list", "either"):
        shape = shape.base if shape.kind == "list" else shape.alternatives[0]
    if shape.kind == "choice":
        return str(shape.base[0])
    if shape.kind == "value":
        examples: list[Any] = shape.base.json_schema().get("examples", [])
        return str(examples[0]) if examples else None
    if isinstance(shape.marker, Ref) and shape.marker.kind in _REFERRED:
        cls, name = _REFERRED[shape.marker.kind]
        referred = next(f for f in fields_of(cls) if f.name == name)
        return example(referred).strip("[]") or None
    return None
