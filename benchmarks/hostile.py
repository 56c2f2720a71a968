"""Worst-case input within the limits: how long checking, building and a site build take (prints figures).

    .venv/bin/python benchmarks/hostile.py [--no-site]

Each case is a small valid handbook (the tests' organization, or one with 1,000 roles)
with one hostile part, written to a scratch folder:

  brackets     a 512 KiB description of `[` (Python-Markdown took 92 s on 20 KB of it)
  backslashes  a 512 KiB description of `\\` and one of `*_` (quadratic in Python-Markdown)
  links        a 512 KiB description of `[a](` (every link left open)
  many-links   2,500 descriptions of `[a](` and 200 characters without a blank (within the
               page's budget of Markdown marks: the costliest text that is still Markdown)
  misspelt-1   5,000 misspelt role ids in one file, against 1,000 roles ("did you mean")
  misspelt-50  5,000 misspelt role ids in 50 files (100 each), against 1,000 roles
  attendees    one meeting with 30,000 attendees that do not exist (each located in the list)

For each: `check` (what `handbook validate` runs) and, where the handbook is valid,
the core `build` (pages, calendars, exports), in this process; and, unless
`--no-site`, `mkdocs build` of the bracket case (the page holds the rendered 512 KiB).
It reports; it never fails (exit 0). Timings depend on the machine's load.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # conftest's organization, sitekit's projects

from conftest import ORGANIZATION, TODAY
from process_handbook.limits import MAX_FILE_BYTES
from process_handbook.options import BuildOptions
from process_handbook.pipeline import build, check
from sitekit import build_site, write_project

ROOM = 2048  # bytes of the file that are not the hostile description
SIZE = MAX_FILE_BYTES - ROOM


def process(description: str = "", *, extra: str = "", steps: str = "") -> str:
    text = "title: 流程\nowner: support-manager\n" + extra + "steps:\n"
    text += "  - name: 受理\n    lane: support\n    owner: support-specialist\n"
    if description:
        text += f"    description: '{description}'\n"
    return text + steps


def described(pattern: str) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        (root / "p.yml").write_text(process(pattern * (SIZE // len(pattern))), encoding="utf-8")

    return write


def many_links(root: Path) -> None:
    steps = "".join(
        f"  - name: 步骤{i}\n    lane: support\n    owner: support-specialist\n"
        f"    description: '[a]({'b' * 60}'\n"
        for i in range(149)
    )
    (root / "p.yml").write_text(process(steps=steps), encoding="utf-8")
    tail = ("[a](" + "b" * 200) * 2400
    (root / "q.yml").write_text(process(tail), encoding="utf-8")


def big_organization(root: Path) -> None:
    roles = "".join(
        f"  - {{id: role-{i:04d}, name: 角色{i}, department: support}}\n" for i in range(1000)
    )
    (root / "organization.yml").write_text(
        "departments:\n  - {id: support, name: 客服部}\nroles:\n" + roles, encoding="utf-8"
    )


def misspelt(files: int) -> Callable[[Path], None]:
    per_file = 5000 // files

    def write(root: Path) -> None:
        big_organization(root)
        for f in range(files):
            ids = ", ".join(f"rol-{(f * per_file + i) % 1000:04d}x" for i in range(per_file))
            text = (
                "title: 流程\nowner: role-0001\nsteps:\n"
                f"  - {{name: 受理, lane: support, owner: role-0002, consulted: [{ids}]}}\n"
            )
            (root / f"p{f:02d}.yml").write_text(text, encoding="utf-8")

    return write


def attendees(root: Path) -> None:
    names = ", ".join(f"nobody-{i}" for i in range(30_000))
    meeting = (
        "meetings:\n  - {id: m, name: 会, every: week, day: monday, time: '09:00', "
        f"chair: support-manager, attendees: [{names}]}}\n"
    )
    (root / "p.yml").write_text(process(extra="") + meeting, encoding="utf-8")


CASES: dict[str, Callable[[Path], None]] = {
    "brackets": described("["),
    "backslashes": described("\\\\"),
    "stars-underscores": described("*_"),
    "links": described("[a]("),
    "many-links": many_links,
    "misspelt-1": misspelt(1),
    "misspelt-50": misspelt(50),
    "attendees": attendees,
}


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-site", action="store_true", help="skip the mkdocs build")
    args = parser.parse_args()
    print(f"{'case':18} {'check s':>8} {'build s':>8}  findings")
    with tempfile.TemporaryDirectory(prefix="hostile-") as scratch:
        for name, write in CASES.items():
            root = Path(scratch) / name / "processes"
            root.mkdir(parents=True)
            (root / "organization.yml").write_text(ORGANIZATION, encoding="utf-8")
            write(root)
            seconds, checked = timed(partial(check, root, today=TODAY))
            errors = len(checked.errors)  # type: ignore[attr-defined]
            built = "—"
            if not errors:
                build_seconds, _ = timed(partial(build, root, BuildOptions(today=TODAY)))
                built = f"{build_seconds:8.2f}"
            print(f"{name:18} {seconds:8.2f} {built:>8}  {errors} errors", flush=True)
        if not args.no_site:
            project = Path(scratch) / "brackets"
            config = write_project(project, project / "processes", plugin={"today": str(TODAY)})
            seconds, result = timed(lambda: build_site(config, project / "site"))
            print(f"mkdocs build of 'brackets': {seconds:.1f} s, exit {result.returncode}")  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
