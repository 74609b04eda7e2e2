"""Charts on paper (--page, --landscape): one page scaled to fit, or a poster when text would be under 6 pt."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest

from genealogy.chart.paper import (
    MARGIN,
    PAPERS,
    SMALLEST_FONT,
    SMALLEST_TEXT,
    bounds_of,
    on_page,
    plan,
    tile_attributes,
)

from .conftest import CASES

HAS_DOT = shutil.which("dot") is not None
RELATIONS = CASES / "valid" / "relations.yaml"


@pytest.mark.parametrize("paper", sorted(PAPERS))
@pytest.mark.parametrize("landscape", [False, True])
def test_a_small_chart_fills_one_page(paper: str, landscape: bool) -> None:
    sheet = plan((0, 0, 400, 300), paper, landscape)
    assert sheet.pages == 1 and sheet.scale >= SMALLEST_TEXT / SMALLEST_FONT
    width, height = sheet.page
    assert (width > height) == landscape
    assert min((width - 2 * MARGIN) / 400, (height - 2 * MARGIN) / 300) == pytest.approx(sheet.scale)


def test_a_chart_too_big_for_one_page_becomes_a_poster_with_text_at_6_pt() -> None:
    sheet = plan((0, 0, 6000, 1500), "A4", landscape=True)
    assert sheet.scale * SMALLEST_FONT == pytest.approx(SMALLEST_TEXT)
    room_x, room_y = sheet.page[0] - 2 * MARGIN, sheet.page[1] - 2 * MARGIN
    assert (sheet.columns - 1) * room_x < 6000 * sheet.scale <= sheet.columns * room_x
    assert (sheet.rows - 1) * room_y < 1500 * sheet.scale <= sheet.rows * room_y
    assert sheet.describe() == f"a poster of {sheet.pages} pages ({sheet.columns} across, {sheet.rows} down) at 75 %"


def test_the_pages_of_a_poster_cover_the_drawing_edge_to_edge() -> None:
    sheet = plan((0, 0, 3000, 1200), "A3")
    statements = tile_attributes(sheet)
    assert len(statements) == sheet.pages
    centres = [
        tuple(map(float, re.search(r'viewport="[^,]+,[^,]+,[^,]+,([^,]+),([^"]+)"', s).groups())) for s in statements
    ]
    across = (sheet.page[0] - 2 * MARGIN) / sheet.scale
    xs = sorted({round(x, 2) for x, _ in centres})
    assert len(xs) == sheet.columns and all(round(b - a, 2) == round(across, 2) for a, b in itertools.pairwise(xs))
    assert min(xs) - across / 2 <= 0 and max(xs) + across / 2 >= 3000


def test_bounds_come_from_the_laid_out_dot_and_page_attributes_go_at_its_end() -> None:
    dot = 'digraph g {\n  graph [bb="0,0,120.5,80"];\n  a;\n}\n'
    assert bounds_of(dot) == (0, 0, 120.5, 80)
    assert on_page(dot, '  graph [viewport="1,1,1,0,0"];').endswith('  a;\n  graph [viewport="1,1,1,0,0"];\n}\n')
    with pytest.raises(ValueError, match="no bounding box"):
        bounds_of("digraph g { a; }")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--page", "A4", "--format", "dot"], "--page draws SVG, PDF or PNG, not dot"),
        (["--landscape"], "--landscape turns the paper of --page; give --page too"),
    ],
)
def test_page_options_that_cannot_work_are_usage_errors(run, args: list[str], message: str) -> None:
    result = run("--data", str(RELATIONS), "render", *args, "-o", "-")
    assert result.exit_code == 2 and message in result.stderr


@pytest.mark.dot
@pytest.mark.skipif(not HAS_DOT, reason="system Graphviz is not installed")
@pytest.mark.parametrize("layout", ["timeline", "tree"])
def test_a_chart_on_one_page_is_the_size_of_the_paper(run, tmp_path: Path, layout: str) -> None:
    target = tmp_path / "chart.svg"
    result = run(
        "--data", str(RELATIONS), "render", "--layout", layout, "--page", "A2", "--landscape", "-o", str(target)
    )
    assert result.exit_code == 0, result.stderr
    assert "on A2 landscape: 1 page at" in result.stderr
    width, height = (
        float(v) for v in re.search(r'<svg width="([\d.]+)pt" height="([\d.]+)pt"', target.read_text()).groups()
    )
    assert (round(width), round(height)) == (1684, 1191)


@pytest.mark.dot
@pytest.mark.skipif(not HAS_DOT, reason="system Graphviz is not installed")
def test_a_poster_is_written_one_file_a_page(run, tmp_path: Path) -> None:
    target = tmp_path / "poster.svg"
    result = run("--data", str(RELATIONS), "render", "--layout", "timeline", "--page", "A4", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    pages = int(re.search(r"a poster of (\d+) pages", result.stderr)[1])
    assert sorted(p.name for p in tmp_path.glob("poster-*.svg")) == sorted(
        f"poster-{n}.svg" for n in range(1, pages + 1)
    )
    assert not target.exists()


@pytest.mark.dot
@pytest.mark.skipif(not HAS_DOT, reason="system Graphviz is not installed")
def test_a_timeline_too_big_for_its_paper_takes_compact_lanes_where_they_need_fewer_pages(
    run, tmp_path: Path, sample: Path
) -> None:
    """The sample takes 4 A3 pages in roomy lanes, and one in compact ones (6 pt names, at 100 %), its axis
    fitted to the page's width."""
    from .printed import page_sizes, text_sizes

    roomy = run("--data", str(sample), "render", "--layout", "timeline", "--page", "A3", "--landscape", "--roomy",
                "-o", str(tmp_path / "roomy.pdf"))  # fmt: skip
    assert roomy.exit_code == 0, roomy.stderr
    assert "on A3 landscape: a poster of 4 pages (2 across, 2 down) at 75 %\n" in roomy.stderr
    chosen = run("--data", str(sample), "render", "--layout", "timeline", "--page", "A3", "--landscape",
                 "-o", str(tmp_path / "chosen.pdf"))  # fmt: skip
    assert chosen.exit_code == 0, chosen.stderr
    assert "on A3 landscape: 1 page at 100 % in compact lanes\n" in chosen.stderr
    pdf = (tmp_path / "chosen.pdf").read_bytes()
    assert page_sizes(pdf) == [(1191, 842)]
    assert min(size for size, _ in text_sizes(pdf)) >= 6.0


def test_compact_and_roomy_are_for_the_timeline(run) -> None:
    result = run("--data", str(RELATIONS), "render", "--compact", "--format", "dot", "-o", "-")
    assert result.exit_code == 2
    assert "--compact and --roomy set the timeline's lanes; add --layout timeline" in result.stderr


def test_the_smallest_text_sets_the_smallest_scale() -> None:
    """A chart whose smallest text is 6 pt prints at no less than 100 %; one at 8 pt, at no less than 75 %."""
    bounds = (0, 0, 5000, 1000)
    assert plan(bounds, "A4", True, smallest=6.0).scale == 1.0
    assert plan(bounds, "A4", True).scale == SMALLEST_TEXT / SMALLEST_FONT == 0.75
