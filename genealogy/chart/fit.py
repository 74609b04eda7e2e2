"""A compact timeline fitted to paper: its time axis as long as the page allows, at 100 %.

Compact lanes are drawn to be printed at their own size (their names are 6 pt, the smallest
print may have), so rather than scale the chart, the years are spread over what the page has
room for: shorter on A3 than on A1, longer on A0. Names, the legend and lanes all depend on
the length of a year, so the chart is drawn, measured and drawn again, a few times at most.
Room left across the axis then goes to the lanes, up to half as far apart again.
"""

from __future__ import annotations

from dataclasses import replace

from genealogy.chart.geometry import geometry
from genealogy.chart.paper import MARGIN, bounds_of, paper_size
from genealogy.chart.timeline import TimelineOptions, layout
from genealogy.chart.timeline_dot import drawn_dot
from genealogy.model import Genealogy

ROUNDS = 4  # drawings at most; each moves the axis' length by what the last one missed by
CLOSE = 0.98  # a drawing that fills this much of the page's room is kept
WIDEST = 1.5  # lanes at most this many times the compact ones apart


def fitted_dot(genealogy: Genealogy, options: TimelineOptions, paper: str, landscape: bool = False) -> str:
    """DOT of the compact timeline whose time axis fills the page's width (or height, if time
    runs down) without passing it; where even the shortest years pass it, a poster's."""
    options = replace(options, compact=True)
    page = paper_size(paper, landscape)
    along = 0 if options.direction == "LR" else 1  # the side of the page the time axis runs along
    room_along, room_across = page[along] - 2 * MARGIN, page[1 - along] - 2 * MARGIN
    best: tuple[float, TimelineOptions, int, str] | None = None  # its width, options, lanes and DOT
    spread = last = None
    for _ in range(ROUNDS):
        timeline = layout(genealogy, options)
        spread = spread or (timeline.last + 1 - timeline.first) * timeline.year
        source = drawn_dot(genealogy, timeline)
        size = _extent(source, along)
        if size <= room_along and (best is None or size > best[0]):
            best = (size, options, timeline.lanes, source)
        if room_along * CLOSE <= size <= room_along or size == last:  # close enough, or years at their bounds
            break
        # Aim a little short: names running past the axis' end make the width grow faster than the axis.
        last, spread = size, max(spread + room_along * (1 + CLOSE) / 2 - size, 1.0)
        options = replace(options, spread=spread)
    if best is None:
        return source
    _, options, lanes, source = best
    across = _extent(source, 1 - along)
    if across < room_across:
        lane = geometry(options.direction, compact=True).lane
        more = (room_across - across) * CLOSE / max(lanes, 1)  # not quite all: lanes are laid out to whole points
        wider = drawn_dot(genealogy, layout(genealogy, replace(options, lane=min(lane + more, WIDEST * lane))))
        if _extent(wider, along) <= room_along and _extent(wider, 1 - along) <= room_across:
            return wider
    return source


def _extent(source: str, side: int) -> float:
    """The drawing's width (side 0) or height (side 1)."""
    return bounds_of(source)[2 + side]
