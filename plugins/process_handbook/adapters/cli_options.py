"""The options every `handbook` subcommand spells the same way: `--processes DIR`, `--language`,
`--config FILE`. Old spellings (`--dir`, `--lang`, a folder as the first argument) keep working,
left out of `--help`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from ..i18n.labels import LANGUAGES
from ..options import BuildOptions
from .site_settings import SettingsError, plugin_settings, site_language

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DIR = "processes"
#: The site configuration whose plugin settings (`rules:`, `language`) the commands read.
DEFAULT_CONFIG = "mkdocs.yml"
#: When neither `--language` nor a site configuration says.
DEFAULT_LANGUAGE = "zh"

config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help=f"The site's MkDocs configuration, read for the plugin's `rules:` severities, language "
    f"and time zone (default: {DEFAULT_CONFIG} in the current folder, when there is one).",
)


class _Unlisted(click.Argument):
    """An old positional spelling that keeps working but is not shown in the usage line."""

    def get_usage_pieces(self, ctx: click.Context) -> list[str]:
        return []


def processes_option(*old_names: str, positional: bool = False) -> Callable[[F], F]:
    """`--processes DIR` (default: processes), the processes folder, passed on as `processes_dir`.

    `old_names` (e.g. `--dir`) and, with `positional`, a folder given as the first argument
    are the spellings this command had before; they work, unlisted."""
    folder = click.Path(exists=True, file_okay=False, path_type=Path)

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            given = [kwargs.pop("processes_dir"), kwargs.pop("old_processes", None)]
            given.append(kwargs.pop("old_processes_argument", None))
            chosen = {str(v) for v in given if v is not None}
            if len(chosen) > 1:
                raise click.UsageError(
                    f"two processes folders given ({', '.join(sorted(chosen))}); name one with --processes"
                )
            ctx = click.get_current_context()
            param = next(p for p in ctx.command.params if p.name == "processes_dir")
            value = chosen.pop() if chosen else DEFAULT_DIR
            kwargs["processes_dir"] = folder.convert(value, param, ctx)
            return command(*args, **kwargs)

        decorated: Callable[..., Any] = click.option(
            "--processes",
            "processes_dir",
            default=None,
            metavar="DIR",
            help=f"The processes folder: organization.yml and the process files "
            f"(default: {DEFAULT_DIR}).",
        )(run)
        if old_names:
            decorated = click.option(*old_names, "old_processes", default=None, hidden=True)(
                decorated
            )
        if positional:
            decorated = click.argument("old_processes_argument", required=False, cls=_Unlisted)(
                decorated
            )
        return cast(F, decorated)

    return decorate


def language_option(help_text: str) -> Callable[[F], F]:
    """`--language zh|en`, passed on as `language`: by default the language of the site
    (`mkdocs.yml` in the current folder, or `--config`), else zh. `--lang` is its old name."""

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            chosen = {v for v in (kwargs.pop("language"), kwargs.pop("old_language")) if v}
            if len(chosen) > 1:
                raise click.UsageError("--language is given twice with different values")
            kwargs["language"] = chosen.pop() if chosen else _site_language(kwargs)
            return command(*args, **kwargs)

        choice = click.Choice(LANGUAGES)
        decorated = click.option(
            "--language",
            type=choice,
            default=None,
            help=f"{help_text} (default: the site's, from {DEFAULT_CONFIG}; else {DEFAULT_LANGUAGE}).",
        )(run)
        decorated = click.option("--lang", "old_language", type=choice, hidden=True)(decorated)
        return cast(F, decorated)

    return decorate


def site_config(config_file: Path | None) -> Path | None:
    """The site configuration a command reads: `--config`, else mkdocs.yml here if there is one."""
    if config_file is not None:
        return config_file
    found = Path(DEFAULT_CONFIG)
    return found if found.is_file() else None


def _site_language(kwargs: dict[str, Any]) -> str:
    config = site_config(kwargs.get("config_file"))
    if config is None:
        return DEFAULT_LANGUAGE
    try:
        return site_language(config)
    except SettingsError as exc:
        raise click.BadParameter(str(exc), param_hint="--config") from None


def site_timezone(config_file: Path | None) -> str:
    """The time zone of meetings that name none, as the site build takes it: the plugin's
    `timezone`, else the handbook's default."""
    config = site_config(config_file)
    try:
        found = plugin_settings(config).get("timezone") if config is not None else None
    except SettingsError as exc:
        raise click.BadParameter(str(exc), param_hint="--config") from None
    return found if isinstance(found, str) else BuildOptions.timezone
