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


def valid_url(text: str) -> bool:
    """An http(s) address, whole, that urllib can take apart, with a host and a possible port.

    >>> [valid_url(t) for t in ("https://example.org/a", "http://[::1", "http://x:99999/", "https://a\\n")]
    [True, False, False, False]
    """
    if not _URL.fullmatch(text):
        return False
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018  # raises ValueError for a port that is not a number from 0 to 65535
    except ValueError:  # "Invalid IPv6 URL": a bracket left open
        return False
    return bool(parts.hostname)
