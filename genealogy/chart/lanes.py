"""Lanes for the timeline's chains of lifelines: lineages together, few lanes, short links.

Chains (organisations that follow one another by rename) are placed in the depth-first order of
the lineage forest, each child near its parent; lanes are reused once a chain and its names have
ended; then a few barycentre passes reorder the lanes if that shortens the links. Deterministic:
every choice is by position, start, then id.
"""

from __future__ import annotations

import bisect
from operator import truediv
from typing import NamedTuple

BARYCENTRE_PASSES = 4
NEAR = 8  # by default, how many lanes below its parent's a chain may take before a new lane is made


class Chain(NamedTuple):
    """What the lanes need to know of a chain: its first organisation's id, and when it takes its lane."""

    id: str
    start: float
    until: float  # where the lane is free again: after its bars, its fading tail and its names


class _Lane:
    """One lane: the (start, free again) spans of its lifelines in time order, and its neighbours."""

    __slots__ = ("above", "below", "number", "spans")

    def __init__(self, above: _Lane | None = None) -> None:
        self.spans: list[tuple[float, float]] = []
        self.number = 0  # its place from the top, once every chain has its lane
        self.above: _Lane | None = above
        self.below: _Lane | None = above.below if above else None
        if above is not None:
            if above.below is not None:
                above.below.above = self
            above.below = self

    def fits(self, start: float, until: float) -> bool:
        spans = self.spans
        if not spans:
            return True
        last_start, last_until = spans[-1]
        if last_start < start and last_until <= start:  # what the bisection finds, for most chains that fit
            return True
        at = bisect.bisect_left(spans, (start, until))
        before = at == 0 or spans[at - 1][1] <= start
        return before and (at == len(spans) or spans[at][0] >= until)

    def take(self, start: float, until: float) -> None:
        bisect.insort(self.spans, (start, until))


def lanes(chains: list[Chain], links: list[tuple[str, str]], near: int = NEAR) -> dict[str, int]:
    """Chain id -> lane, lane 0 at the top.

    Chains are placed in the depth-first order of the lineage forest. A child takes its parent's
    lane if that is free by then (a successor goes on where its parent ended), else one of the
    next `near` lanes below it, else a new lane right below its parent: siblings come in the order
    they were founded, so a later sibling sits nearer its parent, under whose line the earlier
    one's link passed before the later one existed, and sibling links do not cross. A chain
    with no parent takes one of the last `near` lanes, or a new one at the bottom. Lanes are a
    linked list, so that looking near a parent and making a lane there cost O(near log k), and
    the whole O(near N log N). Then a few barycentre passes, kept only if they shorten the links.
    """
    order, parent_of = _forest_order(chains, links)
    by_id = {c.id: c for c in chains}
    top: _Lane | None = None
    bottom: _Lane | None = None
    home: dict[str, _Lane] = {}
    for chain_id in order:
        _, start, until = by_id[chain_id]
        parent = parent_of.get(chain_id)
        # The lanes it may take, first to last: from the parent's down, or from the bottom up.
        lane, looks, down = (bottom, near, False) if parent is None else (home[parent], near + 1, True)
        for _ in range(looks):
            if lane is None:
                break
            # Over its last span (every lane has one), as most lanes looked at are (3,832 of 3,991
            # on the Linux sheet), it does not fit: that answer without a call saves 0.35 ms of 10.
            last_start, last_until = lane.spans[-1]
            if (last_until <= start or until <= last_start) and lane.fits(start, until):
                break
            lane = lane.below if down else lane.above
        else:
            lane = None
        if lane is None:
            lane = _Lane(above=bottom if parent is None else home[parent])
            top = top or lane
            if lane.below is None:
                bottom = lane
        lane.take(start, until)
        home[chain_id] = lane
    count, lane = 0, top
    while lane is not None:
        lane.number, count, lane = count, count + 1, lane.below
    lane_of = {chain: lane.number for chain, lane in home.items()}
    return _barycentre(lane_of, links, count)


def _barycentre(lane_of: dict[str, int], links: list[tuple[str, str]], count: int) -> dict[str, int]:
    """Lanes reordered by a few barycentre passes over the links, if that shortens them in all."""
    pairs = [(lane_of[a], lane_of[b]) for a, b in links if lane_of[a] != lane_of[b]]
    weights = [1] * count  # a lane and the ends of its links, whose positions make its pull
    for a, b in pairs:
        weights[a] += 1
        weights[b] += 1

    def cost(where: list[int]) -> int:
        return sum([abs(where[a] - where[b]) for a, b in pairs])

    position = list(range(count))
    ranked = list(range(count))  # the lanes by position
    best, best_cost = position, cost(position)
    for _ in range(BARYCENTRE_PASSES):
        # A lane's pull: the mean position of it and its links' other ends. Summed over the links,
        # not over each lane's list of neighbours, and sorted by pull alone, stably, from the order
        # by position (so that ties go by position), rather than by (pull, position) pairs: the
        # Linux sheet's eight blocks took 1.4 ms, now 0.65 ms.
        total = position[:]
        for a, b in pairs:
            total[a] += position[b]
            total[b] += position[a]
        pull = list(map(truediv, total, weights))
        ranked.sort(key=pull.__getitem__)
        position = [0] * count
        for index, lane in enumerate(ranked):
            position[lane] = index
        if (now := cost(position)) < best_cost:
            best, best_cost = position, now
    return {chain: best[lane] for chain, lane in lane_of.items()}


def _forest_order(chains: list[Chain], links: list[tuple[str, str]]) -> tuple[list[str], dict[str, str]]:
    """Chain ids in a depth-first walk of the lineage forest, each child under its first parent; the parents."""
    when_founded = {c.id: (c.start, c.id) for c in chains}  # no two alike: the order of siblings and roots
    parent_of: dict[str, str] = {}
    for parent, child in links:  # in event order: the first link into a chain names its parent
        if parent != child and child not in parent_of and when_founded[parent][0] <= when_founded[child][0]:
            parent_of[child] = parent
    children: dict[str, list[str]] = {}  # each chain's, the last founded first: the order they go on the stack
    for child in sorted(parent_of, key=when_founded.__getitem__, reverse=True):
        children.setdefault(parent_of[child], []).append(child)
    order: list[str] = []
    seen: set[str] = set()

    def walk(root: str) -> None:
        stack = [root]
        while stack:
            chain = stack.pop()
            if chain not in seen:
                seen.add(chain)
                order.append(chain)
                stack.extend(children.get(chain, ()))

    for _, root in sorted(when_founded[c.id] for c in chains if c.id not in parent_of):
        walk(root)
    for chain in sorted(c.id for c in chains if c.id not in seen):  # left: only chains in a cycle of first parents
        if chain not in seen:
            parent_of.pop(chain, None)
            walk(chain)
    return order, parent_of
