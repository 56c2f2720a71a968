"""What git knows about the process files: when each changed, and what it said before.

Read-only and optional: outside a git checkout (or without git installed)
every answer is empty, and nothing fails.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path


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

    def _git(self, *args: str, cwd: Path | None = None) -> bytes | None:
        try:
            done = subprocess.run(
                ["git", *args], cwd=cwd or self.top, capture_output=True, check=False, timeout=60,
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

    def last_changed(self, path: Path) -> dt.datetime | None:
        """When `path` last changed in a commit (None outside git or when uncommitted)."""
        commits = self.commits(path, limit=1)
        return commits[0].time if commits else None

    def show(self, revision: str, path: Path) -> bytes | None:
        """The bytes of `path` at `revision`, or None when it did not exist then."""
        relative = self._relative(path)
        if relative is None:
            return None
        return self._git("show", f"{revision}:{relative}")

    def is_modified(self, path: Path) -> bool:
        """True when the working tree differs from the last commit for `path` (or it is new)."""
        relative = self._relative(path)
        if relative is None:
            return False
        out = self._git("status", "--porcelain", "--", relative)
        return bool(out and out.strip())
