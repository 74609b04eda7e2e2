"""Lineage queries over the record: ancestors, descendants, common ancestors. Data in, data out.

Descent comes from lineage events (founding, split, merger, reunification, rename, expulsion):
each links every organisation in `from` to every one in `to`. Order is deterministic (by date,
then id) so that output and golden files never change from run to run.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from genealogy.model import Event, Genealogy, Organisation, iso


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
    """An ancestor or descendant, `depth` links away, reached through `link` from `via`."""

    org: Organisation
    depth: int
    link: Link
    via: str

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
        }


@dataclass(frozen=True, slots=True)
class Branch:
    """A node of a lineage tree: the link taken, the organisation reached, what lies beyond."""

    link: Link
    org: Organisation
    repeat: bool
    children: tuple[Branch, ...]


@dataclass(frozen=True, slots=True)
class CommonAncestor:
    """A nearest common ancestor and the paths of links from it down to each organisation."""

    org: Organisation
    path_to_a: tuple[Link, ...]
    path_to_b: tuple[Link, ...]


Bound = tuple[int, int, int] | None  # how far in time a walk may still go; None: no limit


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
        self.genealogy = genealogy
        self.parents: dict[str, list[Link]] = {oid: [] for oid in genealogy.organisations}
        self.children: dict[str, list[Link]] = {oid: [] for oid in genealogy.organisations}
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
            links.sort(key=Link.sort_key)

    def org(self, org_id: str) -> Organisation:
        return self.genealogy.organisations[org_id]

    def _walk(self, start: str, upward: bool, depth: int | None) -> list[Relative]:
        """Breadth first and time-respecting; each relative listed once, at its smallest depth.

        A party that absorbs one of its own splinters decades later is not its own ancestor:
        from a link dated d, the walk only continues through links that can be no later than d
        (upward) or no earlier than d (downward).
        """
        edges = self.parents if upward else self.children
        found: dict[str, Relative] = {}
        bound: dict[str, Bound] = {start: None}  # the loosest bound each organisation was reached with
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
                queue.append((other, level + 1))
        return list(found.values())

    def tree(self, start: str, upward: bool, depth: int | None = None) -> list[Branch]:
        """The same walk as a tree for display; an organisation met twice is a leaf marked `repeat`."""
        edges = self.parents if upward else self.children
        shown = {start}

        def grow(org_id: str, limit: Bound, level: int) -> tuple[Branch, ...]:
            branches = []
            for link in edges[org_id]:
                if not _follows(link, limit, upward):
                    continue
                other = link.parent if upward else link.child
                repeat = other in shown
                shown.add(other)
                deeper = not repeat and (depth is None or level + 1 < depth)
                children = grow(other, _next_bound(link, limit, upward), level + 1) if deeper else ()
                branches.append(Branch(link, self.org(other), repeat, children))
            return tuple(branches)

        return list(grow(start, None, 0))

    def ancestors(self, org_id: str, depth: int | None = None) -> list[Relative]:
        return self._walk(org_id, True, depth)

    def descendants(self, org_id: str, depth: int | None = None) -> list[Relative]:
        return self._walk(org_id, False, depth)

    def ancestor_ids(self, org_id: str) -> set[str]:
        return {r.org.id for r in self.ancestors(org_id)}

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
        """The nearest common ancestors of a and b (either one itself if it is the other's ancestor)."""
        shared = (self.ancestor_ids(a) | {a}) & (self.ancestor_ids(b) | {b})
        above: set[str] = set()  # members of `shared` that have a descendant in `shared`
        for member in shared:
            above |= self.ancestor_ids(member)
        nearest = shared - above
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
