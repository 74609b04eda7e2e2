"""The timeline's layout: each organisation a lifeline on a proportional time axis, in a lane we choose.

Pure data, no DOT (timeline_dot.py draws it). A rename continues its lineage on the same lane; the
chains of renames are ordered as a forest (children right after their parent), packed into few
lanes by interval partitioning (each chain takes the free lane whose last occupant is nearest to
it in that order) and the lanes reordered by a few barycentre passes that shorten the links,
keeping the best order found. O(N log N) and deterministic: ties are broken by date, then id,
never by the order of a dict or a set.
"""

from __future__ import annotations

import bisect
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from genealogy.lineage.selection import Selection, SelectionOptions, select
from genealogy.model import Date, Event, Genealogy, Organisation

# Geometry, in points: what the layout must know to keep names from running into each other.
# The length of every year along the time axis: what spreads the years over SPREAD points, kept
# between these bounds (a century gets the shortest, a few decades longer years and room to read).
YEAR_BOUNDS = (18.0, 40.0)
SPREAD = 1400.0
FONT_SIZE = 9.0
LINE_HEIGHT = 11.0
LANE = {"LR": 22.0, "TB": 84.0}  # the distance between two lanes
WRAP = 15  # characters per line of a name when time runs down (a name then spans lanes, not years)
GAP = 10.0  # free space before a lane takes its next lifeline
TAIL_YEARS = 3.0  # how far a lifeline fades out after the last date known for it (`dissolved: unknown`)
FADE_YEARS = 2.0  # how much of a lifeline fades at an approximate or uncertain start or end
MIN_YEARS = 0.5  # the shortest lifeline: founded and dissolved in the same year still shows
BARYCENTRE_PASSES = 4
NEAR = 8  # how many lanes next to its parent's a lifeline may take before a new lane is made
CONNECTING = ("founding", "split", "merger", "reunification", "expulsion", "rename")
CLAIMS_MARK = "★ "


@dataclass(frozen=True)
class TimelineOptions(SelectionOptions):
    """A selection, and how to draw its timeline."""

    direction: str = "LR"  # LR: time runs across the page; TB: down it
    present: int | None = None  # the year organisations that still exist run to; this year if None


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
    cut: bool  # begins before the axis (--from): no name fade-in, and its name at the axis start
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


# The advance of each printable ASCII character in DejaVu Sans, in hundredths of an em, from
# chr(32) to chr(126), as Graphviz measures it (`dot -Tplain` on long runs of each character).
_ADVANCES = (
    "3140468464957828393950843136313464646464646464646464343484848453997168707763587775292965558675"
    "796079706459736899686168393439845050626455646235646428285828986462646439523964598259595364346484"
)


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """The width of text in DejaVu Sans, in points, a little generous (other letters count as wide ones).

    >>> round(text_width("Militant", 10))
    40
    """
    ems = 0
    for character in text:
        code = ord(character) - 32
        ems += int(_ADVANCES[2 * code : 2 * code + 2]) if 0 <= code < 95 else 75
    return ems / 100 * size * 1.04 + 1


def name_lines(text: str, direction: str) -> tuple[str, ...]:
    """A name as drawn: one line when time runs across, wrapped to fit a lane when it runs down."""
    if direction == "LR":
        return (text,)
    return tuple(textwrap.wrap(text, WRAP, break_long_words=True) or [text])


def year_length(first: int, last: int) -> float:
    """Points per year on an axis from the start of `first` to the end of `last`.

    >>> year_length(1900, 2025), year_length(1992, 2025)
    (18.0, 40.0)
    """
    low, high = YEAR_BOUNDS
    return min(max(SPREAD / (last + 1 - first), low), high)


def label_years(lines: Sequence[str], direction: str, year: float) -> float:
    """How many years of its lane a name's text covers, at `year` points per year."""
    if direction == "LR":
        return max(text_width(line) for line in lines) / year
    return len(lines) * LINE_HEIGHT / year


def _name_changes(org: Organisation, start: Date) -> list[tuple[Date, str]]:
    """(date, label) for the name at the start and each later dated change of name, oldest first."""
    changes = [(start, org.label_at(start))]
    dated = [d for n in org.names for d in (n.since, n.until) if d is not None and d.sort_key() > start.sort_key()]
    for date in sorted(set(dated), key=Date.sort_key):
        text = org.label_at(date)
        if text != changes[-1][1]:
            changes.append((date, text))
    return changes


class _Chain(NamedTuple):
    """Organisations that follow one another by rename: one lane."""

    members: tuple[Organisation, ...]
    start: float
    until: float  # where the lane is free again: after its bar, its fading tail and its names

    @property
    def id(self) -> str:
        return self.members[0].id


def _rename_chains(selection: Selection, dated: dict[str, Organisation]) -> list[tuple[Organisation, ...]]:
    """Chains of 1:1 renames between drawn organisations; every other organisation is a chain of one."""
    successor: dict[str, str] = {}
    predecessor: dict[str, str] = {}
    for event, parent, child in selection.links:
        if event.type != "rename" or len(event.from_ids) != 1 or len(event.to_ids) != 1:
            continue
        free = parent in dated and child in dated and parent not in successor and child not in predecessor
        if free and dated[parent].founding_key() < dated[child].founding_key():
            successor[parent], predecessor[child] = child, parent
    chains = []
    for org in sorted(dated.values(), key=Organisation.founding_key):
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
    founded_years = [o.founded.year for o in dated.values()]  # type: ignore[union-attr]
    first = options.year_from if options.year_from is not None else min(founded_years, default=present)
    if options.year_to is not None:
        last = options.year_to
    elif any(not o.ended for o in dated.values()):
        last = present
    else:
        last = max((ends[o].year for o in dated if ends[o] is not None), default=present)
        last = max([last, *founded_years])
    low, high = float(first), float(last + 1)
    year = year_length(first, last)

    claimed = {c for e, _, c in selection.links if c in e.claims}
    chains: list[_Chain] = []
    pieces: dict[str, tuple[float, float, bool, float | None, bool, bool, tuple[Label, ...]]] = {}
    follows: dict[str, str] = {}
    for members in _rename_chains(selection, dated):
        names_until, until = low, low  # where the last name's text ends; where the lane is free again
        for index, org in enumerate(members):
            start = when(org.founded)  # type: ignore[arg-type]
            known = ends[org.id]
            end = when(known) if known else high
            if index + 1 < len(members):
                end = min(end, when(members[index + 1].founded))  # type: ignore[arg-type]
                follows[members[index + 1].id] = org.id
            end = max(end, start + MIN_YEARS)
            tail = end + TAIL_YEARS if org.end_unknown and index + 1 == len(members) else None
            labels = []
            for date, text in _name_changes(org, org.founded):  # type: ignore[arg-type]
                mark = CLAIMS_MARK if not labels and org.id in claimed else ""
                lines = name_lines(mark + text, direction)
                at = max(when(date), low, names_until)
                labels.append(Label(at, max(when(date), low), mark + text, lines))
                names_until = at + label_years(lines, direction, year) + GAP / year
            capped = org.ended and index + 1 == len(members) and tail is None
            fuzzy_end = bool(org.dissolved and org.dissolved.fuzzy)
            fuzzy_start = org.founded.fuzzy  # type: ignore[union-attr]
            pieces[org.id] = (start, end, capped, tail, fuzzy_start, fuzzy_end, tuple(labels))
            until = max(until, names_until, min(tail or end, high) + GAP / year)
        chain_start = max(when(members[0].founded), low)  # type: ignore[arg-type]
        if chain_start < high and max(max(p[1], p[3] or 0) for p in (pieces[m.id] for m in members)) > low:
            chains.append(_Chain(members, chain_start, until))
    chain_of = {m.id: chain.id for chain in chains for m in chain.members}
    links = [(e, p, c) for e, p, c in selection.links if p in chain_of and c in chain_of]
    lane_of = _lanes(chains, [(chain_of[p], chain_of[c]) for e, p, c in links if e.type in CONNECTING])

    lifelines = []
    for chain in chains:
        for org in chain.members:
            start, end, capped, tail, fade_start, fade_end, labels = pieces[org.id]
            if start >= high or max(end, tail or end) <= low:
                continue
            lifelines.append(
                Lifeline(
                    org, lane_of[chain.id], max(start, low), min(end, high), capped and end <= high,
                    min(tail, high) if tail else None, fade_start and start >= low, fade_end and end <= high,
                    start < low, tuple(lb for lb in labels if lb.at < high), org.id in claimed,
                    follows.get(org.id),
                )
            )  # fmt: skip
    lifelines.sort(key=lambda line: line.org.founding_key())
    drawn = _index(lifelines)
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
    lanes = 1 + max(lane_of.values(), default=-1)
    return Timeline(
        selection,
        direction,
        first,
        last,
        year,
        lanes,
        tuple(lifelines),
        tuple(drawn_links),
        tuple(entries),
        tuple(memberships),
    )


def _memberships(
    genealogy: Genealogy, drawn: dict[str, Lifeline], ends: dict[str, Date | None], high: float
) -> list[Span]:
    """Each drawn section's years in an international (drawn or not), from affiliation to disaffiliation."""
    spans, joined = [], {}
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


class _Lane:
    """One lane: the (start, free again) spans of its lifelines, in time order."""

    __slots__ = ("spans",)

    def __init__(self) -> None:
        self.spans: list[tuple[float, float]] = []

    def fits(self, start: float, until: float) -> bool:
        at = bisect.bisect_left(self.spans, (start, until))
        before = at == 0 or self.spans[at - 1][1] <= start
        return before and (at == len(self.spans) or self.spans[at][0] >= until)

    def take(self, start: float, until: float) -> None:
        bisect.insort(self.spans, (start, until))


def _lanes(chains: list[_Chain], links: list[tuple[str, str]]) -> dict[str, int]:
    """Chain id -> lane, lane 0 at the top.

    Chains are placed in the depth-first order of the lineage forest. A child takes its parent's
    lane if that is free by then (a successor goes on where its parent ended), else one of the
    next NEAR lanes below it, else a new lane right below its parent: siblings come in the order
    they were founded, so a later sibling sits nearer its parent, under whose line the earlier
    one's link passed before the later one existed, and sibling links do not cross. A chain
    with no parent takes one of the last NEAR lanes, or a new one at the bottom. Then a few
    barycentre passes, kept only if they shorten the links.
    """
    order, parent_of = _forest_order(chains, links)
    by_id = {c.id: c for c in chains}
    lanes: list[_Lane] = []
    home: dict[str, _Lane] = {}
    for chain_id in order:
        chain = by_id[chain_id]
        parent = parent_of.get(chain_id)
        if parent is None:
            candidates = range(len(lanes) - 1, max(len(lanes) - 1 - NEAR, -1), -1)
            insert_at = len(lanes)
        else:
            at = lanes.index(home[parent])
            candidates = range(at, min(at + 1 + NEAR, len(lanes)))
            insert_at = at + 1
        lane = next((lanes[i] for i in candidates if lanes[i].fits(chain.start, chain.until)), None)
        if lane is None:
            lane = _Lane()
            lanes.insert(insert_at, lane)
        lane.take(chain.start, chain.until)
        home[chain_id] = lane
    number = {id(lane): index for index, lane in enumerate(lanes)}
    lane_of = {chain: number[id(lane)] for chain, lane in home.items()}
    return _barycentre(lane_of, links, len(lanes))


def _barycentre(lane_of: dict[str, int], links: list[tuple[str, str]], count: int) -> dict[str, int]:
    """Lanes reordered by a few barycentre passes over the links, if that shortens them in all."""
    pairs = [(lane_of[a], lane_of[b]) for a, b in links if lane_of[a] != lane_of[b]]
    neighbours: list[list[int]] = [[] for _ in range(count)]
    for a, b in pairs:
        neighbours[a].append(b)
        neighbours[b].append(a)

    def cost(where: list[int]) -> int:
        return sum(abs(where[a] - where[b]) for a, b in pairs)

    position = list(range(count))
    best, best_cost = position, cost(position)
    for _ in range(BARYCENTRE_PASSES):
        pull = [
            (position[lane] + sum(position[n] for n in neighbours[lane])) / (1 + len(neighbours[lane]))
            for lane in range(count)
        ]
        ranked = sorted(range(count), key=lambda lane: (pull[lane], position[lane]))
        position = [0] * count
        for index, lane in enumerate(ranked):
            position[lane] = index
        if (now := cost(position)) < best_cost:
            best, best_cost = position, now
    return {chain: best[lane] for chain, lane in lane_of.items()}


def _forest_order(chains: list[_Chain], links: list[tuple[str, str]]) -> tuple[list[str], dict[str, str]]:
    """Chain ids in a depth-first walk of the lineage forest, each child under its first parent; the parents."""
    by_id = {c.id: c for c in chains}
    parent_of: dict[str, str] = {}
    for parent, child in links:  # in event order: the first link into a chain names its parent
        if parent != child and child not in parent_of and by_id[parent].start <= by_id[child].start:
            parent_of[child] = parent
    children: dict[str, list[str]] = {}
    for child, parent in sorted(parent_of.items()):
        children.setdefault(parent, []).append(child)
    when_founded = {c.id: (c.start, c.id) for c in chains}
    order: list[str] = []
    seen: set[str] = set()

    def walk(root: str) -> None:
        stack = [root]
        while stack:
            chain = stack.pop()
            if chain not in seen:
                seen.add(chain)
                order.append(chain)
                stack.extend(sorted(children.get(chain, ()), key=when_founded.__getitem__, reverse=True))

    for root in sorted((c.id for c in chains if c.id not in parent_of), key=when_founded.__getitem__):
        walk(root)
    for chain in sorted(c.id for c in chains):  # left: only chains in a cycle of first parents
        if chain not in seen:
            parent_of.pop(chain, None)
            walk(chain)
    return order, parent_of
