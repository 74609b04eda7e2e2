"""How long `genealogy render --layout timeline` takes, against the tree chart of the same record.

Issue 12's floors: the timeline of 1,000 organisations in at most 0.3× the time of the tree of
the same record; 10,000 organisations end to end in at most 10 s and 50,000 in at most 60 s, with
a peak memory under 40× the data file's size. Run by `make bench` (through bench.py, which adds
this section to BENCHMARKS.md), or alone:

    python benchmarks/timeline_speed.py [--repeats 3] [--append BENCHMARKS.md]
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ROOT, TOOL, interleaved, median, run, section_main
from synth import synthesise


def _tool() -> list[str]:
    """The installed script if it runs this checkout's package, else `python -m genealogy` run from here."""
    from importlib.util import find_spec

    spec = find_spec("genealogy")
    mine = spec is not None and spec.origin is not None and Path(spec.origin).parent == ROOT / "genealogy"
    return TOOL if mine else [sys.executable, "-m", "genealogy"]


TREE_RATIO = 0.3  # at most, at 1,000 organisations
LARGE_SECONDS = {10000: 10.0, 50000: 60.0}  # at most, end to end
MEMORY_RATIO = 40.0  # peak memory under this many times the data file's size, at those sizes


def section(work: Path, repeats: int) -> list[str]:
    """The Markdown section: one row per record and engine, with the floors of issue 12."""
    os.chdir(ROOT)  # so that `python -m genealogy` imports this checkout
    tool = _tool()
    # Each run is a first render of its record, as after any earlier render on this machine: the
    # record and its chart are not cached (and are stored, as a first render does), the compiled
    # embedded Graphviz is. Compiling it is a one-off (0.75 s and some 40 MB at the peak), which a
    # run with the cache off would pay every time.
    cache = work / "cache"
    cold = {**os.environ, "GENEALOGY_CACHE": str(cache), "NO_COLOR": "1"}
    engines = (["system"] if shutil.which("dot") else []) + ["embedded"]
    if "embedded" in engines:
        run([sys.executable, "-m", "genealogy.chart.embedded", "svg"], cold, b"digraph {}")

    def forget_records() -> None:
        for entry in [*cache.glob("*.pickle"), *cache.glob("*.txt")]:
            entry.unlink()

    records = [("the real record", ROOT / "data" / "orgs.yaml")]
    for size in (1000, *LARGE_SECONDS):
        path = work / f"synth-{size}.yaml"
        if not path.exists():  # bench.py may have written it (50,000 take synth.py a minute or two)
            path.write_text(synthesise(size, seed=1), encoding="utf-8")
        records.append((f"{size:,} (synth.py --seed 1)", path))
    lines = [
        "",
        "## The timeline: `render --layout timeline`, a first render of each record, SVG",
        "",
        f"Median of {repeats} runs, timeline and tree taken in turns, the record not cached (the compiled "
        f"embedded Graphviz is, as after any earlier render). Floors from issue 12: at 1,000 "
        f"organisations at most {TREE_RATIO}× the tree; at 10,000 and 50,000, at most "
        f"{LARGE_SECONDS[10000]:g} s and {LARGE_SECONDS[50000]:g} s end to end, and a peak memory under "
        f"{MEMORY_RATIO:g}× the data file. Peak memory is the largest process's (ours, or Graphviz's).",
        "",
        "| record | engine | timeline | tree | timeline ÷ tree | SVG size | peak memory | data file | "
        "memory ÷ file | floor |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, path in records:
        size = int(path.stem.split("-")[1]) if path.stem.startswith("synth-") else 0
        # 50,000 on the embedded engine would add minutes to `make bench`: the default engine only
        for engine in engines if size < 50000 else engines[:1]:
            out = work / f"{path.stem}-{engine}"
            timeline = [*tool, "render", "--layout", "timeline", "--engine", engine, "--data", str(path)]
            timeline += ["-o", f"{out}-timeline.svg"]
            tree = [*tool, "render", "--engine", engine, "--data", str(path), "-o", f"{out}-tree.svg"]
            large = size in LARGE_SECONDS
            data_size = path.stat().st_size
            if large:  # the tree of 10,000 takes Graphviz many minutes: the timeline alone
                (timeline_time, memory) = median(timeline, cold, repeats, before=forget_records)
                tree_cell, ratio_cell = "not run", ""
                misses = [f"over {LARGE_SECONDS[size]:g} s"] if timeline_time > LARGE_SECONDS[size] else []
                if memory * 1024 >= MEMORY_RATIO * data_size:
                    misses.append(f"memory over {MEMORY_RATIO:g}×")
                verdict = ", ".join(misses) or "ok"
            else:
                runs = [(timeline, cold, None), (tree, cold, None)]
                (timeline_time, memory), (tree_time, _) = interleaved(runs, repeats, before=forget_records)
                ratio = timeline_time / tree_time
                tree_cell, ratio_cell = f"{tree_time:.2f} s", f"{ratio:.2f}×"
                verdict = "" if "1,000" not in name else "ok" if ratio <= TREE_RATIO else f"over {TREE_RATIO}×"
            svg_size = Path(f"{out}-timeline.svg").stat().st_size
            lines.append(
                f"| {name} | {engine} | {timeline_time:.2f} s | {tree_cell} | {ratio_cell} | "
                f"{svg_size / 1e6:.1f} MB | {memory / 1024:.0f} MB | {data_size / 1e6:.1f} MB | "
                f"{memory * 1024 / data_size:.0f}× | {verdict} |"
            )
        print(f"timeline: {name} done", file=sys.stderr)
    return lines


def main() -> None:
    section_main(section, "genealogy-timeline-", 3, __doc__)


if __name__ == "__main__":
    main()
