"""Find the line and column of a model object's field, or of one value in a list field."""

from __future__ import annotations

from functools import lru_cache

from ..diagnostics import START, Mark
from ..model.entities import Located
from ..nodes import Scalar, Sequence


def mark_of(obj: Located, field: str | None = None, value: str | None = None) -> Mark:
    """The most precise position known: the value, else the field, else the object."""
    if obj.source is None:
        return START
    if field is None:
        return obj.source.mark
    node = obj.source.get(field)
    if node is None:
        return obj.source.mark
    if value is not None and isinstance(node, Sequence):
        marks = _positions(node).get(value)
        if marks:
            return marks[0]
    return node.mark


def marks_of(obj: Located, field: str, value: str) -> list[Mark]:
    """Every position where `value` is written in the list field `field`, in file order."""
    node = obj.source.get(field) if obj.source is not None else None
    if not isinstance(node, Sequence):
        return []
    return _positions(node).get(value, [])


@lru_cache(maxsize=64)
def _positions(node: Sequence) -> dict[str, list[Mark]]:
    """Where each value of a list is written, indexed once: a list of thousands of unknown
    ids asks for every one of them (looking each up anew took quadratic time)."""
    positions: dict[str, list[Mark]] = {}
    for item in node.items:
        if isinstance(item, Scalar):
            positions.setdefault(item.text.strip(), []).append(item.mark)
    return positions


def key_mark(obj: Located, field: str) -> Mark:
    """The position of a field's key (for problems with the field as a whole)."""
    if obj.source is None:
        return START
    key = obj.source.key_node(field)
    return key.mark if key else obj.source.mark


def written(obj: Located, field: str) -> bool:
    """True when the YAML gives the field a value (an empty `field:` does not count)."""
    node = obj.source.get(field) if obj.source is not None else None
    return node is not None and not (isinstance(node, Scalar) and node.is_null)
