"""The review cycle across the handbook: which processes are overdue, which fall due soon.

`review_state` judges one process (due date from `Process.review_due`); `reviews`
sorts the handbook's processes by it, for `handbook stale` and the site's review
page alike.
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


def review_state(process: Process, today: dt.date | None) -> ReviewState:
    due = process.review_due
    overdue = (
        (today - due).days if due and today and today > due and process.status != "retired" else 0
    )
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
        if state.due is None or process.status == "retired":
            continue
        if state.overdue:
            overdue.append(Review(process, state.due, state.overdue_days))
        elif state.due <= today + dt.timedelta(days=UPCOMING_DAYS):
            upcoming.append(Review(process, state.due, (state.due - today).days))
    overdue.sort(key=lambda r: (-r.days, r.process.id or ""))
    upcoming.sort(key=lambda r: (r.due, r.process.id or ""))
    return Reviews(overdue, upcoming)
