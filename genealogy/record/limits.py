"""The record's limits on one value and its test of an address, in a module that imports only `re`.

The loader, the value reader and the field table use them, and so does the gnuclad import, which
needs nothing else of the validator: importing them from loader.py, structure.py and schema.py
(and with them the model) cost that command some 10 ms: 116 -> 106 ms with Date moved to dates.py
too (median of 40 runs on the Linux sheet).
"""

from __future__ import annotations

import re

MAX_SCALAR_CHARS = 64 * 1024
# Graphviz refuses a label over 16,384 characters, so every chart of the record would fail; a
# name is a name well before that.
MAX_NAME_CHARS = 1000
URL_PATTERN = r"^https?://\S+$"
_URL = re.compile(URL_PATTERN)
# What urllib would split into this host and no port (see `address_host`).
_PLAIN_URL = re.compile(r"https?://([A-Za-z0-9.-]+)(?:[/?#]\S*)?")  # \S as in URL_PATTERN: not re.ASCII


def valid_url(text: str) -> bool:
    """An http(s) address, whole, that urllib can take apart, with a host and a possible port.

    >>> [valid_url(t) for t in ("https://example.org/a", "http://[::1", "http://x:99999/", "https://a\\n")]
    [True, False, False, False]
    """
    return address_host(text) is not None


def address_host(text: str) -> str | None:
    """The host of an address `valid_url` takes, or None: one parse for both, as the gnuclad import
    asks for both of every address.

    An address whose host is only letters, digits, dots and hyphens (no user, port or brackets)
    is read without urllib, which gives the same host: 650 addresses of the Linux sheet took
    3.2 ms through urllib and 0.5 ms so (warm, best of 30); tests compare the two ways.

    >>> address_host("https://Example.org/a?b#c"), address_host("https://Example.org:8080/a")
    ('example.org', 'example.org')
    >>> address_host("http://x:99999/"), address_host("ftp://example.org/")
    (None, None)
    """
    plain = _PLAIN_URL.fullmatch(text)
    return plain[1].lower() if plain else parsed_host(text)


def parsed_host(text: str) -> str | None:
    """`address_host` the long way, through urllib, for any address."""
    if not _URL.fullmatch(text):
        return None
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018  # raises ValueError for a port that is not a number from 0 to 65535
    except ValueError:  # "Invalid IPv6 URL": a bracket left open
        return None
    return parts.hostname or None
