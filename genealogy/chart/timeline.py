"""The timeline's layout: each organisation a lifeline on a proportional time axis, in a lane we choose.

Pure data, no DOT (timeline_dot.py draws it). A rename continues its lineage on the same lane:
the organisations that follow one another by rename are one chain, and lanes.py gives each chain
its lane. Deterministic: ties are broken by date, then id, never by the order of a dict or a set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from genealogy.chart.geometry import Geometry, geometry, text_width
from genealogy.chart.lanes import Chain, lanes
from genealogy.lineage.selection import Selection, SelectionOptions, select
from genealogy.model import Date, Event, Genealogy, Organisation

# Sizes in points are in geometry.py (roomy or compact); these are in years.
TAIL_YEARS = 3.0  # how far a lifeline fades out after the last date known for it (`dissolved: unknown`)
FADE_YEARS = 2.0  # how much of a lifeline fades at an approximate or uncertain start or end
MIN_YEARS = 0.5  # the shortest lifeline: founded and dissolved in the same year still shows
CONNECTING = ("founding", "split", "merger", "reunification", "expulsion", "rename", "based-on")
CLAIMS_MARK = "★ "
CUT_MARK = "← "  # before the name of a lifeline that began before the axis (--from)


@dataclass(frozen=True)
class TimelineOptions(SelectionOptions):
    """A selection, and how to draw its timeline."""

    direction: str = "LR"  # LR: time runs across the page; TB: down it
    present: int | None = None  # the year organisations that still exist run to; this year if None
    compact: bool = False  # lanes as close as 6 pt names allow (geometry.py), for print
    spread: float | None = None  # points to spread the years over, instead of the geometry's (fit.py)
    lane: float | None = None  # the distance between lanes, instead of the geometry's (fit.py)


class Label(NamedTuple):
    """A name on a lifeline: `at` where its text starts, `date` when it took effect (both in years)."""

    at: float
    date: float
    text: str
    lines: tuple[str, ...]


class Lifeline(NamedTuple):
    """One organisation's bar, from `start` to `end` (years, as on the axis), in lane `lane`."""

    org: Organisation
    lane: int
    start: float
    end: float
    capped: bool  # it ended here: an end cap (not when it goes on under a new name, or still exists)
    tail: float | None  # `dissolved: unknown`: it fades out from `end` to here
    fade_start: bool  # founded c. or ?: the first years fade in
    fade_end: bool  # dissolved c. or ?: the last years fade out
    cut: bool  # began before the axis (--from): its name, marked, at the axis start
    labels: tuple[Label, ...]
    claims: bool  # claims to continue its parent
    follows: str | None  # the organisation it was renamed from, on the same lane


class Link(NamedTuple):
    """An event drawn between two lifelines at `at` (years): from the parent's lane to the child's."""

    event: Event
    parent: str
    child: str
    at: float


class Span(NamedTuple):
    """A stretch of one lifeline along another: an entry (`org` inside `other`), or years in an international."""

    event: Event
    org: str
    other: str
    start: float
    end: float
    returns: bool  # the entry ended while the organisation went on: it comes back to its own line


class Timeline(NamedTuple):
    selection: Selection
    direction: str
    geometry: Geometry
    first: int  # the axis runs from the start of year `first` to the end of year `last`
    last: int
    year: float  # points per year
    lanes: int
    lifelines: tuple[Lifeline, ...]  # in founding order
    links: tuple[Link, ...]
    entries: tuple[Span, ...]
    memberships: tuple[Span, ...]

    def lifeline(self, org_id: str) -> Lifeline | None:
        return _index(self.lifelines).get(org_id)


def _index(lifelines: Iterable[Lifeline]) -> dict[str, Lifeline]:
    return {line.org.id: line for line in lifelines}


def when(date: Date) -> float:
    """A date on the axis, in years: the middle of the year, month or day it names.

    >>> when(Date(1938)), when(Date(1938, 7)), when(Date(1938, 1, 1)) < 1938.01
    (1938.5, 1938.5416666666667, True)
    """
    if date.month is None:
        return date.year + 0.5
    if date.day is None:
        return date.year + (date.month - 0.5) / 12
    return date.year + (date.month - 1) / 12 + (date.day - 0.5) / 366


def name_lines(text: str, sizes: Geometry, direction: str) -> tuple[str, ...]:
    """A name as drawn: one line when time runs across, wrapped to fit a lane when it runs down.

    >>> name_lines("Parti communiste internationaliste (PCI)", geometry("TB"), "TB")
    ('Parti communiste', 'internationaliste', '(PCI)')
    """
    if direction == "LR":
        return (text,)
    wrap, size = sizes.wrap, sizes.font
    lines: list[str] = []
    pieces = [
        (piece, "" if index else " ")
        for word in text.split()
        for index, piece in enumerate(re.split(r"(?<=-)", word))
        if piece
    ]
    for word, space in pieces or [(text, " ")]:  # a word, or the part of one after a hyphen
        if lines and text_width(f"{lines[-1]}{space}{word}", size) <= wrap:
            lines[-1] += f"{space}{word}"
            continue
        while text_width(word, size) > wrap:  # a word longer than a line: as much as fits, then the rest
            cut = max((i for i in range(1, len(word)) if text_width(word[:i] + "-", size) <= wrap), default=1)
            lines.append(word[:cut] + "-")
            word = word[cut:]
        lines.append(word)
    return tuple(lines)


def year_length(first: int, last: int, sizes: Geometry) -> float:
    """Points per year on an axis from the start of `first` to the end of `last`: the years spread
    over `sizes.spread` points, within its bounds (a century gets the shortest, a few decades
    longer years and room to read).

    >>> year_length(1900, 2025, geometry("LR")), year_length(1992, 2025, geometry("LR"))
    (18.0, 40.0)
    """
    low, high = sizes.year_bounds
    return min(max(sizes.spread / (last + 1 - first), low), high)


def label_years(lines: Sequence[str], sizes: Geometry, direction: str, year: float) -> float:
    """How many years of its lane a name's text covers, at `year` points per year."""
    if direction == "LR":  # one line, as name_lines gives it: measured without a generator (0.3 ms of the Linux sheet)
        font = sizes.font
        return (text_width(lines[0], font) if len(lines) == 1 else max(text_width(line, font) for line in lines)) / year
    return len(lines) * sizes.line / year


def _name_changes(org: Organisation, start: Date, low: float) -> list[tuple[float, str]]:
    """(when, label) for the name in use at `low` (the axis start), or at its start if later, and
    each later dated change of name, oldest first."""
    if not org.names:  # as most organisations have: their label all along
        return [(when(start), org.label())]
    # The later dates its names begin or end, one of each day (dates alike but for c. or ? name the
    # same label and point on the axis), by their sort keys rather than by hashing the dates.
    begins = start.sort_key()
    later = {key: d for n in org.names for d in (n.since, n.until) if d is not None and (key := d.sort_key()) > begins}
    changes = [(when(start), org.label_at(start))]
    for key in sorted(later):
        text = org.label_at(later[key])
        if text != changes[-1][1]:
            changes.append((when(later[key]), text))
    before = [i for i, (at, _) in enumerate(changes) if at <= low]
    return changes[before[-1] if before else 0 :]


def _rename_chains(selection: Selection, dated: dict[str, Organisation]) -> list[tuple[Organisation, ...]]:
    """Chains of 1:1 renames between drawn organisations; every other organisation is a chain of one.
    `dated` is in founding order (the selection's), and so are the chains, by their first."""
    successor: dict[str, str] = {}
    predecessor: dict[str, str] = {}
    for event, parent, child in selection.links:
        if event.type != "rename" or len(event.from_ids) != 1 or len(event.to_ids) != 1:
            continue
        free = parent in dated and child in dated and parent not in successor and child not in predecessor
        if free and dated[parent].founding_key() < dated[child].founding_key():
            successor[parent], predecessor[child] = child, parent
    chains = []
    for org in dated.values():
        if org.id in predecessor:
            continue
        members = [org]
        while members[-1].id in successor:
            members.append(dated[successor[members[-1].id]])
        chains.append(tuple(members))
    return chains


def layout(genealogy: Genealogy, options: TimelineOptions | None = None) -> Timeline:
    """Where everything goes: lanes, lifelines, and the links, entries and memberships between them."""
    import datetime

    options = options or TimelineOptions()
    direction = options.direction
    selection = select(genealogy, options)
    present = options.present or datetime.date.today().year
    ends = genealogy.known_ends()
    dated = {o.id: o for o in selection.organisations if o.founded is not None}
    founded_years = [_founded(o).year for o in dated.values()]
    first = options.year_from if options.year_from is not None else min(founded_years, default=present)
    if options.year_to is not None:
        last = options.year_to
    elif any(not o.ended for o in dated.values()):
        last = present
    else:
        last = max((end.year for end in (ends[o] for o in dated) if end is not None), default=present)
        last = max([last, *founded_years])
    low, high = float(first), float(last + 1)
    sizes = geometry(direction, options.compact)
    sizes = sizes._replace(spread=options.spread or sizes.spread, lane=options.lane or sizes.lane)
    year = year_length(first, last, sizes)
    gap = sizes.gap / year  # the free space before a lane takes its next lifeline, in years

    claimed = {c for e, _, c in selection.links if c in e.claims}
    chains: list[Chain] = []
    members_of: dict[str, tuple[Organisation, ...]] = {}
    # Each drawn organisation's start, end, end cap, tail, fades and the names it shows on the axis.
    pieces: dict[str, tuple[float, float, bool, float | None, bool, bool, tuple[Label, ...]]] = {}
    follows: dict[str, str] = {}
    chain_of: dict[str, str] = {}
    for members in _rename_chains(selection, dated):
        names_until, until = low, low  # where the last name's text ends; where the lane is free again
        reach = 0.0  # where its last bar or tail ends
        starts = [when(_founded(org)) for org in members]
        for index, org in enumerate(members):
            start, known, final = starts[index], ends[org.id], index + 1 == len(members)
            end = when(known) if known else high
            if not final:
                end = min(end, starts[index + 1])
                follows[members[index + 1].id] = org.id
            end = max(end, start + MIN_YEARS)
            tail = end + TAIL_YEARS if org.end_unknown and final else None
            founded = _founded(org)
            labels: list[Label] = []
            mark = (CUT_MARK if start < low else "") + (CLAIMS_MARK if org.id in claimed else "")
            for taken, text in _name_changes(org, founded, low):
                text, mark = mark + text, ""  # the marks go before its first name only
                lines = name_lines(text, sizes, direction)
                at = max(taken, low, names_until)
                if at < high:
                    labels.append(Label(at, max(taken, low), text, lines))
                names_until = at + label_years(lines, sizes, direction, year) + gap
            capped = org.ended and final and tail is None
            fuzzy_end = bool(org.dissolved and org.dissolved.fuzzy)
            pieces[org.id] = (start, end, capped, tail, founded.fuzzy, fuzzy_end, tuple(labels))
            until = max(until, names_until, min(tail or end, high) + gap)
            reach = max(reach, end, tail or 0)
        chain_start = max(starts[0], low)
        if chain_start < high and reach > low:
            chains.append(Chain(members[0].id, chain_start, until))
            members_of[members[0].id] = members
            for member in members:
                chain_of[member.id] = members[0].id
    links = [(e, p, c) for e, p, c in selection.links if p in chain_of and c in chain_of]
    pairs = [(chain_of[p], chain_of[c]) for e, p, c in links if e.type in CONNECTING]
    if genealogy.domains:
        lane_of = _domain_lanes(genealogy, chains, pairs, sizes.near)
    else:
        lane_of = lanes(chains, pairs, sizes.near)

    drawn: dict[str, Lifeline] = {}
    for chain in chains:
        lane = lane_of[chain.id]
        for org in members_of[chain.id]:
            start, end, capped, tail, fade_start, fade_end, names = pieces[org.id]
            if start >= high or max(end, tail or end) <= low:
                continue
            drawn[org.id] = Lifeline(
                org, lane, max(start, low), min(end, high), capped and end <= high,
                min(tail, high) if tail else None, fade_start and start >= low, fade_end and end <= high,
                start < low, names, org.id in claimed, follows.get(org.id),
            )  # fmt: skip
    lifelines = [drawn[o.id] for o in selection.organisations if o.id in drawn]  # in founding order
    drawn_links, entries = [], []
    for event, parent, child in links:
        if parent not in drawn or child not in drawn or event.type in ("affiliation", "disaffiliation"):
            continue
        at = when(event.date) if event.date else drawn[child].start
        if event.type == "rename" and chain_of[parent] == chain_of[child]:
            continue  # the same line goes on, under the new name
        if event.type == "entry":
            end = min(when(event.until) if event.until else high, drawn[parent].end, drawn[child].end, high)
            if low <= at < end:
                returns = event.until is not None and end < drawn[parent].end
                entries.append(Span(event, parent, child, at, end, returns))
        elif low <= at <= high:
            drawn_links.append(Link(event, parent, child, at))
    memberships = _memberships(genealogy, drawn, ends, high) if options.affiliations else []
    lane_count = 1 + max(lane_of.values(), default=-1)
    return Timeline(
        selection,
        direction,
        sizes,
        first,
        last,
        year,
        lane_count,
        tuple(lifelines),
        tuple(drawn_links),
        tuple(entries),
        tuple(memberships),
    )


def _domain_lanes(genealogy: Genealogy, chains: list[Chain], pairs: list[tuple[str, str]], near: int) -> dict[str, int]:
    """Lanes when the record has domains: each domain's chains in lanes of their own, one block
    under the other (oldest block first, chains in no domain last), so that a domain's band is one
    band, as in gnuclad. Within a block, lanes as `lanes` gives them, on the links inside it."""
    block_of: dict[str, int] = {}
    for index, domain in enumerate(genealogy.domains):
        for member in domain.members:
            block_of.setdefault(member, index)  # in the first domain that lists it
    blocks: dict[int, list[Chain]] = {}
    outside = len(genealogy.domains)
    for chain in chains:
        blocks.setdefault(block_of.get(chain.id, outside), []).append(chain)
    order = sorted(blocks, key=lambda b: (b == outside, min(c.start for c in blocks[b]), b))
    links: dict[int, list[tuple[str, str]]] = {block: [] for block in blocks}  # each block's, in event order
    for a, b in pairs:
        if (block := block_of.get(a, outside)) == block_of.get(b, outside):
            links[block].append((a, b))
    lane_of: dict[str, int] = {}
    offset = 0
    for block in order:
        inside = lanes(blocks[block], links[block], near)
        lane_of.update({chain: offset + lane for chain, lane in inside.items()})
        offset += 1 + max(inside.values(), default=-1)
    return lane_of


def _founded(org: Organisation) -> Date:
    """The founding date of an organisation the timeline draws (only dated ones are drawn)."""
    assert org.founded is not None
    return org.founded


def _memberships(
    genealogy: Genealogy, drawn: dict[str, Lifeline], ends: dict[str, Date | None], high: float
) -> list[Span]:
    """Each drawn section's years in an international (drawn or not), from affiliation to disaffiliation."""
    spans: list[Span] = []
    joined: dict[tuple[str, str], tuple[Event, float]] = {}
    for event in sorted(genealogy.events, key=Event.sort_key):
        if event.type not in ("affiliation", "disaffiliation") or event.date is None:
            continue
        for section in event.from_ids:
            for international in event.to_ids if section in drawn else ():
                if event.type == "affiliation":
                    joined.setdefault((section, international), (event, when(event.date)))
                elif (section, international) in joined:
                    first, since = joined.pop((section, international))
                    spans.append(Span(first, section, international, since, when(event.date), False))
    for (section, international), (first, since) in joined.items():
        spans.append(Span(first, section, international, since, high, False))
    clipped = []
    for span in spans:
        line, end = drawn[span.org], ends.get(span.other)
        stop = min(span.end, line.end, when(end) if end else high)
        if max(span.start, line.start) < stop:
            clipped.append(span._replace(start=max(span.start, line.start), end=stop))
    return sorted(clipped, key=lambda m: (m.start, m.org, m.other))
