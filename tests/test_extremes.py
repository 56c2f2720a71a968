"""validate OK ⇒ build OK, at the edges: every value at or near its limit.

Hypothesis (derandomized: the same examples in every run) writes valid handbooks whose
ids and names have the longest allowed length and characters of every Unicode class,
whose dates reach 2999-12-31 with quarterly meetings and ten-year review cycles counted
from them, whose numbers have as many digits as a goal may, whose meetings use any zone
of the pinned tzdata. Whatever `handbook validate` accepts, the build must take: the core
build (pages, calendars, exports) for every example, the whole MkDocs build (in this
process, through the plugin) for a few.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TODAY
from process_handbook import characters
from process_handbook.limits import FIRST_YEAR, LAST_YEAR, MAX_ID_LENGTH, MAX_NAME_LENGTH
from process_handbook.model.progress import MAX_DIGITS
from process_handbook.model.values import zone_names
from process_handbook.options import BuildOptions
from process_handbook.pipeline import build, check

EDGES = settings(
    max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck)
)

CHARACTERS = st.characters(blacklist_categories=("Cs", "Cc")).filter(
    lambda c: characters.name_problem(c) is None
)
ID = st.from_regex(rf"[a-z0-9][a-z0-9_-]{{{MAX_ID_LENGTH - 1}}}", fullmatch=True) | st.from_regex(
    r"[a-z0-9][a-z0-9_-]{0,6}", fullmatch=True
)
NAME = st.text(CHARACTERS, min_size=MAX_NAME_LENGTH, max_size=MAX_NAME_LENGTH) | st.text(
    CHARACTERS, min_size=1, max_size=12
)
NAME = NAME.filter(lambda t: t.strip() and not t.strip().startswith(("#",)))
DATES = st.dates(dt.date(FIRST_YEAR, 1, 1), dt.date(LAST_YEAR, 12, 31)) | st.sampled_from(
    [dt.date(LAST_YEAR, 12, 31), dt.date(LAST_YEAR, 10, 1), dt.date(FIRST_YEAR, 1, 1)]
)
NUMBER = st.sampled_from(
    ["9" * MAX_DIGITS, "-" + "9" * MAX_DIGITS, "0." + "0" * 13 + "1", "1" + "0" * 40, "1e999"]
)
ZONES = st.sampled_from(sorted(zone_names()))
CADENCES = st.sampled_from(
    [
        {"every": "day"},
        {"every": "weekday"},
        {"every": "week", "day": "sunday"},
        {"every": "2 weeks", "day": "周日"},
        {"every": "month", "day": "last friday"},
        {"every": "month", "day": 28},
        {"every": "quarter", "day": "first monday"},
        {"every": "quarter", "day": 1},
    ]
)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


@st.composite
def handbooks(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(ID, min_size=8, max_size=8, unique=True))
    d1, d2, r1, r2, p1, s1, s2, m1 = ids
    organization = {
        "departments": [{"id": d1, "name": draw(NAME)}, {"id": d2, "name": draw(NAME)}],
        "roles": [
            {"id": r1, "name": draw(NAME), "department": d1},
            {"id": r2, "name": draw(NAME), "department": d2},
        ],
        "tools": [{"id": "t", "name": draw(NAME), "url": "https://example.invalid/" + "a" * 200}],
    }
    start, end = sorted([draw(DATES), draw(DATES)])
    process = {
        "title": draw(NAME),
        "id": p1,
        "owner": r1,
        "effective": draw(DATES),
        "last_reviewed": draw(DATES),
        "review_every": draw(st.sampled_from(["3653 days", "521 weeks", "120 months", "10 years"])),
        "tags": [draw(NAME)],
        "goals": [{"metric": draw(NAME), "baseline": draw(NUMBER), "target": draw(NUMBER)}],
        "steps": [
            {
                "id": s1,
                "name": draw(NAME),
                "lane": d1,
                "owner": r1,
                "duration": draw(st.sampled_from(["525600m", "8760h", "366d", "52w"])),
                "tools": ["t"],
                "description": draw(st.text(CHARACTERS, max_size=300)) or "x",
            },
            {
                "id": s2,
                "name": draw(NAME),
                "kind": "decision",
                "lane": d2,
                "owner": r2,
                "next": [{"to": s1, "when": draw(NAME)}, {"to": "end", "when": "-"}],
            },
        ],
        "meetings": [
            {
                "id": m1,
                "name": draw(NAME),
                **draw(CADENCES),
                "time": "23:59",
                "duration": "1440m",
                "timezone": draw(ZONES),
                "chair": r1,
                "attendees": [d1, r2],
            }
        ],
        "plan": [{"phase": draw(NAME), "start": start, "end": end, "owner": r2}],
    }
    return {"organization": organization, p1: process}


def write(handbook: dict[str, Any], root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, data in handbook.items():
        text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, width=10_000)
        (root / f"{name}.yml").write_text(text, encoding="utf-8")
    return root


@EDGES
@given(handbook=handbooks())
def test_what_validates_builds(handbook: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory(prefix="edges-") as scratch:
        root = write(handbook, Path(scratch) / "processes")
        checked = check(root, today=TODAY)
        assert not checked.errors, [d.format() for d in checked.errors]  # all within the limits
        result = build(root, BuildOptions(today=TODAY))
        assert result.ok, [d.format() for d in result.diagnostics if d.is_error]
        assert result.pages and result.assets


@pytest.mark.site
@settings(max_examples=3, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(handbook=handbooks())
def test_what_validates_builds_through_the_plugin(handbook: dict[str, Any]) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from sitekit import write_project

    with tempfile.TemporaryDirectory(prefix="edges-site-") as scratch:
        root = Path(scratch)
        config_file = write_project(
            root, write(handbook, root / "processes"), plugin={"today": str(TODAY)}
        )
        config = load_config(str(config_file), site_dir=str(root / "site"), strict=True)
        mkdocs_build(config)
        pages = list((root / "site" / "processes").rglob("index.html"))
        assert len(pages) == 2  # the list of processes and the process
