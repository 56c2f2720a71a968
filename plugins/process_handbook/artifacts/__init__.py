"""Files a handbook publishes besides its pages: downloads (and, built on them, calendars and exports)."""

from __future__ import annotations

from pathlib import Path

from ..model.handbook import Handbook
from ..output import Asset
from ..options import BuildOptions
from .downloads import downloads


def artifacts(handbook: Handbook, root: Path, options: BuildOptions) -> list[Asset]:
    """Every file of the site that is not a page, in a stable order."""
    return downloads(handbook, root)
