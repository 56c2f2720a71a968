"""How long a process owner waits for `mkdocs serve` to show an edit (prints figures, asserts nothing).

    .venv/bin/python benchmarks/live_preview.py [--rounds 5]

Serves a copy of the sample handbook, then repeatedly renames a step and times
change → served page updated; also a broken file → error page → fixed again.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))  # livekit, sitekit

from livekit import LiveSite

STEP = "受理并登记投诉"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="step renames to time (default 5)")
    rounds = parser.parse_args().rounds
    with (
        tempfile.TemporaryDirectory(prefix="live-preview-") as scratch,
        LiveSite(Path(scratch)) as site,
    ):
        first = site.wait_for(lambda page: STEP in page, timeout=300)
        print(f"first build and serve: {first:.2f} s")
        name, timings = STEP, []
        for round_ in range(1, rounds + 1):
            new = f"{STEP}（第 {round_} 版）"
            site.edit(f"name: {name}", f"name: {new}")
            timings.append(site.wait_for(lambda page, new=new: new in page, timeout=120))
            name = new
            print(f"edit {round_}: page updated after {timings[-1]:.2f} s")
        print(
            f"change → page updated: median {statistics.median(timings):.2f} s, "
            f"min {min(timings):.2f} s, max {max(timings):.2f} s ({rounds} edits)"
        )
        site.edit("title: 客户投诉处理流程", "title: [客户投诉处理流程")
        broken = site.wait_for(lambda page: "流程文件有错误" in page, timeout=120)
        site.edit("title: [客户投诉处理流程", "title: 客户投诉处理流程")
        fixed = site.wait_for(
            lambda page: "流程文件有错误" not in page and name in page, timeout=120
        )
        print(f"broken file → error page: {broken:.2f} s; fixed → page back: {fixed:.2f} s")


if __name__ == "__main__":
    main()
