"""Zensical on the pages `handbook generate` writes: does it build them, and how long it takes.

Zensical is not a dependency of the project: install it into a throwaway virtualenv and name
its command, e.g.

    python3 -m venv /tmp/zensical && /tmp/zensical/bin/pip install zensical
    .venv/bin/python benchmarks/zensical.py /tmp/zensical/bin/zensical             # the sample
    .venv/bin/python benchmarks/zensical.py /tmp/zensical/bin/zensical --size 100  # synthetic

The site is the one `run.py` builds as (d): the repository's mkdocs.yml without the plugin,
`docs_dir` the generated pages, the navigation the plugin would give them. Zensical reads
that mkdocs.yml itself. Prints its version, the wall time of a cold and a warm build, and
what it reported.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import plain_docs, variant  # noqa: E402 - after the path above
from sitekit import REPO, write_project  # noqa: E402
from synthetic import TODAY, write_handbook  # noqa: E402

#: The lines of Zensical's report worth reading: its warnings and errors, and the count.
ISSUE = re.compile(r"(?i)^(warning|error)|─\[ |issues? found")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("zensical", type=Path, help="the zensical command to run")
    parser.add_argument("--size", type=int, default=0, help="a synthetic handbook of N processes")
    parser.add_argument("--keep", type=Path, default=None, help="build there and keep the site")
    args = parser.parse_args()
    version = subprocess.run(
        [str(args.zensical), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    print(f"zensical: {version}")
    with tempfile.TemporaryDirectory(prefix="zensical-") as folder:
        root = args.keep.resolve() if args.keep else Path(folder)
        root.mkdir(parents=True, exist_ok=True)
        if args.size:
            write_handbook(args.size, root / "processes", seed=1)
        else:
            (root / "processes").symlink_to(REPO / "processes")
        config = write_project(root, root / "processes", plugin={"today": TODAY.isoformat()})
        plain = variant(config, "zensical.yml", prune=False, plain_docs=plain_docs(root))
        for attempt in ("cold", "warm"):
            started = time.perf_counter()
            result = subprocess.run(
                [str(args.zensical), "build", "-f", plain.name],
                cwd=root,
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ, "NO_COLOR": "1", "TERM": "dumb"},
            )
            seconds = time.perf_counter() - started
            print(f"{attempt}: exit {result.returncode}, {seconds:.1f} s")
            report = (result.stdout + result.stderr).strip()
            found = [ANSI.sub("", line) for line in report.splitlines()]
            print("\n".join(line for line in found if ISSUE.search(line)))
        site = root / "site"
        pages = sorted(site.rglob("index.html")) if site.is_dir() else []
        print(f"pages: {len(pages)} index.html files under site/")


if __name__ == "__main__":
    main()
