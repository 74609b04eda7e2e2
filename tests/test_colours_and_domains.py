"""An organisation's own `colour:` and the record's `domains:`: read, checked, kept by fmt, drawn."""

from __future__ import annotations

import re

from genealogy.chart.dot import to_dot as tree_dot
from genealogy.chart.geometry import geometry
from genealogy.chart.styles import DOMAIN_ALPHA, tint
from genealogy.chart.timeline import TimelineOptions, layout
from genealogy.chart.timeline_dot import to_dot as timeline_dot
from genealogy.convert.fmt import format_text
from genealogy.record.validate import check_text, load_text

RECORD = """\
sources:
  book: {title: A book}
organisations:
  - {id: debian, name: Debian, kind: group, country: international, founded: 1993, colour: "#BF1238", sources: [book]}
  - {id: slackware, name: Slackware, kind: group, country: international, founded: 1993, sources: [book]}
  - {id: ubuntu, name: Ubuntu, kind: group, country: international, founded: 2004, colour: "#e95420", sources: [book]}
  - {id: salix, name: Salix, kind: group, country: international, founded: 2009, sources: [book]}
  - {id: mint, name: Linux Mint, kind: group, country: international, founded: 2006, sources: [book]}
events:
  - {id: ubuntu-founding, type: founding, date: 2004, from: debian, to: ubuntu, sources: [book]}
  - {id: salix-founding, type: founding, date: 2009, from: slackware, to: salix, sources: [book]}
  - {id: mint-founding, type: founding, date: 2006, from: ubuntu, to: mint, sources: [book]}
domains:
  - {name: Debian family, colour: "#bf1238", members: [debian, ubuntu, mint]}
  - {name: Slackware family, colour: "#000000", members: [slackware, salix]}
"""
OPTIONS = TimelineOptions(present=2025)


def test_a_record_with_colours_and_domains_checks_clean_and_fmt_keeps_it() -> None:
    assert check_text(RECORD).problems == []
    record = load_text(RECORD)
    assert record.organisations["debian"].colour == "#BF1238"
    assert [(d.name, d.members) for d in record.domains] == [
        ("Debian family", ("debian", "ubuntu", "mint")),
        ("Slackware family", ("slackware", "salix")),
    ]
    formatted = load_text(format_text(RECORD))
    assert [(d.name, d.colour, d.members) for d in formatted.domains] == [
        (d.name, d.colour, d.members) for d in record.domains
    ]
    assert {o.id: o.colour for o in formatted.organisations.values()} == {
        o.id: o.colour for o in record.organisations.values()
    }


def test_the_timeline_draws_own_colours_and_a_band_per_domain_behind_its_lanes() -> None:
    record = load_text(RECORD)
    timeline = layout(record, OPTIONS)
    lanes = {line.org.id: line.lane for line in timeline.lifelines}
    assert sorted(lanes[m] for m in ("debian", "ubuntu", "mint")) == [0, 1, 2]  # a domain's lanes are one block
    assert sorted(lanes[m] for m in ("slackware", "salix")) == [3, 4]
    text = timeline_dot(record, OPTIONS)
    assert re.search(r'\[id="debian", pos="[^"]+", class="lifeline kind-group", color="#bf1238"', text)
    assert re.search(r'\[id="slackware", pos="[^"]+", class="lifeline kind-group", color="#CCBB44"', text)
    band = re.search(
        rf'"domain:0:0", pos="[^"]+", class="domain", color="#bf1238{DOMAIN_ALPHA}", penwidth="([\d.]+)"', text
    )
    assert band is not None and float(band[1]) == 3 * geometry("LR").lane
    assert text.index('"domain:0:0"') < text.index('[id="debian"')  # drawn first: behind the lines
    assert re.search(r'"domain:1:0:name" \[label="Slackware family', text)
    words = set(re.findall(r'"legend:\d+" \[label="([^"\\]+)', text))
    assert {"Domains:", "Debian family", "Slackware family", "each its own colour (colour: in the record)"} <= words


def test_without_domains_nothing_is_banded_and_the_legend_has_no_domains_row() -> None:
    text = timeline_dot(load_text(RECORD.split("domains:")[0]), OPTIONS)
    assert 'class="domain"' not in text and '"Domains:' not in text


def test_the_tree_fills_a_box_with_its_own_colour_made_light() -> None:
    text = tree_dot(load_text(RECORD))
    line = next(x for x in text.splitlines() if x.startswith('  "debian" ['))
    assert f'fillcolor="{tint("#bf1238")}"' in line
    assert "its own colour" in text
