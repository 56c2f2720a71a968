"""Shared fixtures: a processes folder written from text, checked on a fixed date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from process_handbook.pipeline import Loaded, load

# Property tests are derandomized: the same examples on every run, so a failure is reproducible
# and a passing suite stays passing (no example database is needed then).
settings.register_profile("handbook", derandomize=True, database=None)
settings.load_profile("handbook")

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


@pytest.fixture(scope="session")
def sample():  # type: ignore[no-untyped-def]
    """The repository's sample handbook built by the core (no MkDocs), judged on TODAY."""
    from process_handbook.options import BuildOptions
    from process_handbook.pipeline import build
    from sitekit import REPO

    result = build(REPO / "processes", BuildOptions(today=TODAY))
    assert result.ok, [d.format() for d in result.diagnostics if d.is_error]
    return result


@pytest.fixture(scope="session")
def sample_port() -> int:
    """The port the sample site is served on; its `site_url` names it (instant navigation needs that)."""
    from sitekit import free_port

    return free_port()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory, sample_port: int) -> Path:
    """The repository's sample handbook built once with `mkdocs build --strict`, judged on TODAY;
    the site folder."""
    from sitekit import REPO, build_site

    site = tmp_path_factory.mktemp("sample-site")
    url = f"http://127.0.0.1:{sample_port}/"
    result = build_site(REPO / "mkdocs.yml", site, site_url=url, today=TODAY)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handbook of hostile text (sitekit.HOSTILE) built once with `mkdocs build --strict`;
    the site folder (the site tests and the browser tests both look at it)."""
    from sitekit import build_site, write_hostile_handbook, write_project

    root = tmp_path_factory.mktemp("hostile")
    result = build_site(write_project(root, write_hostile_handbook(root)), root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def sample_url(sample_site: Path, sample_port: int):  # type: ignore[no-untyped-def]
    """The sample site served on 127.0.0.1 at the address it was built for."""
    from sitekit import serve

    with serve(sample_site, sample_port) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():  # type: ignore[no-untyped-def]
    """A headless Debian Chromium driven by Playwright (skips only outside CI when it is missing)."""
    from playwright.sync_api import sync_playwright

    from sitekit import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
