"""The sample site builds with ProperDocs (the maintained MkDocs 1.x fork) exactly as with MkDocs,
and so do the pages of `handbook generate`, with the swimlane viewer."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TODAY
from sitekit import REPO, TODAY_VARIABLE
from test_generate import assert_the_viewer_draws_the_swimlanes, plain_site

pytestmark = pytest.mark.site

PAGES = [
    "processes/complaint-handling/index.html",
    "departments/support/index.html",
    "roles/coo/index.html",
    "onboarding/index.html",
    "processes/index.html",
]


def article(html: str) -> str:
    return re.search(r"<article.*?</article>", html, re.S).group(0)  # type: ignore[union-attr]


def test_properdocs_builds_the_same_pages(
    sample_site: Path, sample_port: int, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "SITE_URL": f"http://127.0.0.1:{sample_port}/",
        # the same fixed date as `sample_site`: a run crossing midnight builds the same pages
        TODAY_VARIABLE: TODAY.isoformat(),
        "NO_MKDOCS_2_WARNING": "1",
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "properdocs",
            "build",
            "--strict",
            "-f",
            "mkdocs.yml",
            "-d",
            str(tmp_path / "site"),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for page in PAGES:
        ours = (tmp_path / "site" / page).read_text("utf-8")
        theirs = (sample_site / page).read_text("utf-8")
        assert article(ours) == article(theirs), page
    assert (tmp_path / "site" / "downloads" / "templates" / "complaint-form.xlsx").is_file()


@pytest.mark.browser
def test_properdocs_builds_generate_s_pages_with_the_swimlane_viewer(
    tmp_path: Path,
    chromium,  # type: ignore[no-untyped-def]
) -> None:
    assert_the_viewer_draws_the_swimlanes(chromium, plain_site(tmp_path, "properdocs"))
