"""The options of a handbook build, shared by the core and every adapter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .history import GitHistory
    from .model.entities import Process


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
    #: When a process last changed (e.g. its file's last commit); None leaves "last updated" out.
    #: Injected so the core needs no git: the adapters pass `history.LastChanged`.
    last_updated: Callable[[Process], dt.date | None] | None = None
    #: The site's address (MkDocs `site_url`): calendars link to pages with it; None: site-relative links.
    site_url: str | None = None
    #: Whether pages are served as `x/` (MkDocs `use_directory_urls`) or `x.html`.
    directory_urls: bool = True
    #: The processes folder's git history: a meeting's calendar SEQUENCE counts its changes there.
    #: None (or a folder outside git): every SEQUENCE is 0.
    history: GitHistory | None = None
    #: Where made files (spreadsheets) are kept between builds, by the hash of their content
    #: (`cache.Store`); None keeps them in memory only. Never changes what is built.
    cache_dir: Path | None = None
