"""Importing gnuclad sheets: a small hand-written sheet, every error in one line, and the real timeline."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import genealogy
from genealogy.convert.fmt import format_text
from genealogy.convert.gnuclad import GnucladError, convert, convert_text, import_gnuclad, parse_date
from genealogy.record.validate import load_text

from .conftest import SHARED

LDT = SHARED / "datasets" / "linux-timeline" / "ldt.csv"

# Two nodes told apart only by a trailing space, a rename, a commented-out node, a day 0, an
# "INFO:" triple, connectors of each kind (rebase, birth, repeat of the Parent, contradictory
# dates), a domain and an image.
FAMILY = """\
,,,,,,,,,,
"//!","Family sheet",,,,,,,,,
"//!","Licensed CC0",,,,,,,,,
"//!",,,,,,,,,,
"//","Open with commas and double quotes",,,,,,,,,
"#","Name","Color","Parent","Start","Stop","Icon","Description","[Namechange","When","Description"
"N","Root","#000",,"1990",,,"https://example.org/root",,,
"N","Child","#111","Root","1993.7.16","2001.2",,"https://example.org/child","Child Two","1995.3","https://example.org/two"
"N","Child ","#222","Root","2001.2.28",,,,,,
"#N","Ghost","#333","Root","1999",,,,,,
"N","Other","#444",,"1994","2020.05.00",,"not an address",,"INFO:","https://example.org/other"
,,,,,,,,,,
"#","From When","From","To When","To","Thickness","Color",,,,
"C","1995.6","Other",,"Child","2","#555","# Child rebased on Other",,,
"C","2001.2.28","Child",,"Child ","4","#666",,,,
"C","1993.7.16","Root",,"Child","1","#777",,,,
"C","2002.5","Child",,"Other","1","#888",,,,
"C","2010","Child",,"Other","2","#999",,,,
"D","Root","#aaa","15",,,,,,,
"SVG","images/x.svg","1","2",,,,,,,
"""


@pytest.fixture
def family(tmp_path: Path) -> Path:
    path = tmp_path / "family.csv"
    path.write_text(FAMILY, encoding="utf-8")
    return path


def sheet(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "bad.csv"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# -- the hand-written sheet ----------------------------------------------------------------------


def test_nodes_become_organisations(family: Path) -> None:
    record = load_text(import_gnuclad(family))
    orgs = record.organisations
    assert list(orgs) == ["root", "child", "child-2", "other"]
    assert {o.kind for o in orgs.values()} == {"group"}
    assert {o.country for o in orgs.values()} == {"international"}
    dates = {o.id: (str(o.founded), o.dissolved and str(o.dissolved)) for o in orgs.values()}
    assert dates == {
        "root": ("1990", None),
        "child": ("1993-07-16", "2001-02"),
        "child-2": ("2001-02-28", None),
        "other": ("1994", "2020-05"),
    }
    # The latest name is the name; the one before keeps its dates.
    child = orgs["child"]
    assert child.name == "Child Two"
    assert [(n.name, n.since, n.until and str(n.until)) for n in child.names] == [("Child", None, "1995-03")]
    assert child.label_at(genealogy.Date(1994)) == "Child"
    # The trailing space keeps two nodes apart, and says so.
    assert orgs["child-2"].name == "Child"
    assert orgs["child-2"].notes == "In the sheet this node is 'Child ', told apart from 'Child' by spaces."
    assert orgs["other"].notes == "The sheet's description reads “not an address”."


def test_addresses_become_sources(family: Path) -> None:
    record = load_text(import_gnuclad(family))
    assert {o.id: o.sources for o in record.organisations.values()} == {
        "root": ("root", "family-sheet"),
        "child": ("child", "child.2", "family-sheet"),
        "child-2": ("family-sheet",),
        "other": ("other", "family-sheet"),
    }
    assert record.sources["child.2"].title == "Child Two (page at example.org)"
    assert record.sources["child.2"].url == "https://example.org/two"
    assert record.sources["other"].url == "https://example.org/other"  # from the INFO: columns
    sheet_source = record.sources["family-sheet"]
    assert sheet_source.title == "Family sheet"
    assert sheet_source.notes is not None and sheet_source.notes.endswith("family.csv. Licensed CC0")
    assert record.title == "Family sheet"
    assert {e.sources for e in record.events} == {("family-sheet",)}


def test_parents_and_connectors_become_events(family: Path) -> None:
    record = load_text(import_gnuclad(family))
    events = [(e.id, e.type, str(e.date), e.from_ids, e.to_ids) for e in record.events]
    assert events == [
        ("child-founding", "founding", "1993-07-16", ("root",), ("child",)),
        ("child-2-founding", "founding", "2001-02-28", ("root",), ("child-2",)),
        ("other-to-child-1995", "based-on", "1995-06", ("other",), ("child",)),
        ("child-to-child-2-2001", "founding", "2001-02-28", ("child",), ("child-2",)),
        ("child-to-other-2002", "based-on", "2002-05?", ("child",), ("other",)),
    ]
    by_id = {e.id: e for e in record.events}
    assert by_id["child-founding"].description == "Child branches off Root."
    assert by_id["other-to-child-1995"].description == (
        "Child Two is also based on Other (rebasing, substantial code flow, project overtaking; "
        "thickness 2 in the LDT legend)."
    )
    assert by_id["other-to-child-1995"].notes == "The sheet's comment reads “Child rebased on Other”."
    assert by_id["child-to-child-2-2001"].description == (
        "Child begins from Child Two (developer and code sharing, project merging; thickness 4 in the LDT legend)."
    )
    assert by_id["child-to-other-2002"].notes == (
        "The date is marked uncertain because in the sheet it is dated 2002-05, after Child Two ended in 2001-02."
    )


def test_a_connector_whose_source_stops_as_it_leaves_is_a_merger() -> None:
    """Conectiva into Mandrake, LEDE into OpenWrt: the source ends on the day its line leaves it."""
    rows = [
        '"N","Mandrake",,,"1998.7",,,',
        '"N","Conectiva",,,"1995.8","2005.1.24",,',
        '"N","Derived",,,"2000",,,',
        '"C","2005.1.24","Conectiva",,"Mandrake","2",',
        '"C","2003","Conectiva",,"Derived","2",',
    ]
    record = load_text(convert_text("\n".join(rows) + "\n").text)
    assert [(e.type, e.from_ids, e.to_ids) for e in record.events] == [
        ("merger", ("conectiva",), ("mandrake",)),
        ("based-on", ("conectiva",), ("derived",)),
    ]
    assert record.events[0].description == (
        "Conectiva ends, flowing into Mandrake (rebasing, substantial code flow, project overtaking; "
        "thickness 2 in the LDT legend)."
    )


def test_colours_and_domains_are_kept(family: Path) -> None:
    record = load_text(import_gnuclad(family))
    assert {o.id: o.colour for o in record.organisations.values()} == {
        "root": "#000000",  # #rgb as SVG reads it
        "child": "#111111",
        "child-2": "#222222",
        "other": "#444444",
    }
    (domain,) = record.domains
    assert (domain.name, domain.colour, domain.members) == ("Root", "#aaaaaa", ("root", "child", "child-2"))
    assert (
        domain.notes
        == "The sheet's domain of Root, at an intensity of 15: it and every node descending from it by Parent."
    )


def test_domain_members_follow_parents_only_and_a_long_line_costs_linear_time() -> None:
    count = 10_000
    rows = [f'"N","Node {i}",,"{f"Node {i - 1}" if i else ""}","{1000 + i // 100}",,,' for i in range(count)]
    rows += ['"N","Alone",,,"1050",,,', '"C","1060","Node 5",,"Alone","2",', '"D","Node 5","#abc","10"']
    started = time.perf_counter()
    record = load_text(convert_text("\n".join(reversed(rows)) + "\n").text)
    assert time.perf_counter() - started < 10
    (domain,) = record.domains
    assert len(domain.members) == count - 5 and "alone" not in domain.members  # a connector is not a Parent


@pytest.mark.parametrize(
    ("row", "said"),
    [
        ('"D","Ghost","#aaa","15"', "line 2: domain of 'Ghost', as no node has that name (gnuclad refuses it)"),
        ('"D","Root","pink","15"', "line 2: domain of 'Root', as its Color 'pink' is no colour"),
    ],
)
def test_a_domain_that_cannot_be_kept_is_listed(row: str, said: str) -> None:
    result = convert_text(f'"N","Root","#zzz",,"1990",,,\n{row}\n')
    assert said in result.skipped
    assert "line 1: the Color '#zzz' of 'Root' is no colour; left out" in result.adjusted
    assert load_text(result.text).domains == ()


def test_the_summary_counts_and_lists_every_adjustment(family: Path) -> None:
    result = convert(family)
    assert (result.organisations, result.events, result.connectors, result.domains, result.images) == (4, 5, 5, 1, 1)
    assert result.adjusted == (
        "line 11: the Stop '2020.05.00' of 'Other' read as 2020-05 (day 0 means no day)",
        "line 11: columns 9-11 hold no new name ('INFO:'), so no name change (gnuclad skips them too); "
        "its address is cited as a source",
        "line 17: based-on Child -> Other dated 2002-05? (uncertain), as in the sheet it is dated 2002-05, "
        "after Child Two ended in 2001-02",
    )
    assert result.skipped == (
        "line 16: connector Root -> Child, as it repeats the node's Parent at its start",
        "line 18: based-on Child -> Other, as in the sheet it is dated 2010, after Child Two ended in 2001-02",
    )
    assert result.summary()[0] == (
        "4 organisations, 5 events and 1 domain(s); 1 image row(s) ignored, as they only dress gnuclad's chart; "
        "3 value(s) adjusted, 2 row(s) or link(s) left out"
    )


def test_the_import_checks_clean_and_is_canonical(family: Path) -> None:
    text = import_gnuclad(family)
    assert text.splitlines()[0] == "# Imported from gnuclad sheet family.csv by genealogy import gnuclad"
    assert genealogy.check_text(text).problems == []
    assert format_text(text) == text


def test_ids_do_not_depend_on_the_order_of_rows() -> None:
    rows = ['"N","MAX ",,,"2007.3",,,', '"N","MAX",,,"2004",,,', '"N","Max 2",,,"2005",,,']
    forward = load_text(convert_text("\n".join(rows)).text).organisations
    backward = load_text(convert_text("\n".join(reversed(rows))).text).organisations
    names = {o.id: o.founded for o in forward.values()}
    assert names == {o.id: o.founded for o in backward.values()}
    assert {o.id: str(o.founded) for o in forward.values()} == {"max": "2004", "max-2": "2007-03", "max-2-2": "2005"}


def test_a_link_that_would_make_a_cycle_is_left_out() -> None:
    text = '"N","A",,,"2000",,,\n"N","B",,,"2000",,,\n"C","2000","A",,"B","2",\n"C","2000","B",,"A","2",\n'
    result = convert_text(text)
    assert result.skipped == ("line 4: founding B -> A, as B would descend from itself",)
    assert genealogy.check_text(result.text).problems == []


def test_a_child_older_than_its_parent_loses_the_link() -> None:
    result = convert_text('"N","P",,,"2005",,,\n"N","K",,"P","2001",,,\n')
    assert result.skipped == ("line 2: founding P -> K, as in the sheet K began in 2001, before P did in 2005",)
    assert result.events == 0
    assert genealogy.check_text(result.text).problems == []


# -- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "read", "how"),
    [
        ("1993.7.16", "1993-07-16", None),
        ("1992.6", "1992-06", None),
        ("1994", "1994", None),
        (" 2010.4.4 ", "2010-04-04", None),
        ("2013.09.07", "2013-09-07", None),
        ("2016.03.00", "2016-03", "day 0 means no day"),
        ("2016.0", "2016", "month 0 means no month"),
        ("2017.11.21:", "2017-11-21", "stray ':' dropped, as gnuclad does"),
        ("2000.2.29", "2000-02-29", None),
    ],
)
def test_gnuclad_dates(written: str, read: str, how: str | None) -> None:
    date, note = parse_date(written)
    assert (date.iso(), note) == (read, how)


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("soon", "is not a date; write YYYY, YYYY.M or YYYY.M.D"),
        ("93.7.16", "is not a date; write YYYY, YYYY.M or YYYY.M.D"),
        ("1993-07-16", "is not a date; write YYYY, YYYY.M or YYYY.M.D"),
        ("1993.7.16.1", "is not a date; write YYYY, YYYY.M or YYYY.M.D"),
        ("1993.13", "has month 13; months run from 1 to 12"),
        ("2001.2.29", "has day 29; 2001-02 has 28 days"),
        ("2001.4.31", "has day 31; 2001-04 has 30 days"),
        ("2001.0.5", "has a day but month 0; write YYYY.M.D with a month from 1 to 12"),
    ],
)
def test_impossible_dates_are_refused(written: str, why: str) -> None:
    with pytest.raises(ValueError, match=f"^{why}$"):
        parse_date(written)


# -- errors --------------------------------------------------------------------------------------

ERRORS = [
    (
        '"N","Root",,,"1990",,,\n"X","what"\n',
        "2: unknown row type 'X'; the first column must be N, C, D, SVG or PNG, or start with # or // for a comment",
    ),
    (
        '"N","Kid","#000","Nobody","2000",,,\n',
        "1: node 'Kid' has the parent 'Nobody', and no node has that name; add that node or correct the name "
        "(spaces count)",
    ),
    (
        '"N","Root",,,"1990",,,\n"N","Kid",,"Root ","2000",,,\n',
        "2: node 'Kid' has the parent 'Root ', and no node has that name; did you mean 'Root'?",
    ),
    ('"N","Kid",,,"soon",,,\n', "1: the Start 'soon' of 'Kid' is not a date; write YYYY, YYYY.M or YYYY.M.D"),
    ('"N","Kid",,,"2001.2.29",,,\n', "1: the Start '2001.2.29' of 'Kid' has day 29; 2001-02 has 28 days"),
    ('"N","Kid",,,"1990","1999.13",,\n', "1: the Stop '1999.13' of 'Kid' has month 13; months run from 1 to 12"),
    (
        '"N","Kid",,,"2000",,,,"Kiddo","2001.14",\n',
        "1: the date '2001.14' of the new name 'Kiddo' has month 14; months run from 1 to 12",
    ),
    (
        '"N","Kid",,,"2000",,,\n"C","2000.0.5","Kid",,"Kid","1",\n',
        "2: the From When '2000.0.5' of a connector has a day but month 0; write YYYY.M.D with a month from 1 to 12",
    ),
    (
        '"N","Kid",,,"2000",,,\n"C","2001","Kid",,"Ghost","1",\n',
        "2: the connector's To is 'Ghost', and no node has that name; add that node or correct the name (spaces count)",
    ),
    ('"N","Kid",,,"2000",,,\n"N","Kid",,,"2001",,,\n', "2: node 'Kid' is already defined at line 1; rename one"),
    ('"N","Kid",,,"2000","1999",,\n', "1: node 'Kid' stops (1999) before it starts (2000); fix one"),
    ('"N","Kid",,"Kid","2000",,,\n', "1: node 'Kid' is its own parent; correct the Parent column"),
    ('"N","Kid",,,,,,\n', "1: node 'Kid' has no Start date; write it in the fifth column as YYYY.M.D"),
    ('"N"," ",,,"2000",,,\n', "1: a node has no name; write it in the second column"),
    ('"#","only a comment"\n', "1: no node (N) rows; this is not a gnuclad sheet"),
    ('"#","ok"\n"N","K\x07id",,,"2000",,,\n', "2: control character U+0007 in the sheet; remove it"),
    (
        '"N","Kid",,,"2000",,,\n"N","' + "x" * 200_000 + '",,,"2000"\n',
        "2: field larger than field limit (131072); check that the sheet's double quotes pair up",
    ),
    (b'"N","Kid",,,"2000",,,\n"N","Caf\xe9",,,"2000",,,\n', "2: byte 0xe9 is not UTF-8; save the sheet as UTF-8"),
]


@pytest.mark.parametrize(("text", "message"), ERRORS, ids=[m.split(";")[0] for _, m in ERRORS])
def test_malformed_sheets_are_refused_in_one_line(tmp_path: Path, text: str | bytes, message: str) -> None:
    path = sheet(tmp_path, text)
    with pytest.raises(GnucladError) as caught:
        convert(path)
    assert str(caught.value) == f"{path}:{message}"
    assert isinstance(caught.value, genealogy.GenealogyError)


def test_a_missing_file_or_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(GnucladError, match=r"^.*absent\.csv:1: no such file; check the path$"):
        import_gnuclad(tmp_path / "absent.csv")
    with pytest.raises(GnucladError) as caught:
        import_gnuclad(tmp_path)
    assert str(caught.value) == f"{tmp_path}:1: this is a directory; give a gnuclad .csv sheet"


# -- any name ------------------------------------------------------------------------------------

NAMES = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn")), min_size=1, max_size=30)


@given(NAMES.filter(lambda name: name.strip()))
def test_any_name_reads_back_as_written(name: str) -> None:
    out = io.StringIO()
    rows = [["N", name, "", "", "2000"], ["N", "Base", "", "", "1999"], ["C", "2001", "Base", "", name, "2"]]
    csv.writer(out).writerows(rows)
    result = convert_text(out.getvalue())
    report = genealogy.check_text(result.text)
    assert report.problems == []
    assert report.genealogy is not None
    assert {o.name for o in report.genealogy.organisations.values()} == {" ".join(name.split()), "Base"}


# -- the real sheet ------------------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.skipif(not LDT.exists(), reason="the Linux Distribution Timeline sheet is not in ../shared/datasets")
def test_the_linux_distribution_timeline_imports_clean(capsys: pytest.CaptureFixture[str]) -> None:
    started = time.perf_counter()
    result = convert(LDT)
    imported = time.perf_counter()
    report = genealogy.check_text(result.text, str(LDT))
    checked = time.perf_counter()
    with LDT.open(encoding="utf-8", newline="") as handle:
        nodes = sum(1 for row in csv.reader(handle) if row and row[0] == "N")
    assert report.errors == []
    assert report.warnings == []
    assert result.organisations == nodes == len(report.genealogy.organisations)  # type: ignore[union-attr]
    assert result.events == len(report.genealogy.events)  # type: ignore[union-attr]
    with capsys.disabled():
        print(
            f"\n{LDT.name}: {nodes} nodes -> {result.events} events; import {imported - started:.3f} s, "
            f"check {checked - imported:.3f} s; {len(result.adjusted)} adjusted, {len(result.skipped)} left out"
        )


@pytest.mark.shared
@pytest.mark.skipif(not LDT.exists(), reason="the Linux Distribution Timeline sheet is not in ../shared/datasets")
def test_the_linux_distribution_timeline_import_is_canonical() -> None:
    text = import_gnuclad(LDT)
    assert format_text(text) == text


@pytest.mark.shared
@pytest.mark.skipif(not LDT.exists(), reason="the Linux Distribution Timeline sheet is not in ../shared/datasets")
def test_the_linux_distribution_timeline_keeps_colours_and_draws_its_domains() -> None:
    import re

    from genealogy.chart.timeline import TimelineOptions
    from genealogy.chart.timeline_dot import to_dot

    record = load_text(import_gnuclad(LDT))
    assert [d.name for d in record.domains] == [
        "Debian", "Slackware", "Red Hat", "S.u.S.E Linux", "Enoch", "Arch Linux", "AOSP",
    ]  # fmt: skip
    assert record.organisations["debian"].colour == "#bf1238"
    assert sum(1 for e in record.events if e.type == "based-on") > sum(1 for e in record.events if e.type == "merger")
    text = to_dot(record, TimelineOptions(present=2026))
    assert len(set(re.findall(r'"domain:(\d+):0"', text))) == 7
    assert '"domain:0:1"' not in text  # Debian's family in one block: one band


def test_the_comparison_page_shows_our_chart_and_says_how_to_draw_gnuclads() -> None:
    from .conftest import ROOT

    page = (ROOT / "docs" / "linux-timeline.md").read_text(encoding="utf-8")
    assert "](linux-timeline.svg)" in page and (ROOT / "docs" / "linux-timeline.svg").is_file()
    assert "gnuclad ldt.csv svg ldt.conf" in page


# -- the command line ------------------------------------------------------------------------------


def test_cli_import_writes_a_file_that_validates(run, family: Path, tmp_path: Path) -> None:
    out = tmp_path / "family.yaml"
    result = run("import", "gnuclad", str(family), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0].startswith("4 organisations, 5 events and 1 domain(s)")
    assert run("validate", "--strict", str(out)).exit_code == 0
    assert run("lineage", "child", "--data", str(out)).stdout.startswith("Child Two")


def test_cli_import_never_overwrites_without_force(run, family: Path, tmp_path: Path) -> None:
    out = tmp_path / "precious.yaml"
    out.write_text("precious")
    refused = run("import", "gnuclad", str(family), "-o", str(out))
    assert refused.exit_code == 1
    assert refused.stderr == f"genealogy: error: {out} exists; choose another -o or add --force to overwrite it\n"
    assert out.read_text() == "precious"
    assert run("import", "gnuclad", str(family), "-o", str(out), "--force").exit_code == 0


def test_cli_import_to_stdout_and_bad_sheets(run, family: Path, tmp_path: Path) -> None:
    assert run("import", "gnuclad", str(family)).stdout.startswith("# Imported from gnuclad sheet")
    missing = run("import", "gnuclad", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 1 and missing.stderr.startswith("genealogy: error: ")
    assert missing.stderr.count("\n") == 1


def test_a_fifo_sheet_is_refused_without_blocking(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(GnucladError) as caught:
        import_gnuclad(fifo)
    assert str(caught.value) == f"{fifo}:1: this is a named pipe (FIFO); give a gnuclad .csv sheet"


def test_dates_take_ascii_digits_only() -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_date("١٩٣٨")


def test_addresses_urllib_cannot_take_apart_are_notes_not_crashes() -> None:
    text = (
        '"N","Root",,,"1990",,,"http://[::1"\n'
        '"N","Kid",,"Root","2000",,,"http://example.org:99999/x","Kiddo","2001","http://[bad/"\n'
        '"N","Other",,,"2000",,,"https://example.org/ok",,"2002","https://[::1/more"\n'
    )
    result = convert_text(text, "urls.csv")
    record = load_text(result.text)
    assert [s.url for s in record.sources.values() if s.url] == ["https://example.org/ok"]
    assert "http://[::1" in (record.organisations["root"].notes or "")


def test_a_sheet_listing_children_before_parents_imports_in_linear_time() -> None:
    """A 10,000-row line of descent, children first: 12 s before (quadratic), now a fraction of a second."""
    count = 10_000
    rows = [f'"N","Node {i}",,"{f"Node {i - 1}" if i else ""}","{1000 + i // 100}",,,' for i in range(count)]
    started = time.perf_counter()
    result = convert_text("\n".join(reversed(rows)))
    elapsed = time.perf_counter() - started
    assert (result.organisations, result.events, result.skipped) == (count, count - 1, ())
    assert elapsed < 5, f"{elapsed:.1f} s"


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(2000, 2003)), max_size=14))
def test_loops_are_broken_as_a_walk_of_every_link_would(edges: list[tuple[int, int, int]]) -> None:
    """Checking only links inside a strongly connected group leaves out exactly what checking all did."""
    from unittest import mock

    from genealogy.convert.gnuclad import loops

    rows = [f'"N","N{i}",,,"2000",,,' for i in range(6)]
    rows += [f'"C","{year}","N{a}",,"N{b}","2",' for a, b, year in edges]
    text = "\n".join(rows) + "\n"
    fast = convert_text(text)

    def one_group(children: dict[str, set[str]]) -> dict[str, int]:
        return {f"N{i}": 0 for i in range(6)}

    with mock.patch.object(loops, "components", one_group):
        slow = convert_text(text)
    assert (fast.text, fast.skipped, fast.adjusted) == (slow.text, slow.skipped, slow.adjusted)


def test_a_hostile_sheet_imports_to_a_record_that_validates_without_a_problem() -> None:
    """Bidi overrides, zero-width characters, over-long names, notes and addresses, bad addresses:
    the importer cleans, cuts and cites them so that its output validates with no error or warning."""
    long_name = "Very Long " * 300  # 3,000 characters
    rows = [
        '"//!","Title \u202ewith an override"',
        '"N","Ro\u200bot \u202eLinux",,,"1990",,,"http://[::1"',
        f'"N","{long_name}",,"Ro\u200bot \u202eLinux","2000",,,"{"d" * 70_000}","\u2066New\u2069 Name","2001",'
        f'"https://example.org/{"p" * 70_000}"',
        '"N","\u200b\u2060Z",,,"2000",,,"https://example.org:99999/",,"2002","https://[bad"',
        '"N","Fourth",,,"2000",,,,"' + "R" * 2000 + '",,',
        '"N","Tab\tand\r\nnew line\u2028",,,"2000",,,',
        f'"C","2001","Fourth",,"Ro\u200bot \u202eLinux","2",,"{"c" * 70_000}"',
    ]
    result = convert_text("\n".join(rows) + "\n", "hostile.csv")
    report = genealogy.check_text(result.text)
    assert report.problems == []
    organisations = report.genealogy.organisations.values()
    names = [o.name for o in organisations] + [n.name for o in organisations for n in o.names]
    assert {"Root Linux", "Z", "New Name", "Tab and new line"} <= set(names)
    assert max(len(n) for n in names) == 1000
    assert any("cut to 1,000" in line for line in result.adjusted)
    assert "\u202e" not in result.text and "\u200b" not in result.text


def test_a_name_of_invisible_characters_only_is_no_name() -> None:
    with pytest.raises(GnucladError, match="a node has no name"):
        convert_text('"N","\u200b\u202e",,,"2000",,,\n')


def test_the_import_command_loads_no_validator_and_no_yaml(tmp_path: Path) -> None:
    """The import writes YAML text itself: the loader, the field table, the model and PyYAML
    cost it some 10 ms of start-up (of 0.12 s), and it needs none of them."""
    import subprocess
    import sys

    sheet = tmp_path / "s.csv"
    sheet.write_text('"N","A",,,"2000",,,\n"N","B",,"A","2001",,,\n', encoding="utf-8")
    argv = ["import", "gnuclad", str(sheet), "-o", str(tmp_path / "s.yaml")]
    code = (
        "import sys\n"
        "from genealogy.cli import cli\n"
        f"cli({argv!r}, standalone_mode=False)\n"
        "heavy = {'yaml', 'genealogy.model', 'genealogy.record.loader', 'genealogy.record.schema',\n"
        "         'genealogy.record.structure', 'genealogy.record.values'}\n"
        "heavy &= set(sys.modules)\n"
        "assert not heavy, sorted(heavy)\n"
        # Nor these, which cost it 0.2-2 ms each (see cli/importing.py, dates.days_in_month, files.decode).
        "slow = {'calendar', 'encodings.utf_8_sig', 'genealogy.cli.convert', 'genealogy.vocabulary'}\n"
        "slow &= set(sys.modules)\n"
        "assert not slow, sorted(slow)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "s.yaml").read_text(encoding="utf-8").startswith("# Imported from gnuclad sheet s.csv")


URL_PARTS = st.one_of(
    st.sampled_from(["http://", "https://", "HTTP://", "ftp://", ":80", ":99999", "u:p@", "[::1]"]),
    st.sampled_from("aZ0.-_:@[]/?#% \t\n\u00a0\u2028é\ufb01\\\x00"),  # one character each
)


@given(st.lists(URL_PARTS, max_size=8).map("".join))
@example("a.b/\u00a0")  # Unicode space: no address, though re.ASCII's \S would take it
@example("a/x\u2028y")
@example("A-B.org:8080/p")
@example("u:p@host/")
@example("[::1]/")
@example("é.org/")
@example("HTTP://a.org/")
def test_an_address_host_is_urllibs_whichever_way_it_is_read(text: str) -> None:
    """address_host reads plain addresses without urllib (the import's speed); the host is the same."""
    from genealogy.record.limits import address_host, parsed_host

    assert address_host(text) == parsed_host(text)
    assert address_host("https://" + text) == parsed_host("https://" + text)


@given(st.text() | st.sampled_from(['"', "\\", "#9c8ac4", "a\u2028b", "\x7f", "Ro\u200bot \t Linux\n"]))
def test_the_short_ways_give_what_the_long_ways_give(text: str) -> None:
    """The writer quotes without json, and `clean` drops invisible characters without a regex, where
    they can (see convert/writer.py and gnuclad/text.py): the same text either way."""
    import json
    import re

    from genealogy.convert.gnuclad.text import clean
    from genealogy.convert.writer import json_string

    assert json_string(text) == json.dumps(text, ensure_ascii=False)
    invisible = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]")
    assert clean(text) == " ".join(invisible.sub("", text).split())


_ODD = ["\ud800", "\udfff", "\ufffe", "\uffff", "\x85", "\x0b", "ſ", "K", "İ", "ı", "yeſ", "1ſ", "#aBc", "##abc", "٣"]


@given(st.lists(st.text(max_size=3) | st.sampled_from(_ODD), max_size=5).map("".join))
@example("ON")
@example("0x1F:2_3")
@example(" #9C8AC4 ")
def test_what_the_expressions_matched_is_matched_without_them(text: str) -> None:
    """first_control, the writer's typed-scalar test and parse_colour answer as the expressions they
    replaced did (compiling those took 0.1-0.6 ms each of the import's start)."""
    import re

    from genealogy.convert.gnuclad.sheet import parse_colour
    from genealogy.convert.gnuclad.text import first_control
    from genealogy.convert.writer import _TYPED_START, _reads_typed

    control = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]").search(text)
    assert first_control(text) == (control.start() if control else None)
    typed = re.compile(r"[-+.0-9][-+.0-9a-zA-Z_:]*|~|=|<<|null|true|false|yes|no|on|off|y|n", re.IGNORECASE)
    if text and text[0] in _TYPED_START:
        assert _reads_typed(text) == bool(typed.fullmatch(text))
    colour = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", re.ASCII).fullmatch(text.strip())
    assert (parse_colour(text) is None) == (colour is None)


def test_days_in_month_is_the_calendars() -> None:
    import calendar

    from genealogy.dates import days_in_month

    for year in (*range(1896, 1906), *range(1996, 2006), 2100, 2400):
        assert [days_in_month(year, m) for m in range(1, 13)] == [calendar.monthrange(year, m)[1] for m in range(1, 13)]
