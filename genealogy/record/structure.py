"""From located nodes to the model: every shape problem reported where it sits, nothing guessed.

Records with problems are still built (with placeholders) so that the semantic checks can run
on the rest of the file and one run reports everything; `load` refuses data with any error.
Each record's fields are read as the field table (schema.py) types them (values.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any, TypeVar

from genealogy.errors import Problem
from genealogy.model import END_UNKNOWN, Domain, Event, Genealogy, Name, Organisation, Source, Spans
from genealogy.record import schema
from genealogy.record.loader import Document, Node, Take
from genealogy.record.schema import Field
from genealogy.record.values import MAX_NAME_CHARS, SOURCE_KEY, ValueReader
from genealogy.words import suggest

__all__ = ["MAX_NAME_CHARS", "Builder", "build"]

_BY_NAME = {record: {f.name: f for f in fields} for record, fields in schema.RECORDS.items()}
_REQUIRED = {record: tuple(f.name for f in fields if f.required) for record, fields in schema.RECORDS.items()}
_REQUIRED_SETS = {record: frozenset(names) for record, names in _REQUIRED.items()}
T = TypeVar("T")
# The model attribute a field fills, where it is not the field's own name.
_ATTRIBUTE = {"from": "from_ids", "to": "to_ids"}
# The class of each kind of record, whose fields' order `values` follows, and the fields that the
# record's own method gives by position before and after those of the field table.
_MODELS: dict[str, tuple[type, tuple[str, ...], tuple[str, ...]]] = {
    "organisation": (Organisation, (), ("end_unknown", "line", "column", "spans")),
    "event": (Event, (), ("line", "column", "spans")),
    "domain": (Domain, (), ("line", "column", "spans")),
    "source": (Source, ("key",), ("line", "column")),
}


class Builder(ValueReader):
    """Walks one document; collects problems in `problems`."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.readers["names"] = self.names
        self.field_names: dict[tuple[str, ...], tuple[str, ...]] = {}  # shared by the records' Spans
        self.tables: dict[str, tuple[tuple[str, str, Field, Any, Any], ...]] = {}  # see `values`
        # The lists of records: how a record of each is built, and those built as they were read.
        self.makers: dict[str, Callable[[Node], Any]] = {
            "organisations": self.organisation,
            "events": self.event,
            "domains": self.domain,
        }
        self.taken: dict[str, list[Any]] = {section: [] for section in self.makers}

    def values(self, present: dict[str, Node], record: str, spans: dict[str, Node]) -> dict[str, Any]:
        """Every field of a record, read as its type in the field table says, by model attribute name.

        A field not given takes what its reader makes of nothing (None, an empty tuple, False),
        worked out once per kind of record: reading only the fields given took loading the
        Linux sheet's 1,712 records from 99 to 94 ms (17,000 reader calls fewer).
        The attributes come in the order of the model class's fields, so that the record is made
        by position (by keyword, the Linux sheet's 1,712 took 1 ms more). Only the readers of lists
        add to `spans`, ids before source keys in both orders, so that Spans' order is the same.
        """
        table = self.tables.get(record) or self._table(record)
        return {
            attribute: reader(present[name], field, spans) if name in present else absent
            for attribute, name, field, reader, absent in table
        }

    def _table(self, record: str) -> tuple[tuple[str, str, Field, Any, Any], ...]:
        reported = len(self.problems)
        model, before_table, after_table = _MODELS[record]
        given = {_ATTRIBUTE.get(f.name, f.name): f for f in schema.RECORDS[record]}
        table = tuple(
            (attribute.name, f.name, f, self.readers[f.type], self.readers[f.type](None, f, {}))
            for attribute in fields(model)
            if (f := given.get(attribute.name)) is not None
        )
        layout = [*before_table, *(attribute for attribute, *_ in table), *after_table]
        assert layout == [f.name for f in fields(model)], f"{record}: the model's fields are not {layout}"
        assert len(self.problems) == reported, "a reader reported a problem with a field not given"
        self.tables[record] = table
        return table

    def located(self, nodes: dict[str, Node]) -> Spans:
        """Where each of a record's fields sits: the Spans of the nodes `values` was given.

        The nodes themselves, not (line, column) pairs made for each and then taken apart: the
        Linux sheet's 1,150 organisations, events and domains took 1.7 ms less.
        """
        numbers: list[int] = []
        for node in nodes.values():
            numbers.append(node.line)
            numbers.append(node.column)
        return Spans.of(tuple(nodes), numbers, self.field_names)

    # -- records ----------------------------------------------------------------------------
    def record(self, node: Node, record: str, what: str) -> dict[str, Node] | None:
        """The known keys of a mapping; unknown keys and missing required ones are reported."""
        if node.kind != "map":
            self.report(node, "wrong-type", f"{what} should be a mapping of keys to values, not {node.describe()}")
            return None
        allowed = _BY_NAME[record]  # one lookup table per kind of record, not a list per record
        values: dict[str, Node] = node.value  # type: ignore[assignment]  # a map's: not Node.mapping, see values.text
        present: dict[str, Node]
        if values.keys() <= allowed.keys():
            # Every key known, as in most records: the given values by one comprehension, and the
            # required ones looked for by a set operation (0.47 ms for the Linux sheet's 556
            # organisations, was 0.69). Only a scalar is null: `dissolved:` left empty is "not given".
            present = {key: value for key, value in values.items() if value.type != "null"}
            if present.keys() >= _REQUIRED_SETS[record]:
                return present
        present = {}
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

    # -- the file ---------------------------------------------------------------------------
    def take(self, section: str, node: Node) -> bool:
        """Build a record as soon as the loader has read it (loader.parse's `take`); anything but a
        record of a list of records is left in the tree, for `build` to report."""
        if section not in self.makers or node.kind != "map":
            return False
        record = self.makers[section](node)
        if record is not None:
            self.taken[section].append(record)
        return True

    def build(self, document: Document) -> Genealogy:
        """The model: the records taken while the document was read, and those still in its tree."""
        self.problems += document.problems
        root = document.root
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
        return [*self.taken.get(field.name, ()), *(b for b in built if b is not None)]

    def bibliography(self, node: Node | None, field: Field) -> dict[str, Source]:
        if node is None:
            return {}
        if node.kind != "map":
            self.wrong_type(node, field)
            return {}
        sources: dict[str, Source] = {}
        for key, value in node.mapping.items():
            key_at = node.key_places[key]  # (line, column)
            if not SOURCE_KEY.fullmatch(key):
                self.report(
                    key_at, "invalid-value", f"source key {key!r} is not valid; use letters, digits and - _ . :"
                )
            present = self.record(value, "source", f"source {key!r}")
            if present is None:
                continue
            values = self.values(present, "source", {})
            values["title"] = values["title"] or key
            given: list[Any] = [key, *values.values(), *key_at]  # see `values`
            sources[key] = Source(*given)
        return sources

    def names(self, node: Node | None, field: Field, spans: dict[str, Node] | None = None) -> tuple[Name, ...]:
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
        spans = dict(present)  # the node of each field, to which `values` adds those of list items
        values = self.values(present, "organisation", spans)
        ident = values["id"]
        values["id"] = ident or ""
        values["name"] = values["name"] or (ident or "")
        values["kind"] = values["kind"] or "group"
        values["country"] = values["country"] or "international"
        ended = present.get("dissolved")
        end_unknown = ended is not None and ended.kind == "scalar" and ended.value == END_UNKNOWN
        given: list[Any] = [*values.values(), end_unknown, node.line, node.column, self.located(spans)]
        org = Organisation(*given)
        return org if ident else None

    def event(self, node: Node) -> Event | None:
        present = self.record(node, "event", "an event")
        if present is None:
            return None
        spans = dict(present)  # the node of each field, to which `values` adds those of list items
        values = self.values(present, "event", spans)
        ident = values["id"]
        values["id"] = ident or ""
        values["type"] = values["type"] or ""
        given: list[Any] = [*values.values(), node.line, node.column, self.located(spans)]
        event = Event(*given)
        return event if ident else None

    def domain(self, node: Node) -> Domain | None:
        """A domain of `domains:`: its name, its colour and the ids of its members."""
        present = self.record(node, "domain", "a domain")
        if present is None:
            return None
        spans = dict(present)  # the node of each field, to which `values` adds those of list items
        values = self.values(present, "domain", spans)
        # A placeholder colour when it is wrong (reported above): the members are still checked.
        values["name"] = values["name"] or ""
        values["colour"] = values["colour"] or "#888888"
        given: list[Any] = [*values.values(), node.line, node.column, self.located(spans)]
        return Domain(*given)


def build(path: str, read: Callable[[Take], Document]) -> tuple[Genealogy, list[Problem]]:
    """The model and the shape problems of the document `read(take)` parses (loader.parse).

    Each organisation, event and domain is built as soon as it is read, and its nodes let go: the
    tree of the whole file is never made. At 10,000 organisations that tree took 50 MB, three
    times the model, and what it left free was too scattered for the chart drawn next to reuse:
    the peak of `validate` went from 82 to 38 MB with this, that of the timeline from 141 to 107 MB.
    """
    builder = Builder(path)
    genealogy = builder.build(read(builder.take))
    return genealogy, builder.problems
