"""Mermaid flowcharts of a record or a selection: the chart that renders inside Markdown on code hosts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from genealogy.chart.styles import EDGE_STYLES, INTERNATIONAL_FILL
from genealogy.lineage.selection import SelectionOptions, select
from genealogy.model import Event, Genealogy, Organisation
from genealogy.vocabulary import KINDS
from genealogy.words import unique


def link_label(event: Event) -> str:
    """ "split 1953": the relation and its year, as an edge label."""
    return f"{event.type} {event.date.short()}" if event.date else event.type


# Characters written as Mermaid's numeric entity codes (#34; -> &#34;) in labels: quotes end a label; `#` starts
# a code; `<`, `>` and `&` would be HTML; `%` could open a `%%{init}%%` directive; a backtick after the opening
# quote starts a Markdown string; `:` keeps a label from matching Mermaid's `style ...:...#...;` rewrite; brackets,
# braces, parentheses and pipes are safe inside quotes but not in every renderer.
_MERMAID_ESCAPED = frozenset('"#&<>%`:[]{}()|')
# Any line containing "direction LR" (etc.) is read as a direction statement, even inside a label.
_DIRECTION = re.compile(r"(direction)(\s+)", re.IGNORECASE)
_MERMAID_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")

MERMAID_ARROWS = {
    "founding": "-->",
    "split": "-->",
    "merger": "-->",
    "reunification": "==>",
    "rename": "===",
    "expulsion": "--x",
    "based-on": "-->",
    "entry": "-.->",
    "affiliation": "-.-o",
    "disaffiliation": "-.-x",
}
# Kind -> (opening, closing) of the node shape, close to the chart's: international double-sided, party rounded.
MERMAID_SHAPES = {
    "international": ("[[", "]]"),
    "party": ("(", ")"),
    "group": ("[", "]"),
    "faction": ("([", "])"),
    "tendency": ("([", "])"),
    "committee": (">", "]"),
    "youth": ("{{", "}}"),
}
MERMAID_KIND_STYLES = {
    "international": f"fill:{INTERNATIONAL_FILL},stroke:#333333,stroke-width:3px",
    "party": "fill:#cfe2f3,stroke:#333333",
    "group": "fill:#d9ead3,stroke:#333333",
    "faction": "fill:#fce5cd,stroke:#333333",
    "tendency": "fill:#d9d2e9,stroke:#333333",
    "committee": "fill:#eeeeee,stroke:#333333",
    "youth": "fill:#f4cccc,stroke:#333333",
}


def mermaid_text(text: str) -> str:
    """Text for inside a quoted Mermaid label: nothing in it can end the label or be read as syntax.

    >>> mermaid_text('Say "hi" <b>#1</b>')
    'Say #34;hi#34; #60;b#62;#35;1#60;/b#62;'
    """
    text = _MERMAID_CONTROL.sub(" ", text)
    text = "".join(f"#{ord(c)};" if c in _MERMAID_ESCAPED else c for c in text)
    return _DIRECTION.sub(lambda m: m[1] + "#32;" * len(m[2]), text)


def mermaid_ids(orgs: Iterable[Organisation]) -> dict[str, str]:
    """A Mermaid node id per organisation: `org_` and the slug with every other character an underscore.

    The prefix keeps ids clear of keywords (`end`, `class`, `style`) and of the `o`/`x` arrow heads.
    """
    taken: set[str] = set()
    return {org.id: unique("org_" + re.sub(r"[^A-Za-z0-9_]", "_", org.id), taken, "_") for org in orgs}


def _mermaid_label(org: Organisation) -> str:
    details = [org.abbreviation] if org.abbreviation else []
    if org.country != "international":
        details.append(org.country)
    details.append(org.lifespan())
    return mermaid_text(org.name) + "<br/>" + mermaid_text(" · ".join(details))


def _kind_class(kind: str) -> str:
    return "kind_" + re.sub(r"[^A-Za-z0-9_]", "_", kind)


def to_mermaid(genealogy: Genealogy, options: SelectionOptions | None = None, direction: str = "TB") -> str:
    """A Mermaid flowchart that GitHub, GitLab and other code hosts draw inside a ```mermaid block.

    Each relation has its own arrow and colour (`linkStyle`), disputed links are dashed, each kind its own
    shape and `classDef`; ended organisations have a dashed border. The title goes in the front matter.
    """
    options = options or SelectionOptions()
    selection = select(genealogy, options)
    direction = direction if direction in ("TB", "BT", "LR", "RL") else "TB"
    ids = mermaid_ids(selection.organisations)
    lines = ["---", f"title: {json.dumps(_MERMAID_CONTROL.sub(' ', selection.title), ensure_ascii=False)}", "---"]
    lines.append(f"flowchart {direction}")
    for org in selection.organisations:
        opening, closing = MERMAID_SHAPES.get(org.kind, ("[", "]"))
        lines.append(f'  {ids[org.id]}{opening}"{_mermaid_label(org)}"{closing}')
    link_styles: dict[str, list[int]] = {}
    for index, (event, parent, child) in enumerate(selection.links):
        text = link_label(event)
        if child in event.claims:
            text += " · claims"
        if event.disputed:
            text += " · disputed"
        arrow = MERMAID_ARROWS.get(event.type, "-->")
        lines.append(f'  {ids[parent]} {arrow}|"{mermaid_text(text)}"| {ids[child]}')
        style = EDGE_STYLES.get(event.type, EDGE_STYLES["founding"])
        css = f"stroke:{style.color},stroke-width:{min(style.penwidth, 4):g}px"
        link_styles.setdefault(css + (",stroke-dasharray:6 4" if event.disputed else ""), []).append(index)
    for css, indexes in link_styles.items():
        lines.append(f"  linkStyle {','.join(map(str, indexes))} {css}")
    kinds = sorted({o.kind for o in selection.organisations}, key=_kind_order)  # the kinds drawn, no other
    lines.extend(
        f"  classDef {_kind_class(k)} {MERMAID_KIND_STYLES.get(k, 'fill:#eeeeee,stroke:#333333')}" for k in kinds
    )
    lines.append("  classDef ended stroke-dasharray:5 3")
    for kind in kinds:
        members = [ids[o.id] for o in selection.organisations if o.kind == kind]
        if members:
            lines.append(f"  class {','.join(members)} {_kind_class(kind)}")
    ended = [ids[o.id] for o in selection.organisations if o.ended]
    if ended:
        lines.append(f"  class {','.join(ended)} ended")
    return "\n".join(lines) + "\n"


def _kind_order(kind: str) -> tuple[int, str]:
    return (KINDS.index(kind) if kind in KINDS else len(KINDS), kind)
