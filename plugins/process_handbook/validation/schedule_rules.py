"""Rule 8 beyond parsing: meeting days fit the cadence, plans run forwards, reviews fall due."""

from __future__ import annotations

from ..diagnostics import ERROR, WARNING, Reporter
from ..model.entities import Process
from ..model.reviews import review_due, review_state, under_review
from .locate import key_mark, mark_of, written
from .registry import FileContext, ValidationRule

_WEEKLY = ("week", "2 weeks")
_MONTHLY = ("month", "quarter")

DAY_NOT_NEEDED = ValidationRule(
    code="day-not-needed",
    severity=ERROR,
    summary="a `day` on a meeting held every day or every weekday",
    fix="remove `day:`, or change `every` to week / month",
)


@DAY_NOT_NEEDED.in_process
def _day_not_needed(process: Process, context: FileContext, report: Reporter) -> None:
    for meeting in process.meetings:
        if meeting.every in ("day", "weekday") and meeting.day is not None:
            report(mark_of(meeting, "day"), f"a meeting held every {meeting.every} has no `day`")


DAY_MISSING = ValidationRule(
    code="day-missing",
    severity=ERROR,
    summary="a weekly, monthly or quarterly meeting without a `day`",
    fix="add `day:` (a weekday for weekly meetings, 1..28 or e.g. first monday for monthly ones)",
)


@DAY_MISSING.in_process
def _day_missing(process: Process, context: FileContext, report: Reporter) -> None:
    for meeting in process.meetings:
        every = meeting.every
        if every not in (*_WEEKLY, *_MONTHLY) or meeting.day is not None:
            continue
        if written(meeting, "day"):
            continue  # the day is written but does not parse, which is reported already
        example = "wednesday" if every in _WEEKLY else "15 (or first monday)"
        report(
            key_mark(meeting, "every"),
            f"a meeting held every {every} needs a `day`",
            f"add `day: {example}`",
        )


DAY_MISMATCH = ValidationRule(
    code="day-mismatch",
    severity=ERROR,
    summary="a meeting day that does not fit the cadence (a date for a weekly meeting, ...)",
    fix="weekly: monday..sunday or 周一..周日; monthly and quarterly: 1..28 or e.g. first monday",
)


@DAY_MISMATCH.in_process
def _day_mismatch(process: Process, context: FileContext, report: Reporter) -> None:
    for meeting in process.meetings:
        every, day = meeting.every, meeting.day
        if day is None:
            continue
        if every in _WEEKLY and not day.is_plain_weekday:
            report(
                mark_of(meeting, "day"),
                f"a meeting held every {every} falls on a weekday",
                "write a weekday: monday..sunday or 周一..周日",
            )
        if every in _MONTHLY and day.is_plain_weekday:
            report(
                mark_of(meeting, "day"),
                f"a meeting held every {every} needs a day of the month or e.g. 'first monday'",
                "write 1..28, or first|second|third|fourth|last + weekday",
            )


MEETING_TOO_LONG = ValidationRule(
    code="meeting-too-long",
    severity=ERROR,
    summary="a meeting `duration` longer than a day",
    fix="write the length of one session, e.g. 60m or 2h",
    lowerable=True,
)


@MEETING_TOO_LONG.in_process
def _meeting_too_long(process: Process, context: FileContext, report: Reporter) -> None:
    for meeting in process.meetings:
        if meeting.duration is not None and meeting.duration.minutes > 24 * 60:
            report(
                mark_of(meeting, "duration"),
                f"a meeting of {meeting.duration} is longer than a day",
            )


PLAN_BACKWARDS = ValidationRule(
    code="plan-backwards",
    severity=ERROR,
    summary="a plan phase that ends before it starts",
    fix="swap the dates, or correct the one that is wrong",
)


@PLAN_BACKWARDS.in_process
def _plan_backwards(process: Process, context: FileContext, report: Reporter) -> None:
    for phase in process.plan:
        if phase.start and phase.end and phase.end < phase.start:
            report(
                mark_of(phase, "end"),
                f"phase '{phase.phase}' ends ({phase.end}) before it starts ({phase.start})",
            )


REVIEW_UNKNOWN = ValidationRule(
    code="review-unknown",
    severity=WARNING,
    summary="`review_every` without a `last_reviewed` (or `effective`) date to count from",
    fix="add `last_reviewed: YYYY-MM-DD`",
)


@REVIEW_UNKNOWN.in_process
def _review_unknown(process: Process, context: FileContext, report: Reporter) -> None:
    if not under_review(process) or review_due(process) is not None:
        return
    if written(process, "last_reviewed") or written(process, "effective"):
        return  # the date is written but does not parse, which is reported already
    report(
        key_mark(process, "review_every"),
        "`review_every` is set but there is no `last_reviewed` (or `effective`) date to count from",
    )


REVIEW_IN_FUTURE = ValidationRule(
    code="review-in-future",
    severity=WARNING,
    summary="a `last_reviewed` date after today",
    fix="write the date the review took place",
    dated=True,
)


@REVIEW_IN_FUTURE.in_process
def _review_in_future(process: Process, context: FileContext, report: Reporter) -> None:
    today = context.today
    if today is None or not under_review(process) or review_due(process) is None:
        return
    if process.last_reviewed and process.last_reviewed > today:
        report(
            mark_of(process, "last_reviewed"),
            f"last_reviewed {process.last_reviewed} is in the future",
        )


REVIEW_OVERDUE = ValidationRule(
    code="review-overdue",
    severity=WARNING,
    summary="a process whose review is overdue (`review_every` after `last_reviewed`)",
    fix="review the process with its owner, then set `last_reviewed:` to the review date",
    dated=True,
)


@REVIEW_OVERDUE.in_process
def _review_overdue(process: Process, context: FileContext, report: Reporter) -> None:
    today = context.today
    if today is None or not under_review(process):
        return
    if process.last_reviewed and process.last_reviewed > today:
        return  # in the future: reported as such
    state = review_state(process, today)
    if state.overdue:
        late = state.overdue_days
        report(
            key_mark(process, "last_reviewed" if process.last_reviewed else "review_every"),
            f"review overdue by {late} day{'s' * (late != 1)} (due {state.due}, "
            f"every {process.review_every})",
        )
