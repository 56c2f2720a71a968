"""Findings about the process files, formatted the way compilers and CI expect."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import NamedTuple

from .characters import printable
from .limits import MAX_SUGGESTIONS


class Mark(NamedTuple):
    """A position in a source file (1-based line and column, in characters).

    A named tuple rather than a frozen dataclass: a file has a mark per value, and a
    tuple is made in about half the time.
    """

    line: int
    column: int


#: The longest message or fix a finding prints; author text quoted in one is cut before
#: this (`characters.token`), so only a bug in a message could ever reach it.
MAX_TEXT = 400


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding: where it is, what is wrong, and how to fix it.

    `file` is the path relative to the processes folder, in POSIX form, so the
    same input gives the same text on every machine; adapters prefix it with
    the folder the user named.
    """

    file: str
    line: int
    column: int
    severity: Severity = field(compare=False)
    code: str = field(compare=False)
    message: str = field(compare=False)
    hint: str = field(default="", compare=False)
    #: True when the finding depends on today's date (a review falling due);
    #: such findings never fail a `--strict` build of unrelated changes.
    dated: bool = field(default=False, compare=False)

    def format(self, root: str = "") -> str:
        """`processes/x.yml:14:12: error: message` plus an indented fix line."""
        path = str(PurePosixPath(root) / self.file) if root else self.file
        text = f"{path}:{self.line}:{self.column}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return text

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class Report:
    """Collects the diagnostics of one file; checks append, nobody stops at the first."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Diagnostic] = []
        self._suggestions_left = MAX_SUGGESTIONS

    def suggestion_allowed(self) -> bool:
        """Whether a finding may still look for a "did you mean" (at most MAX_SUGGESTIONS per
        file: the search costs time, and a file full of misspellings must not take minutes)."""
        self._suggestions_left -= 1
        return self._suggestions_left >= 0

    def error(self, at: Mark, code: str, message: str, hint: str = "") -> None:
        self._add(at, Severity.ERROR, code, message, hint, False)

    def warning(
        self, at: Mark, code: str, message: str, hint: str = "", dated: bool = False
    ) -> None:
        self._add(at, Severity.WARNING, code, message, hint, dated)

    def _add(
        self, at: Mark, severity: Severity, code: str, message: str, hint: str, dated: bool
    ) -> None:
        """Every finding passes here: its texts are made printable (no line break, control or
        bidi character of a file name or a quoted value reaches a terminal, a CI log, a page
        or a pull-request comment) and kept short."""
        self.items.append(
            Diagnostic(
                printable(self.file),
                at.line,
                at.column,
                severity,
                code,
                _clip(printable(message)),
                _clip(printable(hint)),
                dated,
            )
        )

    @contextmanager
    def guard(self, what: str = "checking this file") -> Iterator[None]:
        """Turn a crash while `what` runs into an error naming the file.

        A bug in one check must not hide the findings of the other checks or of
        every other file, and no traceback may reach a process owner; the error
        still fails the build. Only the exception's type is named: its text could
        quote the file.
        """
        try:
            yield
        except Exception as exc:  # noqa: BLE001 - reported, never swallowed
            self.error(
                START,
                "internal-error",
                f"internal error while {what} ({type(exc).__name__})",
                "this is a bug in the handbook tool; please report it with this file attached",
            )


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


START = Mark(1, 1)
