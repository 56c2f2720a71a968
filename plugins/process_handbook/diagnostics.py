"""Findings about the process files, formatted the way compilers and CI expect, and the rules
behind them.

Every finding comes from a `Rule`: its code, default severity, one-line summary and
fix are declared once, where the rule is checked (the reader's and the binder's in
loading/, the format's in validation/), and every rule is registered in `RULES` as it
is declared. A handbook may move a rule's severity (`Levels`, see validation.levels).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
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


START = Mark(1, 1)

#: The longest message or fix a finding prints; author text quoted in one is cut before
#: this (`characters.token`), so only a bug in a message could ever reach it.
MAX_TEXT = 400


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(eq=False, kw_only=True)
class Rule:
    """One kind of finding. Declaring it registers it in `RULES` (a code is declared once)."""

    code: str
    severity: Severity
    #: What is wrong, in one line (the diagnostic reference lists it).
    summary: str
    #: How to fix it in general; a finding may give a more precise fix of its own.
    fix: str
    #: True when a handbook may lower it (to a warning, or off). Every warning may be switched
    #: off; an error only when the format does not require it and the pages stay sound without it.
    lowerable: bool = False
    #: True when a finding depends on today's date (a review falling due): it never fails a
    #: `--strict` build of unrelated changes.
    dated: bool = False

    def __post_init__(self) -> None:
        if self.code in RULES:
            raise ValueError(f"the diagnostic code {self.code!r} is declared twice")
        if self.severity is WARNING:
            self.lowerable = True
        RULES[self.code] = self


#: Every rule, by code, in the order the modules declaring them were imported; complete once
#: `process_handbook.validation` is imported (`validation.rules()` lists them).
RULES: dict[str, Rule] = {}

#: A handbook's severities where they differ from the rules' own: code → severity, None = off.
Levels = Mapping[str, Severity | None]


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
        """`processes/x.yml:14:12: error: message [code]` plus an indented fix line; the code
        is what `handbook rules` lists and the plugin's `rules:` setting names."""
        path = str(PurePosixPath(root) / self.file) if root else self.file
        text = (
            f"{path}:{self.line}:{self.column}: {self.severity.value}: {self.message} [{self.code}]"
        )
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return text

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


INTERNAL_ERROR = Rule(
    code="internal-error",
    severity=ERROR,
    summary="a check crashed on this file (a bug in the handbook tool, not in the file)",
    fix="report it with the file attached; the other checks still ran",
)


class Report:
    """Collects the diagnostics of one file; checks append, nobody stops at the first.

    `levels` are the handbook's own severities: a finding takes its rule's severity
    from there when the handbook moved it, and a rule switched off reports nothing.
    """

    def __init__(self, file: str, levels: Levels | None = None) -> None:
        self.file = file
        self.levels: Levels = levels or {}
        self.items: list[Diagnostic] = []
        self._suggestions_left = MAX_SUGGESTIONS

    def suggestion_allowed(self) -> bool:
        """Whether a finding may still look for a "did you mean" (at most MAX_SUGGESTIONS per
        file: the search costs time, and a file full of misspellings must not take minutes)."""
        self._suggestions_left -= 1
        return self._suggestions_left >= 0

    def add(self, rule: Rule, at: Mark, message: str, hint: str | None = None) -> None:
        """A finding of `rule` at `at`; `hint` is a precise fix, else the rule's own.

        Every finding passes here: its texts are made printable (no line break, control or
        bidi character of a file name or a quoted value reaches a terminal, a CI log, a page
        or a pull-request comment) and kept short."""
        severity = self.levels.get(rule.code, rule.severity) if self.levels else rule.severity
        if severity is None:
            return
        self.items.append(
            Diagnostic(
                printable(self.file),
                at.line,
                at.column,
                severity,
                rule.code,
                _clip(printable(message)),
                _clip(printable(rule.fix if hint is None else hint)),
                rule.dated,
            )
        )

    def to(self, rule: Rule) -> Reporter:
        """A reporter of `rule`'s findings into this report (what a check is given)."""
        return Reporter(self, rule)

    @contextmanager
    def guard(self, what: str | Rule = "checking this file") -> Iterator[None]:
        """Turn a crash while `what` runs (a step, or a rule's check) into an error naming
        the file (and the rule).

        A bug in one check must not hide the findings of the other checks or of
        every other file, and no traceback may reach a process owner; the error
        still fails the build. Only the exception's type is named: its text could
        quote the file.
        """
        try:
            yield
        except Exception as exc:  # noqa: BLE001 - reported, never swallowed
            doing = f"checking the rule {what.code}" if isinstance(what, Rule) else what
            self.add(
                INTERNAL_ERROR,
                START,
                f"internal error while {doing} ({type(exc).__name__})",
                "this is a bug in the handbook tool; please report it with this file attached",
            )


@dataclass(frozen=True)
class Reporter:
    """Reports the findings of one rule into one file's report: `report(at, message, hint)`."""

    report: Report
    rule: Rule

    def __call__(self, at: Mark, message: str, hint: str | None = None) -> None:
        self.report.add(self.rule, at, message, hint)

    def suggestion_allowed(self) -> bool:
        """Whether this file may still get a "did you mean" (`Report.suggestion_allowed`)."""
        return self.report.suggestion_allowed()

    def to(self, rule: Rule) -> Reporter:
        """A reporter of another rule into the same report, for a check that meets a problem
        another rule owns (a template that is a dangling link: `dangling-link`)."""
        return self.report.to(rule)


def _clip(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"
