"""DOT text for the timeline: every line and name at the position timeline.py gave it.

Graphviz only draws (`neato -n2`, engine `nop2`): each lifeline, link and tick is an edge with its
spline given in `pos`, each name a fixed-size text node pinned with `pos="x,y!"`. The legend is drawn
the same way, from samples of the very styles used, so it looks alike in every engine; no HTML-like
labels are used, as the WebAssembly build has none. Byte-stable, and every piece of user text goes
through `quote`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from genealogy.chart.canvas import ANCHORS, Canvas, Point, dot_attributes
from genealogy.chart.geometry import Geometry, text_width
from genealogy.chart.quoting import link_address
from genealogy.chart.styles import (
    DOMAIN_ALPHA,
    DOMAIN_NAME_ALPHA,
    EDGE_STYLES,
    FONT,
    KIND_BARS,
    NO_COUNTRY_LINE,
    OTHER_FILL,
    OTHER_INTERNATIONAL,
    country_fills,
    international_colours,
)
from genealogy.chart.timeline import FADE_YEARS, Lifeline, Link, Timeline, TimelineOptions, layout
from genealogy.model import Domain, Genealogy, Organisation

if TYPE_CHECKING:
    from genealogy.chart.timeline_legend import Legend

MARGIN = 12.0  # around everything
FADE_STEPS = 4
SIDE_BY_SIDE = 3.0  # points between links that meet one lifeline at one date (roomy; see Geometry.marks)
NAME_INDENT = 3.0  # points from a line's start to its name's
LEGEND_GUTTER = 18.0  # between the lanes (and names running past the axis' end) and a legend beside them
CORNER_PAD = 12.0  # around a legend in the chart's empty corner
LEGEND_COLUMN = 330.0  # the width a legend beside the chart wraps at (at a 9 pt legend; scaled with its font)
INK = "#333333"
# Above this many lifelines (the Linux sheet has 556), links are drawn thinner and see-through, as
# gnuclad draws its connectors: hundreds of them otherwise hide the lines they join.
MANY_LINES = 150


def tooltip(org: Organisation) -> str:
    """What hovering a lifeline says: as on the tree chart."""
    lines = [org.label(), f"{org.kind}, {org.country}", org.existed()]
    lines += [f"also: {n.name}" for n in org.names]
    return "\n".join(lines)


class _Drawing:
    """The timeline's geometry: (time in years, distance across the lanes in points) to page points."""

    def __init__(self, canvas: Canvas, timeline: Timeline, top: float) -> None:
        self.canvas = canvas
        self.timeline = timeline
        self.direction = timeline.direction
        self.sizes = timeline.geometry
        self.low = float(timeline.first)
        self.lane = self.sizes.lane
        self.year = timeline.year
        self.length = (timeline.last + 1 - timeline.first) * self.year
        self.breadth = max(timeline.lanes, 1) * self.lane
        self.top = top  # page y of the lanes' top (LR) or of the axis start (TB)

    def at(self, t: float, across: float) -> Point:
        axis = MARGIN + self.sizes.axis
        if self.direction == "LR":
            return (axis + (t - self.low) * self.year, self.top - across)
        return (axis + across, self.top - (t - self.low) * self.year)

    def bar(self, line: Lifeline) -> float:
        """Across position of a lifeline's bar."""
        return line.lane * self.lane + self.sizes.bar_across

    def along(self, id_: str, start: float, end: float, across: float, css: str, **attributes: str | float) -> None:
        """A line along time, from `start` to `end` (years), at `across`."""
        self.canvas.line(id_, [self.at(start, across), self.at(end, across)], css, **attributes)

    def tick(self, id_: str, t: float, across: float, half: float, css: str, **attributes: str | float) -> None:
        """A short line across the lanes at `t`, `half` points each side of `across`."""
        self.canvas.line(id_, [self.at(t, across - half), self.at(t, across + half)], css, **attributes)


def _bar_colour(org: Organisation, fills: dict[str, str], internationals: dict[str, str]) -> str:
    if org.colour:
        return org.colour.lower()
    if org.kind == "international":
        return internationals.get(org.id, OTHER_INTERNATIONAL)
    return NO_COUNTRY_LINE if org.country == "international" else fills.get(org.country, OTHER_FILL)


def _alpha(fraction: float) -> str:
    return f"{round(255 * fraction):02x}"


def _lifeline(drawing: _Drawing, line: Lifeline, colour: str, url: str | None) -> None:
    org, across, sizes = line.org, drawing.bar(line), drawing.sizes
    style = KIND_BARS.get(org.kind, KIND_BARS["group"])
    pen = style.penwidth * sizes.marks
    width = _bar_width(org, sizes)
    link: dict[str, str] = {"URL": link_address(url), "target": "_blank"} if url else {}
    bar: dict[str, str | float] = {
        "color": f"{colour}:transparent:{colour}" if style.double else colour,
        "penwidth": pen,
    }
    classes = f"lifeline kind-{org.kind}{' ended' if org.ended else ''}"
    words = tooltip(org)  # the bar's and its names'
    drawing.along(org.id, line.start, line.end, across, classes, **bar, style=style.style, tooltip=words, **link)
    fade = min(FADE_YEARS, (line.end - line.start) / 2)
    piece = fade / FADE_STEPS
    for step in range(FADE_STEPS):  # white veils, thicker towards the uncertain end
        veils = [("fade-end", line.end - fade + step * piece, step + 1)] if line.fade_end else []
        veils += [("fade-start", line.start + step * piece, FADE_STEPS - step)] if line.fade_start else []
        for name, a, thickness in veils:
            veil = _alpha(thickness / (FADE_STEPS + 1))
            drawing.along(f"{org.id}:{name}:{step}", a, a + piece, across, "fade", color=f"#ffffff{veil}",
                          penwidth=width + sizes.marks)  # fmt: skip
    if line.tail is not None:  # `dissolved: unknown`: dashes fading out after the last date known
        piece = (line.tail - line.end) / FADE_STEPS
        for step in range(FADE_STEPS):
            a, ink = line.end + step * piece, _alpha((FADE_STEPS - step) / (FADE_STEPS + 2))
            drawing.along(f"{org.id}:tail:{step}", a, a + piece, across, "tail", color=f"{colour}{ink}",
                          penwidth=pen, style="dashed")  # fmt: skip
    if line.capped:
        drawing.tick(f"{org.id}:end", line.end, across, width / 2 + 3 * sizes.marks, "end", color=INK,
                     penwidth=1.4 * sizes.pen)  # fmt: skip
    for index, label in enumerate(line.labels):
        if index or line.follows:  # a new name: a tick across the bar at its date
            drawing.tick(f"{org.id}:renamed:{index}", label.date, across, width / 2 + 2.5 * sizes.marks, "renamed",
                         color=INK, penwidth=sizes.pen)  # fmt: skip
        at = _name_point(drawing, label.at, across, len(label.lines))
        drawing.canvas.text(
            f"{org.id}:name:{index}", at, label.lines, sizes.font, link=link, tooltip=words, fontcolor="#111111"
        )


def _name_point(drawing: _Drawing, t: float, across: float, lines: int) -> Point:
    """Where a name's text starts: above its bar (LR), or beside the bar's start, reading down (TB)."""
    sizes = drawing.sizes
    x, y = drawing.at(t, across + sizes.name_across)
    if drawing.direction == "LR":  # a little after the start, clear of a link arriving there
        return (x + NAME_INDENT, y)
    return (x, y - NAME_INDENT - lines * sizes.line / 2)


def _bar_width(org: Organisation, sizes: Geometry) -> float:
    style = KIND_BARS.get(org.kind, KIND_BARS["group"])
    return style.penwidth * (3 if style.double else 1) * sizes.marks


def _crossing(timeline: Timeline) -> list[Link]:
    """The links `_links` draws: those between two lanes (one along a lane is that line going on)."""
    lanes = {line.org.id: line.lane for line in timeline.lifelines}
    return [link for link in timeline.links if lanes[link.parent] != lanes[link.child]]


def _link_types(timeline: Timeline) -> set[str]:
    """The kinds of line `_links` draws (event types, and "entry"), for the legend."""
    drawn = {link.event.type for link in _crossing(timeline)}
    return drawn | {"entry"} if timeline.entries else drawn


def _links(drawing: _Drawing, timeline: Timeline) -> Iterator[None]:
    """Lines between lifelines, at their dates; a pause (None) after every PIECE_LINKS of them,
    where what is drawn so far can be handed to Graphviz."""
    lines = {line.org.id: line for line in timeline.lifelines}
    # Links into one lifeline at one date (a merger's parents) run side by side, not on one line.
    meeting = Counter((link.child, link.at) for link in timeline.links)
    placed: Counter[tuple[str, float]] = Counter()
    many = len(timeline.lifelines) > MANY_LINES
    alpha, thinner = ("aa", 0.7) if many else ("", 1.0)
    sizes = drawing.sizes
    thinner *= sizes.pen
    for number, link in enumerate(_crossing(timeline), 1):
        if number % PIECE_LINKS == 0:
            yield
        parent, child, event = lines[link.parent], lines[link.child], link.event
        style = EDGE_STYLES[event.type]
        a, b = drawing.bar(parent), drawing.bar(child)
        side = placed[(link.child, link.at)] - (meeting[(link.child, link.at)] - 1) / 2
        placed[(link.child, link.at)] += 1
        at = link.at + side * SIDE_BY_SIDE * sizes.marks / drawing.year
        points = [drawing.at(at, a)]
        if child.start > link.at + 0.05:  # the child begins later: along its lane to its start
            points += [drawing.at(at, b), drawing.at(child.start, b)]
        else:  # into the child's bar, the arrow's tip on its edge
            points.append(drawing.at(at, b - (1 if b > a else -1) * (_bar_width(child.org, sizes) / 2 + 1)))
        drawing.canvas.line(
            f"{event.id}:{link.parent}:{link.child}", points, f"link {event.type}", color=style.color + alpha,
            penwidth=min(style.penwidth, 1.8) * thinner, style="dashed" if event.disputed else style.style,
            arrowhead=style.arrowhead, arrowsize=0.6 * sizes.pen,
            tooltip=f"{event.type} {event.date or ''}: {event.description or event.id}",
        )  # fmt: skip
    style = EDGE_STYLES["entry"]
    for entry in timeline.entries:  # off its own line (faded meanwhile), along the host's, and back
        own, host = lines[entry.org], lines[entry.other]
        beside = 6.5 * sizes.marks
        a, b = drawing.bar(own), drawing.bar(host) + (beside if drawing.direction == "LR" else -beside)
        points = [drawing.at(entry.start, a), drawing.at(entry.start, b), drawing.at(entry.end, b)]
        if entry.returns:
            points.append(drawing.at(entry.end, a))
        veil: dict[str, str | float] = {"color": "#ffffffb0", "penwidth": _bar_width(own.org, sizes) + sizes.marks}
        drawing.along(f"{entry.event.id}:{entry.org}:away", entry.start, entry.end, a, "away", **veil)
        words = f"entry {entry.event.date or ''}–{entry.event.until or ''}: {own.org.label()} inside {host.org.label()}"
        drawing.canvas.line(f"{entry.event.id}:{entry.org}:{entry.other}", points, "link entry", color=style.color,
                            penwidth=style.penwidth * sizes.pen, style=style.style, tooltip=words)  # fmt: skip


def _memberships(drawing: _Drawing, colours: dict[str, str], names: Mapping[str, Organisation]) -> None:
    """Bands along sections' lines for their years in internationals."""
    lines = {line.org.id: line for line in drawing.timeline.lifelines}
    for span in drawing.timeline.memberships:
        line = lines[span.org]
        across = drawing.bar(line) + (4.5 if drawing.direction == "LR" else 5.5) * drawing.sizes.marks
        words = f"{line.org.label()}: in {names[span.other].label()}, {int(span.start)}–{int(span.end)}"
        colour = colours.get(span.other, OTHER_INTERNATIONAL)
        drawing.along(f"{span.event.id}:{span.org}:{span.other}:years", span.start, span.end, across, "membership",
                      color=colour, penwidth=2 * drawing.sizes.pen, tooltip=words)  # fmt: skip


def _domains(drawing: _Drawing, domains: Iterable[Domain]) -> None:
    """Light bands behind the lanes of each domain's members, named at their right end.

    A domain's members need not sit in adjacent lanes, so each run of adjacent lanes holding
    members is a band of its own, from the first of their starts to the last of their ends.
    """
    lines = {line.org.id: line for line in drawing.timeline.lifelines}
    high = drawing.timeline.last + 1.0
    for index, domain in enumerate(domains):
        spans: dict[int, tuple[float, float]] = {}
        for member in domain.members:
            line = lines.get(member)
            if line is not None:
                start, end = spans.get(line.lane, (line.start, line.end))
                spans[line.lane] = (min(start, line.start), max(end, line.tail or line.end))
        if not spans:
            continue
        colour = domain.colour.lower()
        runs: list[list[int]] = []
        for lane in sorted(spans):
            if runs and lane == runs[-1][-1] + 1:
                runs[-1].append(lane)
            else:
                runs.append([lane])
        widest = max(runs, key=len)
        for number, run in enumerate(runs):
            top, bottom = run[0] * drawing.lane, (run[-1] + 1) * drawing.lane
            start, end = min(spans[lane][0] for lane in run), max(spans[lane][1] for lane in run)
            drawing.along(f"domain:{index}:{number}", start, end, (top + bottom) / 2, "domain",
                          color=colour + DOMAIN_ALPHA, penwidth=bottom - top, tooltip=domain.name)  # fmt: skip
            if run is widest or len(run) >= 8:
                size = 13.0 * drawing.sizes.font / 9
                width = text_width(domain.name, size)
                if drawing.direction == "LR":
                    x, y = drawing.at(min(end, high), top + 8 * drawing.sizes.font / 9)
                    at = (x - width - NAME_INDENT, y)
                else:
                    at = drawing.at(start, top + 4)
                drawing.canvas.text(f"domain:{index}:{number}:name", at, [domain.name], size, css="domain",
                                    fontcolor=colour + DOMAIN_NAME_ALPHA, tooltip=domain.name)  # fmt: skip


def _axis(drawing: _Drawing) -> None:
    """Year labels evenly spaced (each year, or every 5 or 10 when a year is shorter than its label); decade lines."""
    first, last, sizes = drawing.timeline.first, drawing.timeline.last, drawing.sizes
    needs = text_width("0000", sizes.year_font) + 6 if drawing.direction == "LR" else sizes.line + 2
    step = next(s for s in (1, 5, 10, 50, 100) if s * drawing.year >= needs)
    for year in range(first, last + 2):
        if year % 10 == 0 or year == first or year == last + 1:
            colour = "#d0d0d0" if year % 10 == 0 else "#e8e8e8"
            end = drawing.breadth + 4
            drawing.canvas.line(
                f"decade-{year}", [drawing.at(year, -4), drawing.at(year, end)], "decade", color=colour, penwidth=0.8
            )
    for year in range(first, last + 1):
        if year % step == 0:
            for side, across in (("top", -sizes.axis / 2), ("bottom", drawing.breadth + sizes.axis / 2)):
                at = drawing.at(year + 0.5, across)
                drawing.canvas.text(
                    f"year-{year}-{side}", at, [str(year)], sizes.year_font, left=False, fontcolor="#555555"
                )


def _corner(drawing: _Drawing, legend: Legend) -> Point:
    """The top left of a legend in the empty corner of the last lanes (see `fits_in_corner`)."""
    half = CORNER_PAD / 2
    if drawing.direction == "LR":  # bottom left
        return (
            drawing.at(drawing.low, 0)[0] + half,
            drawing.at(drawing.low, drawing.breadth - legend.height - half)[1],
        )
    x, y = drawing.at(drawing.low, drawing.breadth - legend.width - half)  # top right
    return (x, y - half)


def to_dot(genealogy: Genealogy, options: TimelineOptions | None = None) -> str:
    """The timeline chart as DOT text, for Graphviz's `nop2` engine."""
    return drawn_dot(genealogy, layout(genealogy, options))


def drawn_dot(genealogy: Genealogy, timeline: Timeline) -> str:
    """DOT text for a timeline already laid out (`layout`) from this record."""
    return "".join(dot_pieces(genealogy, timeline))


def dot_pieces(genealogy: Genealogy, timeline: Timeline) -> Iterator[str]:
    """`drawn_dot` a piece at a time, as it is drawn: Graphviz, fed each piece as it comes, reads
    the chart while the rest is drawn (the Linux sheet's drawing and Graphviz, timed in one
    process: 145-173 ms when all was drawn first, 97-116 ms so). The chart's size is known last,
    so the bounding box and the corner that holds it open come at the end."""
    from genealogy.chart.timeline_legend import Key, draw_legend, fits_in_corner, plan_legend

    sizes = timeline.geometry
    fills = country_fills(genealogy.organisations.values())
    internationals = international_colours(genealogy)
    canvas = Canvas()
    probe = _Drawing(canvas, timeline, 0)
    width = 2 * (MARGIN + sizes.axis) + (probe.length if timeline.direction == "LR" else probe.breadth)
    height = 2 * (MARGIN + sizes.axis) + (probe.breadth if timeline.direction == "LR" else probe.length)
    drawn = {line.org.id for line in timeline.lifelines}
    domains = [d for d in genealogy.domains if any(m in drawn for m in d.members)]
    key = Key(timeline, fills, internationals, genealogy.organisations, _link_types(timeline),
              {span.other for span in timeline.memberships}, domains)  # fmt: skip
    # Roomy: the legend in rows above the chart. Compact: a column in the chart's empty corner
    # if it has one, else beside the chart, from the top.
    if sizes.compact:  # in the corner at a size to read from a step away, else at the chart's
        # The roomy chart's legend with a larger title, for a poster; else the chart's own.
        poster = sizes._replace(legend_font=9.0, legend_row=16.0, sample=26.0, title_font=24.0)
        for legend_sizes in (poster, sizes):
            legend = plan_legend(key, LEGEND_COLUMN * legend_sizes.legend_font / 9, legend_sizes)
            if cornered := fits_in_corner(timeline, legend, CORNER_PAD):
                break
        total_height = height if cornered else max(height, legend.height + MARGIN)
        top = total_height - MARGIN - sizes.axis
    else:
        legend = plan_legend(key, max(width - 2 * MARGIN, 520))
        total_height, top = height + legend.height, height - MARGIN - sizes.axis
    graph = {"bgcolor": "white", "pad": "0.2", "outputorder": "edgesfirst", "tooltip": timeline.selection.title}
    yield "\n".join([
        "digraph timeline {",
        f"  graph [{dot_attributes(graph)}];",
        f'  node [shape=plaintext, fixedsize=true, margin=0, fontname="{FONT}", fontsize={sizes.font:g}];',
        "  edge [arrowhead=none, penwidth=1];",
        "",
    ])  # fmt: skip
    drawing = _Drawing(canvas, timeline, top)
    _domains(drawing, genealogy.domains)
    _axis(drawing)
    for number, line in enumerate(timeline.lifelines, 1):
        _lifeline(drawing, line, _bar_colour(line.org, fills, internationals), genealogy.first_url(line.org))
        if number % PIECE_LINES == 0:
            yield _joined(canvas.drain())
    for _ in _links(drawing, timeline):
        yield _joined(canvas.drain())
    _memberships(drawing, internationals, genealogy.organisations)
    if not sizes.compact:
        draw_legend(canvas, legend, (MARGIN, total_height))
        total_width = max(width, legend.width + 2 * MARGIN, canvas.right + MARGIN)
    elif cornered:
        corner = _corner(drawing, legend)
        middle = corner[1] - legend.height / 2  # a white panel under it, over the decade lines
        canvas.line("legend:panel", [(corner[0], middle), (corner[0] + legend.width, middle)], "legend",
                    color="white", penwidth=legend.height)  # fmt: skip
        draw_legend(canvas, legend, corner)
        total_width = max(width, canvas.right + MARGIN)
    else:
        left = max(width - MARGIN, canvas.right) + LEGEND_GUTTER
        draw_legend(canvas, legend, (left, total_height))
        total_width = left + legend.width + MARGIN
    yield _joined(canvas.drain())
    yield "\n".join([
        ANCHORS % f'"corner" [pos="{total_width:.2f},{total_height:.2f}!"];',
        f'  graph [bb="0,0,{total_width:.2f},{total_height:.2f}"];',
        "}",
        "",
    ])  # fmt: skip


PIECE_LINES = 50  # lifelines drawn between two pieces handed to Graphviz (the Linux sheet: ~12 pieces)
# Links drawn between two pieces: the Linux sheet's links, with its legend, came as one last piece
# of 209 kB, all of which Graphviz still had to read once it came; now the last is 37 kB.
PIECE_LINKS = 100


def _joined(statements: list[str]) -> str:
    return "".join(statement + "\n" for statement in statements)
