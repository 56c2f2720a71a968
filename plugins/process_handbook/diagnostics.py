"""Findings about the process files, formatted the way compilers and CI expect."""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import NamedTuple


class Mark(NamedTuple):
    """A position in a source file (1-based line and column, in characters).

    A named tuple rather than a frozen dataclass: a file has a mark per value, and a
    tuple is made in about half the time.
    """

    line: int
    column: int


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

    def error(self, at: Mark, code: str, message: str, hint: str = "") -> None:
        self.items.append(
            Diagnostic(self.file, at.line, at.column, Severity.ERROR, code, message, hint)
        )

    def warning(
        self, at: Mark, code: str, message: str, hint: str = "", dated: bool = False
    ) -> None:
        self.items.append(
            Diagnostic(self.file, at.line, at.column, Severity.WARNING, code, message, hint, dated)
        )

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Turn a crash while handling this file into an error naming the file.

        A bug in one check must not hide the findings of every other file, and
        no traceback may reach a process owner; the error still fails the build.
        """
        try:
            yield
        except Exception as exc:  # noqa: BLE001 - reported, never swallowed
            self.error(
                START,
                "internal-error",
                f"internal error while checking this file ({type(exc).__name__}: {exc})",
                "this is a bug in the handbook tool; please report it with this file attached",
            )


START = Mark(1, 1)
