"""Find the handbook's YAML files under the processes folder, in a stable order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import limits
from ..diagnostics import ERROR, START, Report, Rule

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


@dataclass(frozen=True)
class SourceFile:
    path: Path  # on disk
    relative: str  # POSIX path relative to the processes folder

    @property
    def folder(self) -> str:
        parent = self.relative.rpartition("/")[0]
        return parent

    @property
    def stem(self) -> str:
        return Path(self.relative).stem


def discover(root: Path, report: Report) -> tuple[SourceFile | None, list[SourceFile]] | None:
    """organization.yml (if present) and every process file, sorted by path; None (reported
    to organization.yml's `report`) when there is no such folder.

    Hidden files and folders (starting with '.') are skipped, so editor and
    version-control droppings never count as processes. Beyond MAX_PROCESSES the
    files are reported and left out.
    """
    if not root.is_dir():
        report.add(NO_PROCESSES_FOLDER, START, f"the processes folder '{root}' does not exist")
        return None
    organization: SourceFile | None = None
    processes: list[SourceFile] = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in relative.split("/")):
            continue
        if path.suffix.lower() not in SUFFIXES or not path.is_file():
            continue
        source = SourceFile(path, relative)
        if relative == ORGANIZATION:
            organization = source
        else:
            processes.append(source)
    processes.sort(key=lambda s: s.relative)
    if len(processes) > limits.MAX_PROCESSES:
        report.add(
            TOO_MANY_PROCESSES,
            START,
            f"the handbook has {len(processes)} process files; the limit is {limits.MAX_PROCESSES}",
        )
        processes = processes[: limits.MAX_PROCESSES]
    return organization, processes
