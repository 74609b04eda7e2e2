"""The timeline's legend: title, what is shown, and a sample of every style drawn, and only those.

Samples are drawn with the same edges and text nodes as the chart, so the key looks the same in
every Graphviz engine, colours included.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from genealogy.chart.canvas import Canvas
from genealogy.chart.geometry import Geometry, text_width
from genealogy.chart.styles import (
    DOMAIN_ALPHA,
    EDGE_STYLES,
    KIND_BARS,
    NO_COUNTRY_LINE,
    OTHER_FILL,
    OTHER_INTERNATIONAL,
    PALETTE,
)
from genealogy.chart.timeline import CLAIMS_MARK, CUT_MARK, Timeline
from genealogy.model import Domain, Organisation

GAP = 14.0  # between two items of a row (roomy; scaled with the legend's font)
HEADING = 90.0  # the width of a row's heading, in rows above the chart (roomy; scaled likewise)
PADDING = 10.0  # above the legend
NEUTRAL = "#888888"
INK = "#333333"
WHITE_STEPS = ("33", "66", "99", "cc")


class Key(NamedTuple):
    """What the chart drew: the legend explains exactly this."""

    timeline: Timeline
    fills: Mapping[str, str]
    internationals: Mapping[str, str]
    organisations: Mapping[str, Organisation]
    links: set[str]  # event types drawn as links (and "entry")
    memberships: set[str]  # internationals whose sections' years are drawn
    domains: Sequence[Domain] = ()  # the domains whose bands are drawn


# A sample draws itself with its left end at (x, y) on the canvas, at the chart's sizes.
Sample = Callable[["Canvas", str, float, float, Geometry], None]


def _bar(kind: str, colour: str = NEUTRAL) -> Sample:
    style = KIND_BARS[kind]

    def draw(canvas: Canvas, id_: str, x: float, y: float, sizes: Geometry) -> None:
        colours = f"{colour}:transparent:{colour}" if style.double else colour
        canvas.line(id_, [(x, y), (x + sizes.sample, y)], color=colours, penwidth=style.penwidth * sizes.marks,
                    style=style.style)  # fmt: skip

    return draw


def _swatch(colour: str) -> Sample:
    def draw(canvas: Canvas, id_: str, x: float, y: float, sizes: Geometry) -> None:
        canvas.line(id_, [(x, y), (x + sizes.sample * 0.6, y)], color=colour, penwidth=7 * sizes.legend_font / 9)

    return draw


def _stripes(colours: Sequence[str]) -> Sample:
    """Short pieces of line, one per colour: lines in their organisations' own colours."""

    def draw(canvas: Canvas, id_: str, x: float, y: float, sizes: Geometry) -> None:
        piece = sizes.sample / len(colours)
        for index, colour in enumerate(colours):
            a = x + index * piece
            canvas.line(f"{id_}:{index}", [(a, y), (a + piece, y)], color=colour, penwidth=5 * sizes.marks)

    return draw


def _band(colour: str) -> Sample:
    def draw(canvas: Canvas, id_: str, x: float, y: float, sizes: Geometry) -> None:
        canvas.line(id_, [(x, y), (x + sizes.sample, y)], color=colour + DOMAIN_ALPHA, penwidth=12 * sizes.marks)

    return draw


def _link(event_type: str, dashed: bool = False) -> Sample:
    style = EDGE_STYLES[event_type]

    def draw(canvas: Canvas, id_: str, x: float, y: float, sizes: Geometry) -> None:
        canvas.line(id_, [(x, y), (x + sizes.sample, y)], color=style.color,
                    penwidth=min(style.penwidth, 1.8) * sizes.pen, style="dashed" if dashed else style.style,
                    arrowhead=style.arrowhead, arrowsize=0.6 * sizes.pen)  # fmt: skip

    return draw


def _mark(what: str, colour: str = NEUTRAL) -> Sample:
    """A party's bar with one of the marks drawn on lifelines."""

    def draw(canvas: Canvas, id_: str, x: float, y: float, sizes: Geometry) -> None:
        sample, bar, marks, pen = sizes.sample, 5 * sizes.marks, sizes.marks, sizes.pen
        end = x + sample
        if what == "tail":
            canvas.line(id_, [(x, y), (x + sample / 2, y)], color=colour, penwidth=bar)
            for step, alpha in enumerate(("cc", "99", "66", "33")):
                a = x + sample / 2 + step * sample / 8
                canvas.line(
                    f"{id_}:{step}", [(a, y), (a + sample / 8, y)], color=colour + alpha, penwidth=bar, style="dashed"
                )
            return
        canvas.line(id_, [(x, y), (end, y)], color=colour, penwidth=bar)
        if what == "end":
            canvas.line(f"{id_}:cap", [(end, y - 5.5 * marks), (end, y + 5.5 * marks)], color=INK, penwidth=1.4 * pen)
        elif what == "renamed":
            middle = x + sample / 2
            canvas.line(f"{id_}:tick", [(middle, y - 5 * marks), (middle, y + 5 * marks)], color=INK, penwidth=pen)
        elif what == "fade":
            for step, alpha in enumerate(WHITE_STEPS):
                a = x + sample / 2 + step * sample / 8
                piece = [(a, y), (a + sample / 8, y)]
                canvas.line(f"{id_}:{step}", piece, color="#ffffff" + alpha, penwidth=bar + marks)
        elif what == "away":
            canvas.line(f"{id_}:away", [(x + 6 * marks, y), (end - 6 * marks, y)], color="#ffffffb0",
                        penwidth=bar + marks)  # fmt: skip
        elif what.startswith("#"):  # years in an international of that colour
            canvas.line(f"{id_}:band", [(x, y - 4.5 * marks), (end, y - 4.5 * marks)], color=what, penwidth=2 * pen)

    return draw


def _claims(mark: str) -> Sample:
    """A mark written before a name."""

    def draw(canvas: Canvas, id_: str, x: float, y: float, sizes: Geometry) -> None:
        canvas.text(id_, (x + 6, y), [mark.strip()], 10 * sizes.legend_font / 9)

    return draw


def _rows(key: Key) -> list[tuple[str, list[tuple[Sample, str]]]]:
    """The legend's rows: a heading and its (sample, words) items, for what is drawn only."""
    lines = key.timeline.lifelines
    kinds = sorted(
        {line.org.kind if line.org.kind in KIND_BARS else "group" for line in lines}, key=list(KIND_BARS).index
    )
    countries = {line.org.country for line in lines if line.org.kind != "international" and not line.org.colour}
    coloured = sorted(
        (c for c in countries if key.fills.get(c) in PALETTE), key=lambda c: (PALETTE.index(key.fills[c]), c)
    )
    rows: list[tuple[str, list[tuple[Sample, str]]]] = []
    rows.append(("Lifelines", [(_bar(kind), KIND_BARS[kind].meaning) for kind in kinds]))
    swatches = [(_swatch(key.fills[c]), c) for c in coloured]
    if any(c not in key.fills for c in countries):
        swatches.append((_swatch(OTHER_FILL), "other countries"))
    if "international" in countries:
        swatches.append((_swatch(NO_COUNTRY_LINE), "no one country"))
    counts = Counter(line.org.colour.lower() for line in lines if line.org.colour)
    if counts:  # the three colours most lines have, as a sample
        common = sorted(counts, key=lambda c: (-counts[c], c))[:3]
        swatches.append((_stripes(common), "each its own colour (colour: in the record)"))
    if swatches:
        rows.append(("Colour" if counts else "Country", swatches))
    if key.domains:
        rows.append(("Domains", [(_band(d.colour.lower()), d.name) for d in key.domains]))
    shown = sorted({line.org.id for line in lines if line.org.kind == "international"} | key.memberships,
                   key=lambda i: key.organisations[i].founding_key())  # fmt: skip
    named = [i for i in shown if key.internationals.get(i, OTHER_INTERNATIONAL) != OTHER_INTERNATIONAL]
    internationals = [
        (_swatch(key.internationals[i]), key.organisations[i].abbreviation or key.organisations[i].name) for i in named
    ]
    if len(named) < len(shown):
        internationals.append((_swatch(OTHER_INTERNATIONAL), "other internationals"))
    if internationals:
        rows.append(("International", internationals))
    relations = [(_link(t), EDGE_STYLES[t].meaning) for t in EDGE_STYLES if t in key.links]
    if key.memberships:
        relations.append((_mark(EDGE_STYLES["affiliation"].color), "band: years in an international (its colour)"))
    if "entry" in key.links:
        relations.append((_mark("away"), "faded: inside another party (entry)"))
    if relations:
        rows.append(("Links", relations))
    marks = []
    if any(line.capped for line in lines):
        marks.append((_mark("end"), "bar: ended"))
    if any(line.follows or len(line.labels) > 1 for line in lines):
        marks.append((_mark("renamed"), "tick and name: renamed, the same line goes on"))
    if any(line.fade_start or line.fade_end for line in lines):
        marks.append((_mark("fade"), "fading: date approximate (c.) or uncertain (?)"))
    if any(line.tail is not None for line in lines):
        marks.append((_mark("tail"), "fading tail: ended at an unknown date after the last one known"))
    if any(link.event.disputed for link in key.timeline.links):
        marks.append((_link("split", dashed=True), "dashed link: disputed"))
    if any(line.claims for line in lines):
        marks.append((_claims(CLAIMS_MARK), "claims to continue its parent"))
    if any(line.cut for line in lines):
        marks.append((_claims(CUT_MARK), "began before the first year shown"))
    if marks:
        rows.append(("Marks", marks))
    return rows


class Legend(NamedTuple):
    """A legend laid out: its pieces (x, y down from its top, sample, words, size), width and height."""

    pieces: tuple[tuple[float, float, Sample | None, str, float], ...]
    width: float
    height: float
    sizes: Geometry


def plan_legend(key: Key, width: float, sizes: Geometry | None = None) -> Legend:
    """The legend, wrapped at `width`: rows above the chart, each heading before its items; or,
    in a column (compact), each heading on a line of its own above its items. Its sizes are the
    chart's, or `sizes` (a geometry with other legend sizes)."""
    sizes = sizes or key.timeline.geometry
    font, row, sample = sizes.legend_font, sizes.legend_row, sizes.sample
    scale = font / 9
    selection = key.timeline.selection

    def down(at_row: int) -> float:  # from the legend's top to the middle of a row (the title's is taller)
        return PADDING + row * (at_row + 1) + (6 * scale if at_row else 0)

    subtitle_font = 10 * scale
    widest = max(text_width(selection.title, sizes.title_font), text_width(selection.subtitle, subtitle_font))
    pieces: list[tuple[float, float, Sample | None, str, float]] = [
        (0.0, down(0), None, selection.title, sizes.title_font),
        (0.0, down(1), None, selection.subtitle, subtitle_font),
    ]
    at_row = 1
    indent = 8 * scale if sizes.legend_beside else HEADING * scale
    for heading, items in _rows(key):
        at_row += 1
        pieces.append((0.0, down(at_row), None, heading + ":", font))
        at_row += 1 if sizes.legend_beside else 0
        x = indent
        for draw, words in items:
            size = sample + 6 * scale + text_width(words, font) + GAP * scale
            if x + size > width and x > indent:
                at_row, x = at_row + 1, indent
            pieces.append((x, down(at_row), draw, words, font))
            x += size
            widest = max(widest, x)
    return Legend(tuple(pieces), widest, PADDING + row * (at_row + 1) + 18 * scale, sizes)


def draw_legend(canvas: Canvas, legend: Legend, top_left: tuple[float, float]) -> None:
    """Draw a planned legend with its top left corner at `top_left`."""
    sizes = legend.sizes
    left, top = top_left
    for index, (x, down, drawn_sample, words, size) in enumerate(legend.pieces):
        y = top - down
        if drawn_sample is None:
            canvas.text(f"legend:{index}", (left + x, y), [words], size, css="legend", fontcolor="#111111")
            continue
        drawn_sample(canvas, f"legend:{index}:sample", left + x, y, sizes)
        canvas.text(f"legend:{index}", (left + x + sizes.sample + 6 * size / 9, y), [words], size, css="legend",
                    fontcolor=INK)  # fmt: skip


def _earliest(timeline: Timeline) -> list[float]:
    """For each lane, the earliest time (years) anything is drawn in it: a bar, or a link or an
    entry passing across it."""
    earliest = [float("inf")] * timeline.lanes
    lane_of = {line.org.id: line.lane for line in timeline.lifelines}
    for line in timeline.lifelines:
        earliest[line.lane] = min(earliest[line.lane], line.start)
    crossings = [(link.parent, link.child, link.at) for link in timeline.links]
    crossings += [(entry.org, entry.other, entry.start) for entry in timeline.entries]
    for a, b, at in crossings:
        low, high = sorted((lane_of[a], lane_of[b]))
        for lane in range(low, high + 1):
            earliest[lane] = min(earliest[lane], at)
    return earliest


def fits_in_corner(timeline: Timeline, legend: Legend, pad: float) -> bool:
    """Whether the legend fits where the last lanes are still empty, from the axis' start (below
    on the left when time runs across, on the right at the top when it runs down): a chart's
    lanes fill up as its record grows, so late lanes often leave their early years blank."""
    sizes = timeline.geometry
    across, along = (legend.height, legend.width) if timeline.direction == "LR" else (legend.width, legend.height)
    lanes = math.ceil((across + pad) / sizes.lane)
    if lanes > timeline.lanes:
        return False
    free = (min(_earliest(timeline)[-lanes:]) - timeline.first) * timeline.year
    return free >= along + pad
