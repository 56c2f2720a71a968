"""One vocabulary for every subcommand: `--processes DIR` names the processes folder, `--language`
the language, whose default is the site's (mkdocs.yml here), else zh. Old spellings still work,
unlisted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from process_handbook.adapters.cli import cli
from sitekit import REPO

SAMPLE = str(REPO / "processes")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
WITH_A_FOLDER = [
    ["validate"],
    ["stale"],
    ["new"],
    ["diff"],
    ["generate"],
    ["metrics"],
    ["export", "bpmn"],
    ["import", "bpmn"],
]
WITH_A_LANGUAGE = [["init"], ["new"], ["diff"], ["generate"], ["metrics"], ["export", "bpmn"]]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def english_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current folder holds the mkdocs.yml of an English site."""
    (tmp_path / "mkdocs.yml").write_text("theme:\n  name: material\n  language: en\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("command", WITH_A_FOLDER, ids=" ".join)
def test_every_command_names_the_processes_folder_the_same_way(command: list[str]) -> None:
    shown = run(*command, "--help").output
    assert "--processes DIR" in shown and "(default: processes)" in shown
    assert "--dir" not in shown and "PROCESSES_DIR" not in shown


@pytest.mark.parametrize("command", WITH_A_LANGUAGE, ids=" ".join)
def test_every_command_takes_the_same_language_option(command: list[str]) -> None:
    shown = " ".join(run(*command, "--help").output.split())
    assert "--language [zh|en]" in shown
    assert "(default: the site's, from mkdocs.yml; else zh)" in shown
    assert "--lang " not in shown


@pytest.mark.parametrize(
    "args",
    [
        ["validate", SAMPLE, "--today", "2026-11-23"],  # the folder as the first argument
        ["stale", SAMPLE, "--today", "2026-11-23"],
        ["metrics", "--processes", SAMPLE, "--lang", "en"],
    ],
    ids=lambda args: args[0],
)
def test_the_old_spellings_still_work(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.output


def test_two_different_folders_are_a_usage_error(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path), "--processes", SAMPLE)
    assert result.exit_code == 2
    assert "two processes folders given" in result.output


def test_a_missing_folder_is_a_usage_error_naming_the_option(tmp_path: Path) -> None:
    result = run("validate", "--processes", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "Invalid value for '--processes'" in result.output and "does not exist" in result.output


def test_metrics_follow_the_site_s_language(english_site: Path) -> None:
    result = run("metrics", "--processes", SAMPLE)
    assert "The redesign: Steps 11 → 14, Handoffs 8 → 9" in result.output
    assert "改版" not in result.output


def test_an_unreadable_site_configuration_is_a_usage_error(english_site: Path) -> None:
    (english_site / "mkdocs.yml").write_text("theme: [unclosed\n", "utf-8")
    result = run("metrics", "--processes", SAMPLE)
    assert result.exit_code == 2
    assert "Invalid value for --config: cannot read mkdocs.yml" in result.output


def test_generate_takes_the_site_s_language_and_time_zone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "hb", "--language", "en").exit_code == 0
    site = tmp_path / "hb" / "mkdocs.yml"
    site.write_text(site.read_text("utf-8").replace("timezone: UTC", "timezone: Europe/Berlin"))
    monkeypatch.chdir(tmp_path / "hb")
    result = run("generate", "--out", str(tmp_path / "out"), "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "processes" / "purchase-request.md").read_text("utf-8")
    assert "# Purchase request" in page
    assert not CHINESE.search(page)
    calendars = [p.read_text("utf-8") for p in (tmp_path / "out").rglob("*.ics")]
    assert calendars and all("Europe/Berlin" in text for text in calendars)
