"""How far a goal has come: its values read as numbers with a unit, when they are written that way.

Goal values are free text (`150 天`, `75%`, `口头传递，无统一文档`). When baseline,
target and current are all a number with the same unit, the progress is
(current - baseline) / (target - baseline): it works whether the target is
above the baseline (yield 75% → 95%) or below it (lead time 150 天 → 120 天).
Arithmetic is exact (fractions of the written decimals), so the same file
always shows the same percentage.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from fractions import Fraction

from .entities import Goal

# A number (optional sign, thousands separators, decimals) with the unit around it.
_MEASURE = re.compile(
    r"(?P<before>[^\d+\-.]*?)\s*(?P<number>[+\-]?\d[\d,]*(?:\.\d+)?|[+\-]?\.\d+)\s*(?P<after>\D*)"
)
_THOUSANDS = re.compile(r"^[+\-]?\d{1,3}(,\d{3})+(\.\d+)?$")
#: A value with more digits than this is no measurement anyone reads as a number: it stays text
#: (and the exact arithmetic below stays small).
MAX_DIGITS = 15


@dataclass(frozen=True)
class Measure:
    """A value such as `131 天`: the number, and the unit as written around it (normalised)."""

    value: Fraction
    unit: str


@dataclass(frozen=True)
class Progress:
    """The share of the way from baseline to target that `current` has covered."""

    percent: int  # 0..100: a step backwards shows 0, overshooting the target 100
    unit: str


def measure(text: str | None) -> Measure | None:
    """`150 天` → 150 with unit `天`; None when the text is not one number with a unit.

    Full-width digits, signs and `％` are read as their plain forms (NFKC), blanks
    inside the unit do not count, and letter case in the unit does not matter.
    """
    if not text:
        return None
    plain = unicodedata.normalize("NFKC", text).strip()
    match = _MEASURE.fullmatch(plain)
    if match is None:
        return None
    number = match["number"]
    if sum(c.isdigit() for c in number) > MAX_DIGITS:
        return None
    if "," in number:
        if not _THOUSANDS.match(number):
            return None  # "1,2" is no number a reader would recognise
        number = number.replace(",", "")
    unit = "".join((match["before"] + "|" + match["after"]).split()).casefold()
    return Measure(Fraction(number), unit)


def progress(goal: Goal) -> Progress | None:
    """The goal's progress; None when its values are text, differ in unit or span no range."""
    baseline, target, current = measure(goal.baseline), measure(goal.target), measure(goal.current)
    if baseline is None or target is None or current is None:
        return None
    if not baseline.unit == target.unit == current.unit or target.value == baseline.value:
        return None
    share = (current.value - baseline.value) / (target.value - baseline.value)
    share = min(max(share, Fraction(0)), Fraction(1))
    # Round half up, exactly: 63.5 % shows as 64 %.
    return Progress(int(share * 100 + Fraction(1, 2)), baseline.unit)


def unit_clash(goal: Goal) -> tuple[str, str] | None:
    """The first two numeric values of a goal that name different units, as (field, field).

    `150 天` next to `4 个月` is almost always a slip: no progress can be shown for it.
    Text values (`口头传递`) are not numeric and never clash.
    """
    seen: list[tuple[str, Measure]] = []
    for field in ("baseline", "target", "current"):
        value = measure(getattr(goal, field))
        if value is None:
            continue
        for other_field, other in seen:
            if other.unit != value.unit:
                return other_field, field
        seen.append((field, value))
    return None
