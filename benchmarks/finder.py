"""How fast the "Who owns…?" finder answers on a large handbook (prints figures, asserts nothing).

    .venv/bin/python benchmarks/finder.py [--size 1000] [--repeat 15]

Writes the synthetic handbook (`synthetic.py`, seed 1), makes the finder's data the
way a build does (`artifacts.finder_index`), serves it on 127.0.0.1 with the
finder's scripts and a page holding one `<div class="ph-finder">`, and drives
Debian's Chromium through Playwright:

* ready: page load until the finder's field is there (fetching and reading its data);
* answer: from a query typed into the field (its `input` event) until the rows are
  in the page, for queries of one and two Chinese characters, a whole step name, a
  role, two words, and a word found nowhere: the median of `--repeat` runs each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import http.server
import statistics
import sys
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from process_handbook.artifacts.finder_index import finder_index  # noqa: E402
from process_handbook.options import BuildOptions  # noqa: E402
from process_handbook.pipeline import load  # noqa: E402
from process_handbook.rendering.site_assets import ASSET_DIR  # noqa: E402
from synthetic import TODAY, write_handbook  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PAGE = """<!doctype html><html lang="zh"><head><meta charset="utf-8">
<link rel="stylesheet" href="assets/process-handbook/handbook.css"></head>
<body><div class="md-typeset"><div class="ph-finder"></div></div>
<script src="assets/process-handbook/pages.js"></script>
<script src="assets/process-handbook/finder.js"></script></body></html>"""

#: Type the query the way the field receives it, and time until the rows are drawn.
ANSWER = """query => {
  const field = document.querySelector('.ph-finder input');
  field.value = '';
  field.dispatchEvent(new Event('input'));
  const start = performance.now();
  field.value = query;
  field.dispatchEvent(new Event('input'));
  const took = performance.now() - start;  // the finder answers within the input event
  return {took, rows: document.querySelectorAll('.ph-finder__row').length,
          status: document.querySelector('.ph-finder__status').textContent};
}"""


def queries(data: dict) -> list[tuple[str, str]]:
    step = data["steps"][len(data["steps"]) // 2]
    name, role = step[0], data["roles"][step[3]][0]
    return [
        ("one character", name[0]),
        ("two characters", name[:2]),
        ("a whole step name", name),
        ("a role", role),
        ("two words", f"{name[:2]} {role[:2]}"),
        ("found nowhere", "不存在的事项"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="processes (default 1000)")
    parser.add_argument("--repeat", type=int, default=15, help="runs per query (default 15)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        write_handbook(args.size, root / "processes")
        started = time.perf_counter()
        loaded = load(root / "processes", today=TODAY)
        assert not loaded.errors, loaded.errors[:3]
        load_s = time.perf_counter() - started
        gc.freeze()  # as `handbook.build` does while it makes a build's files
        started = time.perf_counter()
        asset = finder_index(loaded.handbook, BuildOptions(today=dt.date(2026, 11, 23)))
        index_s = time.perf_counter() - started
        site = root / "site"
        (site / ASSET_DIR).mkdir(parents=True)
        (site / asset.path).write_bytes(asset.read())
        scripts = resources.files("process_handbook.rendering").joinpath("assets")
        for name in ("pages.js", "finder.js", "handbook.css"):
            (site / ASSET_DIR / name).write_bytes(scripts.joinpath(name).read_bytes())
        (site / "index.html").write_text(PAGE, encoding="utf-8")

        import json

        data = json.loads(asset.read())
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=["--no-sandbox"]
                )
                page = browser.new_page()
                readies = []
                for _ in range(5):
                    started = time.perf_counter()
                    page.goto(url)
                    page.wait_for_selector(".ph-finder input")
                    readies.append(time.perf_counter() - started)
                results = []
                for what, query in queries(data):
                    page.evaluate(ANSWER, query)  # warm up
                    runs = [page.evaluate(ANSWER, query) for _ in range(args.repeat)]
                    took = statistics.median(r["took"] for r in runs)
                    results.append((what, query, took, max(r["took"] for r in runs), runs[0]))
                browser.close()
        finally:
            server.shutdown()

    print(
        f"handbook: {args.size} processes, {len(data['steps'])} steps, {len(data['roles'])} roles"
    )
    print(
        f"finder data: {len(asset.read()) / 1e6:.2f} MB; made in {index_s * 1000:.0f} ms (load {load_s:.1f} s)"
    )
    print(f"ready (page load → field, median of 5): {statistics.median(readies) * 1000:.0f} ms")
    print("| query | text | answer, median ms | slowest ms | rows shown | status |")
    print("| --- | --- | ---: | ---: | ---: | --- |")
    for what, query, took, slowest, first in results:
        print(
            f"| {what} | {query} | {took:.1f} | {slowest:.1f} | {first['rows']} | {first['status']} |"
        )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - base signature
        pass


if __name__ == "__main__":
    main()
