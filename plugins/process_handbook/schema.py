"""JSON Schema for editors, generated from the model (the one definition of the format)."""

from __future__ import annotations

import json
from typing import Any, Literal

from .limits import MAX_ID_LENGTH, MAX_NAME_LENGTH
from .model.entities import Organization, Process
from .model.fields import SLUG_PATTERN, Label, Ref, Slug
from .model.introspect import FieldInfo, Shape, fields_of

SchemaName = Literal["process", "organization"]
ROOTS: dict[SchemaName, type] = {"process": Process, "organization": Organization}
TITLES = {
    "process": "Process Handbook: process file / 流程文件",
    "organization": "Process Handbook: organization.yml / 组织定义",
}


def json_schema(name: SchemaName) -> dict[str, Any]:
    """The draft-07 schema of one file kind; editors use it for completion and hover help."""
    definitions: dict[str, Any] = {}
    root = _record(ROOTS[name], definitions)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": f"https://process-handbook.invalid/schemas/{name}.schema.json",
        "title": TITLES[name],
        **root,
        "definitions": dict(sorted(definitions.items())),
    }


def _record(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    fields = fields_of(cls)
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields if f.required],
        "properties": {f.name: _field(f, definitions) for f in fields},
    }


def _field(info: FieldInfo, definitions: dict[str, Any]) -> dict[str, Any]:
    text = f"{info.zh}\n\n{info.en}"
    schema = {"description": text, "markdownDescription": text, **_shape(info.shape, definitions)}
    if info.example is not None:  # of one item, for a list
        target = schema["items"] if info.shape.kind == "list" else schema
        target["examples"] = [info.example.strip('"')]
    if not info.required and "type" in schema:  # an empty `field:` means "not given"
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        schema["type"] = [*types, "null"]
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
    return schema


def _shape(shape: Shape, definitions: dict[str, Any]) -> dict[str, Any]:
    if shape.kind == "either":
        return {"anyOf": [_shape(s, definitions) for s in shape.alternatives]}
    if shape.kind == "list":
        return {"type": "array", "items": _shape(shape.base, definitions)}
    if shape.kind == "record":
        name = shape.base.__name__
        if name not in definitions:
            definitions[name] = {}  # placeholder against recursion
            definitions[name] = _record(shape.base, definitions)
        return {"$ref": f"#/definitions/{name}"}
    if shape.kind == "choice":
        return {"type": "string", "enum": list(shape.base)}
    if shape.kind == "date":
        return {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    if shape.kind == "value":
        return dict(shape.base.json_schema())
    if isinstance(shape.marker, Slug):
        return {"type": "string", "pattern": SLUG_PATTERN, "maxLength": MAX_ID_LENGTH}
    if isinstance(shape.marker, Ref):
        return {"type": "string", "pattern": SLUG_PATTERN}
    if isinstance(shape.marker, Label):
        return {"type": ["string", "number"], "minLength": 1, "maxLength": MAX_NAME_LENGTH}
    return {"type": ["string", "number"]}


def schema_text(found: dict[str, Any]) -> str:
    """A JSON Schema as the files of `schemas/` hold it."""
    return json.dumps(found, ensure_ascii=False, indent=2) + "\n"
