"""Rule 9: `lanes` and the steps' lanes agree."""

from __future__ import annotations

from ..diagnostics import ERROR, Reporter
from ..model.entities import Process
from .locate import mark_of, marks_of, written
from .registry import FileContext, ValidationRule


def _listed(process: Process) -> list[str] | None:
    """The lanes the file lists itself (None: none written, the default order applies)."""
    return process.lanes if written(process, "lanes") else None


LANE_DUPLICATE = ValidationRule(
    code="lane-duplicate",
    severity=ERROR,
    summary="a department listed twice in `lanes`",
    fix="list each department once: remove the second one",
)


@LANE_DUPLICATE.in_process
def _lane_duplicate(process: Process, context: FileContext, report: Reporter) -> None:
    for lane in dict.fromkeys(_listed(process) or []):
        for at in marks_of(process, "lanes", lane)[1:]:
            report(at, f"lane '{lane}' is listed twice")


LANE_UNUSED = ValidationRule(
    code="lane-unused",
    severity=ERROR,
    summary="a lane listed in `lanes` that no step uses",
    fix="remove it from `lanes`, or give a step that lane",
)


@LANE_UNUSED.in_process
def _lane_unused(process: Process, context: FileContext, report: Reporter) -> None:
    used = {s.lane for s in process.steps if s.lane}
    for lane in dict.fromkeys(_listed(process) or []):
        if lane not in used:
            report(
                mark_of(process, "lanes", lane),
                f"lane '{lane}' is listed in `lanes` but no step uses it",
                "remove it from `lanes`, or give a step `lane: " + lane + "`",
            )


LANE_NOT_LISTED = ValidationRule(
    code="lane-not-listed",
    severity=ERROR,
    summary="a step whose lane `lanes` does not list (when `lanes` is given)",
    fix="add the department to `lanes:` where it belongs in the order",
)


@LANE_NOT_LISTED.in_process
def _lane_not_listed(process: Process, context: FileContext, report: Reporter) -> None:
    listed = _listed(process)
    if listed is None:
        return
    for step in process.steps:
        if step.lane and step.lane not in listed:
            report(
                mark_of(step, "lane"),
                f"step '{step.id}' uses lane '{step.lane}', which `lanes` does not list",
                f"add {step.lane} to `lanes:` where it belongs in the order",
            )
