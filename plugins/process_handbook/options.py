"""The options of a handbook build, shared by the core and every adapter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class BuildOptions:
    """How a handbook is built; every adapter (MkDocs, CLI, tests) fills the same options."""

    language: str = "zh"
    #: Time zone of meetings that do not name one.
    timezone: str = "Asia/Shanghai"
    #: The date reviews are judged against; None leaves review badges out.
    today: dt.date | None = None
    #: The Mermaid version the site serves; below 11.16 swimlanes become flowcharts.
    mermaid_version: tuple[int, ...] = (12, 3, 0)
    #: A folder whose *.md.j2 files replace the built-in templates of the same name.
    templates_dir: Path | None = None
    #: Lane fills that read well on light and dark backgrounds alike (translucent grey).
    lane_fills: tuple[str, str] = field(default=("#8c8c8c22", "#8c8c8c0d"))
