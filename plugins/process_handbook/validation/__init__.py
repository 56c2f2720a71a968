"""Every rule of the process format; nothing stops at the first error.

The rules are the `ValidationRule` entries of this package's modules (see
registry.py); importing the package imports every module in it, so a rule added
to any of them runs. They run in two phases. `check_process` needs one process
file and the organization, so files can be checked one by one (and on several
cores); `check_across` then does what needs every file: process ids are unique,
and references to other processes resolve. Each check runs on its own guard: a
check that crashes is reported (`internal-error`) and the others still run.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from .. import loading
from ..diagnostics import RULES, Levels, Report, Reporter, Rule, Severity
from ..model.entities import Organization, Process
from ..suggest import did_you_mean
from .examples import Case, cases, read_case
from .registry import Context, Declared, FileContext, ValidationRule

__all__ = [
    "Context",
    "Declared",
    "Entry",
    "LevelError",
    "check_across",
    "check_organization",
    "check_process",
    "levels",
    "levels_schema",
    "reference",
    "rules",
]


def _import_modules(package: ModuleType) -> None:
    """Import every module of `package`: declaring its rules registers them."""
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")


_import_modules(loading)
_import_modules(importlib.import_module(__name__))


def rules() -> list[Rule]:
    """Every rule a finding can come from (the loader's, the binder's and the format's), by code:
    the one table of codes with their severity, summary and fix."""
    return sorted(RULES.values(), key=lambda rule: rule.code)


@dataclass(frozen=True)
class Entry:
    """A rule as a diagnostic reference shows it: code, severity, summary and fix (`rule`),
    and the corpus cases that report it, simplest first."""

    rule: Rule
    examples: list[Case]


def reference(corpus: Path) -> list[Entry]:
    """Every rule, by code, with the cases of the corpus folder (tests/corpus/) that report it;
    the cases with the fewest expectations come first."""
    read = [read_case(path) for path in cases(corpus)]
    return [
        Entry(
            rule,
            sorted(
                (case for case in read if any(e.code == rule.code for e in case.expected)),
                key=lambda case: (len(case.expected), case.name),
            ),
        )
        for rule in rules()
    ]


def _running(levels: Levels) -> Iterator[ValidationRule]:
    """The rules of the format that the handbook has not switched off."""
    for rule in RULES.values():
        if isinstance(rule, ValidationRule) and levels.get(rule.code, rule.severity) is not None:
            yield rule


def check_organization(organization: Organization, context: Context, report: Report) -> None:
    """The rules organization.yml must meet on its own."""
    for rule in _running(context.levels):
        if rule.organization_check is not None:
            with report.guard(rule):
                rule.organization_check(organization, context, report.to(rule))


def check_process(process: Process, context: Context, report: Report) -> Declared:
    """Every rule one process file must meet; returns what the checks across files need of it
    (its id, and its references to other processes, resolved once every file is read)."""
    inside = FileContext(context, context.scope.inside(process))
    for rule in _running(context.levels):
        if rule.process_check is not None:
            with report.guard(rule):
                rule.process_check(process, inside, report.to(rule))
    return Declared.of(process, inside.deferred)


def check_across(context: Context, declared: list[Declared], reports: dict[str, Report]) -> None:
    """The rules that need every file: `declared` lists each process read (in file order);
    findings go to the report of the file they are in."""
    for rule in _running(context.levels):
        if rule.across_check is not None:

            def report(file: str, rule: Rule = rule) -> Reporter:
                return reports[file].to(rule)

            with reports[context.organization.file].guard(rule):
                rule.across_check(context, declared, report)


class LevelError(ValueError):
    """A severity setting that names no rule, no level, or lowers a rule that cannot be lowered."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


#: How a handbook writes a rule's level: its severity, or off.
LEVEL_WORDS: dict[str, Severity | None] = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "off": None,
}


def levels(settings: Mapping[str, object]) -> dict[str, Severity | None]:
    """A handbook's `rules:` setting (code → error | warning | off) checked against the rules.

    Any warning may become an error or be switched off; an error may be lowered only
    when its rule says so (`Rule.lowerable`): the format's own rules stay errors.
    """
    found: dict[str, Severity | None] = {}
    for code, word in settings.items():
        rule = RULES.get(str(code))
        if rule is None:
            guess = did_you_mean(str(code), RULES)
            raise LevelError(
                f"no rule has the code '{code}'" + (f" (did you mean '{guess}'?)" if guess else ""),
                "use a code from `handbook rules`",
            )
        # YAML 1.1 (MkDocs' reader) reads an unquoted `off` as false
        text = "off" if word is False else str(word)
        if text not in LEVEL_WORDS:
            raise LevelError(f"'{word}' is not a level for {code}", "write error, warning or off")
        level = LEVEL_WORDS[text]
        lowered = level is None or (level is Severity.WARNING and rule.severity is Severity.ERROR)
        if lowered and not rule.lowerable:
            raise LevelError(
                f"{code} cannot be lowered: the process format requires it to be an error",
                "remove the setting (only warnings and a few of the handbook's own errors can be lowered)",
            )
        found[rule.code] = level
    return found


def levels_schema() -> dict[str, Any]:
    """The JSON Schema of a `rules:` setting, for editors: each code with the levels `levels`
    lets a handbook give it (a rule that cannot be lowered takes `error` only), described by
    its summary and fix."""
    properties = {}
    for rule in rules():
        allowed: list[object] = [
            word for word, level in LEVEL_WORDS.items() if rule.lowerable or level is rule.severity
        ]
        if "off" in allowed:
            allowed.append(False)  # YAML 1.1 (MkDocs' reader) reads an unquoted `off` as false
        text = f"{rule.summary} ({rule.severity.value}).\n\nfix: {rule.fix}"
        properties[rule.code] = {"description": text, "markdownDescription": text, "enum": allowed}
    return {"type": ["object", "null"], "additionalProperties": False, "properties": properties}
