"""The format reference and the codes reference: generated, complete, and safe to show.

The format page lists exactly the properties of the JSON Schemas `handbook schema` writes
(both file kinds), each with what it holds, whether it is required, and an example that
`validate` accepts; the codes page lists every registered code with its fix and the
example the package carries, which a test keeps equal to what the corpus gives.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path
from typing import Any

import pytest

from process_handbook import paths
from process_handbook.diagnostics import Severity
from process_handbook.model.fields import SLUG_PATTERN, Ref, Slug
from process_handbook.model.introspect import fields_of
from process_handbook.options import BuildOptions
from process_handbook.pipeline import build
from process_handbook.rendering import codes
from process_handbook.rendering.reference import FILE_KINDS, example
from process_handbook.schema import ROOTS, json_schema
from process_handbook.validation import rules
from process_handbook.validation.examples import SHIPPED, Example
from sitekit import REPO, html_tables, page_text

SCRIPT = REPO / "scripts" / "make_rule_examples.py"
ROW = re.compile(r'<tr id="format-([a-z]+)-([a-z_]+)">')


def _page(sample: Any, path: str) -> str:
    return page_text(sample, path)


def _schema_fields() -> set[tuple[str, str]]:
    """(record, field) for every property of the process and organization schemas."""
    found = set()
    for kind in ROOTS:
        schema = json_schema(kind)
        records = {kind: schema, **{name.lower(): d for name, d in schema["definitions"].items()}}
        for record, definition in records.items():
            found |= {(record, name) for name in definition["properties"]}
    return found


def test_the_format_page_lists_every_property_of_the_schemas_and_nothing_else(sample: Any) -> None:
    page = _page(sample, paths.FORMAT_REFERENCE)
    rows = ROW.findall(page)
    assert len(rows) == len(set(rows)), "a field is described twice"
    assert set(rows) == _schema_fields()


def test_each_kind_of_mapping_has_its_section_where_files_write_it(sample: Any) -> None:
    page = _page(sample, paths.FORMAT_REFERENCE)
    for kind in ROOTS:
        for name in ["", *json_schema(kind)["definitions"]]:
            anchor = paths.record_anchor(name.lower() or kind)
            assert f"{{#{anchor}}}" in page, anchor
    # a branch is written inside a step's `next`, a holder inside a role
    assert "流程文件 → <code>steps&#91;&#93;.next&#91;&#93;</code>" in page
    assert "organization.yml → <code>roles&#91;&#93;.holders&#91;&#93;</code>" in page
    # channels are described once, and both files write them
    assert page.count("{#format-channel}") == 1
    channel = page.split("{#format-channel}", 1)[1].split("###", 1)[0]
    assert "组织定义 organization.yml → <code>channels" in channel
    assert "流程文件 → <code>channels" in channel


def _row(page: str, record: str, field: str) -> list[str]:
    """The cells of a field's row, as text."""
    row = re.search(rf'<tr id="{paths.field_anchor(record, field)}">.*?</tr>', page)
    assert row is not None, (record, field)
    return [cell.text for cell in html_tables(f"<table>{row[0]}</table>")[0][0]]


def test_a_field_row_says_what_it_holds_whether_it_is_needed_and_gives_an_example(
    sample: Any,
) -> None:
    page = _page(sample, paths.FORMAT_REFERENCE)
    header = ["字段", "类型和可取值", "说明", "示例"]
    assert [cell.text for cell in html_tables(page)[0][0]] == header
    assert _row(page, "step", "owner") == [
        "owner必填",
        "角色标识",
        "第一责任人：对该步骤负总责的唯一角色",
        "support-specialist",
    ]
    assert _row(page, "step", "kind")[:2] == [
        "kind默认 task",
        "选项之一task | decision | subprocess",
    ]
    duration = _row(page, "step", "duration")
    assert duration[1].startswith("时长") and "最长一年（366d 或 52w）" in duration[1]
    assert _row(page, "process", "steps")[1] == "[步骤, …]"
    assert _row(page, "step", "next")[1] == "步骤标识 或 [分支, …]"
    assert _row(page, "process", "effective")[1] == "日期YYYY-MM-DD，1900 到 2999 年"


def test_the_english_handbook_explains_the_fields_in_english() -> None:
    result = build(REPO / "processes", BuildOptions(language="en", today=dt.date(2026, 11, 23)))
    page = page_text(result, paths.FORMAT_REFERENCE)
    assert page.startswith("---\nsearch:\n  exclude: true\n---\n# File format reference\n")
    assert set(ROW.findall(page)) == _schema_fields()
    assert _row(page, "step", "owner")[:3] == [
        "ownerrequired",
        "role id",
        "Accountable owner: exactly one role",
    ]
    assert "a number and a unit: m minutes" in _row(page, "meeting", "duration")[1]


def _leaves() -> list[tuple[type, Any]]:
    seen: list[type] = []
    todo = list(FILE_KINDS)
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.append(cls)
        for info in fields_of(cls):
            shape = info.shape.base if info.shape.kind == "list" else info.shape
            for s in shape.alternatives or (shape,):
                inner = s.base if s.kind == "list" else s
                if inner.kind == "record":
                    todo.append(inner.base)
    return [(cls, info) for cls in seen for info in fields_of(cls)]


@pytest.mark.parametrize(
    ("cls", "info"), _leaves(), ids=lambda v: getattr(v, "name", None) or v.__name__
)
def test_every_field_has_an_example_that_validate_accepts(cls: type, info: Any) -> None:
    shape = info.shape.base if info.shape.kind == "list" else info.shape
    shown = example(info)
    if shape.kind in ("record", "either"):
        return  # its own section's fields have the examples
    assert shown, f"{cls.__name__}.{info.name} has no example"
    value = shown[1:-1] if info.shape.kind == "list" else shown
    if shape.kind == "value":
        shape.base.parse(value)
    elif shape.kind == "choice":
        assert value in shape.base
    elif shape.kind == "date":
        dt.date.fromisoformat(value)
    elif isinstance(shape.marker, (Slug, Ref)):
        assert re.match(SLUG_PATTERN, value), value


def test_the_codes_page_has_every_registered_code_with_its_fix_and_example(sample: Any) -> None:
    page = _page(sample, paths.CODES_REFERENCE)
    sections = re.findall(r"^## ([a-z0-9-]+) \{#code-\1\}$", page, re.MULTILINE)
    assert sections == [rule.code for rule in rules()]
    tab = page.split("{#code-tab-indent}", 1)[1].split("\n## ", 1)[0]
    assert "**修改方法**：indent with spaces only" in tab
    assert (
        "\n  9      description: &#124;\n›10  ⟨U&#43;0009⟩在 2 小时内电话回复客户。" in tab
    )  # the tab
    assert (
        "processes/tab-indent.yml:10:1: error: a tab is used for indentation &#91;tab-indent&#93;"
        in tab
    )
    assert page.count('<div class="ph-example" data-search-exclude="true">') == len(rules())


def test_the_codes_page_shows_the_handbooks_own_levels() -> None:
    options = BuildOptions(
        today=dt.date(2026, 11, 23),
        levels={"goal-units": Severity.ERROR, "review-overdue": None},
    )
    page = page_text(build(REPO / "processes", options), paths.CODES_REFERENCE)
    rows = {row[0].text: [c.text for c in row[1:3]] for row in html_tables(page)[0][1:]}
    assert rows["goal-units"] == ["警告", "错误"]
    assert rows["review-overdue"] == ["警告", "关闭"]
    assert rows["unknown-reference"] == ["错误", "错误"]


def test_hostile_examples_are_shown_as_text(monkeypatch: pytest.MonkeyPatch, sample: Any) -> None:
    hostile = Example(
        "x.yml",
        "<b>bold</b> \u2066",
        "x.yml",
        2,
        [
            (1, "title: <script>alert(1)</script>"),
            (2, "name: 受理\u202e\u200b投诉 ``` [a](javascript:x)"),
        ],
        "processes/x.yml:2:7: error: <img src=x onerror=alert(1)> [tab-indent]\n    fix: `rm -rf`",
    )
    monkeypatch.setattr(codes, "shipped_examples", lambda: {"tab-indent": hostile})
    result = build(REPO / "processes", BuildOptions(today=dt.date(2026, 11, 23)))
    page = page_text(result, paths.CODES_REFERENCE)
    section = page.split("{#code-tab-indent}", 1)[1].split("\n## ", 1)[0]
    assert "<script" not in section and "<img" not in section and "](javascript" not in section
    assert "受理⟨U&#43;202E⟩⟨U&#43;200B⟩投诉" in section
    assert "\u202e" not in page and "\u200b" not in page and "\u2066" not in page
    assert "<b>" not in section and "bold&#60;/b&#62; ⟨U&#43;2066⟩" in section


def test_the_shipped_rule_examples_are_what_the_corpus_gives() -> None:
    spec = importlib.util.spec_from_file_location("make_rule_examples", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    committed = (REPO / "plugins" / "process_handbook" / "validation" / SHIPPED).read_text("utf-8")
    from process_handbook.validation.examples import examples_text

    assert committed == examples_text(script.rule_examples()), (
        "validation/rule-examples.json is out of date: run `make rule-examples` and commit it"
    )


def test_the_reference_pages_are_in_the_package_data() -> None:
    pyproject = (REPO / "pyproject.toml").read_text("utf-8")
    assert '"validation/*.json"' in pyproject
    assert Path(REPO / "plugins" / "process_handbook" / "validation" / SHIPPED).is_file()


def test_every_value_class_says_what_it_accepts_in_both_languages() -> None:
    from process_handbook.i18n.labels import LANGUAGES, catalogue
    from process_handbook.model import values

    classes = [c for c in vars(values).values() if isinstance(c, type) and hasattr(c, "parse")]
    assert len(classes) >= 10
    for cls in classes:
        assert sorted(cls.ACCEPTS) == sorted(LANGUAGES), cls.__name__
        assert all(text.strip() for text in cls.ACCEPTS.values()), cls.__name__
        assert all(cls.__name__ in catalogue(lang)["format_values"] for lang in LANGUAGES)
