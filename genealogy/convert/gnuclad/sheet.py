"""Reading a gnuclad sheet: CSV rows into typed nodes, connectors and domains, every error located.

The first cell says what a row is: `N` a node, `C` a connector, `D` a domain, `SVG`/`PNG` an
image, anything starting with `#` or `//` a comment (`//!` lines before the first row of data are
the sheet's title and licence). Names are gnuclad's keys, compared exactly, trailing spaces
included. Dates `YYYY.M.D`, `YYYY.M` and `YYYY` are read at the precision written; what gnuclad
reads but is not a date as written (a day 0, a stray `:`) is read as gnuclad reads it and listed
in `Sheet.adjusted`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from genealogy.convert.gnuclad.text import as_name, clean, first_control, fit, is_address, shortened
from genealogy.dates import Date, days_in_month
from genealogy.errors import GenealogyError, LoadError
from genealogy.words import suggest

_DATE = re.compile(r"(\d{4})(?:\.(\d{1,2})(?:\.(\d{1,2}))?)?", re.ASCII)
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


class GnucladError(GenealogyError):
    """The sheet cannot be imported; the message is one line, `path:line: what is wrong and what to do`."""


# The sheet's rows are plain classes with __slots__, as is `links.Link`: @dataclass wrote and
# compiled their methods at each start, about 1 ms a class (the five and ImportResult took 7.0 ms
# to define, now 0.6 ms, median of 21 fresh processes).


class Node:
    """An `N` row: Name, Color, Parent, Start, Stop, Icon, Description, then [Namechange, When, Description]."""

    __slots__ = (
        "colour",
        "description",
        "first_name",
        "id",
        "key",
        "line",
        "more_urls",
        "notes",
        "parent",
        "renames",
        "start",
        "stop",
        "undated",
    )

    def __init__(
        self, line: int, key: str, first_name: str, start: Date, stop: Date | None, parent: str, description: str
    ) -> None:
        self.line = line
        self.key = key  # the exact name in the sheet: gnuclad's key
        self.first_name = first_name  # the key `as_name`: asked for some 4,000 times by the Linux sheet's import
        self.start = start
        self.stop = stop
        self.parent = parent
        self.description = description
        self.renames: list[tuple[str, Date, str]] = []  # (new name, since, description), oldest first
        self.undated: list[str] = []
        self.more_urls: list[str] = []
        self.notes: list[str] = []
        self.id = ""
        self.colour: str | None = None  # #rrggbb

    @property
    def name(self) -> str:
        return self.renames[-1][0] if self.renames else self.first_name

    def name_at(self, when: Date) -> str:
        current = self.first_name
        for new, since, _ in self.renames:
            if since.sort_key() <= when.sort_key():
                current = new
        return current


class Connector:
    """A `C` row: From When, From, To When, To, Thickness, Color, and any comment after."""

    __slots__ = ("comment", "leaves", "line", "reaches", "source", "target", "thickness")

    def __init__(
        self, line: int, leaves: Date, source: str, reaches: Date, target: str, thickness: str, comment: str
    ) -> None:
        self.line, self.leaves, self.source, self.reaches = line, leaves, source, reaches
        self.target, self.thickness, self.comment = target, thickness, comment


class DomainRow:
    """A `D` row: Distribution (a node, with every node descending from it by Parent), Color, Intensity."""

    __slots__ = ("colour", "intensity", "key", "line")

    def __init__(self, line: int, key: str, colour: str, intensity: str) -> None:
        self.line, self.key, self.colour, self.intensity = line, key, colour, intensity


class Sheet:
    """What a sheet holds, and what reading it adjusted and left out so far."""

    __slots__ = ("adjusted", "connectors", "domains", "images", "licence", "nodes", "path", "skipped", "title")

    def __init__(self, path: str) -> None:
        self.path = path
        self.title: str | None = None
        self.licence: list[str] = []
        self.nodes: dict[str, Node] = {}
        self.connectors: list[Connector] = []
        self.domains: list[DomainRow] = []
        self.images = 0
        self.adjusted: list[str] = []
        self.skipped: list[str] = []


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
    if not match or (rest and any(c.isalnum() for c in rest)):
        raise ValueError("is not a date; write YYYY, YYYY.M or YYYY.M.D")
    years, months, days = match.groups()
    year, month, day = int(years), int(months or 0), int(days or 0)
    if not rest and month and day and month <= 12 and day <= 28:
        # Most dates: nothing to say and no calendar to ask (every month has 28 days). The Linux
        # sheet's parse took 6.3 ms so, 8.0 ms when each date went the long way (warm, best of 30).
        return Date(year, month, day), None
    how = [f"stray {rest!r} dropped, as gnuclad does"] if rest else []
    if month == 0 and day:
        raise ValueError("has a day but month 0; write YYYY.M.D with a month from 1 to 12")
    if days is not None and day == 0:
        how.append("day 0 means no day")
    if months is not None and month == 0:
        how.append("month 0 means no month")
    if month > 12:
        raise ValueError(f"has month {month}; months run from 1 to 12")
    if day > 28:
        last = days_in_month(year, month)
        if day > last:
            raise ValueError(f"has day {day}; {year}-{month:02d} has {last} days")
    return Date(year, month or None, day or None), "; ".join(how) or None


def parse_colour(text: str) -> str | None:
    """A gnuclad colour (`#rgb` or `#rrggbb`, as SVG takes it) as `#rrggbb`, or None when it is not one.

    >>> parse_colour("#000"), parse_colour(" #9C8AC4 "), parse_colour("red")
    ('#000000', '#9c8ac4', None)
    """
    digits = text.strip()
    digits = digits[1:] if digits.startswith("#") else digits
    # What #?([0-9a-fA-F]{3}|[0-9a-fA-F]{6}) matched, without compiling it (0.1-0.25 ms of a start).
    if len(digits) not in (3, 6) or not _HEX_DIGITS.issuperset(digits):
        return None
    digits = digits.lower()
    return "#" + ("".join(c * 2 for c in digits) if len(digits) == 3 else digits)


def read(path: Path) -> str:
    """The sheet's text; GnucladError, at the line of a bad byte, when it cannot be read."""
    from genealogy.record.files import read_text

    try:
        return read_text(path, "a gnuclad .csv sheet")
    except LoadError as error:
        message = error.problem.message.replace("the file", "the sheet")
        raise GnucladError(f"{path}:{error.problem.line}: {message}") from None


def parse(text: str, path: str) -> Sheet:
    """Every row of the sheet, typed; GnucladError for the first row gnuclad could not draw either."""
    sheet = Sheet(path)
    in_header = True
    for line, row in _rows(text, path):
        kind = row[0].strip() if row else ""
        cells = row if len(row) >= 8 else [*row, *[""] * (8 - len(row))]
        in_header = in_header and kind not in ("N", "C", "D")
        if kind == "//!" and in_header:
            words = fit(clean(" ".join(cells[1:])))
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
            colour = parse_colour(cells[2])
            if colour is None:
                sheet.skipped.append(f"line {line}: domain of {cells[1]!r}, as its Color {cells[2]!r} is no colour")
            else:
                sheet.domains.append(DomainRow(line, cells[1], colour, cells[3].strip()))
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


def _rows(text: str, path: str) -> Iterator[tuple[int, list[str]]]:
    bad = first_control(text)
    if bad is not None:
        line = text.count("\n", 0, bad) + 1
        raise GnucladError(f"{path}:{line}: control character U+{ord(text[bad]):04X} in the sheet; remove it")
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


def _date(sheet: Sheet, line: int, text: str, what: str, of: str) -> Date:
    """`what` and `of` frame the value in messages: "the Start '1993.13' of 'Slackware' has month 13"."""
    try:
        date, how = parse_date(text)
    except ValueError as error:
        raise GnucladError(f"{sheet.path}:{line}: {what} {text.strip()!r} {of} {error}") from None
    if how:
        sheet.adjusted.append(f"line {line}: {what} {text.strip()!r} {of} read as {date} ({how})")
    return date


def _shortened(sheet: Sheet, line: int, text: str) -> None:
    """Note a name that `as_name` cuts short."""
    cut = shortened(text)
    if cut:
        sheet.adjusted.append(f"line {line}: {cut}")


def _node(sheet: Sheet, line: int, cells: list[str]) -> Node:
    key = cells[1]
    first_name = as_name(key)
    if not first_name:
        raise GnucladError(f"{sheet.path}:{line}: a node has no name; write it in the second column")
    _shortened(sheet, line, key)
    if not cells[4].strip():
        raise GnucladError(
            f"{sheet.path}:{line}: node {key!r} has no Start date; write it in the fifth column as YYYY.M.D"
        )
    of_node = f"of {key!r}"
    start = _date(sheet, line, cells[4], "the Start", of_node)
    stop = _date(sheet, line, cells[5], "the Stop", of_node) if cells[5].strip() else None
    if stop and stop.latest() < start.earliest():
        raise GnucladError(f"{sheet.path}:{line}: node {key!r} stops ({stop}) before it starts ({start}); fix one")
    if cells[3] == key:
        raise GnucladError(f"{sheet.path}:{line}: node {key!r} is its own parent; correct the Parent column")
    node = Node(line, key, first_name, start, stop, cells[3], cells[7].strip())
    node.colour = parse_colour(cells[2])
    if node.colour is None and cells[2].strip():
        sheet.adjusted.append(f"line {line}: the Color {cells[2].strip()!r} of {key!r} is no colour; left out")
    for index in range(8, len(cells), 3):
        new, when, about = (*cells[index : index + 3], "", "")[:3]
        if not (new or when or about):
            continue  # 1,574 of the Linux sheet's 1,668 triples are empty cells
        name = as_name(new)
        if name and when.strip():
            _shortened(sheet, line, new)
            since = _date(sheet, line, when, "the date", f"of the new name {name!r}")
            node.renames.append((name, since, about))
        elif name:
            _shortened(sheet, line, new)
            node.undated.append(name)
            sheet.adjusted.append(f"line {line}: new name {name!r} has no date; kept as another name")
        elif when.strip() or about.strip():
            url = about.strip() if is_address(about.strip()) else None
            if url:
                node.more_urls.append(url)
            kept = "its address is cited as a source" if url else "nothing taken from them"
            sheet.adjusted.append(
                f"line {line}: columns {index + 1}-{index + 3} hold no new name ({clean(when)!r}), "
                f"so no name change (gnuclad skips them too); {kept}"
            )
    if len(node.renames) > 1:
        node.renames.sort(key=lambda rename: rename[1].sort_key())
    return node


def _connector(sheet: Sheet, line: int, cells: list[str]) -> Connector:
    leaves = _date(sheet, line, cells[1], "the From When", "of a connector")
    reaches = _date(sheet, line, cells[3], "the To When", "of a connector") if cells[3].strip() else leaves
    comment = fit(clean(" ".join(cells[7:])).lstrip("#").strip())
    return Connector(line, leaves, cells[2], reaches, cells[4], cells[5].strip(), comment)


def _check_names(sheet: Sheet) -> None:
    """Every Parent and connector end names a node, as gnuclad insists; domains only get a note."""
    known = list(sheet.nodes)

    def missing(line: int, wanted: str, what: str) -> GnucladError:
        close = next((k for k in known if clean(k) == clean(wanted)), None) or suggest(wanted, known)
        hint = f"did you mean {close!r}?" if close else "add that node or correct the name (spaces count)"
        return GnucladError(f"{sheet.path}:{line}: {what} {wanted!r}, and no node has that name; {hint}")

    for node in sheet.nodes.values():
        if node.parent and node.parent not in sheet.nodes:
            raise missing(node.line, node.parent, f"node {node.key!r} has the parent")
    for connector in sheet.connectors:
        for end_name, end in ((connector.source, "From"), (connector.target, "To")):
            if end_name not in sheet.nodes:
                raise missing(connector.line, end_name, f"the connector's {end} is")
    for domain in list(sheet.domains):
        if domain.key not in sheet.nodes:
            sheet.skipped.append(
                f"line {domain.line}: domain of {domain.key!r}, as no node has that name (gnuclad refuses it)"
            )
            sheet.domains.remove(domain)
    by_text: dict[str, list[str]] = {}
    for key in sheet.nodes:
        by_text.setdefault(clean(key), []).append(key)
    for keys in by_text.values():
        for key in keys if len(keys) > 1 else ():
            others = ", ".join(repr(k) for k in keys if k != key)
            sheet.nodes[key].notes.append(f"In the sheet this node is {key!r}, told apart from {others} by spaces.")
