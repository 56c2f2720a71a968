"""Warnings on the improvement fields (goals, problems) a reviewer would otherwise have to spot.

Both are warnings, not errors: the page still builds, it only shows less than
the author meant (no progress bar, a fixed problem without the fix).
"""

from __future__ import annotations

from ..diagnostics import WARNING, Reporter
from ..model.entities import Process
from ..model.progress import unit_clash
from .locate import key_mark, mark_of
from .registry import FileContext, ValidationRule

GOAL_UNITS = ValidationRule(
    code="goal-units",
    severity=WARNING,
    summary="a goal whose baseline, target and current values are in different units",
    fix="write baseline, target and current in the same unit (e.g. all in 天, or all in %)",
)


@GOAL_UNITS.in_process
def _goal_units(process: Process, context: FileContext, report: Reporter) -> None:
    for goal in process.goals:
        clash = unit_clash(goal)
        if clash is None:
            continue
        first, second = clash
        report(
            mark_of(goal, second),
            f"goal '{goal.metric}': {first} '{getattr(goal, first)}' and {second} "
            f"'{getattr(goal, second)}' are in different units, so no progress can be shown",
        )


FIXED_WITHOUT_FIX = ValidationRule(
    code="fixed-without-fix",
    severity=WARNING,
    summary="a problem marked `status: fixed` that does not say how it was fixed",
    fix="add `fix:` with the measure that solved it, or set `status: open`",
)


@FIXED_WITHOUT_FIX.in_process
def _fixed_without_fix(process: Process, context: FileContext, report: Reporter) -> None:
    for problem in process.problems:
        if problem.status == "fixed" and not problem.fix:
            report(
                key_mark(problem, "status"),
                f"problem '{problem.title}' is marked fixed but does not say how",
            )
