"""The timeline's legend: title, what is shown, and a sample of every style drawn, and only those.

Samples are drawn with the same edges and text nodes as the chart, so the key looks the same in
every Graphviz engine, colours included.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from genealogy.chart.canvas import Canvas
from genealogy.chart.styles import (
    DOMAIN_ALPHA,
    EDGE_STYLES,
    KIND_BARS,
    NO_COUNTRY_LINE,
    OTHER_FILL,
    OTHER_INTERNATIONAL,
    PALETTE,
)
from genealogy.chart.timeline import CLAIMS_MARK, CUT_MARK, FONT_SIZE, Timeline, text_width
from genealogy.model import Domain, Organisation

SAMPLE = 26.0  # the length of a sample line
ROW = 16.0
GAP = 14.0
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


# A sample draws itself with its left end at (x, y) on the canvas.
Sample = Callable[["Canvas", str, float, float], None]


def _bar(kind: str, colour: str = NEUTRAL) -> Sample:
    style = KIND_BARS[kind]

    def draw(canvas: Canvas, id_: str, x: float, y: float) -> None:
        colours = f"{colour}:transparent:{colour}" if style.double else colour
        canvas.line(id_, [(x, y), (x + SAMPLE, y)], color=colours, penwidth=style.penwidth, style=style.style)

    return draw


def _swatch(colour: str) -> Sample:
    def draw(canvas: Canvas, id_: str, x: float, y: float) -> None:
        canvas.line(id_, [(x, y), (x + SAMPLE * 0.6, y)], color=colour, penwidth=7)

    return draw


def _stripes(colours: Sequence[str]) -> Sample:
    """Short pieces of line, one per colour: lines in their organisations' own colours."""

    def draw(canvas: Canvas, id_: str, x: float, y: float) -> None:
        piece = SAMPLE / len(colours)
        for index, colour in enumerate(colours):
            a = x + index * piece
            canvas.line(f"{id_}:{index}", [(a, y), (a + piece, y)], color=colour, penwidth=5)

    return draw


def _band(colour: str) -> Sample:
    def draw(canvas: Canvas, id_: str, x: float, y: float) -> None:
        canvas.line(id_, [(x, y), (x + SAMPLE, y)], color=colour + DOMAIN_ALPHA, penwidth=12)

    return draw


def _link(event_type: str, dashed: bool = False) -> Sample:
    style = EDGE_STYLES[event_type]

    def draw(canvas: Canvas, id_: str, x: float, y: float) -> None:
        canvas.line(id_, [(x, y), (x + SAMPLE, y)], color=style.color, penwidth=min(style.penwidth, 1.8),
                    style="dashed" if dashed else style.style, arrowhead=style.arrowhead, arrowsize=0.6)  # fmt: skip

    return draw


def _mark(what: str, colour: str = NEUTRAL) -> Sample:
    """A party's bar with one of the marks drawn on lifelines."""

    def draw(canvas: Canvas, id_: str, x: float, y: float) -> None:
        end = x + SAMPLE
        if what == "tail":
            canvas.line(id_, [(x, y), (x + SAMPLE / 2, y)], color=colour, penwidth=5)
            for step, alpha in enumerate(("cc", "99", "66", "33")):
                a = x + SAMPLE / 2 + step * SAMPLE / 8
                canvas.line(
                    f"{id_}:{step}", [(a, y), (a + SAMPLE / 8, y)], color=colour + alpha, penwidth=5, style="dashed"
                )
            return
        canvas.line(id_, [(x, y), (end, y)], color=colour, penwidth=5)
        if what == "end":
            canvas.line(f"{id_}:cap", [(end, y - 5.5), (end, y + 5.5)], color=INK, penwidth=1.4)
        elif what == "renamed":
            canvas.line(f"{id_}:tick", [(x + SAMPLE / 2, y - 5), (x + SAMPLE / 2, y + 5)], color=INK, penwidth=1)
        elif what == "fade":
            for step, alpha in enumerate(WHITE_STEPS):
                a = x + SAMPLE / 2 + step * SAMPLE / 8
                canvas.line(f"{id_}:{step}", [(a, y), (a + SAMPLE / 8, y)], color="#ffffff" + alpha, penwidth=6)
        elif what == "away":
            canvas.line(f"{id_}:away", [(x + 6, y), (end - 6, y)], color="#ffffffb0", penwidth=6)
        elif what.startswith("#"):  # years in an international of that colour
            canvas.line(f"{id_}:band", [(x, y - 4.5), (end, y - 4.5)], color=what, penwidth=2)

    return draw


def _claims(mark: str) -> Sample:
    """A mark written before a name."""

    def draw(canvas: Canvas, id_: str, x: float, y: float) -> None:
        canvas.text(id_, (x + 6, y), [mark.strip()], 10)

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
    own = sorted({line.org.colour.lower() for line in lines if line.org.colour})
    if own:
        counts = {c: sum(1 for line in lines if (line.org.colour or "").lower() == c) for c in own}
        common = sorted(own, key=lambda c: (-counts[c], c))[:3]
        swatches.append((_stripes(common), "each its own colour (colour: in the record)"))
    if swatches:
        rows.append(("Colour" if own else "Country", swatches))
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


def draw_legend(canvas: Canvas, key: Key, bottom_left: tuple[float, float], width: float) -> tuple[float, float]:
    """Draw the legend above `bottom_left`, wrapping its rows at `width`; its width and height."""
    selection = key.timeline.selection
    placed: list[tuple[float, int, Sample | None, str, float]] = []  # x, row, sample, words, size
    row = 0
    placed.append((0, row, None, selection.title, 16))
    row += 1
    placed.append((0, row, None, selection.subtitle, 10))
    widest = max(text_width(selection.title, 16), text_width(selection.subtitle, 10))
    for heading, items in _rows(key):
        row += 1
        x = 0.0
        placed.append((x, row, None, heading + ":", FONT_SIZE))
        x += 90
        for sample, words in items:
            size = SAMPLE + 6 + text_width(words) + GAP
            if x + size > width and x > 90:
                row, x = row + 1, 90.0
            placed.append((x, row, sample, words, FONT_SIZE))
            x += size
            widest = max(widest, x)
    rows = row + 1
    height = rows * ROW + 10 + 8  # the title's row is taller
    left, base = bottom_left
    for index, (x, at_row, drawn_sample, words, size) in enumerate(placed):
        y = base + height - 8 - at_row * ROW - (6 if at_row else 0) - ROW / 2
        if drawn_sample is None:
            canvas.text(f"legend:{index}", (left + x, y), [words], size, css="legend", fontcolor="#111111")
            continue
        drawn_sample(canvas, f"legend:{index}:sample", left + x, y)
        canvas.text(f"legend:{index}", (left + x + SAMPLE + 6, y), [words], FONT_SIZE, css="legend", fontcolor=INK)
    return widest, height + 10
