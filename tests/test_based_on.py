"""`based-on`: an existing organisation takes another as (also) its base. Checked, walked, drawn and exported."""

from __future__ import annotations

import re

import pytest

from genealogy import check_text
from genealogy.chart.dot import to_dot as tree_dot
from genealogy.chart.timeline import TimelineOptions
from genealogy.chart.timeline_dot import to_dot as timeline_dot
from genealogy.convert.export import export
from genealogy.lineage.graph import LineageGraph
from genealogy.record.validate import load_text
from genealogy.vocabulary import EVENT_TYPES, LINEAGE_TYPES

RECORD = """\
sources:
  book: {title: A book}
organisations:
  - {id: slackware, name: Slackware, kind: group, country: international, founded: 1993-07, sources: [book]}
  - {id: debian, name: Debian, kind: group, country: international, founded: 1993-08, sources: [book]}
  - {id: mnis, name: MNIS, kind: group, country: international, founded: 1995-02, dissolved: 2004-09,
     sources: [book]}
  - {id: mnis-kid, name: MNIS Kid, kind: group, country: international, founded: 2001, sources: [book]}
events:
  - {id: mnis-founding, type: founding, date: 1995-02, from: slackware, to: mnis, sources: [book]}
  - {id: mnis-rebased, type: based-on, date: 1998-06, from: debian, to: mnis, sources: [book]}
  - {id: kid-founding, type: founding, date: 2001, from: mnis, to: mnis-kid, sources: [book]}
"""


def test_based_on_is_a_lineage_type() -> None:
    assert "based-on" in LINEAGE_TYPES and "based-on" in EVENT_TYPES


def test_a_rebase_checks_clean_and_nothing_is_reported() -> None:
    assert check_text(RECORD).problems == []


@pytest.mark.parametrize(
    ("written", "instead", "problem"),
    [
        (
            "date: 1998-06, from: debian",
            "date: 1994, from: debian",
            "'mnis-rebased' (1994) is before 'mnis' was founded (1995-02)",
        ),
        (
            "from: debian, to: mnis",
            "from: debian, to: [mnis, slackware]",
            "a based-on has exactly 1 organisation(s) in 'to', this one has 2",
        ),
    ],
)
def test_the_derived_organisation_must_exist_and_be_one(written: str, instead: str, problem: str) -> None:
    assert [p.message for p in check_text(RECORD.replace(written, instead)).errors] == [problem]


def test_lineage_walks_through_a_rebase_from_its_date_on() -> None:
    graph = LineageGraph(load_text(RECORD))
    assert {r.org.id: r.link.relation for r in graph.descendants("debian")} == {
        "mnis": "based-on",
        "mnis-kid": "founding",  # founded 2001, after the rebase: it inherits from Debian too
    }
    assert {r.org.id for r in graph.ancestors("mnis")} == {"slackware", "debian"}


def test_no_cycle_when_two_organisations_rebase_on_each_other_in_turn() -> None:
    text = RECORD + "  - {id: back, type: based-on, date: 2000, from: mnis, to: debian, sources: [book]}\n"
    assert check_text(text).problems == []


def test_the_tree_and_the_timeline_draw_it_in_its_own_style_and_explain_it() -> None:
    record = load_text(RECORD)
    tree = tree_dot(record)
    assert re.search(
        r'"debian" -> "mnis" \[id="mnis-rebased:debian:mnis", class="link based-on", color="#1a8c8c"', tree
    )
    assert "based on (also)" in tree
    timeline = timeline_dot(record, TimelineOptions(present=2025))
    assert re.search(r'"mnis-rebased:debian:mnis".*arrowhead="vee"', timeline)
    assert 'label="based on (also)' in timeline
    without = load_text(RECORD.replace("type: based-on", "type: merger"))
    assert "based on (also)" not in timeline_dot(without, TimelineOptions(present=2025))


@pytest.mark.parametrize(
    ("output_format", "expected"),
    [
        ("json", '"type": "based-on"'),
        ("graphml", "based-on 1998"),
        ("gexf", 'value="based-on"'),
        ("mermaid", 'org_debian -->|"based-on 1998"| org_mnis'),
        ("dot", 'class="link based-on"'),
    ],
)
def test_every_export_carries_the_type(output_format: str, expected: str) -> None:
    assert expected in export(load_text(RECORD), output_format)
