"""How the model's fields describe themselves: ids, references, docs, requiredness.

The dataclasses in `entities` use these markers; the binder (YAML → model) and
the JSON Schema generator both read them, so the format has one definition.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Annotated, Any, Literal

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

RefKind = Literal[
    "department",
    "role",
    "party",
    "channel",
    "tool",
    "template",
    "step",
    "process",
    "audience",
]


@dataclass(frozen=True)
class Slug:
    """Marks a field that defines an id."""


@dataclass(frozen=True)
class Label:
    """Marks a name or title: one line of text, at most MAX_NAME_LENGTH characters."""


@dataclass(frozen=True)
class Ref:
    """Marks a field that names something defined elsewhere, by id."""

    kind: RefKind


Id = Annotated[str, Slug()]
Name = Annotated[str, Label()]
DepartmentRef = Annotated[str, Ref("department")]
RoleRef = Annotated[str, Ref("role")]
PartyRef = Annotated[str, Ref("party")]  # a role or a department
ChannelRef = Annotated[str, Ref("channel")]
ToolRef = Annotated[str, Ref("tool")]
TemplateRef = Annotated[str, Ref("template")]
StepRef = Annotated[str, Ref("step")]
ProcessRef = Annotated[str, Ref("process")]
AudienceRef = Annotated[str, Ref("audience")]

REF_NOUNS: dict[RefKind, str] = {
    "department": "department",
    "role": "role",
    "party": "role or department",
    "channel": "channel",
    "tool": "tool",
    "template": "template",
    "step": "step",
    "process": "process",
    "audience": "audience",
}


def spec(
    zh: str,
    en: str,
    *,
    required: bool = False,
    default: Any = None,
    factory: Any = None,
    example: str | None = None,
    list_hint: str | None = None,
) -> Any:
    """A model field with its documentation in both languages.

    `example` is YAML text (of one item, for a list): the schema offers it to editors and the
    format reference shows it. Required fields still get a neutral default (empty text, empty
    list) so the binder can build a partial object after an error and keep checking the rest
    of the file; the `required` flag is what makes a missing value an error.
    """
    metadata = {
        "zh": zh,
        "en": en,
        "required": required,
        "example": example,
        "list_hint": list_hint,
    }
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def internal(default: Any = None, factory: Any = None) -> Any:
    """A field filled by the loader (source position, file), never written in YAML."""
    metadata = {"internal": True}
    if factory is not None:
        return dataclasses.field(
            default_factory=factory, compare=False, repr=False, metadata=metadata
        )
    return dataclasses.field(default=default, compare=False, repr=False, metadata=metadata)
