"""`handbook init`: a new team's first five minutes. The folder it writes validates with no
finding and builds with `mkdocs build --strict`, every text in the language chosen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from process_handbook.adapters.cli import cli
from sitekit import REPO, mkdocs

CHINESE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
#: What `init` writes in the chosen language (the schemas describe every field in both; the CI
#: workflow is the repository's template as it is).
WRITTEN_IN_ONE_LANGUAGE = [
    "mkdocs.yml",
    "docs/index.md",
    "processes/organization.yml",
    "processes/purchase-request.yml",
]


def init(*args: str) -> Result:
    return CliRunner().invoke(cli, ["init", *args])


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder with no mkdocs.yml (the language default is then zh)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("language", ["zh", "en"])
def test_init_writes_a_handbook_that_validates_with_no_finding(here: Path, language: str) -> None:
    result = init("team-handbook", "--language", language)
    assert result.exit_code == 0, result.output
    for name in [*WRITTEN_IN_ONE_LANGUAGE, ".github/workflows/handbook.yml", ".gitignore"]:
        assert f"wrote team-handbook/{name}\n" in result.output
    assert "next: cd team-handbook && handbook validate --processes processes" in result.output
    folder = here / "team-handbook"
    workflow = (folder / ".github/workflows/handbook.yml").read_bytes()
    assert workflow == (REPO / "ci-templates" / "github-actions.yml").read_bytes()
    script = (folder / "ci" / "handbook-ci.sh").read_bytes()  # what the workflow runs
    assert script == (REPO / "ci-templates" / "handbook-ci.sh").read_bytes()
    checked = CliRunner().invoke(
        cli, ["validate", "--processes", str(folder / "processes"), "--strict"]
    )
    assert checked.output == "OK: 1 process, 4 steps, 0 errors, 0 warnings\n"
    first = (folder / "processes/purchase-request.yml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/process.schema.json"
    assert (folder / "schemas/process.schema.json").is_file()


def test_an_english_handbook_has_no_chinese(here: Path) -> None:
    assert init("hb", "--language", "en").exit_code == 0
    for name in WRITTEN_IN_ONE_LANGUAGE:
        text = (here / "hb" / name).read_text("utf-8")
        assert not CHINESE.search(text), (name, CHINESE.findall(text))
    assert "  language: en" in (here / "hb/mkdocs.yml").read_text("utf-8")


def test_a_chinese_handbook_is_in_chinese(here: Path) -> None:
    assert init("hb").exit_code == 0  # no site here: zh
    organization = (here / "hb/processes/organization.yml").read_text("utf-8")
    assert "name: 采购部" in organization and "Purchasing" not in organization
    assert "  language: zh" in (here / "hb/mkdocs.yml").read_text("utf-8")
    assert "# 流程步骤（必填）" in (here / "hb/processes/purchase-request.yml").read_text("utf-8")


def test_the_language_follows_the_site_of_the_current_folder(here: Path) -> None:
    (here / "mkdocs.yml").write_text("theme:\n  name: material\n  language: en\n", "utf-8")
    assert init("hb").exit_code == 0
    assert "  language: en" in (here / "hb/mkdocs.yml").read_text("utf-8")


def test_init_writes_into_the_current_folder_when_it_is_empty(here: Path) -> None:
    result = init("--language", "en")
    assert result.exit_code == 0, result.output
    assert "wrote mkdocs.yml\n" in result.output
    assert "next: handbook validate --processes processes" in result.output
    assert (here / "processes/organization.yml").is_file()


@pytest.mark.parametrize("occupant", ["notes.txt", ".hidden", "docs/index.md"])
def test_a_folder_that_is_not_empty_is_refused_and_left_as_it_is(here: Path, occupant: str) -> None:
    (here / "hb" / occupant).parent.mkdir(parents=True)
    (here / "hb" / occupant).write_text("mine\n", "utf-8")
    result = init("hb")
    assert result.exit_code == 2
    assert result.output == (
        "handbook init: error: hb is not empty; nothing written\n"
        "    fix: name a new or empty folder, e.g. `handbook init my-handbook`\n"
    )
    assert sorted(p.name for p in (here / "hb").rglob("*")) == sorted(
        {Path(occupant).parts[0], Path(occupant).name}
    )


def test_a_new_git_repository_is_empty_enough(here: Path) -> None:
    (here / "hb" / ".git").mkdir(parents=True)
    (here / "hb" / ".git" / "HEAD").write_text("ref: refs/heads/main\n", "utf-8")
    assert init("hb").exit_code == 0
    assert (here / "hb" / "processes" / "organization.yml").is_file()
    assert (here / "hb" / ".git" / "HEAD").read_text("utf-8") == "ref: refs/heads/main\n"


def test_a_file_is_refused(here: Path) -> None:
    (here / "hb").write_text("mine\n", "utf-8")
    result = init("hb")
    assert result.exit_code == 2
    assert "'hb' is a file" in result.output
    assert "Traceback" not in result.output
    assert (here / "hb").read_text("utf-8") == "mine\n"


@pytest.mark.site
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_new_handbook_builds_strictly(here: Path, language: str) -> None:
    assert init("hb", "--language", language).exit_code == 0
    folder = here / "hb"
    built = mkdocs("build", "--strict", cwd=folder)
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr
    page = (folder / "site/processes/purchase-request/index.html").read_text("utf-8")
    assert ("采购申请流程" in page) is (language == "zh")
    assert ("Purchase request" in page) is (language == "en")
    assert 'class="ph-swimlane"' in page and "mermaid.min.js" in page
    if language == "en":
        assert not CHINESE.search(page)
