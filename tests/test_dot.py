"""DOT text: golden snapshots, escaping of hostile names, structure and selection.

Regenerate the golden files after an intended change with: GENEALOGY_UPDATE_GOLDEN=1 make test
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from genealogy import load
from genealogy.chart.dot import SHAPE_WORDS, ChartOptions, select, shape_key, to_dot
from genealogy.chart.quoting import escaped, html, link_address, quote

from .conftest import CASES, ROOT

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("GENEALOGY_UPDATE_GOLDEN") == "1"
HAS_DOT = shutil.which("dot") is not None

GOLDEN_CASES = {
    "minimal": ("minimal", ChartOptions()),
    "relations": ("relations", ChartOptions(affiliations=True)),
    "relations-focus": ("relations", ChartOptions(focus=("unity",), descendants=False, direction="LR")),
    "relations-by-international": ("relations", ChartOptions(group_by="international", affiliations=True)),
    "relations-plain-labels": ("relations", ChartOptions(rich_labels=False)),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden_dot(name: str) -> None:
    case, options = GOLDEN_CASES[name]
    text = to_dot(load(CASES / "valid" / f"{case}.yaml"), options)
    golden = GOLDEN / f"{name}.dot"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), "DOT changed; if intended, GENEALOGY_UPDATE_GOLDEN=1 make test"


def test_dot_is_byte_stable(sample: Path) -> None:
    """The same DOT under different string hashes: set and dict order cannot leak into the chart.

    Two runs in one process share one hash seed, so they would agree even if the output followed
    the order of a set; each seed runs in its own interpreter, with no cache to serve the answer.
    """
    import sys

    script = "import sys; from genealogy import load; from genealogy.chart.dot import to_dot; "
    script += "sys.stdout.write(to_dot(load(sys.argv[1])))"
    outputs = set()
    for seed in ("0", "1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "GENEALOGY_CACHE": os.devnull}
        done = subprocess.run(
            [sys.executable, "-c", script, str(sample)], cwd=ROOT, env=env, capture_output=True, check=True
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert next(iter(outputs)).startswith(b"digraph")


NASTY = [
    'say "hello"',
    "back\\slash",
    "ends with a backslash\\",
    "\\N \\G \\L escapes",
    "<b>not bold</b>",
    "Fish & Chips",
    "{braces} and |pipes|",
    "line one\nline two",
    "</script><script>alert(1)</script>",
    "tab\there and bell\x07",
    "quote ' apostrophe",
    "]; evil -> injected [",
    "Ünïcödé — “quotes”",
]


@pytest.mark.parametrize("text", NASTY)
def test_quote_cannot_be_broken_out_of(text: str) -> None:
    quoted = quote(text)
    inner = quoted[1:-1]
    assert quoted.startswith('"') and quoted.endswith('"')
    assert not re.search(r'(?<!\\)(\\\\)*"', inner), "an unescaped quote would end the string"
    assert "\n" not in quoted and "\x07" not in quoted


@given(st.text() | st.sampled_from(NASTY) | st.lists(st.text() | st.sampled_from(NASTY), min_size=2).map("\n".join))
def test_quotes_short_way_gives_what_the_long_way_gives(text: str) -> None:
    """Text with nothing to escape (or only lines, as tooltips) takes a short way; any other goes
    through every escape."""
    assert quote(text) == escaped(text)


ADDRESS_CHARACTERS = st.sampled_from("abcXYZ019:/?#[]@!$&()*+,;=%~-._'\" <>{}|^`\\é★\n")


@given(st.text(ADDRESS_CHARACTERS) | st.text())
def test_a_plain_address_is_encoded_as_urllib_would(url: str) -> None:
    """link_address skips urllib for an address with nothing to encode: the same result either way."""
    from urllib.parse import quote as url_quote

    assert link_address(url) == url_quote(url, safe=":/?#[]@!$&()*+,;=%~-._").replace("&", "&amp;")


@pytest.mark.parametrize("text", NASTY)
def test_html_has_no_markup_left(text: str) -> None:
    escaped = html(text).replace("<BR/>", "")
    assert "<" not in escaped and ">" not in escaped
    assert re.sub(r"&(amp|lt|gt|quot|#39);", "", escaped).count("&") == 0


def nasty_record(name: str) -> str:
    return f"""
sources: {{s: {{title: S}}}}
organisations:
  - id: odd
    name: {quote(name)}
    abbreviation: {quote(name)}
    kind: party
    country: FR
    founded: 1950
    sources: [s]
"""


@pytest.mark.dot
@pytest.mark.skipif(not HAS_DOT, reason="system Graphviz is not installed")
@pytest.mark.parametrize("name", NASTY)
def test_nasty_names_render_as_written(name: str, tmp_path: Path) -> None:
    from xml.etree import ElementTree

    path = tmp_path / "odd.yaml"
    path.write_text(nasty_record(name), encoding="utf-8")
    text = to_dot(load(path))
    svg = subprocess.run(["dot", "-Tsvg"], input=text.encode(), capture_output=True, check=True).stdout
    root = ElementTree.fromstring(svg)
    node = root.find(".//{http://www.w3.org/2000/svg}g[@id='odd']")
    assert node is not None

    def plain(text: str) -> str:  # what a reader sees: no invisible or blank characters
        return re.sub(r"[\s\u200b\xa0\x00-\x1f\x7f]", "", text)

    shown = "".join(t.text or "" for t in node.iter("{http://www.w3.org/2000/svg}text"))
    assert plain(shown).startswith(plain(name) + plain(name))  # the name, then the abbreviation
    assert node.find("{http://www.w3.org/2000/svg}title").text == "odd"
    link = node.find("{http://www.w3.org/2000/svg}g/{http://www.w3.org/2000/svg}a")
    assert plain(link.get("{http://www.w3.org/1999/xlink}title")).startswith(plain(name))


# -- structure, on a generated record of every kind ----------------------------------------------------------


def test_every_organisation_appears_once_and_every_event_has_its_edges(sample: Path) -> None:
    record = load(sample)
    text = to_dot(record, ChartOptions(affiliations=True))
    for org_id in record.organisations:
        assert len(re.findall(rf'^  "{re.escape(org_id)}" \[', text, re.M)) == 1, org_id
    for event in record.events:
        for parent in event.from_ids:
            for child in event.to_ids:
                assert f'"{parent}" -> "{child}" [id="{event.id}:{parent}:{child}"' in text


def test_ranks_follow_founding_years(sample: Path) -> None:
    record = load(sample)
    text = to_dot(record)
    ranks = re.findall(r'^  \{ rank=same; "year:(\d+)"; (.*); \}$', text, re.M)
    years = [int(y) for y, _ in ranks]
    assert years == sorted(years) and len(years) == len(set(years))
    for year, members in ranks:
        for org_id in re.findall(r'"([^"]+)"', members):
            assert record.organisations[org_id].founded.year == int(year)
    axis = re.findall(r'^  "year:(\d+)" -> "year:(\d+)"', text, re.M)
    assert all(int(a) < int(b) for a, b in axis)


def test_affiliations_are_an_optional_layer(sample: Path) -> None:
    record = load(sample)
    assert 'class="link affiliation"' not in to_dot(record)
    assert 'class="link affiliation"' in to_dot(record, ChartOptions(affiliations=True))


def test_group_by_country_draws_one_cluster_per_country(sample: Path) -> None:
    record = load(sample)
    text = to_dot(record, ChartOptions(group_by="country"))
    countries = {o.country for o in record.organisations.values()}
    assert len(re.findall(r"subgraph cluster_\d+ \{", text)) == len(countries)


def test_the_key_names_every_shape_drawn_and_no_other(sample: Path) -> None:
    """A reader must be able to decode each node shape: the key lists the kinds in the chart."""
    record = load(sample)
    one = next(iter(record.organisations))
    for options in (ChartOptions(), ChartOptions(focus=(one,)), ChartOptions(kind="party")):
        selection = select(record, options)
        kinds = {o.kind for o in selection.organisations}
        key = to_dot(record, options).split('POINT-SIZE="10">', 1)[1].split(" · dashed border", 1)[0]
        drawn = {SHAPE_WORDS[kind] for kind in kinds}
        for word in set(SHAPE_WORDS.values()):
            assert (f"{word}: " in key) == (word in drawn), (word, key)
        assert all(kind in key for kind in kinds), key
    assert shape_key({"faction", "tendency", "youth"}) == "ellipse: faction/tendency · hexagon: youth"
