"""Words for messages: the closest choice to a typo, and an id made from a name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

CUTOFF = 0.6
# How many (typo, choice) comparisons one Suggester makes before it only looks for the same word
# in other case: enough for a hundred typos among a thousand ids, at most about half a second.
BUDGET = 200_000


def _near_in_length(word: str, by_length: dict[int, list[str]]) -> list[str]:
    """The choices whose length allows a ratio of CUTOFF (difflib's real_quick_ratio), the rest cannot win."""
    size = len(word)
    return [
        choice
        for length, group in by_length.items()
        if size + length == 0 or 2.0 * min(size, length) / (size + length) >= CUTOFF
        for choice in group
    ]


class Suggester:
    """The closest of a fixed list of choices to each of many typos, in near-linear time.

    Gives what `suggest` gives: the choices are grouped by length once (those too long or too
    short to be close are never compared), a typo met again is answered from a cache, and once
    `budget` comparisons are spent only a same-word-in-other-case match is offered, so 4,000
    unknown references among 4,000 ids no longer take 4,000 x 4,000 comparisons.
    """

    def __init__(self, choices: Iterable[str], budget: int = BUDGET) -> None:
        self.choices = choices
        self.budget = budget
        self._cache: dict[str, str | None] = {}
        self._exact: dict[int, list[str]] | None = None  # made at the first typo: most files have none

    def _index(self) -> None:
        self._exact = {}
        self._lower: dict[int, list[str]] = {}  # the lower-cased choices, by length
        self._first_of_lower: dict[str, str] = {}
        for choice in self.choices:
            self._exact.setdefault(len(choice), []).append(choice)
            lowered = choice.lower()
            self._lower.setdefault(len(lowered), []).append(lowered)
            self._first_of_lower.setdefault(lowered, choice)

    def __call__(self, word: str) -> str | None:
        if word in self._cache:
            return self._cache[word]
        found = self._search(word)
        self._cache[word] = found
        return found

    def _search(self, word: str) -> str | None:
        if self._exact is None:
            self._index()
        candidates = _near_in_length(word, self._exact)  # type: ignore[arg-type]
        if self.budget < len(candidates):
            return self._first_of_lower.get(word.lower())
        self.budget -= len(candidates)
        import difflib  # here: only a typo needs it (1-3 ms of every command's start)

        found = difflib.get_close_matches(word, candidates, n=1, cutoff=CUTOFF)
        if found:
            return found[0]
        lowered = _near_in_length(word.lower(), self._lower)
        self.budget -= len(lowered)
        found = difflib.get_close_matches(word.lower(), lowered, n=1, cutoff=CUTOFF)
        return self._first_of_lower[found[0]] if found else None


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The closest choice to a mistyped word, if one is close enough to be a typo.

    >>> suggest("fourth-internatonal", ["fourth-international", "fifth-international"])
    'fourth-international'
    >>> suggest("IMT", ["imt", "icfi"])
    'imt'
    """
    return Suggester(choices, budget=len(choices) * 2)(word)


def slugify(text: str, fallback: str = "x") -> str:
    """Lower-case letters, digits and hyphens, accents folded: "Élive Linux" -> "elive-linux"."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or fallback


def unique(base: str, used: set[str], separator: str = "-") -> str:
    """`base`, or `base-2`, `base-3`, ... : the first not in `used`, which it is then added to.

    >>> taken = {"ligue"}
    >>> unique("ligue", taken), unique("ligue", taken), sorted(taken)
    ('ligue-2', 'ligue-3', ['ligue', 'ligue-2', 'ligue-3'])
    """
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}{separator}{number}", number + 1
    used.add(candidate)
    return candidate
