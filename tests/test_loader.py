"""The YAML reader: YAML 1.2 scalars, positions, and every guard against hostile or broken input."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from process_handbook.diagnostics import Diagnostic, Mark, Report
from process_handbook.limits import MAX_DEPTH, MAX_FILE_BYTES
from process_handbook.loading import reader
from process_handbook.loading.reader import read_yaml
from process_handbook.nodes import (
    Mapping,
    Node,
    Scalar,
    Sequence,
    describe,
    resolve_scalar,
)
from process_handbook.pipeline import Loaded


def read(text: str | bytes) -> tuple[Node | None, list[Diagnostic]]:
    report = Report("x.yml")
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_yaml(data, report), report.items


def read_ok(text: str | bytes) -> Node:
    node, found = read(text)
    assert not found, [d.format() for d in found]
    assert node is not None
    return node


def only(found: list[Diagnostic]) -> Diagnostic:
    assert len(found) == 1, [d.format() for d in found]
    return found[0]


def value(node: Node, *path: str | int) -> Node:
    for step in path:
        if isinstance(step, int):
            assert isinstance(node, Sequence)
            node = node.items[step]
        else:
            assert isinstance(node, Mapping)
            found = node.get(step)
            assert found is not None, f"no key {step!r}"
            node = found
    return node


# --- YAML 1.2 scalars --------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("15:00", "15:00"),  # YAML 1.1 would read the sexagesimal number 900
        ("9:30", "9:30"),
        ("yes", "yes"),
        ("no", "no"),  # the "Norway problem"
        ("on", "on"),
        ("off", "off"),
        ("Yes", "Yes"),
        ("y", "y"),
        ("true", True),
        ("True", True),
        ("false", False),
        ("FALSE", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("012", 12),  # decimal in YAML 1.2, not octal
        ("0o17", 15),
        ("0x1F", 31),
        ("1_000", "1_000"),  # no digit separators in YAML 1.2
        ("2.0", 2.0),
        ("1e3", 1000.0),
        (".inf", math.inf),
        ("-.inf", -math.inf),
        ("2026-01-01", dt.date(2026, 1, 1)),
        ("2026-02-30", "2026-02-30"),  # no such day: stays text, the binder reports it
        ("2026-1-1", "2026-1-1"),
        ("客服部", "客服部"),
    ],
)
def test_plain_scalars_resolve_as_yaml_1_2(written: str, expected: Any) -> None:
    node = value(read_ok(f"a: {written}\n"), "a")
    assert isinstance(node, Scalar)
    assert node.plain
    data = node.to_data()
    assert data == expected and type(data) is type(expected)
    assert resolve_scalar(written) == expected


def test_nan_resolves_to_nan() -> None:
    node = value(read_ok("a: .nan\n"), "a")
    data = node.to_data()
    assert isinstance(data, float) and math.isnan(data)


@pytest.mark.parametrize(
    "written",
    ['"15:00"', "'true'", '"2026-01-01"', "!!str 42", "! true", "|\n  yes\n"],
)
def test_quoted_or_tagged_scalars_stay_text(written: str) -> None:
    node = value(read_ok(f"a: {written}\n"), "a")
    assert isinstance(node, Scalar)
    assert not node.plain
    assert isinstance(node.to_data(), str)


def test_to_data_of_a_whole_document() -> None:
    node = read_ok("time: 15:00\nwhen: [yes, no]\nactive: true\neffective: 2026-01-01\nn: ~\n")
    assert node.to_data() == {
        "time": "15:00",
        "when": ["yes", "no"],
        "active": True,
        "effective": dt.date(2026, 1, 1),
        "n": None,
    }


def test_null_detection_and_description() -> None:
    node = read_ok("a:\nb: '~'\nc: [x]\nd: {e: 1}\n")
    assert isinstance(node, Mapping)
    assert value(node, "a").is_null  # type: ignore[union-attr]
    assert not value(node, "b").is_null  # type: ignore[union-attr]
    assert describe(value(node, "a")) == "nothing"
    assert describe(value(node, "b")) == "'~'"
    assert describe(value(node, "c")) == "a list"
    assert describe(value(node, "d")).startswith("a mapping")


# --- positions ---------------------------------------------------------------


def test_marks_of_keys_values_and_items() -> None:
    node = read_ok("title: 流程\nsteps:\n  - name: 受理\n    lane: support\n")
    assert isinstance(node, Mapping)
    assert node.mark == Mark(1, 1)
    assert node.key_node("steps").mark == Mark(2, 1)  # type: ignore[union-attr]
    assert value(node, "title").mark == Mark(1, 8)
    assert value(node, "steps").mark == Mark(3, 3)
    assert value(node, "steps", 0).mark == Mark(3, 5)
    assert value(node, "steps", 0, "lane").mark == Mark(4, 11)


def test_columns_are_counted_in_characters_for_chinese_text() -> None:
    # 研发部 starts after 10 characters (4 + 6 Chinese) and ", ": column 14, not byte 30
    node = read_ok("名称: [客户投诉处理, 研发部]\n")
    items = value(node, "名称")
    assert isinstance(items, Sequence)
    assert items.mark == Mark(1, 5)
    assert items.items[1].mark == Mark(1, 14)


def test_error_column_after_chinese_text_is_in_characters() -> None:
    found = only(read("名称: 第一步: 受理\n")[1])
    assert (found.line, found.column, found.code) == (1, 8, "yaml-syntax")


def test_bom_is_accepted() -> None:
    node = read_ok(b"\xef\xbb\xbftitle: \xe6\xb5\x81\xe7\xa8\x8b\n")
    assert isinstance(node, Mapping)
    assert list(node.entries) == ["title"]  # no BOM glued to the first key
    assert node.mark == Mark(1, 1)


def test_crlf_is_accepted_with_the_right_lines() -> None:
    text = "title: 流程\r\nsteps:\r\n  - name: 受理\r\n    lane: support\r\n"
    node = read_ok(text)
    lane = value(node, "steps", 0, "lane")
    assert isinstance(lane, Scalar)
    assert lane.text == "support"  # no stray \r
    assert lane.mark == Mark(4, 11)


def test_crlf_error_positions() -> None:
    found = only(read("a: 1\r\nb: [x, y\r\nc: 2\r\n")[1])
    assert (found.line, found.column, found.code) == (2, 4, "yaml-syntax")  # where the list opens
    assert "flow sequence" in found.message


# --- duplicate keys ----------------------------------------------------------


def test_duplicate_key_names_both_lines() -> None:
    node, found = read("title: 一\nowner: a\nsummary: s\nowner: b\n")
    error = only(found)
    assert (error.line, error.column, error.code) == (4, 1, "duplicate-key")
    assert "'owner'" in error.message and "line 2" in error.message
    assert error.hint
    # the first value is kept (nothing is silently overwritten), and reading goes on
    assert value(node, "owner").text == "a"  # type: ignore[arg-type, union-attr]
    assert value(node, "summary").text == "s"  # type: ignore[arg-type, union-attr]


def test_every_duplicate_key_is_reported() -> None:
    _, found = read("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    assert [(d.line, d.column, d.code) for d in found] == [
        (4, 3, "duplicate-key"),
        (5, 1, "duplicate-key"),
    ]


def test_quoted_and_plain_spelling_of_a_key_are_the_same_key() -> None:
    error = only(read("owner: a\n'owner': b\n")[1])
    assert error.code == "duplicate-key"


# --- anchors, aliases and the alias bomb ------------------------------------


class CountingParser:
    """Wraps the libyaml parser and counts the events the reader pulls from it."""

    pulled = 0

    def __init__(self, text: str) -> None:
        self.inner = ORIGINAL_PARSER(text)

    def check_event(self, *kinds: Any) -> bool:
        return bool(self.inner.check_event(*kinds))

    def get_event(self) -> Any:
        CountingParser.pulled += 1
        return self.inner.get_event()

    def dispose(self) -> None:
        getattr(self.inner, "dispose", lambda: None)()


ORIGINAL_PARSER = reader._Parser


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[CountingParser]]:
    CountingParser.pulled = 0
    monkeypatch.setattr(reader, "_Parser", CountingParser)
    return CountingParser


def billion_laughs(levels: int = 12) -> str:
    lines = ['lol0: &lol0 "lol"']
    lines += [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_at_the_first_anchor(counting: type[CountingParser]) -> None:
    node, found = read(billion_laughs())
    error = only(found)
    assert node is None
    # the bomb needs anchors; the first one stops the reader before any alias is expanded
    assert (error.line, error.column, error.code) == (1, 7, "anchor")
    assert "&lol0" in error.message
    assert counting.pulled < 10


def test_aliases_without_anchor_are_refused_at_the_first(counting: type[CountingParser]) -> None:
    # the anchors hidden behind flow-style aliases: the first alias is refused
    text = "a: [*x, *x, *x, *x, *x, *x, *x, *x, *x, *x]\n" * 1000
    node, found = read(text)
    error = only(found)
    assert node is None
    assert (error.line, error.column, error.code) == (1, 5, "alias")
    assert "*x" in error.message
    assert counting.pulled < 10


def test_merge_key_alias_is_refused() -> None:
    error = only(read("step:\n  <<: *defaults\n  name: 受理\n")[1])
    assert (error.line, error.column, error.code) == (2, 7, "alias")


@pytest.mark.parametrize(
    ("text", "code", "column"),
    [
        ("a: !!int 3\n", "tag", 4),
        ("a: !!binary aGVsbG8=\n", "tag", 4),
        ("a: !custom x\n", "tag", 4),
        ("a: !!python/object:os.system x\n", "tag", 4),
        ("a: &x [1]\n", "anchor", 4),
    ],
)
def test_tags_and_anchors_are_refused(text: str, code: str, column: int) -> None:
    node, found = read(text)
    error = only(found)
    assert node is None
    assert (error.line, error.column, error.code) == (1, column, code)
    assert error.hint


# --- size and depth ----------------------------------------------------------


def test_size_cap() -> None:
    big = b"a: " + b"x" * MAX_FILE_BYTES + b"\n"
    node, found = read(big)
    error = only(found)
    assert node is None
    assert (error.line, error.column, error.code) == (1, 1, "file-too-large")


def test_file_at_the_size_cap_is_read() -> None:
    head = b"a: "
    data = head + b"x" * (MAX_FILE_BYTES - len(head) - 1) + b"\n"
    assert len(data) == MAX_FILE_BYTES
    assert read(data)[1] == []


def nested(depth: int) -> str:
    return "a: " + "[" * (depth - 1) + "1" + "]" * (depth - 1) + "\n"


def test_depth_cap() -> None:
    assert read(nested(MAX_DEPTH))[1] == []  # the top mapping plus 31 lists
    error = only(read(nested(MAX_DEPTH + 1))[1])
    assert (error.line, error.code) == (1, "too-deep")
    assert error.column == 3 + MAX_DEPTH  # the bracket that opens level 33


def test_absurd_nesting_is_refused_without_recursion() -> None:
    error = only(read("[" * 200_000)[1])
    assert error.code == "too-deep"


def test_deep_block_nesting_is_refused() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(40)) + "  " * 40 + "v\n"
    assert only(read(text)[1]).code == "too-deep"


# --- characters, encodings, tabs ---------------------------------------------


@pytest.mark.parametrize(
    "char",
    ["\x00", "\x07", "\x08", "\x0b", "\x1b", "\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\ufffe"],
)
def test_control_characters_are_refused_where_they_are(char: str) -> None:
    node, found = read(f"title: 流程\nname: 受理{char}投诉\n")
    error = only(found)
    assert node is None
    assert (error.line, error.column, error.code) == (2, 9, "control-character")
    assert f"U+{ord(char):04X}" in error.message


@pytest.mark.parametrize(
    "char",
    [
        *("\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u200b"),
        *("\u00ad", "\u2060", "\ufeff", "\U000e0041", "\U000e0001", "\ufff9"),
    ],
)
def test_bidi_and_invisible_format_characters_are_refused_where_they_are(char: str) -> None:
    node, found = read(f"title: 流程\nname: 受理{char}投诉\n")
    error = only(found)
    assert node is None
    assert (error.line, error.column, error.code) == (2, 9, "invisible-character")
    assert f"U+{ord(char):04X}" in error.message


def test_every_invisible_format_character_is_refused_except_those_scripts_need() -> None:
    import unicodedata

    from process_handbook import characters

    needed = {0x200C, 0x200D, *range(0x600, 0x606), 0x6DD, 0x70F, 0x890, 0x891, 0x8E2}
    needed |= {0x110BD, 0x110CD, *range(0x13430, 0x13440)}
    for code in range(0x110000):
        ch = chr(code)
        if unicodedata.category(ch) == "Cf":
            assert (characters.problem(ch) is None) == (code in needed), hex(code)


@pytest.mark.parametrize("char", ["\u00a0", "\u3000", "\u200c", "\u200d", "\u0600", "\t"])
def test_other_unusual_characters_inside_text_are_kept(char: str) -> None:
    node = read_ok(f"name: 受理{char}投诉\n")
    assert value(node, "name").text == f"受理{char}投诉"  # type: ignore[union-attr]


def test_not_utf8_is_reported_at_the_first_bad_byte() -> None:
    data = "title: 流程\nname: ".encode() + "受理".encode("gbk") + b"\n"
    node, found = read(data)
    error = only(found)
    assert node is None
    assert (error.line, error.column, error.code) == (2, 7, "not-utf8")
    assert "0xca" in error.message
    assert "UTF-8" in error.hint


def test_not_utf8_column_counts_characters_before_it() -> None:
    data = "name: 受理".encode() + b"\xff\n"
    error = only(read(data)[1])
    assert (error.line, error.column) == (1, 9)


def test_utf16_is_not_utf8() -> None:
    assert only(read("title: 流程\n".encode("utf-16"))[1]).code == "not-utf8"


def test_tab_indentation_is_refused_where_it_is() -> None:
    node, found = read("steps:\n  - name: 受理\n\t  lane: support\n")
    error = only(found)
    assert node is None
    assert (error.line, error.column, error.code) == (3, 1, "tab-indent")


def test_tab_after_spaces_is_refused_at_the_tab() -> None:
    error = only(read("steps:\n  \tname: 受理\n")[1])
    assert (error.line, error.column, error.code) == (2, 3, "tab-indent")


def test_tab_after_a_colon_is_a_separator() -> None:
    assert value(read_ok("name:\t受理\n"), "name").text == "受理"  # type: ignore[union-attr]


# --- empty files, documents, syntax ------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n", "\ufeff", "# 只有注释\n# title: 流程\n"])
def test_empty_file(text: str) -> None:
    node, found = read(text)
    error = only(found)
    assert node is None
    assert (error.line, error.column, error.code) == (1, 1, "empty-file")


def test_a_leading_document_marker_is_fine() -> None:
    node = read_ok("---\ntitle: 流程\n...\n")
    assert isinstance(node, Mapping) and node.mark == Mark(2, 1)


def test_second_document_is_refused() -> None:
    node, found = read("title: 一\n---\ntitle: 二\n")
    error = only(found)
    assert node is None
    assert (error.line, error.column, error.code) == (2, 1, "several-documents")


def test_complex_key_is_refused() -> None:
    error = only(read("? [a, b]\n: 1\n")[1])
    assert (error.line, error.code) == (1, "complex-key")


@pytest.mark.parametrize(
    ("text", "line", "column", "hint"),
    [
        ("name: 第一步: 受理\n", 1, 10, "quotes"),
        ("support: [sales, rnd\nowner: x\n", 1, 10, "[ list ] is not closed"),
        ("a: {b: 1\n", 1, 4, "{ mapping } is not closed"),
        ('name: "未闭合\nowner: x\n', 1, 7, "never closed"),
        ("title: 流程\nowner support-manager\nsteps: []\n", 2, 1, "`key: value`"),
        ("steps:\n  - name: 受理\n   lane: support\n", 3, 4, "items of one list"),
        ("- a\nb: 1\n", 2, 1, ""),
        ("a: @x\n", 1, 4, "quotes"),
        ('a: "x\\qy"\n', 1, 6, "single quotes"),
    ],
)
def test_syntax_errors_have_a_position_and_a_fix(
    text: str, line: int, column: int, hint: str
) -> None:
    node, found = read(text)
    error = only(found)
    assert node is None
    assert (error.line, error.column, error.code) == (line, column, "yaml-syntax")
    assert error.message.startswith("YAML syntax: ")
    assert hint in error.hint and error.hint


def test_libyaml_is_used() -> None:
    assert reader._Parser.__module__.startswith("yaml._yaml")


# --- files in the processes folder ------------------------------------------------


def test_an_empty_process_file_is_reported_by_name(
    load_files: Callable[[dict[str, str]], Loaded],
) -> None:
    loaded = load_files({"sales/empty.yml": "", "sales/comments.yaml": "# 待补充\n"})
    assert [(d.file, d.line, d.column, d.code) for d in loaded.diagnostics] == [
        ("sales/comments.yaml", 1, 1, "empty-file"),
        ("sales/empty.yml", 1, 1, "empty-file"),
    ]


def test_hidden_and_other_files_are_not_processes(
    load_files: Callable[[dict[str, str]], Loaded],
) -> None:
    loaded = load_files(
        {
            ".draft.yml": "not: [valid",
            ".git/config.yml": "not: [valid",
            "notes.txt": "not: [valid",
            "templates/readme.md": "# 模板",
        }
    )
    assert loaded.diagnostics == []
    assert loaded.handbook.processes == []
