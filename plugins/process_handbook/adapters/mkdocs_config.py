"""The plugin's options, each validating itself the way MkDocs reports configuration errors.

A wrong value stops `mkdocs build` before anything is built, with MkDocs' own
message naming the option (`Plugin 'process-handbook' option 'timezone': ...`);
the checks themselves are the core's, shared with the `handbook` command.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..diagnostics import Severity
from ..options import SettingError, mermaid_version, time_zone
from ..validation import LevelError, levels


class Today(base.BaseConfigOption[dt.date]):
    """A date, as YAML reads `2026-11-23` unquoted, or as text "2026-11-23"."""

    def run_validation(self, value: object) -> dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise base.ValidationError(f"must be a date YYYY-MM-DD, not {value!r}")


class TimeZoneName(c.Type[str]):
    """An IANA time zone name that exists (meetings without their own are written in it)."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        try:
            return time_zone(super().run_validation(value))
        except SettingError as error:
            raise base.ValidationError(str(error)) from None


class MermaidVersion(base.BaseConfigOption[tuple[int, ...]]):
    """The version of the site's Mermaid, e.g. "12.3.0"."""

    def run_validation(self, value: object) -> tuple[int, ...]:
        try:
            return mermaid_version(str(value))
        except SettingError as error:
            raise base.ValidationError(str(error)) from None


class RuleLevels(base.BaseConfigOption[dict[str, Severity | None]]):
    """`rules:` code → error | warning | off: the handbook's own severity of a rule."""

    def __init__(self) -> None:
        super().__init__()
        self.default = {}

    def run_validation(self, value: object) -> dict[str, Severity | None]:
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise base.ValidationError("must be a mapping of rule codes to error, warning or off")
        try:
            return levels(value)
        except LevelError as error:
            raise base.ValidationError(f"{error}; {error.hint}") from None


class HandbookConfig(base.Config):
    processes_dir = c.Type(str, default="processes")
    #: zh or en; default: from `theme.language`.
    language = c.Optional(c.Choice(("zh", "en")))
    #: Time zone of meetings that do not name one.
    timezone = TimeZoneName(default="Asia/Shanghai")
    #: Judge reviews against this date instead of the build date.
    today = c.Optional(Today())
    #: A folder of *.md.j2 files that replace the built-in page templates.
    templates_dir = c.Optional(c.Dir(exists=True))
    #: The Mermaid the site serves itself (from the npm lockfile); empty to serve none.
    mermaid_js = c.Type(str, default="node_modules/mermaid/dist/mermaid.min.js")
    #: The Mermaid version of the site, when it cannot be read next to `mermaid_js`.
    mermaid_version = c.Optional(MermaidVersion())
    #: The handbook's own rule severities (see `handbook rules`).
    rules = RuleLevels()
