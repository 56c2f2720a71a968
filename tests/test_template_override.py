"""A site replaces a built-in page template by putting a file of the same name in `templates_dir`."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import TODAY
from process_handbook.options import BuildOptions
from process_handbook.pipeline import build
from sitekit import REPO

OVERRIDE = """\
# 我们的工具清单

{% for tool in handbook.organization.tools %}
- {{ tool.name }}（版本 {{ version }}）
{% endfor %}
"""


def page(templates: Path | None, path: str) -> str:
    built = build(REPO / "processes", BuildOptions(today=TODAY, templates_dir=templates))
    assert built.ok, [d.format() for d in built.diagnostics]
    return {p.path: p.content for p in built.pages}[path]


def test_a_template_of_the_same_name_replaces_the_built_in_one(tmp_path: Path) -> None:
    (tmp_path / "tools.md.j2").write_text(OVERRIDE.replace("{{ version }}", "1"), encoding="utf-8")
    tools = page(tmp_path, "tools/index.md")
    assert tools.startswith("# 我们的工具清单")
    assert "- 飞书多维表格（版本 1）" in tools
    assert "# 我们的工具清单" not in page(None, "tools/index.md"), (
        "other sites keep the built-in page"
    )
    assert page(tmp_path, "processes/complaint-handling.md") == page(
        None, "processes/complaint-handling.md"
    )


def test_an_edited_override_is_read_again_on_the_next_build(tmp_path: Path) -> None:
    """`mkdocs serve` rebuilds in one process, with the compiled templates kept between builds."""
    override = tmp_path / "tools.md.j2"
    override.write_text(OVERRIDE.replace("{{ version }}", "1"), encoding="utf-8")
    assert "（版本 1）" in page(tmp_path, "tools/index.md")
    override.write_text(OVERRIDE.replace("{{ version }}", "2"), encoding="utf-8")
    stat = override.stat()
    os.utime(override, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a later save
    assert "（版本 2）" in page(tmp_path, "tools/index.md")


def test_text_in_an_override_is_escaped_like_in_the_built_in_templates(tmp_path: Path) -> None:
    (tmp_path / "tools.md.j2").write_text("{{ '<script>x</script>' }}\n", encoding="utf-8")
    assert "<script>" not in page(tmp_path, "tools/index.md")
