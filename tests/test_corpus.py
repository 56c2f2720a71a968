"""The corpus of invalid process files: each names its mistakes, where they are and the culprit.

The format of a case and its directives is described (and read) in
`process_handbook.validation.examples`. The set of reported diagnostics must
equal the expectations exactly: nothing missing, nothing extra, and every one
must come with a fix, and no message may quote a file from outside the handbook
(`SECRET`). Every rule has at least one case, and nothing reports a code that is
not a registered rule.
"""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest

from corpuskit import CORPUS, build, case_levels, set_up
from process_handbook.diagnostics import RULES, Diagnostic, Rule
from process_handbook.pipeline import check, load
from process_handbook.validation import reference, rules
from process_handbook.validation.examples import SHARED, Key, cases
from sitekit import REPO


def key_of(d: Diagnostic) -> Key:
    return (d.file, d.line, d.column, d.severity.value, d.code)


@pytest.mark.parametrize("source", cases(CORPUS), ids=lambda p: p.name)
def test_corpus_case(
    source: Path, tmp_path: Path, today: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "processes"
    root.mkdir()
    case = build(source, root)
    assert case.expected, f"{source.name} declares no `# expect:` line"
    folder = set_up(case, root, monkeypatch)
    severities = case_levels(case)

    found = load(folder, today=today, levels=severities).diagnostics
    report = "\n".join(d.format() for d in found)

    assert sorted(map(key_of, found)) == sorted(e.key for e in case.expected), (
        f"reported:\n{report}"
    )
    for expectation in case.expected:
        messages = [d.message for d in found if key_of(d) == expectation.key]
        assert any(expectation.culprit in m for m in messages), (
            f"{expectation.key}: no message names {expectation.culprit!r}; reported:\n{report}"
        )
    for file, line, column, text in case.fixes:
        hints = [d.hint for d in found if (d.file, d.line, d.column) == (file, line, column)]
        assert any(text in h for h in hints), f"no fix at {line}:{column} says {text!r}:\n{report}"
    assert all(d.hint.strip() for d in found), f"a diagnostic has no fix:\n{report}"
    assert "secret-7f3a" not in report, "a message quotes a file from outside the handbook"
    assert {d.code for d in found} <= set(RULES), "a diagnostic's code is not a registered rule"
    positions = [(d.file, d.line, d.column) for d in found]
    assert positions == sorted(positions), "diagnostics are reported in file and line order"
    # `handbook validate` checks the files in several processes and must find exactly the same
    assert check(folder, today=today, levels=severities, workers=2).diagnostics == found


def test_corpus_is_large_enough() -> None:
    assert len(cases(CORPUS)) >= 40


def test_every_rule_has_a_corpus_case() -> None:
    """A rule without a case is untested and has no example in the diagnostic reference."""
    assert [entry.rule.code for entry in reference(CORPUS) if not entry.examples] == []


def test_the_reference_lists_every_rule_with_its_simplest_example() -> None:
    entries = {entry.rule.code: entry for entry in reference(CORPUS)}
    assert list(entries) == sorted(RULES)
    tab = entries["tab-indent"]
    assert (tab.rule.severity, tab.rule.summary, tab.examples[0].name) == (
        "error",
        "a tab used for indentation",
        "tab-indent.yml",
    )
    assert all(entry.rule.summary and entry.rule.fix for entry in entries.values())


def test_rules_lists_the_registry() -> None:
    assert rules() == sorted(RULES.values(), key=lambda rule: rule.code)
    assert len(rules()) >= 63


def _package_modules() -> list[Path]:
    return sorted((REPO / "plugins" / "process_handbook").rglob("*.py"))


def test_every_finding_comes_from_a_rule() -> None:
    """No code builds a Diagnostic itself or passes a code as text: findings are made by
    `Report.add` from a Rule (so an unregistered code cannot be emitted)."""
    offenders = []
    for path in _package_modules():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else None
            called = node.func.id if isinstance(node.func, ast.Name) else name
            texts = [a for a in node.args[:2] if isinstance(a, ast.Constant)]
            if called == "Diagnostic" and path.name != "diagnostics.py":
                offenders.append(f"{path.name}:{node.lineno} builds a Diagnostic")
            elif called in ("add", "error", "warning") and any(
                isinstance(t.value, str) and t.value in RULES for t in texts
            ):
                offenders.append(f"{path.name}:{node.lineno} reports a code as text")
    assert offenders == []


def test_every_rule_object_is_registered() -> None:
    """Every Rule the package declares is in the registry under its code."""
    import importlib

    declared: list[Rule] = []
    for path in _package_modules():
        relative = path.relative_to(REPO / "plugins").with_suffix("")
        name = ".".join(relative.parts).removesuffix(".__init__")
        module = importlib.import_module(name)
        declared += [v for v in vars(module).values() if isinstance(v, Rule)]
    assert declared and all(RULES[rule.code] is rule for rule in declared)
    assert {rule.code for rule in declared} == set(RULES)


def test_the_shared_files_are_no_cases() -> None:
    assert all(path.name not in SHARED for path in cases(CORPUS))
