"""What render and export do with a selection: empty ones, output names and paths, clusters."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import CASES

RELATIONS = CASES / "valid" / "relations.yaml"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--country", "GB", "--kind", "youth"],
            "no organisation matches country GB and kind youth (country GB alone: 3 organisations)",
        ),
        (["--country", "Chad"], "no organisation matches country TD"),
        (["--to", "1900"], "no organisation matches –1900"),
        (
            ["--focus", "green", "--descendants", "--kind", "international"],
            "no organisation matches Green Faction: descendants and kind international "
            "(Green Faction: descendants alone: 3 organisations)",
        ),
    ],
)
@pytest.mark.parametrize("command", [["render", "--format", "dot"], ["render", "--format", "svg"], ["export"]])
def test_an_empty_selection_is_one_line_exit_1_and_writes_nothing(
    run, tmp_path: Path, command: list[str], options: list[str], message: str
) -> None:
    target = tmp_path / "out.dot"
    result = run(*command, *options, "-o", str(target), "--data", str(RELATIONS))
    assert result.exit_code == 1
    assert result.stderr == f"genealogy: error: the selection is empty: {message}\n"
    assert not target.exists()


@pytest.mark.parametrize(
    ("command", "name", "listed"),
    [
        (["render"], "x.jpg", ".svg, .pdf, .png, .dot, .html, .htm, .gv"),
        (["export"], "x.xyz", ".json, .graphml, .gexf, .mermaid, .csv, .dot, .csl-json, .bibtex, .mmd, .md, .bib"),
    ],
)
def test_an_unknown_output_suffix_is_a_usage_error(
    run, tmp_path: Path, command: list[str], name: str, listed: str
) -> None:
    result = run(*command, "-o", str(tmp_path / name), "--data", str(RELATIONS))
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: Invalid value for '-o' / '--output': '{Path(name).suffix}' is not a suffix this command writes "
        f"({listed}); give --format, or a file name with one of those suffixes\n"
    )
    assert not (tmp_path / name).exists()
    given = run(*command, "--format", "dot", "-o", str(tmp_path / name), "--data", str(RELATIONS))
    assert given.exit_code == 0 and (tmp_path / name).read_text().startswith("digraph")


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ([], "genealogy.dot"),
        (["--focus", "Red Party", "--descendants"], "genealogy-red-party-descendants.dot"),
        (["--focus", "RP", "--depth", "1"], "genealogy-rp-depth-1.dot"),
        (["--country", "Britain", "--kind", "party"], "genealogy-gb-party.dot"),
        (["--from", "1930", "--to", "1950"], "genealogy-1930-1950.dot"),
        (["--from", "1930"], "genealogy-from-1930.dot"),
        (["--to", "1950", "--affiliations"], "genealogy-to-1950.dot"),
        (["--layout", "timeline"], "genealogy-timeline.dot"),
        (["--layout", "timeline", "--country", "FR"], "genealogy-timeline-fr.dot"),
    ],
)
def test_a_selection_without_o_gets_its_own_file(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: list[str], name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("render", "--format", "dot", *options, "--data", str(RELATIONS))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"wrote output/{name} (")
    assert [p.name for p in (tmp_path / "output").iterdir()] == [name]


@pytest.mark.parametrize("command", [["render", "--format", "dot"], ["export"]])
def test_a_missing_output_folder_is_an_error_that_names_it(run, tmp_path: Path, command: list[str]) -> None:
    target = tmp_path / "no" / "such" / "x.dot"
    result = run(*command, "-o", str(target), "--data", str(RELATIONS))
    assert result.exit_code == 1
    assert result.stderr == (
        f"genealogy: error: no such folder: {target.parent} (for -o {target}); create it first or choose another -o\n"
    )
    assert not (tmp_path / "no").exists()


def test_the_default_output_folder_is_made(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("export", "-o", "output/x.json", "--data", str(RELATIONS)).exit_code == 0
    assert (tmp_path / "output" / "x.json").exists()


def test_a_link_is_kept_and_its_file_replaced(run, tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to("real.json")
    assert run("export", "-o", str(link), "--data", str(RELATIONS)).exit_code == 0
    assert link.is_symlink() and (tmp_path / "real.json").read_text().startswith("{")


def test_a_fifo_and_a_device_are_written_through(run, tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run("export", "-o", str(fifo), "--data", str(RELATIONS))
    reader.join(10)
    assert result.exit_code == 0 and got[0].startswith(b"{")
    assert fifo.is_fifo()
    assert run("export", "-o", "/dev/null", "--data", str(RELATIONS)).exit_code == 0
    assert Path("/dev/null").is_char_device()


def test_dev_stdout_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "out.json"
    out.write_text("first\n")
    command = [sys.executable, "-m", "genealogy", "export", "-o", "/dev/stdout", "--data", str(RELATIONS)]
    with out.open("a") as handle:
        subprocess.run(command, stdout=handle, check=True, cwd=Path(__file__).parents[1])
    assert out.read_text().startswith("first\n{")
    assert Path("/dev/stdout").is_symlink()


def test_a_directory_is_refused(run, tmp_path: Path) -> None:
    result = run("export", "--format", "json", "-o", str(tmp_path), "--data", str(RELATIONS))
    assert result.exit_code == 1
    assert (
        result.stderr == f"genealogy: error: refusing to write onto {tmp_path}: it is a directory; choose another -o\n"
    )


CLUSTERS = """\
title: Memberships
sources:
  book:
    title: A book
organisations:
  - {id: first, name: First League, abbreviation: FL, kind: international, country: international,
     founded: 1930, dissolved: 1940, sources: [book]}
  - {id: second, name: Second League, abbreviation: SL, kind: international, country: international,
     founded: 1938, sources: [book]}
  - {id: mover, name: Mover Group, kind: group, country: FR, founded: 1925, sources: [book]}
  - {id: early, name: Early Group, kind: group, country: GB, founded: 1931, dissolved: 1941, sources: [book]}
  - {id: founder, name: Founder Party, kind: party, country: US, founded: 1938, sources: [book]}
  - {id: today, name: Today Group, kind: group, country: US, founded: 1950, sources: [book]}
events:
  - {id: mover-in-first, type: affiliation, date: 1931, from: mover, to: first, sources: [book]}
  - {id: mover-out-first, type: disaffiliation, date: 1935, from: mover, to: first, sources: [book]}
  - {id: mover-in-second, type: affiliation, date: 1938, from: mover, to: second, sources: [book]}
  - {id: early-in-first, type: affiliation, date: 1932, from: early, to: first, sources: [book]}
  - {id: early-in-second, type: affiliation, date: 1939, from: early, to: second, sources: [book]}
  - {id: founder-in-second, type: affiliation, date: 1938, from: founder, to: second, sources: [book]}
  - {id: founder-in-first, type: affiliation, date: 1939, from: founder, to: first, sources: [book]}
"""


def test_group_by_international_takes_the_longest_membership_while_the_international_existed(write) -> None:
    from genealogy.chart.dot import _clusters
    from genealogy.lineage.selection import SelectionOptions, memberships, select
    from genealogy.record.validate import load

    record = load(write(CLUSTERS))
    years = {m: {i: round(days / 372, 1) for i, days in held.items()} for m, held in memberships(record).items()}
    # Years counted whole (a year-only date runs from its first day to its last); an open
    # membership runs to the record's last date (1950), not to today.
    # mover: 1931-1935 in the first, 1938 on in the second, though it is older than both;
    # early: 1932 until the first ended (1940), and 1939-1941 in the second: the first, where
    # the last affiliation alone would say the second;
    # founder: 1938 on in the second, 1939-1940 in the first, which it outlived.
    assert years == {
        "mover": {"first": 5.0, "second": 13.0},
        "early": {"first": 9.0, "second": 3.0},
        "founder": {"second": 13.0, "first": 2.0},
    }
    clusters = _clusters(record, select(record, SelectionOptions()), "international")
    assert {name: [o.id for o in members] for name, members in clusters.items()} == {
        "First League (FL)": ["first", "early"],
        "Second League (SL)": ["mover", "founder", "second"],
    }


def test_in_the_real_record_the_fi_holds_its_founding_sections_and_only_its_members() -> None:
    from genealogy.chart.dot import _clusters
    from genealogy.lineage.selection import SelectionOptions, memberships, select
    from genealogy.record.validate import load

    from .conftest import REAL_DATA

    record = load(REAL_DATA)
    clusters = _clusters(record, select(record, SelectionOptions(affiliations=True)), "international")
    fi = {o.id for o in clusters["Fourth International (FI)"]}
    assert {"swp-us", "rsl-uk-1938", "ikd-germany"} <= fi  # founding sections, whatever came after
    held = memberships(record)
    for member in fi - {"fourth-international"}:
        # each was a member while the FI existed (1938-1953), and longer than of any other
        assert held[member]["fourth-international"] == max(held[member].values()) > 0, member


@pytest.mark.parametrize("unnamed_files", [True, False])
def test_a_chart_is_drawn_into_an_unnamed_file_and_copied_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unnamed_files: bool
) -> None:
    """write_drawn's temporary has no name (O_TMPFILE), or is tempfile's where that cannot be."""
    import os

    from genealogy.cli.selection import write_drawn

    # No such folder: os.open fails, and tempfile's own choice of folder is used.
    monkeypatch.setenv("TMPDIR", str(tmp_path if unnamed_files else tmp_path / "missing"))
    seen: list[str] = []

    def draw(into) -> None:
        seen.extend(os.listdir(tmp_path))  # nothing named while the chart is drawn
        into.write(b"<svg>" + b"x" * 3_000_000 + b"</svg>")

    target = tmp_path / "chart.svg"
    write_drawn(target, draw, protect=tmp_path / "data.yaml")
    assert target.read_bytes() == b"<svg>" + b"x" * 3_000_000 + b"</svg>"
    assert seen == [] and sorted(os.listdir(tmp_path)) == ["chart.svg"]
