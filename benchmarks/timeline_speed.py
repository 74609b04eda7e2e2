"""How long `genealogy render --layout timeline` takes, against the tree chart of the same record.

Issue 12's floors: the timeline of 1,000 organisations in at most 0.3× the time of the tree of
the same record, and 10,000 organisations end to end in at most 10 s. Run by `make bench` (through
bench.py, which adds this section to BENCHMARKS.md), or alone:

    python benchmarks/timeline_speed.py [--repeats 3] [--append BENCHMARKS.md]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ROOT, TOOL, compile_package, interleaved, median
from synth import synthesise


def _tool() -> list[str]:
    """The installed script if it runs this checkout's package, else `python -m genealogy` run from here."""
    from importlib.util import find_spec

    spec = find_spec("genealogy")
    mine = spec is not None and spec.origin is not None and Path(spec.origin).parent == ROOT / "genealogy"
    return TOOL if mine else [sys.executable, "-m", "genealogy"]


TREE_RATIO = 0.3  # at most, at 1,000 organisations
LARGE_SECONDS = 10.0  # at most, at 10,000 organisations


def section(work: Path, repeats: int) -> list[str]:
    """The Markdown section: one row per record and engine, with the floors of issue 12."""
    os.chdir(ROOT)  # so that `python -m genealogy` imports this checkout
    tool = _tool()
    cold = {**os.environ, "GENEALOGY_CACHE": "off", "NO_COLOR": "1"}
    engines = (["system"] if shutil.which("dot") else []) + ["embedded"]
    records = [("the real record", ROOT / "data" / "orgs.yaml")]
    for size in (1000, 10000):
        path = work / f"synth-{size}.yaml"
        path.write_text(synthesise(size, seed=1), encoding="utf-8")
        records.append((f"{size:,} (synth.py --seed 1)", path))
    lines = [
        "",
        "## The timeline: `render --layout timeline`, cold (cache off), SVG",
        "",
        f"Median of {repeats} runs, timeline and tree taken in turns. Floors from issue 12: at 1,000 "
        f"organisations at most {TREE_RATIO}× the tree; at 10,000, at most {LARGE_SECONDS:g} s end to end.",
        "",
        "| record | engine | timeline | tree | timeline ÷ tree | SVG size | peak memory | floor |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, path in records:
        for engine in engines:
            out = work / f"{path.stem}-{engine}"
            timeline = [*tool, "render", "--layout", "timeline", "--engine", engine, "--data", str(path)]
            timeline += ["-o", f"{out}-timeline.svg"]
            tree = [*tool, "render", "--engine", engine, "--data", str(path), "-o", f"{out}-tree.svg"]
            large = "10,000" in name
            if large:  # the tree of 10,000 takes Graphviz many minutes: the timeline alone
                (timeline_time, memory) = median(timeline, cold, repeats)
                tree_cell, ratio_cell = "not run", ""
                verdict = "ok" if timeline_time <= LARGE_SECONDS else f"over {LARGE_SECONDS:g} s"
            else:
                runs = [(timeline, cold, None), (tree, cold, None)]
                (timeline_time, memory), (tree_time, _) = interleaved(runs, repeats)
                ratio = timeline_time / tree_time
                tree_cell, ratio_cell = f"{tree_time:.2f} s", f"{ratio:.2f}×"
                verdict = "" if "1,000" not in name else "ok" if ratio <= TREE_RATIO else f"over {TREE_RATIO}×"
            size = Path(f"{out}-timeline.svg").stat().st_size
            lines.append(
                f"| {name} | {engine} | {timeline_time:.2f} s | {tree_cell} | {ratio_cell} | "
                f"{size / 1e6:.1f} MB | {memory / 1024:.0f} MB | {verdict} |"
            )
        print(f"timeline: {name} done", file=sys.stderr)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--append", metavar="FILE", help="also add the section to FILE (BENCHMARKS.md)")
    args = parser.parse_args()
    compile_package()
    text = "\n".join(section(Path(tempfile.mkdtemp(prefix="genealogy-timeline-")), args.repeats)) + "\n"
    print(text, end="")
    if args.append:
        with open(args.append, "a", encoding="utf-8") as report:
            report.write(text)


if __name__ == "__main__":
    main()
