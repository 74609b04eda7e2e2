"""The embedded engine (Graphviz in WebAssembly) against system `dot`: `render` of 100 organisations.

Issue 12's target: the embedded engine within 2× of system Graphviz at 100 organisations. Three
cases, each engine in turns: the cache off (the embedded engine then compiles its WebAssembly
at every run, as it did before chart/wasm_cache.py); the first render of a new file (the
compiled module cached, the record not); an unchanged file (both cached). Skipped without
system Graphviz. Run by `make bench` (through bench.py), or alone:

    python benchmarks/engine_speed.py [--repeats 5] [--append BENCHMARKS.md]
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ROOT, run, section_main
from synth import synthesise
from timeline_speed import _tool

SIZE = 100
TARGET = 2.0  # embedded ÷ system, at most
ENGINES = ("system", "embedded")


def section(work: Path, repeats: int) -> list[str]:
    """The Markdown section: one row per cache state, both engines' medians and their ratio."""
    if not shutil.which("dot"):
        return ["", "(The embedded engine against system Graphviz: skipped, no system Graphviz.)"]
    os.chdir(ROOT)
    tool = _tool()
    source = synthesise(SIZE, seed=1)
    cache = str(work / "engine-cache")
    cases = {  # case -> (environment, whether each turn draws a file never drawn before)
        "cache off (embedded compiles at every run)": ({"GENEALOGY_CACHE": "off"}, False),
        "first render of a new file (compiled module cached)": ({"GENEALOGY_CACHE": cache}, True),
        "unchanged file (chart and compiled module cached)": ({"GENEALOGY_CACHE": cache}, False),
    }
    lines = [
        "",
        f"## The embedded engine against system Graphviz: `render` of {SIZE} organisations, SVG",
        "",
        f"`render --engine system|embedded` of `synth.py {SIZE} --seed 1`, median of {repeats} runs taken in turns "
        f"after a warm-up. Target from issue 12: embedded at most {TARGET:g}× system.",
        "",
        "| case | system | embedded | embedded ÷ system | target |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for case, (setting, fresh) in cases.items():
        env = {**os.environ, "NO_COLOR": "1", **setting}
        times: dict[str, list[float]] = {engine: [] for engine in ENGINES}
        for turn in range(repeats + 1):  # the first turn warms up (and fills the cache) uncounted
            for engine in ENGINES:
                data = work / (f"synth-{SIZE}-{engine}-{turn}.yaml" if fresh else f"synth-{SIZE}.yaml")
                if not data.exists():
                    data.write_text(source, encoding="utf-8")
                argv = [*tool, "render", "--engine", engine, "--data", str(data), "-o", str(work / f"{engine}.svg")]
                seconds, _ = run(argv, env, memory=False)
                if turn:
                    times[engine].append(seconds)
        system, embedded = (statistics.median(times[engine]) for engine in ENGINES)
        verdict = "ok" if embedded <= TARGET * system else f"over {TARGET:g}×"
        if "cache off" in case:
            verdict = "(before the compiled module was cached)"
        lines.append(f"| {case} | {system:.2f} s | {embedded:.2f} s | {embedded / system:.2f}× | {verdict} |")
    print("engines done", file=sys.stderr)
    return lines


def main() -> None:
    section_main(section, "genealogy-engines-", 5, __doc__)


if __name__ == "__main__":
    main()
