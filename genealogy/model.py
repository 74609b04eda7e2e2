"""The record as frozen dataclasses: organisations, events, sources (dates are in dates.py). No I/O."""

from __future__ import annotations

from array import array  # here, not in Spans: importing it there took 0.7 µs a record (0.8 ms for the Linux sheet)
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from genealogy.dates import Date, compared_by_fields
from genealogy.vocabulary import LINEAGE_TYPES

END_UNKNOWN = "unknown"  # `dissolved: unknown`: it has ended, but no source says when


def iso(date: Date | None) -> str | None:
    """A date as written in canonical form, or None: what JSON and tables carry."""
    return date.iso() if date else None


@compared_by_fields
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Source:
    """A bibliography entry that organisations and events cite by key."""

    key: str
    title: str
    author: str | None = None
    year: str | None = None
    publisher: str | None = None
    url: str | None = None
    pages: str | None = None
    kind: str | None = None
    chapter: str | None = None
    notes: str | None = None
    line: int = 0
    column: int = 0

    def citation(self) -> str:
        """A one-line human citation: author, title, publisher, year, pages, url."""
        parts = [p for p in (self.author, self.title, self.chapter, self.publisher, self.year) if p]
        text = ", ".join(parts)
        if self.pages:
            text += f", pp. {self.pages}"
        if self.url:
            text += f" <{self.url}>"
        return text


@compared_by_fields
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Name:
    """Another name the same organisation went by, with when it was used if known."""

    name: str
    abbreviation: str | None = None
    since: Date | None = None
    until: Date | None = None


class Spans(Mapping[str, tuple[int, int]]):
    """Where each field's value sits in the file ("founded", "sources.0", ...), for messages.

    Compact, as every organisation and event carries one: the field names are a tuple that
    records with the same fields share, the lines and columns one array of numbers. The model of
    10,000 organisations took 34 MB with a dict of (line, column) tuples in each record, 15 MB
    with these.
    """

    __slots__ = ("_names", "_places")

    def __init__(self, places: Mapping[str, tuple[int, int]], shared: dict[tuple[str, ...], tuple[str, ...]]) -> None:
        """The places of `places`; `shared` holds the tuples of field names met so far, to reuse."""
        names = tuple(places)
        self._names = shared.setdefault(names, names)
        numbers: list[int] = []
        for place in places.values():  # not a nested comprehension: 0.4 µs a record less
            numbers += place
        self._places = array("I", numbers)

    @classmethod
    def of(cls, names: tuple[str, ...], numbers: list[int], shared: dict[tuple[str, ...], tuple[str, ...]]) -> Spans:
        """The places of `names`, whose lines and columns `numbers` gives in turn (see `__init__`)."""
        spans = cls.__new__(cls)
        spans._names = shared.setdefault(names, names)
        spans._places = array("I", numbers)
        return spans

    def __getitem__(self, key: str) -> tuple[int, int]:
        try:
            index = 2 * self._names.index(key)
        except ValueError:
            raise KeyError(key) from None
        return (self._places[index], self._places[index + 1])

    def __contains__(self, key: object) -> bool:
        # Mapping's own asks __getitem__ and catches its KeyError: the checks ask for every event
        return key in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def _state_without_spans(self: object) -> list[object]:
    """Pickled form of a record: field positions are left out, as only validation reports them
    and only records that passed validation are pickled (the cache); it halves the cache entry."""
    return [{} if name == "spans" else getattr(self, name) for name in self.__slots__]  # type: ignore[attr-defined]


def _set_state(self: object, state: list[object]) -> None:
    for name, value in zip(self.__slots__, state, strict=True):  # type: ignore[attr-defined]
        object.__setattr__(self, name, value)


@compared_by_fields
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Organisation:
    """One organisation of the record. (With a docstring, @dataclass need not write one from its
    signature: 0.1 ms of each start that loads a record.)"""

    id: str
    name: str
    kind: str
    country: str
    founded: Date | None
    dissolved: Date | None = None
    abbreviation: str | None = None
    names: tuple[Name, ...] = ()
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    notes: str | None = None
    wikidata: str | None = None
    colour: str | None = None  # its own colour on charts (#rrggbb), instead of its country's
    # `dissolved: unknown`: it has ended, at a date no source gives. Groups that faded away are
    # common in this history, and drawing them as alive "until today" would be false.
    end_unknown: bool = False
    line: int = 0
    column: int = 0
    # Where each field's value sits in the file ("founded", "sources.0", ...): for messages.
    spans: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)
    __getstate__ = _state_without_spans
    __setstate__ = _set_state

    @property
    def ended(self) -> bool:
        return self.dissolved is not None or self.end_unknown

    def dissolved_text(self) -> str | None:
        """`dissolved` as written in canonical form: a date, "unknown", or None while it exists."""
        return END_UNKNOWN if self.end_unknown else iso(self.dissolved)

    def existed(self) -> str:
        """ "1938-09-03 – 1953-11", "1963-06 – today", "1930-03 – an unknown date": for people."""
        end = str(self.dissolved) if self.dissolved else "an unknown date" if self.end_unknown else "today"
        return f"{self.founded or '?'} – {end}"

    def label(self) -> str:
        """Name and abbreviation, as people write them: "Fourth International (FI)"."""
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    def label_at(self, when: Date | None) -> str:
        """The label under the name the organisation used at a date (its names' since/until)."""
        if when is not None:
            for other in self.names:
                starts = other.since is None or other.since.sort_key() <= when.sort_key()
                ends = other.until is not None and other.until.sort_key() <= when.sort_key()
                if (other.since or other.until) and starts and not ends:
                    return f"{other.name} ({other.abbreviation})" if other.abbreviation else other.name
        return self.label()

    def lifespan(self) -> str:
        """ "1938–1953", "1963–", "c. 1935–" or "1930–?" (ended, no one says when)."""
        start = self.founded.short() if self.founded else "?"
        end = self.dissolved.short() if self.dissolved else "?" if self.end_unknown else ""
        return f"{start}–{end}"

    def all_names(self) -> Iterator[str]:
        """Every name and abbreviation this organisation answers to."""
        yield self.name
        if self.abbreviation:
            yield self.abbreviation
        for other in self.names:
            yield other.name
            if other.abbreviation:
                yield other.abbreviation
        yield from self.aliases

    def at(self, key: str) -> tuple[int, int]:
        """Line and column of a field's value, or of the record when the field is absent."""
        return self.spans.get(key, (self.line, self.column))

    def founding_key(self) -> tuple[tuple[int, int, int], str]:
        """Oldest first, then by id; an undated organisation last. The order of lists and charts."""
        return (self.founded.sort_key() if self.founded else (9999, 0, 0), self.id)

    def active_in(self, year: int, last_seen: Date | None = None) -> bool:
        """Whether it existed in `year`; when its end is unknown, up to `last_seen` (see known_ends)."""
        started = self.founded is None or self.founded.year <= year
        end = last_seen if self.end_unknown else self.dissolved
        ended = end is not None and end.year < year
        return started and not ended


@compared_by_fields
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Event:
    """A founding, split, merger or relation: `from_ids` and `to_ids` say who, its type what."""

    id: str
    type: str
    date: Date | None
    from_ids: tuple[str, ...] = ()
    to_ids: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()
    until: Date | None = None
    description: str | None = None
    disputed: bool = False
    sources: tuple[str, ...] = ()
    notes: str | None = None
    line: int = 0
    column: int = 0
    spans: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)
    __getstate__ = _state_without_spans
    __setstate__ = _set_state

    @property
    def date_key(self) -> tuple[int, int, int]:
        """The date as a sort key; an undated event first."""
        return self.date.sort_key() if self.date else (0, 0, 0)

    def sort_key(self) -> tuple[tuple[int, int, int], str]:
        """By date, then id: the order of charts, exports and pages, the same on every run."""
        return (self.date_key, self.id)

    @property
    def is_lineage(self) -> bool:
        return self.type in LINEAGE_TYPES

    def link_id(self, parent: str, child: str) -> str:
        """The id of one of its links, the same in charts and exports: an event links every `from` to every `to`."""
        return f"{self.id}:{parent}:{child}"

    def participants(self) -> Iterator[tuple[str, str, str]]:
        """(role, org id, span key) for everyone named in `from` and `to`."""
        for index, org_id in enumerate(self.from_ids):
            yield "from", org_id, f"from.{index}"
        for index, org_id in enumerate(self.to_ids):
            yield "to", org_id, f"to.{index}"

    def at(self, key: str) -> tuple[int, int]:
        return self.spans.get(key, (self.line, self.column))


@compared_by_fields
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Domain:
    """A named group of organisations (a distribution's family), drawn as a light band behind their lines."""

    name: str
    colour: str
    members: tuple[str, ...]
    notes: str | None = None
    line: int = 0
    column: int = 0
    spans: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)
    __getstate__ = _state_without_spans
    __setstate__ = _set_state

    def at(self, key: str) -> tuple[int, int]:
        return self.spans.get(key, (self.line, self.column))


@compared_by_fields
@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Genealogy:
    """A whole record: what `load` returns and every query and renderer reads."""

    path: str
    organisations: Mapping[str, Organisation]
    events: tuple[Event, ...]
    sources: Mapping[str, Source]
    title: str | None = None
    domains: tuple[Domain, ...] = ()

    def known_ends(self) -> dict[str, Date | None]:
        """Each organisation's end; None while it exists. When the end is unknown, the latest
        date the record gives for it (founding, names, events): it is known to exist up to there.

        One pass over the events for all of them, as every caller filters the whole record.
        """
        seen: dict[str, list[Date | None]] = {
            org_id: [org.founded, *(d for n in org.names for d in (n.since, n.until))]
            for org_id, org in self.organisations.items()
            if org.end_unknown
        }
        for event in self.events if seen else ():
            for org_id in seen.keys() & {*event.from_ids, *event.to_ids}:
                seen[org_id] += (event.date, event.until)
        return {
            org_id: max((d for d in seen[org_id] if d), key=Date.sort_key, default=None)
            if org_id in seen
            else org.dissolved
            for org_id, org in self.organisations.items()
        }

    def events_of(self, org_id: str) -> list[Event]:
        """Every event an organisation took part in, oldest first."""
        found = [e for e in self.events if org_id in e.from_ids or org_id in e.to_ids]
        return sorted(found, key=lambda e: e.date_key)

    def first_url(self, org: Organisation) -> str | None:
        """The address of the first cited source that has one: where a chart's box or line links to."""
        urls = (self.sources[key].url for key in org.sources if key in self.sources)
        return next((url for url in urls if url), None)
