"""Text from a sheet made what the validator takes: cleaned, names and notes cut to size, addresses checked."""

from __future__ import annotations

import re

from genealogy.record.limits import MAX_NAME_CHARS, MAX_SCALAR_CHARS, address_host

# Invisible characters the validator warns of (see record/values.py): dropped from every text,
# by `str.translate`, as the expression once compiled took 1.7 ms of the import command's start.
_INVISIBLE = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0x200B, 0x200E), 0x2060, 0xFEFF])
MAX_TEXT_CHARS = MAX_SCALAR_CHARS - 1024  # room for the words around a description
# What YAML cannot hold even quoted (tabs and line breaks are turned into spaces instead): these
# C0 and C1 controls, and (see `first_control`) surrogates, U+FFFE and U+FFFF.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def first_control(text: str) -> int | None:
    """Where the first character YAML cannot hold is in `text`, or None.

    One expression of them all, [...\\ud800-\\udfff\\ufffe\\uffff], took 0.6 ms to compile (a class
    reaching past U+00FF is built as a 65,536-entry map), this one 0.15 ms; the others are found by
    `str.find`, and surrogates by the UTF-8 encoder, the only characters it refuses.

    >>> first_control("ok\\tok\\n"), first_control("a\\x7fb"), first_control("ab\\udc80\\x01"), first_control("\\uffff")
    (None, 1, 2, 0)
    """
    found = [match.start()] if (match := _CONTROL.search(text)) else []
    if not text.isascii():
        found += [index for index in (text.find("\ufffe"), text.find("\uffff")) if index >= 0]
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            found.append(error.start)
    return min(found, default=None)


def clean(text: str) -> str:
    """Text as the record holds it: runs of spaces, tabs and line breaks made one space, and no
    invisible character (bidirectional overrides, zero-width spaces), which the validator warns of.

    >>> clean(" Ro\\u200bot \\t Linux\\n")
    'Root Linux'
    """
    return " ".join((text if text.isascii() else text.translate(_INVISIBLE)).split())


def as_name(text: str) -> str:
    """A name the validator takes: cleaned, and cut to MAX_NAME_CHARS with an ellipsis."""
    text = clean(text)
    return text if len(text) <= MAX_NAME_CHARS else text[: MAX_NAME_CHARS - 1].rstrip() + "…"


def shortened(text: str) -> str | None:
    """What to say of a name that `as_name` cuts short, or None when it fits."""
    if len(text) <= MAX_NAME_CHARS:
        return None  # cleaning never lengthens a text: nearly every name is answered without cleaning it again
    size = len(clean(text))
    if size <= MAX_NAME_CHARS:
        return None
    return f"a name of {size:,} characters ({clean(text)[:40]!r}...) cut to {MAX_NAME_CHARS:,}, as the record allows"


def is_address(text: str) -> bool:
    """An address the record can cite: valid for the validator and short enough for one value."""
    return cited_host(text) is not None


def cited_host(text: str) -> str | None:
    """The host of an address the record can cite (see `is_address`), or None when it is none."""
    return address_host(text) if len(text) <= MAX_TEXT_CHARS else None


def fit(text: str) -> str:
    """Notes and titles cut to what the loader reads in one value (MAX_SCALAR_CHARS), with an ellipsis."""
    return text if len(text) <= MAX_TEXT_CHARS else text[: MAX_TEXT_CHARS - 1] + "…"
