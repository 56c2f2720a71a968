"""`check` (what `handbook validate` runs) finds what `load` (the site build) finds, file by
file in several processes, including the rules that need every file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import process_handbook.pipeline as pipeline
from conftest import TODAY
from process_handbook.adapters.cli import cli
from process_handbook.pipeline import check, load

STEP = "  - {name: 受理, lane: support, owner: support-specialist}\n"


def process(title: str, *, extra: str = "", steps: str = STEP) -> str:
    return f"title: {title}\nowner: support-manager\n{extra}steps:\n{steps}"


@pytest.fixture
def handbook(processes_dir: Path) -> Path:
    """Nine process files whose problems span files: a duplicate id, references to
    processes in other files (one unknown), a file that is not YAML, a wrong field."""
    files = {
        "a-intake.yml": process("受理"),
        "b-refund.yml": process(
            "退款",
            steps=STEP + "  - {name: 复核, lane: support, owner: support-manager, kind: subprocess,"
            " process: i-review}\n",
        ),
        "c-broken.yml": "title: [unclosed\n",
        "d-escalate.yml": process(
            "升级",
            steps=STEP + "  - {name: 转交, lane: rnd, owner: rnd-lead, kind: subprocess,"
            " process: a-intak}\n",
        ),
        "e-intake-copy.yml": process("受理（副本）", extra="id: a-intake\n"),
        "f-plain.yml": process("普通", extra="colour: red\n"),
        "g-plain.yml": process("普通二", steps=STEP * 3),
        "sub/h-plain.yml": process("普通三"),
        "sub/i-review.yml": process("复核"),
    }
    for relative, text in files.items():
        path = processes_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return processes_dir


def test_check_in_several_processes_finds_exactly_what_load_finds(handbook: Path) -> None:
    loaded = load(handbook, today=TODAY)
    codes = {(d.file, d.code) for d in loaded.diagnostics}
    assert {
        ("c-broken.yml", "yaml-syntax"),
        ("d-escalate.yml", "unknown-reference"),
        ("e-intake-copy.yml", "duplicate-process"),
        ("f-plain.yml", "unknown-field"),
    } <= codes
    assert not any(
        d.file == "b-refund.yml" for d in loaded.diagnostics
    )  # i-review is in the last file
    for workers in (1, 2, 3, 9, None):
        checked = check(handbook, today=TODAY, workers=workers)
        assert checked.diagnostics == loaded.diagnostics, workers
        assert (checked.processes, checked.steps) == (8, 12)
    assert len(loaded.handbook.processes) == 8


def test_a_reference_to_another_file_is_reported_where_it_is_written(handbook: Path) -> None:
    found = [
        d
        for d in check(handbook, today=TODAY, workers=3).diagnostics
        if d.code == "unknown-reference"
    ]
    lines = (handbook / "d-escalate.yml").read_text(encoding="utf-8").splitlines()
    assert [(d.file, d.line, d.column) for d in found] == [
        ("d-escalate.yml", 5, lines[4].index("a-intak") + 1)
    ]
    assert "a-intak" in found[0].message and "a-intake" in found[0].hint


#: Run in a fresh interpreter: this one may have threads (a test server), and then no
#: child is forked, by design (background.py).
RECORD_CHUNKS = r"""
import datetime as dt, os, sys
from pathlib import Path
import process_handbook.pipeline as pipeline

original = pipeline._check_chunk
def recording(sources, *rest):
    os.write(1, f"{os.getpid()} {len(sources)}\n".encode())  # one write: lines of the processes never mix
    return original(sources, *rest)
pipeline._check_chunk = recording
checked = pipeline.check(Path(sys.argv[1]), today=dt.date(2026, 11, 23), workers=3)
os.write(1, f"parent {os.getpid()} {checked.processes} {len(checked.diagnostics)}\n".encode())
"""


def test_the_files_are_shared_between_this_process_and_forked_children(handbook: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", RECORD_CHUNKS, str(handbook)],
        capture_output=True,
        text=True,
        check=True,
    )
    *chunks, summary = done.stdout.splitlines()
    _, parent, processes, diagnostics = summary.split()
    sizes = {pid: int(size) for pid, size in (line.split() for line in chunks)}
    assert len(sizes) == 3 and parent in sizes  # this process and two children, a chunk each
    assert sorted(sizes.values()) == [3, 3, 3]  # the nine files
    assert (int(processes), int(diagnostics)) == (8, len(load(handbook, today=TODAY).diagnostics))


def test_small_handbooks_stay_in_one_process(
    handbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "Pending", None)  # would fail if used
    assert check(handbook, today=TODAY).diagnostics == load(handbook, today=TODAY).diagnostics


def test_handbook_validate_on_a_large_handbook_reports_every_file_in_order(
    processes_dir: Path,
) -> None:
    """150 files: `handbook validate` shares them between processes, yet prints one ordered report."""
    for number in range(150):
        (processes_dir / f"p{number:03}.yml").write_text(
            process(f"流程 {number}"), encoding="utf-8"
        )
    (processes_dir / "p000.yml").write_text(
        process("流程 0", extra="colour: red\n"), encoding="utf-8"
    )
    (processes_dir / "p149.yml").write_text(
        process("流程 149", extra="id: p000\n"), encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["validate", str(processes_dir), "--today", TODAY.isoformat()])
    root = processes_dir.as_posix()
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert errors == [
        f"{root}/p000.yml:3:1: error: unknown field 'colour' in a process file [unknown-field]",
        f"{root}/p149.yml:3:5: error: process id 'p000' is already used by p000.yml "
        "[duplicate-process]",
    ]
    assert result.output.endswith("FAILED: 150 processes, 150 steps, 2 errors, 0 warnings\n")
