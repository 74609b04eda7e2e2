"""The look shared by every drawing: a style per relation, a shape per kind, a colour per country.

Charts, the explorer and Mermaid all read these, so a split or a country looks the same everywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from genealogy.model import Organisation

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
PALETTE = (
    "#cfe2f3", "#f4cccc", "#d9ead3", "#fce5cd", "#d9d2e9", "#d0e0e3",
    "#ead1dc", "#fff2cc", "#c9daf8", "#e6b8af", "#b6d7a8", "#f9cb9c",
)  # fmt: skip
OTHER_FILL = "#eeeeee"


def country_fills(orgs: Iterable[Organisation]) -> dict[str, str]:
    """A fill colour per country: the most frequent ones get the palette, the rest grey."""
    counts = Counter(o.country for o in orgs if o.country != "international")
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    fills = {country: PALETTE[i] for i, country in enumerate(ranked[: len(PALETTE)])}
    fills["international"] = INTERNATIONAL_FILL
    return fills


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
LEGEND_NOTES = (
    "dashed border: ended · dashed line: disputed · “claims”: claims to continue the parent"
    " · dashed axis: years skipped"
)
