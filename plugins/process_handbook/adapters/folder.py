"""`handbook generate` writes into a folder without ever destroying what it did not write.

The folder keeps a manifest (MANIFEST) of the files the last run wrote. A run
refuses a folder that holds files but no manifest (somebody else's folder),
unless forced; it never overwrites a file it did not write, unless forced; it
removes the files it wrote before and does not write now (the pages of a deleted
process), and nothing else; it never writes into, or around, the processes
folder; and it writes through no symbolic link.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..characters import printable

#: The manifest's name; hidden, so site generators skip it.
MANIFEST = ".handbook-generated.json"
_SHOWN = 5  # files named in a refusal


class FolderError(Exception):
    """Why nothing was written, and how to go on."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Written:
    written: int
    removed: int


def write_folder(out: Path, files: dict[str, bytes], *, processes: Path, force: bool) -> Written:
    """Write `files` (POSIX path relative to `out` → content) into `out`, as described above."""
    target = out.resolve()
    source = processes.resolve()
    if target == source or source in target.parents or target in source.parents:
        raise FolderError(
            f"the output folder '{printable(str(out))}' is, holds or lies inside the processes "
            "folder",
            "name a folder of its own for the generated files, e.g. --out build/handbook",
        )
    if target.exists() and not target.is_dir():
        raise FolderError(f"'{printable(str(out))}' is not a folder", "name a folder with --out")
    previous = _previous(target)
    if previous is None and target.is_dir() and any(target.iterdir()) and not force:
        raise FolderError(
            f"the folder '{printable(str(out))}' is not empty and was not made by `handbook "
            "generate`",
            "name an empty or new folder, or add --force to write into it (files of the same "
            "name are replaced; nothing else is removed)",
        )
    ours = previous or set()
    clashes = sorted(p for p in files if p not in ours and (target / p).exists())
    if clashes and not force:
        raise FolderError(
            "these files were not written by `handbook generate` and would be replaced: "
            + ", ".join(printable(p) for p in clashes[:_SHOWN])
            + (", ..." if len(clashes) > _SHOWN else ""),
            "move them away, or add --force to replace them",
        )
    for relative in files:
        _check_no_link(target, relative)
    for relative, data in sorted(files.items()):
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path, data)
    removed = 0
    for relative in sorted(ours - files.keys()):
        path = target / relative
        if path.is_file() and not _link_on_the_way(target, relative):
            path.unlink()
            removed += 1
            _remove_empty_folders(path.parent, target)
    _write(
        target / MANIFEST, (json.dumps(sorted(files), ensure_ascii=False, indent=0) + "\n").encode()
    )
    return Written(len(files), removed)


def _previous(target: Path) -> set[str] | None:
    """The files the last run wrote; None when the folder has no manifest."""
    manifest = target / MANIFEST
    if not manifest.is_file() or manifest.is_symlink():
        return None
    try:
        listed = json.loads(manifest.read_text("utf-8"))
    except (OSError, ValueError):
        listed = None
    if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
        raise FolderError(
            f"the manifest {MANIFEST} in the output folder cannot be read",
            "delete the output folder (or just the manifest, then use --force) and generate again",
        )
    return {p for p in listed if _safe_relative(p)}


def _safe_relative(path: str) -> bool:
    """A manifest entry names a file inside the folder (a tampered one is ignored)."""
    parts = PurePosixPath(path).parts
    return bool(parts) and not path.startswith("/") and ".." not in parts and "\\" not in path


def _link_on_the_way(target: Path, relative: str) -> bool:
    path = target
    for part in PurePosixPath(relative).parts:
        path = path / part
        if path.is_symlink():
            return True
    return False


def _check_no_link(target: Path, relative: str) -> None:
    if _link_on_the_way(target, relative):
        raise FolderError(
            f"'{printable(relative)}' in the output folder is reached through a symbolic link",
            "remove the link from the output folder; generate writes through none",
        )


def _write(path: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags, 0o644)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)


def _remove_empty_folders(folder: Path, top: Path) -> None:
    while folder != top and top in folder.parents and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
