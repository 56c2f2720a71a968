"""`mkdocs serve` on a copy of the sample handbook, for the live-preview test and benchmark."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Self

from sitekit import REPO, write_project

#: The page the live-preview checks watch, and the file behind it.
PAGE = "processes/complaint-handling/"
SOURCE = "complaint-handling.yml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LiveSite:
    """A served copy of the sample under `root`; edit files in `processes`, then `wait_for` the page."""

    def __init__(
        self,
        root: Path,
        *,
        today: str = "2026-11-23",
        plugin: dict[str, object] | None = None,
        processes: Path = REPO / "processes",
        serve_options: tuple[str, ...] = (),
    ) -> None:
        options = {"today": today, **(plugin or {})}
        self.config = write_project(root, processes, plugin=options)
        self.serve_options = serve_options
        self.processes = root / "processes"
        self.url = f"http://127.0.0.1:{free_port()}/"
        self.log = root / "serve.log"
        self.server: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Self:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        address = self.url.removeprefix("http://").rstrip("/")
        with self.log.open("wb") as log:
            self.server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "mkdocs",
                    "serve",
                    "-f",
                    str(self.config),
                    "-a",
                    address,
                    *self.serve_options,
                ],
                cwd=self.config.parent,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.server is not None:
            self.server.terminate()
            try:
                self.server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()

    def fetch(self, path: str = PAGE) -> str:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return str(response.read().decode("utf-8"))
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return ""

    def wait_for(self, check: Callable[[str], bool], timeout: float, path: str = PAGE) -> float:
        """Seconds until the served page passes `check`; AssertionError with the server log after `timeout`."""
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            assert self.server is not None and self.server.poll() is None, self.log.read_text(
                "utf-8", "replace"
            )
            if check(self.fetch(path)):
                return time.perf_counter() - started
            time.sleep(0.1)
        raise AssertionError(
            f"the page did not change within {timeout} s\n{self.log.read_text('utf-8', 'replace')}"
        )

    def edit(self, old: str, new: str, file: str = SOURCE) -> None:
        path = self.processes / file
        text = path.read_text("utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {file}"
        path.write_text(text.replace(old, new), encoding="utf-8")
