"""Write the example of every diagnostic code that the codes reference shows (from the corpus).

    .venv/bin/python scripts/make_rule_examples.py        # or: make rule-examples

Each code's example is the simplest corpus case that reports it (`validation.reference`),
checked as the corpus tests check it, on the tests' fixed date: the lines around the
finding and the finding as `handbook validate` prints it. The package carries the result
(`validation/rule-examples.json`), since the corpus is not part of it; a test fails when
the file is out of date.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from conftest import TODAY  # noqa: E402  (the tests' helpers, found through sys.path)
from corpuskit import CORPUS, build, case_levels, set_up  # noqa: E402
from process_handbook.pipeline import load  # noqa: E402
from process_handbook.validation import reference  # noqa: E402
from process_handbook.validation.examples import (  # noqa: E402
    SHIPPED,
    Example,
    example_of,
    examples_text,
)

TARGET = REPO / "plugins" / "process_handbook" / "validation" / SHIPPED


def rule_examples() -> dict[str, Example]:
    """Every code with a corpus case: its example."""
    examples = {}
    for entry in reference(CORPUS):
        if not entry.examples:
            continue
        source = entry.examples[0].path
        with tempfile.TemporaryDirectory() as temporary, pytest.MonkeyPatch.context() as patch:
            root = Path(temporary) / "processes"
            root.mkdir()
            case = build(source, root)
            folder = set_up(case, root, patch)
            found = load(folder, today=TODAY, levels=case_levels(case)).diagnostics
            first = next(d for d in found if d.code == entry.rule.code)
            examples[entry.rule.code] = example_of(case, root, first)
    return examples


def main() -> None:
    TARGET.write_text(examples_text(rule_examples()), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(REPO)}")


if __name__ == "__main__":
    main()
