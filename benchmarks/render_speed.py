"""How long `genealogy render` takes against Graphviz's own layout of the same DOT (the floor).

Run with `make bench`, which adds the Markdown section it prints to BENCHMARKS.md; the README's
figures for the real record come from here.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import CLICK_FLOOR, ROOT, TOOL, chart_dot, compile_package


def _once(argv: list[str], stdin: bytes | None) -> float:
    started = time.perf_counter()
    subprocess.run(argv, input=stdin, capture_output=True, check=True)
    return time.perf_counter() - started


def paired(floor: list[str], stdin: bytes, ours: list[str], repeats: int) -> tuple[float, float]:
    """Median wall times of the floor and of our command, run in turns after one warm-up each.

    Taking turns gives both the same machine: its speed drifts by up to a fifth over minutes.
    """
    _once(floor, stdin), _once(ours, None)
    floors, mine = [], []
    for _ in range(repeats):
        floors.append(_once(floor, stdin))
        mine.append(_once(ours, None))
    return statistics.median(floors), statistics.median(mine)


def timed(argv: list[str], repeats: int) -> float:
    """Median wall time of a command over `repeats` runs, after one warm-up run."""
    _once(argv, None)
    return statistics.median(_once(argv, None) for _ in range(repeats))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=str(ROOT / "data" / "orgs.yaml"))
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--append", metavar="FILE", help="also add the section to FILE (BENCHMARKS.md)")
    args = parser.parse_args()
    compile_package()
    out = Path(tempfile.mkdtemp())
    dot_text = chart_dot(args.data, rich=True)
    rows = []
    if shutil.which("dot"):
        for fmt in ("svg", "pdf", "png"):
            ours = [*TOOL, "render", "--data", args.data, "-o", str(out / f"chart.{fmt}")]
            rows.append((f"system dot, {fmt}", *paired(["dot", f"-T{fmt}"], dot_text, ours, args.repeats)))
        # The first render after an edit: nothing cached.
        cold = ["env", "GENEALOGY_CACHE=off", *TOOL, "render", "--data", args.data, "-o", str(out / "cold.svg")]
        rows.append(("system dot, svg, cache off", *paired(["dot", "-Tsvg"], dot_text, cold, args.repeats)))
        (out / "chart.dot").write_bytes(dot_text)
        least = [*CLICK_FLOOR, "--data", args.data, "--dot", str(out / "chart.dot"), "-o", str(out / "least.svg")]
        rows.append(("least a Click command can do, svg", *paired(["dot", "-Tsvg"], dot_text, least, args.repeats)))
    embedded = [sys.executable, "-m", "genealogy.chart.embedded", "svg"]
    ours = [*TOOL, "render", "--engine", "embedded", "--data", args.data, "-o", str(out / "e.svg")]
    rows.append(("embedded (wasm), svg", *paired(embedded, chart_dot(args.data, rich=False), ours, args.repeats)))
    dot_only = timed([*TOOL, "render", "--data", args.data, "--format", "dot", "-o", str(out / "c.dot")], 5)
    lines = [
        "",
        "## The real record: `render` against Graphviz alone",
        "",
        f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        f"data: {args.data}; median of {args.repeats} runs in turns with the floor, after a warm-up",
        "",
        "| engine, format | Graphviz alone on the same DOT | `genealogy render` end to end | ratio |",
        "| --- | --- | --- | --- |",
        *(f"| {name} | {floor:.2f} s | {ours:.2f} s | {ours / floor:.2f}× |" for name, floor, ours in rows),
        "",
        f"Building the DOT alone (`render --format dot`: load, validate, DOT): {dot_only:.2f} s.",
        "`least a Click command can do` is benchmarks/click_floor.py: Python, Click, a hash of the record,",
        "Graphviz on a prepared DOT and an atomic write; `render` cannot start faster than it.",
    ]
    section = "\n".join(lines) + "\n"
    print(section, end="")
    if args.append:
        with open(args.append, "a", encoding="utf-8") as report:
            report.write(section)


if __name__ == "__main__":
    main()
