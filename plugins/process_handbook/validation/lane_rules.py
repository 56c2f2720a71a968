"""Rule 9: `lanes` and the steps' lanes agree."""

from __future__ import annotations

from ..diagnostics import Report
from ..model.entities import Process
from .locate import mark_of, marks_of, written


def check_lanes(process: Process, report: Report) -> None:
    if not written(process, "lanes") or process.lanes is None:
        return
    listed = set(process.lanes)
    for lane in dict.fromkeys(process.lanes):
        for at in marks_of(process, "lanes", lane)[1:]:
            report.error(
                at,
                "lane-duplicate",
                f"lane '{lane}' is listed twice",
                "list each department once: remove this one",
            )
    used = {s.lane for s in process.steps if s.lane}
    for lane in dict.fromkeys(process.lanes):
        if lane not in used:
            report.error(
                mark_of(process, "lanes", lane),
                "lane-unused",
                f"lane '{lane}' is listed in `lanes` but no step uses it",
                "remove it from `lanes`, or give a step `lane: " + lane + "`",
            )
    for step in process.steps:
        if step.lane and step.lane not in listed:
            report.error(
                mark_of(step, "lane"),
                "lane-not-listed",
                f"step '{step.id}' uses lane '{step.lane}', which `lanes` does not list",
                f"add {step.lane} to `lanes:` where it belongs in the order",
            )
