"""What git knows about the process files: when each changed, and what it said before.

Read-only and optional: outside a git checkout (or without git installed)
every answer is empty, and nothing fails.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import zoneinfo
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model.entities import Process


@dataclass(frozen=True)
class Commit:
    sha: str
    time: dt.datetime  # commit time, in UTC


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
                ["git", *args], cwd=cwd or self.top, input=stdin, capture_output=True, check=False,
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
            commits.append(Commit(sha, dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc)))
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
        relative = self._relative(self.folder)
        if relative is None:
            return {}
        # -z: names unquoted and NUL-separated; \x01 marks the commit time before each commit's names.
        out = self._git("log", "-z", "--format=%x01%ct", "--name-only", "--", relative)
        prefix = "" if relative == "." else relative + "/"
        changes: dict[str, dt.datetime] = {}
        when = None
        for token in (out or b"").decode("utf-8", "replace").split("\0"):
            if token.startswith("\x01"):
                when = dt.datetime.fromtimestamp(int(token[1:]), dt.timezone.utc)
                continue
            name = token.removeprefix("\n")
            if when is not None and name.startswith(prefix):
                changes.setdefault(name[len(prefix):], when)  # newest first: keep the first seen
        return changes

    def resolve(self, revision: str) -> str | None:
        """The commit `revision` names, or None when it names none (or outside git)."""
        if self.top is None or revision.startswith("-"):
            return None
        out = self._git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
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
            if len(parts) == 3 and parts[1] == b"blob" and path.startswith(prefix) and ".." not in path.split("/"):
                entries.append((parts[0], parts[2], path[len(prefix):]))
        if not entries:
            return 0
        blobs = self._git("cat-file", "--batch", stdin=b"".join(sha + b"\n" for _, sha, _ in entries)) or b""
        offset = 0
        for mode, _, name in entries:
            header_end = blobs.index(b"\n", offset)
            size = int(blobs[offset:header_end].split()[2])
            content = blobs[header_end + 1: header_end + 1 + size]
            offset = header_end + 1 + size + 1  # the content is followed by a newline
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if mode == b"120000":
                target.symlink_to(content.decode("utf-8", "replace"))
            else:
                target.write_bytes(content)
        return len(entries)


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
