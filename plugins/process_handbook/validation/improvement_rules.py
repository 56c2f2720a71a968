"""Warnings on the improvement fields (goals, problems) a reviewer would otherwise have to spot.

Both are warnings, not errors: the page still builds, it only shows less than
the author meant (no progress bar, a fixed problem without the fix).
"""

from __future__ import annotations

from ..diagnostics import Report
from ..model.entities import Process
from ..model.progress import unit_clash
from .locate import key_mark, mark_of


def check_goals(process: Process, report: Report) -> None:
    for goal in process.goals:
        clash = unit_clash(goal)
        if clash is None:
            continue
        first, second = clash
        report.warning(
            mark_of(goal, second),
            "goal-units",
            f"goal '{goal.metric}': {first} '{getattr(goal, first)}' and {second} "
            f"'{getattr(goal, second)}' are in different units, so no progress can be shown",
            "write baseline, target and current in the same unit (e.g. all in 天, or all in %)",
        )


def check_problems(process: Process, report: Report) -> None:
    for problem in process.problems:
        if problem.status == "fixed" and not problem.fix:
            report.warning(
                key_mark(problem, "status"),
                "fixed-without-fix",
                f"problem '{problem.title}' is marked fixed but does not say how",
                "add `fix:` with the measure that solved it, or set `status: open`",
            )
