"""Resolving a sheet's links: each Parent and connector as an event to be, contradictions settled.

- **Parent** -> a `founding` from the parent to the child, dated at the child's Start. Not a
  `split`: a derivative is built on its base, nobody leaves the base, and in gnuclad (as under
  `founding`) a child may begin after its parent has stopped.
- **C** (a connector) -> a line from one node into another. One that reaches its target at or
  before the target's Start is where the target began: a `founding` from the connector's source
  (left out when it repeats the Parent link). One that reaches a target that already existed is
  what gnuclad's connectors mostly are, a second parent or a rebase (MNIS rebased on Debian in
  1998, Netrunner on Debian in 2016): `based-on`, from the base to the derived node, both going
  on. Only when the source stops on the very date its line leaves it (Conectiva into Mandrake,
  LEDE into OpenWrt, Ubuntu GNOME into Ubuntu) did the project go into the other: a `merger`.
  What the line meant is kept in words: its thickness, read with the Linux Distribution
  Timeline's legend, and any comment the sheet holds after the Color column.

Where the sheet contradicts itself (a link dated before its source began or after either side
ended, a child older than its parent, a link that would make a node its own ancestor), no date is
moved: a link whose contradiction disappears once its date is marked uncertain (`?`, which the
validator reads as give or take two years) is kept so marked, with a note saying why; any other is
left out. Both are listed in the sheet's `adjusted` and `skipped`, so nothing changes unsaid.
"""

from __future__ import annotations

from dataclasses import replace  # loaded already: Date is a dataclass

from genealogy.convert.gnuclad.loops import components, reaches
from genealogy.convert.gnuclad.sheet import Connector, Node, Sheet
from genealogy.dates import Date

# The Linux Distribution Timeline's legend for connector thickness (its images/info-connectors.svg).
LEGEND = {
    "1": "influence, developer switching",
    "2": "rebasing, substantial code flow, project overtaking",
    "4": "developer and code sharing, project merging",
}


class Link:
    """An event to be: a node's Parent or a connector (a plain class, as the sheet's rows are: see sheet.py)."""

    __slots__ = ("date", "description", "line", "notes", "source", "target", "type")

    def __init__(
        self, line: int, type_: str, date: Date, source: Node, target: Node, description: str, notes: list[str]
    ) -> None:
        self.line, self.type, self.date, self.source, self.target = line, type_, date, source, target
        self.description, self.notes = description, notes


def links(sheet: Sheet) -> list[Link]:
    """The Parent of each node, then each connector, in the order of the sheet."""
    found: list[Link] = []
    founding: dict[str, Link] = {}
    for node in sheet.nodes.values():
        if node.parent:
            parent = sheet.nodes[node.parent]
            from_, to = _labels(parent, node, node.start)
            text = f"{to} branches off {from_}."
            founding[node.key] = Link(node.line, "founding", node.start, parent, node, text, [])
            found.append(founding[node.key])
    for connector in sheet.connectors:
        source, target = sheet.nodes[connector.source], sheet.nodes[connector.target]
        where = f"line {connector.line}: connector {source.first_name} -> {target.first_name}"
        born = _compare(connector.reaches, target.start) <= 0
        if source is target:
            sheet.skipped.append(f"{where}, as it joins a node to itself")
            continue
        if born and target.parent == source.key:
            sheet.skipped.append(f"{where}, as it repeats the node's Parent at its start")
            if connector.comment:
                founding[target.key].notes.append(f"The sheet's comment reads “{connector.comment}”.")
            continue
        found.append(_connector_link(connector, source, target, born))
    return found


def _connector_link(connector: Connector, source: Node, target: Node, born: bool) -> Link:
    when, thickness = connector.reaches, connector.thickness or "unset"
    meaning = LEGEND.get(thickness)
    kind = f"{meaning}; thickness {thickness} in the LDT legend" if meaning else f"a connector of thickness {thickness}"
    from_, to = _labels(source, target, when)
    merges = not born and source.stop is not None and _compare(source.stop, connector.leaves) == 0
    if born:
        type_, text = "founding", f"{to} begins from {from_} ({kind})."
    elif merges:
        type_, text = "merger", f"{from_} ends, flowing into {to} ({kind})."
    else:
        type_, text = "based-on", f"{to} is also based on {from_} ({kind})."
    notes = []
    if connector.leaves != connector.reaches:
        notes.append(f"The line leaves {source.name_at(connector.leaves)} at {connector.leaves}.")
    if connector.comment:
        notes.append(f"The sheet's comment reads “{connector.comment}”.")
    return Link(connector.line, type_, when, source, target, text, notes)


def _labels(source: Node, target: Node, when: Date) -> tuple[str, str]:
    """The two names at a date, with their years when they read alike ("MAX (2004–2007)")."""
    names = source.name_at(when), target.name_at(when)
    if names[0] != names[1]:
        return names
    span = [f"{n.start.year}–{n.stop.year if n.stop else ''}" for n in (source, target)]
    return f"{names[0]} ({span[0]})", f"{names[1]} ({span[1]})"


def _compare(a: Date, b: Date) -> int:
    """-1, 0 or 1: a before, at or after b, at the precision both give."""
    depth = 1 + (a.month is not None and b.month is not None) + (a.day is not None and b.day is not None)
    left, right = a.sort_key()[:depth], b.sort_key()[:depth]
    return (left > right) - (left < right)


def _conflicts(link: Link, date: Date) -> list[str]:
    """What the validator would object to in this link at this date (see validate.dates)."""
    source, target, found = link.source, link.target, []
    if link.type == "founding" and target.start.latest() < source.start.earliest():
        found.append(f"{target.first_name} began in {target.start}, before {source.first_name} did in {source.start}")
    elif date.latest() < source.start.earliest():
        found.append(f"it is dated {date}, before {source.first_name} began in {source.start}")
    if link.type != "founding" and source.stop and date.earliest() > source.stop.latest():
        found.append(f"it is dated {date}, after {source.name} ended in {source.stop}")
    if target.stop and date.earliest() > target.stop.latest():
        found.append(f"it is dated {date}, after {target.name} ended in {target.stop}")
    if link.type == "founding" and date.latest() < target.start.earliest():
        found.append(f"it is dated {date}, before {target.first_name} began in {target.start}")
    return found


def resolve(found: list[Link], sheet: Sheet) -> list[Link]:
    """The links the record can hold: contradictions marked uncertain when that settles them, else dropped.

    A birth link that would make a node its own ancestor, given the links kept before it, is left
    out. Only links inside a group of nodes that can reach each other are checked, and only within
    the group (see loops.py): children listed before their parents made every check walk the whole
    line of descent below, and 100,000 rows took over ten minutes.
    """
    dropped: dict[int, str] = {}  # link index -> why it is left out for a contradiction
    births: list[bool] = []
    for index, link in enumerate(found):
        what = f"line {link.line}: {link.type} {link.source.first_name} -> {link.target.first_name}"
        conflicts = _conflicts(link, link.date)
        if conflicts:
            fuzzy = replace(link.date, uncertain=True)
            if _conflicts(link, fuzzy):
                dropped[index] = f"{what}, as in the sheet {' and '.join(conflicts)}"
                births.append(False)
                continue
            because = f"in the sheet {' and '.join(conflicts)}"
            link.notes.append(f"The date is marked uncertain because {because}.")
            sheet.adjusted.append(f"{what} dated {fuzzy} (uncertain), as {because}")
            link.date = fuzzy
        births.append(link.target.start.latest() >= link.date.earliest())  # the validator looks for cycles
    every: dict[str, set[str]] = {}
    for link, birth in zip(found, births, strict=True):
        if birth:
            every.setdefault(link.source.key, set()).add(link.target.key)
    group = components(every)
    kept: list[Link] = []
    children: dict[str, set[str]] = {}
    for index, link in enumerate(found):
        if index in dropped:
            sheet.skipped.append(dropped[index])
            continue
        if births[index]:
            source, target = link.source.key, link.target.key
            if group.get(source) == group.get(target) is not None and reaches(children, target, source, group):
                what = f"line {link.line}: {link.type} {link.source.first_name} -> {link.target.first_name}"
                sheet.skipped.append(f"{what}, as {link.source.first_name} would descend from itself")
                continue
            children.setdefault(source, set()).add(target)
        kept.append(link)
    return kept
