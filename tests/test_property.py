"""Property tests: whatever a process owner (or an attacker) writes, the tool answers with diagnostics.

Reading never raises; loading never raises and never hits the internal-error
guard (which would mean a check crashed on input it did not expect).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from process_handbook.diagnostics import Diagnostic, Report
from process_handbook.loading.reader import read_yaml
from process_handbook.model import entities
from process_handbook.model.introspect import fields_of
from process_handbook.pipeline import load

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# --- (a) arbitrary input to the reader -------------------------------------------

YAML_PIECES = [
    ": ",
    ":",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "? ",
    "&a ",
    "*a",
    "!!str ",
    "!!int ",
    "! ",
    "!x ",
    "\n",
    "\r\n",
    "  ",
    "    ",
    "\t",
    "# ",
    "'",
    '"',
    "\\",
    "---\n",
    "...\n",
    "|\n",
    ">-\n",
    "%YAML 1.2\n",
    "<<: ",
    "~",
    "null",
    "yes",
    "no",
    "15:00",
    "2026-02-30",
    "0x1F",
    ".inf",
    "\ufeff",
    "\u2028",
    "\x85",
    "\x00",
    "\x1b",
    "客服部",
    "受理投诉",
    "title",
    "owner",
    "steps",
    "name",
    "lane",
    "next",
    "end",
]


yamlish_text = st.lists(
    st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=6)),
    max_size=60,
).map("".join)


def check_read(data: bytes) -> None:
    report = Report("x.yml")
    node = read_yaml(data, report)
    if node is None:
        assert report.items, "nothing was read, so something must be reported"
    lines = data.count(b"\n") + data.count(b"\r") + 2
    for found in report.items:
        assert found.line >= 1 and found.column >= 1
        assert found.line <= lines
        assert found.message and found.hint
        assert found.code != "internal-error"


@SETTINGS
@given(st.binary(max_size=400))
def test_read_yaml_never_raises_on_bytes(data: bytes) -> None:
    check_read(data)


@SETTINGS
@given(st.text(max_size=400))
def test_read_yaml_never_raises_on_text(text: str) -> None:
    check_read(text.encode("utf-8", "surrogatepass"))


@SETTINGS
@given(yamlish_text)
def test_read_yaml_never_raises_on_yaml_like_text(text: str) -> None:
    check_read(text.encode("utf-8", "surrogatepass"))


# --- (b) random documents through the whole pipeline ---------------------------


def _field_names() -> list[str]:
    classes = [
        obj
        for obj in vars(entities).values()
        if isinstance(obj, type)
        and dataclasses.is_dataclass(obj)
        and obj.__module__ == entities.__name__
    ]
    return sorted({f.name for cls in classes for f in fields_of(cls)})


FIELD_NAMES = _field_names()

REAL_VALUES = [
    "support",
    "rnd",
    "sales",
    "support-manager",
    "support-specialist",
    "rnd-lead",
    "sales-manager",
    "project-group",
    "feishu-base",
    "end",
    "s1",
    "s2",
    "s3",
    "meeting-1",
    "decision",
    "subprocess",
    "task",
    "removed",
    "new",
    "week",
    "2 weeks",
    "month",
    "day",
    "weekday",
    "quarter",
    "wednesday",
    "周三",
    "first monday",
    "last friday",
    "15",
    "15:00",
    "25:00",
    "60m",
    "2h",
    "0m",
    "3d",
    "6 months",
    "Asia/Shanghai",
    "Mars/Olympus",
    "2026-01-01",
    "2026-02-30",
    "templates/x.docx",
    "../x",
    "/etc/passwd",
    "https://example.invalid",
    "javascript:alert(1)",
    "客服部",
    "受理投诉",
    "everyone",
    "new-hire",
    "high",
    "active",
    "retired",
    "draft",
    "Receive Complaint",
    "",
    " ",
]

scalars = st.one_of(
    st.sampled_from(REAL_VALUES),
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.text(max_size=12),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=8))


def documents(leaves: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        leaves,
        lambda children: st.one_of(
            st.lists(children, max_size=5),
            st.dictionaries(keys, children, max_size=6),
        ),
        max_leaves=40,
    )


def mostly(*valid: str) -> st.SearchStrategy[Any]:
    """A valid value about half of the time, anything else otherwise."""
    return st.one_of(st.sampled_from(valid), scalars)


STEP_IDS = ("s1", "s2", "s3", "s4", "s5", "end", "receive")


def step_like() -> st.SearchStrategy[dict[str, Any]]:
    """Mostly well-formed steps: the shape that gets past binding to the flow rules."""
    branch = st.fixed_dictionaries(
        {"to": mostly(*STEP_IDS)},
        optional={"when": mostly("是", "否", "yes", "no")},
    )
    return st.fixed_dictionaries(
        {
            "name": mostly("受理投诉", "答复客户"),
            "lane": mostly("support", "rnd", "sales"),
            "owner": mostly("support-manager", "rnd-lead", "sales-manager"),
        },
        optional={
            "id": mostly("receive", "s1", "s2", "end"),
            "kind": mostly("task", "decision", "subprocess"),
            "process": mostly("random", "other"),
            "change": mostly("new", "changed", "removed"),
            "responsible": documents(scalars),
            "support": documents(scalars),
            "duration": mostly("2h", "30m"),
            "next": st.one_of(mostly(*STEP_IDS), st.lists(st.one_of(branch, scalars), max_size=4)),
        },
    )


process_like = st.fixed_dictionaries(
    {
        "title": mostly("客户投诉处理流程"),
        "owner": mostly("support-manager"),
        "steps": st.one_of(st.lists(step_like(), min_size=1, max_size=8), documents(scalars)),
    },
    optional={
        "id": scalars,
        "lanes": documents(scalars),
        "status": scalars,
        "last_reviewed": scalars,
        "review_every": scalars,
        "effective": scalars,
        "meetings": documents(scalars),
        "templates": documents(scalars),
        "problems": documents(scalars),
        "plan": documents(scalars),
        "team": documents(scalars),
        "channels": documents(scalars),
    },
)


def dump(document: Any) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory, organization_yml: str) -> Path:
    folder = tmp_path_factory.mktemp("property") / "processes"
    folder.mkdir()
    (folder / "organization.yml").write_text(organization_yml, encoding="utf-8")
    return folder


def check_load(root: Path) -> list[Diagnostic]:
    loaded = load(root, today=dt.date(2026, 11, 23))
    crashes = [d.format() for d in loaded.diagnostics if d.code == "internal-error"]
    assert not crashes, crashes
    for found in loaded.diagnostics:
        assert found.line >= 1 and found.column >= 1 and found.message and found.hint
    return loaded.diagnostics


@SETTINGS
@given(documents(scalars))
def test_load_never_crashes_on_random_documents(root: Path, document: Any) -> None:
    (root / "random.yml").write_text(dump(document), encoding="utf-8")
    check_load(root)


@SETTINGS
@given(process_like, process_like)
def test_load_never_crashes_on_process_shaped_documents(
    root: Path, first: Any, second: Any
) -> None:
    (root / "random.yml").write_text(dump(first), encoding="utf-8")
    (root / "other.yml").write_text(dump(second), encoding="utf-8")
    try:
        check_load(root)
    finally:
        (root / "other.yml").unlink()


@SETTINGS
@given(documents(scalars), yamlish_text)
def test_load_never_crashes_on_a_random_organization(
    tmp_path: Path, document: Any, text: str
) -> None:
    folder = tmp_path / "org"
    folder.mkdir(exist_ok=True)
    (folder / "process.yml").write_text(
        "title: 流程\nowner: support-manager\nsteps:\n  - {name: 受理, lane: support, owner: support-manager}\n",
        encoding="utf-8",
    )
    (folder / "organization.yml").write_text(dump(document), encoding="utf-8")
    check_load(folder)
    (folder / "organization.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
    check_load(folder)
