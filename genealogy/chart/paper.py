"""Charts on paper: scaled to fit a page, or, where text would shrink under 6 pt, tiled as a poster.

Pure planning: `plan` says how big the drawing is on paper and how many pages it takes, and
`tile_attributes` gives the Graphviz `viewport` of each page. render.py runs Graphviz.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

# Portrait sizes in points (ISO 216 and the US sizes).
PAPERS = {
    "A4": (595.28, 841.89),
    "A3": (841.89, 1190.55),
    "A2": (1190.55, 1683.78),
    "A1": (1683.78, 2383.94),
    "A0": (2383.94, 3370.39),
    "letter": (612.0, 792.0),
    "tabloid": (792.0, 1224.0),
}
SMALLEST_TEXT = 6.0  # points: no chart text is printed smaller
SMALLEST_FONT = 8.0  # points: the smallest text the tree and the roomy timeline draw (year labels, details)
MARGIN = 18.0  # points of white around each page's drawing


class Sheet(NamedTuple):
    """How a drawing goes on paper: the page, the scale, and the pages across and down."""

    page: tuple[float, float]  # points, as printed
    scale: float
    columns: int
    rows: int
    bounds: tuple[float, float, float, float]  # the drawing's box, in its own points

    @property
    def pages(self) -> int:
        return self.columns * self.rows

    def describe(self) -> str:
        """ "1 page at 77 %" or "a poster of 6 pages (3 across, 2 down) at 75 %"."""
        scale = f"{self.scale * 100:.0f} %"
        if self.pages == 1:
            return f"1 page at {scale}"
        return f"a poster of {self.pages} pages ({self.columns} across, {self.rows} down) at {scale}"


def paper_size(name: str, landscape: bool = False) -> tuple[float, float]:
    width, height = PAPERS[name]
    return (height, width) if landscape else (width, height)


def plan(
    bounds: tuple[float, float, float, float], paper: str, landscape: bool = False, smallest: float = SMALLEST_FONT
) -> Sheet:
    """The scale that fits the drawing on one page, unless that makes its `smallest` text smaller
    than SMALLEST_TEXT: then that smallest scale, on as many pages as it takes.

    >>> plan((0, 0, 1000, 500), "A4", landscape=True).describe()
    '1 page at 81 %'
    >>> plan((0, 0, 5000, 1000), "A4", landscape=True).describe()
    'a poster of 10 pages (5 across, 2 down) at 75 %'
    """
    page = paper_size(paper, landscape)
    room_x, room_y = page[0] - 2 * MARGIN, page[1] - 2 * MARGIN
    width, height = max(bounds[2] - bounds[0], 1.0), max(bounds[3] - bounds[1], 1.0)
    fit = min(room_x / width, room_y / height)
    floor = SMALLEST_TEXT / smallest
    if fit >= floor:
        return Sheet(page, fit, 1, 1, bounds)
    return Sheet(page, floor, math.ceil(width * floor / room_x), math.ceil(height * floor / room_y), bounds)


def tile_attributes(sheet: Sheet) -> list[str]:
    """A DOT graph-attribute statement per page, left to right and top to bottom: what part it shows."""
    room_x, room_y = sheet.page[0] - 2 * MARGIN, sheet.page[1] - 2 * MARGIN
    left, bottom, right, top = sheet.bounds
    across, down = room_x / sheet.scale, room_y / sheet.scale  # one page, in the drawing's points
    # A drawing smaller than the pages is centred on them.
    start_x = (left + right) / 2 - across * sheet.columns / 2
    start_y = (bottom + top) / 2 + down * sheet.rows / 2
    statements = []
    for row in range(sheet.rows):
        for column in range(sheet.columns):
            x, y = start_x + (column + 0.5) * across, start_y - (row + 0.5) * down
            viewport = f"{room_x:.2f},{room_y:.2f},{sheet.scale:.5f},{x:.2f},{y:.2f}"
            statements.append(f'  graph [viewport="{viewport}", margin="{MARGIN / 72:.4f}", pad="0", size=""];')
    return statements


def sheet_for(dot_source: str, paper: str, landscape: bool = False, smallest: float = SMALLEST_FONT) -> Sheet:
    """How DOT with its positions (`bb`) goes on paper, its `smallest` text no smaller than SMALLEST_TEXT.

    The chart says how small its text is (a timeline's Geometry.smallest), rather than the DOT
    being searched for font sizes: a name may hold any text, `fontsize=1` included.
    """
    return plan(bounds_of(dot_source), paper, landscape, smallest)


_BOUNDS = re.compile(r'\bbb="([-\d.e+]+),([-\d.e+]+),([-\d.e+]+),([-\d.e+]+)"')


def bounds_of(positioned_dot: str) -> tuple[float, float, float, float]:
    """The drawing's box from DOT laid out by Graphviz (`-Tdot`) or by us (its `bb`)."""
    match = _BOUNDS.search(positioned_dot)
    if not match:
        raise ValueError("the DOT has no bounding box (bb); lay it out first")
    left, bottom, right, top = (float(v) for v in match.groups())
    return (left, bottom, right, top)


def on_page(dot_source: str, statement: str) -> str:
    """The DOT with one page's graph attributes added at its end (they apply to the whole graph)."""
    body = dot_source.rstrip()
    if not body.endswith("}"):
        raise ValueError("not a DOT graph")
    return body[:-1] + statement + "\n}\n"
