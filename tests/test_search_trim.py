"""The zero-width spaces left out of the search index change no word the browser finds.

Material's browser search splits a section's text between its tags, then each piece on
the site's `separator`; jieba's segmentation marks word boundaries in Chinese with
zero-width spaces. Trimming the idle ones must give the same words for any text.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from process_handbook.adapters.mkdocs_search import idle_spaces_trimmer

#: The repository's mkdocs.yml separator, and Material's default.
SITE = r'[\s\u200b\-_,:!=\[\]()"`/]+|\.(?!\d)|&[lg]t;|(?!\b)(?=[A-Z][a-z])'
DEFAULT = r"[\s\-]+"
ZWSP = "\u200b"


def words(text: str, separator: str) -> list[str]:
    """The words the browser indexes: the text between tags, split on the separator (with
    a separator that does not split on zero-width spaces, a word's own are nothing a
    reader types)."""
    pattern = re.compile(separator)
    return [
        word.replace(ZWSP, "")
        for piece in re.split(r"<[^>]*>", text)
        for word in pattern.split(piece)
        if word.replace(ZWSP, "")
    ]


def test_idle_spaces_go_and_dividing_ones_stay() -> None:
    trim = idle_spaces_trimmer(SITE)
    assert trim(f"{ZWSP}报销{ZWSP}审批{ZWSP}") == f"报销{ZWSP}审批"
    assert trim(f"第一{ZWSP}责任人{ZWSP} 财务{ZWSP}经理") == f"第一{ZWSP}责任人 财务{ZWSP}经理"
    assert trim(f"<p>{ZWSP}员工{ZWSP}</p>") == "<p>员工</p>"
    assert trim(f"({ZWSP}报销{ZWSP})") == "(报销)"
    # where the separator does not split, the space stays
    assert trim(f"5Why{ZWSP}分析") == f"5Why{ZWSP}分析"
    assert trim(f"，{ZWSP}审批") == f"，{ZWSP}审批"
    assert (
        trim(f"报销{ZWSP}.5") == f"报销{ZWSP}.5"
    )  # `\.(?!\d)`: a dot before a digit is no separator
    assert trim("no spaces at all") == "no spaces at all"


def test_with_a_separator_python_cannot_read_only_the_ends_go() -> None:
    trim = idle_spaces_trimmer("[\\p{Z}]+")  # JavaScript's Unicode classes
    assert trim(f"{ZWSP}报销{ZWSP} 审批{ZWSP}") == f"报销{ZWSP} 审批"


PIECES = st.sampled_from(
    [
        ZWSP,
        ZWSP,
        ZWSP,
        " ",
        "报销",
        "审批",
        "，",
        ".",
        "5",
        "Why",
        "A",
        "a",
        "<p>",
        "</p>",
        "-",
        "&lt;",
        "(",
        ")",
    ]
)


@given(st.lists(PIECES, max_size=30).map("".join), st.sampled_from([SITE, DEFAULT]))
def test_the_browser_finds_the_same_words_after_trimming(text: str, separator: str) -> None:
    trimmed = idle_spaces_trimmer(separator)(text)
    assert words(trimmed, separator) == words(text, separator)
    assert len(trimmed) <= len(text)
