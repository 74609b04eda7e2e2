"""Keys and summaries name only what the record holds: a record of distributions shows no party shape,
no youth line, no disputed or claims mark, and `stats` prints no section with nothing in it."""

from __future__ import annotations

import re
from pathlib import Path

from genealogy.chart.dot import to_dot as tree_dot
from genealogy.chart.timeline import TimelineOptions
from genealogy.chart.timeline_dot import to_dot as timeline_dot
from genealogy.convert.gnuclad import convert_text
from genealogy.convert.mermaid import to_mermaid
from genealogy.model import Genealogy
from genealogy.record.validate import load_text

# Three distributions, one of them ended and one rebased: groups of no one country, nothing disputed.
SHEET = """\
"N","Debian","#bf1238",,"1993.8",,,
"N","Slackware","#000",,"1993.7",,,
"N","MNIS","#516b9e","Slackware","1995.2","2004.9",,
"C","1998.6","Debian",,"MNIS","2","#bf1238",
"""


def record() -> Genealogy:
    return load_text(convert_text(SHEET, "distros.csv").text)


def test_the_tree_key_names_the_group_shape_and_the_marks_drawn_only() -> None:
    key = re.search(r'<FONT POINT-SIZE="10">([^<]*)</FONT>', tree_dot(record()))
    assert key is not None
    assert key[1] == "square corners: group · dashed border: ended · dashed axis: years skipped"


def test_the_timeline_legend_names_only_the_group_line_and_the_links_drawn() -> None:
    words = set(re.findall(r'"legend:\d+" \[label="([^"\\]+)', timeline_dot(record(), TimelineOptions(present=2025))))
    assert {"medium: group", "founding", "based on (also)", "bar: ended"} <= words
    for absent in (
        "thick: party",
        "thin dashed: youth",
        "double line: international",
        "split",
        "dashed link: disputed",
    ):
        assert absent not in words


def test_mermaid_defines_the_classes_of_the_kinds_drawn_only() -> None:
    text = to_mermaid(record())
    assert [line.split()[1] for line in text.splitlines() if line.startswith("  classDef kind_")] == ["kind_group"]


def test_stats_prints_no_empty_section(run, tmp_path: Path) -> None:
    path = tmp_path / "distros.yaml"
    path.write_text(convert_text(SHEET, "distros.csv").text, encoding="utf-8")
    text = run("stats", "--data", str(path)).stdout
    assert "split-prone" not in text
    assert "\n\n\n" not in text and not re.search(r"^\S[^\n]*\n(\n|$)", text.split("\n", 2)[2], re.M)
    assert text.splitlines()[-2:] == ["by country", "  international      3"]
