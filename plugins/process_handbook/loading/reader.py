"""Read one YAML file into nodes, refusing everything a process file never needs.

The libyaml event stream is turned into nodes by a small iterative builder, so
that each guard costs nothing extra: aliases are refused on sight (an alias
bomb fails in microseconds), nesting depth is a counter rather than recursion,
and duplicate keys are caught while the mapping is built.
"""

from __future__ import annotations

import re
from typing import NoReturn

import yaml
from yaml import events as ev

from ..diagnostics import Mark, Report
from ..limits import MAX_DEPTH, MAX_FILE_BYTES
from .. import characters
from ..nodes import Mapping, Node, Scalar, Sequence

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

_STR_TAG = "tag:yaml.org,2002:str"
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


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
    if size <= MAX_FILE_BYTES:
        return False
    report.error(
        Mark(1, 1),
        "file-too-large",
        f"the file is {-(-size // 1024)} KiB; a process file may be at most "
        f"{MAX_FILE_BYTES // 1024} KiB",
        "split the process into sub-processes (kind: subprocess) in their own files",
    )
    return True


def _decode(data: bytes, report: Report) -> str:
    if too_large(len(data), report):
        raise _Abort
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        report.error(
            Mark(line, column),
            "not-utf8",
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8 text",
            "save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8)",
        )
        raise _Abort from None


def _check_text(text: str, report: Report) -> None:
    if not text.strip():
        _report_empty(report, "the file is empty")
    if m := characters.problem(text):
        code, what = characters.kind(m[0])
        report.error(
            _mark_of(text, m.start()),
            code,
            f"{what} in the text",
            "delete it (it often comes from copying out of a word processor or a web page)",
        )
        raise _Abort
    if m := _TAB_INDENT.search(text):
        report.error(
            _mark_of(text, m.end() - 1),
            "tab-indent",
            "a tab is used for indentation",
            "indent with spaces only (YAML does not allow tabs); most editors can convert tabs to spaces",
        )
        raise _Abort


def _report_empty(report: Report, message: str) -> NoReturn:
    report.error(
        Mark(1, 1),
        "empty-file",
        message,
        "start from the example in the process-owner guide, or delete the file",
    )
    raise _Abort


def _mark_of(text: str, index: int) -> Mark:
    line_start = text.rfind("\n", 0, index) + 1
    return Mark(text.count("\n", 0, index) + 1, index - line_start + 1)


_new_tuple = tuple.__new__


def _at(event: ev.Event) -> Mark:
    start = event.start_mark
    return _new_tuple(
        Mark, (start.line + 1, start.column + 1)
    )  # Mark(...) without its Python-level __new__


class _Open:
    """A collection being built: a mapping's entries and the key waiting for its value,
    or a list's items."""

    __slots__ = ("key", "entries", "items")

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
        report.error(
            Mark(1, 1),
            "yaml-syntax",
            "the file is not valid YAML",
            "compare with the example in the process-owner guide",
        )
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
    get = parser.get_event
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
            if len(stack) >= MAX_DEPTH:
                report.error(
                    _at(event),
                    "too-deep",
                    f"the document is nested more than {MAX_DEPTH} levels deep",
                    "a process file never needs this much nesting; check the indentation",
                )
                raise _Abort
            node = Mapping(_at(event)) if kind is ev.MappingStartEvent else Sequence(_at(event))
            opened = _Open(node)
        elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            stack.pop()
            top = stack[-1] if stack else None
            continue
        elif kind is ev.AliasEvent:
            report.error(
                _at(event),
                "alias",
                f"YAML aliases ('*{event.anchor}') are not supported",
                "write the value out in full where it is needed",
            )
            raise _Abort
        elif kind is ev.DocumentStartEvent:
            documents += 1
            if documents > 1:
                report.error(
                    _at(event),
                    "several-documents",
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
                report.error(
                    node.mark,
                    "complex-key",
                    "a key must be a simple word, not a list or a mapping",
                    "write keys as `name: value`",
                )
                raise _Abort
            top.key = node
        else:
            key, top.key = top.key, None
            if key.text in top.entries:  # type: ignore[operator]
                first = top.entries[key.text][0].mark  # type: ignore[index]
                report.error(
                    key.mark,
                    "duplicate-key",
                    f"duplicate key '{key.text}' (first written on line {first.line})",
                    "keep only one of the two; YAML would otherwise silently drop one",
                )
            else:
                top.entries[key.text] = (key, node)  # type: ignore[index]
        if opened is not None:
            stack.append(opened)
            top = opened
    if root is None:
        _report_empty(report, "the file holds only comments, no fields")
    return root


def _refuse_anchor_or_tag(event: ev.NodeEvent, report: Report) -> None:
    if event.anchor is not None:
        report.error(
            _at(event),
            "anchor",
            f"YAML anchors ('&{event.anchor}') are not supported",
            "write the value out in full where it is needed",
        )
        raise _Abort
    report.error(
        _at(event),
        "tag",
        f"YAML tags ('{event.tag}') are not supported",
        "remove the tag; put text in quotes if it should stay text",
    )
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
    hint = next((h for key, h in _HINTS.items() if problem.startswith(key)), "")
    message = f"YAML syntax: {problem}"
    if exc.context:
        context = exc.context.strip()
        if exc.context_mark and mark and exc.context_mark.line != mark.line:
            context += f" started on line {exc.context_mark.line + 1}"
        message += f" ({context})"
    report.error(
        where, "yaml-syntax", message, hint or "compare with the example in the process-owner guide"
    )
