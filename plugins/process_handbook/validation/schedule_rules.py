"""Rule 8 beyond parsing: meeting days fit the cadence, plans run forwards, reviews fall due."""

from __future__ import annotations

import datetime as dt

from ..diagnostics import Report
from ..model.entities import Meeting, Process
from .locate import key_mark, mark_of, written

_WEEKLY = ("week", "2 weeks")
_MONTHLY = ("month", "quarter")


def check_meetings(process: Process, report: Report) -> None:
    for meeting in process.meetings:
        _check_day(meeting, report)
        if meeting.duration is not None and meeting.duration.minutes > 24 * 60:
            report.error(
                mark_of(meeting, "duration"),
                "meeting-too-long",
                f"a meeting of {meeting.duration} is longer than a day",
                "write the length of one session, e.g. 60m or 2h",
            )


def _check_day(meeting: Meeting, report: Report) -> None:
    every, day = meeting.every, meeting.day
    if every is None:
        return
    if every in ("day", "weekday"):
        if day is not None:
            report.error(
                mark_of(meeting, "day"),
                "day-not-needed",
                f"a meeting held every {every} has no `day`",
                "remove `day:`, or change `every` to week / month",
            )
        return
    if day is None:
        if written(meeting, "day"):
            return  # the day is written but does not parse, which is reported already
        example = "wednesday" if every in _WEEKLY else "15 (or first monday)"
        report.error(
            key_mark(meeting, "every"),
            "day-missing",
            f"a meeting held every {every} needs a `day`",
            f"add `day: {example}`",
        )
        return
    if every in _WEEKLY and not day.is_plain_weekday:
        report.error(
            mark_of(meeting, "day"),
            "day-mismatch",
            f"a meeting held every {every} falls on a weekday",
            "write a weekday: monday..sunday or 周一..周日",
        )
    if every in _MONTHLY and day.is_plain_weekday:
        report.error(
            mark_of(meeting, "day"),
            "day-mismatch",
            f"a meeting held every {every} needs a day of the month or e.g. 'first monday'",
            "write 1..28, or first|second|third|fourth|last + weekday",
        )


def check_plan(process: Process, report: Report) -> None:
    for phase in process.plan:
        if phase.start and phase.end and phase.end < phase.start:
            report.error(
                mark_of(phase, "end"),
                "plan-backwards",
                f"phase '{phase.phase}' ends ({phase.end}) before it starts ({phase.start})",
                "swap the dates, or correct the one that is wrong",
            )


def check_review(process: Process, today: dt.date | None, report: Report) -> None:
    if process.review_every is None or process.status == "retired":
        return
    due = process.review_due
    if due is None:
        if written(process, "last_reviewed") or written(process, "effective"):
            return  # the date is written but does not parse, which is reported already
        report.warning(
            key_mark(process, "review_every"),
            "review-unknown",
            "`review_every` is set but there is no `last_reviewed` (or `effective`) date to count from",
            "add `last_reviewed: YYYY-MM-DD`",
        )
        return
    if today is None:
        return
    if process.last_reviewed and process.last_reviewed > today:
        report.warning(
            mark_of(process, "last_reviewed"),
            "review-in-future",
            f"last_reviewed {process.last_reviewed} is in the future",
            "write the date the review took place",
            dated=True,
        )
    elif due < today:
        late = (today - due).days
        report.warning(
            key_mark(process, "last_reviewed" if process.last_reviewed else "review_every"),
            "review-overdue",
            f"review overdue by {late} day{'s' * (late != 1)} (due {due}, every {process.review_every})",
            "review the process with its owner, then set `last_reviewed:` to the review date",
            dated=True,
        )
