"""The MkDocs plugin loaded in this process (`load_config` + `build`): its options check themselves,
its errors read as one line, and the traceback behind a crash reaches `mkdocs build -v` only."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from process_handbook.adapters.mkdocs_plugin import ProcessHandbookPlugin
from process_handbook.browser_libraries import FILES, packaged
from process_handbook.diagnostics import Severity
from sitekit import REPO, write_project

pytestmark = pytest.mark.site

CORPUS = Path(__file__).parent / "corpus"

PROCESS = """\
title: 客户投诉处理流程
owner: support-manager
last_reviewed: 2026-01-01
review_every: 6 months
goals:
  - {metric: 投诉处理时效, baseline: 150 天, target: 4 个月}
steps:
  - name: 受理并登记投诉
    lane: support
    owner: support-specialist
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A tiny handbook: the corpus organization and one process with a goal-units warning."""
    processes = tmp_path / "processes"
    processes.mkdir()
    shutil.copy(CORPUS / "organization.yml", processes / "organization.yml")
    (processes / "complaint-handling.yml").write_text(PROCESS, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    return tmp_path


def config_of(project: Path, **plugin: Any) -> MkDocsConfig:
    path = write_project(project, project / "processes", plugin=plugin)
    for page in (project / "docs").glob("*.md"):  # keep the build small and its links whole
        page.unlink()
    (project / "docs" / "index.md").write_text("# 首页\n", encoding="utf-8")
    config = load_config(str(path), site_dir=str(project / "site"))
    config.nav = None  # the repository's nav names pages this project does not have
    return config


def handbook(config: MkDocsConfig) -> ProcessHandbookPlugin:
    plugin = config.plugins["process-handbook"]
    assert isinstance(plugin, ProcessHandbookPlugin)
    return plugin


def test_today_is_a_yaml_date_or_text(project: Path) -> None:
    day = dt.date(2026, 11, 23)
    assert handbook(config_of(project, today=day)).config.today == day
    assert handbook(config_of(project, today="2026-11-23")).config.today == day


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("today", "23.11.2026", "must be a date YYYY-MM-DD"),
        ("timezone", "Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
        ("mermaid_version", "latest", "'latest' is not a Mermaid version"),
        ("rules", {"lane-unused": "warning"}, "lane-unused cannot be lowered"),
        ("rules", {"goal-unit": "error"}, "did you mean 'goal-units'"),
        ("rules", {"goal-units": "loud"}, "'loud' is not a level"),
        ("rules", ["goal-units"], "must be a mapping"),
    ],
)
def test_a_wrong_option_stops_before_the_build_naming_it(
    project: Path, option: str, value: object, says: str, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort):
        config_of(project, **{option: value})
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(f"option '{option}'" in e and says in e for e in errors), errors


def test_rules_move_severities(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    """`goal-units: error` fails the build; `review-overdue: off` (YAML 1.1 reads it as false)."""
    config = config_of(project, rules={"goal-units": "error", "review-overdue": False})
    assert handbook(config).config.rules == {"goal-units": Severity.ERROR, "review-overdue": None}
    with pytest.raises(Abort):
        build(config)
    errors = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR)
    assert "complaint-handling.yml:6:" in errors and "different units" in errors
    assert "review overdue" not in caplog.text


def test_without_rules_the_same_finding_is_a_warning(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs")
    build(config_of(project, today="2026-11-23"))
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("warning: goal" in w and "different units" in w for w in warnings), warnings
    assert (project / "site" / "processes" / "complaint-handling" / "index.html").is_file()


def crash(*args: object, **kwargs: object) -> None:
    raise ZeroDivisionError("a bug deep inside")


def test_a_crash_is_one_line_and_its_traceback_is_only_for_verbose_builds(
    project: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("process_handbook.rendering.pages.Renderer.pages", crash)
    caplog.set_level(logging.DEBUG, logger="mkdocs")  # as `mkdocs build -v` does
    with pytest.raises(Abort):
        build(config_of(project))
    errors = [
        r for r in caplog.records if r.levelno >= logging.ERROR and "handbook" in r.getMessage()
    ]
    assert len(errors) == 1, [r.getMessage() for r in errors]
    message = errors[0].getMessage()
    assert message.startswith("process-handbook: internal error while building")
    # the type only: an exception's text could quote a process file (the debug log has it)
    assert "(ZeroDivisionError)" in message and "a bug deep inside" not in message
    assert errors[0].exc_info is None and "Traceback" not in message
    ours = [r for r in caplog.records if r.name.endswith("process_handbook.adapters.mkdocs_plugin")]
    traced = [r for r in ours if r.levelno == logging.DEBUG and r.exc_info]
    assert len(traced) == 1, [r.getMessage() for r in ours]
    assert isinstance(traced[0].exc_info[1], ZeroDivisionError)  # `mkdocs build -v` shows it


def test_a_broken_override_template_is_named_with_its_line(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    templates = project / "handbook-templates"
    templates.mkdir()
    (templates / "tools.md.j2").write_text("# 工具\n\n{% for x in %}\n", encoding="utf-8")
    with pytest.raises(Abort):
        build(config_of(project, templates_dir=str(templates)))
    [error] = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert "page template error" in error and "tools.md.j2:3:" in error


def test_errors_in_the_process_files_fail_the_build_with_each_located(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (project / "processes" / "broken.yml").write_text("title: x\nowner: nobody\n", "utf-8")
    with pytest.raises(Abort):
        build(config_of(project))
    [error] = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert "2 error(s) in the process files" in error
    assert "processes/broken.yml:1:1: error: the required field 'steps'" in error
    assert "processes/broken.yml:2:8: error: unknown role 'nobody'" in error


def test_a_missing_processes_folder_is_reported(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort):
        build(config_of(project, processes_dir="no-such-folder"))
    assert "the processes folder" in caplog.text and "does not exist" in caplog.text


def test_missing_mermaid_is_a_clear_error(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    with pytest.raises(Abort):
        build(config_of(project, mermaid_js="node_modules/nothing/mermaid.min.js"))
    assert "Mermaid not found at node_modules/nothing/mermaid.min.js" in caplog.text


def test_the_site_serves_the_mermaid_the_package_carries_by_default(project: Path) -> None:
    config = config_of(project)
    build(config)
    served = project / "site" / "assets" / "process-handbook"
    for npm_file in FILES:
        assert (served / Path(npm_file.file).name).read_bytes() == packaged(npm_file).read_bytes()
    assert handbook(config).options.mermaid_version == (12, 3, 0)  # read from its package.json


def test_a_site_s_own_older_mermaid_gets_one_consistent_warning(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    own = project / "vendor" / "mermaid"
    (own / "dist").mkdir(parents=True)
    (own / "dist" / "mermaid.min.js").write_text("/* an older Mermaid */", "utf-8")
    (own / "package.json").write_text('{"name": "mermaid", "version": "11.4.1"}', "utf-8")
    build(config_of(project, mermaid_js="vendor/mermaid/dist/mermaid.min.js"))
    [warning] = [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and "Mermaid" in r.getMessage()
    ]
    assert warning == (
        "process_handbook: Mermaid 11.4.1 is older than 11.16: swimlanes are drawn as flowcharts with lane "
        "subgraphs; serve Mermaid 11.16 or later for real swimlanes (leave out `mermaid_js` to "
        "serve the one the package carries)"
    )
    served = project / "site" / "assets" / "process-handbook" / "mermaid.min.js"
    assert served.read_text("utf-8") == "/* an older Mermaid */"


def test_mermaid_version_without_a_mermaid_of_the_site_s_own_is_an_error(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(Abort):
        build(config_of(project, mermaid_version="11.16.0"))
    assert "`mermaid_version` describes the site's own `mermaid_js`; remove it" in caplog.text


def test_the_plugin_declares_its_event_priorities() -> None:
    priorities = {
        event: getattr(getattr(ProcessHandbookPlugin, f"on_{event}"), "mkdocs_priority", 0)
        for event in ("config", "files", "nav")
    }
    assert priorities == {"config": -50, "files": 50, "nav": -50}
    assert (REPO / "mkdocs.yml").is_file()


def test_strict_builds_catch_an_anchor_that_drifted(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The site sets MkDocs' `validation: anchors: warn`: a page template whose anchor no longer
    matches `paths` (here a site's own step cards, which the swimlane's step list links to)
    fails `mkdocs build --strict`."""
    process = project / "processes" / "complaint-handling.yml"
    without_goal = PROCESS.replace(PROCESS[PROCESS.index("goals:") : PROCESS.index("steps:")], "")
    named = without_goal.replace(
        "  - name: 受理并登记投诉", "  - id: receive\n    name: 受理并登记投诉"
    )
    process.write_text(named, encoding="utf-8")
    templates = project / "handbook-templates"
    templates.mkdir()
    built_in = REPO / "plugins" / "process_handbook" / "rendering" / "templates"
    steps = (built_in / "_process_steps.md.j2").read_text("utf-8")
    drifted = steps.replace("step_anchor(step.id)", "step.id | anchor")
    assert drifted != steps
    (templates / "_process_steps.md.j2").write_text(drifted, encoding="utf-8")
    config = config_of(project, today="2026-11-23", templates_dir=str(templates))
    config.strict = True
    with pytest.raises(Abort, match="strict mode"):
        build(config)
    assert "'#step-receive'" in caplog.text
    (templates / "_process_steps.md.j2").unlink()
    caplog.clear()
    build(config)  # the built-in template agrees with the links
