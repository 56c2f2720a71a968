"""Find the handbook's YAML files under the processes folder, in a stable order, and read them.

Nothing outside the processes folder is ever read: a symbolic link is followed
only when it leads to a file inside the folder; a link out of it, a dangling
link, a loop of links, a folder named like a process file and anything that is
not a regular file are reported (`Problem`), never skipped in silence.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .. import characters, limits
from ..diagnostics import ERROR, Rule

ORGANIZATION = "organization.yml"
SUFFIXES = (".yml", ".yaml")

NO_PROCESSES_FOLDER = Rule(
    code="no-processes-folder",
    severity=ERROR,
    summary="the processes folder does not exist",
    fix="create it, or name the right folder (the plugin's `processes_dir`)",
)
TOO_MANY_PROCESSES = Rule(
    code="too-many-processes",
    severity=ERROR,
    summary=f"a handbook with more than {limits.MAX_PROCESSES} process files",
    fix="split it into several handbooks (one per division)",
)
UNREADABLE = Rule(
    code="unreadable",
    severity=ERROR,
    summary="a file or folder that cannot be read (permissions, or it vanished while being read)",
    fix="check the file's permissions",
)
BAD_FILE_NAME = Rule(
    code="bad-file-name",
    severity=ERROR,
    summary="a file or folder name that is not UTF-8 or holds a line break, control or "
    "formatting character; or a process without `id:` whose file name cannot serve as its id",
    fix="rename it (lowercase a-z, digits, - and _ are safest), or add `id: some-id`",
)
NOT_A_FILE = Rule(
    code="not-a-file",
    severity=ERROR,
    summary="something named like a process file that is no regular file (a pipe, a device, ...)",
    fix="a process file must be an ordinary text file; remove or rename this one",
)
FOLDER_NAMED_YML = Rule(
    code="folder-named-yml",
    severity=ERROR,
    summary="a folder whose name ends like a process file (.yml or .yaml)",
    fix="rename the folder (without .yml/.yaml); the files in it are still read",
)
LINKED_FOLDER = Rule(
    code="linked-folder",
    severity=ERROR,
    summary="a link to a folder inside the processes folder (links to folders are not followed)",
    fix="move the files into a real folder here",
)
LINK_OUTSIDE = Rule(
    code="link-outside",
    severity=ERROR,
    summary="a link to a file or folder outside the processes folder (never followed)",
    fix="copy the file itself into the processes folder (links out of it are never followed)",
)
DANGLING_LINK = Rule(
    code="dangling-link",
    severity=ERROR,
    summary="a link to something that does not exist",
    fix="delete the link, or point it at a file inside the processes folder",
)
LINK_LOOP = Rule(
    code="link-loop",
    severity=ERROR,
    summary="a link that leads back to itself (a loop of links)",
    fix="delete the link and put the file itself there",
)


@dataclass(frozen=True)
class SourceFile:
    path: Path  # on disk: the file itself, or the file inside the folder a link leads to
    relative: str  # POSIX path relative to the processes folder
    data: bytes | None = None  # the text of a file not written yet (`handbook new` checks it)

    @property
    def folder(self) -> str:
        parent = self.relative.rpartition("/")[0]
        return parent

    @property
    def stem(self) -> str:
        return Path(self.relative).stem


@dataclass(frozen=True)
class Problem:
    """Something in the processes folder that cannot be read as a process file."""

    relative: str  # the path it concerns, relative to the processes folder
    rule: Rule
    message: str
    hint: str | None = None  # the rule's own fix, unless a more precise one


@dataclass
class Discovered:
    organization: SourceFile | None = None
    processes: list[SourceFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


Outcome = Literal["inside", "outside", "dangling", "loop"]


def follow(path: Path, root: Path) -> tuple[Outcome, Path]:
    """Where `path` leads once every link on the way is followed, and whether that stays
    inside `root` (already resolved). Nothing is opened."""
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return "dangling", path
    except (RuntimeError, OSError):  # a loop of links (or too many of them)
        return "loop", path
    return ("inside" if target == root or root in target.parents else "outside"), target


_LINK_PROBLEMS: dict[Outcome, tuple[Rule, str]] = {
    "outside": (LINK_OUTSIDE, "is a link to something outside the processes folder"),
    "dangling": (DANGLING_LINK, "is a link to something that does not exist"),
    "loop": (LINK_LOOP, "is a link that leads back to itself (a loop of links)"),
}


def link_problem(relative: str, outcome: Outcome) -> Problem:
    rule, what = _LINK_PROBLEMS[outcome]
    return Problem(relative, rule, f"'{characters.token(relative)}' {what}")


def discover(root: Path) -> Discovered:
    """organization.yml (if present), every process file sorted by path, and what is wrong.

    Hidden files and folders (starting with '.') are skipped, so editor and
    version-control droppings never count as processes.
    """
    top = root.resolve()
    found = Discovered()
    for entry, relative in _walk(top, found.problems):
        source = _source(entry, relative, top, found.problems)
        if source is None:
            continue
        if relative == ORGANIZATION:
            found.organization = source
        else:
            found.processes.append(source)
    found.processes.sort(key=lambda s: s.relative)
    found.problems.sort(key=lambda p: p.relative)
    return found


def _walk(top: Path, problems: list[Problem]) -> Iterator[tuple[os.DirEntry[str], str]]:
    """Every entry with a process file's name, depth first; folders are entered when they are
    folders themselves (a link to a folder is reported, not followed)."""
    todo: list[tuple[Path, str]] = [(top, "")]
    while todo:
        folder, prefix = todo.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problems.append(
                Problem(
                    prefix.rstrip("/") or ".",
                    UNREADABLE,
                    f"cannot read the folder: {exc.strerror}",
                    "check the folder's permissions",
                )
            )
            continue
        for entry in reversed(entries):
            if entry.name.startswith("."):
                continue
            relative = prefix + entry.name
            is_yaml = entry.name.lower().endswith(SUFFIXES)
            is_folder = entry.is_dir(follow_symlinks=False)
            if (is_yaml or is_folder) and (bad := name_problem(relative)) is not None:
                problems.append(bad)
                continue
            if is_folder:
                if is_yaml:
                    problems.append(
                        Problem(
                            relative,
                            FOLDER_NAMED_YML,
                            f"'{characters.token(relative)}' is a folder, but its name ends "
                            "like a process file",
                        )
                    )
                todo.append((Path(entry.path), relative + "/"))
            elif entry.is_symlink() and not is_yaml:
                outcome, target = follow(Path(entry.path), top)
                if outcome == "inside" and target.is_dir():
                    problems.append(
                        Problem(
                            relative,
                            LINKED_FOLDER,
                            f"'{characters.token(relative)}' is a link to a folder, which is "
                            "not followed",
                        )
                    )
                elif outcome == "outside" and target.is_dir():
                    problems.append(link_problem(relative, outcome))
            elif is_yaml:
                yield entry, relative


def name_problem(relative: str) -> Problem | None:
    """A file or folder name that cannot be shown honestly: not UTF-8, or with a refused character."""
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:
        return Problem(
            relative,
            BAD_FILE_NAME,
            f"the name '{characters.token(relative)}' is not UTF-8 text",
            "rename it using UTF-8 (letters, digits, - and _ are safest)",
        )
    m = characters.name_problem(relative)
    if m is None:
        return None
    _, what = characters.kind(m[0])
    return Problem(
        relative,
        BAD_FILE_NAME,
        f"the name '{characters.token(relative)}' holds an {what}",
        "rename it: file and folder names may hold no line breaks, control or formatting characters",
    )


def _source(
    entry: os.DirEntry[str], relative: str, top: Path, problems: list[Problem]
) -> SourceFile | None:
    path = Path(entry.path)
    if entry.is_symlink():
        outcome, target = follow(path, top)
        if outcome != "inside":
            problems.append(link_problem(relative, outcome))
            return None
        path = target
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        problems.append(Problem(relative, UNREADABLE, f"cannot read the file: {exc.strerror}"))
        return None
    if not stat.S_ISREG(mode):
        problems.append(
            Problem(relative, NOT_A_FILE, f"'{characters.token(relative)}' is not a regular file")
        )
        return None
    return SourceFile(path, relative)


def read(source: SourceFile, limit: int) -> tuple[bytes, int]:
    """The file's bytes (at most `limit` + 1 of them) and its size, read without following a
    link the file may have been turned into since it was found."""
    if source.data is not None:
        return source.data[: limit + 1], len(source.data)
    descriptor = os.open(source.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, "not a regular file")
        return stream.read(limit + 1), info.st_size
