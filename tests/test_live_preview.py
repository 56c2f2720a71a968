"""Live preview: `mkdocs serve` rebuilds on a change under processes/, shows errors, recovers.

Only "it rebuilds and the page changes" is asserted, with a generous timeout;
how fast is measured by benchmarks/live_preview.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from livekit import LiveSite

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
