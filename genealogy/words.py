"""Words for messages: the closest choice to a typo, and an id made from a name."""

from __future__ import annotations

import difflib
import re
import unicodedata


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The closest choice to a mistyped word, if one is close enough to be a typo."""
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not found:
        found = difflib.get_close_matches(word.lower(), [c.lower() for c in choices], n=1, cutoff=0.6)
        if found:
            found = [c for c in choices if c.lower() == found[0]]
    return found[0] if found else None


def slugify(text: str, fallback: str = "x") -> str:
    """Lower-case letters, digits and hyphens, accents folded: "Élive Linux" -> "elive-linux"."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or fallback
