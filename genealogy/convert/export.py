"""Exports of a record, or of a chart's selection of it, to other tools: JSON, GraphML, GEXF, Mermaid, CSV, DOT.

Every export goes through `selection.select`, so the chart options (`--focus`, `--from/--to`, `--country`, `--kind`,
`--affiliations`) choose the same organisations and links as `genealogy render` would draw. Like the DOT text,
every export is byte-stable: organisations by founding date then id, links by event date then id. Nothing here
imports networkx: the XML formats (xml_graph.py) are streamed as text and read back by networkx only in the tests.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from genealogy.convert import EXPORT_FORMATS
from genealogy.convert.bibliography import to_bibtex, to_csl_json
from genealogy.convert.mermaid import mermaid_ids, mermaid_text, to_mermaid
from genealogy.convert.xml_graph import to_gexf, to_graphml
from genealogy.lineage.queries import dated_name, link_fields, summary
from genealogy.lineage.selection import Selection, SelectionOptions, select
from genealogy.model import Event, Genealogy, Organisation, iso

FORMATS = EXPORT_FORMATS
TABLES = ("organisations", "events")


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
        "csl-json": to_csl_json,
        "bibtex": to_bibtex,
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
            "url": genealogy.first_url(org),
            "notes": org.notes,
        }
        for org in selection.organisations
    ]
    links = [
        {"source": parent, "target": child, "key": event.id, **link_fields(event, child)}
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
    rows: list[dict[str, str | None]]
    if table == "organisations":
        columns, rows = ORGANISATION_COLUMNS, [_organisation_row(o) for o in selection.organisations]
    else:
        columns, rows = EVENT_COLUMNS, [_event_row(e) for e in _table_events(genealogy, selection)]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({column: spreadsheet_cell(value) for column, value in row.items()} for row in rows)
    return buffer.getvalue()


def _organisation_row(org: Organisation) -> dict[str, str | None]:
    """The `list` JSON entry and the rest of the record's plain fields, as text."""
    row = {
        **summary(org),
        "aliases": "; ".join(org.aliases),
        "wikidata": org.wikidata,
        "sources": "; ".join(org.sources),
    }
    return {column: None if value is None else str(value) for column, value in row.items()}


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
