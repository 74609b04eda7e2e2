"""Reading one value of a record: text, dates, ids, choices, addresses, each problem located.

`ValueReader` knows the value types of the field table (schema.py) and reports every problem at
the node it is about; `structure.Builder` builds records from it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from genealogy.errors import ERROR, WARNING, Problem
from genealogy.model import END_UNKNOWN, Date
from genealogy.record import schema
from genealogy.record.limits import MAX_NAME_CHARS, valid_url
from genealogy.record.loader import Node
from genealogy.record.schema import Field
from genealogy.vocabulary import SOURCE_KINDS
from genealogy.words import slugify, suggest

_ID = re.compile(schema.ID_PATTERN, re.ASCII)
SOURCE_KEY = re.compile(schema.SOURCE_KEY_PATTERN, re.ASCII)
_WIKIDATA = re.compile(schema.WIKIDATA_PATTERN, re.ASCII)
_COLOUR = re.compile(schema.COLOUR_PATTERN, re.ASCII)
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # C0 and C1 controls; tab and newline are text
# Bidirectional overrides and isolates, and zero-width characters: invisible, and able to make
# one name look like another ("Trotsky" reading backwards); the validator warns of them. Both are
# compiled (by re's cache) at the first text that is not printable: at import, this one took 0.3-3 ms.
_INVISIBLE = "[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]"
_NAMED = frozenset({"name", "abbreviation"})

EXPECTED = {
    "text": "text",
    "texts": "a list of text",
    "bool": "true or false",
    "id": "an id",
    "ids": "an id or a list of ids",
    "date": "a date such as 1938-09",
    "end-date": "a date such as 1938-09, or unknown",
    "kind": "a kind",
    "source-kind": "a kind of source",
    "country": "a country code",
    "event-type": "an event type",
    "wikidata": "a Wikidata id",
    "url": "an address",
    "colour": "a colour such as #bf1238",
    "domains": "a list of domains",
    "source-keys": "a list of source keys",
    "names": "a list of names",
    "bibliography": "a mapping of source keys to entries",
    "organisations": "a list of organisations",
    "events": "a list of events",
}
Span = tuple[int, int]
# How a value of one field type is read: its node (None if not given), its field, and the nodes of
# the record's fields, where each sits (Spans), which the readers of lists fill in ("sources.0", ...).
Reader = Callable[[Node | None, Field, dict[str, Node]], object]
# Field types whose values come from a list of words: the list, and how a message names it.
_CHOICES: dict[str, tuple[tuple[str, ...], str]] = {
    "kind": (schema.KINDS, "a kind of organisation"),
    "country": (schema.COUNTRIES, "an ISO 3166-1 alpha-2 country code"),
    "event-type": (schema.EVENT_TYPES, "an event type"),
    "source-kind": (SOURCE_KINDS, "a kind of source"),
}


def _bracket_surplus(text: str) -> int:
    """Opening minus closing brackets: > 0 when one is left open, < 0 when one closes nothing."""
    return text.count("(") + text.count("[") - text.count(")") - text.count("]")


class ValueReader:
    """Reads values; collects problems in `problems`."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.dates: dict[str, Date] = {}  # a record repeats its dates; each is parsed once
        # How a value of each field type is read: the field table (schema.py) says which applies.
        # Every reader takes (node, field, spans), though only those of lists add to `spans` (the
        # nodes of the record's fields): called as they are, with no wrapper to drop the third,
        # the Linux sheet's 10,700 values took 0.6 ms less.
        self.readers: dict[str, Reader] = {
            "text": self.text,
            "texts": self.texts,
            "bool": self.bool,
            "id": self.ident,
            "ids": self.idents,
            "date": self.date,
            "end-date": self.end_date,
            "wikidata": self.wikidata,
            "url": self.url,
            "colour": self.colour,
            "source-keys": self.source_keys,
            **{kind: self.chooser(*words) for kind, words in _CHOICES.items()},
        }

    def chooser(self, choices: tuple[str, ...], what: str) -> Reader:
        """The reader of one list of words. A set answers most values at once: "international" is the
        last of 250 country codes, and scanning the tuple for it took the Linux sheet's 556 countries
        1.3 ms, now 0.1 ms.
        """
        known = frozenset(choices)

        def read(node: Node | None, field: Field, spans: dict[str, Node]) -> object:
            # A word of the list is printable text that no YAML type claims, so `text` would pass it as is.
            if node is not None and node.kind == "scalar" and node.value in known:
                return node.value
            return self.choice(node, field, choices, what)

        return read

    def colour(self, node: Node | None, field: Field, spans: dict[str, Node] | None = None) -> str | None:
        """A colour as #rrggbb, kept as written (charts lower-case it)."""
        return self.pattern(node, field, _COLOUR, "write it as # and six hexadecimal digits, e.g. #bf1238")

    def wikidata(self, node: Node | None, field: Field, spans: dict[str, Node] | None = None) -> str | None:
        return self.pattern(node, field, _WIKIDATA, "write it as Q followed by digits")

    def end_date(self, node: Node | None, field: Field, spans: dict[str, Node] | None = None) -> Date | None:
        """A `dissolved` date; `unknown` (an end no source dates) reads as no date here."""
        if node is not None and node.kind == "scalar" and node.value == END_UNKNOWN:
            return None
        return self.date(node, field)

    # -- reporting --------------------------------------------------------------------------
    def report(self, where: Node | Span, code: str, message: str, severity: str = ERROR) -> None:
        line, column = (where.line, where.column) if isinstance(where, Node) else where
        self.problems.append(Problem(self.path, line, column, severity, code, message))

    def wrong_type(self, node: Node, field: Field) -> None:
        self.report(node, "wrong-type", f"{field.name!r} should be {EXPECTED[field.type]}, not {node.describe()}")

    # -- values -----------------------------------------------------------------------------
    def text(self, node: Node | None, field: Field, spans: dict[str, Node] | None = None) -> str | None:
        if node is None:
            return None
        if node.kind != "scalar" or node.type == "bool":
            self.wrong_type(node, field)
            return None
        # A scalar's value is its text; not read through `Node.text`, whose check cost 0.6 ms of
        # loading the Linux sheet (10,000 calls).
        value: str = node.value  # type: ignore[assignment]
        if field.name in _NAMED and len(value) > MAX_NAME_CHARS:
            self.report(
                node,
                "too-long",
                f"{field.name!r} is {len(value):,} characters long; names are limited to {MAX_NAME_CHARS:,} "
                "(charts cannot draw longer ones)",
            )
        if value.isprintable():  # the fast common case: no control or invisible character
            return value
        invisible = re.search(_INVISIBLE, value)
        if invisible:
            character = invisible.group()
            self.report(
                node,
                "invisible-character",
                f"{field.name!r} holds the invisible character U+{ord(character):04X} "
                f"({unicodedata.name(character, 'unnamed')}), which can make one name look like another; remove it",
                WARNING,
            )
        control = re.search(_CONTROL, value)
        if control:  # invisible in editors and charts, and a way to spoof names
            code = f"U+{ord(control.group()):04X}"
            self.report(node, "invalid-value", f"{field.name!r} holds the control character {code}; remove it")
            return value.replace(control.group(), "")
        return value

    def texts(self, node: Node | None, field: Field, spans: dict[str, Node] | None = None) -> tuple[str, ...]:
        if node is None:
            return ()
        if node.kind != "seq":
            self.wrong_type(node, field)
            return ()
        items = node.items
        found = [self.text(item, field) for item in items]
        self.unbalanced(items, found, field)
        return tuple(t for t in found if t is not None)

    def unbalanced(self, items: list[Node], texts: list[str | None], field: Field) -> None:
        """Warn of `[League (France, 1930)]`: unquoted, YAML's comma cuts it into two items."""
        skip = False
        for index, (item, text) in enumerate(zip(items, texts, strict=True)):
            if skip or text is None:
                skip = False
                continue
            surplus = _bracket_surplus(text)
            if surplus == 0:
                continue
            after = texts[index + 1] if index + 1 < len(texts) else None
            if surplus > 0 and after is not None and _bracket_surplus(after) < 0:
                whole = f"{text}, {after}"
                message = (
                    f"{field.name!r} item {text!r} leaves a bracket open: an unquoted comma in a [list] "
                    f"starts a new item, so write {whole!r} in quotes"
                )
                skip = True
            else:
                message = (
                    f"{field.name!r} item {text!r} has unbalanced brackets; "
                    "if a comma cut it in two, quote the whole item"
                )
            self.report(item, "unbalanced-brackets", message, WARNING)

    def date(self, node: Node | None, field: Field, spans: dict[str, Node] | None = None) -> Date | None:
        if node is None:
            return None
        if node.kind != "scalar" or node.type not in ("str", "int"):
            self.wrong_type(node, field)
            return None
        text: str = node.value  # type: ignore[assignment]  # a scalar's: see `text`
        known = self.dates.get(text)
        if known is not None:
            return known
        try:
            date = self.dates[text] = Date.parse(text)
            return date
        except ValueError as error:
            shapeless = field.type == "end-date" and "is not a date" in str(error)
            also = f"; or {END_UNKNOWN} if it has ended and no source says when" if shapeless else ""
            self.report(node, "invalid-date", f"{error}{also}")
            return None

    def bool(self, node: Node | None, field: Field, spans: dict[str, Node] | None = None) -> bool:
        if node is None:
            return False
        if node.kind != "scalar" or node.type != "bool":
            self.wrong_type(node, field)
            return False
        return node.text.lower() == "true"

    def choice(self, node: Node | None, field: Field, choices: tuple[str, ...], what: str) -> str | None:
        text = self.text(node, field)
        if text is None or node is None:
            return None
        if text in choices:
            return text
        close = schema.COUNTRY_HINTS.get(text.upper()) if field.type == "country" else None
        close = close or suggest(text, choices)
        if close:
            hint = f"did you mean {close!r}?"
        elif field.type == "country":
            hint = "use an ISO 3166-1 alpha-2 code such as GB, or 'international'"
        else:
            hint = f"use one of: {', '.join(choices)}"
        self.report(node, "invalid-value", f"{text!r} is not {what}; {hint}")
        return None

    def pattern(self, node: Node | None, field: Field, regex: re.Pattern[str], advice: str) -> str | None:
        if (matched := _matching(node, regex)) is not None:
            return matched
        text = self.text(node, field)
        if text is None or node is None:
            return None
        if regex.fullmatch(text):
            return text
        self.report(node, "invalid-value", f"{field.name} {text!r} is not valid; {advice}")
        return None

    def url(self, node: Node | None, field: Field, spans: dict[str, Node] | None = None) -> str | None:
        text = self.text(node, field)
        if text is None or node is None:
            return None
        if valid_url(text):
            return text
        advice = "give a full http:// or https:// address"
        self.report(node, "invalid-value", f"{field.name} {text!r} is not valid; {advice}")
        return None

    def ident(self, node: Node | None, field: Field, spans: dict[str, Node] | None = None) -> str | None:
        if (matched := _matching(node, _ID)) is not None:
            return matched
        text = self.text(node, field)
        if text is None or node is None:
            return None
        if _ID.fullmatch(text):
            return text
        self.report(
            node,
            "invalid-id",
            f"{text!r} is not a valid id; use lower-case letters, digits and hyphens, e.g. {slugify(text)!r}",
        )
        return None

    def idents(self, node: Node | None, field: Field, spans: dict[str, Node]) -> tuple[str, ...]:
        if node is None:
            return ()
        # A list's value is its items, a map's its mapping, a scalar's its text: read so here, in
        # `source_keys`, `date` and Builder.record, not through the properties, whose checks cost
        # 0.8 ms of the Linux sheet's load (6,600 calls).
        items: list[Node] | None = [node] if node.kind == "scalar" else node.value if node.kind == "seq" else None  # type: ignore[assignment]
        if items is None:
            self.wrong_type(node, field)
            spans.pop(field.name, None)  # so no count check piles onto the type error
            return ()
        found: list[str] = []
        for item in items:
            ident = self.ident(item, field)
            if ident is not None:
                spans[f"{field.name}.{len(found)}"] = item
                found.append(ident)
        return tuple(found)

    def source_keys(self, node: Node | None, field: Field, spans: dict[str, Node]) -> tuple[str, ...]:
        if node is None:
            return ()
        if node.kind != "seq":
            self.wrong_type(node, field)
            return ()
        keys: list[str] = []
        items: list[Node] = node.value  # type: ignore[assignment]  # a list's: see `idents`
        for item in items:
            key = self.pattern(item, field, SOURCE_KEY, "source keys are letters, digits and - _ . :")
            if key is not None:
                spans[f"sources.{len(keys)}"] = item
                keys.append(key)
        return tuple(keys)


def _matching(node: Node | None, regex: re.Pattern[str]) -> str | None:
    """A scalar's text that `regex` matches whole, as `ValueReader.text` would give it (the
    patterns of ids, source keys, colours and Wikidata items take printable ASCII alone), without
    its checks; else None."""
    if node is not None and node.kind == "scalar" and node.type != "bool" and regex.fullmatch(node.value):  # type: ignore[arg-type]
        return node.value  # type: ignore[return-value]
    return None
