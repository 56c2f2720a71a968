"""How long a process owner waits for `mkdocs serve` to show an edit (prints figures, asserts nothing).

    .venv/bin/python benchmarks/live_preview.py [--rounds 5] [--size N] [--dirty]

Serves a copy of the sample handbook (or, with `--size N`, the synthetic handbook of N
processes, `synthetic.py`), then repeatedly renames a step and times change → served page
updated; for the sample also a broken file → error page → fixed again. `--dirty` serves
with `mkdocs serve --dirty` (only pages whose Markdown changed are rendered again) and
checks that the search index holds every section once.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # livekit, sitekit

from livekit import PAGE, SOURCE, LiveSite
from synthetic import write_handbook

STEP = "受理并登记投诉"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="step renames to time (default 5)")
    parser.add_argument("--size", type=int, default=0, help="a synthetic handbook of N processes")
    parser.add_argument("--dirty", action="store_true", help="serve with --dirty")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="live-preview-") as scratch:
        root = Path(scratch)
        page, source, step, kwargs = PAGE, SOURCE, STEP, {}
        if args.size:
            write_handbook(args.size, root / "synthetic")
            first = sorted((root / "synthetic").rglob("*-0001.yml"))[0]
            source = first.relative_to(root / "synthetic").as_posix()
            text = first.read_text("utf-8")
            step = next(  # a step name written once in its file (`edit` needs that)
                name
                for name in re.findall(r"^- id: \S+\n  name: (\S+)$", text, re.M)
                if text.count(f"name: {name}") == 1
            )
            page = f"processes/{first.stem}/"
            kwargs = {"processes": root / "synthetic"}
        options = ("--dirty",) if args.dirty else ()
        with LiveSite(root / "site", serve_options=options, **kwargs) as site:
            started = time.perf_counter()
            site.wait_for(lambda text: step in text, timeout=3600, path=page)
            print(f"first build and serve: {time.perf_counter() - started:.2f} s", flush=True)
            name, timings = step, []
            for round_ in range(1, args.rounds + 1):
                new = f"{step}（第 {round_} 版）"
                site.edit(f"name: {name}", f"name: {new}", file=source)
                timings.append(
                    site.wait_for(lambda text, new=new: new in text, timeout=1200, path=page)
                )
                name = new
                print(f"edit {round_}: page updated after {timings[-1]:.2f} s", flush=True)
            print(
                f"change → page updated: median {statistics.median(timings):.2f} s, "
                f"min {min(timings):.2f} s, max {max(timings):.2f} s ({args.rounds} edits)"
            )
            with urllib.request.urlopen(site.url + "search/search_index.json") as response:
                docs = json.load(response)["docs"]
            locations = [d["location"] for d in docs]
            print(
                f"search index: {len(locations)} sections, "
                f"{len(locations) - len(set(locations))} duplicated"
            )
            if args.size:
                return
            site.edit("title: 客户投诉处理流程", "title: [客户投诉处理流程")
            broken = site.wait_for(lambda text: "流程文件有错误" in text, timeout=120)
            site.edit("title: [客户投诉处理流程", "title: 客户投诉处理流程")
            fixed = site.wait_for(
                lambda text: "流程文件有错误" not in text and name in text, timeout=120
            )
            print(f"broken file → error page: {broken:.2f} s; fixed → page back: {fixed:.2f} s")


if __name__ == "__main__":
    main()
