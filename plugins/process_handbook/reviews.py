"""The review cycle across the handbook: which processes are overdue, which fall due soon.

One judgement of a single process lives in `views.review_state` (due date from
`Process.review_due`); this module only sorts the handbook's processes by it, for
`handbook stale` and the site's review page alike.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model.entities import Process
from .model.handbook import Handbook
from .rendering.views import review_state

#: How far ahead the review page looks for reviews falling due.
UPCOMING_DAYS = 30


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
