"""The corpus of invalid process files: each names its mistakes, where they are and the culprit.

A case is a `*.yml` file in tests/corpus/ (checked together with the shared
organization.yml and templates/), or a folder holding its own files (and, if it
needs one, its own organization.yml). Leading comment lines declare what the
check must report, one diagnostic per line:

    # expect: 14:12 error unknown-reference 'suport-manager'

line:column, severity, diagnostic code, and a text the message must contain
(the culprit). The set of reported diagnostics must equal the expectations
exactly: nothing missing, nothing extra, and every one must come with a fix.
Other leading directives:

    # fix: 14:12 write `end` to end the process   (text the fix at 14:12 must contain)
    # symlink-out: templates/contract.docx        (a link to a file outside processes/)
    # link: leak.yml -> ../../outside/secret.docx (a link with any target, relative to it)
    # folder: archive.yml                         (an empty folder to create)

An expectation about another file of the case names it: `# expect: leak.yml:1:1 error ...`.
No message may quote the outside file's text, whatever the case.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from process_handbook.diagnostics import Diagnostic
from process_handbook.pipeline import check, load

CORPUS = Path(__file__).parent / "corpus"
SHARED = ("organization.yml", "templates")
_EXPECT = re.compile(
    r"#\s*expect:\s*(?:(\S+?):)?(\d+):(\d+)\s+(error|warning)\s+([a-z0-9-]+)\s+(.+?)\s*$"
)
_FIX = re.compile(r"#\s*fix:\s*(\d+):(\d+)\s+(.+?)\s*$")
_SYMLINK = re.compile(r"#\s*symlink-out:\s*(\S+)\s*$")
_LINK = re.compile(r"#\s*link:\s*(\S+)\s*->\s*(\S+)\s*$")
_FOLDER = re.compile(r"#\s*folder:\s*(\S+)\s*$")
#: The text of the file outside the processes folder that links point at.
SECRET = "not part of the handbook: secret-7f3a"

Key = tuple[str, int, int, str, str]  # file, line, column, severity, code


@dataclass(frozen=True)
class Expectation:
    key: Key
    culprit: str


@dataclass
class Case:
    """What a case declares: the diagnostics, texts their fixes contain, links to create."""

    expected: list[Expectation] = field(default_factory=list)
    fixes: list[tuple[str, int, int, str]] = field(default_factory=list)  # file, line, column, text
    symlinks: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # link, target
    folders: list[str] = field(default_factory=list)


def cases() -> list[Path]:
    return sorted(
        p
        for p in CORPUS.iterdir()
        if not p.name.startswith((".", "_"))
        and p.name not in SHARED
        and (p.is_dir() or p.suffix in (".yml", ".yaml"))
    )


def leading_comments(path: Path) -> list[str]:
    """The comment lines a file starts with (read as bytes: some cases are not UTF-8 on purpose)."""
    lines = []
    for raw in path.read_bytes().splitlines():
        line = raw.decode("utf-8", "replace").lstrip("\ufeff").rstrip("\r")
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


def read_directives(path: Path, relative: str, case: Case) -> None:
    for line in leading_comments(path):
        if m := _EXPECT.match(line):
            key = (m[1] or relative, int(m[2]), int(m[3]), m[4], m[5])
            case.expected.append(Expectation(key, m[6]))
        elif m := _FIX.match(line):
            case.fixes.append((relative, int(m[1]), int(m[2]), m[3]))
        elif m := _SYMLINK.match(line):
            case.symlinks.append(m[1])
        elif m := _LINK.match(line):
            case.links.append((m[1], m[2]))
        elif m := _FOLDER.match(line):
            case.folders.append(m[1])
        elif re.match(r"#\s*(expect|fix|symlink|link|folder)", line):
            raise AssertionError(f"{path.name}: malformed directive {line!r}")


def build(source: Path, root: Path) -> Case:
    """Copy a case into `root` (a fresh processes folder) and read what it declares."""
    shutil.copytree(CORPUS / "templates", root / "templates")
    if source.is_dir():
        shutil.copytree(source, root, dirs_exist_ok=True)
    else:
        shutil.copy(source, root / source.name)
    if not (root / "organization.yml").exists():
        shutil.copy(CORPUS / "organization.yml", root / "organization.yml")
    case = Case()
    if source.is_file():
        read_directives(source, source.name, case)
    for path in sorted(source.rglob("*.y*ml")) if source.is_dir() else ():
        read_directives(path, path.relative_to(source).as_posix(), case)
    return case


def make_outside_links(root: Path, case: Case) -> None:
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    secret = outside / "secret.docx"
    secret.write_text(SECRET, encoding="utf-8")
    (outside / "secret.yml").write_text(f"title: {SECRET}\n", encoding="utf-8")
    for link in case.symlinks:
        (root / link).symlink_to(secret)
    for link, target in case.links:
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        (root / link).unlink(missing_ok=True)  # e.g. the shared organization.yml
        (root / link).symlink_to(target)
    for folder in case.folders:
        (root / folder).mkdir(parents=True)


def key_of(d: Diagnostic) -> Key:
    return (d.file, d.line, d.column, d.severity.value, d.code)


@pytest.mark.parametrize("source", cases(), ids=lambda p: p.name)
def test_corpus_case(source: Path, tmp_path: Path, today: dt.date) -> None:
    root = tmp_path / "processes"
    root.mkdir()
    case = build(source, root)
    make_outside_links(root, case)
    assert case.expected, f"{source.name} declares no `# expect:` line"

    found = load(root, today=today).diagnostics
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
    positions = [(d.file, d.line, d.column) for d in found]
    assert positions == sorted(positions), "diagnostics are reported in file and line order"
    # `handbook validate` checks the files in several processes and must find exactly the same
    assert check(root, today=today, workers=2).diagnostics == found


def test_corpus_is_large_enough() -> None:
    assert len(cases()) >= 40
