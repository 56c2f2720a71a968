"""The editor and the validator agree: each value class parses exactly what its JSON Schema pattern
accepts, because both use the same regular expression.

The schema is checked the way editors check it: with `jsonschema` (Python's `re`,
as the tests' validator does) for generated text, and with Node's JavaScript
RegExp (what VS Code's YAML extension runs) for the named examples.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from process_handbook.model.values import (
    ChatLink,
    Clock,
    Duration,
    MailAddress,
    MeetingDay,
    PhoneNumber,
    ReviewInterval,
    ValueProblem,
    WebAddress,
)

PATTERNED = [
    Duration,
    Clock,
    MeetingDay,
    ReviewInterval,
    WebAddress,
    MailAddress,
    PhoneNumber,
    ChatLink,
]


def parses(cls: Any, text: str) -> bool:
    try:
        cls.parse(text)
    except ValueProblem:
        return False
    return True


@functools.cache
def validator(cls: Any) -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(cls.json_schema())


def schema_accepts(cls: Any, text: str) -> bool:
    return validator(cls).is_valid(text)


#: text: {class: accepted} — the examples of the issue first, then the edges of each pattern.
EXAMPLES: dict[str, dict[Any, bool]] = {
    "15：00": {Clock: True},
    " 9:30": {Clock: True},
    "6 Months": {ReviewInterval: True},
    "Wednesday": {MeetingDay: True},
    "First Monday": {MeetingDay: True},
    "0m": {Duration: False},
    "00m": {Duration: False},
    "10m": {Duration: True},
    "2 H": {Duration: True},
    "24:00": {Clock: False},
    "9:5": {Clock: False},
    "29": {MeetingDay: False},
    "015": {MeetingDay: True},
    "周三": {MeetingDay: True},
    "last  friday": {MeetingDay: True},
    "lastfriday": {MeetingDay: False},
    "ſunday": {MeetingDay: False},  # LATIN SMALL LONG S: `re.IGNORECASE` would take it for an s
    "1 \u212aear": {ReviewInterval: False},
    "0 days": {ReviewInterval: False},
    "3个月": {ReviewInterval: True},
    "１ year": {ReviewInterval: False},  # full-width digit: neither reads it
    "https://example.invalid/a?b=1": {WebAddress: True},
    "MAILTO:a@example.invalid": {WebAddress: True},
    "javascript:alert(1)": {WebAddress: False},
    "https://a b": {WebAddress: False},
    # the ranges: at most a year of time limit, ten years between reviews
    "52w": {Duration: True},
    "53w": {Duration: False},
    "366d": {Duration: True},
    "527041m": {Duration: False},
    "99999999999999999999999w": {Duration: False},
    "10 years": {ReviewInterval: True},
    "11 years": {ReviewInterval: False},
    "3653 days": {ReviewInterval: True},
    "522 周": {ReviewInterval: False},
    # a web address needs a host, a mail address an @
    "https://": {WebAddress: False},
    "https://user@": {WebAddress: False},
    "https://:80/x": {WebAddress: False},
    "mailto:x/onmouseover=alert(1)//": {WebAddress: False},
    "https://example.invalid:8080/a#b": {WebAddress: True},
    # a holder's contacts: one mail address, the digits people dial, a chat app's link
    "wang@example.com": {MailAddress: True, WebAddress: False},
    " MAILTO:wang@example.com": {MailAddress: True},
    "王经理": {MailAddress: False, PhoneNumber: False, ChatLink: False},
    "a@b.c": {MailAddress: False},
    "Wang <wang@example.com>": {MailAddress: False},
    "+86 21 5555 0100": {PhoneNumber: True},
    "8000 转 12": {PhoneNumber: True},
    "8000 EXT. 12": {PhoneNumber: True},
    "分机八零零": {PhoneNumber: False},
    "12": {PhoneNumber: False},
    "123456789012345678901": {PhoneNumber: False},
    "DingTalk://dingtalkclient/action/sendmsg?dingtalk_id=wang": {ChatLink: True},
    "javascript://%0Aalert(1)": {ChatLink: False},
    "https://example.invalid/chat/wang": {ChatLink: True, WebAddress: True},
}


@pytest.mark.parametrize("text", list(EXAMPLES))
def test_named_examples(text: str) -> None:
    for cls, accepted in EXAMPLES[text].items():
        assert parses(cls, text) is accepted, (cls.__name__, text)
        assert schema_accepts(cls, text) is accepted, (cls.__name__, text)


def test_the_parser_matches_the_schemas_own_pattern() -> None:
    for cls in PATTERNED:
        schema = cls.json_schema()
        patterns = [s["pattern"] for s in schema.get("anyOf", [schema]) if "pattern" in s]
        assert patterns == [cls.PATTERN.text]


#: What values are made of: each class's words in any letter case, numbers, look-alikes and
#: blanks; now and then any character at all.
WORDS: dict[Any, list[str]] = {
    Duration: ["m", "h", "d", "w", "min"],
    Clock: [":", "：", "."],
    MeetingDay: [
        "first",
        "second",
        "third",
        "fourth",
        "last",
        "monday",
        "wed",
        "thu",
        "sunday",
        "周一",
        "周三",
        "星期天",
        "周八",
    ],
    ReviewInterval: [
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "天",
        "日",
        "周",
        "星期",
        "个月",
        "月",
        "年",
    ],
    WebAddress: ["https://", "http://", "mailto:", "x.invalid/a", "?", "<"],
    MailAddress: ["wang@example.com", "mailto:", "wang", "@example.com", "@", ".c", "<", ","],
    PhoneNumber: ["+", "-", "(", ")", "转", "分机", "ext.", "x", "八"],
    ChatLink: ["https://", "dingtalk://", "javascript://", "feishu", "x.invalid/a", "<"],
}
#: Look-alikes: the long s, the Kelvin sign, a full-width digit, and blanks of several kinds.
ODD = ["ſ", "\u212a", "１", " ", "  ", "\t", "\u3000", "\u00a0", "\n", "\ufeff", "\u200b"]


def cased(word: str) -> st.SearchStrategy[str]:
    flips = st.lists(st.booleans(), min_size=len(word), max_size=len(word))
    return flips.map(lambda up: "".join(c.upper() if u else c for c, u in zip(word, up)))


#: The order of a value's parts (n number, w word, b a blank or look-alike or nothing), so that
#: generated text is often almost a value.
SHAPES: dict[Any, str] = {
    Duration: "bnbwb",
    Clock: "bnwnb",
    MeetingDay: "bwbwb",
    ReviewInterval: "bnbwb",
    WebAddress: "bwwwb",
    MailAddress: "bwwb",
    PhoneNumber: "bwnbnbwnb",
    ChatLink: "bwwb",
}


def value_text(cls: Any) -> st.SearchStrategy[str]:
    """Text shaped like a value of `cls` (each part sometimes changed), or pieces in any order."""
    word = st.sampled_from(WORDS[cls]).flatmap(cased)
    number = st.integers(0, 60).flatmap(lambda n: st.sampled_from([str(n), f"{n:02d}"]))
    odd = st.one_of(st.just(""), st.just(" "), st.sampled_from(ODD))
    kinds = {"n": number, "w": word, "b": odd}
    piece = st.one_of(word, number, odd, st.characters())
    shaped = st.tuples(
        *(st.one_of(kinds[kind], kinds[kind], kinds[kind], piece) for kind in SHAPES[cls])
    ).map("".join)
    return st.one_of(shaped, st.lists(piece, max_size=5).map("".join))


@pytest.mark.parametrize("cls", PATTERNED, ids=lambda cls: cls.__name__)
def test_parsing_succeeds_exactly_when_the_schema_accepts(cls: Any) -> None:
    outcomes: set[bool] = set()

    @settings(max_examples=300, deadline=None)
    @given(text=value_text(cls))
    def agree(text: str) -> None:
        parsed = parses(cls, text)
        assert parsed == schema_accepts(cls, text), repr(text)
        outcomes.add(parsed)

    agree()
    assert outcomes == {True, False}, "the examples must include values of both kinds"


NODE_CHECK = """
const [patterns, texts] = JSON.parse(require("fs").readFileSync(0, "utf8"));
console.log(JSON.stringify(texts.map(t => patterns.map(p => new RegExp(p, "u").test(t)))));
"""


def test_javascript_reads_the_patterns_the_same() -> None:
    """VS Code's YAML extension checks `pattern` with JavaScript's RegExp."""
    node = shutil.which("node")
    assert node, "node is needed (npm ci installs the site's Mermaid with it)"
    texts = list(EXAMPLES)
    patterns = [cls.PATTERN.text for cls in PATTERNED]
    done = subprocess.run(
        [node, "-e", NODE_CHECK],
        input=json.dumps([patterns, texts]),
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout)
    expected = [[re.search(p, t) is not None for p in patterns] for t in texts]
    assert found == expected
