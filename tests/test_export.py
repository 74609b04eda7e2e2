"""Exports: every format read back (networkx for the graph formats, csv for tables) has every selected
organisation and link with its attributes; the selection is the chart's; names cannot break Mermaid or CSV."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import genealogy
from genealogy.chart.dot import ChartOptions, select, to_dot
from genealogy.convert import GRAPH_FORMATS
from genealogy.convert.export import (
    FORMATS,
    export,
    spreadsheet_cell,
    to_csv,
    to_gexf,
    to_graphml,
    to_json,
)
from genealogy.convert.mermaid import MERMAID_ARROWS, mermaid_ids, mermaid_text, to_mermaid
from genealogy.model import Date, Genealogy, Organisation

from .conftest import CASES

nx = pytest.importorskip("networkx")

RELATIONS = CASES / "valid" / "relations.yaml"
NASTY_NAME = 'The "Red" [Party] {of} (#1) <b>bold</b> </script> & more %%{init: {}}%% `x` direction LR: a|b; #quot;'
OPTION_SETS = {
    "all": ChartOptions(),
    "affiliations": ChartOptions(affiliations=True),
}


@pytest.fixture(scope="module")
def relations() -> Genealogy:
    return genealogy.load(RELATIONS)


@pytest.fixture(scope="module")
def sampled(sample: Path) -> Genealogy:
    return genealogy.load(sample)


@pytest.fixture
def nasty(write) -> Genealogy:
    """A record whose names and texts hold everything that could break a format."""
    name = json.dumps(NASTY_NAME)
    path = write(
        f"""
sources:
  book: {{title: A book, url: "https://example.org/?a=1&b=<2>"}}
organisations:
  - id: end
    name: {name}
    abbreviation: "<RP>"
    kind: party
    country: FR
    founded: 1931
    aliases: ["=HYPERLINK(\\"http://evil.example\\")", "@SUM(1)"]
    notes: "line one\\nline two"
    sources: [book]
  - id: o-x
    name: "+1 Group"
    kind: group
    country: FR
    founded: 1940
    sources: [book]
events:
  - id: split-1940
    type: split
    date: 1940
    from: end
    to: o-x
    description: "-2 + 3 = \\"split\\" <i>"
    sources: [book]
"""
    )
    return genealogy.load(path)


def _expected(record: Genealogy, options: ChartOptions):
    selection = select(record, options)
    orgs = {o.id: o for o in selection.organisations}
    links = {(parent, child, event.id): event for event, parent, child in selection.links}
    return orgs, links


def _iso(date) -> str | None:
    return date.iso() if date else None


def _cases():
    for record in ("relations", "sampled"):
        for label in OPTION_SETS:
            yield pytest.param(record, label, id=f"{record}-{label}")


# --- JSON -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("record_name", "options_name"), list(_cases()))
def test_json_reads_back_with_networkx(request, record_name: str, options_name: str) -> None:
    record = request.getfixturevalue(record_name)
    options = OPTION_SETS[options_name]
    data = json.loads(to_json(record, options))
    graph = nx.node_link_graph(data, edges="links")
    orgs, links = _expected(record, options)
    assert graph.is_directed() and graph.is_multigraph()
    assert set(graph.nodes) == set(orgs)
    assert {(u, v, k) for u, v, k in graph.edges(keys=True)} == set(links)
    for org_id, org in orgs.items():
        node = graph.nodes[org_id]
        assert node["name"] == org.name
        assert node["abbreviation"] == org.abbreviation
        assert node["kind"] == org.kind
        assert node["country"] == org.country
        assert node["founded"] == _iso(org.founded)
        assert node["dissolved"] == org.dissolved_text()
        assert node["aliases"] == list(org.aliases)
        assert [n["name"] for n in node["names"]] == [n.name for n in org.names]
        assert node["wikidata"] == org.wikidata
        assert node["sources"] == list(org.sources)
    for (parent, child, event_id), event in links.items():
        edge = graph.edges[parent, child, event_id]
        assert edge["event"] == event.id
        assert edge["type"] == event.type
        assert edge["date"] == _iso(event.date)
        assert edge["claims"] is (child in event.claims)
        assert edge["disputed"] is event.disputed
        assert edge["description"] == event.description
    assert data["graph"]["title"] == (record.title or "Genealogy")


def test_json_link_shape(relations: Genealogy) -> None:
    data = json.loads(to_json(relations))
    link = next(x for x in data["links"] if x["event"] == "world-split" and x["target"] == "heirs")
    assert link == {
        "source": "world",
        "target": "heirs",
        "key": "world-split",
        "event": "world-split",
        "type": "split",
        "date": "1960",
        "until": None,
        "claims": True,
        "disputed": False,
        "description": None,
        "sources": ["book"],
        "notes": None,
    }
    unity = next(x for x in data["nodes"] if x["id"] == "unity")
    assert unity["names"] == [{"name": "Unity Committee", "abbreviation": "UC", "since": "1955", "until": "1957"}]
    assert unity["url"] == "https://example.org/book"


# --- GraphML and GEXF --------------------------------------------------------------------------------------------


def _check_xml_graph(graph, orgs, links, label_attribute: str) -> None:
    assert set(graph.nodes) == set(orgs)
    assert {(u, v, k.split(":")[0]) for u, v, k in graph.edges(keys=True)} == set(links)
    for org_id, org in orgs.items():
        node = graph.nodes[org_id]
        assert node[label_attribute] == org.label()
        assert node["name"] == org.name
        assert node.get("abbreviation") == org.abbreviation
        assert node["kind"] == org.kind
        assert node["country"] == org.country
        assert node.get("founded") == _iso(org.founded)
        assert node.get("dissolved") == org.dissolved_text()
        assert node.get("aliases") == ("; ".join(org.aliases) or None)
        assert node.get("wikidata") == org.wikidata
        assert node["sources"] == "; ".join(org.sources)
        assert node.get("notes") == org.notes
        assert all(isinstance(value, str) for value in node.values())
    for u, v, key, edge in graph.edges(keys=True, data=True):
        event = links[u, v, key.split(":")[0]]
        assert key == f"{event.id}:{u}:{v}"
        assert edge["event"] == event.id
        assert edge["type"] == event.type
        assert edge.get("date") == _iso(event.date)
        assert edge.get("until") == _iso(event.until)
        assert edge["claims"] is (v in event.claims)
        assert edge["disputed"] is event.disputed
        assert edge.get("description") == event.description
        assert edge["sources"] == "; ".join(event.sources)


@pytest.mark.parametrize(("record_name", "options_name"), list(_cases()))
def test_graphml_reads_back_with_networkx(request, record_name: str, options_name: str) -> None:
    record = request.getfixturevalue(record_name)
    options = OPTION_SETS[options_name]
    text = to_graphml(record, options)
    graph = nx.read_graphml(io.BytesIO(text.encode()), force_multigraph=True)
    assert graph.is_directed()
    _check_xml_graph(graph, *_expected(record, options), label_attribute="label")
    assert graph.graph["title"] == (record.title or "Genealogy")


@pytest.mark.parametrize(("record_name", "options_name"), list(_cases()))
def test_gexf_reads_back_with_networkx(request, record_name: str, options_name: str) -> None:
    record = request.getfixturevalue(record_name)
    options = OPTION_SETS[options_name]
    text = to_gexf(record, options)
    assert 'version="1.3"' in text
    graph = nx.read_gexf(io.BytesIO(text.encode()))
    if not graph.is_multigraph():  # read_gexf gives a DiGraph when no two edges join the same nodes
        multigraph = nx.MultiDiGraph()
        multigraph.add_nodes_from(graph.nodes(data=True))
        multigraph.add_edges_from((u, v, data["id"], data) for u, v, data in graph.edges(data=True))
        graph = multigraph
    assert graph.is_directed()
    _check_xml_graph(graph, *_expected(record, options), label_attribute="label")
    assert all(data["label"].startswith(data["type"]) for _, _, data in graph.edges(data=True))


def test_parallel_links_stay_apart(relations: Genealogy) -> None:
    """red joins (1932) and leaves (1958) the World League: two edges between the same two nodes."""
    options = ChartOptions(affiliations=True)
    graph = nx.read_graphml(io.BytesIO(to_graphml(relations, options).encode()))
    assert graph.is_multigraph()
    assert sorted(graph["red"]["world"]) == ["red-joins:red:world", "red-leaves:red:world"]
    graph = nx.read_gexf(io.BytesIO(to_gexf(relations, options).encode()))
    assert sorted(graph["red"]["world"]) == ["red-joins:red:world", "red-leaves:red:world"]


def test_xml_formats_keep_nasty_text_exact(nasty: Genealogy) -> None:
    for graph in (
        nx.read_graphml(io.BytesIO(to_graphml(nasty).encode())),
        nx.read_gexf(io.BytesIO(to_gexf(nasty).encode())),
        nx.node_link_graph(json.loads(to_json(nasty)), edges="links"),
    ):
        assert graph.nodes["end"]["name"] == NASTY_NAME
        assert graph.nodes["end"]["notes"] == "line one\nline two"
        assert graph.nodes["end"]["url"] == "https://example.org/?a=1&b=<2>"
        ((_, _, edge),) = graph.edges(data=True)
        assert edge["description"] == '-2 + 3 = "split" <i>'


def test_xml_drops_characters_xml_cannot_hold(relations: Genealogy) -> None:
    import dataclasses

    red = dataclasses.replace(relations.organisations["red"], name="Red\x00 Party\x1b\r\n")
    record = dataclasses.replace(relations, organisations={**relations.organisations, "red": red})
    for text in (to_graphml(record), to_gexf(record)):
        graph = (nx.read_graphml if "graphml" in text[:200] else nx.read_gexf)(io.BytesIO(text.encode()))
        assert graph.nodes["red"]["name"] == "Red Party\n"


# --- Mermaid ------------------------------------------------------------------------------------------------------

_NODE = re.compile(r'^  (?P<id>\w+)(?P<open>\[\[|\(\[|\{\{|[\[(>])"(?P<label>[^"]*)"(?P<close>\]\]|\]\)|\}\}|[\])])$')
_EDGE = re.compile(r'^  (?P<a>\w+) (?P<arrow>\S+)\|"(?P<label>[^"]*)"\| (?P<b>\w+)$')


def _unescape(text: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m[1])), text)


@pytest.mark.parametrize(("record_name", "options_name"), list(_cases()))
def test_mermaid_structure(request, record_name: str, options_name: str) -> None:
    record = request.getfixturevalue(record_name)
    options = OPTION_SETS[options_name]
    text = to_mermaid(record, options)
    lines = text.splitlines()
    title = json.dumps(record.title or "Genealogy", ensure_ascii=False)
    assert lines[:4] == ["---", f"title: {title}", "---", "flowchart TB"]
    orgs, links = _expected(record, options)
    nodes = [m for line in lines if (m := _NODE.match(line))]
    edges = [m for line in lines if (m := _EDGE.match(line))]
    ids = {m["id"] for m in nodes}
    assert len(nodes) == len(orgs) == len(ids)  # every organisation exactly once
    assert all(re.fullmatch(r"org_[A-Za-z0-9_]+", i) for i in ids)
    by_id = mermaid_ids(select(record, options).organisations)
    for match in nodes:
        org_id = next(k for k, v in by_id.items() if v == match["id"])
        name, details = match["label"].split("<br/>")
        assert _unescape(name) == orgs[org_id].name
        assert not re.search(r"[<>\"`%:\[\]{}()|]", name + details)
    assert len(edges) == len(links)
    for match, (event, parent, child) in zip(edges, select(record, options).links, strict=True):
        assert (match["a"], match["b"]) == (by_id[parent], by_id[child])
        assert match["arrow"] == MERMAID_ARROWS[event.type]
        label = _unescape(match["label"])
        assert label.startswith(f"{event.type} {event.date.short()}")
        assert ("claims" in label) is (child in event.claims)
    styled = [int(i) for line in lines if line.startswith("  linkStyle ") for i in line.split()[1].split(",")]
    assert sorted(styled) == list(range(len(links)))
    kinds = {o.kind for o in orgs.values()}
    assert {line.split()[1] for line in lines if line.startswith("  classDef kind_")} >= {f"kind_{k}" for k in kinds}
    classed = [
        i for line in lines if line.startswith("  class ") and "kind_" in line for i in line.split()[1].split(",")
    ]
    assert sorted(classed) == sorted(ids)


def test_mermaid_escapes_a_nasty_name(nasty: Genealogy) -> None:
    text = to_mermaid(nasty)
    node_lines = [line for line in text.splitlines() if _NODE.match(line)]
    assert len(node_lines) == 2
    line = next(x for x in node_lines if x.startswith("  org_end("))
    label = _NODE.match(line)["label"]
    assert "</script>" not in text and "<b>" not in text and "%%" not in text and "`" not in text
    assert "direction LR" not in text
    assert _unescape(label.split("<br/>")[0]) == NASTY_NAME
    assert _unescape(label.split("<br/>")[1]) == "<RP> · FR · 1931–"
    assert "  org_o_x[" in text  # `o-x`: the prefix keeps the o/x arrow heads and `end` away
    assert '  org_end -->|"split 1940"| org_o_x' in text


def test_mermaid_text_cases() -> None:
    assert mermaid_text('a "b"') == "a #34;b#34;"
    assert mermaid_text("#quot;") == "#35;quot;"
    assert mermaid_text("line\nbreak") == "line break"
    assert mermaid_text("Direction\tTB") == "Direction#32;TB"


def test_mermaid_ids_are_unique_and_safe() -> None:
    from genealogy.model import Organisation

    orgs = [Organisation(id=i, name=i, kind="party", country="FR", founded=None) for i in ("a-b", "a_b", "é", "end")]
    ids = mermaid_ids(orgs)
    assert ids == {"a-b": "org_a_b", "a_b": "org_a_b_2", "é": "org__", "end": "org_end"}


def test_mermaid_direction(relations: Genealogy) -> None:
    assert "\nflowchart LR\n" in to_mermaid(relations, direction="LR")


# --- CSV --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("record_name", "options_name"), list(_cases()))
def test_csv_organisations(request, record_name: str, options_name: str) -> None:
    record = request.getfixturevalue(record_name)
    options = OPTION_SETS[options_name]
    rows = list(csv.DictReader(io.StringIO(to_csv(record, options))))
    orgs, _ = _expected(record, options)
    assert [r["id"] for r in rows] == [o.id for o in select(record, options).organisations]
    for row in rows:
        org = orgs[row["id"]]
        assert list(row) == [
            "id", "name", "abbreviation", "kind", "country", "founded", "dissolved", "aliases", "wikidata", "sources",
        ]  # fmt: skip
        assert row["name"] == spreadsheet_cell(org.name)
        assert row["abbreviation"] == (org.abbreviation or "")
        assert (row["kind"], row["country"]) == (org.kind, org.country)
        assert row["founded"] == (_iso(org.founded) or "")
        assert row["dissolved"] == (org.dissolved_text() or "")
        assert row["aliases"] == spreadsheet_cell("; ".join(org.aliases))
        assert row["wikidata"] == (org.wikidata or "")
        assert row["sources"].split("; ") == list(org.sources)


@pytest.mark.parametrize(("record_name", "options_name"), list(_cases()))
def test_csv_events(request, record_name: str, options_name: str) -> None:
    record = request.getfixturevalue(record_name)
    options = OPTION_SETS[options_name]
    rows = list(csv.DictReader(io.StringIO(to_csv(record, options, table="events"))))
    _, links = _expected(record, options)
    by_id = {e.id: e for e in record.events}
    listed = {r["id"] for r in rows}
    assert {event_id for _, _, event_id in links} <= listed
    for row in rows:
        event = by_id[row["id"]]
        assert row["type"] == event.type
        assert row["date"] == (_iso(event.date) or "")
        assert row["until"] == (_iso(event.until) or "")
        assert row["from"] == "; ".join(event.from_ids)
        assert row["to"] == "; ".join(event.to_ids)
        assert row["claims"] == "; ".join(event.claims)
        assert row["disputed"] == ("true" if event.disputed else "false")
        assert row["description"] == spreadsheet_cell(event.description)
        assert row["sources"] == "; ".join(event.sources)
    if options_name == "all":  # the whole record: every event but the affiliations
        assert listed == {e.id for e in record.events if e.type not in ("affiliation", "disaffiliation")}
    else:
        assert listed == {e.id for e in record.events}
    dates = [by_id[r["id"]].date.sort_key() for r in rows]
    assert dates == sorted(dates)


def test_csv_events_of_a_focus_include_parentless_foundings(sampled: Genealogy) -> None:
    options = ChartOptions(focus=(list(sampled.organisations)[-1],), descendants=False)
    rows = list(csv.DictReader(io.StringIO(to_csv(sampled, options, table="events"))))
    chosen = {o.id for o in select(sampled, options).organisations}
    for row in rows:
        event = next(e for e in sampled.events if e.id == row["id"])
        assert set(event.to_ids) & chosen
        assert event.from_ids == () or set(event.from_ids) & chosen


def test_csv_guards_against_formula_injection(nasty: Genealogy) -> None:
    organisations = list(csv.DictReader(io.StringIO(to_csv(nasty))))
    end = next(r for r in organisations if r["id"] == "end")
    assert end["aliases"] == '\'=HYPERLINK("http://evil.example"); @SUM(1)'
    assert next(r for r in organisations if r["id"] == "o-x")["name"] == "'+1 Group"
    assert end["name"] == NASTY_NAME
    (event,) = csv.DictReader(io.StringIO(to_csv(nasty, table="events")))
    assert event["description"] == '\'-2 + 3 = "split" <i>'
    for cell in ("=1", "+1", "-1", "@x", "\tx", "\rx"):
        assert spreadsheet_cell(cell) == "'" + cell
    assert spreadsheet_cell("1-2") == "1-2"


# --- selection, dispatch, determinism ------------------------------------------------------------------------


def _node_ids(text: str, output_format: str) -> set[str]:
    if output_format == "json":
        return {n["id"] for n in json.loads(text)["nodes"]}
    if output_format == "graphml":
        return set(nx.read_graphml(io.BytesIO(text.encode())).nodes)
    if output_format == "gexf":
        return set(nx.read_gexf(io.BytesIO(text.encode())).nodes)
    if output_format == "csv":
        return {r["id"] for r in csv.DictReader(io.StringIO(text))}
    if output_format == "mermaid":
        return {m["id"].removeprefix("org_") for line in text.splitlines() if (m := _NODE.match(line))}
    return set(re.findall(r'^  "([a-z0-9-]+)" \[id=', text, flags=re.MULTILINE))


@pytest.mark.parametrize("output_format", GRAPH_FORMATS)
@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (ChartOptions(focus=("blue",), descendants=False), {"world", "red", "blue"}),
        (ChartOptions(focus=("heirs",), ancestors=False), {"heirs", "world"}),  # time-respecting: not 1931
        (ChartOptions(focus=("unity",), depth=1), {"blue", "green", "unity", "youth"}),  # youth: based-on 1965
        (ChartOptions(country="FR"), {"red", "blue", "youth"}),
        (ChartOptions(kind="international"), {"world", "rivals"}),
        (ChartOptions(year_from=1956, year_to=1961), {"host", "world", "red", "unity", "heirs", "rivals"}),
    ],
)
def test_selection_is_the_charts(relations: Genealogy, output_format: str, options: ChartOptions, expected) -> None:
    assert {o.id for o in select(relations, options).organisations} == expected
    assert _node_ids(export(relations, output_format, options), output_format) == expected


def test_export_dispatches(relations: Genealogy) -> None:
    options = ChartOptions(country="GB")
    assert export(relations, "dot", options) == to_dot(relations, options)
    assert export(relations, "json", options) == to_json(relations, options)
    assert export(relations, "graphml", options) == to_graphml(relations, options)
    assert export(relations, "gexf", options) == to_gexf(relations, options)
    assert export(relations, "mermaid", options) == to_mermaid(relations, options)
    assert export(relations, "csv", options) == to_csv(relations, options)
    assert export(relations, "csv", options, table="events") == to_csv(relations, options, "events")
    assert export(relations, "json") == to_json(relations, ChartOptions())
    with pytest.raises(ValueError, match="unknown export format 'yaml'; use one of: json, graphml"):
        export(relations, "yaml")
    with pytest.raises(ValueError, match="unknown table 'sources'"):
        export(relations, "csv", table="sources")


@pytest.mark.parametrize("output_format", FORMATS)
def test_output_is_deterministic(output_format: str, sample: Path) -> None:
    """Same input, same bytes: two loads of the file, the second with its organisations in reverse order."""
    import dataclasses

    first = genealogy.load(sample)
    second = genealogy.load(sample)
    shuffled = dataclasses.replace(
        second,
        organisations=dict(reversed(list(second.organisations.items()))),
        events=tuple(reversed(second.events)),
    )
    for table in ("organisations", "events"):
        assert export(first, output_format, table=table) == export(shuffled, output_format, table=table)


def test_package_does_not_import_networkx(tmp_path: Path) -> None:
    code = (
        "import sys, genealogy\n"
        "from genealogy.convert.export import export\n"
        f"record = genealogy.load({str(RELATIONS)!r})\n"
        "for f in ('json', 'graphml', 'gexf', 'mermaid', 'csv', 'dot'): export(record, f)\n"
        "assert 'networkx' not in sys.modules, 'networkx imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_streamed_xml_keeps_any_name(name: str) -> None:
    """The XML is written as text, not by ElementTree: any name must still parse back as itself."""
    import xml.etree.ElementTree as ET

    from genealogy.convert.xml_graph import _xml, to_gexf, to_graphml

    org = Organisation("a", name, "party", "FR", Date(1950))
    record = Genealogy("<t>", {"a": org}, (), {})
    expected = _xml(name)
    graphml = ET.fromstring(to_graphml(record).encode("utf-8"))
    names = [
        d.text or "" for d in graphml.iter("{http://graphml.graphdrawing.org/xmlns}data") if d.get("key") == "n_name"
    ]
    assert names == [expected]
    gexf = ET.fromstring(to_gexf(record).encode("utf-8"))
    labels = [n.get("label") for n in gexf.iter("{http://gexf.net/1.3}node")]
    assert labels == [_xml(org.label())]


# --- the bibliography ---------------------------------------------------------------------------------------

BIBLIOGRAPHY = """
sources:
  alexander-1991-ceylon:
    author: Robert J. Alexander
    title: 'International Trotskyism 1929–1985: A Documented Analysis of the Movement'
    kind: scholarly
    chapter: Ceylonese Trotskyism
    year: 1991
    publisher: Duke University Press
    pages: 120-135
    url: https://www.marxists.org/history/etol/writers/alex/works/in_trot/ceylon.htm
  paper:
    title: 'A {braced} 50% & #1 story_with_specials'
    kind: press
    year: '2001'
  unused:
    title: Not cited by the selection
    kind: encyclopedia
organisations:
  - {id: alpha, name: Alpha, kind: party, country: LK, founded: 1935, sources: [alexander-1991-ceylon, paper]}
  - {id: beta, name: Beta, kind: party, country: FR, founded: 1940, sources: [unused]}
"""


def _bibliography_record() -> Genealogy:
    report = genealogy.check_text(BIBLIOGRAPHY)
    assert [p.code for p in report.problems] == ["weak-source"]  # beta cites only an encyclopedia
    return report.genealogy


def test_bibtex_reads_back_with_pybtex() -> None:
    from pybtex.database import parse_string

    from genealogy.lineage.selection import SelectionOptions

    text = export(_bibliography_record(), "bibtex", SelectionOptions(country="LK"))
    entries = parse_string(text, "bibtex").entries
    assert sorted(entries) == ["alexander-1991-ceylon", "paper"]
    book = entries["alexander-1991-ceylon"]
    assert book.type == "incollection"
    assert book.fields["booktitle"] == "International Trotskyism 1929–1985: A Documented Analysis of the Movement"
    assert book.fields["title"] == "{Ceylonese Trotskyism}"
    assert (book.fields["year"], book.fields["pages"], book.fields["keywords"]) == ("1991", "120-135", "scholarly")
    assert str(book.persons["author"][0]) == "Alexander, Robert J."
    assert entries["paper"].fields["title"] == r"{A \{braced\} 50\% \& \#1 story\_with\_specials}"


def test_csl_json_formats_with_citeproc() -> None:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads(export(_bibliography_record(), "csl-json"))
    assert [i["id"] for i in items] == ["alexander-1991-ceylon", "paper", "unused"]
    assert items[0]["type"] == "chapter" and items[0]["keyword"] == "scholarly"
    bibliography = CitationStylesBibliography(
        CitationStylesStyle("harvard-cite-them-right", validate=False), CiteProcJSON(items), formatter.plain
    )
    bibliography.register(Citation([CitationItem("alexander-1991-ceylon")]))
    [entry] = [str(line) for line in bibliography.bibliography()]
    assert "Ceylonese Trotskyism" in entry and "Duke University Press" in entry and "1991" in entry
