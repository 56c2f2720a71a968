"""Live preview: `mkdocs serve` rebuilds on a change under processes/, shows errors, recovers.

Only "it rebuilds and the page changes" is asserted, with a generous timeout;
how fast is measured by benchmarks/live_preview.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from livekit import LiveSite
from sitekit import REPO

TEMPLATES = REPO / "plugins" / "process_handbook" / "rendering" / "templates"

TIMEOUT = 60  # seconds: generous for a slow CI machine; the benchmark measures the real figure


@pytest.mark.site
def test_serve_rebuilds_on_a_change_shows_errors_and_recovers(tmp_path: Path) -> None:
    with LiveSite(tmp_path) as site:
        site.wait_for(lambda page: "受理并登记投诉" in page, timeout=180)  # the first build

        site.edit("name: 受理并登记投诉", "name: 受理并登记客户投诉")
        site.wait_for(lambda page: "受理并登记客户投诉" in page, TIMEOUT)

        site.edit("title: 客户投诉处理流程", "title: [客户投诉处理流程")
        site.wait_for(lambda page: "流程文件有错误" in page, TIMEOUT)
        broken = site.fetch()
        assert "processes/complaint-handling.yml:1:" in broken  # the error names file and line
        assert "修改方法" in broken  # and how to fix it

        site.edit("title: [客户投诉处理流程", "title: 客户投诉处理流程")
        site.wait_for(
            lambda page: "流程文件有错误" not in page and "受理并登记客户投诉" in page, TIMEOUT
        )
        assert "<h1" in site.fetch() and "客户投诉处理流程" in site.fetch()


@pytest.mark.site
def test_serve_survives_a_build_that_raises_and_the_folder_going_away(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    template = overrides / "process.md.j2"
    original = (TEMPLATES / "process.md.j2").read_text("utf-8")
    template.write_text(original, encoding="utf-8")
    with LiveSite(tmp_path, plugin={"templates_dir": str(overrides)}) as site:
        site.wait_for(lambda page: "受理并登记投诉" in page, timeout=180)

        # A site's override template breaks, and the build raises: the error page is served.
        template.write_text("{{ process.no_such_field.deeper }}\n" + original, encoding="utf-8")
        site.wait_for(lambda page: "page template error" in page, TIMEOUT)
        assert "Traceback" not in site.fetch()
        template.write_text(original, encoding="utf-8")
        site.wait_for(lambda page: "受理并登记投诉" in page, TIMEOUT)

        # The processes folder is deleted (a branch switch, a sync tool) and made anew.
        backup = tmp_path / "backup"
        shutil.copytree(site.processes, backup, symlinks=True)
        shutil.rmtree(site.processes)
        site.wait_for(lambda page: "流程文件有错误" in page, TIMEOUT)
        shutil.copytree(backup, site.processes, symlinks=True)
        site.wait_for(
            lambda page: "受理并登记投诉" in page and "流程文件有错误" not in page, TIMEOUT
        )

        # ... and is still watched: an edit after its return shows.
        site.edit("name: 受理并登记投诉", "name: 受理并登记客户投诉")
        site.wait_for(lambda page: "受理并登记客户投诉" in page, TIMEOUT)
