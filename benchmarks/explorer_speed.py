"""How soon the explorer page is interactive in headless Chromium, and how fast it answers then.

Issue 12: at 10,000 organisations the page should be interactive within 5 s. For each record the
page is rendered once (`genealogy render -o FILE.html`; above TREE_LIMIT organisations it holds
the timeline only) and then opened REPEATS times in a fresh Chromium tab from file://:

- interactive: from the start of navigation until the page's script has indexed the chart and
  set `data-ready` (the search box, clicks and keys answer from then on), as Chromium's own
  `performance.now()` counts it, plus one painted frame;
- select: `genealogy.select(id)` of an organisation with a large lineage, until the next frame;
- filter: typing a year range (both inputs), until the next frame;
- switch: showing the other layout for the first time (two-chart pages only), until the next frame.

    python benchmarks/explorer_speed.py [--sizes 387 2000 10000] [--repeats 3]

387 is the real record (data/orgs.yaml); other sizes are synth.py records (--seed 1). Needs
Playwright and Chromium (/usr/bin/chromium, or CHROMIUM=...).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import synthesise

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
LIMIT_SECONDS = 5.0
NEXT_FRAME = "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


def page_for(size: int, work: Path) -> tuple[Path, str, float]:
    """The explorer page of a record of `size` organisations (0: the real record); its name and render time."""
    if size == 0:
        data, name = ROOT / "data" / "orgs.yaml", "the real record"
    else:
        data, name = work / f"synth-{size}.yaml", f"{size:,} (synth.py --seed 1)"
        data.write_text(synthesise(size, seed=1), encoding="utf-8")
    out = work / f"explorer-{size}.html"
    started = time.monotonic()
    argv = [sys.executable, "-m", "genealogy", "render", "--data", str(data), "-o", str(out)]
    subprocess.run(argv, cwd=ROOT, check=True, env={**os.environ, "GENEALOGY_CACHE": "off"}, capture_output=True)
    return out, name, time.monotonic() - started


def measure(browser, path: Path) -> dict[str, float]:
    """One fresh tab: the figures of the module docstring, in seconds."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri(), timeout=120_000)
    page.wait_for_selector("html[data-ready]", timeout=120_000)
    interactive = page.evaluate(f"{NEXT_FRAME}.then(() => performance.now())") / 1000
    # The organisation with the most ancestors and descendants: the slowest lineage to light up.
    target = page.evaluate(
        "() => { const ids = [...document.querySelectorAll('#ui_chart .layout:not([hidden]) .lifeline, "
        "#ui_chart .layout:not([hidden]) .node.org')].map(g => g.id); let best = ids[0], most = -1; "
        "for (const id of ids.slice(0, 400)) { "
        "const n = genealogy.walk(id, true).size + genealogy.walk(id, false).size; "
        "if (n > most) { most = n; best = id; } } return best; }"
    )
    timed = "async (run) => { const t = performance.now(); run(); "
    timed += f"await {NEXT_FRAME}; return performance.now() - t; }}"
    select = page.evaluate(timed.replace("run()", f"genealogy.select({target!r})"), None) / 1000
    page.evaluate("genealogy.clearSelection()")
    filter_ = (
        page.evaluate(
            timed.replace(
                "run()",
                "(() => { for (const [id, v] of [['ui_from', 1960], ['ui_to', 1970]]) { "
                "const i = document.getElementById(id); i.value = v; i.dispatchEvent(new Event('input')); } })()",
            ),
            None,
        )
        / 1000
    )
    other = page.evaluate("[...document.querySelectorAll('#ui_layouts button:not(:disabled)')].length") > 1
    switch = float("nan")
    if other:
        command = "genealogy.show(genealogy.layout() === 'tree' ? 'timeline' : 'tree')"
        switch = page.evaluate(timed.replace("run()", command), None) / 1000
    page.close()
    if errors:
        raise RuntimeError(f"{path.name}: {errors[0]}")
    return {"interactive": interactive, "select": select, "filter": filter_, "switch": switch}


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 2000, 10000], help="0: the real record")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="genealogy-explorer-"))
    rows = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for size in args.sizes:
            path, name, rendered = page_for(size, work)
            runs = [measure(browser, path) for _ in range(args.repeats)]
            med = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            layouts = "tree + timeline" if runs and med["switch"] == med["switch"] else "timeline only"
            verdict = "ok" if med["interactive"] <= LIMIT_SECONDS else f"over {LIMIT_SECONDS:g} s"
            switch = "" if med["switch"] != med["switch"] else f"{med['switch']:.2f} s"
            rows.append(
                f"| {name} | {layouts} | {path.stat().st_size / 1e6:.1f} MB | {rendered:.1f} s | "
                f"{med['interactive']:.2f} s | {med['select']:.3f} s | {med['filter']:.3f} s | {switch} | {verdict} |"
            )
            print(f"explorer: {name} done", file=sys.stderr)
        browser.close()
    print(f"Headless Chromium ({CHROMIUM}), 1400×900, median of {args.repeats} fresh tabs; render: cold, cache off.")
    print()
    print("| record | charts | page | render | interactive | select | year filter | first switch | ≤ 5 s |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
