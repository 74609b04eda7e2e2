"""Compact timeline lanes (`--compact`, or chosen for `--page`): 6 pt names close together, the legend in a corner."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from genealogy import load
from genealogy.chart.geometry import geometry
from genealogy.chart.timeline import TimelineOptions, layout
from genealogy.chart.timeline_dot import to_dot

HEAD = """\
title: Many at once
sources:
  book: {title: A book, url: "https://example.org/book"}
organisations:
  - {id: old, name: Old Party, kind: party, country: GB, founded: 1900, dissolved: 2020, sources: [book]}
"""


def many(founded: int, count: int = 60) -> str:
    """A record of one party from 1900 and `count` groups founded in `founded` that still exist."""
    rows = [
        f"  - {{id: g{n}, name: Group {n}, kind: group, country: FR, founded: {founded}, sources: [book]}}"
        for n in range(count)
    ]
    return HEAD + "\n".join(rows) + "\n"


def smallest_font(dot: str) -> float:
    """The smallest `fontsize` our DOT asks for (its names hold no such text)."""
    return min(float(size) for size in re.findall(r'\bfontsize="?([\d.]+)', dot))


def positions(dot: str, prefix: str) -> list[tuple[float, float]]:
    """The pinned positions of the text nodes whose id starts with `prefix`."""
    return [
        (float(x), float(y))
        for x, y in re.findall(rf'^  "{re.escape(prefix)}[^"]*" \[label=.*?pos="([\d.]+),([\d.]+)!"', dot, re.M)
    ]


def test_compact_lanes_are_closer_and_no_text_is_under_6_pt(sample: Path) -> None:
    record = load(sample)
    roomy, compact = layout(record, TimelineOptions()), layout(record, TimelineOptions(compact=True))
    assert compact.lanes <= roomy.lanes
    assert compact.lanes * geometry("LR", compact=True).lane < roomy.lanes * geometry("LR").lane / 2
    assert smallest_font(to_dot(record, TimelineOptions(compact=True))) == 6.0
    assert smallest_font(to_dot(record, TimelineOptions())) == 8.0  # the year labels


def test_the_legend_goes_in_the_empty_corner_of_late_lanes(write) -> None:
    """60 groups founded in 2000 leave their lanes empty for a century: the legend sits there, on a white panel."""
    dot = to_dot(load(write(many(2000))), TimelineOptions(compact=True, present=2025))
    timeline = layout(load(write(many(2000))), TimelineOptions(compact=True, present=2025))
    title_x, _ = positions(dot, "legend:0")[0]
    group_x = min(x for x, _ in positions(dot, "g"))
    assert title_x < group_x  # left of where the groups begin, inside the axis
    width = float(re.search(r'bb="0,0,([\d.]+),', dot)[1])
    assert width <= (timeline.last + 1 - timeline.first) * timeline.year + 60  # no column beside the chart
    assert 'id="legend:panel"' in dot and 'color="white"' in dot


def test_without_an_empty_corner_the_legend_is_a_column_beside_the_chart(write) -> None:
    dot = to_dot(load(write(many(1900))), TimelineOptions(compact=True, present=2025))
    title_x, _ = positions(dot, "legend:0")[0]
    names_end = max(x for x, _ in positions(dot, "g"))
    assert title_x > names_end
    assert 'id="legend:panel"' not in dot


def test_roomy_lanes_keep_the_legend_in_rows_above(write) -> None:
    dot = to_dot(load(write(many(2000))), TimelineOptions(present=2025))
    _, title_y = positions(dot, "legend:0")[0]
    assert title_y > max(y for _, y in positions(dot, "g"))


def test_on_paper_the_compact_axis_is_fitted_to_the_page_and_spare_room_widens_the_lanes(sample: Path) -> None:
    from genealogy.chart.fit import CLOSE, WIDEST, fitted_dot
    from genealogy.chart.paper import MARGIN, bounds_of, paper_size

    record = load(sample)
    for paper, landscape in (("A3", True), ("A2", True), ("A1", False)):
        room = [side - 2 * MARGIN for side in paper_size(paper, landscape)]
        _, _, width, height = bounds_of(fitted_dot(record, TimelineOptions(), paper, landscape))
        assert CLOSE * room[0] <= width <= room[0]
        assert height <= room[1]
    portrait = fitted_dot(record, TimelineOptions(), "A2")  # tall: the lanes are as far apart as they may be
    bars = sorted({float(y) for y in re.findall(r'pos="[\d.]+,([\d.]+) [^"]*", class="lifeline', portrait)})
    assert min(b - a for a, b in itertools.pairwise(bars)) == pytest.approx(geometry("LR", compact=True).lane * WIDEST)


def test_time_running_down_fits_the_axis_to_the_page_height(sample: Path) -> None:
    from genealogy.chart.fit import CLOSE, fitted_dot
    from genealogy.chart.paper import MARGIN, bounds_of, paper_size

    room = paper_size("A2")[1] - 2 * MARGIN
    height = bounds_of(fitted_dot(load(sample), TimelineOptions(direction="TB"), "A2"))[3]
    assert CLOSE * room <= height <= room


def test_the_command_draws_compact_lanes_in_every_output(run, tmp_path: Path) -> None:
    from .conftest import CASES

    record = str(CASES / "valid" / "relations.yaml")
    dot = run("--data", record, "render", "--layout", "timeline", "--compact", "--format", "dot", "-o", "-")
    assert dot.exit_code == 0, dot.stderr
    assert smallest_font(dot.stdout) == 6.0
    roomy = run("--data", record, "render", "--layout", "timeline", "--roomy", "--format", "dot", "-o", "-")
    assert smallest_font(roomy.stdout) == 8.0
    page = tmp_path / "explorer.html"
    explorer = run("--data", record, "render", "--compact", "--engine", "embedded", "-o", str(page))
    assert explorer.exit_code == 0, explorer.stderr
    assert 'font-size="6.00"' in page.read_text(encoding="utf-8")
