"""Work on the second core gives exactly what a plain call gives, errors included."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from pathlib import Path

import jinja2
import pytest

from conftest import TODAY
from process_handbook import background
from process_handbook.background import Pending
from process_handbook.options import BuildOptions
from process_handbook.pipeline import build
from process_handbook.rendering import pages as rendering_pages
from sitekit import REPO

PARENT = os.getpid()


def where() -> tuple[int, list[int]]:
    return os.getpid(), list(range(5))


@pytest.fixture
def forking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork even when other tests left threads running (a session's web server)."""
    if not hasattr(os, "fork"):
        pytest.skip("no fork on this platform: the work always runs in the caller")
    monkeypatch.setattr(background, "_can_fork", lambda: True)


@pytest.mark.usefixtures("forking")
def test_the_work_runs_in_a_child_and_its_result_comes_back() -> None:
    pid, numbers = Pending(where).result()
    assert numbers == [0, 1, 2, 3, 4]
    assert pid != PARENT


@pytest.mark.usefixtures("forking")
def test_an_error_reaches_the_caller_as_from_a_plain_call() -> None:
    def fails() -> None:
        raise ValueError("bad input")

    pending = Pending(fails)
    with pytest.raises(ValueError, match="bad input"):
        pending.result()


@pytest.mark.usefixtures("forking")
def test_a_child_that_dies_leaves_the_work_to_the_caller() -> None:
    def dies_in_child() -> int:
        if os.getpid() != PARENT:
            os._exit(3)
        return 42

    assert Pending(dies_in_child).result() == 42


def test_with_other_threads_running_nothing_is_forked() -> None:
    """`mkdocs serve` runs a web server and a file watcher: forking beside them is not safe."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not background._can_fork()
        pid, _ = Pending(where).result()
    finally:
        stop.set()
        thread.join()
    assert pid == PARENT


@pytest.mark.usefixtures("forking")
def test_a_build_publishes_the_same_files_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    options = BuildOptions(today=TODAY)
    forked = build(REPO / "processes", options)
    monkeypatch.setattr(background, "_can_fork", lambda: False)
    plain = build(REPO / "processes", options)
    assert [(a.path, a.read()) for a in forked.assets] == [(a.path, a.read()) for a in plain.assets]
    assert len(forked.assets) > 50


@pytest.mark.usefixtures("forking")
def test_cancel_stops_the_child() -> None:
    started = time.monotonic()
    pending = Pending(lambda: time.sleep(60))
    child = pending._child
    assert child is not None and child.is_alive()
    pending.cancel()
    assert not child.is_alive()
    assert time.monotonic() - started < 30


@pytest.mark.usefixtures("forking")
def test_a_failing_page_template_leaves_no_child_behind(tmp_path: Path) -> None:
    (tmp_path / "tools.md.j2").write_text("{{ no_such_value }}\n", encoding="utf-8")
    before = set(multiprocessing.active_children())
    with pytest.raises(jinja2.UndefinedError):
        build(REPO / "processes", BuildOptions(today=TODAY, templates_dir=tmp_path))
    assert set(multiprocessing.active_children()) == before


@pytest.mark.usefixtures("forking")
def test_pages_rendered_half_in_a_child_are_the_pages_rendered_in_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """From `SPLIT_FROM` processes a child renders the later process pages: same pages, order."""
    options = BuildOptions(today=TODAY)
    plain = build(REPO / "processes", options)
    monkeypatch.setattr(rendering_pages, "SPLIT_FROM", 2)
    split = build(REPO / "processes", options)
    assert [(p.path, p.content) for p in split.pages] == [(p.path, p.content) for p in plain.pages]
    assert len(split.handbook.processes) > 2


@pytest.mark.usefixtures("forking")
@pytest.mark.parametrize("template", ["process.md.j2", "tools.md.j2"])
def test_a_failing_template_with_the_pages_split_leaves_no_child_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template: str
) -> None:
    monkeypatch.setattr(rendering_pages, "SPLIT_FROM", 2)
    (tmp_path / template).write_text("{{ no_such_value }}\n", encoding="utf-8")
    before = set(multiprocessing.active_children())
    with pytest.raises(jinja2.UndefinedError):
        build(REPO / "processes", BuildOptions(today=TODAY, templates_dir=tmp_path))
    assert set(multiprocessing.active_children()) == before
