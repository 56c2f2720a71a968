"""The core pipeline: processes folder → validated model, with every diagnostic.

Plain Python, no MkDocs: the CLI and the MkDocs plugin both call `load`.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from . import limits
from .background import Pending
from .cache import Store, code_version, digest, tree_digest
from .diagnostics import START, Diagnostic, Levels, Report
from .history import GitHistory, LastChanged
from .loading.documents import read_organization, read_process
from .loading.files import (
    NO_PROCESSES_FOLDER,
    ORGANIZATION,
    TOO_MANY_PROCESSES,
    SourceFile,
    discover,
)
from .model.entities import Organization, Process
from .model.handbook import Handbook
from .options import BuildOptions
from .output import Asset, Page
from .validation import Context, Declared, check_across, check_organization, check_process


@dataclass
class Findings:
    """What is wrong with a handbook, sorted by file and position."""

    diagnostics: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


@dataclass
class Loaded(Findings):
    """The result of reading a processes folder: the model and what is wrong with it."""

    handbook: Handbook


@dataclass
class Checked(Findings):
    """The result of checking a processes folder without keeping the model."""

    processes: int
    steps: int


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while files are read into nodes and model objects.

    Reading builds hundreds of thousands of small objects that form no reference
    cycles; as they pile up, the collector scans them again and again, which took
    more than half of `load` for 1,000 processes (benchmarks/README.md). Reference
    counting still frees everything, and the collector resumes afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _collector_skips_existing() -> Iterator[None]:
    """Let the cycle collector skip every object that exists now (the loaded model) until the end.

    Rendering and the artifacts create many short-lived objects; each full collection
    would otherwise walk the whole model again (85% of building the cross-reference
    of 1,000 processes). Left alone when something else already froze objects.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def load(root: Path, *, today: dt.date | None = None, levels: Levels | None = None) -> Loaded:
    """Read, bind and validate every file under `root`, keeping the model.

    `today` is the date reviews are checked against; the caller decides it
    (the CLI uses the real date, tests and reproducible builds a fixed one).
    `levels` are the handbook's own rule severities (`validation.levels`).
    """
    organization, files, diagnostics = _run(root, today, levels or {}, keep=True, workers=1)
    processes = [f.process for f in files if f.process is not None]
    return Loaded(diagnostics, Handbook(organization, processes))


def check(
    root: Path,
    *,
    today: dt.date | None = None,
    levels: Levels | None = None,
    workers: int | None = None,
) -> Checked:
    """The diagnostics `load` gives, found in `workers` processes without keeping the model.

    Each file is checked on its own, so the files are split between this process and
    forked children; only diagnostics and ids travel back. By default every core is
    used, and small handbooks stay in one process.
    """
    _, files, diagnostics = _run(root, today, levels or {}, keep=False, workers=workers)
    return Checked(
        diagnostics, sum(f.declared is not None for f in files), sum(f.steps for f in files)
    )


def check_new_file(
    root: Path, relative: str, data: bytes, *, today: dt.date | None = None
) -> list[Diagnostic]:
    """The findings a process file with the text `data` would have at `relative` under `root`,
    before it is written (`handbook new` writes nothing that would not validate)."""
    organization_report = Report(ORGANIZATION)
    organization = read_organization(discover(root).organization, organization_report)
    context = Context.of(
        organization or Organization(), root, today, organization_read=organization is not None
    )
    checked = _check_file(SourceFile(root / relative, relative, data), context, keep=False)
    return sorted(checked.diagnostics)


@dataclass
class _FileResult:
    """One process file, checked: `process` is None when unreadable or not kept."""

    diagnostics: list[Diagnostic]
    process: Process | None
    declared: Declared | None
    steps: int


@_collector_paused()
def _run(
    root: Path,
    today: dt.date | None,
    levels: Levels,
    *,
    keep: bool,
    workers: int | None,
) -> tuple[Organization, list[_FileResult], list[Diagnostic]]:
    """The pipeline both `load` and `check` follow: organization, each file, then across files."""
    org_report = Report(ORGANIZATION, levels)
    if not root.is_dir():
        org_report.add(NO_PROCESSES_FOLDER, START, f"the processes folder '{root}' does not exist")
        return Organization(), [], org_report.items
    found = discover(root)
    org_source, sources = found.organization, found.processes
    read: Organization | None = None
    unusable = any(p.relative == ORGANIZATION for p in found.problems)  # reported below
    if not unusable:
        with org_report.guard("reading organization.yml"):
            read = read_organization(org_source, org_report)
    organization = read or Organization()
    context = Context.of(
        organization, root, today, organization_read=read is not None, levels=levels
    )
    check_organization(organization, context, org_report)
    if len(sources) > limits.MAX_PROCESSES:
        org_report.add(
            TOO_MANY_PROCESSES,
            START,
            f"the handbook has {len(sources)} process files; the limit is {limits.MAX_PROCESSES}",
        )
        sources = sources[: limits.MAX_PROCESSES]
    files = _check_files(sources, context, keep, workers)
    reports = {ORGANIZATION: org_report}
    reports.update((s.relative, Report(s.relative, levels)) for s in sources)
    for problem in found.problems:
        report = reports.setdefault(problem.relative, Report(problem.relative, levels))
        report.add(problem.rule, START, problem.message, problem.hint)
    check_across(context, [f.declared for f in files if f.declared is not None], reports)
    found_all = [
        *(d for r in reports.values() for d in r.items),
        *(d for f in files for d in f.diagnostics),
    ]
    return organization, files, sorted(found_all)


#: Below this many files per core, forking costs more than it saves.
_FILES_PER_WORKER = 50


def _check_files(
    sources: list[SourceFile], context: Context, keep: bool, workers: int | None
) -> list[_FileResult]:
    """Check each file; without `keep`, in `workers` processes (children are forked).

    `workers=None` uses every core, but no more processes than one per 50 files.
    """
    if keep:
        count = 1
    elif workers is None:
        count = min(os.cpu_count() or 1, len(sources) // _FILES_PER_WORKER)
    else:
        count = min(workers, len(sources))
    if count <= 1:
        return _check_chunk(sources, context, keep)
    size = -(-len(sources) // count)
    chunks = [sources[i : i + size] for i in range(0, len(sources), size)]
    others = [Pending(partial(_check_chunk, chunk, context)) for chunk in chunks[1:]]
    files = _check_chunk(chunks[0], context)
    for pending in others:
        files.extend(pending.result())
    return files


def _check_chunk(
    sources: list[SourceFile], context: Context, keep: bool = False
) -> list[_FileResult]:
    return [_check_file(source, context, keep) for source in sources]


def _check_file(source: SourceFile, context: Context, keep: bool) -> _FileResult:
    report = Report(source.relative, context.levels)
    process: Process | None = None
    with report.guard("reading the file"):
        process = read_process(source, report)
    if process is None:
        return _FileResult(report.items, None, None, 0)
    declared = check_process(process, context, report)
    return _FileResult(report.items, process if keep else None, declared, len(process.steps))


@dataclass
class Build:
    """Everything a site needs: pages, files, and the findings behind them."""

    pages: list[Page]
    assets: list[Asset]
    diagnostics: list[Diagnostic]
    handbook: Handbook
    #: The handbook's own home page (`paths.HOME`), for an adapter to place where the site has
    #: none; not among `pages`, which every site gets.
    home: Page | None = None

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def build(root: Path, options: BuildOptions, *, display_root: str = "") -> Build:
    """Load, validate and render a handbook; with errors, the only page is the error page.

    `options.today` is the clock for reviews; `display_root` prefixes file names
    in the error page (e.g. "processes").
    """
    # imported here, not at the top: `handbook validate` (run on every commit by pre-commit)
    # then starts without Jinja2, openpyxl and icalendar, in a quarter of the time
    from .artifacts import artifacts
    from .rendering.pages import Renderer, error_page

    loaded = load(root, today=options.today, levels=options.levels)
    if loaded.errors:
        page = error_page(loaded.diagnostics, display_root, options)
        return Build([page], [], loaded.diagnostics, loaded.handbook)
    with _collector_skips_existing():
        files = Pending(partial(artifacts, loaded.handbook, root, options))  # on the second core
        try:
            store, key = _rendered_store(loaded.handbook, options)
            kept = _pages_from(store.get(key)) if store is not None else None
            if kept is not None:
                pages, home = kept
            else:
                one_by_one = (
                    Store("process-pages", options.cache_dir, remember=False) if store else None
                )
                renderer = Renderer(loaded.handbook, options, one_by_one)
                pages = list(renderer.pages())
                home = renderer.home()
                if store is not None:
                    store.put(key, _pages_record(pages, home))
        except BaseException:  # e.g. an error in a site's own page template
            files.cancel()
            raise
        assets = files.result()
    return Build(pages, assets, loaded.diagnostics, loaded.handbook, home)


def _rendered_store(handbook: Handbook, options: BuildOptions) -> tuple[Store | None, str]:
    """Where the Markdown of every page is kept, and its key: the text of every file, the
    options the pages show, the site's own templates and the handbook's code. Any change to
    any of them renders every page again (a page shows facts of many processes)."""
    if options.cache_dir is None:
        return None, ""
    folder = options.templates_dir
    templates = tree_digest(folder, lambda _: True) if folder and folder.is_dir() else None
    processes = handbook.processes
    updated = options.last_updated
    key = digest(
        code_version(),
        handbook.organization.source_digest,
        [[p.file, p.source_digest] for p in processes],
        [str(updated(p)) for p in processes] if updated is not None else None,
        options.page_settings(),
        templates,
    )
    return Store("rendered", options.cache_dir, remember=False), key


def _pages_record(pages: list[Page], home: Page) -> dict[str, Any]:
    return {"pages": [[p.path, p.content] for p in pages], "home": [home.path, home.content]}


def _pages_from(record: Any) -> tuple[list[Page], Page] | None:
    """The pages of a kept record; None when it is not of the expected shape."""
    try:
        pages = [Page(path, content) for path, content in record["pages"]]
        home = Page(*record["home"])
    except (KeyError, TypeError, ValueError):
        return None
    texts = [(p.path, p.content) for p in [*pages, home]]
    if not all(isinstance(path, str) and isinstance(text, str) for path, text in texts):
        return None
    return pages, home


def options_with_history(processes_dir: Path, **settings: Any) -> BuildOptions:
    """Build options whose "last updated" dates and calendar sequences come from git.

    Every adapter (the MkDocs plugin, `handbook generate`) builds through this, so
    they give identical pages for the same input.
    """
    timezone = settings.get("timezone", BuildOptions.timezone)
    return BuildOptions(
        **settings,
        last_updated=LastChanged(processes_dir, timezone),
        history=GitHistory(processes_dir),
    )
