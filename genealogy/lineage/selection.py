"""The part of a record a chart or an export shows, and the title line that says what it is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from genealogy.errors import GenealogyError
from genealogy.model import Date, Event, Genealogy, Organisation
from genealogy.vocabulary import EVENT_TYPES


class EmptySelectionError(GenealogyError):
    """The options leave no organisation to draw or export; the message says which matched nothing."""


@dataclass(frozen=True)
class SelectionOptions:
    """Which part of a record: focus, then years, country and kind. Charts and exports share it."""

    focus: tuple[str, ...] = ()
    ancestors: bool = True
    descendants: bool = True
    depth: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    country: str | None = None
    kind: str | None = None
    affiliations: bool = False
    title: str | None = None


class Selection(NamedTuple):
    """The organisations and events a chart shows, in drawing order, and its title lines."""

    organisations: tuple[Organisation, ...]
    events: tuple[Event, ...]
    title: str
    subtitle: str
    links: tuple[tuple[Event, str, str], ...] = ()


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _in_years(org: Organisation, last: Date | None, start: int | None, end: int | None) -> bool:
    """Whether it existed in the years; `last` is its end as `Genealogy.known_ends` gives it."""
    if end is not None and org.founded is not None and org.founded.year > end:
        return False
    return not (start is not None and last is not None and last.year < start)


def _nothing_matches(described: list[str], left: list[int]) -> str:
    """'no organisation matches country GB and kind youth (country GB alone: 21 organisations)'."""
    if not described:
        return "the selection is empty: the record holds no organisations"
    last = left.index(0)
    what = " and ".join(d.replace("kind: ", "kind ") for d in described[: last + 1])
    before = f" ({' and '.join(described[:last])} alone: {counted(left[last - 1], 'organisation')})" if last else ""
    return f"the selection is empty: no organisation matches {what}{before}"


def select(genealogy: Genealogy, options: SelectionOptions) -> Selection:
    """Apply the options: which organisations, which events, and what the title says."""
    orgs = genealogy.organisations
    chosen = set(orgs)
    described: list[str] = []
    left: list[int] = []  # how many organisations each criterion left, for the message when none is
    if options.focus:
        from genealogy.lineage.graph import LineageGraph

        graph = LineageGraph(genealogy)
        chosen = graph.select(options.focus, options.ancestors, options.descendants, options.depth)
        sides = [s for s, on in (("ancestors", options.ancestors), ("descendants", options.descendants)) if on]
        names = ", ".join(orgs[o].label() for o in options.focus)
        depth = f" (up to {counted(options.depth, 'link')})" if options.depth else ""
        described.append(f"{names}: {' and '.join(sides)}{depth}" if sides else names)
        left.append(len(chosen))
    if options.year_from is not None or options.year_to is not None:
        ends = genealogy.known_ends()
        chosen = {o for o in chosen if _in_years(orgs[o], ends[o], options.year_from, options.year_to)}
        described.append(f"{options.year_from or ''}–{options.year_to or ''}")
        left.append(len(chosen))
    if options.country:
        chosen = {o for o in chosen if orgs[o].country.casefold() == options.country.casefold()}
        described.append(f"country {options.country}")
        left.append(len(chosen))
    if options.kind:
        chosen = {o for o in chosen if orgs[o].kind == options.kind}
        described.append(f"kind: {options.kind}")
        left.append(len(chosen))
    if not chosen:
        raise EmptySelectionError(_nothing_matches(described, left))
    # From the record's order, mostly founding order already, when all are chosen (a set's order
    # is not): synth.py's 10,000 organisations took 10 ms to sort from a set, 2.2 ms from it.
    pool = orgs.values() if len(chosen) == len(orgs) else [orgs[o] for o in chosen]
    selected = tuple(sorted(pool, key=Organisation.founding_key))
    wanted_types = set(EVENT_TYPES) - (set() if options.affiliations else {"affiliation", "disaffiliation"})
    events = tuple(
        sorted(
            (e for e in genealogy.events if e.type in wanted_types),
            key=Event.sort_key,
        )
    )
    links = tuple(
        (event, parent, child)
        for event in events
        for parent in event.from_ids
        for child in event.to_ids
        if parent in chosen and child in chosen and parent != child
    )
    title = options.title or genealogy.title or "Genealogy"
    count = f"{counted(len(selected), 'organisation')}, {counted(len(links), 'link')}"
    subtitle = " · ".join([*described, count])
    return Selection(selected, _linked_events(links), title, subtitle, links)


def _linked_events(links: tuple[tuple[Event, str, str], ...]) -> tuple[Event, ...]:
    """The events of the links, each once, in their order, as dict.fromkeys would keep them, without
    hashing every field of every event (dataclass hashes, in Python: the Linux sheet's 588 events
    took 0.25 ms, now 0.07): equal events share an id, so only those that do are compared."""
    by_id: dict[str, list[Event]] = {}
    found = []
    for event, _, _ in links:
        alike = by_id.setdefault(event.id, [])
        if event not in alike:  # the same event, or an equal one, as a dict key would match
            alike.append(event)
            found.append(event)
    return tuple(found)


def _day(date: Date, end: bool = False) -> int:
    """A date as a day count, a partial one taken at its first day (or its last, for an end)."""
    month = date.month or (12 if end else 1)
    day = date.day or (28 if end else 1)
    return date.year * 372 + month * 31 + day


def memberships(genealogy: Genealogy) -> dict[str, dict[str, int]]:
    """Member id -> international id -> days of membership while both existed.

    A membership runs from an affiliation to the member's next disaffiliation from the same
    international, else to the member's end, else to the last date the record gives (not today,
    so a chart does not change by itself); it counts only while the international existed.
    """
    orgs = genealogy.organisations
    ends = genealogy.known_ends()
    dates = [d for e in genealogy.events for d in (e.date, e.until) if d]
    dates += [d for o in orgs.values() for d in (o.founded, o.dissolved) if d]
    horizon = max((_day(d, end=True) for d in dates), default=0)
    events = sorted(genealogy.events, key=Event.sort_key)
    found: dict[str, dict[str, int]] = {}
    for index, event in enumerate(events):
        if event.type != "affiliation":
            continue
        for member in event.from_ids:
            for international in event.to_ids:
                if member not in orgs or international not in orgs:
                    continue
                joined = event.date or orgs[member].founded
                left = (
                    next(
                        (
                            later.date
                            for later in events[index + 1 :]
                            if later.type == "disaffiliation"
                            and member in later.from_ids
                            and international in later.to_ids
                        ),
                        None,
                    )
                    or ends[member]
                )
                host, host_end = orgs[international], ends[international]
                start = max(_day(joined) if joined else 0, _day(host.founded) if host.founded else 0)
                stop = min(
                    _day(left, end=True) if left else horizon,
                    _day(host_end, end=True) if host_end else horizon,
                )
                if stop > start:
                    days = found.setdefault(member, {})
                    days[international] = days.get(international, 0) + stop - start
    return found


def home_internationals(genealogy: Genealogy, chosen: set[str]) -> dict[str, str]:
    """Each organisation's international for --group-by international, among those in `chosen`:
    the one it belonged to longest (see `memberships`); an international is its own home."""
    homes: dict[str, str] = {}
    for member, days in memberships(genealogy).items():
        candidates = [(-length, other) for other, length in days.items() if other in chosen]
        if member in chosen and candidates:
            homes[member] = min(candidates)[1]
    for org_id in chosen:
        if genealogy.organisations[org_id].kind == "international":
            homes.setdefault(org_id, org_id)
    return homes
