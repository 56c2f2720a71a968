"""The `handbook` command: what process owners and CI run. A thin shell over the core."""

from __future__ import annotations

import datetime as dt
import json
import sys
from functools import partial
from pathlib import Path

import click

from ..browser_libraries import MissingLibrary
from ..characters import printable
from ..diagnostics import Diagnostic, Severity
from ..model.reviews import UPCOMING_DAYS, reviews
from ..options import (
    BuildOptions,
    SettingError,
    mermaid_version,
    packaged_mermaid_version,
    time_zone,
)
from ..pipeline import Checked, build, check, check_new_file, load, options_with_history
from ..rendering.mermaid import old_mermaid_warning
from ..rendering.site_assets import BROWSER_FILES, STYLESHEET, npm_assets, site_assets
from ..scaffold import ScaffoldError, new_process
from ..schema import ROOTS, json_schema, schema_text
from ..validation import LevelError, levels, rules
from .cli_options import (
    DEFAULT_CONFIG,
    config_option,
    language_option,
    processes_option,
    site_config,
    site_timezone,
)
from .folder import FolderError, write_folder
from .site_settings import SettingsError, plugin_settings


def _today(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()


today_option = click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="Check reviews against this date instead of the real one (reproducible runs).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mkdocs-process-handbook")
def cli() -> None:
    """Process Handbook: check and publish cross-department processes written in YAML."""


def _levels(config_file: Path | None) -> dict[str, Severity | None]:
    """The `rules:` severities of the site's plugin entry, as the site build reads them."""
    config_file = site_config(config_file)
    if config_file is None:
        return {}
    try:
        settings = plugin_settings(config_file).get("rules") or {}
        if not isinstance(settings, dict):
            raise SettingsError(f"{config_file}: `rules:` must map rule codes to levels")
        return levels(settings)
    except SettingsError as exc:
        raise click.BadParameter(str(exc), param_hint="--config") from None
    except LevelError as exc:
        raise click.BadParameter(
            f"{config_file}: rules: {exc}; {exc.hint}", param_hint="--config"
        ) from None


@cli.command()
@processes_option(positional=True)
@click.option("--strict", is_flag=True, help="Fail on warnings too (except reviews falling due).")
@today_option
@config_option
def validate(
    processes_dir: Path, strict: bool, today: dt.datetime | None, config_file: Path | None
) -> None:
    """Check every file of the processes folder and report all problems."""
    checked = check(processes_dir, today=_today(today), levels=_levels(config_file))
    root = processes_dir.as_posix()
    for diagnostic in checked.diagnostics:
        click.echo(diagnostic.format(root))
    click.echo(_summary(checked))
    if checked.errors or (strict and _strict_failures(checked.warnings)):
        sys.exit(1)


def _strict_failures(warnings: list[Diagnostic]) -> list[Diagnostic]:
    """Warnings that fail --strict: a review falling due must not break unrelated changes."""
    return [w for w in warnings if not w.dated]


def _summary(checked: Checked) -> str:
    errors, warnings = len(checked.errors), len(checked.warnings)
    verdict = "OK" if not errors else "FAILED"
    counts = [
        (checked.processes, "process", "processes"),
        (checked.steps, "step", "steps"),
        (errors, "error", "errors"),
        (warnings, "warning", "warnings"),
    ]
    return f"{verdict}: " + ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)


@cli.command("rules")
@config_option
def rules_command(config_file: Path | None) -> None:
    """List every diagnostic code: its severity (as the site's configuration sets it), what it
    finds, and the usual fix. Codes marked * may be lowered in the plugin's `rules:`."""
    moved = _levels(config_file)
    for rule in rules():
        level = moved.get(rule.code, rule.severity)
        shown = "off" if level is None else level.value
        mark = "*" if rule.lowerable else " "
        click.echo(f"{rule.code:<24} {shown:<7}{mark} {rule.summary}\n{'':<33} fix: {rule.fix}")


#: The schemas `handbook schema` writes: the two file kinds, and the plugin's options in mkdocs.yml.
SCHEMA_KINDS = (*sorted(ROOTS), "plugin")


@cli.command()
@click.argument("kind", type=click.Choice(SCHEMA_KINDS), default="process")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write <kind>.schema.json for every kind into this folder instead of printing one.",
)
def schema(kind: str, out_dir: Path | None) -> None:
    """Print the JSON Schema of a process file, of organization.yml, or of the plugin's options
    in mkdocs.yml (`rules:` included), for editors."""
    if out_dir is None:
        click.echo(_schema_text(kind), nl=False)
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in SCHEMA_KINDS:
        target = out_dir / f"{name}.schema.json"
        target.write_text(_schema_text(name), encoding="utf-8")
        click.echo(f"wrote {target.as_posix()}")


def _schema_text(kind: str) -> str:
    if kind == "plugin":
        from .mkdocs_config import plugin_schema  # here: it imports MkDocs, the others need not

        found = plugin_schema()
    else:
        found = json_schema(kind)  # type: ignore[arg-type]
    return schema_text(found)


@cli.command("new")
@click.argument("process_id", metavar="ID")
@click.option("--title", required=True, help="The process title, e.g. 采购申请流程.")
@click.option(
    "--owner",
    required=True,
    help="Role id of the process owner (流程负责人), from organization.yml.",
)
@click.option(
    "--lane",
    default=None,
    help="Department id of the first steps (default: the owner's department).",
)
@processes_option("--dir")
@click.option("--folder", default="", help="Sub-folder to put the file in, e.g. finance.")
@language_option("Language of the comments and placeholders")
def new(
    processes_dir: Path,
    process_id: str,
    title: str,
    owner: str,
    lane: str | None,
    folder: str,
    language: str,
) -> None:
    """Write a commented starter file for process ID that validates as it is (never overwrites)."""
    handbook = load(processes_dir).handbook
    schema_file = processes_dir.resolve().parent / "schemas" / "process.schema.json"
    try:
        target = new_process(
            processes_dir,
            handbook,
            process_id=process_id,
            title=title,
            owner=owner,
            lane=lane,
            folder=folder,
            language=language,
            schema=schema_file,
            check=partial(check_new_file, processes_dir),
        )
    except ScaffoldError as exc:
        click.echo(f"handbook new: error: {exc}\n    fix: {exc.hint}", err=True)
        sys.exit(2)
    click.echo(f"wrote {target.as_posix()}")
    if not schema_file.is_file():
        click.echo(
            "note: for editor completion, run `handbook schema --out schemas` next to the processes folder"
        )
    click.echo(
        f"next: fill in the steps, then run `handbook validate --processes {processes_dir.as_posix()}`"
    )


@cli.command("init")
@click.argument(
    "folder", default=".", type=click.Path(file_okay=False, path_type=Path), metavar="[FOLDER]"
)
@language_option("Language of every text written")
def init(folder: Path, language: str) -> None:
    """Start a handbook in FOLDER (default: here; new or empty): the site's mkdocs.yml, a home
    page, a commented organization.yml, an example process, editor schemas and a CI workflow."""
    from ..scaffold.handbook import PROCESSES, new_handbook

    try:
        written = new_handbook(folder, language)
    except ScaffoldError as exc:
        click.echo(f"handbook init: error: {exc}\n    fix: {exc.hint}", err=True)
        sys.exit(2)
    for target in written:
        click.echo(f"wrote {target.as_posix()}")
    place = "" if folder == Path(".") else f"cd {folder.as_posix()} && "
    click.echo(
        f"next: {place}handbook validate --processes {PROCESSES}, then mkdocs serve "
        "(needs mkdocs-process-handbook[site])"
    )


@cli.command("diff")
@click.argument("base_rev", default="origin/main", metavar="[BASE_REV]")
@click.argument("head_rev", required=False, metavar="[HEAD_REV]")
@processes_option()
@click.option(
    "--json", "as_json_output", is_flag=True, help="Print JSON for machines instead of Markdown."
)
@language_option("Language of the Markdown")
@config_option
def diff_command(
    base_rev: str,
    head_rev: str | None,
    processes_dir: Path,
    as_json_output: bool,
    language: str,
    config_file: Path | None,
) -> None:
    """What changed in meaning between BASE_REV (default origin/main) and HEAD_REV (default: the
    working tree), as Markdown for a pull-request comment. Exit 1 when a side has errors."""
    from ..diff.report import as_json, markdown  # here: the other commands start faster without it
    from ..diff.revisions import RevisionError, compare_revisions

    try:
        outcome = compare_revisions(
            processes_dir,
            base_rev,
            head_rev,
            timezone=site_timezone(config_file),
            levels=_levels(config_file),
        )
    except RevisionError as exc:
        hint = (
            " (name the base revision, e.g. `handbook diff main`)"
            if base_rev == "origin/main"
            else ""
        )
        raise click.UsageError(f"{exc}{hint}") from None
    if as_json_output:
        click.echo(json.dumps(as_json(outcome), ensure_ascii=False, indent=2, sort_keys=True))
    else:
        click.echo(markdown(outcome, language, processes_dir.as_posix()), nl=False)
    if outcome.failures:
        sys.exit(1)


@cli.command()
@processes_option(positional=True)
@today_option
@click.option(
    "--strict", is_flag=True, help="Exit 1 when any review is overdue (for a scheduled job)."
)
@config_option
def stale(
    processes_dir: Path, today: dt.datetime | None, strict: bool, config_file: Path | None
) -> None:
    """List processes whose review is overdue (most overdue first), then those falling due soon."""
    day = _today(today)
    loaded = load(processes_dir, today=day, levels=_levels(config_file))
    root = processes_dir.as_posix()
    if loaded.errors:
        for diagnostic in loaded.errors:
            click.echo(diagnostic.format(root))
        click.echo(
            f"FAILED: {len(loaded.errors)} error(s); fix them first (`handbook validate --processes {root}`)"
        )
        sys.exit(1)
    found = reviews(loaded.handbook, day)
    roles = loaded.handbook.roles
    for title, items, days in (
        ("overdue", found.overdue, "overdue by"),
        ("due soon", found.upcoming, "due in"),
    ):
        for r in items:
            owner = roles[r.process.owner].name if r.process.owner in roles else "?"
            click.echo(
                printable(
                    f"{root}/{r.process.file}: {title}: {r.process.title} ({r.process.id}), {days} "
                    f"{r.days} day{'s' * (r.days != 1)} (due {r.due}), owner {owner} "
                    f"({r.process.owner})"
                )
            )
    click.echo(
        f"{len(found.overdue)} overdue, {len(found.upcoming)} due within {UPCOMING_DAYS} days (as of {day})"
    )
    if strict and found.overdue:
        sys.exit(1)


@cli.command()
@processes_option()
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the pages and files into (created if missing; never the processes "
    "folder). Files a run wrote before and no longer writes are removed, nothing else.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Write into a folder that `generate` did not make, replacing files of the same name.",
)
@language_option("Page language")
@click.option(
    "--timezone",
    default=None,
    help=f"Time zone of meetings that name none (default: the site's, from {DEFAULT_CONFIG}; "
    f"else {BuildOptions.timezone}).",
)
@click.option(
    "--site-url", default=None, help="Where the site will be published (for links in calendars)."
)
@click.option(
    "--mermaid-version",
    "mermaid",
    default=None,
    show_default="the version of the Mermaid the package carries",
    help="The Mermaid version the target site serves, when it lists its own instead of the one "
    "generate writes (below 11.16 swimlanes become flowcharts).",
)
@today_option
@config_option
def generate(
    processes_dir: Path,
    out_dir: Path,
    language: str,
    timezone: str | None,
    site_url: str | None,
    mermaid: str | None,
    today: dt.datetime | None,
    config_file: Path | None,
    force: bool,
) -> None:
    """Write the whole handbook as plain files (Markdown pages, downloads, calendars, exports, and
    the browser files the pages need, Mermaid included) for any static-site generator; the
    MkDocs plugin builds the same pages."""
    try:
        zone = time_zone(timezone or site_timezone(config_file))
    except SettingError as error:
        raise click.BadParameter(str(error), param_hint="--timezone") from None
    try:
        version = mermaid_version(mermaid) if mermaid else packaged_mermaid_version()
    except SettingError as error:
        raise click.BadParameter(str(error), param_hint="--mermaid-version") from None
    if warning := old_mermaid_warning(version):
        click.echo(f"warning: {warning}", err=True)
    options = options_with_history(
        processes_dir,
        language=language,
        timezone=zone,
        today=_today(today),
        site_url=site_url,
        mermaid_version=version,
        levels=_levels(config_file),
    )
    result = build(processes_dir, options, display_root=processes_dir.as_posix())
    for diagnostic in result.diagnostics:
        click.echo(diagnostic.format(processes_dir.as_posix()))
    if not result.ok:
        click.echo("FAILED: nothing written; fix the errors above first")
        sys.exit(1)
    try:
        browser_files = [*npm_assets(), *site_assets()]
    except MissingLibrary as exc:
        click.echo(f"handbook generate: error: {exc}", err=True)
        sys.exit(2)
    files = {page.path: page.content.encode("utf-8") for page in result.pages}
    files.update((asset.path, asset.read()) for asset in [*result.assets, *browser_files])
    try:
        written = write_folder(out_dir, files, processes=processes_dir, force=force)
    except FolderError as exc:
        click.echo(f"handbook generate: error: {exc}\n    fix: {exc.hint}", err=True)
        sys.exit(2)
    click.echo(
        f"wrote {len(result.pages)} pages and {len(result.assets)} files to {out_dir.as_posix()}"
        + (f"; removed {written.removed} it had written before" if written.removed else "")
    )
    click.echo(_browser_files_hint())


def _browser_files_hint() -> str:
    """What the site's configuration lists for the pages (the files `generate` wrote, in the
    order a page loads them), as mkdocs.yml (ProperDocs and Zensical read it) writes it."""
    scripts = "".join(f"\n  - {f.path}" for f in BROWSER_FILES if f.is_script)
    return (
        "the pages need the browser files generate wrote; list them in mkdocs.yml:\n"
        f"extra_css:\n  - {STYLESHEET}\nextra_javascript:{scripts}"
    )


def _loaded_or_exit(processes_dir: Path):  # type: ignore[no-untyped-def]
    """The handbook of a folder without errors; else its errors are printed and the run fails."""
    loaded = load(processes_dir)
    root = processes_dir.as_posix()
    if loaded.errors:
        for diagnostic in loaded.errors:
            click.echo(diagnostic.format(root))
        click.echo(f"FAILED: fix the errors first (`handbook validate --processes {root}`)")
        sys.exit(1)
    return loaded.handbook


@cli.group("export")
def export_group() -> None:
    """Write processes in another tool's format."""


@export_group.command("bpmn")
@click.argument("process_id", required=False, metavar="ID")
@click.option("--all", "every", is_flag=True, help="Every process instead of one ID.")
@click.option(
    "--current/--previous",
    default=True,
    help="The current flow (default), or the flow before the redesign (from the `change` marks).",
)
@processes_option()
@click.option(
    "--out",
    "out_dir",
    default=".",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write <id>.bpmn (or <id>.previous.bpmn) into (created if missing).",
)
@language_option("Language of the labels")
def export_bpmn(
    process_id: str | None,
    every: bool,
    current: bool,
    processes_dir: Path,
    out_dir: Path,
    language: str,
) -> None:
    """Write process ID (or --all) as BPMN 2.0 XML with its diagram, for modelling tools."""
    from ..artifacts.bpmn import bpmn  # here: the other commands start faster without it
    from ..i18n.labels import Labels
    from ..model.flow import previous_version
    from ..suggest import did_you_mean

    if every == (process_id is not None):
        raise click.UsageError("name one process ID, or --all")
    handbook = _loaded_or_exit(processes_dir)
    if process_id is not None and process_id not in handbook.process_by_id:
        guess = did_you_mean(process_id, list(handbook.process_by_id))
        hint = f" (did you mean '{guess}'?)" if guess else ""
        raise click.UsageError(f"no process has the id '{process_id}'{hint}")
    chosen = handbook.processes if every else [handbook.process_by_id[process_id or ""]]
    labels = Labels(language)
    suffix = "bpmn" if current else "previous.bpmn"
    for process in chosen:
        if not current and previous_version(process) is None:
            click.echo(f"{process.id}: no previous flow (no step has a `change` mark); skipped")
            if not every:
                sys.exit(1)
            continue
        target = out_dir / f"{process.id}.{suffix}"
        _write(target, bpmn(process, handbook, labels, previous=not current))
        click.echo(f"wrote {target.as_posix()}")


@cli.group("import")
def import_group() -> None:
    """Draft process files from another tool's format."""


@import_group.command("bpmn")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@processes_option("--out")
def import_bpmn(file: Path, processes_dir: Path) -> None:
    """Write a process file draft from a BPMN 2.0 FILE; never overwrites an existing file."""
    from ..importing.bpmn import read_bpmn
    from ..importing.draft import draft
    from ..importing.xml_tree import XmlProblem

    handbook = load(processes_dir).handbook
    try:
        imported = read_bpmn(file.read_bytes(), file.stem, handbook.organization)
    except XmlProblem as problem:
        click.echo(
            f"{file.as_posix()}:{problem.line}:{problem.column}: error: {problem}\n    fix: {problem.hint}"
        )
        sys.exit(1)
    target = processes_dir / f"{imported.id}.yml"
    if target.exists() or target.with_suffix(".yaml").exists():
        click.echo(
            f"handbook import: error: {target.as_posix()} exists; nothing written\n"
            "    fix: move or rename the existing file, or import into another folder with --processes",
            err=True,
        )
        sys.exit(2)
    existing = handbook.process_by_id.get(imported.id)
    target.write_text(draft(imported, file.name), encoding="utf-8")
    click.echo(
        f"wrote {target.as_posix()} ({len(imported.steps)} steps, {len(imported.notes)} TODOs)"
    )
    if existing is not None:
        click.echo(
            f"note: {existing.file} already has the id '{imported.id}'; change `id:` in one of them"
        )
    click.echo(
        f"next: fill in the TODOs, then run `handbook validate --processes {processes_dir.as_posix()}`"
    )


@cli.command()
@processes_option()
@click.option("--json", "as_json_output", is_flag=True, help="Print JSON for machines.")
@language_option("Language of the text")
@config_option
def metrics(
    processes_dir: Path, as_json_output: bool, language: str, config_file: Path | None
) -> None:
    """Flow metrics of every process (steps, handoffs, decisions, approvals, departments, critical
    path, rework loops), old → new where the `change` marks tell the previous flow."""
    from ..model.metrics import department_load, process_metrics
    from .metrics_report import metrics_json, metrics_text

    handbook = _loaded_or_exit(processes_dir)
    found = [process_metrics(p) for p in handbook.processes]
    if as_json_output:
        report = metrics_json(found, department_load(handbook))
        click.echo(json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        click.echo(metrics_text(found, language), nl=False)


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def main() -> None:
    """Entry point: no traceback ever reaches the user."""
    try:
        cli.main(prog_name="handbook")
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        # Only the type is named: the exception's text could quote a file.
        click.echo(f"handbook: internal error ({type(exc).__name__}); please report it", err=True)
        sys.exit(3)
