"""The `handbook` command: what process owners and CI run. A thin shell over the core."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from ..diagnostics import Diagnostic
from ..handbook import Loaded, load
from ..schema import ROOTS, json_schema

DEFAULT_DIR = "processes"


def _today(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()


today_option = click.option(
    "--today", type=click.DateTime(["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
    help="Check reviews against this date instead of the real one (reproducible runs).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mkdocs-process-handbook")
def cli() -> None:
    """Process Handbook: check and publish cross-department processes written in YAML."""


@cli.command()
@click.argument(
    "processes_dir", default=DEFAULT_DIR, type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option("--strict", is_flag=True, help="Fail on warnings too (except reviews falling due).")
@today_option
def validate(processes_dir: Path, strict: bool, today: dt.datetime | None) -> None:
    """Check every file under PROCESSES_DIR (default: processes) and report all problems."""
    loaded = load(processes_dir, today=_today(today))
    root = processes_dir.as_posix()
    for diagnostic in loaded.diagnostics:
        click.echo(diagnostic.format(root))
    click.echo(_summary(loaded))
    if loaded.errors or (strict and _strict_failures(loaded.warnings)):
        sys.exit(1)


def _strict_failures(warnings: list[Diagnostic]) -> list[Diagnostic]:
    """Warnings that fail --strict: a review falling due must not break unrelated changes."""
    return [w for w in warnings if not w.dated]


def _summary(loaded: Loaded) -> str:
    processes = loaded.handbook.processes
    steps = sum(len(p.steps) for p in processes)
    errors, warnings = len(loaded.errors), len(loaded.warnings)
    verdict = "OK" if not errors else "FAILED"
    counts = [(len(processes), "process", "processes"), (steps, "step", "steps"),
              (errors, "error", "errors"), (warnings, "warning", "warnings")]
    return f"{verdict}: " + ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)


@cli.command()
@click.argument("kind", type=click.Choice(sorted(ROOTS)), default="process")
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Write <kind>.schema.json for both kinds into this folder instead of printing one.",
)
def schema(kind: str, out_dir: Path | None) -> None:
    """Print the JSON Schema of a process file (or of organization.yml) for editors."""
    if out_dir is None:
        click.echo(_schema_text(kind), nl=False)
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in sorted(ROOTS):
        target = out_dir / f"{name}.schema.json"
        target.write_text(_schema_text(name), encoding="utf-8")
        click.echo(f"wrote {target.as_posix()}")


def _schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"  # type: ignore[arg-type]


def main() -> None:
    """Entry point: no traceback ever reaches the user."""
    try:
        cli.main(prog_name="handbook")
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        click.echo(f"handbook: internal error: {type(exc).__name__}: {exc}", err=True)
        sys.exit(3)
