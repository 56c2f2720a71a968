"""The review cycle: when a process's review falls due, whether it is overdue, and which
processes of the handbook are overdue or fall due soon.

The one place this is decided: the review rules (validation), the process pages'
badges, the review page and `handbook stale` all ask here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .entities import Process
from .handbook import Handbook

#: How far ahead the review page looks for reviews falling due.
UPCOMING_DAYS = 30


@dataclass(frozen=True)
class ReviewState:
    due: dt.date | None
    overdue_days: int  # 0 when not overdue

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0


def under_review(process: Process) -> bool:
    """Whether the process is reviewed at all: it has a `review_every` and is not retired."""
    return process.review_every is not None and process.status != "retired"


def review_due(process: Process) -> dt.date | None:
    """When the next review falls due, counted from the last review (or the effective date)."""
    basis = process.last_reviewed or process.effective
    if process.review_every is None or basis is None:
        return None
    return process.review_every.after(basis)


def review_state(process: Process, today: dt.date | None) -> ReviewState:
    due = review_due(process)
    overdue = (today - due).days if due and today and today > due and under_review(process) else 0
    return ReviewState(due, overdue)


@dataclass(frozen=True)
class Review:
    process: Process
    due: dt.date
    #: Days past the due date (in `overdue`), or days left until it (in `upcoming`; 0 = today).
    days: int


@dataclass(frozen=True)
class Reviews:
    overdue: list[Review]  # most overdue first
    upcoming: list[Review]  # soonest first, due within UPCOMING_DAYS of today


def reviews(handbook: Handbook, today: dt.date) -> Reviews:
    """The processes whose review is overdue on `today`, and those due in the next UPCOMING_DAYS."""
    overdue: list[Review] = []
    upcoming: list[Review] = []
    for process in handbook.processes:
        state = review_state(process, today)
        if state.due is None or not under_review(process):
            continue
        if state.overdue:
            overdue.append(Review(process, state.due, state.overdue_days))
        elif state.due <= today + dt.timedelta(days=UPCOMING_DAYS):
            upcoming.append(Review(process, state.due, (state.due - today).days))
    overdue.sort(key=lambda r: (-r.days, r.process.id or ""))
    upcoming.sort(key=lambda r: (r.due, r.process.id or ""))
    return Reviews(overdue, upcoming)
