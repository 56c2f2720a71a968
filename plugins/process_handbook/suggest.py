"""'Did you mean ...?' for misspelt field names, choices and ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(
    word: str, candidates: Iterable[str], names: dict[str, str] | None = None
) -> str | None:
    """The closest candidate to `word`, or None when nothing is close.

    `names` maps display names to ids, so writing the name `客服部` where the id
    `support` belongs suggests `support`.
    """
    pool = sorted(set(candidates))
    if names and word in names:
        return names[word]
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered:
        return lowered[word.lower()]
    close = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if close:
        return close[0]
    if names:
        close = difflib.get_close_matches(word, sorted(names), n=1, cutoff=0.6)
        if close:
            return names[close[0]]
    return None
