"""Interface text in Chinese or English, and the phrases built from it (cadence, durations)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..model.entities import Meeting
from ..model.values import Duration, ReviewInterval

LANGUAGES = ("zh", "en")


@cache
def catalogue(language: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath(f"{language}.yml").read_text("utf-8")
    return dict(yaml.safe_load(text))


def language_for(theme_language: str | None) -> str:
    """The catalogue for a site language: Chinese variants get zh, everything else en."""
    return "zh" if (theme_language or "").lower().startswith("zh") else "en"


class Labels:
    """`labels.owner` or `labels["owner"]` for plain text, `labels.fmt(key, ...)` for templates."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._text = catalogue(language)

    def __getattr__(self, key: str) -> Any:
        try:
            return self._text[key]
        except KeyError:
            raise AttributeError(key) from None

    def __getitem__(self, key: str) -> Any:
        return self._text[key]

    def fmt(self, key: str, **values: object) -> str:
        """`key` with its `{placeholders}` filled; an entry with `one` and `other` forms (English
        plurals) takes the form for the number `n` ("1 day", "1.5 days", "2 days")."""
        entry = self._text[key]
        if isinstance(entry, dict):
            entry = entry["one" if str(values.get("n")) == "1" else "other"]
        return str(entry).format(**values)

    def count(self, key: str, n: int, **values: object) -> str:
        """`key` for `n` things."""
        return self.fmt(key, n=n, **values)

    def duration(self, value: Duration) -> str:
        key = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}[value.unit]
        return self.count(key, value.amount)

    def interval(self, value: ReviewInterval) -> str:
        """A review interval in the page's language: 6 个月 / 6 months."""
        return self.count(f"{value.unit}s", value.amount)

    def when(self, meeting: Meeting) -> str:
        """When a meeting happens, in words: 每周三 / Every Wednesday / 每月第一个周一."""
        every, day = meeting.every, meeting.day
        weekday = self.weekdays[day.weekday] if day and day.weekday is not None else ""
        if every in ("day", "weekday"):
            return str(self[f"every_{every}"])
        if every in ("week", "2 weeks"):
            return self.fmt("every_week" if every == "week" else "every_2weeks", weekday=weekday)
        prefix = "every_month" if every == "month" else "every_quarter"
        if day is not None and day.ordinal is not None:
            ordinal = self.ordinals[str(day.ordinal)]
            return self.fmt(f"{prefix}_ordinal", ordinal=ordinal, weekday=weekday)
        return self.fmt(f"{prefix}_day", day=day.monthday if day else "")

    def meeting_time(self, meeting: Meeting, timezone: str) -> str:
        """`15:00–16:00 (Asia/Shanghai)`."""
        if meeting.time is None:
            return ""
        span = self.fmt("time_range", start=meeting.time, end=meeting.time.plus(meeting.minutes))
        return f"{span} ({timezone})"
