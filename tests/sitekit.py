"""Helpers for tests that build a site with MkDocs and look at it in Chromium."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import html.parser
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from process_handbook.browser_libraries import MERMAID, packaged

REPO = Path(__file__).resolve().parent.parent
#: The Mermaid the package carries (the plugin serves it unless a site names its own).
MERMAID_JS = packaged(MERMAID)
#: The variable the repository's mkdocs.yml reads the plugin's `today` from.
TODAY_VARIABLE = "HANDBOOK_TODAY"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Every Content-Security-Policy violation of a page, kept in `window.__csp` for the test.
RECORD_CSP_VIOLATIONS = (
    "document.addEventListener('securitypolicyviolation', e =>"
    " (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI));"
)
#: Material draws each diagram into a closed shadow root; tests open it to reach the SVG.
OPEN_SHADOW_ROOTS = (
    "const attach = Element.prototype.attachShadow;"
    "Element.prototype.attachShadow = function (init) { return attach.call(this, {...init, mode: 'open'}); };"
)


#: Every diagram's SVG in page order: the handbook's swimlanes, drawn into the page by its viewer,
#: and Material's diagrams, in shadow roots (opened by OPEN_SHADOW_ROOTS).
DIAGRAM_SVGS = (
    "[...document.querySelectorAll('div.mermaid, .ph-flow-view')]"
    ".map(d => (d.shadowRoot || d).querySelector('svg')).filter(Boolean)"
)
#: The swimlanes' SVGs (the current flow first, then the old-versus-new view).
SWIMLANE_SVGS = "[...document.querySelectorAll('.ph-swimlane .ph-flow-view svg')]"
#: True once a page is drawn: its swimlanes by the handbook's viewer, the rest by Material.
ALL_DRAWN = (
    "() => document.readyState !== 'loading' && !document.querySelector('pre.mermaid')"
    " && [...document.querySelectorAll('.ph-swimlane')].every(b => b.dataset.phDrawn === 'done')"
)

#: The only markup the handbook writes into a diagram label: the owner's line under a step name.
OWN_LABEL_MARKUP = ("<br><small>", "</small>")


def own_markup_removed(source: str) -> str:
    """A diagram's source without the handbook's own label markup (`OWN_LABEL_MARKUP`)."""
    for markup in OWN_LABEL_MARKUP:
        source = source.replace(markup, "")
    return source


@dataclass
class Cell:
    """A table cell of a generated page's HTML, as a reader sees it: its text and its links."""

    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, text)
    header: bool = False


class _Tables(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[Cell]]] = []
        self.cell: Cell | None = None
        self.href: str | None = None
        self.link_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self.cell = Cell(header=tag == "th")
            self.tables[-1][-1].append(self.cell)
        elif tag == "a" and self.cell is not None:
            self.href, self.link_text = dict(attrs).get("href") or "", ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self.cell = None
        elif tag == "a" and self.cell is not None and self.href is not None:
            self.cell.links.append((self.href, self.link_text))
            self.href = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.text += data
            if self.href is not None:
                self.link_text += data


def html_tables(markup: str) -> list[list[list[Cell]]]:
    """Every HTML table in a page's Markdown: rows of cells (the header row first)."""
    parser = _Tables()
    parser.feed(markup)
    return parser.tables


def section(markdown: str, heading: str) -> str:
    """The part of a page under `## heading`, up to the next `## `."""
    return markdown.split(f"\n## {heading} ", 1)[1].split("\n## ", 1)[0]


def page_text(result: object, path: str) -> str:
    """The Markdown of one page of a core build (`handbook.build(...)`)."""
    return next(p.content for p in result.pages if p.path == path)  # type: ignore[attr-defined]


def mkdocs(
    *args: str, cwd: Path = REPO, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run MkDocs from the test environment, as a user would."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def git(root: Path, *args: str, when: str = "2026-01-05T10:00:00+08:00") -> str:
    """Run git in `root` untouched by the machine's git config, as a fixed author at a fixed time."""
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    return subprocess.run(
        ["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True
    ).stdout


def build_site(
    config: Path,
    dest: Path,
    *,
    strict: bool = True,
    site_url: str | None = None,
    today: dt.date | None = None,
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of `config` into `dest`; `site_url` overrides the address (SITE_URL) and
    `today` the date reviews are judged on (TODAY_VARIABLE), where the config reads them."""
    args = ["build", "-f", str(config), "-d", str(dest)]
    env = {"SITE_URL": site_url} if site_url else {}
    if today is not None:
        env[TODAY_VARIABLE] = today.isoformat()
    return mkdocs(*args, *(["--strict"] if strict else []), cwd=config.parent, env=env)


def write_project(
    root: Path, processes: Path, *, plugin: dict[str, object] | None = None, language: str = "zh"
) -> Path:
    """A small MkDocs project around a processes folder, like the repository's own; its config file."""
    config = yaml.load((REPO / "mkdocs.yml").read_text("utf-8"), Loader=_ConfigLoader)
    shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True)
    if processes.resolve() != (root / "processes").resolve():
        shutil.copytree(processes, root / "processes", dirs_exist_ok=True)
    config["theme"]["language"] = language
    options = {"processes_dir": "processes", **(plugin or {})}
    config["plugins"] = [
        p if not _is_handbook(p) else {"process-handbook": options} for p in config["plugins"]
    ]
    path = root / "mkdocs.yml"
    path.write_text(
        yaml.dump(config, Dumper=_ConfigDumper, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return path


class _Tagged:
    """A tagged value of mkdocs.yml (`!ENV [...]`, `!!python/name:...`), kept as written."""

    def __init__(self, tag: str, value: object) -> None:
        self.tag, self.value = tag, value


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.SequenceNode):
        return _Tagged(node.tag, loader.construct_sequence(node))
    return _Tagged(node.tag, loader.construct_scalar(node))  # type: ignore[arg-type]


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value, flow_style=True)
    return dumper.represent_scalar(data.tag, str(data.value))


_ConfigLoader.add_multi_constructor("!", _construct_tagged)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_ConfigDumper.add_representer(_Tagged, _represent_tagged)


def _is_handbook(plugin: object) -> bool:
    return isinstance(plugin, dict) and "process-handbook" in plugin


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class names it so
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def serve(folder: Path, port: int = 0) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 for the duration of the block; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def require_chromium() -> None:
    """Browser tests skip on a developer machine without Chromium, and fail in CI."""
    if Path(CHROMIUM).exists():
        return
    message = f"Debian's chromium is not installed at {CHROMIUM} (.ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


#: Text that tries every way out of a label, a table cell, a Markdown line or a diagram.
HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned=2">',
    "[点我](javascript:window.__pwned=3)",
    '" onmouseover="window.__pwned=4',
    "a | b | c",
    "end",
    "A --> B",
    '%%{init: {"securityLevel": "loose"}}%%',
    '{: onclick="window.__pwned=5" }',
    "]] ) } #quot; `code` *bold* _x_ {#id}",
    "--- \n# 标题",
    '</title><img src=x onerror="alert(11)">',
    "<svg onload=alert(12)>",
    "javascript:alert(13)",
    "@everyone ``` </textarea><script>alert(14)</script>",
]
#: Template files whose type a browser would run, and names with URL syntax in them.
HOSTILE_TEMPLATES = {
    "page.html": "<script>alert(21)</script><p>表单</p>\n",
    "image.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(22)"/>\n',
    "a#b?c`d) (e).md": "# 表单\n",
}
#: The hostile handbook's tools: an https address carrying Markdown, a mail address.
HOSTILE_URLS = [
    "https://example.invalid/![x](x){onerror=alert(31)}",
    "mailto:a@b.invalid?subject=x_y*",
]


def write_hostile_handbook(root: Path) -> Path:
    """A valid handbook whose every free-text field is hostile; the processes folder.

    Besides the texts of HOSTILE: a sub-folder named after a department with a hostile
    name and one whose own name is HTML (both become navigation sections), tools with
    hostile addresses (HOSTILE_URLS) and templates of active types (HOSTILE_TEMPLATES).
    """
    import json

    processes = root / "processes"
    (processes / "templates").mkdir(parents=True)
    (processes / "templates" / "form.md").write_text("# 表单\n", encoding="utf-8")
    for name, text in HOSTILE_TEMPLATES.items():
        (processes / "templates" / name).write_text(text, encoding="utf-8")
    h = [json.dumps(t, ensure_ascii=False) for t in HOSTILE]
    u = [json.dumps(t) for t in HOSTILE_URLS]
    (processes / "organization.yml").write_text(
        f"""\
departments:
  - {{id: d1, name: {h[0]}, description: {h[1]}, contact: {h[2]}}}
  - {{id: d2, name: {h[6]}}}
  - {{id: end-dept, name: {h[5]}}}
  - {{id: d3, name: {h[11]}}}
roles:
  - {{id: r1, name: {h[3]}, department: d1}}
  - {{id: r2, name: {h[4]}, department: d2}}
  - {{id: r3, name: {h[12]}, department: d3}}
channels:
  - {{id: c1, name: {h[7]}, tool: {h[8]}, purpose: {h[9]}}}
tools:
  - {{id: t1, name: {h[8]}, url: "https://example.invalid/x?a=1&b=2#f", description: {h[0]}}}
  - {{id: t2, name: {h[13]}, url: {u[0]}, description: {h[14]}}}
  - {{id: t3, name: {h[11]}, url: {u[1]}}}
""",
        encoding="utf-8",
    )
    templates = "".join(
        f"  - {{id: x{i}, name: {h[11 + i % 4]}, file: {json.dumps('templates/' + name)}}}\n"
        for i, name in enumerate(HOSTILE_TEMPLATES)
    )
    (processes / "hostile.yml").write_text(
        f"""\
title: {h[0]}
summary: {h[2]}
owner: r1
tags: [{h[4]}, {h[6]}, {h[11]}]
audience: [new-hire]
scope: {h[9]}
steps:
  - id: a
    name: {h[0]}
    lane: d1
    owner: r1
    description: {h[1]}
    inputs: [{h[7]}, x0]
    outputs: [x1, x2]
    tools: [t1, t2, t3]
  - id: b
    name: {h[6]}
    kind: decision
    lane: d2
    owner: r2
    next:
      - {{to: a, when: {h[5]}}}
      - {{to: c, when: {h[3]}}}
  - id: c
    name: {h[7]}
    lane: end-dept
    owner: r2
    support: [d1]
    informed: [d2]
meetings:
  - id: m1
    name: {h[8]}
    every: week
    day: monday
    time: "09:00"
    chair: r1
    attendees: [d1, r2]
    channel: c1
    agenda: [{h[0]}, {h[9]}, {h[10]}]
    template: t
templates:
  - {{id: t, name: {h[3]}, file: templates/form.md, description: {h[1]}}}
{templates}goals:
  - {{metric: {h[0]}, baseline: {h[4]}, target: {h[6]}, current: {h[7]}}}
problems:
  - title: {h[1]}
    step: a
    impact: high
    category: {h[3]}
    whys: [{h[0]}, {h[6]}, {h[7]}]
    root_cause: {h[8]}
    fix: {h[2]}
plan:
  - {{phase: {h[0]}, start: 2026-01-05, end: 2026-02-01, owner: r1, tasks: [{h[4]}], outputs: [{h[6]}]}}
""",
        encoding="utf-8",
    )
    for folder, title in (("d3", h[11]), ("<img src=x onerror=alert(41)>", h[12])):
        (processes / folder).mkdir()
        (processes / folder / f"sub-{len(folder)}.yml").write_text(
            f"title: {title}\nowner: r3\nsteps:\n  - {{name: {h[13]}, lane: d3, owner: r3}}\n",
            encoding="utf-8",
        )
    return processes
