"""Template files offered for download, byte-identical, under downloads/."""

from __future__ import annotations

from pathlib import Path

from .. import paths
from ..model.handbook import Handbook
from ..output import Asset


def downloads(handbook: Handbook, root: Path) -> list[Asset]:
    """One asset per distinct template file (several processes may share a file)."""
    files = sorted({t.file for p in handbook.processes for t in p.templates})
    return [Asset(paths.download(file), source=root / file) for file in files]
