"""What git knows about the process files: when each changed, and what it said before.

Read-only and optional: outside a git checkout (or without git installed)
every answer is empty, and nothing fails.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import zoneinfo
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model.entities import Process


#: How many file versions one `git cat-file` reads (their contents are held in memory together).
BATCH = 256


@dataclass(frozen=True)
class Commit:
    sha: str
    time: dt.datetime  # commit time, in UTC


@dataclass(frozen=True)
class Blob:
    id: str  # git's object id, "" when unknown
    data: bytes


class GitHistory:
    """Git history of files under `folder` (usually the processes folder)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()

    @cached_property
    def top(self) -> Path | None:
        """The repository's top folder, or None when `folder` is not in a git work tree."""
        out = self._git("rev-parse", "--show-toplevel", cwd=self.folder)
        return Path(out.decode().strip()) if out else None

    def _git(self, *args: str, cwd: Path | None = None, stdin: bytes | None = None) -> bytes | None:
        try:
            done = subprocess.run(
                ["git", *args],
                cwd=cwd or self.top,
                input=stdin,
                capture_output=True,
                check=False,
                timeout=60,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout if done.returncode == 0 else None

    def _relative(self, path: Path) -> str | None:
        if self.top is None:
            return None
        try:
            return path.resolve().relative_to(self.top).as_posix()
        except ValueError:
            return None

    def commits(self, path: Path, limit: int = 200) -> list[Commit]:
        """Commits that changed `path`, newest first (at most `limit`)."""
        relative = self._relative(path)
        if relative is None:
            return []
        out = self._git("log", f"-{limit}", "--format=%H %ct", "--", relative)
        commits = []
        for line in (out or b"").decode().splitlines():
            sha, _, stamp = line.partition(" ")
            commits.append(Commit(sha, dt.datetime.fromtimestamp(int(stamp), dt.UTC)))
        return commits

    def show(self, revision: str, path: Path) -> bytes | None:
        """The bytes of `path` at `revision`, or None when it did not exist then."""
        relative = self._relative(path)
        if relative is None:
            return None
        return self._git("show", f"{revision}:{relative}")

    def last_changes(self) -> dict[str, dt.datetime]:
        """When each file under `folder` last changed in a commit, keyed by its path relative
        to `folder` (POSIX); one `git log` for the whole folder, however many files it holds."""
        changes: dict[str, dt.datetime] = {}
        for stamp, names in self._folder_log("%ct"):
            when = dt.datetime.fromtimestamp(int(stamp), dt.UTC)
            for name in names:
                changes.setdefault(name, when)  # newest first: keep the first seen
        return changes

    def changing_commits(self, paths: list[Path], limit: int) -> dict[Path, list[str]]:
        """For each path, the ids of the commits `commits(path, limit)` lists (newest first).

        A history without merge commits is one line, and each file's `git log` is the
        folder's filtered by the file: one `git log` serves every path under `folder`.
        Through a merge, git follows for each file the side it came from, so then (and for
        a path outside `folder`, e.g. through a symbolic link) each path gets its own.
        """
        found: dict[Path, list[str]] = {}
        linear = self.top is not None and not self._git(
            "rev-list", "--min-parents=2", "--max-count=1", "HEAD"
        )
        inside: dict[
            str, list[Path]
        ] = {}  # by the path relative to `folder`, as the folder's log names it
        for path in paths:
            resolved = path.resolve()
            if linear and resolved.is_relative_to(self.folder):
                inside.setdefault(resolved.relative_to(self.folder).as_posix(), []).append(path)
                found[path] = []
            else:
                found[path] = [commit.sha for commit in self.commits(path, limit)]
        if inside:
            for sha, names in self._folder_log("%H", "--no-renames", "--root"):
                for name in names:
                    for path in inside.get(name, []):
                        if len(found[path]) < limit:
                            found[path].append(sha)
        return found

    def files_at(self, versions: Iterable[tuple[str, Path]]) -> Iterator[Blob | None]:
        """What `show(commit, path)` gives for each (commit, path), in order, with the blob's id:
        one `git cat-file --batch` per BATCH versions; None where the file did not exist."""
        pending = iter(versions)
        while batch := list(islice(pending, BATCH)):
            names = []
            for commit, path in batch:
                relative = self._relative(path)
                # `cat-file` reads a name per line; outside git nothing is read at all
                names.append(
                    None if relative is None or "\n" in relative else f"{commit}:{relative}"
                )
            readable = [name for name in names if name is not None]
            blobs = dict(zip(readable, self._cat(readable)))
            for name, (commit, path) in zip(names, batch):
                if name is not None:
                    yield blobs[name]
                else:
                    data = self.show(commit, path)
                    yield None if data is None else Blob("", data)

    def _cat(self, objects: list[str]) -> list[Blob | None]:
        """`git cat-file --batch`: each object's id and content; None for one that does not exist."""
        if not objects:
            return []
        out = (
            self._git(
                "cat-file", "--batch", stdin="".join(f"{name}\n" for name in objects).encode()
            )
            or b""
        )
        blobs: list[Blob | None] = []
        offset = 0
        for _ in objects:
            end = out.find(b"\n", offset)
            if end < 0:  # git failed
                blobs.append(None)
                continue
            header = out[offset:end]
            if header.endswith((b" missing", b" ambiguous")):
                blobs.append(None)
                offset = end + 1
                continue
            object_id, _, size = header.split()
            blobs.append(Blob(object_id.decode(), out[end + 1 : end + 1 + int(size)]))
            offset = end + 1 + int(size) + 1  # the content is followed by a newline
        return blobs

    def _folder_log(self, header: str, *options: str) -> list[tuple[str, list[str]]]:
        """`git log` of `folder`, newest first: per commit its `--format` `header`, and the
        paths (relative to `folder`) of the files it changed."""
        relative = self._relative(self.folder)
        if relative is None:
            return []
        # -z: names unquoted and NUL-separated; \x01 marks the header before each commit's names.
        out = self._git(
            "log", "-z", f"--format=%x01{header}", "--name-only", *options, "--", relative
        )
        prefix = "" if relative == "." else relative + "/"
        commits: list[tuple[str, list[str]]] = []
        for token in (out or b"").decode("utf-8", "replace").split("\0"):
            if token.startswith("\x01"):
                commits.append((token[1:], []))
                continue
            name = token.removeprefix("\n")
            if commits and name and name.startswith(prefix):
                commits[-1][1].append(name[len(prefix) :])
        return commits

    def resolve(self, revision: str) -> str | None:
        """The commit `revision` names, or None when it names none (or outside git)."""
        if self.top is None or revision.startswith("-"):
            return None
        out = self._git(
            "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
        )
        return out.decode().strip() if out else None

    def export(self, commit: str, into: Path) -> int:
        """Write the files under `folder` as they were at `commit` into the folder `into`.

        Symbolic links are recreated as links (so the template rules judge them as
        they would in a checkout); the count of files written is returned, 0 when
        the folder did not exist at that commit.
        """
        relative = self._relative(self.folder)
        if relative is None:
            return 0
        listing = self._git("ls-tree", "-r", "-z", "--full-tree", commit, "--", relative) or b""
        prefix = "" if relative == "." else relative + "/"
        entries = []  # (mode, object id, path below `folder`)
        for record in listing.split(b"\0"):
            meta, _, name = record.partition(b"\t")
            parts = meta.split()
            path = name.decode("utf-8", "replace")
            if (
                len(parts) == 3
                and parts[1] == b"blob"
                and path.startswith(prefix)
                and ".." not in path.split("/")
            ):
                entries.append((parts[0], parts[2], path[len(prefix) :]))
        if not entries:
            return 0
        written = 0
        for (mode, _, relative), blob in zip(
            entries, self._cat([sha.decode() for _, sha, _ in entries])
        ):
            if blob is None:
                continue
            target = into / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if mode == b"120000":
                target.symlink_to(blob.data.decode("utf-8", "replace"))
            else:
                target.write_bytes(blob.data)
            written += 1
        return written


class LastChanged:
    """`BuildOptions.last_updated` from git: the day (in `timezone`) each process file last
    changed in a commit; None for a file never committed, and for every file outside git.

    The history is read once, on first use, with one `git log` for the whole folder.
    """

    def __init__(self, processes_dir: Path, timezone: str) -> None:
        self.history = GitHistory(processes_dir)
        self.zone = zoneinfo.ZoneInfo(timezone)

    @cached_property
    def _changes(self) -> dict[str, dt.datetime]:
        return self.history.last_changes()

    def __call__(self, process: Process) -> dt.date | None:
        when = self._changes.get(process.file)
        return when.astimezone(self.zone).date() if when else None
