"""The sample handbook in processes/: the product's demo content and a fixture of many tests.

It must stay valid, use every field of the format (new-product-launch.yml is the
complete example), and ship real template files that scripts/make_templates.py
reproduces byte for byte.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from process_handbook.model.entities import (
    Branch,
    Channel,
    Goal,
    Located,
    Meeting,
    Phase,
    Problem,
    Process,
    Step,
    Team,
    Template,
)
from process_handbook.model.introspect import fields_of
from process_handbook.pipeline import Loaded, load

REPO = Path(__file__).resolve().parent.parent
PROCESSES = REPO / "processes"
TEMPLATES = PROCESSES / "templates"
SCRIPT = REPO / "scripts" / "make_templates.py"
TODAY = dt.date(2026, 11, 23)
OVERDUE = "finance/annual-budget.yml"


@pytest.fixture(scope="module")
def loaded() -> Loaded:
    return load(PROCESSES, today=TODAY)


def by_id(loaded: Loaded, process_id: str) -> Process:
    return loaded.handbook.process_by_id[process_id]


def written_fields(objects: list[Located]) -> set[str]:
    """The field names written in the YAML of any of `objects`."""
    names: set[str] = set()
    for obj in objects:
        assert obj.source is not None
        names.update(key.text for key, _ in obj.source)
    return names


def field_names(cls: type) -> set[str]:
    return {info.name for info in fields_of(cls)}


# --- validity ------------------------------------------------------------------


def test_sample_has_no_errors(loaded: Loaded) -> None:
    assert [d.format("processes") for d in loaded.errors] == []


def test_only_warning_is_the_one_overdue_review(loaded: Loaded) -> None:
    warnings = loaded.warnings
    assert [(w.file, w.code) for w in warnings] == [(OVERDUE, "review-overdue")], [
        w.format("processes") for w in warnings
    ]
    assert warnings[0].dated


def test_without_a_date_the_sample_is_clean() -> None:
    result = load(PROCESSES, today=None)
    assert [d.format("processes") for d in result.diagnostics] == []


def test_the_handbook_is_big_enough_to_demonstrate(loaded: Loaded) -> None:
    org = loaded.handbook.organization
    assert len(org.departments) >= 8
    assert len(org.roles) >= 25
    assert len(org.channels) >= 3
    assert len(org.tools) >= 5
    assert len(loaded.handbook.processes) >= 5
    assert all(d.description and d.contact for d in org.departments)
    assert all(t.url and t.description for t in org.tools)
    assert all(str(t.url).startswith("https://example.invalid/") for t in org.tools)
    departments = {d.id for d in org.departments}
    assert not departments & {r.id for r in org.roles}, "a role id equals a department id"


# --- new-product-launch.yml uses every field -------------------------------------


# Each model class with the objects of new-product-launch.yml that must, together,
# write every one of its fields.
def _collect(process: Process) -> dict[type, list[Located]]:
    assert process.team is not None
    return {
        Process: [process],
        Team: [process.team],
        Goal: list(process.goals),
        Step: list(process.steps),
        Branch: [b for s in process.steps for b in s.branches],
        Meeting: list(process.meetings),
        Channel: list(process.channels),
        Template: list(process.templates),
        Problem: list(process.problems),
        Phase: list(process.plan),
    }


@pytest.mark.parametrize(
    "cls",
    [Process, Team, Goal, Step, Branch, Meeting, Channel, Template, Problem, Phase],
    ids=lambda c: c.__name__,
)
def test_new_product_launch_uses_every_field(loaded: Loaded, cls: type) -> None:
    objects = _collect(by_id(loaded, "new-product-launch"))[cls]
    assert objects, f"new-product-launch.yml has no {cls.__name__}"
    missing = field_names(cls) - written_fields(objects)
    assert not missing, (
        f"new-product-launch.yml never writes {cls.__name__} fields {sorted(missing)}"
    )


def test_new_product_launch_shows_every_kind_of_value(loaded: Loaded) -> None:
    process = by_id(loaded, "new-product-launch")
    assert {s.kind for s in process.steps} == {"task", "decision", "subprocess"}
    assert {s.change for s in process.steps} >= {"new", "changed", "removed"}
    assert {p.status for p in process.problems} == {"open", "fixed"}
    assert {p.category for p in process.problems} == {
        "人员",
        "设备",
        "材料",
        "方法",
        "环境",
        "测量",
    }
    assert {m.every for m in process.meetings} >= {"week", "month"}
    assert any(s.next == "end" for s in process.steps), "no explicit `next: end`"
    assert any(isinstance(s.next, str) and s.next != "end" for s in process.steps), (
        "no explicit `next: <step>`"
    )
    template_ids = {t.id for t in process.templates}
    assert any(template_ids & set(s.inputs) for s in process.steps), (
        "no step input names a template"
    )
    assert any(template_ids & set(s.outputs) for s in process.steps), (
        "no step output names a template"
    )


def test_new_product_launch_has_a_rework_loop_through_a_decision(loaded: Loaded) -> None:
    process = by_id(loaded, "new-product-launch")
    position = {s.id: i for i, s in enumerate(process.steps)}
    backwards = [
        (s.id, b.to, b.when)
        for s in process.steps
        if s.kind == "decision"
        for b in s.branches
        if b.to in position and position[b.to] < position[s.id]
    ]
    assert backwards, "no decision branch leads back to an earlier step"
    sample_ok = next(s for s in process.steps if s.name == "样品是否合格？")
    assert any(position[b.to] < position[sample_ok.id] for b in sample_ok.branches)


def test_removed_steps_are_only_in_the_old_version(loaded: Loaded) -> None:
    for process in loaded.handbook.processes:
        removed = {s.id for s in process.steps if s.change == "removed"}
        for step in process.current_steps:
            targets = [b.to for b in step.branches] or (
                [step.next] if isinstance(step.next, str) else []
            )
            assert not removed & set(targets), f"{process.file}: {step.id} leads to a removed step"
    assert any(s.change == "removed" for s in by_id(loaded, "new-product-launch").steps)


def test_goals_compare_like_with_like(loaded: Loaded) -> None:
    """Numeric goals write baseline, target and current in one unit, so progress can be shown."""
    number = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(.*?)\s*$")
    numeric = 0
    for process in loaded.handbook.processes:
        for goal in process.goals:
            values = [v for v in (goal.baseline, goal.target, goal.current) if v is not None]
            matches = [number.match(v) for v in values]
            if values and all(matches):
                numeric += 1
                units = {m[2] for m in matches if m}
                assert len(units) == 1, f"{process.file}: goal '{goal.metric}' mixes units {units}"
    launch = by_id(loaded, "new-product-launch")
    assert ("150 天", "120 天", "131 天") in [
        (g.baseline, g.target, g.current) for g in launch.goals
    ]
    assert ("75%", "95%", "82%") in [(g.baseline, g.target, g.current) for g in launch.goals]
    assert numeric >= 5


# --- the shape of the handbook --------------------------------------------------


def test_processes_live_in_sub_folders(loaded: Loaded) -> None:
    folders = {p.folder for p in loaded.handbook.processes}
    assert "" in folders
    assert {"finance", "sales", "hr"} <= folders


def test_there_is_a_new_hire_process(loaded: Loaded) -> None:
    onboarding = [p for p in loaded.handbook.processes if "new-hire" in p.audience]
    assert [p.id for p in onboarding] == ["new-hire-onboarding"]
    assert onboarding[0].folder == "hr"
    assert any(t.file.endswith(".md") for t in onboarding[0].templates)


def test_subprocesses_link_real_processes(loaded: Loaded) -> None:
    links = {
        (p.id, s.process)
        for p in loaded.handbook.processes
        for s in p.current_steps
        if s.kind == "subprocess"
    }
    assert ("complaint-handling", "compensation-approval") in links
    assert ("new-product-launch", "purchase-request") in links
    assert {target for _, target in links} <= set(loaded.handbook.process_by_id)


def test_statuses_and_meeting_cadences_are_all_shown(loaded: Loaded) -> None:
    processes = loaded.handbook.processes
    assert {p.status for p in processes} == {"active", "draft"}
    assert [p.id for p in processes if p.status == "draft"] == ["engineering-change"]
    cadences = {m.every for p in processes for m in p.meetings}
    assert cadences == {"day", "weekday", "week", "2 weeks", "month", "quarter"}
    monthly = [m.day for p in processes for m in p.meetings if m.every == "month" and m.day]
    assert any(d.ordinal is not None for d in monthly), "no monthly meeting on e.g. `first monday`"
    assert any(d.monthday is not None for d in monthly), "no monthly meeting on a day of the month"
    assert any(m.every == "quarter" for m in by_id(loaded, "annual-budget").meetings)


def test_every_decision_labels_its_branches(loaded: Loaded) -> None:
    for process in loaded.handbook.processes:
        for step in process.current_steps:
            if step.kind == "decision":
                assert len(step.branches) >= 2 and all(b.when for b in step.branches), (
                    process.file,
                    step.id,
                )
                assert step.name.endswith("？"), (
                    f"{process.file}: decision '{step.name}' is not a question"
                )


# --- template files --------------------------------------------------------------


def test_every_referenced_template_file_exists(loaded: Loaded) -> None:
    for process in loaded.handbook.processes:
        for template in process.templates:
            path = PROCESSES / template.file
            assert path.is_file() and not path.is_symlink(), f"{process.file}: {template.file}"
            assert path.stat().st_size > 0


def test_every_template_file_is_offered_by_a_process(loaded: Loaded) -> None:
    offered = {t.file for p in loaded.handbook.processes for t in p.templates}
    on_disk = {p.relative_to(PROCESSES).as_posix() for p in TEMPLATES.rglob("*") if p.is_file()}
    assert on_disk == offered
    assert {Path(f).suffix for f in on_disk} == {".xlsx", ".docx", ".md"}


def test_templates_are_real_documents() -> None:
    import docx
    import openpyxl

    for path in sorted(TEMPLATES.rglob("*.xlsx")):
        workbook = openpyxl.load_workbook(path)
        sheet = workbook.worksheets[0]
        texts = [
            c.value for row in sheet.iter_rows(max_row=12) for c in row if isinstance(c.value, str)
        ]
        assert any(re.search("[\u4e00-\u9fff]", t) for t in texts), path
        assert workbook.properties.created == dt.datetime(2026, 1, 1)
    for path in sorted(TEMPLATES.rglob("*.docx")):
        document = docx.Document(str(path))
        assert document.tables, path
        assert sum(len(p.text) for p in document.paragraphs) > 50, path
        assert document.core_properties.modified.replace(tzinfo=None) == dt.datetime(2026, 1, 1)
    for path in sorted(TEMPLATES.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# ") and "\r" not in text, path


def test_make_templates_reproduces_the_committed_files(tmp_path: Path) -> None:
    """Every Office template is rendered from its data file to the very bytes committed; a
    Markdown template is its own source and has no data file."""
    out = tmp_path / "templates"
    subprocess.run(
        [sys.executable, str(SCRIPT), str(out)], check=True, capture_output=True, cwd=tmp_path
    )
    generated = {
        p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()
    }
    committed = {
        p.relative_to(TEMPLATES).as_posix(): p.read_bytes()
        for p in TEMPLATES.rglob("*")
        if p.is_file() and p.suffix != ".md"
    }
    assert sorted(generated) == sorted(committed)
    different = [name for name in generated if generated[name] != committed[name]]
    assert not different, f"run `make templates` and commit: {different} differ"
