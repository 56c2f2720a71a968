"""Shared fixtures: a processes folder written from text, checked on a fixed date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from process_handbook.handbook import Loaded, load

#: The date every test checks reviews against, so results never depend on the calendar.
TODAY = dt.date(2026, 11, 23)

ORGANIZATION = """\
departments:
  - id: support
    name: 客服部
  - id: rnd
    name: 研发部
  - id: sales
    name: 销售部
roles:
  - id: support-manager
    name: 客服部经理
    department: support
  - id: support-specialist
    name: 客服专员
    department: support
  - id: rnd-lead
    name: 研发组长
    department: rnd
  - id: sales-manager
    name: 销售经理
    department: sales
channels:
  - id: project-group
    name: 项目协作群
tools:
  - id: feishu-base
    name: 飞书多维表格
"""

@pytest.fixture(scope="session")
def today() -> dt.date:
    return TODAY


@pytest.fixture(scope="session")
def organization_yml() -> str:
    """The text of the small organization.yml above."""
    return ORGANIZATION


LoadFiles = Callable[[dict[str, str]], Loaded]


@pytest.fixture
def processes_dir(tmp_path: Path) -> Path:
    """An empty processes folder with the small organization above."""
    root = tmp_path / "processes"
    root.mkdir()
    (root / "organization.yml").write_text(ORGANIZATION, encoding="utf-8")
    return root


@pytest.fixture
def load_files(processes_dir: Path) -> LoadFiles:
    """Write `{relative path: text}` into the processes folder and load it."""

    def write_and_load(files: dict[str, str]) -> Loaded:
        for relative, text in files.items():
            path = processes_dir / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return load(processes_dir, today=TODAY)

    return write_and_load
