"""What a build produces: Markdown pages and files, as plain data for any adapter to write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Page:
    path: str  # docs-relative POSIX path, e.g. "processes/complaint-handling.md"
    content: str  # Markdown


@dataclass(frozen=True)
class Asset:
    """A file of the site: copied from `source`, or made in memory (`content`)."""

    path: str  # site-relative POSIX path, e.g. "downloads/templates/form.xlsx"
    source: Path | None = None
    content: bytes | None = None

    def read(self) -> bytes:
        if self.content is not None:
            return self.content
        assert self.source is not None
        return self.source.read_bytes()
