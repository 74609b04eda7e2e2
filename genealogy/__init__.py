"""genealogy: validate, query and chart the genealogy of organisations.

The library API, usable without the CLI::

    import genealogy
    record = genealogy.load("data/orgs.yaml")          # raises on any error
    graph = genealogy.LineageGraph(record)
    [r.org.name for r in graph.ancestors("imt")]
    report = genealogy.check("data/orgs.yaml")         # every problem, never raises
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = [
    "AmbiguousNameError",
    "Date",
    "Event",
    "Genealogy",
    "GenealogyError",
    "InvalidDataError",
    "LineageGraph",
    "LoadError",
    "Organisation",
    "Problem",
    "Report",
    "Source",
    "UnknownNameError",
    "check",
    "check_text",
    "load",
    "resolve",
]

_HOMES = {
    "AmbiguousNameError": "errors",
    "GenealogyError": "errors",
    "InvalidDataError": "errors",
    "LoadError": "errors",
    "Problem": "errors",
    "UnknownNameError": "errors",
    "Date": "model",
    "Event": "model",
    "Genealogy": "model",
    "Organisation": "model",
    "Source": "model",
    "LineageGraph": "lineage.graph",
    "Report": "record.validate",
    "check": "record.validate",
    "check_text": "record.validate",
    "load": "record.validate",
    "resolve": "lineage.queries",
}


def __getattr__(name: str) -> Any:
    """Import on first use, so `genealogy --help` does not pay for YAML or graph modules."""
    if name in _HOMES:
        from importlib import import_module

        value = getattr(import_module(f".{_HOMES[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'genealogy' has no attribute {name!r}")
