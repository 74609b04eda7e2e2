"""DOT text for a chart: organisations on a year axis, every relation in its own style.

Pure and byte-stable: the same record and options give the same text, nodes sorted by founding
date then id and edges by event date then id, so golden files and diffs stay readable. Every
piece of user text goes through `quote` (DOT strings) or `html` (HTML-like labels).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from genealogy.chart.quoting import HtmlLabel, html, link_address, quote
from genealogy.chart.styles import (
    EDGE_STYLES,
    FONT,
    KIND_SHAPES,
    OTHER_FILL,
    SHAPE_WORDS,
    country_fills,
    legend_notes,
    tint,
)
from genealogy.lineage.selection import Selection, SelectionOptions, select
from genealogy.model import Event, Genealogy, Organisation

LARGE_CHART = 400  # organisations; above this, layout effort is bounded (see to_dot)


@dataclass(frozen=True)
class ChartOptions(SelectionOptions):
    """A selection, and how to draw it."""

    group_by: str = "none"
    direction: str = "TB"
    # HTML-like labels (bold names, coloured legend); off for Graphviz builds without them.
    rich_labels: bool = True


def _wrap(text: str, width: int = 26) -> str:
    import textwrap

    return "<BR/>".join(html(line) for line in textwrap.wrap(text, width) or [text])


def _details(org: Organisation) -> tuple[str, str | None]:
    """The small lines under a name: "WIL · GB · 1937–1944", and "also The Club · SLL" if renamed."""
    details = [org.abbreviation] if org.abbreviation else []
    if org.country != "international":
        details.append(org.country)
    details.append(org.lifespan())
    others = " · ".join(n.abbreviation or n.name for n in org.names) if org.names else None
    return " · ".join(details), others


def node_label(org: Organisation, rich: bool = True) -> str:
    """The box's text: an HTML-like label (bold name, small details), or plain lines when `rich` is off."""
    details, others = _details(org)
    if not rich:  # for Graphviz builds without HTML-like labels (the WebAssembly one)
        import textwrap

        lines = [*textwrap.wrap(org.name, 26), details] + ([f"also {others}"] if others else [])
        return "\n".join(lines)
    label = f'<B>{_wrap(org.name)}</B><BR/><FONT POINT-SIZE="9">{html(details)}</FONT>'
    if others:
        label += f'<BR/><FONT POINT-SIZE="8"><I>also {_wrap(others, 34)}</I></FONT>'
    return HtmlLabel(f"<{label}>")


def _attributes(pairs: Iterable[tuple[str, str]]) -> str:
    """`key=value` pairs; every value is quoted unless it is an HtmlLabel built by this module."""
    return ", ".join(f"{k}={v if isinstance(v, HtmlLabel) else quote(v)}" for k, v in pairs)


def _tooltip(org: Organisation) -> str:
    lines = [org.label(), f"{org.kind}, {org.country}", org.existed()]
    lines += [f"also: {n.name}" for n in org.names]
    return "\n".join(lines)


def _node(org: Organisation, fills: dict[str, str], first_url: str | None, rich: bool = True) -> str:
    shape = dict(KIND_SHAPES.get(org.kind, KIND_SHAPES["group"]))
    if org.ended:
        shape["style"] += ",dashed"
    pairs = [
        ("id", org.id),
        ("class", f"org kind-{org.kind}{' ended' if org.ended else ''}"),
        ("label", node_label(org, rich)),
        ("tooltip", _tooltip(org)),
        ("fillcolor", tint(org.colour.lower()) if org.colour else fills.get(org.country, OTHER_FILL)),
        *sorted(shape.items()),
    ]
    if first_url:
        pairs += [("URL", link_address(first_url)), ("target", "_blank")]
    return f"  {quote(org.id)} [{_attributes(pairs)}];"


def _edge(event: Event, parent: Organisation, child: Organisation) -> str:
    style = EDGE_STYLES[event.type]
    pairs = [
        ("id", event.link_id(parent.id, child.id)),
        ("class", f"link {event.type}"),
        ("color", style.color),
        ("penwidth", f"{style.penwidth:g}"),
        ("arrowhead", style.arrowhead),
        ("style", "dashed" if event.disputed else style.style),
        ("tooltip", f"{event.type} {event.date or ''}: {event.description or event.id}"),
    ]
    words = ["claims"] if child.id in event.claims else []
    if event.date and child.founded and event.date.year > child.founded.year:
        # The child's box sits at its founding year; a later link (a group absorbed into an older
        # party, a tendency expelled years on) is drawn there too, so it carries its own year.
        words.append(event.date.short())
    if words:
        pairs += [("label", " ".join(words)), ("fontcolor", style.color), ("fontsize", "10")]
    backwards = parent.founded and child.founded and parent.founded.year > child.founded.year
    if backwards or not event.is_lineage:
        pairs.append(("constraint", "false"))
    return f"  {quote(parent.id)} -> {quote(child.id)} [{_attributes(pairs)}];"


def _axis(years: list[int]) -> Iterator[str]:
    for year in years:
        style = 'shape=plaintext, fontsize=12, fontcolor="#333333", class="year"'
        yield f'  "year:{year}" [id="year-{year}", label="{year}", {style}];'
    for before, after in itertools.pairwise(years):
        gap = "solid" if after - before == 1 else "dashed"
        axis = f'arrowhead=none, color="#bbbbbb", style={gap}, weight=100, class="axis"'
        yield f'  "year:{before}" -> "year:{after}" [{axis}];'


def shape_key(kinds: set[str]) -> str:
    """The key to the node shapes drawn: only the kinds present, so every entry can be found."""
    by_shape: dict[str, list[str]] = {}
    for kind, word in SHAPE_WORDS.items():
        if kind in kinds:
            by_shape.setdefault(word, []).append(kind)
    return " · ".join(f"{word}: {'/'.join(names)}" for word, names in by_shape.items())


def marks_drawn(selection: Selection) -> set[str]:
    """The marks of the tree this selection shows: ended boxes, disputed links, claims, skipped years."""
    marks = set()
    if any(o.ended for o in selection.organisations):
        marks.add("ended")
    if any(event.disputed for event, _, _ in selection.links):
        marks.add("disputed")
    if any(child in event.claims for event, _, child in selection.links):
        marks.add("claims")
    years = sorted({o.founded.year for o in selection.organisations if o.founded is not None})
    if any(after - before > 1 for before, after in itertools.pairwise(years)):
        marks.add("skipped")
    return marks


def legend(selection: Selection, fills: dict[str, str], rich: bool = True) -> str:
    """The graph label: title, what is shown, and a key to every style and mark drawn, and only those."""
    used_types = sorted({e.type for e in selection.events}, key=list(EDGE_STYLES).index)
    uncoloured = [o for o in selection.organisations if not o.colour]  # the others have their own colour
    countries = sorted({o.country for o in uncoloured}, key=lambda c: (c != "international", c))
    shapes = shape_key({o.kind if o.kind in SHAPE_WORDS else "group" for o in selection.organisations})
    notes = " · ".join(part for part in (shapes, legend_notes(marks_drawn(selection))) if part)
    if not rich:
        relations = "   ".join(f"{EDGE_STYLES[t].glyph} {EDGE_STYLES[t].meaning}" for t in used_types)
        return "\n".join(line for line in (selection.title, selection.subtitle, relations, notes) if line)
    relations = "  ".join(
        f'<FONT COLOR="{EDGE_STYLES[t].color}">{EDGE_STYLES[t].glyph}</FONT> {html(EDGE_STYLES[t].meaning)}'
        for t in used_types
    )
    swatches = " ".join(f'<FONT COLOR="{fills.get(c, OTHER_FILL)}">██</FONT>{html(c)}' for c in countries if c in fills)
    if any(c not in fills for c in countries):
        swatches += f' <FONT COLOR="{OTHER_FILL}">██</FONT>other'
    own = sorted({o.colour.lower() for o in selection.organisations if o.colour})
    if own:
        samples = "".join(f'<FONT COLOR="{tint(c)}">█</FONT>' for c in own[:3])
        swatches += f" {samples}its own colour" if swatches else f"{samples}fill: each organisation's own colour"
    rows = [
        f'<TR><TD><FONT POINT-SIZE="22"><B>{html(selection.title)}</B></FONT></TD></TR>',
        f'<TR><TD><FONT POINT-SIZE="12">{html(selection.subtitle)}</FONT></TD></TR>',
    ]
    if relations:
        rows.append(f'<TR><TD><FONT POINT-SIZE="11">{relations}</FONT></TD></TR>')
    if notes:
        rows.append(f'<TR><TD><FONT POINT-SIZE="10">{notes}</FONT></TD></TR>')
    if swatches:
        rows.append(f'<TR><TD><FONT POINT-SIZE="10">{swatches}</FONT></TD></TR>')
    return HtmlLabel('<<TABLE BORDER="0" CELLPADDING="2" CELLSPACING="0">' + "".join(rows) + "</TABLE>>")


def country_key(selection: Selection, fills: dict[str, str], first_year: int) -> Iterator[str]:
    """For plain labels, where the legend cannot be coloured: a row of filled boxes above the first year."""
    countries = sorted(
        {o.country for o in selection.organisations if not o.colour}, key=lambda c: (c != "international", c)
    )
    shown = [c for c in countries if c in fills] + (["other"] if any(c not in fills for c in countries) else [])
    for country in shown:
        name = quote(f"key:{country}")
        style = f'shape=box, style=filled, fontsize=10, class="key", fillcolor={quote(fills.get(country, OTHER_FILL))}'
        yield f"  {name} [id={quote(f'key-{country}')}, label={quote(country)}, {style}];"
        yield f'  {name} -> "year:{first_year}" [style=invis];'


def _clusters(genealogy: Genealogy, selection: Selection, group_by: str) -> dict[str, list[Organisation]]:
    """Cluster name -> members, for --group-by; organisations in no cluster are left out."""
    groups: dict[str, list[Organisation]] = {}
    if group_by == "country":
        for org in selection.organisations:
            groups.setdefault(f"country {org.country}", []).append(org)
    elif group_by == "international":
        from genealogy.lineage.selection import home_internationals

        homes = home_internationals(genealogy, {o.id for o in selection.organisations})
        for org in selection.organisations:
            if org.id in homes:
                groups.setdefault(genealogy.organisations[homes[org.id]].label(), []).append(org)
    return groups


def to_dot(genealogy: Genealogy, options: ChartOptions | None = None) -> str:
    """The whole chart as DOT text."""
    options = options or ChartOptions()
    selection = select(genealogy, options)
    fills = country_fills(genealogy.organisations.values())  # the whole record: the same colour in every chart
    by_year: dict[int, list[Organisation]] = {}
    for org in selection.organisations:
        if org.founded is not None:
            by_year.setdefault(org.founded.year, []).append(org)
    years = sorted(by_year)
    graph_attributes = [
        ("rankdir", options.direction),
        ("newrank", "true"),
        ("nodesep", "0.22"),
        ("ranksep", "0.32"),
        ("fontname", FONT),
        ("labelloc", "t"),
        ("labeljust", "c"),
        ("label", legend(selection, fills, options.rich_labels)),
        ("tooltip", selection.title),
        ("outputorder", "edgesfirst"),
        ("bgcolor", "white"),
        ("pad", "0.3"),
    ]
    if len(selection.organisations) > LARGE_CHART:
        # Graphviz's x-positioning grows fast with long edges: bound its work on big charts
        # (1,000 organisations: over a minute without these, 6 s with them).
        graph_attributes += [("nslimit", "1"), ("mclimit", "0.3"), ("searchsize", "10")]
    lines = [
        "digraph genealogy {",
        f"  graph [{_attributes(graph_attributes)}];",
        f'  node [fontname="{FONT}", fontsize=11, margin="0.08,0.03", penwidth=1.2];',
        f'  edge [fontname="{FONT}", fontsize=9, arrowsize=0.7];',
    ]
    lines.extend(_axis(years))
    if not options.rich_labels and years:
        lines.extend(country_key(selection, fills, years[0]))
    urls = {o.id: genealogy.first_url(o) for o in selection.organisations}
    clusters = _clusters(genealogy, selection, options.group_by)
    clustered = {o.id for members in clusters.values() for o in members}
    for index, (name, members) in enumerate(sorted(clusters.items())):
        lines.append(f"  subgraph cluster_{index} {{")
        lines.append(f'    graph [label={quote(name)}, style="rounded,dashed", color="#999999", fontsize=12];')
        lines.extend("  " + _node(org, fills, urls[org.id], options.rich_labels) for org in members)
        lines.append("  }")
    lines.extend(
        _node(o, fills, urls[o.id], options.rich_labels) for o in selection.organisations if o.id not in clustered
    )
    for year in years:
        same_year = "; ".join(quote(o.id) for o in by_year[year])
        lines.append(f'  {{ rank=same; "year:{year}"; {same_year}; }}')
    orgs = genealogy.organisations
    lines.extend(_edge(event, orgs[parent], orgs[child]) for event, parent, child in selection.links)
    lines.append("}")
    return "\n".join(lines) + "\n"
