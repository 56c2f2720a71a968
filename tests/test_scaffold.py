"""`handbook new`: the starter file validates at once, names only what exists, overwrites nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result

from conftest import TODAY
from process_handbook.adapters.cli import cli
from process_handbook.diagnostics import Report
from process_handbook.loading.reader import read_yaml
from process_handbook.pipeline import load
from process_handbook.schema import json_schema


def new(processes_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["new", *args, "--processes", str(processes_dir)])


def validate(processes_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(
        cli, ["validate", "--processes", str(processes_dir), "--today", TODAY.isoformat(), *args]
    )


def test_the_starter_file_validates_strictly_at_once(processes_dir: Path) -> None:
    result = new(processes_dir, "refund", "--title", "退款流程", "--owner", "support-manager")
    assert result.exit_code == 0, result.output
    target = processes_dir / "refund.yml"
    assert f"wrote {target.as_posix()}" in result.output
    checked = validate(processes_dir, "--strict")
    assert checked.exit_code == 0, checked.output
    assert checked.output.strip() == "OK: 1 process, 2 steps, 0 errors, 0 warnings"
    process = load(processes_dir, today=TODAY).handbook.process_by_id["refund"]
    assert process.title == "退款流程"
    assert process.owner == "support-manager"
    assert [s.lane for s in process.steps] == ["support", "support"]  # the owner's department
    assert process.status == "draft"


def test_the_starter_file_passes_the_editor_schema(processes_dir: Path) -> None:
    assert (
        new(processes_dir, "refund", "--title", "退款", "--owner", "support-manager").exit_code == 0
    )
    node = read_yaml((processes_dir / "refund.yml").read_bytes(), Report("refund.yml"))
    assert node is not None
    jsonschema.validate(node.to_data(), json_schema("process"))


def test_the_starter_file_is_commented_and_points_editors_at_the_schema(
    processes_dir: Path,
) -> None:
    assert (
        new(processes_dir, "refund", "--title", "退款", "--owner", "support-manager").exit_code == 0
    )
    lines = (processes_dir / "refund.yml").read_text("utf-8").splitlines()
    # processes/ sits next to schemas/ in a handbook repository
    assert lines[0] == "# yaml-language-server: $schema=../schemas/process.schema.json"
    assert any("第一责任人" in line for line in lines)  # the repository's site is in Chinese
    assert not any("accountable owner" in line for line in lines)
    assert any(line.startswith("# meetings:") for line in lines)  # examples to uncomment
    assert any("kind: decision" in line for line in lines)


#: Chinese characters, and the organization's Chinese names that an English starter still quotes.
CHINESE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
NAMES = ("客服部经理", "客服部")


def english_only(text: str) -> bool:
    for name in NAMES:
        text = text.replace(name, "")
    return not CHINESE.search(text)


def test_an_english_starter_has_no_chinese_but_the_organization_s_names(
    processes_dir: Path,
) -> None:
    result = new(
        processes_dir,
        "refund",
        "--title",
        "Refund",
        "--owner",
        "support-manager",
        "--language",
        "en",
    )
    assert result.exit_code == 0, result.output
    text = (processes_dir / "refund.yml").read_text("utf-8")
    assert "accountable owner: exactly one role" in text
    assert "name: Name the first step" in text
    assert english_only(text), [line for line in text.splitlines() if not english_only(line)]
    checked = validate(processes_dir, "--strict")
    assert checked.output.strip() == "OK: 1 process, 2 steps, 0 errors, 0 warnings"


@pytest.mark.parametrize(
    ("site", "english"),
    [
        ("theme: {name: material, language: en}\n", True),
        (
            "theme: {name: material, language: zh}\nplugins: [{process-handbook: {language: en}}]\n",
            True,
        ),
        ("theme: {name: material, language: zh-TW}\n", False),
        (None, False),  # no site here: zh
    ],
)
def test_the_starter_follows_the_site_s_language(
    processes_dir: Path, monkeypatch: pytest.MonkeyPatch, site: str | None, english: bool
) -> None:
    monkeypatch.chdir(processes_dir.parent)
    if site is not None:
        (processes_dir.parent / "mkdocs.yml").write_text(site, encoding="utf-8")
    assert new(processes_dir, "refund", "--title", "R", "--owner", "support-manager").exit_code == 0
    text = (processes_dir / "refund.yml").read_text("utf-8")
    assert english_only(text) is english


def test_the_old_spellings_still_work(processes_dir: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "new",
            "refund",
            "--title",
            "R",
            "--owner",
            "support-manager",
            "--dir",
            str(processes_dir),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    assert english_only((processes_dir / "refund.yml").read_text("utf-8"))
    help_text = CliRunner().invoke(cli, ["new", "--help"]).output
    assert "--processes DIR" in help_text and "--language [zh|en]" in help_text
    assert "--dir" not in help_text and "--lang " not in help_text


def test_the_schema_line_is_relative_to_a_sub_folder(processes_dir: Path) -> None:
    result = new(
        processes_dir,
        "refund",
        "--title",
        "退款",
        "--owner",
        "sales-manager",
        "--folder",
        "sales/after",
    )
    assert result.exit_code == 0, result.output
    first = (processes_dir / "sales/after/refund.yml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../../schemas/process.schema.json"
    assert validate(processes_dir, "--strict").exit_code == 0


@pytest.mark.parametrize(
    "title", ["审批: 第 1 版 #2", "'quoted' \"both\"", "yes", "15:00", "- 列表？", "[x] {y}"]
)
def test_any_title_reads_back_exactly(processes_dir: Path, title: str) -> None:
    assert new(processes_dir, "p", "--title", title, "--owner", "support-manager").exit_code == 0
    loaded = load(processes_dir, today=TODAY)
    assert not loaded.diagnostics, [d.format() for d in loaded.diagnostics]
    assert loaded.handbook.process_by_id["p"].title == title


def test_lane_can_be_another_department(processes_dir: Path) -> None:
    result = new(
        processes_dir, "fix", "--title", "缺陷修复", "--owner", "rnd-lead", "--lane", "support"
    )
    assert result.exit_code == 0, result.output
    assert validate(processes_dir, "--strict").exit_code == 0
    process = load(processes_dir, today=TODAY).handbook.process_by_id["fix"]
    assert {s.lane for s in process.steps} == {"support"}


@pytest.mark.parametrize(
    ("owner", "suggestion"),
    [
        ("suport-manager", "did you mean 'support-manager'?"),
        ("客服专员", "did you mean 'support-specialist'?"),  # the role's name instead of its id
    ],
)
def test_an_unknown_owner_is_refused_with_a_suggestion(
    processes_dir: Path, owner: str, suggestion: str
) -> None:
    result = new(processes_dir, "refund", "--title", "退款", "--owner", owner)
    assert result.exit_code == 2
    assert f"unknown role '{owner}'" in result.output
    assert suggestion in result.output
    assert not (processes_dir / "refund.yml").exists()


def test_an_unknown_lane_is_refused_with_a_suggestion(processes_dir: Path) -> None:
    result = new(
        processes_dir, "refund", "--title", "退款", "--owner", "support-manager", "--lane", "sale"
    )
    assert result.exit_code == 2
    assert "unknown department 'sale'" in result.output and "did you mean 'sales'?" in result.output
    assert not (processes_dir / "refund.yml").exists()


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ("Refund", "'Refund' cannot be a process id"),
        ("退款", "'退款' cannot be a process id"),
        ("a b", "'a b' cannot be a process id"),
        ("-x", "No such option '-x'"),  # click reads it as an option: a usage error all the same
    ],
)
def test_an_id_that_is_no_slug_is_refused(processes_dir: Path, bad: str, says: str) -> None:
    result = new(processes_dir, bad, "--title", "退款", "--owner", "support-manager")
    assert result.exit_code == 2
    assert says in result.output
    assert list(processes_dir.glob("*.yml")) == [processes_dir / "organization.yml"]


@pytest.mark.parametrize("folder", ["../outside", "/tmp", ".hidden"])
def test_the_folder_stays_inside_the_processes_folder(processes_dir: Path, folder: str) -> None:
    result = new(
        processes_dir, "refund", "--title", "退款", "--owner", "support-manager", "--folder", folder
    )
    assert result.exit_code == 2
    assert "is not a sub-folder of the processes folder" in result.output
    assert not list(processes_dir.parent.rglob("refund.yml"))


def test_an_existing_file_is_never_overwritten(processes_dir: Path) -> None:
    target = processes_dir / "refund.yml"
    target.write_text(
        "title: [unfinished\n", encoding="utf-8"
    )  # not even valid: still not replaced
    result = new(processes_dir, "refund", "--title", "退款", "--owner", "support-manager")
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert target.read_text("utf-8") == "title: [unfinished\n"


def test_an_existing_process_id_is_refused_wherever_its_file_is(processes_dir: Path) -> None:
    assert (
        new(processes_dir, "refund", "--title", "退款", "--owner", "support-manager").exit_code == 0
    )
    before = (processes_dir / "refund.yml").read_text("utf-8")
    result = new(
        processes_dir,
        "refund",
        "--title",
        "另一个",
        "--owner",
        "sales-manager",
        "--folder",
        "sales",
    )
    assert result.exit_code == 2
    assert "a process with the id 'refund' already exists (refund.yml)" in result.output
    assert not (processes_dir / "sales").exists()
    assert (processes_dir / "refund.yml").read_text("utf-8") == before


def test_the_sample_handbook_schema_exists_where_the_line_points() -> None:
    """In this repository the starter's schema line resolves to the committed schema file."""
    repo = Path(__file__).resolve().parent.parent
    schema = (repo / "processes" / "../schemas/process.schema.json").resolve()
    assert json.loads(schema.read_text("utf-8"))["title"].startswith("Process Handbook")
