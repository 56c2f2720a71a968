"""'Did you mean ...?' for misspelt field names, choices and ids, in bounded time.

Comparing a word with every candidate (difflib) costs the size of the pool, which
made thousands of misspelt ids against a thousand roles take minutes. So:

* a pool of at most SMALL_POOL candidates is compared in full, as before;
* a larger pool is indexed once by its one-character deletions, and a word is
  compared only with the candidates one edit away (a letter wrong, missing, extra
  or two letters swapped): a handful, whatever the size of the pool;
* a word longer than MAX_WORD is never compared (no id is that long);
* each file gets at most MAX_SUGGESTIONS suggestions (`Report.suggestion_allowed`);
  later unknown ids are still reported, without a guess.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from functools import cached_property

from .limits import MAX_ID_LENGTH, MAX_NAME_LENGTH

SMALL_POOL = 200
MAX_WORD = max(MAX_ID_LENGTH, MAX_NAME_LENGTH)
_CUTOFF = 0.6


class Suggester:
    """Suggestions from one pool of ids (with display names, so writing the name `客服部`
    where the id `support` belongs suggests `support`)."""

    def __init__(self, ids: Iterable[str] | Mapping[str, str]) -> None:
        self.pool = sorted(set(ids))
        self.names: dict[str, str] = (
            {name: ident for ident, name in ids.items() if name} if isinstance(ids, Mapping) else {}
        )
        self._lower = {c.lower(): c for c in self.pool}

    def __call__(self, word: str) -> str | None:
        """The closest id to `word`, or None when nothing is close."""
        if word in self.names:
            return self.names[word]
        if word.lower() in self._lower:
            return self._lower[word.lower()]
        if len(word) > MAX_WORD:
            return None
        guess = _closest(word, self._near(word, self.pool, "_ids"))
        if guess is None and self.names:
            name = _closest(word, self._near(word, list(self.names), "_names"))
            guess = self.names[name] if name is not None else None
        return guess

    def first(self, count: int) -> list[str]:
        """The first `count` ids in sorted order (for "use one of: ...")."""
        return self.pool[:count]

    def _near(self, word: str, pool: list[str], index: str) -> list[str]:
        if len(pool) <= SMALL_POOL:
            return pool
        deletions: dict[str, set[str]] = getattr(self, index)
        found: set[str] = set()
        for variant in _variants(word):
            found |= deletions.get(variant, set())
        return sorted(found)

    @cached_property
    def _ids(self) -> dict[str, set[str]]:
        return _index(self.pool)

    @cached_property
    def _names(self) -> dict[str, set[str]]:
        return _index(list(self.names))


def did_you_mean(
    word: str, candidates: Iterable[str], names: dict[str, str] | None = None
) -> str | None:
    """The closest candidate to `word`, or None (`names` maps display names to ids)."""
    if names:
        pool = dict.fromkeys(candidates, "")
        pool.update({ident: name for name, ident in names.items() if ident in pool})
        return Suggester(pool)(word)
    return Suggester(candidates)(word)


def _closest(word: str, pool: list[str]) -> str | None:
    close = difflib.get_close_matches(word, pool, n=1, cutoff=_CUTOFF)
    return close[0] if close else None


def _variants(word: str) -> set[str]:
    """The word and every word one character shorter."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _index(pool: list[str]) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for candidate in pool:
        if len(candidate) <= MAX_WORD:
            for variant in _variants(candidate):
                index.setdefault(variant, set()).add(candidate)
    return index
