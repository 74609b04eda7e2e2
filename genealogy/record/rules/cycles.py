"""cycle: no organisation is born, through foundings, splits and renames, from its own offspring.

A group that rejoins its parent is history, not a cycle. Failing example: tests/cases/invalid/cycle.yaml;
passing: tests/test_graph.py's rejoin.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from genealogy.errors import Problem
from genealogy.model import Event, Genealogy
from genealogy.record.rules.located import at


def bornat(g: Genealogy, event: Event, child_id: str) -> bool:
    """Whether a lineage event's `to` organisation began with it (rather than absorbing others later).

    A group that rejoins its parent, or a party that absorbs a splinter decades on, is a link into
    an organisation that already existed: history, not a cycle.
    """
    child = g.organisations.get(child_id)
    if child is None or child.founded is None or event.date is None:
        return True
    return child.founded.latest() >= event.date.earliest()


def check(g: Genealogy) -> Iterator[Problem]:
    """No organisation is born, through foundings, splits and renames, from its own offspring."""
    children: dict[str, dict[str, Event]] = {}
    for event in g.events:
        if not event.is_lineage:
            continue
        for parent in event.from_ids:
            for child in event.to_ids:
                if parent != child and parent in g.organisations and bornat(g, event, child):
                    children.setdefault(parent, {}).setdefault(child, event)
    for loop in find_cycles(children):
        links = [children[a][b] for a, b in itertools.pairwise(loop)]
        closing = max(links, key=lambda e: (e.line, e.column))
        yield at(
            g,
            (closing.line, closing.column),
            "cycle",
            f"lineage cycle {' -> '.join(loop)}; an organisation cannot descend from itself",
        )


def find_cycles(children: dict[str, dict[str, Event]]) -> list[list[str]]:
    """One cycle (first node repeated at the end) per group of nodes that can reach each other.

    Iterative depth-first search with colours, so a long lineage cannot hit the recursion limit;
    nodes on a reported cycle are not reported again.
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    found: list[list[str]] = []
    reported: set[str] = set()
    for root in sorted(children):
        if root in state:
            continue
        path: list[str] = [root]
        stack = [iter(sorted(children.get(root, {})))]
        state[root] = 1
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                state[path.pop()] = 2
            elif state.get(child) == 1:
                loop = [*path[path.index(child) :], child]
                if not reported & set(loop):
                    found.append(loop)
                    reported.update(loop)
            elif child not in state:
                state[child] = 1
                path.append(child)
                stack.append(iter(sorted(children.get(child, {}))))
    return found
