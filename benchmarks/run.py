"""The handbook at scale: validate, plugin and site build times, memory, Mermaid render (prints figures).

    .venv/bin/python benchmarks/run.py [--sizes 10,100,1000] [--prune-from 1000] [--pairs 1] [--renders 7]
                                       [--sample-draws 3] [--no-git] [--keep DIR]

For each size N, a synthetic handbook (`synthetic.py`, fixed seed) is measured:

  (a) `handbook validate`                    wall, CPU, peak memory; processes per second
                                             (the run of median wall time among 5: it takes seconds)
  (b) the plugin's own work in `mkdocs build` (its "... pages, ... files ... in X s" log line)
  (c) `mkdocs build` of a site using the plugin, cold: its cache folder deleted first
  (w) the same build again, warm: pages, search sections and spreadsheets from the cache
  (d) plain `mkdocs build` of the same pages written by `handbook generate` (no plugin): the baseline
  (h) Hugo (Debian's `hugo`) on the same generated pages, with a bare layout: the floor

and, once, (e) the swimlanes of a 15-, a 60- and a 150-step process in headless Chromium, drawn
by the handbook's viewer (Mermaid with the handbook's layout): page load until drawn, and the
median of `--renders` drawings after two warm-up ones; (f) three pages of the repository's
sample opened cold at 1400×1000 and 390×844: until their swimlanes are drawn, and until every
diagram is (`--sizes ""` measures only (e) and (f)). From
`--prune-from` on, (c) and (d) are measured with and without Material's
`navigation.prune`. Peak memory is the child process's own maximum resident set
(`wait4`). It reports; it never fails on a missed target (exit 0).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # sitekit: the projects and browser the tests use

from process_handbook import paths
from process_handbook.i18n.labels import Labels, language_for
from process_handbook.model.queries import folder_title
from process_handbook.options import BuildOptions
from process_handbook.pipeline import build, load
from process_handbook.rendering.site_assets import BROWSER_FILES, STYLESHEET
from sitekit import CHROMIUM, CHROMIUM_ARGS, REPO, serve, write_project
from synthetic import TODAY, write_handbook

HANDBOOK = Path(sys.executable).parent / "handbook"
PLUGIN_LINE = re.compile(r"(\d+) pages, (\d+) files from .* in ([0-9.]+) s")
HUGO = shutil.which("hugo")
#: The plugin's cache folder in a project (its `cache_dir` default).
CACHE_DIR = ".cache/plugin/process-handbook"
#: Issue 17's targets at N = 1000.
MAX_COLD_SECONDS, MAX_WARM_SECONDS = 60.0, 20.0
MAX_PAGE_BYTES = 300 * 1024
MAX_INDEX_BYTES = 10 * 1024 * 1024
MIB = 1024 * 1024

#: `handbook validate` takes seconds, so it is run this many times and the median run reported.
VALIDATE_RUNS = 5
#: Targets of issue 7 on a 2-core machine.
MAX_RATIO = 1.2
MIN_VALIDATE_RATE = 1000.0
MAX_BUILD_BYTES = 1024 * MIB
MAX_RENDER_SECONDS = 1.0
#: Drawings before the timed ones (after the page's own first, cold one): Mermaid's code is still
#: being compiled and optimised by V8 then.
WARM_UP_RENDERS = 2


@dataclass(frozen=True)
class Run:
    """One child process: wall time, CPU time (user + system), peak resident memory, output."""

    wall: float
    cpu: float
    peak: int  # bytes
    returncode: int
    output: str


def run(command: list[str], cwd: Path) -> Run:
    """Run `command`, measuring its own peak memory through `wait4` (not that of earlier children)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    return Run(
        wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, process.returncode, output
    )


def checked(result: Run, what: str) -> Run:
    if result.returncode != 0:
        raise SystemExit(f"{what} failed (exit {result.returncode}):\n{result.output[-3000:]}")
    return result


@dataclass
class Row:
    size: int
    what: str
    result: Run | None = None
    seconds: float | None = None  # for (b), which has no process of its own
    note: str = ""
    bytes: tuple[int, int] | None = None  # for (p): the largest page, the search index

    def cells(self) -> list[str]:
        wall = self.result.wall if self.result else self.seconds
        return [
            str(self.size),
            self.what,
            f"{wall:.2f}" if wall is not None else "",
            f"{self.result.cpu:.2f}" if self.result else "",
            f"{self.result.peak / MIB:.0f}" if self.result else "",
            self.note,
        ]


# --- projects ---------------------------------------------------------------------


def plugin_project(root: Path) -> Path:
    """A project like the repository's around root/processes, with the plugin; its mkdocs.yml."""
    return write_project(root, root / "processes", plugin={"today": TODAY.isoformat()})


def plugin_nav(site_nav: list[Any], processes: Path, language: str) -> list[Any]:
    """The site's `nav:` as the plugin arranges it (see adapters/mkdocs_nav.py), written out.

    The generated pages leave the site's own list; in their place come the processes
    (by folder), the departments, the roles and the overview pages. The plain build gets
    the same sections and pages (the order inside a folder may differ), since the size of
    the navigation decides much of what Material costs per page.
    """
    handbook = load(processes, today=TODAY).handbook
    labels = Labels(language)
    processes_section: list[Any] = [paths.PROCESS_INDEX]
    folders: dict[str, list[Any]] = {"": processes_section}

    def folder(path: str) -> list[Any]:
        if path not in folders:
            folders[path] = []
            folder(path.rpartition("/")[0]).append({folder_title(handbook, path): folders[path]})
        return folders[path]

    for process in handbook.processes:
        folder(process.folder).append(paths.process_page(process.id or ""))
    organization = handbook.organization
    ours = [
        {labels.processes: processes_section},
        {
            labels.departments: [
                paths.DEPARTMENT_INDEX,
                *(paths.department_page(d.id) for d in organization.departments),
            ]
        },
        {labels.roles: [paths.ROLE_INDEX, *(paths.role_page(r.id) for r in organization.roles)]},
        paths.RESPONSIBILITY,
        paths.ONBOARDING,
        {labels.tools: [paths.TOOLS, *(paths.tool_page(t.id) for t in organization.tools)]},
        paths.GOALS,
        paths.REVIEW,
    ]
    generated = [i for i, item in enumerate(site_nav) if paths.PROCESS_INDEX in _targets(item)]
    position = generated[0] if generated else len(site_nav)
    kept = [item for i, item in enumerate(site_nav) if i not in generated]
    return kept[:position] + ours + kept[position:]


def _targets(item: Any) -> list[str]:
    if isinstance(item, dict):
        return [t for value in item.values() for t in _targets(value)]
    if isinstance(item, list):
        return [t for value in item for t in _targets(value)]
    return [item]


def variant(config: Path, name: str, *, prune: bool, plain_docs: str | None = None) -> Path:
    """A copy of `config`, optionally with `navigation.prune`, optionally without the plugin.

    Without the plugin (`plain_docs`), the site reads the pages `handbook generate` wrote
    into that folder, has the navigation the plugin would give it, and serves the same
    stylesheet, script and Mermaid the plugin adds. Templates that are Markdown files
    are downloads, not pages: they are left out (the plugin publishes them as files,
    which costs next to nothing).
    """
    data: dict[str, Any] = yaml_load(config.read_text("utf-8"))
    if prune:
        data["theme"]["features"] = [*data["theme"]["features"], "navigation.prune"]
    if plain_docs is not None:
        data["docs_dir"] = plain_docs
        data["plugins"] = [
            p for p in data["plugins"] if not (isinstance(p, dict) and "process-handbook" in p)
        ]
        language = language_for(data["theme"].get("language"))
        data["nav"] = plugin_nav(data.get("nav", []), config.parent / "processes", language)
        data["extra_css"] = [STYLESHEET]
        data["extra_javascript"] = [f.path for f in BROWSER_FILES if f.is_script]
        data["exclude_docs"] = "downloads/**/*.md\n"
    target = config.with_name(name)
    target.write_text(yaml.dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def plain_docs(root: Path) -> str:
    """`handbook generate` into root/plain-docs (its browser files, Mermaid included), with the
    site's own pages; the folder name."""
    docs = root / "plain-docs"
    checked(
        run(
            [
                str(HANDBOOK),
                "generate",
                "--processes",
                "processes",
                "--out",
                str(docs),
                "--today",
                TODAY.isoformat(),
                "--site-url",
                "http://127.0.0.1:8000/",
            ],
            root,
        ),
        "handbook generate",
    )
    shutil.copytree(REPO / "docs", docs, dirs_exist_ok=True)
    return docs.name


def mkdocs_build(config: Path, site: str, *, cold: bool = False) -> Run:
    if cold:
        shutil.rmtree(config.parent / CACHE_DIR, ignore_errors=True)
    return checked(
        run(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", site], config.parent
        ),
        f"mkdocs build -f {config.name}",
    )


def hugo_build(root: Path, docs: str) -> Run | None:
    """Hugo on the pages `handbook generate` wrote: a bare layout (the page's content in a
    minimal HTML page), Markdown's raw HTML kept; `index.md` becomes Hugo's `_index.md`."""
    if HUGO is None:
        return None
    site = root / "hugo"
    shutil.rmtree(site, ignore_errors=True)
    for source in (root / docs).rglob("*.md"):
        relative = source.relative_to(root / docs)
        if relative.parts[0] == "downloads":
            continue
        target = (
            site
            / "content"
            / relative.with_name("_index.md" if relative.name == "index.md" else relative.name)
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    layout = "<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n"
    for name in ("single", "list"):
        (site / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
        (site / "layouts" / "_default" / f"{name}.html").write_text(layout, "utf-8")
    (site / "config.toml").write_text(
        'baseURL = "http://127.0.0.1:8000/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
        "[markup.goldmark.renderer]\nunsafe = true\n",
        "utf-8",
    )
    return checked(run([HUGO, "--quiet", "-d", str(site / "public")], site), "hugo")


def largest_pages(site: Path) -> tuple[list[tuple[int, str]], int]:
    """The largest HTML page of each kind (process, role, department, tool, overview), and
    the size of the search index."""
    largest: dict[str, tuple[int, str]] = {}
    for page in site.rglob("index.html"):
        parts = page.relative_to(site).parts
        kind = parts[0] if len(parts) > 2 else "/".join(parts[:-1]) or "home"
        size = page.stat().st_size
        if size > largest.get(kind, (0, ""))[0]:
            largest[kind] = (size, "/".join(parts[:-1]))
    index = site / "search" / "search_index.json"
    return sorted(largest.values(), reverse=True), index.stat().st_size if index.exists() else 0


# --- the measurements --------------------------------------------------------------


def commit(root: Path) -> None:
    """Put root/processes into a fresh git repository (one commit), as a real handbook lives in git."""
    stamp = "2026-11-01T09:00:00+08:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.invalid",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.invalid",
    }
    for command in (
        ["init", "-q"],
        ["add", "processes"],
        ["commit", "-q", "-m", "synthetic handbook"],
    ):
        subprocess.run(["git", *command], cwd=root, env=env, check=True, capture_output=True)


def median_run(runs: list[Run]) -> Run:
    """The run of median wall time (the upper one of an even count)."""
    return sorted(runs, key=lambda r: r.wall)[len(runs) // 2]


def measure_size(size: int, scratch: Path, prune_from: int, git: bool, pairs: int) -> list[Row]:
    root = scratch / f"n{size}"
    write_handbook(size, root / "processes")
    if git:
        commit(root)
    rows: list[Row] = []
    command = [str(HANDBOOK), "validate", "--processes", "processes", "--today", TODAY.isoformat()]
    runs = [checked(run(command, root), "validate") for _ in range(VALIDATE_RUNS)]
    validate = median_run(runs)
    rows.append(
        Row(size, "(a) handbook validate", validate, note=f"{size / validate.wall:.0f} processes/s")
    )
    print(
        f"  N={size}: validate {validate.wall:.2f} s (median of {VALIDATE_RUNS}; "
        f"min {min(r.wall for r in runs):.2f}, max {max(r.wall for r in runs):.2f})",
        flush=True,
    )
    config = plugin_project(root)
    docs = plain_docs(root)
    for prune in [False, True] if size >= prune_from else [False]:
        suffix = " +prune" if prune else ""
        with_plugin = variant(config, f"plugin{'-prune' * prune}.yml", prune=prune)
        plain = variant(config, f"plain{'-prune' * prune}.yml", prune=prune, plain_docs=docs)
        sites: list[Run] = []
        warms: list[Run] = []
        baselines: list[Run] = []
        site_dir = f"site-plugin{'-prune' * prune}"
        for _ in range(pairs):  # alternated, so that a slow spell of the machine hits both
            sites.append(mkdocs_build(with_plugin, site_dir, cold=True))
            warms.append(mkdocs_build(with_plugin, site_dir))
            baselines.append(mkdocs_build(plain, f"site-plain{'-prune' * prune}"))
            print(
                f"  N={size}{suffix}: plugin site cold {sites[-1].wall:.1f} s, warm "
                f"{warms[-1].wall:.1f} s, plain {baselines[-1].wall:.1f} s",
                flush=True,
            )
        site, warm, baseline = median_run(sites), median_run(warms), median_run(baselines)
        found = PLUGIN_LINE.search(site.output)
        if found is None:
            raise SystemExit(
                "the plugin's timing line is missing from the mkdocs output:\n"
                + site.output[-3000:]
            )
        pages, files, plugin_seconds = int(found[1]), int(found[2]), float(found[3])
        rows.append(
            Row(
                size,
                f"(b) plugin's own work{suffix}",
                seconds=plugin_seconds,
                note=f"{pages} pages, {files} files; {plugin_seconds / site.wall:.0%} of (c)",
            )
        )
        each = (
            ""
            if pairs == 1
            else "; pairs " + " ".join(f"{c.wall / d.wall:.2f}" for c, d in zip(sites, baselines))
        )
        rows.append(
            Row(
                size,
                f"(c) mkdocs build with plugin{suffix}",
                site,
                note=f"(c)/(d) wall {site.wall / baseline.wall:.2f}, CPU {site.cpu / baseline.cpu:.2f}{each}",
            )
        )
        rows.append(
            Row(
                size,
                f"(w) same build, warm cache{suffix}",
                warm,
                note=f"{warm.wall / site.wall:.0%} of (c)",
            )
        )
        rows.append(Row(size, f"(d) plain mkdocs build{suffix}", baseline))
        pages, index = largest_pages(root / site_dir)
        print(
            f"  N={size}{suffix}: search index {index / MIB:.1f} MiB; largest pages: "
            + ", ".join(f"{path} {bytes_ // 1024} KiB" for bytes_, path in pages[:8]),
            flush=True,
        )
        rows.append(
            Row(
                size,
                f"(p) largest page, search index{suffix}",
                note=f"{pages[0][1]} {pages[0][0] // 1024} KiB; index {index / MIB:.1f} MiB",
                bytes=(pages[0][0], index),
            )
        )
    hugo = hugo_build(root, docs)
    if hugo is not None:
        rows.append(Row(size, "(h) hugo, same pages", hugo))
    return rows


#: The flows timed in (e): a usual one, a long one, and one at the 150-step limit (149
#: current steps and one of the previous version).
RENDER_STEPS = (15, 60, 149)

SWIMLANE_DRAWN = """() => {
  const boxes = [...document.querySelectorAll('.ph-swimlane')];
  return boxes.length && boxes.every(b => b.dataset.phDrawn === 'done') ? performance.now() / 1000 : null;
}"""

#: Warm drawings of the page's first swimlane, after its first (cold) one on page load.
RENDER = """async runs => {
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await window.PhSwimlanes.timeDrawing(0));
  return times;
}"""


@dataclass(frozen=True)
class Render:
    steps: int
    lines: int  # lines of Mermaid source
    warm: list[float]  # seconds of a drawing again (Mermaid with the handbook's layout)
    loads: list[float]  # seconds from opening the page until its swimlanes are drawn


def measure_render(scratch: Path, runs: int, steps: int) -> Render:
    """The swimlane of a `steps`-step process: page load until drawn, and warm drawings."""
    from playwright.sync_api import sync_playwright

    root = scratch / f"render-{steps}"
    write_handbook(1, root / "processes", steps=(steps, steps))
    result = build(root / "processes", BuildOptions(today=TODAY))
    page_md = next(
        p
        for p in result.pages
        if p.path.startswith("processes/") and not p.path.endswith("index.md")
    )
    source = re.findall(r"```mermaid\n(.*?)```", page_md.content, re.DOTALL)[0]
    config = plugin_project(root)
    mkdocs_build(config, "site")
    page_path = next((root / "site" / "processes").glob("*-0001/index.html")).parent.name
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            loads, warm = [], []
            with serve(root / "site") as url:
                for _ in range(runs):
                    context = browser.new_context(viewport={"width": 1400, "height": 1000})
                    tab = context.new_page()
                    tab.goto(f"{url}processes/{page_path}/", wait_until="commit")
                    loads.append(
                        tab.wait_for_function(
                            SWIMLANE_DRAWN, polling=10, timeout=600_000
                        ).json_value()
                    )
                    if not warm:
                        warm = tab.evaluate(RENDER, WARM_UP_RENDERS + runs)[WARM_UP_RENDERS:]
                    context.close()
        finally:
            browser.close()
    return Render(steps, source.count("\n"), warm, loads)


#: The sample processes timed in (f): a small flow, the widest (two swimlanes), a long one.
SAMPLE_DRAWS = ("purchase-request", "new-product-launch", "complaint-handling")
#: The screens of (f): a laptop and a phone.
SCREENS = ((1400, 1000), (390, 844))

ALL_DRAWN = """() => {
  const boxes = [...document.querySelectorAll('.ph-swimlane')];
  return document.readyState !== 'loading' && !document.querySelector('pre.mermaid')
    && boxes.every(b => b.dataset.phDrawn === 'done') ? performance.now() / 1000 : null;
}"""


@dataclass(frozen=True)
class SampleDraw:
    process: str
    screen: tuple[int, int]
    swimlanes: list[float]  # seconds from opening the page until its swimlanes are drawn
    everything: list[float]  # ... until Material's diagrams are drawn too


def measure_sample_draws(scratch: Path, runs: int) -> list[SampleDraw]:
    """The repository's sample site, each page opened cold (a fresh browser context) `runs`
    times per screen: until its swimlanes are drawn, and until every diagram is."""
    from playwright.sync_api import sync_playwright

    config = write_project(
        scratch / "sample", REPO / "processes", plugin={"today": TODAY.isoformat()}
    )
    mkdocs_build(config, "site")
    found = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            with serve(scratch / "sample" / "site") as url:
                for process in SAMPLE_DRAWS:
                    for width, height in SCREENS:
                        swimlanes, everything = [], []
                        for _ in range(runs):
                            context = browser.new_context(
                                viewport={"width": width, "height": height},
                                is_mobile=width < 600,
                                has_touch=width < 600,
                            )
                            tab = context.new_page()
                            tab.goto(f"{url}processes/{process}/", wait_until="commit")
                            swimlanes.append(
                                tab.wait_for_function(
                                    SWIMLANE_DRAWN, polling=10, timeout=600_000
                                ).json_value()
                            )
                            everything.append(
                                tab.wait_for_function(
                                    ALL_DRAWN, polling=10, timeout=600_000
                                ).json_value()
                            )
                            context.close()
                        found.append(SampleDraw(process, (width, height), swimlanes, everything))
        finally:
            browser.close()
    return found


# --- report ------------------------------------------------------------------------


def machine() -> str:
    memory = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    return (
        f"{os.cpu_count()} CPUs, {int(memory) / 1024 / 1024:.1f} GiB RAM, load average {load}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def revision() -> str:
    """The commit measured, marked dirty when the working tree differs from it."""
    done = subprocess.run(
        ["git", "describe", "--always", "--dirty"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "unknown"


def table(rows: list[Row]) -> str:
    header = ["N", "measurement", "wall s", "CPU s", "peak MiB", "note"]
    cells = [header, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(line, widths)) + " |" for line in cells]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(lines)


def verdicts(rows: list[Row], renders: list[Render]) -> list[str]:
    largest = max(row.size for row in rows)
    at_largest = {row.what: row for row in rows if row.size == largest}
    out = []
    for suffix in ("", " +prune"):
        c, w, d = (
            at_largest.get(f"(c) mkdocs build with plugin{suffix}"),
            at_largest.get(f"(w) same build, warm cache{suffix}"),
            at_largest.get(f"(d) plain mkdocs build{suffix}"),
        )
        if c and d and c.result and d.result:
            ratio = c.result.wall / d.result.wall
            out.append(
                _verdict(
                    f"(c)/(d) at N={largest}{suffix}",
                    f"{ratio:.2f} (CPU {c.result.cpu / d.result.cpu:.2f})",
                    ratio <= MAX_RATIO,
                    f"<= {MAX_RATIO}",
                )
            )
        if c and c.result:
            out.append(
                _verdict(
                    f"cold build at N={largest}{suffix}",
                    f"{c.result.wall:.1f} s",
                    c.result.wall <= MAX_COLD_SECONDS,
                    f"<= {MAX_COLD_SECONDS:.0f} s",
                )
            )
        if w and w.result:
            out.append(
                _verdict(
                    f"warm build at N={largest}{suffix}",
                    f"{w.result.wall:.1f} s",
                    w.result.wall <= MAX_WARM_SECONDS,
                    f"<= {MAX_WARM_SECONDS:.0f} s",
                )
            )
        p = at_largest.get(f"(p) largest page, search index{suffix}")
        if p and p.bytes:
            out.append(
                _verdict(
                    f"largest page at N={largest}{suffix}",
                    p.note.split(";")[0],
                    p.bytes[0] <= MAX_PAGE_BYTES,
                    "<= 300 KiB",
                )
            )
            out.append(
                _verdict(
                    f"search index at N={largest}{suffix}",
                    f"{p.bytes[1] / MIB:.1f} MiB",
                    p.bytes[1] <= MAX_INDEX_BYTES,
                    "<= 10 MiB",
                )
            )
    h = at_largest.get("(h) hugo, same pages")
    c = at_largest.get("(c) mkdocs build with plugin")
    if h and h.result and c and c.result:
        out.append(
            f"        Hugo floor at N={largest}: {h.result.wall:.1f} s; (c)/(h) {c.result.wall / h.result.wall:.1f}"
        )
    validate = at_largest["(a) handbook validate"].result
    assert validate is not None
    rate = largest / validate.wall
    out.append(
        _verdict(
            f"validate at N={largest}",
            f"{rate:.0f} processes/s",
            rate >= MIN_VALIDATE_RATE,
            f">= {MIN_VALIDATE_RATE:.0f}",
        )
    )
    peak = max(row.result.peak for row in rows if row.result)
    out.append(
        _verdict(
            "peak memory of any build",
            f"{peak / MIB:.0f} MiB",
            peak <= MAX_BUILD_BYTES,
            "<= 1024 MiB",
        )
    )
    for render in renders:
        if render.steps != 60:
            continue
        median = statistics.median(render.warm)
        out.append(
            _verdict(
                "swimlane drawing, 60 steps as lanes",
                f"median {median:.3f} s warm (page load until drawn {statistics.median(render.loads):.3f} s)",
                median <= MAX_RENDER_SECONDS,
                f"<= {MAX_RENDER_SECONDS} s warm",
            )
        )
    return out


def _verdict(what: str, value: str, met: bool, target: str) -> str:
    return f"{'met   ' if met else 'MISSED'}  {what}: {value} (target {target})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="10,100,1000",
        help="handbook sizes, comma-separated (default 10,100,1000)",
    )
    parser.add_argument(
        "--prune-from",
        type=int,
        default=1000,
        help="from this size on, also build with navigation.prune (default 1000)",
    )
    parser.add_argument(
        "--pairs",
        type=int,
        default=1,
        help="builds of (c) and (d), alternated; the median of each is reported (default 1)",
    )
    parser.add_argument(
        "--renders", type=int, default=7, help="Mermaid renders to time (default 7; 0 skips)"
    )
    parser.add_argument(
        "--sample-draws",
        type=int,
        default=3,
        help="cold openings of each sample page timed in (f) (default 3; 0 skips)",
    )
    parser.add_argument(
        "--no-git",
        action="store_true",
        help="leave the handbook outside git (no last-updated dates, no calendar history)",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="build in this folder and keep it (default: a temp folder)",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(
        f"{dt.datetime.now().isoformat(timespec='minutes')}  {machine()}; tree {revision()}",
        flush=True,
    )
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    try:
        rows = [
            row
            for size in sizes
            for row in measure_size(size, scratch, args.prune_from, not args.no_git, args.pairs)
        ]
        renders: list[Render] = []
        if args.renders:
            print(f"\n(e) swimlanes drawn with the handbook's layout, {args.renders} runs each:")
            for steps in RENDER_STEPS:
                render = measure_render(scratch, args.renders, steps)
                renders.append(render)
                warm, loads = render.warm, render.loads
                print(
                    f"    {steps:3d} steps ({render.lines} lines of source): drawing median "
                    f"{statistics.median(warm):.3f} s (min {min(warm):.3f}, max {max(warm):.3f}) after "
                    f"{WARM_UP_RENDERS} warm-up drawings; page load until drawn median "
                    f"{statistics.median(loads):.3f} s (min {min(loads):.3f}, max {max(loads):.3f})",
                    flush=True,
                )
        if args.sample_draws:
            print(f"\n(f) the sample's pages opened cold, {args.sample_draws} runs each:")
            for draw in measure_sample_draws(scratch, args.sample_draws):
                print(
                    f"    {draw.process} at {draw.screen[0]}×{draw.screen[1]}: swimlanes drawn "
                    f"median {statistics.median(draw.swimlanes):.2f} s (min {min(draw.swimlanes):.2f}, "
                    f"max {max(draw.swimlanes):.2f}); every diagram median "
                    f"{statistics.median(draw.everything):.2f} s",
                    flush=True,
                )
        if rows:
            print()
            print(table(rows))
            print()
            print("\n".join(verdicts(rows, renders)))
        print(
            f"\nfinished {dt.datetime.now().isoformat(timespec='minutes')}; load average now "
            f"{' '.join(Path('/proc/loadavg').read_text().split()[:3])}"
        )
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
