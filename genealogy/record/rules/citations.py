"""unknown-source, missing-source: every cited key is in the bibliography, and every record cites something.

Failing examples: tests/cases/invalid/unknown-source.yaml, missing-source.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator

from genealogy.errors import WARNING, Problem
from genealogy.model import Event, Genealogy, Organisation
from genealogy.record.rules.located import at
from genealogy.words import Suggester


def check(g: Genealogy) -> Iterator[Problem]:
    """Every cited key is in the bibliography; every record cites something (a warning)."""
    suggest = Suggester(g.sources)
    records: list[tuple[str, Organisation | Event]] = [("organisation", o) for o in g.organisations.values()]
    records += [("event", e) for e in g.events]
    for what, record in records:
        if not record.sources:
            yield at(
                g,
                record.at("id"),
                "missing-source",
                f"{what} {record.id!r} cites no source; add a bibliography key to 'sources'",
                WARNING,
            )
        for index, key in enumerate(record.sources):
            if key not in g.sources:
                close = suggest(key)
                hint = f"; did you mean {close!r}?" if close else "; add it to the bibliography under 'sources:'"
                yield at(g, record.at(f"sources.{index}"), "unknown-source", f"unknown source {key!r}{hint}")
