"""The package's shape: stages that only import down the data flow, no cycles, no module over 400 lines."""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

PACKAGE = ROOT / "genealogy"
# read -> check -> query -> draw / convert -> command line; shared modules at the top level.
STAGES = ["record", "lineage", "chart", "convert", "cli"]


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def _imports() -> dict[str, set[str]]:
    """Every genealogy module each module imports, at the top or inside a function (lazily)."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("genealogy"):
                targets = {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
                graph[name] |= {t for t in targets if t in modules and t != name}
            elif isinstance(node, ast.Import):
                graph[name] |= {alias.name for alias in node.names if alias.name in modules}
    return graph


def _stage(module: str) -> int | None:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 2 and parts[1] in STAGES else None


def test_no_module_is_over_400_lines() -> None:
    long = {name: n for name, path in _modules().items() if (n := len(path.read_text().splitlines())) > 400}
    assert long == {}


def test_no_import_cycles() -> None:
    graph, state, path, cycles = _imports(), {}, [], []

    def visit(module: str) -> None:
        state[module] = "open"
        path.append(module)
        for other in sorted(graph[module]):
            if state.get(other) == "open":
                cycles.append([*path[path.index(other) :], other])
            elif other not in state:
                visit(other)
        path.pop()
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert cycles == []


def test_stages_import_only_earlier_stages_and_the_shared_modules() -> None:
    """The command line may use everything; nothing uses the command line; a stage never reaches forward."""
    allowed_forward = {("genealogy.lineage.selection", "genealogy.lineage.graph")}
    wrong = []
    for module, targets in _imports().items():
        here = _stage(module)
        for target in targets:
            there = _stage(target)
            if there is None or here is None or there <= here or (module, target) in allowed_forward:
                continue
            if STAGES[there] == "cli" or STAGES[here] in ("record", "lineage"):
                wrong.append((module, target))
    assert wrong == []


def test_the_shared_modules_import_no_stage() -> None:
    """errors, model, vocabulary, words, atomic: usable by every stage because they use none."""
    shared = {m for m in _imports() if _stage(m) is None and m.count(".") == 1 and m.split(".")[1] not in STAGES}
    shared -= {"genealogy.__main__"}
    assert shared >= {"genealogy.errors", "genealogy.model", "genealogy.vocabulary", "genealogy.words"}
    assert {m: sorted(t for t in _imports()[m] if _stage(t) is not None) for m in shared} == {m: [] for m in shared}
