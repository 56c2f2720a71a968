"""The handbook's settings in mkdocs.yml, read without MkDocs, so `handbook validate` judges the
files by the same rules the site build does.

Only the `process-handbook` entry under `plugins:` is read. MkDocs' own tags
(`!ENV`, `!relative`, `!!python/name:...`) are accepted and read as plain values:
nothing in the file is run or resolved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..i18n.labels import LANGUAGES, language_for

PLUGIN = "process-handbook"


class _Loader(yaml.SafeLoader):
    """YAML 1.1 as MkDocs reads it, with every tag read as the plain value it tags."""


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_Loader.add_multi_constructor("!", _plain)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


class SettingsError(Exception):
    """A mkdocs.yml that cannot be read, or whose plugin entry is not a mapping."""


def _site(config: Path) -> dict[str, Any]:
    try:
        data = yaml.load(config.read_text("utf-8-sig"), Loader=_Loader)  # a SafeLoader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SettingsError(f"cannot read {config}: {exc}") from exc
    return data if isinstance(data, dict) else {}


def site_language(config: Path) -> str:
    """The language the site build gives the handbook's pages: the plugin's `language`, else
    `theme.language` (Material's default is English)."""
    chosen = plugin_settings(config).get("language")
    if chosen in LANGUAGES:
        return str(chosen)
    theme = _site(config).get("theme")
    return language_for(str(theme.get("language") or "") if isinstance(theme, dict) else None)


def plugin_settings(config: Path) -> dict[str, Any]:
    """The options of the `process-handbook` plugin in the MkDocs configuration `config`
    ({} when the site does not use the plugin)."""
    data = _site(config)
    plugins = data.get("plugins")
    entries = list(plugins.items()) if isinstance(plugins, dict) else []
    for entry in plugins if isinstance(plugins, list) else []:
        entries += entry.items() if isinstance(entry, dict) else [(entry, None)]
    for name, options in entries:
        if name == PLUGIN:
            if options is None:
                return {}
            if not isinstance(options, dict):
                raise SettingsError(f"{config}: the options of `{PLUGIN}` must be a mapping")
            return options
    return {}
