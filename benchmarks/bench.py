"""`make bench`: every command at 100, 1,000 and 10,000 organisations, against its floor.

The timeline layout has its own section (timeline_speed.py): against the tree of the same record,
and at 10,000 and 50,000 organisations with its peak memory; then the GNU/Linux Distribution
Timeline's sheet against gnuclad (peer_speed.py), and the embedded engine against system
Graphviz (engine_speed.py).

Floors, measured in the same run on the same file: for validate and the queries, a Python
process that loads the file with PyYAML's libyaml loader (what any tool reading the file pays);
for render, Graphviz alone laying out the same DOT. Queries are timed cold (cache off: parse and
check every time) and warm (the cache of checked records). Writes BENCHMARKS.md.

Commands run as users run them: the installed `genealogy` script, with the package compiled to
bytecode first, as `pip install` does (a checkout run with PYTHONDONTWRITEBYTECODE=1 would
otherwise compile every module from source at every start, some 10-20 ms).
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from synth import synthesise  # noqa: E402

SCRIPT = Path(sys.executable).with_name("genealogy")
TOOL = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "genealogy"]
CLICK_FLOOR = [sys.executable, str(ROOT / "benchmarks" / "click_floor.py")]
RENDER_LIMIT = 60.0


def compile_package() -> None:
    """Bytecode for every module, so no timed run pays for compiling source."""
    compileall.compile_dir(ROOT / "genealogy", quiet=1)


def section_main(section: Callable[[Path, int], list[str]], prefix: str, repeats: int, doc: str | None) -> None:
    """The command line of a benchmark that writes one section of BENCHMARKS.md (`--append FILE`)."""
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("--repeats", type=int, default=repeats)
    parser.add_argument("--append", metavar="FILE", help="also add the section to FILE (BENCHMARKS.md)")
    args = parser.parse_args()
    compile_package()
    text = "\n".join(section(Path(tempfile.mkdtemp(prefix=prefix)), args.repeats)) + "\n"
    print(text, end="")
    if args.append:
        with open(args.append, "a", encoding="utf-8") as report:
            report.write(text)


def chart_dot(data: str, rich: bool) -> bytes:
    """The DOT `render` hands an engine: rich labels for system dot, plain ones for the embedded build."""
    from genealogy import load
    from genealogy.chart.dot import ChartOptions, to_dot

    return to_dot(load(data), ChartOptions(rich_labels=rich)).encode("utf-8")


TIME = shutil.which("time", path="/usr/bin:/bin")  # GNU time, to measure peak memory from a small process


def run(
    argv: list[str],
    env: dict[str, str],
    stdin: bytes | None = None,
    timeout: float = 600,
    cwd: Path | None = None,
    memory: bool = True,
) -> tuple[float, int]:
    """Wall time and peak memory (KiB) of one command.

    The peak is the largest resident set of the command or of any child it waited for (Graphviz).
    It is taken by /usr/bin/time (`%M`, as `time -v` reports it), not from this process's wait4:
    Linux starts a child's maximum at the size of the process that forked it, and this one grows
    to hundreds of MB making records. time's own start adds about a millisecond to every command
    alike; with `memory=False` the command runs directly and its peak is 0.

    The end is taken when the kernel reports it (a blocking wait4; a timer kills a command that
    overruns `timeout`), not by polling: a 2 ms poll added some 0.7 ms to every time, and read
    gnuclad's 8.0 ms as 8.7.
    """
    measure = memory and TIME is not None
    with tempfile.NamedTemporaryFile(prefix="peak-", suffix=".txt") as peak_file:
        wrapped = [TIME, "-f", "%M", "-o", peak_file.name, *argv] if measure and TIME else argv
        started = time.perf_counter()
        child = subprocess.Popen(
            wrapped, env=env, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        child.stdin.write(stdin or b"")  # type: ignore[union-attr]
        child.stdin.close()  # type: ignore[union-attr]
        overran = threading.Event()

        def overrun() -> None:
            overran.set()
            child.kill()

        watchdog = threading.Timer(timeout, overrun)
        watchdog.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            watchdog.cancel()
        elapsed = time.perf_counter() - started
        if overran.is_set():
            raise TimeoutError(" ".join(argv))
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"{' '.join(argv)} failed: {child.stderr.read().decode()[:300]}")  # type: ignore[union-attr]
        if not measure:
            return elapsed, 0 if not memory else usage.ru_maxrss
        return elapsed, int(Path(peak_file.name).read_text().split()[-1])


def median(
    argv: list[str],
    env: dict[str, str],
    repeats: int,
    stdin: bytes | None = None,
    before: Callable[[], object] | None = None,
) -> tuple[float, int]:
    """Median time and peak memory of `repeats` runs; `before()` runs untimed before each."""
    results = []
    for _ in range(repeats):
        if before is not None:
            before()
        results.append(run(argv, env, stdin))
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def interleaved(
    runs: list[tuple[list[str], dict[str, str], bytes | None]],
    repeats: int,
    timeout: float = 600,
    before: Callable[[], object] | None = None,
) -> list[tuple[float, int]]:
    """Median time and peak memory of each command, run in turns (A B C A B C ...).

    A render and its floor then see the same machine: this 2-core box drifts by up to a fifth
    between minutes, which back-to-back blocks of runs would read as overhead (or as a gain).
    """
    results: list[list[tuple[float, int]]] = [[] for _ in runs]
    for _ in range(repeats):
        for slot, (argv, env, stdin) in enumerate(runs):
            if before is not None:
                before()
            results[slot].append(run(argv, env, stdin, timeout))
    return [(statistics.median(t for t, _ in r), max(m for _, m in r)) for r in results]


def growth(cold_times: dict[str, dict[int, float]]) -> list[str]:
    """How each command's time grows from one size to the next: the ratio and its power of N.

    A power near 1 is linear; Python's fixed start-up (about 0.1 s) pulls the small sizes'
    powers below 1, so the step between the two largest sizes is the telling one.
    """
    sizes = sorted({size for times in cold_times.values() for size in times})
    steps = list(itertools.pairwise(sizes))
    if not steps:
        return []
    header = " | ".join(f"{a:,} → {b:,}" for a, b in steps)
    lines = ["", "How the time grows with N (cold; time ratio, and the power of N it amounts to):", ""]
    lines += [f"| command | {header} |", "| --- |" + " ---: |" * len(steps)]
    for name, times in cold_times.items():
        cells = []
        for a, b in steps:
            if a in times and b in times:
                ratio = times[b] / times[a]
                cells.append(f"{ratio:.1f}× (N^{math.log(ratio) / math.log(b / a):.2f})")
            else:
                cells.append("")
        lines.append(f"| {name} | {' | '.join(cells)} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args()
    compile_package()
    work = Path(tempfile.mkdtemp(prefix="genealogy-bench-"))
    cold = {**os.environ, "GENEALOGY_CACHE": "off", "NO_COLOR": "1"}
    warm = {**os.environ, "GENEALOGY_CACHE": str(work / "cache"), "NO_COLOR": "1"}
    help_time, _ = median([*TOOL, "--help"], cold, 5)
    graphviz = "no system Graphviz"
    if shutil.which("dot"):
        graphviz = subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr.strip()
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` ({Path(__file__).name}) on {time.strftime('%Y-%m-%d')}: "
        f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{graphviz}. "
        f"Median of {args.repeats} runs; records from `benchmarks/synth.py N --seed 1`.",
        "",
        f"`genealogy --help`: {help_time:.3f} s.",
        "",
        "| N | command | cold (no cache) | warm (cache) | floor | cold ÷ floor | peak memory |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    cold_times: dict[str, dict[int, float]] = {}  # command -> size -> seconds, for the growth table
    for size in (int(n) for n in args.sizes.split(",")):
        data = work / f"synth-{size}.yaml"
        data.write_text(synthesise(size, seed=1), encoding="utf-8")
        floor_argv = [
            sys.executable,
            "-c",
            f"import yaml; yaml.load(open({str(data)!r}).read(), Loader=yaml.CSafeLoader)",
        ]
        floor, floor_memory = median(floor_argv, cold, args.repeats)
        lines.append(f"| {size:,} | libyaml load (floor) | {floor:.2f} s | | | | {floor_memory / 1024:.0f} MB |")
        cold_times.setdefault("libyaml load (floor)", {})[size] = floor
        last = f"o{size - 1}"
        commands = {
            "validate": ["validate", str(data)],
            "show": ["show", last, "--data", str(data)],
            "lineage": ["lineage", last, "--data", str(data)],
            "list": ["list", "--data", str(data)],
            "common": ["common", last, f"o{size // 2}", "--data", str(data)],
        }
        for name, argv in commands.items():
            cold_time, memory = median([*TOOL, *argv], cold, args.repeats)
            cold_times.setdefault(name, {})[size] = cold_time
            run([*TOOL, *argv], warm)  # fill the cache
            warm_time, _ = median([*TOOL, *argv], warm, args.repeats)
            warm_cell = "" if name == "validate" else f"{warm_time:.2f} s"
            lines.append(
                f"| {size:,} | {name} | {cold_time:.2f} s | {warm_cell} | {floor:.2f} s | "
                f"{cold_time / floor:.2f}× | {memory / 1024:.0f} MB |"
            )
        engines = [("system", ["dot", "-Tsvg"])] if shutil.which("dot") else []
        engines.append(("embedded", [sys.executable, "-m", "genealogy.chart.embedded", "svg"]))
        for engine, layout in engines:
            dot_text = chart_dot(str(data), engine == "system")
            try:
                run(layout, cold, dot_text, timeout=RENDER_LIMIT)
            except TimeoutError:
                lines.append(f"| {size:,} | render svg ({engine}) | over {RENDER_LIMIT:.0f} s: not run | | | | |")
                continue
            argv = [*TOOL, "render", "--engine", engine, "--data", str(data), "-o", str(work / f"{engine}.svg")]
            run(argv, warm)  # fill the cache
            runs = [(layout, cold, dot_text), (argv, cold, None), (argv, warm, None)]
            if engine == "system":  # the least a Click command can do with the same cached chart
                (work / "chart.dot").write_bytes(dot_text)
                least = ["--data", str(data), "--dot", str(work / "chart.dot"), "-o", str(work / "least.svg")]
                runs.append(([*CLICK_FLOOR, *least], cold, None))
            (layout_time, _), (cold_time, memory), (warm_time, _), *least_run = interleaved(runs, args.repeats)
            cold_times.setdefault(f"render svg ({engine})", {})[size] = cold_time
            lines.append(
                f"| {size:,} | render svg ({engine}) | {cold_time:.2f} s | {warm_time:.2f} s | {layout_time:.2f} s | "
                f"{cold_time / layout_time:.2f}× (warm {warm_time / layout_time:.2f}×) | {memory / 1024:.0f} MB |"
            )
            for least_time, least_memory in least_run:
                lines.append(
                    f"| {size:,} | least a Click command can do (click_floor.py) | | {least_time:.2f} s | "
                    f"{layout_time:.2f} s | warm {least_time / layout_time:.2f}× | {least_memory / 1024:.0f} MB |"
                )
        print(f"N={size} done", file=sys.stderr)
    lines += growth(cold_times)
    lines += [
        "",
        "Floors: for validate and the queries, a Python process loading the file with PyYAML's libyaml "
        "loader; for render, Graphviz alone on the same DOT (its own process). Peak memory is the "
        "command's maximum resident set size. `click_floor.py` starts Python, imports Click, hashes "
        "the record, runs Graphviz on a prepared DOT and writes the output atomically: the least "
        "any Click command can do to draw a cached chart, so the gap between it and Graphviz alone "
        "is start-up no Click-based tool avoids.",
    ]
    from engine_speed import section as engine_section
    from peer_speed import section as peer_section
    from timeline_speed import section as timeline_section

    lines += timeline_section(work, args.repeats)
    lines += peer_section(work, max(args.repeats, 5))
    lines += engine_section(work, max(args.repeats, 5))
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
