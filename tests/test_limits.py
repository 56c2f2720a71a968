"""The stated limits: each is enforced with a clear, located error instead of a crash or a stall."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import LoadFiles
from process_handbook import limits


def steps(count: int, *, branches: int = 0) -> str:
    lines = ["title: 大流程", "owner: support-manager", "steps:"]
    for i in range(count):
        lines += [
            f"  - id: s{i}",
            f"    name: 步骤 {i}",
            "    lane: support",
            "    owner: support-specialist",
        ]
        if branches and i + branches < count:
            lines += ["    kind: decision", "    next:"]
            lines += [f"      - {{to: s{i + 1 + k}, when: 分支{k}}}" for k in range(branches)]
    return "\n".join(lines) + "\n"


def test_too_many_steps(load_files: LoadFiles) -> None:
    loaded = load_files({"big.yml": steps(limits.MAX_STEPS + 1)})
    [error] = loaded.errors
    assert (error.code, error.line) == ("too-many-steps", 3)
    assert str(limits.MAX_STEPS) in error.message and "subprocess" in error.hint


def dense(drawn: int) -> str:
    """150 steps whose swimlane draws exactly `drawn` arrows (the one from the start included)."""
    rest, (a, b) = drawn - 1 - limits.MAX_STEPS, (0, 0)
    a, extra = divmod(rest, 3)
    b = {0: 0, 1: 2, 2: 1}[extra]
    a -= 1 if extra == 1 else 0
    lines = ["title: 密集流程", "owner: support-manager", "steps:"]
    for i in range(limits.MAX_STEPS):
        lines += [f"  - id: s{i}", f"    name: 步骤 {i}", "    lane: support"]
        lines += ["    owner: support-specialist"]
        branches = 4 if i < a else 3 if i < a + b else 1
        if branches > 1:
            lines += ["    kind: decision", "    next:"]
            lines += [f"      - {{to: s{i + 1 + k}, when: 分支{k}}}" for k in range(branches)]
    return "\n".join(lines) + "\n"


def test_the_arrow_limit_counts_every_arrow_drawn(load_files: LoadFiles) -> None:
    """Mermaid draws at most 500 arrows, counting the one from the start and those to the end."""
    assert not load_files({"full.yml": dense(limits.MAX_EDGES)}).errors
    [error] = load_files({"full.yml": dense(limits.MAX_EDGES + 1)}).errors
    assert (error.code, error.line) == ("too-many-edges", 3)
    assert "501 arrows" in error.message and str(limits.MAX_EDGES) in error.message


def test_too_many_arrows_for_one_diagram(load_files: LoadFiles) -> None:
    loaded = load_files({"dense.yml": steps(limits.MAX_STEPS, branches=4)})
    assert [e.code for e in loaded.errors] == ["too-many-edges"]
    assert str(limits.MAX_EDGES) in loaded.errors[0].message


def test_a_file_over_the_size_cap(load_files: LoadFiles) -> None:
    padding = "# " + "填充" * 100 + "\n"
    text = steps(2) + padding * (limits.MAX_FILE_BYTES // len(padding.encode()) + 1)
    [error] = load_files({"huge.yml": text}).errors
    assert (error.code, error.line, error.column) == ("file-too-large", 1, 1)
    assert "KiB" in error.message


def test_too_many_process_files(
    load_files: LoadFiles, processes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_PROCESSES", 3)
    loaded = load_files({f"p{i}.yml": steps(1) for i in range(5)})
    assert [e.code for e in loaded.errors] == ["too-many-processes"]
    assert "5 process files" in loaded.errors[0].message
    assert len(loaded.handbook.processes) == 3
