"""Importing a gnuclad cladogram sheet (the CSV behind the Linux Distribution Timeline) as a record.

A gnuclad sheet is CSV whose first cell says what a row is: `N` a node, `C` a connector, `D` a
domain, `SVG`/`PNG` an image, anything starting with `#` or `//` a comment. Names are the keys:
parents and connectors refer to nodes by their exact name, trailing spaces included. The mapping:

- **N** (Name, Color, Parent, Start, Stop, Icon, Description, then [Namechange, When, Description]
  triples) -> an organisation of kind `group`, country `international`, founded at Start and
  dissolved at Stop. Its id is a slug of the Name (see `assign_ids`). Its `name` is the *latest*
  name: a rename keeps the node's identity in gnuclad, and the name a project goes by now (or went
  by when it ended) is the one readers know and search for ("Solus", not "Evolve OS"); the earlier
  names are kept under `names` with `since`/`until`, so an event is still labelled with the name
  of its day. The Description address becomes a bibliography entry keyed by the id.
- **Parent** -> a `founding` event from the parent to the child, dated at the child's Start. Not a
  `split`: a derivative is built on its base, nobody leaves the base, and in gnuclad (as under
  `founding`) a child may begin after its parent has stopped.
- **C** (From When, From, To When, To, Thickness, Color) -> a line from one node into another. One
  that reaches its target at or before the target's Start is where the target began: a `founding`
  from the connector's source (left out when it repeats the Parent link). One that reaches a
  target that already existed (a rebase, a project merging into another) is a `merger`: the lineage
  type for a line into an organisation that already exists from one that may go on existing
  (`reunification` would claim a common past, `entry` and `affiliation` are not lineage). What the
  line meant is kept in words: its thickness, read with the Linux Distribution Timeline's legend
  (1 influence, 2 rebasing or code flow, 4 code sharing or merging), and any comment the sheet
  holds after the Color column.
- **D** (domains: shaded groupings) and **SVG**/**PNG** rows only dress gnuclad's chart: counted.

Dates `YYYY.M.D`, `YYYY.M` and `YYYY` become `YYYY-MM-DD`, `YYYY-MM` and `YYYY`. What gnuclad reads
but is not a date as written (a day 0, a stray `:` after a date) is read as gnuclad reads it, at
the precision actually given, and listed in `ImportResult.adjusted`; an impossible date is an error.

Text is made what the validator takes: invisible characters (bidirectional overrides, zero-width
spaces) are dropped, a name over 1,000 characters is cut (and listed in `adjusted`), notes are cut
to what one value may hold, and an address urllib cannot take apart is kept as words, not cited.

Where the sheet contradicts itself (a link dated before its source began or after either side
ended, a child older than its parent, a link that would make a node its own ancestor), no date is
moved: a link whose contradiction disappears once its date is marked uncertain (`?`, which the
validator reads as give or take two years) is kept so marked, with a note saying why; any other is
left out. Both are listed in the result, so the import checks clean and nothing changes unsaid.
"""

from __future__ import annotations

import calendar
import csv
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from genealogy.convert import writer
from genealogy.errors import GenealogyError, LoadError
from genealogy.model import Date
from genealogy.record.files import read_bytes
from genealogy.record.loader import MAX_SCALAR_CHARS
from genealogy.record.schema import valid_url
from genealogy.record.structure import MAX_NAME_CHARS
from genealogy.words import slugify, suggest

# The Linux Distribution Timeline's legend for connector thickness (its images/info-connectors.svg).
LEGEND = {
    "1": "influence, developer switching",
    "2": "rebasing, substantial code flow, project overtaking",
    "4": "developer and code sharing, project merging",
}
_DATE = re.compile(r"(\d{4})(?:\.(\d{1,2})(?:\.(\d{1,2}))?)?", re.ASCII)
# Invisible characters the validator warns of (see record/structure.py): dropped from every text.
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]")
MAX_TEXT_CHARS = MAX_SCALAR_CHARS - 1024  # room for the words around a description
# What YAML cannot hold even quoted (tabs and line breaks are turned into spaces instead).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class GnucladError(GenealogyError):
    """The sheet cannot be imported; the message is one line, `path:line: what is wrong and what to do`."""


@dataclass(frozen=True)
class ImportResult:
    """The record's YAML text and what the import did: counts, values read differently, links left out."""

    text: str
    organisations: int
    events: int
    connectors: int
    domains: int
    images: int
    adjusted: tuple[str, ...]
    skipped: tuple[str, ...]

    def summary(self) -> list[str]:
        """Lines for a person: the counts first, then each adjustment and each link left out."""
        head = (
            f"{self.organisations} organisations and {self.events} events; {self.domains} domain and "
            f"{self.images} image row(s) ignored, as they only dress gnuclad's chart; "
            f"{len(self.adjusted)} value(s) adjusted, {len(self.skipped)} row(s) or link(s) left out"
        )
        return [head, *(f"adjusted: {a}" for a in self.adjusted), *(f"left out: {s}" for s in self.skipped)]


@dataclass
class _Node:
    line: int
    key: str  # the exact name in the sheet: gnuclad's key
    start: Date
    stop: Date | None
    parent: str
    description: str
    renames: list[tuple[str, Date, str]]  # (new name, since, description), oldest first
    undated: list[str] = field(default_factory=list)
    more_urls: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    id: str = ""

    @property
    def first_name(self) -> str:
        return _name(self.key)

    @property
    def name(self) -> str:
        return self.renames[-1][0] if self.renames else self.first_name

    def name_at(self, when: Date) -> str:
        name = self.first_name
        for new, since, _ in self.renames:
            if since.sort_key() <= when.sort_key():
                name = new
        return name


@dataclass
class _Connector:
    line: int
    leaves: Date
    source: str
    reaches: Date
    target: str
    thickness: str
    comment: str


@dataclass
class _Link:
    """An event to be: a node's Parent or a connector."""

    line: int
    type: str
    date: Date
    source: _Node
    target: _Node
    description: str
    notes: list[str]


@dataclass
class _Sheet:
    path: str
    title: str | None = None
    licence: list[str] = field(default_factory=list)
    nodes: dict[str, _Node] = field(default_factory=dict)
    connectors: list[_Connector] = field(default_factory=list)
    domains: list[tuple[int, str]] = field(default_factory=list)
    images: int = 0
    adjusted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def import_gnuclad(path: Path) -> str:
    """The YAML text of the record imported from a gnuclad sheet; GnucladError if it cannot be."""
    return convert(path).text


def convert(path: Path) -> ImportResult:
    """The record imported from a gnuclad sheet, with what the import adjusted and left out."""
    return convert_text(_read(Path(path)), str(path))


def convert_text(text: str, path: str = "<string>") -> ImportResult:
    """Like `convert`, for a sheet already in memory; `path` names it in messages and the header."""
    sheet = _parse(text, path)
    assign_ids(sheet.nodes.values())
    links = _resolve(_links(sheet), sheet)
    yaml = _dump(sheet, links)
    return ImportResult(
        yaml,
        len(sheet.nodes),
        len(links),
        len(sheet.connectors),
        len(sheet.domains),
        sheet.images,
        tuple(sheet.adjusted),
        tuple(sheet.skipped),
    )


def parse_date(text: str) -> tuple[Date, str | None]:
    """A gnuclad date as a record date, and how it was read when not as written; ValueError says why not.

    >>> [parse_date(text)[0].iso() for text in ("1993.7.16", "1992.6", "1994", "2016.03.00")]
    ['1993-07-16', '1992-06', '1994', '2016-03']
    >>> parse_date("2017.11.21:")[1]
    "stray ':' dropped, as gnuclad does"
    """
    written = text.strip()
    match = _DATE.match(written)
    rest = written[match.end() :] if match else ""
    if not match or any(c.isalnum() for c in rest):
        raise ValueError("is not a date; write YYYY, YYYY.M or YYYY.M.D")
    year, month, day = int(match[1]), int(match[2] or 0), int(match[3] or 0)
    how = [f"stray {rest!r} dropped, as gnuclad does"] if rest else []
    if month == 0 and day:
        raise ValueError("has a day but month 0; write YYYY.M.D with a month from 1 to 12")
    if match[3] is not None and day == 0:
        how.append("day 0 means no day")
    if match[2] is not None and month == 0:
        how.append("month 0 means no month")
    if month > 12:
        raise ValueError(f"has month {month}; months run from 1 to 12")
    if day and day > calendar.monthrange(year, month)[1]:
        raise ValueError(f"has day {day}; {year}-{month:02d} has {calendar.monthrange(year, month)[1]} days")
    return Date(year, month or None, day or None), "; ".join(how) or None


def assign_ids(nodes: Iterable[_Node]) -> None:
    """Give each node a unique slug of its name, whatever the order of the rows.

    Names that slug alike ("MAX" and "MAX ", which gnuclad keeps apart by the space) are taken in
    the order of their exact text: the shortest, plain one keeps the slug, the others get -2, -3.
    """
    used: set[str] = set()
    for node in sorted(nodes, key=lambda n: (slug(n.key), n.key)):
        base = slug(node.key)
        candidate, number = base, 2
        while candidate in used:
            candidate, number = f"{base}-{number}", number + 1
        node.id = candidate
        used.add(candidate)


def slug(text: str) -> str:
    """A node's id: the validator's own slug of its name ("Élive Linux" -> "elive-linux")."""
    return slugify(text, fallback="node")


# -- reading -------------------------------------------------------------------------------------


def _read(path: Path) -> str:
    try:
        data, _ = read_bytes(path, "a gnuclad .csv sheet")
    except LoadError as error:
        message = error.problem.message.replace("the file", "the sheet")
        raise GnucladError(f"{path}:1: {message}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = f"byte 0x{data[error.start]:02x} is not UTF-8; save the sheet as UTF-8"
        raise GnucladError(f"{path}:{line}: {message}") from None


def _rows(text: str, path: str) -> Iterator[tuple[int, list[str]]]:
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise GnucladError(f"{path}:{line}: control character U+{ord(bad[0]):04X} in the sheet; remove it")
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise GnucladError(f"{path}:{line}: {error}; check that the sheet's double quotes pair up") from None
        yield line, row


def _parse(text: str, path: str) -> _Sheet:
    sheet = _Sheet(path)
    in_header = True
    for line, row in _rows(text, path):
        kind = row[0].strip() if row else ""
        cells = [*row, *[""] * (8 - len(row))]
        in_header = in_header and kind not in ("N", "C", "D")
        if kind == "//!" and in_header:
            words = _fit(_clean(" ".join(cells[1:])))
            if words and sheet.title is None:
                sheet.title = words
            elif words:
                sheet.licence.append(words)
            elif sheet.title is not None:
                in_header = False
        elif kind == "N":
            node = _node(sheet, line, cells)
            if node.key in sheet.nodes:
                first = sheet.nodes[node.key].line
                raise GnucladError(f"{path}:{line}: node {node.key!r} is already defined at line {first}; rename one")
            sheet.nodes[node.key] = node
        elif kind == "C":
            sheet.connectors.append(_connector(sheet, line, cells))
        elif kind == "D":
            sheet.domains.append((line, cells[1]))
        elif kind in ("SVG", "PNG"):
            sheet.images += 1
        elif kind and not kind.startswith(("#", "//")):
            raise GnucladError(
                f"{path}:{line}: unknown row type {kind!r}; the first column must be N, C, D, SVG or PNG, "
                "or start with # or // for a comment"
            )
    if not sheet.nodes:
        raise GnucladError(f"{path}:1: no node (N) rows; this is not a gnuclad sheet")
    _check_names(sheet)
    return sheet


def _date(sheet: _Sheet, line: int, text: str, what: str, of: str) -> Date:
    """`what` and `of` frame the value in messages: "the Start '1993.13' of 'Slackware' has month 13"."""
    try:
        date, how = parse_date(text)
    except ValueError as error:
        raise GnucladError(f"{sheet.path}:{line}: {what} {text.strip()!r} {of} {error}") from None
    if how:
        sheet.adjusted.append(f"line {line}: {what} {text.strip()!r} {of} read as {date} ({how})")
    return date


def _node(sheet: _Sheet, line: int, cells: list[str]) -> _Node:
    key = cells[1]
    if not _name(key):
        raise GnucladError(f"{sheet.path}:{line}: a node has no name; write it in the second column")
    _shortened(sheet, line, key)
    if not cells[4].strip():
        raise GnucladError(
            f"{sheet.path}:{line}: node {key!r} has no Start date; write it in the fifth column as YYYY.M.D"
        )
    start = _date(sheet, line, cells[4], "the Start", f"of {key!r}")
    stop = _date(sheet, line, cells[5], "the Stop", f"of {key!r}") if cells[5].strip() else None
    if stop and stop.latest() < start.earliest():
        raise GnucladError(f"{sheet.path}:{line}: node {key!r} stops ({stop}) before it starts ({start}); fix one")
    if cells[3] == key:
        raise GnucladError(f"{sheet.path}:{line}: node {key!r} is its own parent; correct the Parent column")
    node = _Node(line, key, start, stop, cells[3], cells[7].strip(), [])
    for index in range(8, len(cells), 3):
        new, when, about = (*cells[index : index + 3], "", "")[:3]
        if _name(new) and when.strip():
            _shortened(sheet, line, new)
            since = _date(sheet, line, when, "the date", f"of the new name {_name(new)!r}")
            node.renames.append((_name(new), since, about))
        elif _name(new):
            _shortened(sheet, line, new)
            node.undated.append(_name(new))
            sheet.adjusted.append(f"line {line}: new name {_name(new)!r} has no date; kept as another name")
        elif when.strip() or about.strip():
            url = about.strip() if _is_address(about.strip()) else None
            if url:
                node.more_urls.append(url)
            kept = "its address is cited as a source" if url else "nothing taken from them"
            sheet.adjusted.append(
                f"line {line}: columns {index + 1}-{index + 3} hold no new name ({_clean(when)!r}), "
                f"so no name change (gnuclad skips them too); {kept}"
            )
    node.renames.sort(key=lambda rename: rename[1].sort_key())
    return node


def _connector(sheet: _Sheet, line: int, cells: list[str]) -> _Connector:
    leaves = _date(sheet, line, cells[1], "the From When", "of a connector")
    reaches = _date(sheet, line, cells[3], "the To When", "of a connector") if cells[3].strip() else leaves
    comment = _fit(_clean(" ".join(cells[7:])).lstrip("#").strip())
    return _Connector(line, leaves, cells[2], reaches, cells[4], cells[5].strip(), comment)


def _check_names(sheet: _Sheet) -> None:
    """Every Parent and connector end names a node, as gnuclad insists; domains only get a note."""
    known = list(sheet.nodes)

    def missing(line: int, name: str, what: str) -> GnucladError:
        close = next((k for k in known if _clean(k) == _clean(name)), None) or suggest(name, known)
        hint = f"did you mean {close!r}?" if close else "add that node or correct the name (spaces count)"
        return GnucladError(f"{sheet.path}:{line}: {what} {name!r}, and no node has that name; {hint}")

    for node in sheet.nodes.values():
        if node.parent and node.parent not in sheet.nodes:
            raise missing(node.line, node.parent, f"node {node.key!r} has the parent")
    for connector in sheet.connectors:
        for name, end in ((connector.source, "From"), (connector.target, "To")):
            if name not in sheet.nodes:
                raise missing(connector.line, name, f"the connector's {end} is")
    for line, name in sheet.domains:
        if name not in sheet.nodes:
            sheet.skipped.append(f"line {line}: domain of {name!r}, as no node has that name (gnuclad refuses it)")
    by_text: dict[str, list[str]] = {}
    for key in sheet.nodes:
        by_text.setdefault(_clean(key), []).append(key)
    for keys in by_text.values():
        for key in keys if len(keys) > 1 else ():
            others = ", ".join(repr(k) for k in keys if k != key)
            sheet.nodes[key].notes.append(f"In the sheet this node is {key!r}, told apart from {others} by spaces.")


# -- links ---------------------------------------------------------------------------------------


def _links(sheet: _Sheet) -> list[_Link]:
    """The Parent of each node, then each connector, in the order of the sheet."""
    links: list[_Link] = []
    founding: dict[str, _Link] = {}
    for node in sheet.nodes.values():
        if node.parent:
            parent = sheet.nodes[node.parent]
            from_, to = _labels(parent, node, node.start)
            text = f"{to} branches off {from_}."
            founding[node.key] = _Link(node.line, "founding", node.start, parent, node, text, [])
            links.append(founding[node.key])
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
        links.append(_connector_link(connector, source, target, born))
    return links


def _connector_link(connector: _Connector, source: _Node, target: _Node, born: bool) -> _Link:
    when, thickness = connector.reaches, connector.thickness or "unset"
    meaning = LEGEND.get(thickness)
    kind = f"{meaning}; thickness {thickness} in the LDT legend" if meaning else f"a connector of thickness {thickness}"
    from_, to = _labels(source, target, when)
    text = f"{to} begins from {from_} ({kind})." if born else f"{from_} flows into {to} ({kind})."
    notes = []
    if connector.leaves != connector.reaches:
        notes.append(f"The line leaves {source.name_at(connector.leaves)} at {connector.leaves}.")
    if connector.comment:
        notes.append(f"The sheet's comment reads “{connector.comment}”.")
    return _Link(connector.line, "founding" if born else "merger", when, source, target, text, notes)


def _labels(source: _Node, target: _Node, when: Date) -> tuple[str, str]:
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


def _conflicts(link: _Link, date: Date) -> list[str]:
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


def _resolve(links: list[_Link], sheet: _Sheet) -> list[_Link]:
    """The links the record can hold: contradictions marked uncertain when that settles them, else dropped.

    A birth link that would make a node its own ancestor, given the links kept before it, is left
    out. Only a link inside a group of nodes that can reach each other (a strongly connected
    component of all the birth links) can close such a loop, and the loop stays inside its group,
    so only those links are checked, and only within the group: linear in the size of the sheet
    whatever the order of its rows (children listed before their parents made every check walk
    the whole line of descent below: 100,000 rows took over ten minutes).
    """
    dropped: dict[int, str] = {}  # link index -> why it is left out for a contradiction
    births: list[bool] = []
    for index, link in enumerate(links):
        what = f"line {link.line}: {link.type} {link.source.first_name} -> {link.target.first_name}"
        found = _conflicts(link, link.date)
        if found:
            fuzzy = replace(link.date, uncertain=True)
            if _conflicts(link, fuzzy):
                dropped[index] = f"{what}, as in the sheet {' and '.join(found)}"
                births.append(False)
                continue
            because = f"in the sheet {' and '.join(found)}"
            link.notes.append(f"The date is marked uncertain because {because}.")
            sheet.adjusted.append(f"{what} dated {fuzzy} (uncertain), as {because}")
            link.date = fuzzy
        births.append(link.target.start.latest() >= link.date.earliest())  # the validator looks for cycles
    every: dict[str, set[str]] = {}
    for link, birth in zip(links, births, strict=True):
        if birth:
            every.setdefault(link.source.key, set()).add(link.target.key)
    group = _components(every)
    kept: list[_Link] = []
    children: dict[str, set[str]] = {}
    for index, link in enumerate(links):
        if index in dropped:
            sheet.skipped.append(dropped[index])
            continue
        if births[index]:
            source, target = link.source.key, link.target.key
            if group.get(source) == group.get(target) is not None and _reaches(children, target, source, group):
                what = f"line {link.line}: {link.type} {link.source.first_name} -> {link.target.first_name}"
                sheet.skipped.append(f"{what}, as {link.source.first_name} would descend from itself")
                continue
            children.setdefault(source, set()).add(target)
        kept.append(link)
    return kept


def _components(children: dict[str, set[str]]) -> dict[str, int]:
    """The strongly connected component of each node on a cycle (Tarjan's algorithm, iterative)."""
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


def _reaches(children: dict[str, set[str]], start: str, goal: str, group: dict[str, int]) -> bool:
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


# -- writing -------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """Text as the record holds it: runs of spaces, tabs and line breaks made one space, and no
    invisible character (bidirectional overrides, zero-width spaces), which the validator warns of."""
    return " ".join(_INVISIBLE.sub("", text).split())


def _name(text: str) -> str:
    """A name the validator takes: cleaned, and cut to MAX_NAME_CHARS with an ellipsis."""
    text = _clean(text)
    return text if len(text) <= MAX_NAME_CHARS else text[: MAX_NAME_CHARS - 1].rstrip() + "…"


def _shortened(sheet: _Sheet, line: int, text: str) -> None:
    """Note a name that `_name` cuts short."""
    size = len(_clean(text))
    if size > MAX_NAME_CHARS:
        sheet.adjusted.append(
            f"line {line}: a name of {size:,} characters ({_clean(text)[:40]!r}...) cut to {MAX_NAME_CHARS:,}, "
            "as the record allows"
        )


def _is_address(text: str) -> bool:
    """An address the record can cite: valid for the validator and short enough for one value."""
    return len(text) <= MAX_TEXT_CHARS and valid_url(text)


def _fit(text: str) -> str:
    """Notes and titles cut to what the loader reads in one value (MAX_SCALAR_CHARS), with an ellipsis."""
    return text if len(text) <= MAX_TEXT_CHARS else text[: MAX_TEXT_CHARS - 1] + "…"


def _event_id(link: _Link, used: set[str]) -> str:
    if link.type == "founding" and link.source.key == link.target.parent:
        base = f"{link.target.id}-founding"
    else:
        base = f"{link.source.id}-to-{link.target.id}-{link.date.year}"
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    used.add(candidate)
    return candidate


def _organisation(node: _Node, sources: list[str]) -> dict[str, object]:
    record: dict[str, object] = {"id": node.id, "name": node.name, "kind": "group", "country": "international"}
    record["founded"] = node.start.iso()
    if node.stop:
        record["dissolved"] = node.stop.iso()
    names: list[dict[str, str]] = []
    earlier = [(node.first_name, None), *((new, since) for new, since, _ in node.renames)]
    for (name, since), (_, until) in itertools.pairwise(earlier):
        entry = {"name": name, "since": since.iso()} if since else {"name": name}
        names.append({**entry, "until": until.iso()})  # type: ignore[union-attr]
    names += [{"name": name} for name in node.undated]
    if names:
        record["names"] = names
    record["sources"] = sources
    notes = list(node.notes)
    if node.description and not _is_address(node.description):
        notes.append(f"The sheet's description reads “{_fit(_clean(node.description))}”.")
    if notes:
        record["notes"] = _fit(" ".join(notes))
    return record


def _addresses(node: _Node) -> list[tuple[str, dict[str, str]]]:
    """The node's bibliography: its Description address, then other addresses its row gives."""
    found: list[tuple[str, dict[str, str]]] = []
    named = [(node.first_name, node.description), *((new, about) for new, _, about in node.renames)]
    named += [(node.first_name, url) for url in node.more_urls]
    seen: set[str] = set()
    for name, about in named:
        url = about.strip()
        if not _is_address(url) or url in seen:
            continue
        seen.add(url)
        key = node.id if not found else f"{node.id}.{len(found) + 1}"
        host = urlsplit(url).hostname or url
        found.append((key, {"title": f"{name} (page at {host})", "url": url}))
    return found


def _dump(sheet: _Sheet, links: list[_Link]) -> str:
    name = Path(sheet.path).name
    sheet_key = f"{slug(Path(sheet.path).stem)}-sheet"
    while any(node.id == sheet_key for node in sheet.nodes.values()):
        sheet_key += "-sheet"
    title = sheet.title or f"gnuclad sheet {name}"
    about = f"Every date, parent, connector and name change in this record comes from the gnuclad sheet {name}."
    sources: dict[str, dict[str, str]] = {sheet_key: {"title": title, "notes": _fit(" ".join([about, *sheet.licence]))}}
    organisations = []
    for node in sheet.nodes.values():
        addresses = _addresses(node)
        sources.update(addresses)
        organisations.append(_organisation(node, [*(key for key, _ in addresses), sheet_key]))
    used: set[str] = set()
    events = []
    for link in links:
        event: dict[str, object] = {"id": _event_id(link, used), "type": link.type, "date": link.date.iso()}
        event.update({"from": [link.source.id], "to": [link.target.id], "description": link.description})
        event["sources"] = [sheet_key]
        if link.notes:
            event["notes"] = _fit(" ".join(link.notes))
        events.append(event)
    header = [f"Imported from gnuclad sheet {name} by genealogy import gnuclad"]
    return writer.dump(sources, organisations, events, title=title, header=header)
