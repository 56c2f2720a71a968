"""The build cache never changes what is built (issue 17).

A site built with the cache (cold, then warm from disk) is byte-identical to one built
without it; after an edit to a process, to organization.yml, to a template override or
to a plugin option, a build from the warm cache equals a clean build; a corrupt or
foreign cache is ignored.
"""

from __future__ import annotations

import importlib
import json
import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from process_handbook import background, cache
from sitekit import REPO, write_project

#: A small handbook from the sample: two processes with their templates.
KEPT = (
    "organization.yml",
    "complaint-handling.yml",
    "sales/compensation-approval.yml",
    "finance/expense-reimbursement.yml",
)
CACHE = Path(".cache/plugin/process-handbook")


def small_handbook(root: Path) -> Path:
    processes = root / "processes"
    for name in KEPT:
        (processes / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "processes" / name, processes / name)
    shutil.copytree(REPO / "processes" / "templates", processes / "templates")
    return processes


def project(root: Path, **plugin: object) -> Path:
    """A project around root/processes; its config file."""
    return write_project(root, root / "processes", plugin={"today": "2026-11-23", **plugin})


def build(config: Path, site: Path, caplog: pytest.LogCaptureFixture) -> dict[str, bytes]:
    """`mkdocs build` in this process as a fresh one would run it (nothing kept in memory):
    every file of the site; the plugin's log line stays in `caplog`."""
    cache._MEMORY.clear()
    caplog.clear()
    settings = load_config(str(config), site_dir=str(site))
    settings.plugins.on_startup(command="build", dirty=False)
    with caplog.at_level(logging.INFO):
        mkdocs_build(settings)
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def converted(caplog: pytest.LogCaptureFixture) -> int:
    """How many pages the last build converted (rather than taking from the cache)."""
    line = next(r.getMessage() for r in caplog.records if "converted here" in r.getMessage())
    return int(line.split("pages: ", 1)[1].split(" ", 1)[0])


def differences(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    return sorted(p for p in one.keys() | other.keys() if one.get(p) != other.get(p))


@pytest.fixture(autouse=True)
def one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page is converted in this process, so that the counts are exact."""
    monkeypatch.setattr(background, "_can_fork", lambda: False)


def test_cached_and_uncached_builds_are_byte_identical(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    small_handbook(tmp_path)
    uncached = build(project(tmp_path, cache=False), tmp_path / "a", caplog)
    assert not (tmp_path / CACHE).exists()
    config = project(tmp_path)
    cold = build(config, tmp_path / "b", caplog)
    pages = converted(caplog)
    assert pages > 20
    warm = build(config, tmp_path / "c", caplog)
    assert converted(caplog) == 0  # every page from the disk
    assert "search sections: 0 made here" in caplog.text
    assert differences(uncached, cold) == []
    assert differences(uncached, warm) == []
    index = warm["search/search_index.json"].decode("utf-8")
    assert "\\u" not in index.split('"docs":', 1)[1]  # zero-width spaces and Chinese as they are
    docs = json.loads(index)["docs"]
    locations = [d["location"] for d in docs]
    assert len(locations) == len(set(locations))  # every section once


def _rename_step(root: Path) -> str:
    path = root / "processes" / "complaint-handling.yml"
    path.write_text(
        path.read_text("utf-8").replace("name: 受理并登记投诉", "name: 受理登记并回复投诉"), "utf-8"
    )
    return "受理登记并回复投诉"


def _rename_called_process(root: Path) -> str:
    """The title of a process another one runs as a step: shown on the caller's page too."""
    path = root / "processes" / "sales" / "compensation-approval.yml"
    text = path.read_text("utf-8")
    title = text.split("title: ", 1)[1].split("\n", 1)[0]
    path.write_text(text.replace(f"title: {title}", "title: 客诉补偿审批（新）", 1), "utf-8")
    return '<dd><a href="../compensation-approval/">客诉补偿审批（新）</a></dd>'


def _rename_department(root: Path) -> str:
    path = root / "processes" / "organization.yml"
    path.write_text(
        path.read_text("utf-8").replace("name: 客服部\n", "name: 客户服务部\n"), "utf-8"
    )
    return "客户服务部"


def _override_template(root: Path) -> str:
    templates = root / "handbook-templates"
    templates.mkdir()
    original = (REPO / "plugins/process_handbook/rendering/templates/role.md.j2").read_text()
    (templates / "role.md.j2").write_text(original + "\n本页由站点模板生成\n", "utf-8")
    _set_option(root, templates_dir="handbook-templates")
    return "本页由站点模板生成"


def _english(root: Path) -> str:
    _set_option(root, language="en")
    return "Responsibilities"


def _set_option(root: Path, **options: object) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    data = yaml.safe_load(text.split("plugins:", 1)[1].split("markdown_extensions:", 1)[0])
    handbook = next(
        p["process-handbook"] for p in data if isinstance(p, dict) and "process-handbook" in p
    )
    handbook.update(options)
    project(root, **{k: v for k, v in handbook.items() if k not in ("processes_dir", "mermaid_js")})


@pytest.mark.parametrize(
    ("edit", "some_pages"),
    [
        (_rename_step, True),  # the process page and the pages listing the step
        (_rename_called_process, True),  # its page, its caller's page, the overviews
        (_rename_department, False),  # its name is on most pages
        (_override_template, True),  # the role pages
        (_english, False),  # every page
    ],
    ids=["process", "called-process", "organization", "template-override", "plugin-option"],
)
def test_an_edit_invalidates_exactly_what_it_feeds(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    edit: Callable[[Path], str],
    some_pages: bool,
) -> None:
    small_handbook(tmp_path)
    config = project(tmp_path)
    build(config, tmp_path / "before", caplog)
    total = converted(caplog)
    shown = edit(tmp_path)
    after = build(config, tmp_path / "after", caplog)
    rebuilt = converted(caplog)
    assert rebuilt > 0
    if some_pages:
        assert rebuilt < total / 2
    clean_root = tmp_path / "clean"
    shutil.copytree(
        tmp_path, clean_root, ignore=shutil.ignore_patterns(".cache", "before", "after")
    )
    clean = build(clean_root / "mkdocs.yml", clean_root / "site", caplog)
    assert converted(caplog) == total if not some_pages else True
    assert differences(after, clean) == []
    assert any(shown in content.decode("utf-8", "replace") for content in after.values())


def theme_counts(caplog: pytest.LogCaptureFixture) -> tuple[int, int]:
    """How many pages the last build's theme wrote, and how many it took from the cache."""
    line = next(r.getMessage() for r in caplog.records if "theme: " in r.getMessage())
    written, reused = line.split("theme: ", 1)[1].split(" pages written, ")
    return int(written), int(reused.split(" ", 1)[0])


def _edit_site(root: Path, old: str, new: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert text.count(old) == 1
    config.write_text(text.replace(old, new), "utf-8")


#: Edits of the site's mkdocs.yml (text before, after) and what each shows on the pages.
SITE_EDITS = [
    ("strict: false\n", "strict: false\ncopyright: 版权所有 测试公司\n", "版权所有 测试公司"),
    ("  name: material\n", "  name: material\n  custom_dir: overrides\n", "站点公告"),
    ("  features:\n", "  features:\n  - navigation.footer\n", "md-footer__link"),
]


def test_the_theme_s_kept_html_follows_the_site_s_settings_and_templates(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    small_handbook(tmp_path)
    config = project(tmp_path)
    first = build(config, tmp_path / "first", caplog)
    written, _ = theme_counts(caplog)
    assert written > 0
    again = build(config, tmp_path / "again", caplog)
    assert theme_counts(caplog) == (0, written)  # every page's theme HTML from the cache
    assert differences(first, again) == []
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}{% block announce %}站点公告{% endblock %}', "utf-8"
    )
    for step, (before, changed, shown) in enumerate(SITE_EDITS):
        _edit_site(tmp_path, before, changed)
        after = build(config, tmp_path / f"after-{step}", caplog)
        assert theme_counts(caplog)[0] == written, changed  # every page again
        clean_root = tmp_path / f"clean-{step}"
        shutil.copytree(
            tmp_path,
            clean_root,
            ignore=shutil.ignore_patterns(".cache", "first", "again", "after-*", "clean-*"),
        )
        clean = build(clean_root / "mkdocs.yml", clean_root / "site", caplog)
        assert differences(after, clean) == [], changed
        assert shown in after["processes/complaint-handling/index.html"].decode("utf-8")


def _corrupt(entry: Path, index: int) -> None:
    """A different kind of damage for each entry, in turn."""
    header, _, body = entry.read_bytes().partition(b"\n")
    damages: list[Callable[[], bytes]] = [
        lambda: header + b"\n" + body[: len(body) // 2],  # cut short: the checksum fails
        lambda: header + b"\n" + body.replace(b"<", b"&lt;", 1),  # changed: the checksum fails
        lambda: b"",  # empty
        lambda: b"\x00\xff not json",
        lambda: header.replace(cache.FORMAT.encode(), b"process-handbook-cache/0") + b"\n" + body,
    ]
    entry.write_bytes(damages[index % len(damages)]())


def _foreign(entries: list[Path]) -> None:
    """Entries written for other keys (or of another shape), each under a key not its own."""
    bodies = [e.read_bytes() for e in entries]
    for entry, body in zip(entries, [*bodies[1:], bodies[0]]):
        entry.write_bytes(body)  # its header names another key
    header, _, _ = bodies[0].partition(b"\n")
    key = json.loads(header)["key"]
    shaped = json.dumps({"content": 5, "toc": "x"}).encode()
    import hashlib

    forged = {"format": cache.FORMAT, "key": key, "sha256": hashlib.sha256(shaped).hexdigest()}
    entries[0].write_bytes(json.dumps(forged).encode() + b"\n" + shaped)  # right key, wrong shape


@pytest.mark.parametrize("damage", ["corrupt", "foreign"])
def test_a_corrupt_or_foreign_cache_is_ignored(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: str
) -> None:
    small_handbook(tmp_path)
    config = project(tmp_path)
    clean = build(config, tmp_path / "clean", caplog)
    total = converted(caplog)
    entries = sorted((tmp_path / CACHE).rglob("*.json"))
    assert entries
    if damage == "corrupt":
        for index, entry in enumerate(entries):
            _corrupt(entry, index)
    else:
        for kind in (
            "rendered",
            "process-pages",
            "pages",
            "search",
            "theme",
            "files",
            "calendars",
            "bpmn",
        ):
            _foreign(sorted((tmp_path / CACHE / kind).rglob("*.json")))
    again = build(config, tmp_path / "again", caplog)
    assert converted(caplog) == total  # nothing damaged was used
    assert differences(clean, again) == []


#: Author text that looks like the HTML blocks the templates write, and Markdown whose HTML
#: has blank lines inside (a code block), in a description and a step name.
TRICKY_DESCRIPTION = """\
    description: |
      <div class="ph-step" markdown>

      **not a card**

      </div>

      ```
      <table>

      </table>
      ```

          <dl>
          indented code

      > <details>quoted</details>
"""


def test_stashed_template_html_gives_the_html_python_markdown_gives(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from process_handbook.adapters import mkdocs_pages

    small_handbook(tmp_path)
    path = tmp_path / "processes" / "complaint-handling.yml"
    text = path.read_text("utf-8")
    text = text.replace("name: 受理并登记投诉", "name: <div>受理</div> <table>", 1)
    text = text.replace("    description: |\n", TRICKY_DESCRIPTION, 1)
    path.write_text(text, "utf-8")
    config = project(tmp_path, cache=False)
    stashed = build(config, tmp_path / "stashed", caplog)
    monkeypatch.setattr(mkdocs_pages._StashBlocks, "run", lambda self, lines: lines)
    parsed = build(config, tmp_path / "parsed", caplog)
    assert differences(stashed, parsed) == []
    page = stashed["processes/complaint-handling/index.html"].decode("utf-8")
    assert "&lt;div class=&quot;ph-step&quot; markdown&gt;" in page or "&#60;div" in page


def _made_files(processes: Path, cache_dir: Path | None) -> dict[str, bytes]:
    """The calendars and BPMN files of a fresh process (nothing kept in memory)."""
    from process_handbook.artifacts.bpmn import bpmn_exports
    from process_handbook.artifacts.calendars import calendars
    from process_handbook.options import BuildOptions
    from process_handbook.pipeline import load

    cache._MEMORY.clear()
    handbook = load(processes).handbook
    options = BuildOptions(cache_dir=cache_dir, site_url="https://handbook.example/")
    made = [*calendars(handbook, options), *bpmn_exports(handbook, options)]
    return {asset.path: asset.read() for asset in made}


def test_calendars_and_bpmn_files_come_from_the_cache_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bpmn = importlib.import_module("process_handbook.artifacts.bpmn")
    calendars = importlib.import_module("process_handbook.artifacts.calendars")
    processes = small_handbook(tmp_path)
    uncached = _made_files(processes, None)
    assert any(p.endswith(".ics") for p in uncached) and any(p.endswith(".bpmn") for p in uncached)
    assert any(p.startswith("calendars/departments/") for p in uncached)
    cold = _made_files(processes, tmp_path / CACHE)
    assert sorted(p.name for p in (tmp_path / CACHE).iterdir()) == ["bpmn", "calendars"]

    def never(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("made again although kept")

    with monkeypatch.context() as patched:
        patched.setattr(calendars, "_calendar", never)
        patched.setattr(bpmn, "bpmn", never)
        warm = _made_files(processes, tmp_path / CACHE)
    assert differences(uncached, cold) == []
    assert differences(uncached, warm) == []

    # A meeting renamed: its calendar and its departments' change, and nothing else is made
    made: list[str] = []
    original = calendars._calendar

    def counted(name: str, *args: object) -> bytes:
        made.append(name)
        return original(name, *args)  # type: ignore[arg-type]

    path = processes / "complaint-handling.yml"
    text = path.read_text("utf-8")
    meeting = yaml.safe_load(text)["meetings"][0]["name"]
    path.write_text(text.replace(f"name: {meeting}", "name: 投诉周会（新）", 1), "utf-8")
    with monkeypatch.context() as patched:
        patched.setattr(calendars, "_calendar", counted)
        edited = _made_files(processes, tmp_path / CACHE)
    clean = _made_files(processes, None)
    assert differences(edited, clean) == []
    changed = differences(warm, edited)
    assert any(p.startswith("calendars/complaint-handling/") for p in changed)
    assert any(p.startswith("calendars/departments/") for p in changed)
    assert "exports/complaint-handling.bpmn" not in changed  # meetings are not in the flow
    assert len(made) == len([p for p in changed if p.endswith(".ics")])
    assert "投诉周会（新）" in edited[changed[0]].decode("utf-8")
