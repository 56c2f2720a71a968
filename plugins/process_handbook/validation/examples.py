"""The corpus of invalid process files, read as examples of the rules: which case shows which code.

The corpus (tests/corpus/ in the repository) is what the tests check the rules
against and what a diagnostic reference shows as examples, so its format is
read in one place, here. A case is a `*.yml` file checked together with the
corpus's shared organization.yml and templates/, or a folder holding its own
files (and, if it needs one, its own organization.yml). Leading comment lines
declare what checking must report, one diagnostic per line:

    # expect: 14:12 error unknown-reference 'suport-manager'
    # expect: organization.yml:1:1 error no-organization missing   (in another file of the case)

line:column, severity, diagnostic code, and a text the message must contain (the
culprit). Other leading directives:

    # fix: 14:12 write `end` to end the process   (text the fix at 14:12 must contain)
    # symlink-out: templates/contract.docx        (a link to a file outside processes/)
    # link: leak.yml -> ../outside/secret.yml     (a link with any target, relative to it;
    #                                              ../outside/ holds secret.yml and secret.docx)
    # folder: archive.yml                         (an empty folder to create)
    # level: goal-units error                     (the handbook sets a rule's severity)
    # limit: MAX_STEPS 3                          (a smaller limit, so the case stays short)
    # without: organization.yml                   (the case has no such file; `processes/`:
    #                                              no processes folder at all)
    # unreadable: complaint-handling.yml          (reading this file fails)
    # crash: lane-unused                          (this rule's check crashes)

No message may quote the text of a file outside the processes folder, whatever the case.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..characters import HIDDEN as _HIDDEN
from ..diagnostics import Diagnostic

#: Files and folders of the corpus that every case shares (not cases themselves).
SHARED = ("organization.yml", "templates")
_EXPECT = re.compile(
    r"#\s*expect:\s*(?:([^\s:]+):)?(\d+):(\d+)\s+(error|warning)\s+([a-z0-9-]+)\s+(.+?)\s*$"
)
_FIX = re.compile(r"#\s*fix:\s*(\d+):(\d+)\s+(.+?)\s*$")
_SETUPS = "symlink-out|link|folder|level|limit|without|unreadable|crash"
_SETUP = re.compile(rf"#\s*({_SETUPS}):\s*(.+?)\s*$")
_DIRECTIVE = re.compile(rf"#\s*(expect|fix|{_SETUPS})\b")
#: The value of each setup directive that has a form of its own.
_FORMS = {
    "link": re.compile(r"\S+ -> \S+"),
    "level": re.compile(r"[a-z0-9-]+ +(error|warning|off)"),
    "limit": re.compile(r"[A-Z_]+ +[0-9]+"),
}

Key = tuple[str, int, int, str, str]  # file, line, column, severity, code


@dataclass(frozen=True)
class Expectation:
    key: Key
    culprit: str

    @property
    def code(self) -> str:
        return self.key[4]


@dataclass
class Case:
    """One corpus case: the diagnostics it declares, texts their fixes contain, and how the
    processes folder is set up (`setup`: directive → its values, in file order)."""

    path: Path
    expected: list[Expectation] = field(default_factory=list)
    fixes: list[tuple[str, int, int, str]] = field(default_factory=list)  # file, line, col, text
    setup: dict[str, list[str]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.name

    def pairs(self, directive: str) -> list[tuple[str, str]]:
        """The values of a `link` (link, target), `level` (code, level) or `limit` (name,
        number) directive, in file order."""
        return [
            (first, second.strip())
            for first, _, second in (
                value.replace(" -> ", " ").partition(" ") for value in self.setup.get(directive, [])
            )
        ]

    def files(self) -> list[tuple[str, Path]]:
        """The YAML files of the case, each with its path inside the processes folder."""
        if self.path.is_file():
            return [(self.path.name, self.path)]
        found = sorted(self.path.rglob("*.y*ml"))
        return [(path.relative_to(self.path).as_posix(), path) for path in found]


def cases(corpus: Path) -> list[Path]:
    """Every case of the corpus folder, in name order."""
    return sorted(
        p
        for p in corpus.iterdir()
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


def read_case(path: Path) -> Case:
    """What a case (a file or a folder of the corpus) declares."""
    case = Case(path)
    for relative, file in case.files():
        for line in leading_comments(file):
            if m := _EXPECT.match(line):
                key = (m[1] or relative, int(m[2]), int(m[3]), m[4], m[5])
                case.expected.append(Expectation(key, m[6]))
            elif m := _FIX.match(line):
                case.fixes.append((relative, int(m[1]), int(m[2]), m[3]))
            elif (m := _SETUP.match(line)) and (m[1] not in _FORMS or _FORMS[m[1]].fullmatch(m[2])):
                case.setup.setdefault(m[1], []).append(m[2])
            elif _DIRECTIVE.match(line):
                raise ValueError(f"{file}: malformed directive {line!r}")
    return case


#: The examples the codes reference shows, made from the corpus by `scripts/make_rule_examples.py`
#: (the corpus is not part of the package; a test keeps this file current).
SHIPPED = "rule-examples.json"
#: Lines of the file an example shows before and after the one its finding is on.
BEFORE, AFTER = 3, 2
#: An example line longer than this is cut (a case may be a file of one huge line).
LONGEST_LINE = 120


@dataclass(frozen=True)
class Example:
    """A rule's example as a reader sees it: lines of the case's file around the finding (their
    numbers, the case's directives left out) and the finding as `handbook validate` prints it."""

    case: str
    situation: str  # what the case is, in its own words
    file: str
    line: int  # the finding's
    excerpt: list[tuple[int, str]]
    diagnostic: str


def example_of(case: Case, root: Path, diagnostic: Diagnostic) -> Example:
    """The example a finding of `case` (checked in the processes folder `root`) gives: the lines
    around it, without the comments a case starts with (its description and directives), unless
    the file holds nothing else."""
    excerpt: list[tuple[int, str]] = []
    path = root / diagnostic.file
    if path.is_file() and not path.is_symlink():
        lines = path.read_bytes().decode("utf-8", "replace").removesuffix("\n").split("\n")
        header = len(leading_comments(path))
        first = max(1, diagnostic.line - BEFORE, header + 1 if header < len(lines) else 1)
        for number in range(first, min(len(lines), max(first, diagnostic.line) + AFTER) + 1):
            line = lines[number - 1]
            if not _DIRECTIVE.match(line):
                cut = line[:LONGEST_LINE] + ("…" if len(line) > LONGEST_LINE else "")
                excerpt.append((number, cut))
    shown = diagnostic.format("processes").replace(str(root), "processes")  # a missing folder
    return Example(case.name, _situation(case), diagnostic.file, diagnostic.line, excerpt, shown)


def _situation(case: Case) -> str:
    """What the case is, in the words of the comments its first file starts with (up to its
    first directive)."""
    for _, file in case.files():
        words = []
        for line in leading_comments(file):
            if _DIRECTIVE.match(line):
                break
            words.append(line.lstrip("#").strip())
        if any(words):
            return " ".join(w for w in words if w)
    return ""


def shipped_examples() -> dict[str, Example]:
    """Each code's example, as the package carries them (the simplest case of the corpus)."""
    data = json.loads(resources.files(__package__).joinpath(SHIPPED).read_text("utf-8"))
    return {
        code: Example(
            e["case"],
            e["situation"],
            e["file"],
            e["line"],
            [(int(n), t) for n, t in e["excerpt"].items()],
            e["diagnostic"],
        )
        for code, e in data.items()
    }


def examples_text(examples: dict[str, Example]) -> str:
    """The shipped file's text: JSON, one code after another (each excerpt line number → text),
    invisible characters escaped (`\\u200b`), so the committed file shows what it holds."""
    data = {
        code: {**dataclasses.asdict(example), "excerpt": {str(n): t for n, t in example.excerpt}}
        for code, example in sorted(examples.items())
    }
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    return _HIDDEN.sub(lambda m: json.dumps(m[0])[1:-1], text)
