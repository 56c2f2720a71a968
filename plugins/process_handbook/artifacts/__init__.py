"""Files a handbook publishes besides its pages: downloads, meeting calendars, spreadsheet and
BPMN exports."""

from __future__ import annotations

from pathlib import Path

from ..model.handbook import Handbook
from ..options import BuildOptions
from ..output import Asset
from .bpmn import bpmn_exports
from .calendars import calendars
from .downloads import downloads
from .exports import exports
from .finder_index import finder_index


def artifacts(handbook: Handbook, root: Path, options: BuildOptions) -> list[Asset]:
    """Every file of the site that is not a page (the finder's data too), in a stable order."""
    return [
        *downloads(handbook, root),
        *calendars(handbook, options),
        *exports(handbook, options),
        *bpmn_exports(handbook, options),
        finder_index(handbook, options),
    ]
