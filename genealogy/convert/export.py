"""Exports of a record, or of a chart's selection of it, to other tools: JSON, GraphML, GEXF, Mermaid, CSV, DOT.

Every export goes through `selection.select`, so the chart options (`--focus`, `--from/--to`, `--country`, `--kind`,
`--affiliations`) choose the same organisations and links as `genealogy render` would draw. Like the DOT text,
every export is byte-stable: organisations by founding date then id, links by event date then id. Nothing here
imports networkx: the XML formats are written with ElementTree and read back by networkx only in the tests.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping

from genealogy.convert.mermaid import link_label, mermaid_ids, mermaid_text, to_mermaid
from genealogy.lineage.queries import dated_name, summary
from genealogy.lineage.selection import Selection, SelectionOptions, select
from genealogy.model import Event, Genealogy, Organisation, iso

FORMATS = ("json", "graphml", "gexf", "mermaid", "csv", "dot")
TABLES = ("organisations", "events")

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# (attribute name, type) that GraphML and GEXF carry for an organisation and a link; JSON has the same with lists.
NODE_ATTRIBUTES = (
    ("label", "string"),
    ("name", "string"),
    ("abbreviation", "string"),
    ("kind", "string"),
    ("country", "string"),
    ("founded", "string"),
    ("dissolved", "string"),
    ("aliases", "string"),
    ("names", "string"),
    ("wikidata", "string"),
    ("sources", "string"),
    ("url", "string"),
    ("notes", "string"),
)
EDGE_ATTRIBUTES = (
    ("label", "string"),
    ("event", "string"),
    ("type", "string"),
    ("date", "string"),
    ("until", "string"),
    ("claims", "boolean"),
    ("disputed", "boolean"),
    ("description", "string"),
    ("sources", "string"),
    ("notes", "string"),
)


def export(
    genealogy: Genealogy,
    output_format: str,
    options: SelectionOptions | None = None,
    table: str = "organisations",
    direction: str = "TB",
) -> str:
    """The record, or the part of it `options` select, as text in `output_format` (one of FORMATS).

    `table` chooses the CSV table (`organisations` or `events`) and `direction` the way Mermaid and
    DOT draw time (TB or LR); the other formats ignore them.
    An unknown format or table is a ValueError that names the choices.
    """
    writers: dict[str, Callable[[Genealogy, SelectionOptions | None], str]] = {
        "json": to_json,
        "graphml": to_graphml,
        "gexf": to_gexf,
        "mermaid": lambda g, o: to_mermaid(g, o, direction),
        "csv": lambda g, o: to_csv(g, o, table),
        "dot": lambda g, o: to_dot(g, o, direction),
    }
    if output_format not in writers:
        raise ValueError(f"unknown export format {output_format!r}; use one of: {', '.join(FORMATS)}")
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; use one of: {', '.join(TABLES)}")
    return writers[output_format](genealogy, options)


def to_dot(genealogy: Genealogy, options: SelectionOptions | None = None, direction: str = "TB") -> str:
    """The chart's DOT text for the selection, with the chart's default look."""
    from dataclasses import asdict

    from genealogy.chart.dot import ChartOptions
    from genealogy.chart.dot import to_dot as chart_dot

    if isinstance(options, ChartOptions):  # already says how to draw
        return chart_dot(genealogy, options)
    return chart_dot(genealogy, ChartOptions(**asdict(options or SelectionOptions()), direction=direction))


# --- what every format says about an organisation and a link ------------------------------------------------


def _first_url(genealogy: Genealogy, org: Organisation) -> str | None:
    """The first cited source with an address: where a chart's node links to."""
    urls = (genealogy.sources[k].url for k in org.sources if k in genealogy.sources)
    return next((url for url in urls if url), None)


def _names_text(org: Organisation) -> str:
    """Other names as one line: "Unity Committee (UC) 1955–1957; ..."."""
    parts = []
    for other in org.names:
        text = f"{other.name} ({other.abbreviation})" if other.abbreviation else other.name
        if other.since or other.until:
            text += f" {iso(other.since) or '?'}–{iso(other.until) or ''}"
        parts.append(text)
    return "; ".join(parts)


def _node_values(genealogy: Genealogy, org: Organisation) -> dict[str, str | None]:
    """NODE_ATTRIBUTES as flat text (lists joined with "; "); None where the record has nothing."""
    return {
        "label": org.label(),
        "name": org.name,
        "abbreviation": org.abbreviation,
        "kind": org.kind,
        "country": org.country,
        "founded": iso(org.founded),
        "dissolved": org.dissolved_text(),
        "aliases": "; ".join(org.aliases) or None,
        "names": _names_text(org) or None,
        "wikidata": org.wikidata,
        "sources": "; ".join(org.sources) or None,
        "url": _first_url(genealogy, org),
        "notes": org.notes,
    }


def _edge_values(event: Event, child: str) -> dict[str, str | bool | None]:
    """EDGE_ATTRIBUTES as flat values; `claims` says whether `child` claims to continue the parent."""
    return {
        "label": link_label(event),
        "event": event.id,
        "type": event.type,
        "date": iso(event.date),
        "until": iso(event.until),
        "claims": child in event.claims,
        "disputed": event.disputed,
        "description": event.description,
        "sources": "; ".join(event.sources) or None,
        "notes": event.notes,
    }


def _edge_id(event: Event, parent: str, child: str) -> str:
    """The same id the DOT edge has: an event links every `from` to every `to`."""
    return f"{event.id}:{parent}:{child}"


# --- JSON ----------------------------------------------------------------------------------------------------


def to_json(genealogy: Genealogy, options: SelectionOptions | None = None) -> str:
    """Node-link JSON, as d3 and networkx read it.

    `networkx.node_link_graph(data, edges="links")` rebuilds a MultiDiGraph whose edge keys are event ids.
    """
    selection = select(genealogy, options or SelectionOptions())
    nodes = [
        {
            **summary(org),
            "aliases": list(org.aliases),
            "names": [dated_name(n) for n in org.names],
            "wikidata": org.wikidata,
            "sources": list(org.sources),
            "url": _first_url(genealogy, org),
            "notes": org.notes,
        }
        for org in selection.organisations
    ]
    links = [
        {
            "source": parent,
            "target": child,
            "key": event.id,
            "event": event.id,
            "type": event.type,
            "date": iso(event.date),
            "until": iso(event.until),
            "claims": child in event.claims,
            "disputed": event.disputed,
            "description": event.description,
            "sources": list(event.sources),
            "notes": event.notes,
        }
        for event, parent, child in selection.links
    ]
    data = {
        "directed": True,
        "multigraph": True,
        "graph": {"title": selection.title, "subtitle": selection.subtitle},
        "nodes": nodes,
        "links": links,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- GraphML and GEXF -----------------------------------------------------------------------------------------


def _xml(text: str) -> str:
    """Text XML can hold: characters it forbids are dropped, line ends made \\n."""
    return _NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _xml_value(value: str | bool) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else _xml(value)


def _serialise(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def to_graphml(genealogy: Genealogy, options: SelectionOptions | None = None) -> str:
    """GraphML with typed keys (dates as strings, `claims` and `disputed` boolean), for yEd, Gephi, networkx."""
    selection = select(genealogy, options or SelectionOptions())
    root = ET.Element(
        "graphml",
        {
            "xmlns": "http://graphml.graphdrawing.org/xmlns",
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:schemaLocation": "http://graphml.graphdrawing.org/xmlns "
            "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        },
    )
    for name in ("title", "subtitle"):
        ET.SubElement(root, "key", {"id": f"g_{name}", "for": "graph", "attr.name": name, "attr.type": "string"})
    for prefix, scope, attributes in (("n", "node", NODE_ATTRIBUTES), ("e", "edge", EDGE_ATTRIBUTES)):
        for name, kind in attributes:
            ET.SubElement(root, "key", {"id": f"{prefix}_{name}", "for": scope, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", {"id": "genealogy", "edgedefault": "directed"})
    ET.SubElement(graph, "data", {"key": "g_title"}).text = _xml(selection.title)
    ET.SubElement(graph, "data", {"key": "g_subtitle"}).text = _xml(selection.subtitle)
    for org in selection.organisations:
        node = ET.SubElement(graph, "node", {"id": _xml(org.id)})
        for name, value in _node_values(genealogy, org).items():
            if value is not None:
                ET.SubElement(node, "data", {"key": f"n_{name}"}).text = _xml(value)
    for event, parent, child in selection.links:
        edge = ET.SubElement(
            graph, "edge", {"id": _xml(_edge_id(event, parent, child)), "source": _xml(parent), "target": _xml(child)}
        )
        for name, value in _edge_values(event, child).items():
            if value is not None:
                ET.SubElement(edge, "data", {"key": f"e_{name}"}).text = _xml_value(value)
    return _serialise(root)


def to_gexf(genealogy: Genealogy, options: SelectionOptions | None = None) -> str:
    """GEXF 1.3 for Gephi: labelled nodes and edges with typed attributes (dates as strings)."""
    selection = select(genealogy, options or SelectionOptions())
    root = ET.Element(
        "gexf",
        {
            "xmlns": "http://gexf.net/1.3",
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:schemaLocation": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            "version": "1.3",
        },
    )
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "genealogy"
    ET.SubElement(meta, "description").text = _xml(f"{selection.title} · {selection.subtitle}")
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    # The label is GEXF's own attribute of nodes and edges, not a declared one.
    for scope, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        declared = ET.SubElement(graph, "attributes", {"class": scope, "mode": "static"})
        for name, kind in attributes[1:]:
            ET.SubElement(declared, "attribute", {"id": name, "title": name, "type": kind})
    nodes = ET.SubElement(graph, "nodes")
    for org in selection.organisations:
        node = ET.SubElement(nodes, "node", {"id": _xml(org.id), "label": _xml(org.label())})
        _attvalues(node, _node_values(genealogy, org))
    edges = ET.SubElement(graph, "edges")
    for event, parent, child in selection.links:
        attributes = {"id": _edge_id(event, parent, child), "source": parent, "target": child}
        edge = ET.SubElement(edges, "edge", {k: _xml(v) for k, v in attributes.items()})
        edge.set("label", _xml(link_label(event)))
        _attvalues(edge, _edge_values(event, child))
    return _serialise(root)


def _attvalues(element: ET.Element, values: Mapping[str, str | bool | None]) -> None:
    """GEXF `attvalues` for every attribute the record has (the label is an XML attribute instead)."""
    present = [(name, value) for name, value in values.items() if name != "label" and value is not None]
    if present:
        holder = ET.SubElement(element, "attvalues")
        for name, value in present:
            ET.SubElement(holder, "attvalue", {"for": name, "value": _xml_value(value)})


# --- CSV -------------------------------------------------------------------------------------------------------

ORGANISATION_COLUMNS = (
    "id", "name", "abbreviation", "kind", "country", "founded", "dissolved", "aliases", "wikidata", "sources",
)  # fmt: skip
EVENT_COLUMNS = ("id", "type", "date", "until", "from", "to", "claims", "disputed", "description", "sources")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: str | None) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula.

    A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe
    (OWASP's advice against CSV injection), so a name like `=HYPERLINK(...)` is not a live formula.

    >>> spreadsheet_cell("=1+1"), spreadsheet_cell("Lutte Ouvrière"), spreadsheet_cell(None)
    ("'=1+1", 'Lutte Ouvrière', '')
    """
    if not value:
        return ""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _table_events(genealogy: Genealogy, selection: Selection) -> list[Event]:
    """The events of the selection: those with a drawn link, and the foundings (without parents) of its orgs."""
    linked = {e.id for e in selection.events}
    chosen = {o.id for o in selection.organisations}
    events = sorted(genealogy.events, key=Event.sort_key)
    return [e for e in events if e.id in linked or (not e.from_ids and any(t in chosen for t in e.to_ids))]


def to_csv(genealogy: Genealogy, options: SelectionOptions | None = None, table: str = "organisations") -> str:
    """One CSV table of the selection: `organisations` (one row each) or `events` (one row per event).

    Lists are joined with "; ", booleans are `true`/`false`, lines end in \\n. Cells are guarded against
    formula injection for spreadsheet users: one starting with `=`, `+`, `-` or `@` gets a leading apostrophe
    (see `spreadsheet_cell`), so read such cells back with that in mind. The events table holds every event
    that gives a link in the selection, plus the foundings without parents of selected organisations.
    """
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; use one of: {', '.join(TABLES)}")
    selection = select(genealogy, options or SelectionOptions())
    if table == "organisations":
        columns, rows = ORGANISATION_COLUMNS, [_organisation_row(o) for o in selection.organisations]
    else:
        columns, rows = EVENT_COLUMNS, [_event_row(e) for e in _table_events(genealogy, selection)]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({column: spreadsheet_cell(value) for column, value in row.items()} for row in rows)
    return buffer.getvalue()


def _organisation_row(org: Organisation) -> dict[str, object]:
    """The `list` JSON entry and the rest of the record's plain fields."""
    from genealogy.lineage.queries import summary

    return {
        **summary(org),
        "aliases": "; ".join(org.aliases),
        "wikidata": org.wikidata,
        "sources": "; ".join(org.sources),
    }


def _event_row(event: Event) -> dict[str, str | None]:
    return {
        "id": event.id,
        "type": event.type,
        "date": iso(event.date),
        "until": iso(event.until),
        "from": "; ".join(event.from_ids),
        "to": "; ".join(event.to_ids),
        "claims": "; ".join(event.claims),
        "disputed": "true" if event.disputed else "false",
        "description": event.description,
        "sources": "; ".join(event.sources),
    }


__all__ = [
    "FORMATS",
    "TABLES",
    "export",
    "mermaid_ids",
    "mermaid_text",
    "spreadsheet_cell",
    "to_csv",
    "to_dot",
    "to_gexf",
    "to_graphml",
    "to_json",
    "to_mermaid",
]
