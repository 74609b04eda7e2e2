"""Quoting user text for Graphviz: DOT strings, HTML-like labels and link addresses.

Nothing a name or a source holds can end a string, start markup, or trigger one of Graphviz's
own escapes; a parametrized table of hostile names in tests/test_dot.py renders each as written.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Graphviz expands \N, \G, \L ... in labels and tooltips even where the backslash itself was
# escaped (tooltips in 2.43, and HTML-like labels where even &#92; is expanded). A zero-width
# space after every backslash keeps the text as written and shows nothing.
_ZWSP = "\u200b"


def _clean(text: str) -> str:
    return _CONTROL.sub("", text).replace("\r", "").replace("\t", " ")


def quote(text: str) -> str:
    r"""A DOT double-quoted string; nothing inside can end it or start an escape.

    >>> print(quote('say "hi"'))
    "say \"hi\""
    """
    # Most text (coordinates, ids, colours) has nothing to change: checked in three C calls, which
    # halves quoting's 10 ms in the Linux sheet's timeline (19,500 strings). isprintable() is false
    # for every control character, so what passes is what `escaped` would leave as it is.
    if text.isprintable() and '"' not in text and "\\" not in text:
        return '"' + text + '"'
    if "\n" in text and '"' not in text and "\\" not in text and text.replace("\n", "").isprintable():
        # Tooltips: lines and nothing else to change (the Linux sheet's 1,300 of them; the regex
        # of `escaped` took 2 of its DOT's 46 ms).
        return '"' + text.replace("\n", "\\n") + '"'
    return escaped(text)


def escaped(text: str) -> str:
    """`quote` for any text: control characters dropped, tabs made spaces, the rest escaped."""
    text = _clean(text).replace("\\", "\\\\" + _ZWSP).replace('"', '\\"')
    return '"' + text.replace("\n", "\\n") + '"'


def html(text: str) -> str:
    """Text for an HTML-like label: markup characters become entities, newlines line breaks.

    >>> html("A <b> & 'c'")
    'A &lt;b&gt; &amp; &#39;c&#39;'
    """
    text = _clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace('"', "&quot;").replace("'", "&#39;").replace("\\", "\\" + _ZWSP)
    return text.replace("\n", "<BR/>")


def link_address(url: str) -> str:
    """A source address as Graphviz can carry it into every format.

    An apostrophe ends cairo's PDF link attribute (dot then writes a blank PDF and says "cairo: out
    of memory"), so it and other characters outside URL syntax are percent-encoded; and Graphviz
    2.43 copies a bare & into SVG, which is then not XML, so & is written as an entity.

    >>> link_address("https://en.wikipedia.org/wiki/Workers'_League_(1937)?a=1&b=2")
    'https://en.wikipedia.org/wiki/Workers%27_League_(1937)?a=1&amp;b=2'
    """
    if _PLAIN_ADDRESS.fullmatch(url):  # most addresses: nothing to encode (a third of the time urllib takes)
        return url.replace("&", "&amp;")
    from urllib.parse import quote

    return quote(url, safe=_URL_SAFE).replace("&", "&amp;")


_URL_SAFE = ":/?#[]@!$&()*+,;=%~-._"
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9:/?#\[\]@!$&()*+,;=%~\-._]*")


class HtmlLabel(str):
    """An HTML-like label built from escaped parts: written as <...>, never quoted."""
