"""Lineage queries over the record: ancestors, descendants, common ancestors. Data in, data out.

Descent comes from lineage events (founding, split, merger, reunification, rename, expulsion, based-on):
each links every organisation in `from` to every one in `to`. Order is deterministic (by date,
then id) so that output and golden files never change from run to run.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from genealogy.model import Event, Genealogy, Organisation, iso

Bound = tuple[int, int, int] | None  # how far in time a walk may still go; None: no limit


@dataclass(frozen=True, slots=True)
class Link:
    """One descent link: `parent` -> `child` through `event`."""

    parent: str
    child: str
    event: Event

    @property
    def relation(self) -> str:
        return self.event.type

    def sort_key(self) -> tuple[tuple[int, int, int], str, str, str]:
        return (self.event.date_key, self.parent, self.child, self.event.id)


@dataclass(frozen=True, slots=True)
class Relative:
    """An ancestor or descendant, `depth` links away, reached through `link` from `via`.

    `loop` marks the organisation the walk started from, met again: history looped back (a party
    that later absorbed a group descended from it). It is listed so that text and JSON say so.
    """

    org: Organisation
    depth: int
    link: Link
    via: str
    loop: bool = False

    def as_dict(self) -> dict[str, object]:
        event = self.link.event
        return {
            "id": self.org.id,
            "name": self.org.name,
            "abbreviation": self.org.abbreviation,
            "relation": event.type,
            "date": iso(event.date),
            "depth": self.depth,
            "via": self.via,
            "event": event.id,
            "loop": self.loop,
        }


@dataclass(frozen=True, slots=True)
class Branch:
    """A node of a lineage tree: the link taken, the organisation reached, what lies beyond.

    `repeat`: reached again by another link, shown expanded elsewhere; `loop`: the start itself.
    """

    link: Link
    org: Organisation
    repeat: bool
    children: list[Branch] = field(default_factory=list)
    loop: bool = False


@dataclass(frozen=True, slots=True)
class Walk:
    """One time-respecting walk: each relative once (at its smallest depth), the loops back to
    the start, and the loosest time bound each organisation was reached with."""

    start: str
    upward: bool
    depth: int | None
    found: dict[str, Relative]
    bound: dict[str, Bound]
    loops: list[Relative]


@dataclass(frozen=True, slots=True)
class CommonAncestor:
    """A nearest common ancestor and the paths of links from it down to each organisation."""

    org: Organisation
    path_to_a: tuple[Link, ...]
    path_to_b: tuple[Link, ...]


def _follows(link: Link, limit: Bound, upward: bool) -> bool:
    """Whether a walk that arrived under `limit` may take this link without going back in time."""
    date = link.event.date
    if date is None or limit is None:
        return True
    return date.earliest() <= limit if upward else date.latest() >= limit


def _next_bound(link: Link, limit: Bound, upward: bool) -> Bound:
    date = link.event.date
    if date is None:
        return limit
    return date.latest() if upward else date.earliest()


def _looser(new: Bound, old: Bound, upward: bool) -> bool:
    """Whether reaching an organisation with bound `new` lets a walk go further than `old` did."""
    if old is None:
        return False
    if new is None:
        return True
    return new > old if upward else new < old


class LineageGraph:
    """Parents and children of every organisation, from the lineage events of a record."""

    def __init__(self, genealogy: Genealogy) -> None:
        from genealogy.record.loader import gc_paused

        self.genealogy = genealogy
        self.parents: dict[str, list[Link]] = {oid: [] for oid in genealogy.organisations}
        self.children: dict[str, list[Link]] = {oid: [] for oid in genealogy.organisations}
        # A graph holds no cycles of Python objects: with the collector held, building one for
        # 50,000 organisations takes 0.17 s instead of 0.27 s (the collector rescans the record).
        with gc_paused():
            for event in genealogy.events:
                if not event.is_lineage:
                    continue
                for parent in event.from_ids:
                    for child in event.to_ids:
                        if parent in self.children and child in self.parents and parent != child:
                            link = Link(parent, child, event)
                            self.children[parent].append(link)
                            self.parents[child].append(link)
            for links in (*self.parents.values(), *self.children.values()):
                if len(links) > 1:
                    links.sort(key=Link.sort_key)

    def org(self, org_id: str) -> Organisation:
        return self.genealogy.organisations[org_id]

    def walk(self, start: str, upward: bool, depth: int | None = None) -> Walk:
        """Breadth first and time-respecting; each relative listed once, at its smallest depth.

        A party that absorbs one of its own splinters decades later is not its own ancestor:
        from a link dated d, the walk only continues through links that can be no later than d
        (upward) or no earlier than d (downward). Iterative, so a chain of any length is fine.
        """
        edges = self.parents if upward else self.children
        found: dict[str, Relative] = {}
        bound: dict[str, Bound] = {start: None}  # the loosest bound each organisation was reached with
        level_of: dict[str, int] = {start: 0}
        queue: deque[tuple[str, int]] = deque([(start, 0)])
        while queue:
            current, level = queue.popleft()
            if depth is not None and level >= depth:
                continue
            for link in edges[current]:
                other = link.parent if upward else link.child
                if other == start or not _follows(link, bound[current], upward):
                    continue
                limit = _next_bound(link, bound[current], upward)
                if other in bound and not _looser(limit, bound[other], upward):
                    continue
                bound[other] = limit
                if other not in found:
                    found[other] = Relative(self.org(other), level + 1, link, current)
                    level_of[other] = level + 1
                queue.append((other, level + 1))
        loops = [
            Relative(self.org(start), level_of[member] + 1, link, member, loop=True)
            for member in (start, *found)
            if depth is None or level_of[member] < depth
            for link in edges[member]
            if (link.parent if upward else link.child) == start and _follows(link, bound[member], upward)
        ]
        return Walk(start, upward, depth, found, bound, loops)

    def tree(self, start: str, upward: bool, depth: int | None = None) -> list[Branch]:
        """The walk as a tree for display: each relative expanded once, under the link that first
        reached it; other links to it are leaves marked `repeat`, links back to the start `loop`.
        Built without recursion, so the tree of a long chain is fine too."""
        walk = self.walk(start, upward, depth)
        edges = self.parents if upward else self.children
        roots: list[Branch] = []
        stack: list[tuple[str, list[Branch]]] = [(start, roots)]
        while stack:
            org_id, into = stack.pop()
            if org_id != start and depth is not None and walk.found[org_id].depth >= depth:
                continue
            for link in edges[org_id]:
                other = link.parent if upward else link.child
                if not _follows(link, walk.bound[org_id], upward):
                    continue
                if other == start:
                    into.append(Branch(link, self.org(start), repeat=False, loop=True))
                elif other in walk.found:
                    first = walk.found[other].link is link
                    branch = Branch(link, self.org(other), repeat=not first)
                    into.append(branch)
                    if first:
                        stack.append((other, branch.children))
        return roots

    def ancestors(self, org_id: str, depth: int | None = None, loops: bool = False) -> list[Relative]:
        """Every time-respecting ancestor; with `loops`, also the links by which history comes back to it."""
        walk = self.walk(org_id, True, depth)
        return [*walk.found.values(), *(walk.loops if loops else ())]

    def descendants(self, org_id: str, depth: int | None = None, loops: bool = False) -> list[Relative]:
        walk = self.walk(org_id, False, depth)
        return [*walk.found.values(), *(walk.loops if loops else ())]

    def ancestor_ids(self, org_id: str) -> set[str]:
        return set(self.walk(org_id, True).found)

    def path(self, ancestor: str, descendant: str) -> tuple[Link, ...]:
        """The shortest chain of links from an ancestor down to a descendant (empty if same)."""
        back: dict[str, Link] = {}
        queue: deque[str] = deque([ancestor])
        seen = {ancestor}
        while queue:
            current = queue.popleft()
            if current == descendant:
                break
            for link in self.children[current]:
                if link.child not in seen:
                    seen.add(link.child)
                    back[link.child] = link
                    queue.append(link.child)
        chain: list[Link] = []
        node = descendant
        while node != ancestor and node in back:
            chain.append(back[node])
            node = back[node].parent
        return tuple(reversed(chain))

    def common(self, a: str, b: str) -> list[CommonAncestor]:
        """The nearest common ancestors of a and b (either one itself if it is the other's ancestor).

        Shared ancestors are tried nearest first (fewest links to a and b together); each one
        taken hides all its own ancestors. Where history loops (A begat B, which later rejoined
        A), the nearer end of the loop is taken and hides the other, so a parent is always the
        answer for itself and its child. A long chain costs a few walks, not one per member.
        """
        up_a, up_b = self.walk(a, True), self.walk(b, True)
        distance_a = {a: 0} | {k: r.depth for k, r in up_a.found.items()}
        distance_b = {b: 0} | {k: r.depth for k, r in up_b.found.items()}
        shared = sorted(distance_a.keys() & distance_b.keys(), key=lambda c: (distance_a[c] + distance_b[c], c))
        above: dict[str, set[str]] = {}  # taken candidate -> its ancestors
        hidden: set[str] = set()
        for candidate in shared:
            if candidate not in hidden:
                above[candidate] = self.ancestor_ids(candidate)
                hidden |= above[candidate]
        # A candidate taken early may still lie above one taken later (a shorter way round): drop it.
        nearest = [c for c in above if not any(c in above[d] and d not in above[c] for d in above if d != c)]
        result = [CommonAncestor(self.org(c), self.path(c, a), self.path(c, b)) for c in nearest]
        return sorted(result, key=lambda x: (len(x.path_to_a) + len(x.path_to_b), x.org.id))

    def select(self, focus: Iterable[str], ancestors: bool, descendants: bool, depth: int | None) -> set[str]:
        """Ids of the focus organisations and their chosen relatives: what a focused chart shows."""
        chosen: set[str] = set()
        for org_id in focus:
            chosen.add(org_id)
            if ancestors:
                chosen.update(r.org.id for r in self.ancestors(org_id, depth))
            if descendants:
                chosen.update(r.org.id for r in self.descendants(org_id, depth))
        return chosen
