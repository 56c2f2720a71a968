"""The spec's defaults, filled in once after binding so every later stage sees them."""

from __future__ import annotations

from .entities import Process


def apply_defaults(process: Process, file_stem: str) -> None:
    """Process id from the file name, step ids s1.., meeting ids, RACI R, lane order."""
    if process.id is None:
        process.id = file_stem
    for position, step in enumerate(process.steps, start=1):
        step.position = position
        if step.id is None:
            step.id = f"s{position}"
        if step.responsible is None and step.owner:
            step.responsible = [step.owner]
    for position, meeting in enumerate(process.meetings, start=1):
        meeting.position = position
        if meeting.id is None:
            meeting.id = f"meeting-{position}"
    if process.lanes is None:
        process.lanes = list(dict.fromkeys(s.lane for s in process.steps if s.lane))
