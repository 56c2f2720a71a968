"""Small values written as text in the YAML: time limits, clock times, meeting days, ...

Each class parses its text once (raising `ValueProblem` with a fix a process
owner can follow), keeps the text for display, and describes itself to the
JSON Schema so editors can check it while typing. A class written to a pattern
has one `Pattern`: the parser matches the very regular expression the schema
gives editors, so both accept exactly the same text (tests/test_values.py).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, ClassVar, Self

from ..characters import token
from ..limits import MAX_DURATION_MINUTES, MAX_REVIEW_YEARS

#: What a value class accepts, in words, by language (`zh`, `en`): the format reference shows it.
Words = dict[str, str]

#: The blanks a value may have around it or between its words: the ones YAML text can hold and
#: `str.strip` removes, written out, since Python's and JavaScript's `\s` differ.
_BLANKS = "\\t\\n\\r \\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000"
_BLANK = f"[{_BLANKS}]"
#: What a web address may hold nowhere: blanks, quotes, backslashes and angle brackets.
_URL_BANNED = f"<>\"'`\\\\{_BLANKS}"


def _caseless(pattern: str) -> str:
    """`pattern` with each ASCII letter matching either case (`a` → `[aA]`, `[mh]` → `[mhMH]`,
    `[a-z]` → `[a-zA-Z]`).

    JSON Schema patterns (ECMA-262) have no case-insensitive flag, and Python's flag
    would also match look-alikes such as the Kelvin sign for `k`: spelled out, the
    pattern means the same in both engines. Escapes (`\t`, `\u00a0`) are left alone.
    """
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            size = 6 if pattern[i + 1 : i + 2] == "u" else 2  # \u00a0 or \t
            out.append(pattern[i : i + size])
            i += size
            continue
        if in_class:
            in_class = char != "]"
            end = pattern[i + 2 : i + 3]
            if char.isascii() and char.islower() and pattern[i + 1 : i + 2] == "-" and end:
                out.append(f"{char}-{end}{char.upper()}-{end.upper()}")  # a range: [a-z]
                i += 3
                continue
            out.append(char + char.upper() if char.isascii() and char.islower() else char)
        elif char == "[":
            in_class = True
            out.append(char)
        elif char.isascii() and char.isalpha() and pattern[i - 1 : i + 1] != "(?":
            out.append(f"[{char.lower()}{char.upper()}]")
        else:
            out.append(char)
        i += 1
    return "".join(out)


def _up_to(limit: int) -> str:
    """A pattern of the whole numbers 1..`limit`, written without leading zeros (so that a
    range holds in the schema too: JSON Schema has no maximum for a number inside text)."""
    digits = str(limit)

    def any_digits(count: int) -> str:
        return "[0-9]" * min(count, 1) + (f"{{{count}}}" if count > 1 else "")

    shorter = len(digits) - 1  # the numbers with fewer digits: 1-9, then 0-9 up to shorter-1
    options = ["[1-9]" + (f"[0-9]{{0,{shorter - 1}}}" if shorter > 1 else "")] if shorter else []
    for i, digit in enumerate(digits):
        low, high = (1 if i == 0 else 0), int(digit) - 1
        if high >= low:
            lower = f"[{low}-{high}]" if high > low else str(low)
            options.append(f"{digits[:i]}{lower}{any_digits(len(digits) - i - 1)}")
    options.append(digits)
    return "(?:" + "|".join(options) + ")"


def _amounts(longest: dict[tuple[str, ...], int]) -> str:
    """`0*(amount)_*(unit)` for each group of unit words with its own largest amount: the
    groups 1-2, 3-4, ... (words longest first: `days` before `day`)."""
    return "|".join(
        f"0*({_up_to(limit)})_*({'|'.join(sorted(words, key=len, reverse=True))})"
        for words, limit in longest.items()
    )


def _amount_and_unit(m: re.Match[str]) -> tuple[int, str]:
    """The amount and the unit an `_amounts` pattern matched."""
    i = next(i for i in range(1, len(m.groups()), 2) if m[i] is not None)
    return int(m[i]), m[i + 1].lower()


def _too_large(text: str, units: dict[str, Any]) -> bool:
    """Whether `text`, which its pattern refused, is an amount of a unit, only too large."""
    m = re.fullmatch(f"{_BLANK}*([0-9]+){_BLANK}*(.+?){_BLANK}*", text)
    return m is not None and int(m[1]) > 0 and m[2].lower() in units


class Pattern:
    """A value's one regular expression, in the syntax Python and JavaScript share.

    `core` is written in lower case with numbered groups and `_` for a blank; the
    full pattern allows blanks around the value, ignores letter case, and is what
    the JSON Schema says (`text`) and what the parser matches (`match`).
    """

    def __init__(self, core: str) -> None:
        body = _caseless(core).replace("_", _BLANK)
        self.text = f"^{_BLANK}*(?:{body}){_BLANK}*$"
        self._regex = re.compile(self.text)

    def match(self, text: str) -> re.Match[str] | None:
        """The match as a JSON Schema validator finds it (`re.search`, like jsonschema)."""
        return self._regex.search(text)


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

    _MINUTES: ClassVar[dict[str, int]] = {"m": 1, "h": 60, "d": 1440, "w": 10080}
    ACCEPTS: ClassVar[Words] = {
        "zh": "数字加单位：m 分钟、h 小时、d 天、w 周（如 30m、2h、3d、1w）；最长一年"
        f"（{MAX_DURATION_MINUTES // 1440}d 或 {MAX_DURATION_MINUTES // 10080}w）",
        "en": "a number and a unit: m minutes, h hours, d days, w weeks (e.g. 30m, 2h, 3d, 1w); "
        f"at most a year ({MAX_DURATION_MINUTES // 1440}d or {MAX_DURATION_MINUTES // 10080}w)",
    }
    #: At most a year (MAX_DURATION_MINUTES) in any unit: 527040m, 8784h, 366d or 52w.
    PATTERN: ClassVar[Pattern] = Pattern(
        _amounts({(unit,): MAX_DURATION_MINUTES // size for unit, size in _MINUTES.items()})
    )

    @classmethod
    def parse(cls, text: str) -> Self:
        m = cls.PATTERN.match(text)
        if m:
            return cls(*_amount_and_unit(m), text.strip())
        if _too_large(text, cls._MINUTES):
            raise ValueProblem(
                f"'{token(text)}' is longer than a year",
                "write a time limit of at most a year, e.g. 52w",
            )
        raise ValueProblem(
            f"'{token(text)}' is not a duration",
            "write a number and a unit: 30m (minutes), 2h (hours), 3d (days) or 1w (weeks)",
        )

    @property
    def minutes(self) -> int:
        return self.amount * self._MINUTES[self.unit]

    def __str__(self) -> str:
        return self.text

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": cls.PATTERN.text,
            "examples": ["30m", "2h", "3d", "1w"],
        }


@dataclass(frozen=True)
class Clock:
    """A time of day, `15:00` or `9:30`."""

    hour: int
    minute: int

    PATTERN: ClassVar[Pattern] = Pattern("([01]?[0-9]|2[0-3])[:\uff1a]([0-5][0-9])")  # : or ：
    ACCEPTS: ClassVar[Words] = {
        "zh": "24 小时制的 时:分，如 09:30、15:00（冒号也可写作全角 ：）",
        "en": "hours:minutes on a 24-hour clock, e.g. 09:30 or 15:00 (a full-width ： also works)",
    }

    @classmethod
    def parse(cls, text: str) -> Self:
        m = cls.PATTERN.match(text)
        if not m:
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
        return {"type": "string", "pattern": cls.PATTERN.text, "examples": ["15:00"]}


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

    ACCEPTS: ClassVar[Words] = {
        "zh": "星期几（monday..sunday、mon..sun、周一..周日、星期一..星期日），"
        "每月第几天（1..28），或第几个星期几（first | second | third | fourth | last 加星期，"
        "如 first monday）",
        "en": "a weekday (monday..sunday, mon..sun, 周一..周日), a day of the month (1..28), "
        "or first | second | third | fourth | last and a weekday (e.g. first monday)",
    }

    weekday: int | None = None  # 0 = Monday
    monthday: int | None = None  # 1..28
    ordinal: int | None = None  # 1..4, or -1 for "last"

    PATTERN: ClassVar[Pattern] = Pattern(
        f"(?:({'|'.join(ORDINALS)})_+)?({'|'.join(sorted(_WEEKDAY_NAMES, key=len, reverse=True))})"
        "|0*([1-9]|1[0-9]|2[0-8])"
    )

    @classmethod
    def parse(cls, text: str) -> Self:
        m = cls.PATTERN.match(text)
        if m and m[3]:
            return cls(monthday=int(m[3]))
        if m:
            ordinal = ORDINALS[m[1].lower()] if m[1] else None
            return cls(weekday=_WEEKDAY_NAMES[m[2].lower()], ordinal=ordinal)
        if text.strip().isascii() and text.strip().isdigit():
            raise ValueProblem(
                f"day {token(text.strip().lstrip('0'))} of the month does not exist in every month",
                "use 1..28, or 'last friday' style for the end of the month",
            )
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
                {"type": "string", "pattern": cls.PATTERN.text},
            ],
            "examples": ["wednesday", "周三", 15, "first monday", "last friday"],
        }


_REVIEW_DAYS = (dt.date(2000 + MAX_REVIEW_YEARS, 1, 1) - dt.date(2000, 1, 1)).days
#: The most of each unit a review interval may be (MAX_REVIEW_YEARS years, so a due date always
#: stays a real date): 3653 days (the most ten years can have), 521 weeks, 120 months, 10 years.
_LONGEST_REVIEW = {
    "day": _REVIEW_DAYS,
    "week": _REVIEW_DAYS // 7,
    "month": 12 * MAX_REVIEW_YEARS,
    "year": MAX_REVIEW_YEARS,
}


@dataclass(frozen=True)
class ReviewInterval:
    """How often a process is reviewed: `6 months`, `1 year`, `2 weeks`, `90 days`."""

    ACCEPTS: ClassVar[Words] = {
        "zh": "数字加单位：days | weeks | months | years（也可写 天、周、个月、年），"
        f"如 90 days、6 months、1 year；最长 {MAX_REVIEW_YEARS} 年",
        "en": "a number and a unit: days | weeks | months | years (or 天, 周, 个月, 年), "
        f"e.g. 90 days, 6 months, 1 year; at most {MAX_REVIEW_YEARS} years",
    }

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
    PATTERN: ClassVar[Pattern] = Pattern(
        _amounts(
            {
                tuple(word for word, meant in words.items() if meant == unit): longest
                for words in [_UNITS]  # (a comprehension sees the class's names only here)
                for unit, longest in _LONGEST_REVIEW.items()
            }
        )
    )

    @classmethod
    def parse(cls, text: str) -> Self:
        m = cls.PATTERN.match(text)
        if m:
            amount, word = _amount_and_unit(m)
            return cls(amount, cls._UNITS[word], text.strip())
        if _too_large(text, cls._UNITS):
            raise ValueProblem(
                f"'{token(text)}' is longer than {MAX_REVIEW_YEARS} years",
                f"review the process at least every {MAX_REVIEW_YEARS} years, e.g. 1 year",
            )
        raise ValueProblem(
            f"'{token(text)}' is not a review interval",
            "write a number and a unit: 90 days, 2 weeks, 6 months or 1 year",
        )

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
        return {"type": "string", "pattern": cls.PATTERN.text, "examples": ["6 months", "1 year"]}


@cache
def zone_names() -> frozenset[str]:
    """The time zones of the pinned `tzdata` package (its list of zones)."""
    listed = resources.files("tzdata").joinpath("zones").read_text("utf-8").split()
    return frozenset(listed) - {"Factory"}


@dataclass(frozen=True)
class TimeZone:
    """An IANA time zone name such as `Asia/Shanghai`."""

    ACCEPTS: ClassVar[Words] = {
        "zh": "IANA 时区名称（区分大小写），如 Asia/Shanghai、Europe/Berlin、UTC",
        "en": "an IANA time zone name (letter case matters), e.g. Asia/Shanghai, Europe/Berlin, UTC",
    }

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

    ACCEPTS: ClassVar[Words] = {
        "zh": "以 https:// 或 http:// 开头的完整网址，或 mailto:邮箱；不含空格、引号、尖括号",
        "en": "a full address starting with https:// or http://, or mailto:address; "
        "no blanks, quotes or angle brackets",
    }

    url: str

    #: A web address with a host (after any `user@`, before any `:port`), or a mail address
    #: with an @; no other scheme, no blank, quote, backslash or angle bracket anywhere.
    PATTERN: ClassVar[Pattern] = Pattern(
        f"https?://(?:[^/?#@{_URL_BANNED}]*@)?[^/?#@:\\[\\]{_URL_BANNED}]+(?::[0-9]*)?"
        f"(?:[/?#][^{_URL_BANNED}]*)?"
        f"|mailto:[^@{_URL_BANNED}]+@[^{_URL_BANNED}]+"
    )

    @classmethod
    def parse(cls, text: str) -> Self:
        url = text.strip()
        if not cls.PATTERN.match(text):
            raise ValueProblem(
                f"'{token(text)}' is not a web address",
                "write a full address starting with https:// (or http://), or mailto:name@example.com",
            )
        return cls(url)

    def __str__(self) -> str:
        return self.url

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {"type": "string", "pattern": cls.PATTERN.text, "format": "uri"}


#: What a mail address holds nowhere (besides its one @): blanks, quotes, brackets, separators.
_MAIL_BANNED = f"@<>\"'(),;:\\[\\]\\\\{_BLANKS}"


@dataclass(frozen=True)
class MailAddress:
    """An e-mail address such as `wang@example.com` (a leading `mailto:` is accepted)."""

    ACCEPTS: ClassVar[Words] = {
        "zh": "一个邮箱地址，如 wang@example.com（可带 mailto:；不写姓名、空格或尖括号）",
        "en": "one e-mail address such as wang@example.com (mailto: allowed; "
        "no name, blanks or angle brackets)",
    }

    address: str

    #: One address: a name, an @, a domain ending in a dot and two or more letters.
    PATTERN: ClassVar[Pattern] = Pattern(
        f"(?:mailto:)?([^{_MAIL_BANNED}]+@[^{_MAIL_BANNED}]+\\.[a-z]{{2,}})"
    )

    @classmethod
    def parse(cls, text: str) -> Self:
        m = cls.PATTERN.match(text)
        if not m:
            raise ValueProblem(
                f"'{token(text)}' is not an e-mail address",
                "write one address such as wang@example.com (no name, no spaces, no angle brackets)",
            )
        return cls(m[1])

    @property
    def link(self) -> str:
        return f"mailto:{self.address}"

    def __str__(self) -> str:
        return self.address

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {"type": "string", "pattern": cls.PATTERN.text, "examples": ["wang@example.com"]}


#: A phone number has 3 to 20 digits, its extension's included (a lookahead counts them).
_PHONE_DIGITS = "(?=(?:[^0-9]*[0-9]){3})(?!(?:[^0-9]*[0-9]){21})"


@dataclass(frozen=True)
class PhoneNumber:
    """A phone number as people dial it: `+86 21 5555 0100`, `400-000-0000`, `8000 转 12`."""

    ACCEPTS: ClassVar[Words] = {
        "zh": "拨打的号码：3 到 20 位数字，可带 +、空格、-、.、括号，"
        "分机写在 转、分机、ext 或 x 之后（如 8000 转 12）",
        "en": "the number people dial: 3 to 20 digits, with +, blanks, -, . or brackets if you "
        "like, an extension after 转, 分机, ext or x (e.g. 8000 ext 12)",
    }

    text: str

    PATTERN: ClassVar[Pattern] = Pattern(
        f"{_PHONE_DIGITS}\\+?[0-9](?:[0-9()./-]|_)*[0-9]_*(?:(?:转|分机|ext\\.?|x)_*[0-9]+)?"
    )

    @classmethod
    def parse(cls, text: str) -> Self:
        if not cls.PATTERN.match(text):
            raise ValueProblem(
                f"'{token(text)}' is not a phone number",
                "write the digits people dial, with spaces or dashes if you like: "
                "+86 21 5555 0100, 400-000-0000, or an extension such as 8000",
            )
        return cls(" ".join(text.split()))

    @property
    def link(self) -> str:
        """A `tel:` link: the number up to any extension, digits and a leading + only."""
        main = re.split(r"(?i)转|分机|ext|x", self.text, maxsplit=1)[0]
        return "tel:" + re.sub(r"[^0-9+]", "", main)

    def __str__(self) -> str:
        return self.text

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": cls.PATTERN.text,
            "examples": ["+86 21 5555 0100", "8000"],
        }


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
    PATTERN: ClassVar[Pattern] = Pattern(f"(?:{'|'.join(SCHEMES)})://[^{_URL_BANNED}]+")
    ACCEPTS: ClassVar[Words] = {
        "zh": f"以 {'、'.join(s + '://' for s in SCHEMES)} 开头的链接；不含空格、引号、尖括号",
        "en": f"a link starting with {', '.join(s + '://' for s in SCHEMES)}; "
        "no blanks, quotes or angle brackets",
    }

    @classmethod
    def parse(cls, text: str) -> Self:
        if not cls.PATTERN.match(text):
            raise ValueProblem(
                f"'{token(text)}' is not a chat link",
                "paste the chat's link: a web address (https://...) or the chat app's own link "
                "(dingtalk://..., feishu://..., weixin://...); a group's name belongs in the "
                "department's `contact`",
            )
        return cls(text.strip())

    def __str__(self) -> str:
        return self.url

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {"type": "string", "pattern": cls.PATTERN.text, "format": "uri"}


@dataclass(frozen=True)
class Flag:
    """A yes-or-no field written `true` or `false` (YAML's only booleans; `yes` stays text)."""

    ACCEPTS: ClassVar[Words] = {
        "zh": "true 或 false（yes、no 不算）",
        "en": "true or false (not yes or no)",
    }

    value: bool

    _WORDS: ClassVar[dict[str, bool]] = {"true": True, "false": False}

    @classmethod
    def parse(cls, text: str) -> Self:
        word = text.strip().lower()
        if word not in cls._WORDS:
            raise ValueProblem(f"'{token(text)}' is not true or false", "write true or false")
        return cls(cls._WORDS[word])

    def __bool__(self) -> bool:
        return self.value

    def __str__(self) -> str:
        return "true" if self.value else "false"

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {"type": "boolean"}
