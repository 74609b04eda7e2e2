"""The GNU/Linux Distribution Timeline's sheet: `genealogy` end to end against gnuclad on it.

gnuclad (C++) is the program that draws that timeline from its CSV sheet. Ours: `genealogy
import gnuclad ldt.csv` and then `genealogy render --layout timeline` to SVG, the first render
of the new file (nothing of it cached). Issue 12's target: within 40× gnuclad's time. gnuclad
aborts on a logo image it cannot find, and the logos are not part of the dataset, so it gets the
sheet without its image rows and image column, as its README here says (our import ignores
them). Skipped when the sheet or gnuclad is absent. Run by `make bench` (through bench.py), or:

    python benchmarks/peer_speed.py [--repeats 5] [--append BENCHMARKS.md]
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ROOT, run, section_main
from timeline_speed import _tool

SHARED = ROOT.parent / "shared"
SHEET = SHARED / "datasets" / "linux-timeline" / "ldt.csv"
GNUCLAD = SHARED / "peers" / "gnuclad" / "gnuclad"
TARGET = 40.0  # at most this many times gnuclad's time


def gnuclad_sheet(folder: Path) -> Path:
    """The sheet and its config in `folder`, without the logo images gnuclad would look for."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHEET.with_name("ldt.conf"), folder / "ldt.conf")
    lines = SHEET.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [re.sub(r',"images/[^"]*",', ",,", line) for line in lines if not line.startswith(('"SVG"', '"PNG"'))]
    (folder / "ldt.csv").write_text("".join(kept), encoding="utf-8")
    return folder / "ldt.csv"


def section(work: Path, repeats: int) -> list[str]:
    """The Markdown section: gnuclad, our import, our render and their sum, in turns."""
    if not SHEET.exists() or not os.access(GNUCLAD, os.X_OK):
        return ["", f"(The Linux sheet against gnuclad: skipped, {SHEET} or {GNUCLAD} is absent.)"]
    os.chdir(ROOT)
    tool = _tool()
    sheet = gnuclad_sheet(work / "gnuclad")
    peer = [str(GNUCLAD), sheet.name, "svg", "ldt.conf"]
    engines = (["system"] if shutil.which("dot") else []) + ["embedded"]
    # The compiled Graphviz may be cached (as after any earlier render); the record may not: each
    # turn imports to a new file name, so the render is the first of that file.
    env = {**os.environ, "GENEALOGY_CACHE": str(work / "peer-cache"), "NO_COLOR": "1"}
    times: dict[str, list[float]] = {}
    peaks: dict[str, int] = {}

    def timed(name: str, argv: list[str], cwd: Path | None = None) -> None:
        """Times run directly, with no wrapper: gnuclad's milliseconds would feel one."""
        seconds, peak = run(argv, env, cwd=cwd, memory=turn == 0)
        times.setdefault(name, []).append(seconds)
        peaks[name] = max(peaks.get(name, 0), peak)

    svg_size = {}
    for turn in range(repeats + 1):  # the first turn warms up, measuring peak memory; its times are not counted
        timed("gnuclad", peer, cwd=sheet.parent)
        for engine in engines:
            data = work / f"linux-{engine}-{turn}.yaml"
            timed(f"import {engine}", [*tool, "import", "gnuclad", str(SHEET), "-o", str(data), "--force"])
            out = work / f"linux-{engine}.svg"
            render = [*tool, "render", "--layout", "timeline", "--engine", engine, "--data", str(data), "-o", str(out)]
            timed(f"render {engine}", render)
            svg_size[engine] = out.stat().st_size
        if turn == 0:
            times.clear()
    median = {name: statistics.median(values) for name, values in times.items()}
    floor = median["gnuclad"]
    gnuclad_svg = sheet.with_suffix(".svg").stat().st_size
    lines = [
        "",
        "## The Linux sheet: `import gnuclad` + `render --layout timeline` against gnuclad",
        "",
        f"{SHEET.name} of the GNU/Linux Distribution Timeline ({SHEET.stat().st_size / 1e3:.0f} kB, 556 rows); "
        f"median of {repeats} runs, gnuclad and ours in turns, after a warm-up. Ours is the first render of the "
        f"imported file. Target from issue 12: at most {TARGET:g}× gnuclad.",
        "",
        "| program | import | render to SVG | end to end | ÷ gnuclad | SVG size | peak memory | target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        f"| gnuclad 0.2.4 (`gnuclad ldt.csv svg ldt.conf`) | | | {floor:.3f} s | 1× | {gnuclad_svg / 1e6:.1f} MB | "
        f"{peaks['gnuclad'] / 1024:.0f} MB | |",
    ]
    for engine in engines:
        imported, drawn = median[f"import {engine}"], median[f"render {engine}"]
        total = imported + drawn
        verdict = "ok" if total <= TARGET * floor else f"over {TARGET:g}×"
        peak = max(peaks[f"import {engine}"], peaks[f"render {engine}"])
        lines.append(
            f"| genealogy, {engine} Graphviz | {imported:.3f} s | {drawn:.3f} s | {total:.3f} s | "
            f"{total / floor:.1f}× | {svg_size[engine] / 1e6:.1f} MB | {peak / 1024:.0f} MB | {verdict} |"
        )
    print("peer (gnuclad) done", file=sys.stderr)
    return lines


def main() -> None:
    section_main(section, "genealogy-peer-", 5, __doc__)


if __name__ == "__main__":
    main()
