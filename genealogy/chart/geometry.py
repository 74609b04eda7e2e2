"""The timeline's sizes, in points: roomy for the screen, compact for a wall.

Roomy lanes leave each name a line of its own above its bar. Compact lanes are as close as
a 6 pt name above a thin bar allows, as gnuclad draws the Linux timeline, so that a whole
record of a movement (some 200 organisations alive at once) fits one A1 sheet; its legend
is a column, in the chart's empty corner or beside it, rather than rows across the top. Both
come in two directions: time across the page (LR), or down it (TB), where a name wraps to
fit its lane.
"""

from __future__ import annotations

from typing import NamedTuple

LINE_SPACING = 11 / 9  # a line of text is this many times its size


class Geometry(NamedTuple):
    """Every size the timeline's layout and drawing use; see ROOMY and COMPACT."""

    font: float  # the size of names
    lane: float  # the distance between two lanes
    bar_across: float  # where a lane's bar sits across it, from the lane's edge; its names take the rest
    name_across: float  # where a name's middle sits across, from its bar (LR: negative, above)
    wrap: float  # points per line of a name when time runs down (a name then spans its lane, not years)
    gap: float  # free space before a lane takes its next lifeline
    year_bounds: tuple[float, float]  # the shortest and longest a year may be
    spread: float  # the length the years are spread over, within those bounds
    near: int  # how many lanes below its parent's a chain may look for room before a new lane is made
    axis: float  # room for the year labels on each side of the lanes
    year_font: float  # the size of the year labels
    marks: float  # the scale of bars, ticks and caps, and of what sits beside a bar, against the roomy ones
    pen: float  # the scale of thin lines' widths (links, caps, ticks), against the roomy ones
    legend_font: float
    legend_row: float  # the height of a row of the legend
    sample: float  # the length of a legend's sample line
    legend_beside: bool  # the legend a column, in the chart's empty corner or right of it (else rows above it)
    title_font: float

    @property
    def line(self) -> float:
        """The height of one line of a name."""
        return self.font * LINE_SPACING

    @property
    def smallest(self) -> float:
        """The smallest text the timeline draws: what printing may not shrink below 6 pt."""
        return min(self.font, self.year_font, self.legend_font)

    @property
    def compact(self) -> bool:
        return self.legend_beside


_ROOMY = Geometry(
    font=9.0, lane=22.0, bar_across=16.0, name_across=-9.0, wrap=84.0, gap=10.0,
    year_bounds=(18.0, 40.0), spread=1400.0, near=8, axis=26.0, year_font=8.0, marks=1.0, pen=1.0,
    legend_font=9.0, legend_row=16.0, sample=26.0, legend_beside=False, title_font=16.0,
)  # fmt: skip
# Compact: a 6 pt name (the smallest a printed chart may have) with 1 pt over a bar of at most
# 2.5 pt, in lanes of 8 pt. A chain may look far for a free lane (`near`): at 8, the record of
# 387 organisations takes 280 compact lanes; at 256, 199 (186 organisations exist at once), with
# links crossing 1,460 lanes in all instead of 1,114.
_COMPACT = _ROOMY._replace(
    font=6.0, lane=8.0, bar_across=6.2, name_across=-3.8, wrap=60.0, gap=5.0,
    year_bounds=(6.0, 40.0), spread=2100.0, near=256, axis=14.0, year_font=7.0, marks=0.5, pen=0.7,
    legend_font=6.5, legend_row=9.5, sample=18.0, legend_beside=True, title_font=13.0,
)  # fmt: skip
# Time running down: a lane is a column, as wide as a name wrapped to `wrap`.
ROOMY = {"LR": _ROOMY, "TB": _ROOMY._replace(lane=96.0, bar_across=8.0, name_across=5.0)}
COMPACT = {
    "LR": _COMPACT,
    "TB": _COMPACT._replace(lane=66.0, bar_across=4.0, name_across=3.5, axis=24.0),  # room for years across
}


def geometry(direction: str, compact: bool = False) -> Geometry:
    return (COMPACT if compact else ROOMY)[direction]


# The advance of each printable ASCII character in DejaVu Sans, in hundredths of an em, from
# chr(32) to chr(126), as Graphviz measures it (`dot -Tplain` on long runs of each character).
_ADVANCES = (
    "3140468464957828393950843136313464646464646464646464343484848453997168707763587775292965558675"
    "796079706459736899686168393439845050626455646235646428285828986462646439523964598259595364346484"
)


# Each of them as a number, by character; for ASCII text, as a table for bytes.translate, whose
# result sum() adds up, so that no Python code runs for each character. A 36-letter name took
# 8 us by slicing and int() for each character, 1.5-3 us by the dict (as non-ASCII text still
# does), 0.4 us by the table; the layout measures every name (650 on the Linux sheet).
_EMS = {chr(32 + code): int(_ADVANCES[2 * code : 2 * code + 2]) for code in range(95)}
_ASCII_EMS = bytes(_EMS.get(chr(code), 75) for code in range(256))  # control characters count as wide


def text_width(text: str, size: float) -> float:
    """The width of text in DejaVu Sans, in points, a little generous (other letters count as wide, symbols wider).

    >>> round(text_width("Militant", 10))
    40
    """
    if text.isascii():
        ems = sum(text.encode().translate(_ASCII_EMS))
    else:
        ems = sum([_EMS.get(character) or (75 if character < "\u2020" else 100) for character in text])
    return ems / 100 * size * 1.04 + 1
