"""Hostile and broken input outside the page text: file names, output formats, links, generate.

Each test plays a contributor who commits something on purpose (or by accident) and checks
what a reader, a process owner or CI would then see.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import TODAY
from process_handbook import paths
from process_handbook.adapters import csp
from process_handbook.adapters.cli import cli
from process_handbook.characters import printable
from process_handbook.diagnostics import Report
from process_handbook.limits import MAX_FILE_BYTES, MAX_SUGGESTIONS
from process_handbook.options import BuildOptions
from process_handbook.pipeline import build, check, load
from process_handbook.rendering.text import PAGE_MARKUP, Descriptions, markdown_block, web_link
from process_handbook.suggest import SMALL_POOL, Suggester
from sitekit import page_text

PROCESS = "title: 流程\nowner: support-manager\nsteps:\n  - {name: 受理, lane: support, owner: support-specialist}\n"


def write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return root


# --- output: one line per finding, nothing a terminal or CI log would obey ---------------


def test_a_newline_in_a_file_name_cannot_write_a_workflow_command(processes_dir: Path) -> None:
    write(processes_dir, {"a\n::error file=x::pwned.yml": PROCESS.replace("受理", "\x1b[31m")})
    result = CliRunner().invoke(cli, ["validate", str(processes_dir)])
    lines = result.output.splitlines()
    assert not any(line.startswith("::") for line in lines), result.output
    assert "\x1b" not in result.output
    finding = next(line for line in lines if "bad-file-name" in line or "name" in line)
    assert "a\\n::error file=x::pwned.yml" in finding
    assert result.exit_code == 1


def test_a_newline_in_a_quoted_key_stays_on_one_line(processes_dir: Path) -> None:
    write(processes_dir, {"p.yml": PROCESS + '"x\\n::warning::y": 1\n'})
    [error] = load(processes_dir, today=TODAY).errors
    assert error.code == "unknown-field" and "\n" not in error.message
    assert "x\\n::warning::y" in error.message


def test_printable_escapes_controls_bidi_and_line_breaks() -> None:
    assert printable("a\nb\tc\r\x1b[0m\u202eexe\u2066") == "a\\nb\\tc\\r\\x1b[0m\\u202eexe\\u2066"
    assert printable("受理 👩\u200d👩\u200d👧") == "受理 👩\u200d👩\u200d👧"  # nothing to escape


def test_a_message_quotes_at_most_a_short_token(processes_dir: Path) -> None:
    write(processes_dir, {"p.yml": f"title: t\nowner: {'x' * 5000}\nsteps: []\n"})
    for diagnostic in load(processes_dir, today=TODAY).diagnostics:
        assert len(diagnostic.message) < 200, diagnostic.message


def test_an_internal_error_names_no_file_content() -> None:
    report = Report("p.yml")
    with report.guard("checking the flow"):
        raise ValueError("root:x:0:0:root:/root:/bin/bash")
    [error] = report.items
    assert error.code == "internal-error" and "checking the flow" in error.message
    assert "root:x" not in error.format()


def test_one_failing_rule_hides_no_other(
    processes_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from process_handbook.validation.flow_rules import DECISION_BRANCHES

    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(DECISION_BRANCHES, "process_check", broken)
    write(processes_dir, {"p.yml": PROCESS.replace("owner: support-manager", "owner: nobody")})
    errors = load(processes_dir, today=TODAY).errors
    assert {d.code for d in errors} == {"internal-error", "unknown-reference"}
    assert any("decision-branches" in d.message for d in errors)


def test_the_size_limit_message_does_not_round_down_to_the_limit(processes_dir: Path) -> None:
    write(processes_dir, {"p.yml": PROCESS + "#" * (MAX_FILE_BYTES + 1 - len(PROCESS.encode()))})
    [error] = load(processes_dir, today=TODAY).errors
    assert "513 KiB" in error.message and "at most 512 KiB" in error.message


def test_a_fifo_named_like_a_process_is_reported_not_read(processes_dir: Path) -> None:
    os.mkfifo(processes_dir / "pipe.yml")  # reading it would wait forever
    [error] = load(processes_dir, today=TODAY).errors
    assert (error.file, error.code) == ("pipe.yml", "not-a-file")


def test_a_link_inside_the_folder_is_followed(processes_dir: Path) -> None:
    write(processes_dir, {"real/p.yml": PROCESS})
    (processes_dir / "p-link.yml").symlink_to("real/p.yml")
    loaded = load(processes_dir, today=TODAY)
    assert not loaded.errors
    assert {p.file for p in loaded.handbook.processes} == {"p-link.yml", "real/p.yml"}


# --- pages: links and addresses ----------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["a#b.docx", "a?b.docx", "a`b.docx", "a)b (v2).docx", "表 单.docx"]
)
def test_template_names_with_url_characters_give_working_links(name: str) -> None:
    link = paths.relative("processes/p.md", paths.download(f"templates/{name}"), anchored=False)
    assert link.startswith("../downloads/templates/")
    assert not any(c in link for c in "#?`() ")
    from urllib.parse import unquote

    assert unquote(link) == f"../downloads/templates/{name}"


@pytest.mark.parametrize(
    "name", ["form.html", "form.HTM", "x.svg", "x.xml", "x.xhtml", "x.js", "x.mjs"]
)
def test_active_templates_are_published_under_a_neutral_name(name: str) -> None:
    assert paths.download(f"templates/{name}") == f"downloads/templates/{name}.download"
    assert paths.download("templates/form.docx") == "downloads/templates/form.docx"
    assert paths.download("templates/form.pdf") == "downloads/templates/form.pdf"


def test_a_tool_address_is_an_attribute_never_markdown() -> None:
    link = web_link("https://example.invalid/![x](x){onerror=alert(1)}_a*b`c\\d")
    assert link.startswith('<a href="https://example.invalid/&#33;&#91;x&#93;&#40;x&#41;')
    assert not any(c in link for c in "[]`*_\\") and "(x)" not in link.split('"')[1]


def test_a_mail_autolink_in_a_description_gets_a_mail_href() -> None:
    html = markdown_block("请发邮件到 <help@example.invalid>")
    assert 'href="mailto:help@example.invalid"' in html


def test_a_page_past_its_markdown_budget_shows_descriptions_as_text() -> None:
    descriptions = Descriptions()
    first = descriptions("**粗体** " + "[" * (PAGE_MARKUP - 4))
    assert "<strong>" in first
    second = descriptions("**粗体** [链接](https://example.invalid)")
    assert "<strong>" not in second and "**粗体**" in second and "<a " not in second


def test_a_huge_description_of_brackets_builds(load_files) -> None:  # type: ignore[no-untyped-def]
    text = PROCESS.replace(
        "owner: support-specialist}", "owner: support-specialist, description: '"
    )
    text = text.rstrip("\n") + "[" * (MAX_FILE_BYTES - 400) + "'}\n"
    loaded = load_files({"p.yml": text})
    assert not loaded.errors


# --- time zones ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "zone", ["localtime", "posixrules", "right/UTC", "posix/UTC", "America", "Factory"]
)
def test_the_site_time_zone_must_be_a_zone_of_the_pinned_tzdata(zone: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "generate",
            "--processes",
            str(tmp_path),
            "--out",
            str(tmp_path / "o"),
            "--timezone",
            zone,
        ],
    )
    assert result.exit_code == 2 and "unknown time zone" in result.output


# --- suggestions --------------------------------------------------------------------------


def test_a_large_pool_still_suggests_a_one_edit_typo() -> None:
    roles = {f"role-{i:04d}-manager": f"经理{i}" for i in range(SMALL_POOL * 5)}
    suggest = Suggester(roles)
    assert suggest("role-0042-manger") == "role-0042-manager"  # a letter missing
    assert suggest("role-0042-mnaager") == "role-0042-manager"  # two letters swapped
    assert suggest("经理42") == "role-0042-manager"  # the display name
    assert suggest("zzz") is None


def test_each_file_gets_a_bounded_number_of_guesses(processes_dir: Path) -> None:
    consulted = ", ".join(f"suport-manager{i}" for i in range(MAX_SUGGESTIONS + 50))
    step = (
        f"  - {{name: 受理, lane: support, owner: support-specialist, consulted: [{consulted}]}}\n"
    )
    write(processes_dir, {"p.yml": PROCESS.split("steps:")[0] + "steps:\n" + step})
    errors = load(processes_dir, today=TODAY).errors
    assert len(errors) == MAX_SUGGESTIONS + 50
    assert sum("did you mean" in e.message for e in errors) <= MAX_SUGGESTIONS


# --- handbook new -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--title", "长" * 201],
        ["--title", "流程\u202e反转"],
        ["--title", "流程", "--folder", "archive.yml"],
        ["--title", "流程", "--folder", "a\nb"],
    ],
)
def test_new_never_writes_a_file_that_does_not_validate(
    processes_dir: Path, args: list[str]
) -> None:
    before = sorted(p.name for p in processes_dir.rglob("*"))
    result = CliRunner().invoke(
        cli, ["new", "refund", "--owner", "support-manager", "--dir", str(processes_dir), *args]
    )
    assert result.exit_code == 2, result.output
    assert sorted(p.name for p in processes_dir.rglob("*")) == before
    assert not check(processes_dir, today=TODAY).errors


# --- handbook generate never destroys data ------------------------------------------------


def generate(processes: Path, out: Path, *extra: str):  # type: ignore[no-untyped-def]
    args = ["generate", "--processes", str(processes), "--out", str(out), "--today", str(TODAY)]
    return CliRunner().invoke(cli, [*args, *extra])


@pytest.fixture
def small(processes_dir: Path) -> Path:
    return write(processes_dir, {"a.yml": PROCESS, "b.yml": PROCESS.replace("流程", "流程二")})


def test_generate_keeps_a_hand_written_file_and_removes_its_own_old_pages(
    small: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert generate(small, out).exit_code == 0
    (out / "notes.md").write_text("手写的说明\n", encoding="utf-8")
    (small / "b.yml").unlink()
    result = generate(small, out)
    assert result.exit_code == 0, result.output
    assert (out / "notes.md").read_text("utf-8") == "手写的说明\n"
    assert (out / "processes" / "a.md").is_file() and not (out / "processes" / "b.md").exists()


def test_generate_refuses_a_folder_it_did_not_make(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    write(out, {"index.md": "# 首页\n", "processes/a.md": "# 我自己的页面\n"})
    result = generate(small, out)
    assert result.exit_code == 2 and "not made by `handbook generate`" in result.output
    assert (out / "processes" / "a.md").read_text("utf-8") == "# 我自己的页面\n"
    assert generate(small, out, "--force").exit_code == 0
    assert (out / "index.md").read_text("utf-8") == "# 首页\n"  # forced: replaced, never removed


def test_generate_refuses_to_replace_a_file_it_did_not_write(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert generate(small, out).exit_code == 0
    (small / "c.yml").write_text(PROCESS.replace("流程", "流程三"), encoding="utf-8")
    (out / "processes" / "c.md").write_text("# 手写\n", encoding="utf-8")
    result = generate(small, out)
    assert result.exit_code == 2 and "processes/c.md" in result.output
    assert (out / "processes" / "c.md").read_text("utf-8") == "# 手写\n"


@pytest.mark.parametrize("where", [".", "sub", ".."])
def test_generate_never_writes_into_or_around_the_processes_folder(small: Path, where: str) -> None:
    before = sorted(p.relative_to(small.parent).as_posix() for p in small.parent.rglob("*"))
    result = generate(small, small / where)
    assert result.exit_code == 2 and "processes folder" in result.output
    assert sorted(p.relative_to(small.parent).as_posix() for p in small.parent.rglob("*")) == before


def test_generate_ignores_a_tampered_manifest(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    assert generate(small, out).exit_code == 0
    manifest = out / ".handbook-generated.json"
    listed = json.loads(manifest.read_text("utf-8"))
    manifest.write_text(json.dumps([*listed, "../victim.txt", "/etc/hostname"]), encoding="utf-8")
    assert generate(small, out).exit_code == 0
    assert victim.read_text("utf-8") == "keep me\n"


def test_generate_writes_through_no_link(small: Path, tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    assert generate(small, out).exit_code == 0
    elsewhere.mkdir()
    for page in (out / "processes").iterdir():
        page.unlink()
    (out / "processes").rmdir()
    (out / "processes").symlink_to(elsewhere)
    result = generate(small, out)
    assert result.exit_code == 2 and "symbolic link" in result.output
    assert not list(elsewhere.iterdir())


# --- the site's policy --------------------------------------------------------------------


def test_the_policy_hashes_the_themes_scripts_but_not_the_pages() -> None:
    html = (
        "<html><head><script>var theme = 1</script></head><body>"
        '<script id="__config" type="application/json">{}</script>'
        "<article><script>alert(1)</script></article></body></html>"
    )
    page = csp.with_policy(html, "<script>alert(1)</script>")
    policy = page.split('content="')[1].split('"')[0]
    assert page.index("Content-Security-Policy") < page.index("<script>")
    assert len([d for d in policy.split() if d.startswith("'sha256-")]) == 1
    assert csp._sha256("var theme = 1") in policy and csp._sha256("alert(1)") not in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in policy


def test_hostile_pages_build_with_every_text_escaped(tmp_path: Path) -> None:
    from sitekit import write_hostile_handbook

    result = build(write_hostile_handbook(tmp_path), BuildOptions(today=TODAY))
    assert result.ok, [d.format() for d in result.diagnostics if d.is_error]
    tools = page_text(result, paths.TOOLS)
    assert "](x){" not in tools and "<mailto:" not in tools
