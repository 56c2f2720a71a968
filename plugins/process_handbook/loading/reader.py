"""Read one YAML file into nodes, refusing everything a process file never needs.

The libyaml event stream is turned into nodes by a small iterative builder, so
that each guard costs nothing extra: aliases are refused on sight (an alias
bomb fails in microseconds), nesting depth is a counter rather than recursion,
and duplicate keys are caught while the mapping is built.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NoReturn

import yaml
from yaml import events as ev

from .. import characters, limits
from ..diagnostics import ERROR, Mark, Report, Rule
from ..nodes import Mapping, Node, Scalar, Sequence

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

_STR_TAG = "tag:yaml.org,2002:str"
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


FILE_TOO_LARGE = Rule(
    code="file-too-large",
    severity=ERROR,
    summary=f"a file larger than {limits.MAX_FILE_BYTES // 1024} KiB",
    fix="split the process into sub-processes (kind: subprocess) in their own files",
)
NOT_UTF8 = Rule(
    code="not-utf8",
    severity=ERROR,
    summary="a file that is not UTF-8 text (e.g. saved as GBK)",
    fix="save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8)",
)
CONTROL_CHARACTER = Rule(
    code="control-character",
    severity=ERROR,
    summary="an invisible control character in the text, or written as an escape in quotes",
    fix="delete it (it often comes from copying out of a word processor or a web page)",
)
INVISIBLE_CHARACTER = Rule(
    code="invisible-character",
    severity=ERROR,
    summary="an invisible formatting character (a bidi control that reverses the text shown, "
    "a zero-width space, a soft hyphen, ...), in the text or written as an escape in quotes",
    fix="delete it (it often comes from copying out of a word processor or a web page)",
)
TAB_INDENT = Rule(
    code="tab-indent",
    severity=ERROR,
    summary="a tab used for indentation",
    fix="indent with spaces only (YAML does not allow tabs); most editors can convert tabs to spaces",
)
EMPTY_FILE = Rule(
    code="empty-file",
    severity=ERROR,
    summary="a file that is empty or holds only comments",
    fix="start from the example in the process-owner guide, or delete the file",
)
TOO_DEEP = Rule(
    code="too-deep",
    severity=ERROR,
    summary=f"lists and mappings nested more than {limits.MAX_DEPTH} levels deep",
    fix="a process file never needs this much nesting; check the indentation",
)
ALIAS = Rule(
    code="alias",
    severity=ERROR,
    summary="a YAML alias (*name)",
    fix="write the value out in full where it is needed",
)
ANCHOR = Rule(
    code="anchor",
    severity=ERROR,
    summary="a YAML anchor (&name)",
    fix="write the value out in full where it is needed",
)
TAG = Rule(
    code="tag",
    severity=ERROR,
    summary="a YAML tag (!name or !!type)",
    fix="remove the tag; put text in quotes if it should stay text",
)
SEVERAL_DOCUMENTS = Rule(
    code="several-documents",
    severity=ERROR,
    summary="a second YAML document ('---') in the same file",
    fix="keep one process per file: move the second part into a file of its own",
)
COMPLEX_KEY = Rule(
    code="complex-key",
    severity=ERROR,
    summary="a key that is a list or a mapping",
    fix="write keys as `name: value`",
)
DUPLICATE_KEY = Rule(
    code="duplicate-key",
    severity=ERROR,
    summary="the same key twice in one mapping",
    fix="keep only one of the two; YAML would otherwise silently drop one",
)
YAML_SYNTAX = Rule(
    code="yaml-syntax",
    severity=ERROR,
    summary="text that is not valid YAML (a missing colon, an unclosed quote or bracket, ...)",
    fix="compare with the example in the process-owner guide",
)


class _Abort(Exception):
    """Stops reading a file; the reason is already in the report."""


def read_yaml(data: bytes, report: Report) -> Node | None:
    """Parse one file; problems go to `report`, and None means nothing usable was read."""
    try:
        text = _decode(data, report)
        _check_text(text, report)
        return _build(text, report)
    except _Abort:
        return None


def too_large(size: int, report: Report) -> bool:
    """Report a file over the size cap (its size rounded up: 512.1 KiB is more than 512)."""
    if size <= limits.MAX_FILE_BYTES:
        return False
    report.add(
        FILE_TOO_LARGE,
        Mark(1, 1),
        f"the file is {-(-size // 1024)} KiB; a process file may be at most "
        f"{limits.MAX_FILE_BYTES // 1024} KiB",
    )
    return True


def refused(character: str) -> tuple[Rule, str]:
    """The rule a refused character breaks (`characters.problem`), and how a message names it."""
    control, what = characters.kind(character)
    return (CONTROL_CHARACTER if control else INVISIBLE_CHARACTER), what


def _decode(data: bytes, report: Report) -> str:
    if too_large(len(data), report):
        raise _Abort
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        report.add(
            NOT_UTF8, Mark(line, column), f"byte 0x{data[exc.start]:02x} is not valid UTF-8 text"
        )
        raise _Abort from None


def _check_text(text: str, report: Report) -> None:
    if not text.strip():
        _report_empty(report, "the file is empty")
    if m := characters.problem(text):
        rule, what = refused(m[0])
        report.add(
            rule,
            _mark_of(text, m.start()),
            f"{what} in the text",
        )
        raise _Abort
    if m := _TAB_INDENT.search(text):
        report.add(TAB_INDENT, _mark_of(text, m.end() - 1), "a tab is used for indentation")
        raise _Abort


def _report_empty(report: Report, message: str) -> NoReturn:
    report.add(EMPTY_FILE, Mark(1, 1), message)
    raise _Abort


def _mark_of(text: str, index: int) -> Mark:
    line_start = text.rfind("\n", 0, index) + 1
    return Mark(text.count("\n", 0, index) + 1, index - line_start + 1)


_new_tuple = tuple.__new__


def _at(event: Any) -> Mark:
    """The event's position; libyaml's events always have one (`Any`: see `_consume`)."""
    start = event.start_mark
    return _new_tuple(
        Mark, (start.line + 1, start.column + 1)
    )  # Mark(...) without its Python-level __new__


class _Open:
    """A collection being built: a mapping's entries and the key waiting for its value,
    or a list's items."""

    __slots__ = ("entries", "items", "key")

    def __init__(self, node: Mapping | Sequence) -> None:
        self.key: Scalar | None = None
        self.entries = node.entries if type(node) is Mapping else None
        self.items = node.items if type(node) is Sequence else None


def _build(text: str, report: Report) -> Node | None:
    parser = _Parser(text)
    try:
        return _consume(parser, report)
    except yaml.MarkedYAMLError as exc:
        _syntax_error(exc, report)
        return None
    except yaml.YAMLError:  # errors without a position; their text may quote the file
        report.add(YAML_SYNTAX, Mark(1, 1), "the file is not valid YAML")
        return None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose:
            dispose()


_TEXT_TAGS = (None, "!", _STR_TAG)


def _consume(parser: _Parser, report: Report) -> Node | None:
    """The event loop. It runs for every value of every file (the hot path of `handbook
    validate`), so it dispatches on the exact event type and does all its work inline."""
    stack: list[_Open] = []
    top: _Open | None = None
    root: Node | None = None
    documents = 0
    max_depth = limits.MAX_DEPTH
    # Any: the loop dispatches on `type(event)` kept in a local (a hot path), which no type
    # checker follows from the event classes to their fields.
    get: Callable[[], Any] = parser.get_event
    while (event := get()) is not None:
        kind = type(event)
        node: Node
        opened: _Open | None = None
        if kind is ev.ScalarEvent:
            if event.anchor is not None or event.tag not in _TEXT_TAGS:
                _refuse_anchor_or_tag(event, report)
            start = event.start_mark
            plain = event.implicit[0] and not event.style and event.tag is None  # `! x` is text
            node = Scalar(_new_tuple(Mark, (start.line + 1, start.column + 1)), event.value, plain)
        elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
            if event.anchor is not None or event.tag not in _TEXT_TAGS:
                _refuse_anchor_or_tag(event, report)
            if len(stack) >= max_depth:
                report.add(
                    TOO_DEEP,
                    _at(event),
                    f"the document is nested more than {limits.MAX_DEPTH} levels deep",
                )
                raise _Abort
            node = Mapping(_at(event)) if kind is ev.MappingStartEvent else Sequence(_at(event))
            opened = _Open(node)
        elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            stack.pop()
            top = stack[-1] if stack else None
            continue
        elif kind is ev.AliasEvent:
            report.add(ALIAS, _at(event), f"YAML aliases ('*{event.anchor}') are not supported")
            raise _Abort
        elif kind is ev.DocumentStartEvent:
            documents += 1
            if documents > 1:
                report.add(
                    SEVERAL_DOCUMENTS,
                    _at(event),
                    "a second YAML document starts here ('---')",
                    "keep one process per file: move this part into a file of its own",
                )
                raise _Abort
            continue
        else:  # stream and document ends
            continue
        # place the node: in a list, as a mapping's key, or as the value of the waiting key
        if top is None:
            root = node
        elif top.items is not None:
            top.items.append(node)
        elif top.key is None:
            if type(node) is not Scalar:
                report.add(
                    COMPLEX_KEY, node.mark, "a key must be a simple word, not a list or a mapping"
                )
                raise _Abort
            top.key = node
        else:
            key, top.key = top.key, None
            if key.text in top.entries:  # type: ignore[operator]
                first = top.entries[key.text][0].mark  # type: ignore[index]
                report.add(
                    DUPLICATE_KEY,
                    key.mark,
                    f"duplicate key '{key.text}' (first written on line {first.line})",
                )
            else:
                top.entries[key.text] = (key, node)  # type: ignore[index]
        if opened is not None:
            stack.append(opened)
            top = opened
    if root is None:
        _report_empty(report, "the file holds only comments, no fields")
    return root


def _refuse_anchor_or_tag(event: Any, report: Report) -> None:
    if event.anchor is not None:
        report.add(ANCHOR, _at(event), f"YAML anchors ('&{event.anchor}') are not supported")
        raise _Abort
    report.add(TAG, _at(event), f"YAML tags ('{event.tag}') are not supported")
    raise _Abort


_HINTS = {
    "mapping values are not allowed":  # libyaml: "... in this context", PyYAML: "... here"
    "a value contains ': '; put the whole value in quotes, e.g. name: \"a: b\"",
    "found character that cannot start any token": "text starting with @ ` % or similar must be put in quotes",
    "did not find expected key": "check the indentation: keys of one mapping start in the same column",
    "did not find expected '-' indicator": "check the indentation: items of one list start in the same column",
    "could not find expected ':'": "every field is written `key: value` with a space after the colon",
    "found unexpected end of stream": "a quote or bracket is opened but never closed",
    "did not find expected ',' or ']'": "a [ list ] is not closed, or an item in it needs quotes",
    "did not find expected ',' or '}'": "a { mapping } is not closed, or an item in it needs quotes",
    "found unknown escape character": "inside \"double quotes\" a backslash starts an escape; use 'single quotes' instead",
}


# Problems noticed only after the culprit (at the end of the file, or on the next line):
# the context (the unclosed quote, the key without a colon) is where the fix goes.
_AT_CONTEXT = (
    "found unexpected end of stream",
    "could not find expected ':'",
    "did not find expected ',' or ']'",
    "did not find expected ',' or '}'",
)


def _syntax_error(exc: yaml.MarkedYAMLError, report: Report) -> None:
    problem = (exc.problem or "invalid YAML").strip()
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark and problem.startswith(_AT_CONTEXT):
        mark = exc.context_mark
    where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
    hint = next((h for key, h in _HINTS.items() if problem.startswith(key)), None)
    message = f"YAML syntax: {problem}"
    if exc.context:
        context = exc.context.strip()
        if exc.context_mark and mark and exc.context_mark.line != mark.line:
            context += f" started on line {exc.context_mark.line + 1}"
        message += f" ({context})"
    report.add(YAML_SYNTAX, where, message, hint)
