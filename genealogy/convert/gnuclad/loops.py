"""Finding the links that could close a loop of births: groups of nodes that reach each other.

Only a link inside a strongly connected component of all the birth links can close a loop, and
the loop stays inside its component, so `links.resolve` checks only those links, walking only
within the component: linear in the size of the sheet, whatever the order of its rows.
"""

from __future__ import annotations


def components(children: dict[str, set[str]]) -> dict[str, int]:
    """The strongly connected component of each node on a cycle (Tarjan's algorithm, iterative).

    >>> components({"a": {"b"}, "b": {"a"}, "c": {"a"}})
    {'b': 0, 'a': 0}
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    group: dict[str, int] = {}
    for root in children:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(children.get(root, ())))]
        while work:
            node, pending = work[-1]
            child = next(pending, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(children.get(child, ()))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                if len(members) > 1:
                    for member in members:
                        group[member] = index[node]
    return group


def reaches(children: dict[str, set[str]], start: str, goal: str, group: dict[str, int]) -> bool:
    """Whether `goal` descends from `start` through the kept links, walking only within their group."""
    within = group[goal]
    seen, stack = {start}, [start]
    while stack:
        current = stack.pop()
        if current == goal:
            return True
        for child in children.get(current, ()):
            if child not in seen and group.get(child) == within:
                seen.add(child)
                stack.append(child)
    return False
