"""The options of a handbook build, shared by the core and every adapter, and the checks of the
settings users write for them (the plugin's options and the CLI's flags read them alike)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .browser_libraries import MERMAID, packaged_version
from .diagnostics import Levels
from .model.values import TimeZone, ValueProblem

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
    #: The Mermaid version the site serves (default: the package's own copy's); below 11.16
    #: swimlanes become flowcharts.
    mermaid_version: tuple[int, ...] = field(default_factory=lambda: packaged_mermaid_version())
    #: A folder whose *.md.j2 files replace the built-in templates of the same name.
    templates_dir: Path | None = None
    #: Lane fills that read well on light and dark backgrounds alike (translucent grey).
    lane_fills: tuple[str, str] = field(default=("#8c8c8c22", "#8c8c8c0d"))
    #: When a process last changed (e.g. its file's last commit); None leaves "last updated" out.
    #: Injected so the core needs no git: the adapters pass `history.LastChanged`.
    last_updated: Callable[[Process], dt.date | None] | None = None
    #: The handbook's address (MkDocs `site_url`, and the plugin's prefix folder): calendars link
    #: to pages with it; None: relative links.
    site_url: str | None = None
    #: Whether pages are served as `x/` (MkDocs `use_directory_urls`) or `x.html`.
    directory_urls: bool = True
    #: The processes folder's git history: a meeting's calendar SEQUENCE counts its changes there.
    #: None (or a folder outside git): every SEQUENCE is 0.
    history: GitHistory | None = None
    #: The handbook's own rule severities (code → severity, None = off; see `validation.levels`).
    levels: Levels = field(default_factory=dict)
    #: Where made files (spreadsheets, calendars, BPMN) are kept between builds, by the hash of their content
    #: (`cache.Store`); None keeps them in memory only. Never changes what is built.
    cache_dir: Path | None = None

    def page_settings(self) -> list[Any]:
        """What of these options the pages show, as plain data (a kept page's key): not the
        clock of "last updated" (each page's own date is part of its key), the history of
        the calendars or where the cache is."""
        return [
            [self.language, self.timezone, str(self.today), list(self.mermaid_version)],
            [list(self.lane_fills), self.site_url, self.directory_urls, dict(self.levels)],
        ]


class SettingError(ValueError):
    """A setting (plugin option or command-line flag) that cannot be used, with how to fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.args[0]}; {self.hint}"


def time_zone(name: str) -> str:
    """The time zone of meetings that name none: it must exist (IANA name)."""
    try:
        return str(TimeZone.parse(name))
    except ValueProblem as problem:
        raise SettingError(str(problem), problem.hint) from None


def mermaid_version(text: str) -> tuple[int, ...]:
    """`12.3.0` (or `v11.4`, `12`) as (12, 3, 0): the Mermaid version a site serves."""
    version = tuple(int(part) for part in re.findall(r"\d+", text)[:3])
    if not version:
        raise SettingError(
            f"'{text}' is not a Mermaid version", "write the version number, e.g. 12.3.0"
        )
    return version


#: What a folder name of the URL prefix may hold: letters (any script), digits, `-`, `_`, `.`.
_PREFIX_PART = re.compile(r"[\w.-]+")


def url_prefix(text: str) -> str:
    """The folder the site mounts the handbook under, as `handbook/` (or `team/handbook/`);
    "" mounts it at the site's root. A trailing `/` is added, `./` and doubled `/` dropped."""
    parts = [part for part in text.strip().split("/") if part not in ("", ".")]
    hint = "write a folder inside the site, e.g. handbook/ (or leave it empty for the site's root)"
    if text.strip().startswith("/"):
        raise SettingError(f"'{text}' starts with /", hint)
    for part in parts:
        if part == ".." or not _PREFIX_PART.fullmatch(part):
            raise SettingError(f"'{text}' is not a folder inside the site ({part!r})", hint)
    return "".join(f"{part}/" for part in parts)


def packaged_mermaid_version() -> tuple[int, ...]:
    """The version of the Mermaid the package carries (`browser_libraries`)."""
    return mermaid_version(packaged_version(MERMAID.package))
