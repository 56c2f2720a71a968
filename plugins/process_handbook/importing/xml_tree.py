"""Untrusted XML read into a small tree whose elements know their line and column.

Built on the standard library's expat parser, with everything beyond plain
elements refused: a document type declaration (and with it every entity
definition, so no "billion laughs" and no external entity can be read), and
files larger than `MAX_BYTES` or with more than `MAX_ELEMENTS` elements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NoReturn
from xml.parsers import expat

MAX_BYTES = 4 * 1024 * 1024
MAX_ELEMENTS = 50_000
MAX_DEPTH = 64


class XmlProblem(Exception):
    """What makes a file unreadable, where (1-based line and column), and the fix."""

    def __init__(self, line: int, column: int, message: str, hint: str) -> None:
        super().__init__(message)
        self.line, self.column, self.hint = line, column, hint


@dataclass
class XmlElement:
    namespace: str
    name: str
    attributes: dict[str, str]
    line: int
    column: int
    children: list[XmlElement] = field(default_factory=list)
    text: str = ""

    def find(self, namespace: str, name: str) -> list[XmlElement]:
        return [c for c in self.children if c.namespace == namespace and c.name == name]

    def first(self, namespace: str, name: str) -> XmlElement | None:
        found = self.find(namespace, name)
        return found[0] if found else None


def parse(data: bytes) -> XmlElement:
    if len(data) > MAX_BYTES:
        raise XmlProblem(
            1,
            1,
            f"the file has {len(data)} bytes; the limit is {MAX_BYTES}",
            "import a smaller file",
        )
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[XmlElement] = []
    roots: list[XmlElement] = []
    count = 0

    def where() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def refuse_dtd(*_: object) -> NoReturn:
        raise XmlProblem(
            *where(),
            "the file declares a document type (<!DOCTYPE ...>), which is refused",
            "save the file from a BPMN tool without a DOCTYPE; BPMN files need none",
        )

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal count
        count += 1
        if count > MAX_ELEMENTS or len(stack) >= MAX_DEPTH:
            raise XmlProblem(
                *where(),
                f"the file has more than {MAX_ELEMENTS} elements or {MAX_DEPTH} levels",
                "import a smaller file",
            )
        namespace, _, local = name.rpartition(" ")
        element = XmlElement(namespace, local, attributes, *where())
        (stack[-1].children if stack else roots).append(element)
        stack.append(element)

    def end(_: str) -> None:
        stack.pop()

    def characters(data: str) -> None:
        if stack:
            stack[-1].text += data

    parser.StartDoctypeDeclHandler = refuse_dtd
    parser.EntityDeclHandler = refuse_dtd
    parser.ExternalEntityRefHandler = refuse_dtd
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise XmlProblem(
            exc.lineno,
            exc.offset + 1,
            f"not well-formed XML: {expat.ErrorString(exc.code)}",
            "open the file in a BPMN tool and save it again",
        ) from None
    if not roots:
        raise XmlProblem(1, 1, "the file has no XML element", "import a BPMN 2.0 file")
    return roots[0]
