"""The look shared by every drawing: a style per relation, a shape per kind, a colour per country.

Charts, the explorer and Mermaid all read these, so a split or a country looks the same everywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from genealogy.model import Genealogy, Organisation

FONT = "DejaVu Sans"


class EdgeStyle(NamedTuple):
    color: str
    style: str = "solid"
    penwidth: float = 1.4
    arrowhead: str = "normal"
    glyph: str = "━━▶"
    meaning: str = ""


EDGE_STYLES: dict[str, EdgeStyle] = {
    "founding": EdgeStyle("#666666", penwidth=1.1, glyph="──▶", meaning="founding"),
    "split": EdgeStyle("#000000", glyph="━━▶", meaning="split"),
    "merger": EdgeStyle("#1f5fbf", penwidth=1.8, glyph="━━▶", meaning="merger / fusion"),
    "reunification": EdgeStyle("#1a8a3a", penwidth=2.6, glyph="━━▶", meaning="reunification"),
    "rename": EdgeStyle("#555555", penwidth=5.0, arrowhead="none", glyph="███", meaning="rename: same lineage"),
    "expulsion": EdgeStyle("#c0392b", penwidth=1.6, arrowhead="tee", glyph="━━┫", meaning="expulsion"),
    "based-on": EdgeStyle("#1a8c8c", penwidth=1.3, arrowhead="vee", glyph="──►", meaning="based on (also)"),
    "entry": EdgeStyle("#8e44ad", style="dotted", penwidth=1.6, arrowhead="empty", glyph="┈┈▷", meaning="entry"),
    "affiliation": EdgeStyle(
        "#b8860b", style="dotted", penwidth=1.2, arrowhead="odot", glyph="┈┈○", meaning="affiliation"
    ),
    "disaffiliation": EdgeStyle(
        "#b8860b", style="dotted", penwidth=1.2, arrowhead="tee", glyph="┈┈┫", meaning="disaffiliation"
    ),
}
KIND_SHAPES: dict[str, dict[str, str]] = {
    "international": {"shape": "box", "peripheries": "2", "style": "filled"},
    "party": {"shape": "box", "style": "filled,rounded"},
    "group": {"shape": "box", "style": "filled"},
    "faction": {"shape": "ellipse", "style": "filled"},
    "tendency": {"shape": "ellipse", "style": "filled"},
    "committee": {"shape": "note", "style": "filled"},
    "youth": {"shape": "hexagon", "style": "filled"},
}
INTERNATIONAL_FILL = "#fff1b8"
# Paul Tol's "light" scheme, made for colour-blind readers and for text on top; its pale grey is
# the fill of every country past the eighth.
PALETTE = ("#77AADD", "#EE8866", "#44BB99", "#EEDD88", "#FFAABB", "#99DDFF", "#BBCC33", "#AAAA00")
OTHER_FILL = "#DDDDDD"
# Paul Tol's "muted" scheme: one colour per international on the timeline (its own line and the
# bands of its sections' years in it); past the ninth, grey.
INTERNATIONAL_COLOURS = (
    "#332288", "#882255", "#117733", "#AA4499", "#44AA99", "#999933", "#CC6677", "#88CCEE", "#DDCC77",
)  # fmt: skip
OTHER_INTERNATIONAL = "#777777"
# The line of a committee or a youth organisation of no one country (its tree fill is too pale for a line).
NO_COUNTRY_LINE = "#CCBB44"


# How strongly a domain's colour shows behind the lines of its members (a hex alpha), and on its name.
DOMAIN_ALPHA = "1a"
DOMAIN_NAME_ALPHA = "b0"


def tint(colour: str, share: float = 0.55) -> str:
    """A colour mixed with white, `share` of the way: an organisation's own colour as a fill text stays readable on.

    >>> tint("#000000"), tint("#bf1238", 0.5)
    ('#8c8c8c', '#df889c')
    """
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * share):02x}" for c in rgb)


def country_fills(orgs: Iterable[Organisation]) -> dict[str, str]:
    """A fill colour per country: the most frequent ones get the palette, the rest grey.

    Give it the WHOLE record, not a selection: the ranking then does not depend on what is drawn,
    so a country has the same colour in every chart of the record, focused or not, in every layout.
    """
    counts = Counter(o.country for o in orgs if o.country != "international")
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    fills = {country: PALETTE[i] for i, country in enumerate(ranked[: len(PALETTE)])}
    fills["international"] = INTERNATIONAL_FILL
    return fills


def international_colours(genealogy: Genealogy) -> dict[str, str]:
    """A line colour per international of the whole record: most sections first, then oldest, then id."""
    orgs = genealogy.organisations
    members = Counter(to for e in genealogy.events if e.type == "affiliation" for to in e.to_ids)
    ranked = sorted(
        (o for o in orgs.values() if o.kind == "international"), key=lambda o: (-members[o.id], o.founding_key())
    )
    return {
        org.id: INTERNATIONAL_COLOURS[i] if i < len(INTERNATIONAL_COLOURS) else OTHER_INTERNATIONAL
        for i, org in enumerate(ranked)
    }


class BarStyle(NamedTuple):
    """How a kind's lifeline is drawn on the timeline: line style and width; `double` for two lines."""

    style: str
    penwidth: float
    double: bool = False
    meaning: str = ""


KIND_BARS: dict[str, BarStyle] = {
    "international": BarStyle("solid", 1.6, double=True, meaning="double line: international"),
    "party": BarStyle("solid", 5.0, meaning="thick: party"),
    "group": BarStyle("solid", 3.0, meaning="medium: group"),
    "faction": BarStyle("dashed", 3.0, meaning="dashed: faction"),
    "tendency": BarStyle("dotted", 3.0, meaning="dotted: tendency"),
    "committee": BarStyle("solid", 1.6, meaning="thin: committee"),
    "youth": BarStyle("dashed", 1.6, meaning="thin dashed: youth"),
}


# How each kind's shape reads in the key, in KIND_SHAPES order; kinds sharing a shape share a word.
SHAPE_WORDS = {
    "international": "double border",
    "party": "rounded",
    "group": "square corners",
    "faction": "ellipse",
    "tendency": "ellipse",
    "committee": "folded corner",
    "youth": "hexagon",
}
# The tree's marks, in the order the key lists them; each only when the chart draws it.
LEGEND_MARKS = {
    "ended": "dashed border: ended",
    "disputed": "dashed line: disputed",
    "claims": "“claims”: claims to continue the parent",
    "skipped": "dashed axis: years skipped",
}


def legend_notes(drawn: Iterable[str]) -> str:
    """The key to the marks drawn, and to no other.

    >>> legend_notes({"skipped", "ended"})
    'dashed border: ended · dashed axis: years skipped'
    """
    return " · ".join(words for mark, words in LEGEND_MARKS.items() if mark in drawn)
