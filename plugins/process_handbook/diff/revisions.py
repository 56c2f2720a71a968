"""Read a processes folder as it was at a git revision, through the same loader as every build."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostic, Levels
from ..history import GitHistory
from ..model.entities import Organization
from ..model.handbook import Handbook
from ..pipeline import load
from .changes import HandbookDiff, Side, compare


class RevisionError(Exception):
    """A revision git does not know, or a folder outside git: a usage error, not a finding."""


@dataclass
class Outcome:
    """A comparison, or why there is none: the errors of each side that failed to load."""

    base: str  # the revisions as the user named them; head None = the working tree
    head: str | None
    diff: HandbookDiff | None = None
    failures: dict[str, list[Diagnostic]] = field(default_factory=dict)  # "base" / "head" → errors


def compare_revisions(
    processes_dir: Path,
    base: str,
    head: str | None,
    *,
    timezone: str,
    levels: Levels | None = None,
) -> Outcome:
    """Compare the processes folder at `base` with `head` (None: the working tree); each side
    is judged with the handbook's rule severities `levels`."""
    history = GitHistory(processes_dir)
    if history.top is None:
        raise RevisionError(f"'{processes_dir}' is not inside a git repository")
    commits = {
        name: _commit(history, revision) for name, revision in (("base", base), ("head", head))
    }
    outcome = Outcome(base, head)
    with tempfile.TemporaryDirectory(prefix="handbook-diff-") as scratch:
        sides: dict[str, Side] = {}
        for name, commit in commits.items():
            root = processes_dir
            if commit is not None:
                root = Path(scratch) / name
                root.mkdir()
                if not history.export(commit, root):
                    # The folder did not exist yet: everything in the other side is new.
                    sides[name] = Side(Handbook(Organization()), root)
                    continue
            loaded = load(root, levels=levels)
            if loaded.errors:
                outcome.failures[name] = loaded.errors
            sides[name] = Side(loaded.handbook, root)
        if not outcome.failures:
            outcome.diff = compare(sides["base"], sides["head"], timezone=timezone)
    return outcome


def _commit(history: GitHistory, revision: str | None) -> str | None:
    if revision is None:
        return None
    commit = history.resolve(revision)
    if commit is None:
        raise RevisionError(f"unknown revision '{revision}'")
    return commit
