"""Small values written as text in the YAML: time limits, clock times, meeting days, ...

Each class parses its text once (raising `ValueProblem` with a fix a process
owner can follow), keeps the text for display, and describes itself to the
JSON Schema so editors can check it while typing.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, ClassVar, Self
from urllib.parse import urlsplit

from ..limits import MAX_DURATION_MINUTES, MAX_REVIEW_YEARS
from ..characters import token


class ValueProblem(ValueError):
    """A value that does not parse; `hint` says how to write it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Duration:
    """A time limit such as `30m`, `2h`, `3d` or `1w`."""

    amount: int
    unit: str  # m | h | d | w
    text: str

    PATTERN: ClassVar[str] = r"^\s*[0-9]{1,6}\s*[mhdwMHDW]\s*$"
    _MINUTES: ClassVar[dict[str, int]] = {"m": 1, "h": 60, "d": 1440, "w": 10080}

    @classmethod
    def parse(cls, text: str) -> Self:
        m = re.fullmatch(r"\s*([0-9]{1,6})\s*([mhdw])\s*", text, re.IGNORECASE)
        if not m or int(m[1]) == 0:
            raise ValueProblem(
                f"'{token(text)}' is not a duration",
                "write a number and a unit: 30m (minutes), 2h (hours), 3d (days) or 1w (weeks)",
            )
        duration = cls(int(m[1]), m[2].lower(), text.strip())
        if duration.minutes > MAX_DURATION_MINUTES:
            raise ValueProblem(
                f"'{token(text)}' is longer than a year",
                "write a time limit of at most a year, e.g. 52w",
            )
        return duration

    @property
    def minutes(self) -> int:
        return self.amount * self._MINUTES[self.unit]

    def __str__(self) -> str:
        return self.text

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {"type": "string", "pattern": cls.PATTERN, "examples": ["30m", "2h", "3d", "1w"]}


@dataclass(frozen=True)
class Clock:
    """A time of day, `15:00` or `9:30`."""

    hour: int
    minute: int

    PATTERN: ClassVar[str] = r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$"

    @classmethod
    def parse(cls, text: str) -> Self:
        m = re.fullmatch(r"\s*([0-9]{1,2})[:：]([0-9]{2})\s*", text)
        if not m or int(m[1]) > 23 or int(m[2]) > 59:
            raise ValueProblem(
                f"'{token(text)}' is not a time of day", "write the time as HH:MM, e.g. 15:00"
            )
        return cls(int(m[1]), int(m[2]))

    def plus(self, minutes: int) -> Clock:
        total = (self.hour * 60 + self.minute + minutes) % 1440
        return Clock(total // 60, total % 60)

    def __str__(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {"type": "string", "pattern": cls.PATTERN, "examples": ["15:00"]}


WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NAMES: dict[str, int] = {
    **{name: i for i, name in enumerate(WEEKDAYS_EN)},
    **{name[:3]: i for i, name in enumerate(WEEKDAYS_EN)},
    **{f"周{c}": i for i, c in enumerate("一二三四五六日")},
    "周天": 6,
    **{f"星期{c}": i for i, c in enumerate("一二三四五六日")},
    "星期天": 6,
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}


@dataclass(frozen=True)
class MeetingDay:
    """When in the cycle a meeting falls: a weekday, a day of the month, or `first monday`."""

    weekday: int | None = None  # 0 = Monday
    monthday: int | None = None  # 1..28
    ordinal: int | None = None  # 1..4, or -1 for "last"

    PATTERN: ClassVar[str] = (
        r"^((first|second|third|fourth|last)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday"
        r"|sunday|mon|tue|wed|thu|fri|sat|sun|周[一二三四五六日天]|星期[一二三四五六日天])$"
        r"|^([1-9]|1[0-9]|2[0-8])$"
    )

    @classmethod
    def parse(cls, text: str) -> Self:
        words = text.strip().lower().split()
        if len(words) == 1 and words[0].isdigit():
            day = int(words[0])
            if 1 <= day <= 28:
                return cls(monthday=day)
            raise ValueProblem(
                f"day {day} of the month does not exist in every month",
                "use 1..28, or 'last friday' style for the end of the month",
            )
        if len(words) == 1 and words[0] in _WEEKDAY_NAMES:
            return cls(weekday=_WEEKDAY_NAMES[words[0]])
        if len(words) == 2 and words[0] in ORDINALS and words[1] in _WEEKDAY_NAMES:
            return cls(weekday=_WEEKDAY_NAMES[words[1]], ordinal=ORDINALS[words[0]])
        raise ValueProblem(
            f"'{token(text)}' is not a meeting day",
            "write a weekday (wednesday, 周三), a day of the month (1..28) or e.g. 'first monday'",
        )

    @property
    def is_plain_weekday(self) -> bool:
        return self.weekday is not None and self.ordinal is None

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 28},
                {"type": "string", "pattern": cls.PATTERN},
            ],
            "examples": ["wednesday", "周三", 15, "first monday", "last friday"],
        }


@dataclass(frozen=True)
class ReviewInterval:
    """How often a process is reviewed: `6 months`, `1 year`, `2 weeks`, `90 days`."""

    amount: int
    unit: str  # day | week | month | year
    text: str

    _UNITS: ClassVar[dict[str, str]] = {
        "day": "day",
        "days": "day",
        "天": "day",
        "日": "day",
        "week": "week",
        "weeks": "week",
        "周": "week",
        "星期": "week",
        "month": "month",
        "months": "month",
        "个月": "month",
        "月": "month",
        "year": "year",
        "years": "year",
        "年": "year",
    }
    PATTERN: ClassVar[str] = (
        r"^\s*[0-9]{1,4}\s*(day|days|week|weeks|month|months|year|years|天|日|周|星期|个月|月|年)\s*$"
    )

    @classmethod
    def parse(cls, text: str) -> Self:
        m = re.fullmatch(r"\s*([0-9]{1,4})\s*([^\s0-9]+)\s*", text.lower())
        if not m or m[2] not in cls._UNITS or int(m[1]) == 0:
            raise ValueProblem(
                f"'{token(text)}' is not a review interval",
                "write a number and a unit: 90 days, 2 weeks, 6 months or 1 year",
            )
        interval = cls(int(m[1]), cls._UNITS[m[2]], text.strip())
        start = dt.date(2000, 1, 1)
        if interval.after(start) > start.replace(year=start.year + MAX_REVIEW_YEARS):
            raise ValueProblem(
                f"'{token(text)}' is longer than {MAX_REVIEW_YEARS} years",
                f"review the process at least every {MAX_REVIEW_YEARS} years, e.g. 1 year",
            )
        return interval

    def after(self, day: dt.date) -> dt.date:
        """The date one interval after `day` (month ends are clamped: 31 Jan + 1 month = 28/29 Feb)."""
        if self.unit == "day":
            return day + dt.timedelta(days=self.amount)
        if self.unit == "week":
            return day + dt.timedelta(weeks=self.amount)
        months = self.amount * (12 if self.unit == "year" else 1)
        year, month0 = divmod(day.month - 1 + months, 12)
        year += day.year
        last = calendar.monthrange(year, month0 + 1)[1]
        return dt.date(year, month0 + 1, min(day.day, last))

    def __str__(self) -> str:
        return self.text

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {"type": "string", "pattern": cls.PATTERN, "examples": ["6 months", "1 year"]}


@cache
def zone_names() -> frozenset[str]:
    """The time zones of the pinned `tzdata` package (its list of zones)."""
    listed = resources.files("tzdata").joinpath("zones").read_text("utf-8").split()
    return frozenset(listed) - {"Factory"}


@dataclass(frozen=True)
class TimeZone:
    """An IANA time zone name such as `Asia/Shanghai`."""

    name: str

    @classmethod
    def parse(cls, text: str) -> Self:
        """Only the zones of the pinned `tzdata` package count, so every machine reads the same
        zones; names that exist only on some machines (`localtime`, `posixrules`, `right/...`,
        folders of the zone database) are refused, as is the placeholder `Factory`."""
        name = text.strip()
        if name not in zone_names():
            raise ValueProblem(
                f"unknown time zone '{token(text)}'",
                "use an IANA name such as Asia/Shanghai, Europe/Berlin or UTC (letter case matters)",
            )
        return cls(name)

    def __str__(self) -> str:
        return self.name

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {"type": "string", "examples": ["Asia/Shanghai", "UTC"]}


@dataclass(frozen=True)
class WebAddress:
    """A link to a tool: a web address with a host, or a mail address; no other scheme, so no
    text can become a script link. Pages write it as a link attribute, never as Markdown."""

    url: str

    #: The schemes a link may use (the one allow-list of the format).
    SCHEMES: ClassVar[tuple[str, ...]] = ("https", "http", "mailto")
    PATTERN: ClassVar[str] = r"^(https?://[^\s/?#@]+|mailto:[^\s@]+@[^\s@]+)[^\s<>\"'`\\]*$"

    @classmethod
    def parse(cls, text: str) -> Self:
        url = text.strip()
        if not re.fullmatch(cls.PATTERN, url, re.IGNORECASE) or not _has_host(url):
            raise ValueProblem(
                f"'{token(text)}' is not a web address",
                "write a full address starting with https:// (or http://), or mailto:name@example.com",
            )
        return cls(url)

    def __str__(self) -> str:
        return self.url

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {"type": "string", "pattern": cls.PATTERN, "format": "uri"}


def _has_host(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed [ in the host
        return False
    return parts.scheme.lower() == "mailto" or bool(parts.hostname)


@dataclass(frozen=True)
class MailAddress:
    """An e-mail address such as `wang@example.com` (a leading `mailto:` is accepted)."""

    address: str

    PATTERN: ClassVar[str] = (
        r"^(mailto:)?[^\s@<>\"'(),;:\[\]\\]+@[^\s@<>\"'(),;:\[\]\\]+\.[A-Za-z]{2,}$"
    )

    @classmethod
    def parse(cls, text: str) -> Self:
        address = text.strip()
        if not re.fullmatch(cls.PATTERN, address):
            raise ValueProblem(
                f"'{text}' is not an e-mail address",
                "write one address such as wang@example.com (no name, no spaces, no angle brackets)",
            )
        return cls(address.removeprefix("mailto:"))

    @property
    def link(self) -> str:
        return f"mailto:{self.address}"

    def __str__(self) -> str:
        return self.address

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {"type": "string", "pattern": cls.PATTERN, "examples": ["wang@example.com"]}


@dataclass(frozen=True)
class PhoneNumber:
    """A phone number as people dial it: `+86 21 5555 0100`, `400-000-0000`, `8000 转 12`."""

    text: str

    PATTERN: ClassVar[str] = r"^\+?[0-9][0-9 ()./-]*[0-9]\s*((转|分机|[Ee]xt\.?|[Xx])\s*[0-9]+)?$"

    @classmethod
    def parse(cls, text: str) -> Self:
        number = " ".join(text.split())
        digits = sum(c.isdigit() for c in number)
        if not re.fullmatch(cls.PATTERN, number) or not 3 <= digits <= 20:
            raise ValueProblem(
                f"'{text}' is not a phone number",
                "write the digits people dial, with spaces or dashes if you like: "
                "+86 21 5555 0100, 400-000-0000, or an extension such as 8000",
            )
        return cls(number)

    @property
    def link(self) -> str:
        """A `tel:` link: the number up to any extension, digits and a leading + only."""
        main = re.split(r"(?i)转|分机|ext|x", self.text, maxsplit=1)[0]
        return "tel:" + re.sub(r"[^0-9+]", "", main)

    def __str__(self) -> str:
        return self.text

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {"type": "string", "pattern": cls.PATTERN, "examples": ["+86 21 5555 0100", "8000"]}


@dataclass(frozen=True)
class ChatLink:
    """A link that opens a chat: a web address, or the link of a chat app (`dingtalk://...`)."""

    url: str

    #: Schemes that open a chat; script and data schemes can never be written.
    SCHEMES: ClassVar[tuple[str, ...]] = (
        "https",
        "http",
        "dingtalk",
        "feishu",
        "lark",
        "weixin",
        "wxwork",
        "slack",
        "msteams",
        "sip",
        "xmpp",
        "tg",
    )
    PATTERN: ClassVar[str] = r"^(" + "|".join(SCHEMES) + r")://[^\s<>\"'`]+$"

    @classmethod
    def parse(cls, text: str) -> Self:
        url = text.strip()
        if not re.fullmatch(cls.PATTERN, url, re.IGNORECASE):
            raise ValueProblem(
                f"'{text}' is not a chat link",
                "paste the chat's link: a web address (https://...) or the chat app's own link "
                "(dingtalk://..., feishu://..., weixin://...); a group's name belongs in the "
                "department's `contact`",
            )
        return cls(url)

    def __str__(self) -> str:
        return self.url

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {"type": "string", "pattern": cls.PATTERN, "format": "uri"}


@dataclass(frozen=True)
class Flag:
    """A yes-or-no field written `true` or `false` (YAML's only booleans; `yes` stays text)."""

    value: bool

    _WORDS: ClassVar[dict[str, bool]] = {"true": True, "false": False}

    @classmethod
    def parse(cls, text: str) -> Self:
        word = text.strip().lower()
        if word not in cls._WORDS:
            raise ValueProblem(f"'{text}' is not true or false", "write true or false")
        return cls(cls._WORDS[word])

    def __bool__(self) -> bool:
        return self.value

    def __str__(self) -> str:
        return "true" if self.value else "false"

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {"type": "boolean"}
