"""The process-owner guide stays true: its error example is real output, its commands parse."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from process_handbook.adapters.cli import cli
from test_ci_templates import accepted

REPO = Path(__file__).resolve().parent.parent
GUIDE = (REPO / "docs" / "guide.md").read_text("utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", GUIDE, re.DOTALL)


def test_the_error_example_is_what_validate_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "processes", tmp_path / "processes")
    path = tmp_path / "processes" / "complaint-handling.yml"
    path.write_text(
        path.read_text("utf-8").replace("owner: support-specialist", "owner: suport-specialist", 1),
        "utf-8",
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate", "processes", "--today", "2026-11-23"])
    example = next(b for b in blocks("text") if "suport-specialist" in b).splitlines()
    output = result.output.splitlines()
    assert example[:2] == output[:2]  # the error and its fix, verbatim
    assert example[-1].split(":")[0] == output[-1].split(":")[0] == "FAILED"


def test_every_handbook_command_in_the_guide_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    lines = [line.split("#")[0].strip() for block in blocks("sh") for line in block.splitlines()]
    commands = [shlex.split(line) for line in lines if line.startswith("handbook ")]
    assert {c[1] for c in commands} >= {"new", "validate", "stale"}
    for command in commands:
        accepted(command)


def test_the_placeholders_for_the_lead_close_the_guide() -> None:
    headings = re.findall(r"^## (.+?)(?: \{#[a-z-]+\})?$", GUIDE, re.MULTILINE)
    assert headings[-2:] == [
        "日历与导出 / Calendars and exports",
        "目标、问题与改进计划 / Goals, problems and the improvement plan",
    ]
    assert "English summary" in headings


def test_the_codes_the_guide_names_are_rules() -> None:
    from process_handbook.validation import rules

    section = GUIDE.split("{#codes}", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([a-z]+(?:-[a-z0-9]+)+)`", section))
    assert len(named) >= 15
    assert named <= {rule.code for rule in rules()}, named - {rule.code for rule in rules()}
