"""Lanes for the timeline's chains of lifelines: lineages together, few lanes, short links.

Chains (organisations that follow one another by rename) are placed in the depth-first order of
the lineage forest, each child near its parent; lanes are reused once a chain and its names have
ended; then a few barycentre passes reorder the lanes if that shortens the links. Deterministic:
every choice is by position, start, then id.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
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

    __slots__ = ("above", "below", "spans")

    def __init__(self, above: _Lane | None = None) -> None:
        self.spans: list[tuple[float, float]] = []
        self.above: _Lane | None = above
        self.below: _Lane | None = above.below if above else None
        if above is not None:
            if above.below is not None:
                above.below.above = self
            above.below = self

    def fits(self, start: float, until: float) -> bool:
        at = bisect.bisect_left(self.spans, (start, until))
        before = at == 0 or self.spans[at - 1][1] <= start
        return before and (at == len(self.spans) or self.spans[at][0] >= until)

    def take(self, start: float, until: float) -> None:
        bisect.insort(self.spans, (start, until))


def _walk(lane: _Lane | None, steps: int, down: bool) -> Iterator[_Lane]:
    """`lane` and up to `steps` lanes after it, downwards or upwards."""
    for _ in range(steps + 1):
        if lane is None:
            return
        yield lane
        lane = lane.below if down else lane.above


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
        chain, parent = by_id[chain_id], parent_of.get(chain_id)
        looked = _walk(bottom, near - 1, down=False) if parent is None else _walk(home[parent], near, down=True)
        lane = next((lane for lane in looked if lane.fits(chain.start, chain.until)), None)
        if lane is None:
            lane = _Lane(above=bottom if parent is None else home[parent])
            top = top or lane
            if lane.below is None:
                bottom = lane
        lane.take(chain.start, chain.until)
        home[chain_id] = lane
    number: dict[int, int] = {}
    for index, lane in enumerate(_walk(top, len(home), down=True)):
        number[id(lane)] = index
    lane_of = {chain: number[id(lane)] for chain, lane in home.items()}
    return _barycentre(lane_of, links, len(number))


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


def _forest_order(chains: list[Chain], links: list[tuple[str, str]]) -> tuple[list[str], dict[str, str]]:
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
