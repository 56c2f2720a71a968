"""Find the handbook's YAML files under the processes folder, in a stable order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ORGANIZATION = "organization.yml"
SUFFIXES = (".yml", ".yaml")


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


def discover(root: Path) -> tuple[SourceFile | None, list[SourceFile]]:
    """organization.yml (if present) and every process file, sorted by path.

    Hidden files and folders (starting with '.') are skipped, so editor and
    version-control droppings never count as processes.
    """
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
    return organization, processes
