"""From located nodes to the model: every shape problem reported where it sits, nothing guessed.

Records with problems are still built (with placeholders) so that the semantic checks can run
on the rest of the file and one run reports everything; `load` refuses data with any error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import TypeVar

from genealogy.errors import ERROR, WARNING, Problem
from genealogy.model import END_UNKNOWN, Date, Domain, Event, Genealogy, Name, Organisation, Source
from genealogy.record import schema
from genealogy.record.loader import Document, Node
from genealogy.record.schema import Field
from genealogy.vocabulary import SOURCE_KINDS
from genealogy.words import slugify, suggest

# fullmatch, never match: `$` also matches before a final line break, so "a\n" would pass as `a`.
_ID = re.compile(schema.ID_PATTERN, re.ASCII)
_SOURCE_KEY = re.compile(schema.SOURCE_KEY_PATTERN, re.ASCII)
_WIKIDATA = re.compile(schema.WIKIDATA_PATTERN, re.ASCII)
_COLOUR = re.compile(schema.COLOUR_PATTERN, re.ASCII)
_COUNTRIES = frozenset(schema.COUNTRIES)
_BY_NAME = {record: {f.name: f for f in fields} for record, fields in schema.RECORDS.items()}
_REQUIRED = {record: tuple(f.name for f in fields if f.required) for record, fields in schema.RECORDS.items()}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 and C1 controls; tab and newline are text
# Bidirectional overrides and isolates, and zero-width characters: invisible, and able to make
# one name look like another ("Trotsky" reading backwards); the validator warns of them.
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]")
# Graphviz refuses a label over 16,384 characters, so every chart of the record would fail; a
# name is a name well before that.
MAX_NAME_CHARS = 1000
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
T = TypeVar("T")


def _bracket_surplus(text: str) -> int:
    """Opening minus closing brackets: > 0 when one is left open, < 0 when one closes nothing."""
    return text.count("(") + text.count("[") - text.count(")") - text.count("]")


class Builder:
    """Walks one document; collects problems in `problems`."""

    def __init__(self, document: Document) -> None:
        self.path = document.path
        self.document = document
        self.problems: list[Problem] = list(document.problems)
        self.dates: dict[str, Date] = {}  # a record repeats its dates; each is parsed once

    # -- reporting --------------------------------------------------------------------------
    def report(self, where: Node | Span, code: str, message: str, severity: str = ERROR) -> None:
        line, column = (where.line, where.column) if isinstance(where, Node) else where
        self.problems.append(Problem(self.path, line, column, severity, code, message))

    def wrong_type(self, node: Node, field: Field) -> None:
        self.report(node, "wrong-type", f"{field.name!r} should be {EXPECTED[field.type]}, not {node.describe()}")

    # -- records ----------------------------------------------------------------------------
    def record(self, node: Node, record: str, what: str) -> dict[str, Node] | None:
        """The known keys of a mapping; unknown keys and missing required ones are reported."""
        if node.kind != "map":
            self.report(node, "wrong-type", f"{what} should be a mapping of keys to values, not {node.describe()}")
            return None
        allowed = _BY_NAME[record]  # one lookup table per kind of record, not a list per record
        values = node.mapping
        present: dict[str, Node] = {}
        for key, value in values.items():
            if key in allowed:
                if value.kind == "scalar" and value.type == "null":
                    continue  # `dissolved:` left empty means "not given"
                present[key] = value
                continue
            names = list(allowed)
            close = suggest(key, names)
            hint = f"; did you mean {close!r}?" if close else f"; allowed keys: {', '.join(names)}"
            self.report(node.key_places[key], "unknown-key", f"unknown key {key!r} in {what}{hint}")
        for name in _REQUIRED[record]:
            if name not in present:
                self.report(node, "missing-field", f"{what} has no {name!r}; it is required")
        return present

    # -- values -----------------------------------------------------------------------------
    def text(self, node: Node | None, field: Field) -> str | None:
        if node is None:
            return None
        if node.kind != "scalar" or node.type == "bool":
            self.wrong_type(node, field)
            return None
        value = node.text
        if field.name in _NAMED and len(value) > MAX_NAME_CHARS:
            self.report(
                node,
                "too-long",
                f"{field.name!r} is {len(value):,} characters long; names are limited to {MAX_NAME_CHARS:,} "
                "(charts cannot draw longer ones)",
            )
        if value.isprintable():  # the fast common case: no control or invisible character
            return value
        invisible = _INVISIBLE.search(value)
        if invisible:
            character = invisible.group()
            self.report(
                node,
                "invisible-character",
                f"{field.name!r} holds the invisible character U+{ord(character):04X} "
                f"({unicodedata.name(character, 'unnamed')}), which can make one name look like another; remove it",
                WARNING,
            )
        control = _CONTROL.search(value)
        if control:  # invisible in editors and charts, and a way to spoof names
            code = f"U+{ord(control.group()):04X}"
            self.report(node, "invalid-value", f"{field.name!r} holds the control character {code}; remove it")
            return value.replace(control.group(), "")
        return value

    def texts(self, node: Node | None, field: Field) -> tuple[str, ...]:
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

    def date(self, node: Node | None, field: Field) -> Date | None:
        if node is None:
            return None
        if node.kind != "scalar" or node.type not in ("str", "int"):
            self.wrong_type(node, field)
            return None
        text = node.text
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

    def bool(self, node: Node | None, field: Field) -> bool:
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
        text = self.text(node, field)
        if text is None or node is None:
            return None
        if regex.fullmatch(text):
            return text
        self.report(node, "invalid-value", f"{field.name} {text!r} is not valid; {advice}")
        return None

    def url(self, node: Node | None, field: Field) -> str | None:
        text = self.text(node, field)
        if text is None or node is None:
            return None
        if schema.valid_url(text):
            return text
        advice = "give a full http:// or https:// address"
        self.report(node, "invalid-value", f"{field.name} {text!r} is not valid; {advice}")
        return None

    def ident(self, node: Node | None, field: Field) -> str | None:
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

    def idents(self, node: Node | None, field: Field, spans: dict[str, Span]) -> tuple[str, ...]:
        if node is None:
            return ()
        items = [node] if node.kind == "scalar" else node.items if node.kind == "seq" else None
        if items is None:
            self.wrong_type(node, field)
            spans.pop(field.name, None)  # so no count check piles onto the type error
            return ()
        found: list[str] = []
        for item in items:
            ident = self.ident(item, field)
            if ident is not None:
                spans[f"{field.name}.{len(found)}"] = (item.line, item.column)
                found.append(ident)
        return tuple(found)

    def source_keys(self, node: Node | None, field: Field, spans: dict[str, Span]) -> tuple[str, ...]:
        if node is None:
            return ()
        if node.kind != "seq":
            self.wrong_type(node, field)
            return ()
        keys: list[str] = []
        for item in node.items:
            key = self.pattern(item, field, _SOURCE_KEY, "source keys are letters, digits and - _ . :")
            if key is not None:
                spans[f"sources.{len(keys)}"] = (item.line, item.column)
                keys.append(key)
        return tuple(keys)

    # -- the file ---------------------------------------------------------------------------
    def build(self) -> Genealogy:
        root = self.document.root
        top = self.record(root, "file", "the file")
        if top is None:
            return Genealogy(self.path, {}, (), {})
        fields = _BY_NAME["file"]
        sources = self.bibliography(top.get("sources"), fields["sources"])
        organisations = self.each(top.get("organisations"), fields["organisations"], self.organisation)
        events = self.each(top.get("events"), fields["events"], self.event)
        by_id: dict[str, Organisation] = {}
        for org in organisations:
            if org.id in by_id:
                first = by_id[org.id]
                self.report(
                    org.at("id"), "duplicate-id", f"organisation id {org.id!r} is already used at line {first.line}"
                )
            else:
                by_id[org.id] = org
        seen: dict[str, Event] = {}
        for event in events:
            if event.id in seen:
                self.report(
                    event.at("id"),
                    "duplicate-id",
                    f"event id {event.id!r} is already used at line {seen[event.id].line}",
                )
            seen.setdefault(event.id, event)
        title = self.text(top.get("title"), fields["title"])
        domains = self.each(top.get("domains"), fields["domains"], self.domain)
        return Genealogy(self.path, by_id, tuple(events), sources, title, tuple(domains))

    def each(self, node: Node | None, field: Field, make: Callable[[Node], T | None]) -> list[T]:
        if node is None:
            return []
        if node.kind != "seq":
            self.wrong_type(node, field)
            return []
        built = (make(item) for item in node.items)
        return [b for b in built if b is not None]

    def bibliography(self, node: Node | None, field: Field) -> dict[str, Source]:
        if node is None:
            return {}
        if node.kind != "map":
            self.wrong_type(node, field)
            return {}
        sources: dict[str, Source] = {}
        fields = _BY_NAME["source"]
        for key, value in node.mapping.items():
            key_at = node.key_places[key]  # (line, column)
            if not _SOURCE_KEY.fullmatch(key):
                self.report(
                    key_at, "invalid-value", f"source key {key!r} is not valid; use letters, digits and - _ . :"
                )
            present = self.record(value, "source", f"source {key!r}")
            if present is None:
                continue
            url = self.url(present.get("url"), fields["url"])
            sources[key] = Source(
                key=key,
                title=self.text(present.get("title"), fields["title"]) or key,
                author=self.text(present.get("author"), fields["author"]),
                year=self.text(present.get("year"), fields["year"]),
                publisher=self.text(present.get("publisher"), fields["publisher"]),
                url=url,
                pages=self.text(present.get("pages"), fields["pages"]),
                kind=self.choice(present.get("kind"), fields["kind"], SOURCE_KINDS, "a kind of source"),
                chapter=self.text(present.get("chapter"), fields["chapter"]),
                notes=self.text(present.get("notes"), fields["notes"]),
                line=key_at[0],
                column=key_at[1],
            )
        return sources

    def names(self, node: Node | None, field: Field) -> tuple[Name, ...]:
        if node is None:
            return ()
        if node.kind != "seq":
            self.wrong_type(node, field)
            return ()
        fields = _BY_NAME["name"]
        names: list[Name] = []
        for item in node.items:
            present = self.record(item, "name", "a name")
            if present is None:
                continue
            since = self.date(present.get("since"), fields["since"])
            until = self.date(present.get("until"), fields["until"])
            if since and until and until.latest() < since.earliest():
                self.report(present["until"], "date-order", f"this name ends ({until}) before it starts ({since})")
            name = self.text(present.get("name"), fields["name"])
            if name is not None:
                names.append(Name(name, self.text(present.get("abbreviation"), fields["abbreviation"]), since, until))
        return tuple(names)

    def organisation(self, node: Node) -> Organisation | None:
        present = self.record(node, "organisation", "an organisation")
        if present is None:
            return None
        f = _BY_NAME["organisation"]
        spans: dict[str, Span] = {key: (value.line, value.column) for key, value in present.items()}
        ident = self.ident(present.get("id"), f["id"])
        ended = present.get("dissolved")
        end_unknown = ended is not None and ended.kind == "scalar" and ended.text == END_UNKNOWN
        org = Organisation(
            id=ident or "",
            name=self.text(present.get("name"), f["name"]) or (ident or ""),
            kind=self.choice(present.get("kind"), f["kind"], schema.KINDS, "a kind of organisation") or "group",
            country=self.choice(
                present.get("country"), f["country"], schema.COUNTRIES, "an ISO 3166-1 alpha-2 country code"
            )
            or "international",
            founded=self.date(present.get("founded"), f["founded"]),
            dissolved=None if end_unknown else self.date(present.get("dissolved"), f["dissolved"]),
            abbreviation=self.text(present.get("abbreviation"), f["abbreviation"]),
            names=self.names(present.get("names"), f["names"]),
            aliases=self.texts(present.get("aliases"), f["aliases"]),
            sources=self.source_keys(present.get("sources"), f["sources"], spans),
            notes=self.text(present.get("notes"), f["notes"]),
            wikidata=self.pattern(
                present.get("wikidata"), f["wikidata"], _WIKIDATA, "write it as Q followed by digits"
            ),
            colour=self.colour(present.get("colour"), f["colour"]),
            end_unknown=end_unknown,
            line=node.line,
            column=node.column,
            spans=spans,
        )
        return org if ident else None

    def event(self, node: Node) -> Event | None:
        present = self.record(node, "event", "an event")
        if present is None:
            return None
        f = _BY_NAME["event"]
        spans: dict[str, Span] = {key: (value.line, value.column) for key, value in present.items()}
        ident = self.ident(present.get("id"), f["id"])
        event = Event(
            id=ident or "",
            type=self.choice(present.get("type"), f["type"], schema.EVENT_TYPES, "an event type") or "",
            date=self.date(present.get("date"), f["date"]),
            from_ids=self.idents(present.get("from"), f["from"], spans),
            to_ids=self.idents(present.get("to"), f["to"], spans),
            claims=self.idents(present.get("claims"), f["claims"], spans),
            until=self.date(present.get("until"), f["until"]),
            description=self.text(present.get("description"), f["description"]),
            disputed=self.bool(present.get("disputed"), f["disputed"]),
            sources=self.source_keys(present.get("sources"), f["sources"], spans),
            notes=self.text(present.get("notes"), f["notes"]),
            line=node.line,
            column=node.column,
            spans=spans,
        )
        return event if ident else None

    def colour(self, node: Node | None, field: Field) -> str | None:
        """A colour as #rrggbb, kept as written (charts lower-case it)."""
        return self.pattern(node, field, _COLOUR, "write it as # and six hexadecimal digits, e.g. #bf1238")

    def domain(self, node: Node) -> Domain | None:
        """A domain of `domains:`: its name, its colour and the ids of its members."""
        present = self.record(node, "domain", "a domain")
        if present is None:
            return None
        f = _BY_NAME["domain"]
        spans: dict[str, Span] = {key: (value.line, value.column) for key, value in present.items()}
        name = self.text(present.get("name"), f["name"])
        colour = self.colour(present.get("colour"), f["colour"])
        members = self.idents(present.get("members"), f["members"], spans)
        notes = self.text(present.get("notes"), f["notes"])
        # A placeholder colour when it is wrong (reported above): the members are still checked.
        return Domain(name or "", colour or "#888888", members, notes, node.line, node.column, spans)


def build(document: Document) -> tuple[Genealogy, list[Problem]]:
    """The model and the shape problems of a parsed document."""
    builder = Builder(document)
    genealogy = builder.build()
    return genealogy, builder.problems
