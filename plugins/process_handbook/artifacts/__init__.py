"""Files a handbook publishes besides its pages: downloads, meeting calendars, spreadsheet and
BPMN exports."""

from __future__ import annotations

from pathlib import Path

from ..model.handbook import Handbook
from ..output import Asset
from ..options import BuildOptions
from .bpmn import bpmn_exports
from .calendars import calendars
from .downloads import downloads
from .exports import exports


def artifacts(handbook: Handbook, root: Path, options: BuildOptions) -> list[Asset]:
    """Every file of the site that is not a page, in a stable order."""
    return [
        *downloads(handbook, root),
        *calendars(handbook, options),
        *exports(handbook, options),
        *bpmn_exports(handbook, options),
    ]
