"""The plugin's options, each validating itself the way MkDocs reports configuration errors,
and described for editors (`plugin_schema`, committed as schemas/plugin.schema.json).

A wrong value stops `mkdocs build` before anything is built, with MkDocs' own
message naming the option (`Plugin 'process-handbook' option 'timezone': ...`);
the checks themselves are the core's, shared with the `handbook` command.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..diagnostics import Severity
from ..options import SettingError, mermaid_version, time_zone, url_prefix
from ..validation import LevelError, levels, levels_schema
from .site_settings import PLUGIN


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


class UrlPrefix(c.Type[str]):
    """The folder the handbook is mounted under (`handbook/`), "" for the site's root."""

    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> str:
        try:
            return url_prefix(super().run_validation(value))
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
    """The options; what each means is in OPTION_SCHEMAS."""

    processes_dir = c.Type(str, default="processes")
    prefix = UrlPrefix()
    language = c.Optional(c.Choice(("zh", "en")))
    timezone = TimeZoneName(default="Asia/Shanghai")
    today = c.Optional(Today())
    templates_dir = c.Optional(c.Dir(exists=True))
    mermaid_js = c.Optional(c.Type(str))
    mermaid_version = c.Optional(MermaidVersion())
    rules = RuleLevels()
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/plugin/process-handbook")


#: Each option as editors see it (`plugin_schema`): its JSON Schema, and what it means in Chinese
#: and in English. The defaults are the options' own.
OPTION_SCHEMAS: dict[str, tuple[dict[str, Any], str, str]] = {
    "processes_dir": (
        {"type": "string"},
        "流程文件所在的文件夹（相对于 mkdocs.yml）",
        "The folder of the process files (relative to mkdocs.yml)",
    ),
    "prefix": (
        {"type": "string", "examples": ["handbook/"]},
        "手册的所有页面和文件放在站点的这个文件夹下（如 handbook/），导航中成为一个栏目；"
        "默认为空：放在站点根目录",
        "The folder of the site every page and file of the handbook goes under (e.g. handbook/), "
        "one section of the navigation; default: empty, the site's root",
    ),
    "language": (
        {"enum": ["zh", "en", None]},
        "页面语言：zh 或 en；默认取 theme.language",
        "Language of the pages: zh or en; default: from theme.language",
    ),
    "timezone": (
        {"type": "string", "examples": ["Asia/Shanghai", "UTC"]},
        "会议未写 timezone 时使用的时区（IANA 名称）",
        "Time zone of meetings that do not name one (an IANA name)",
    ),
    "today": (
        {"type": ["string", "null"], "format": "date", "examples": ["2026-11-23"]},
        "按这一天判断复审是否到期（YYYY-MM-DD），默认是构建当天",
        "Judge reviews against this date (YYYY-MM-DD) instead of the build date",
    ),
    "templates_dir": (
        {"type": ["string", "null"]},
        "存放 *.md.j2 的文件夹，其中的模板替换内置的同名页面模板",
        "A folder of *.md.j2 files that replace the built-in page templates of the same name",
    ),
    "mermaid_js": (
        {"type": ["string", "null"]},
        "站点自己的 Mermaid 文件（相对于 mkdocs.yml），代替本工具包自带的那份；默认用自带的",
        "The site's own Mermaid file (relative to mkdocs.yml) to serve instead of the one the "
        "package carries; default: the package's",
    ),
    "mermaid_version": (
        {"type": ["string", "null"], "examples": ["12.3.0"]},
        "mermaid_js 那份 Mermaid 的版本（当它旁边没有 package.json 可读时）",
        "The version of the Mermaid at `mermaid_js`, when no package.json next to it tells",
    ),
    "rules": (
        levels_schema(),
        "本手册自己的规则级别：诊断代码 → error | warning | off（见 handbook rules）",
        "The handbook's own rule severities: diagnostic code → error | warning | off "
        "(see `handbook rules`)",
    ),
    "cache": (
        {"type": "boolean"},
        "在两次构建之间把渲染好的页面和搜索条目保存在磁盘上（cache_dir）",
        "Keep rendered pages and their search sections on disk between builds (`cache_dir`)",
    ),
    "cache_dir": (
        {"type": "string"},
        "缓存所在的文件夹（相对于 mkdocs.yml）；随时可以删除，下次构建只是慢一些",
        "Where the cache lives, relative to mkdocs.yml; safe to delete (the next build is slower)",
    ),
}


#: The options MkDocs itself reads from every plugin's entry: `enabled: false` and MkDocs does
#: not load the plugin at all (the site builds as if it were not listed).
MKDOCS_OPTIONS: dict[str, tuple[dict[str, Any], str, str, object]] = {
    "enabled": (
        {"type": "boolean"},
        "false：不加载本插件，站点照常构建，只是没有手册（例如 enabled: !ENV [HANDBOOK, true]）",
        "false: MkDocs does not load the plugin; the site builds without the handbook "
        "(e.g. `enabled: !ENV [HANDBOOK, true]`)",
        True,
    ),
}


def plugin_schema() -> dict[str, Any]:
    """The JSON Schema of mkdocs.yml as far as the plugin is concerned: the options of its entry
    under `plugins:` (a list of entries, or a mapping), anything else left to other schemas
    (an editor may apply Material's schema to the same file)."""
    options = {
        "type": ["object", "null"],
        "additionalProperties": False,
        "properties": {
            name: _described(schema, zh, en, option.default)
            for name, option in HandbookConfig._schema
            for schema, zh, en in [OPTION_SCHEMAS[name]]
        }
        | {
            name: _described(schema, zh, en, default)
            for name, (schema, zh, en, default) in MKDOCS_OPTIONS.items()
        },
    }
    entry = {"type": "object", "properties": {PLUGIN: {"$ref": "#/definitions/options"}}}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://process-handbook.invalid/schemas/plugin.schema.json",
        "title": "Process Handbook: the plugin's options in mkdocs.yml / mkdocs.yml 中插件的设置",
        "type": "object",
        "properties": {
            "plugins": {
                "anyOf": [
                    {"type": "array", "items": {"anyOf": [{"type": "string"}, entry]}},
                    entry,
                ]
            }
        },
        "definitions": {"options": options},
    }


def _described(schema: dict[str, Any], zh: str, en: str, default: object) -> dict[str, Any]:
    text = f"{zh}\n\n{en}"
    extra = {"default": default} if default not in (None, {}) else {}
    return {"description": text, "markdownDescription": text, **extra, **schema}
