"""Checking a whole record: the loader, the shape checks, then every rule in rules/.

`check` never raises for anything wrong with a file: it returns every problem, sorted by position.
`load` gives the model of a file that has no errors, or raises.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from genealogy.dates import compared_by_fields
from genealogy.errors import ERROR, WARNING, GenealogyError, InvalidDataError, LoadError, Problem
from genealogy.model import Genealogy
from genealogy.record.hints import misspelt_sections, one_error_each
from genealogy.record.loader import OUT_OF_MEMORY, Document, Take, gc_paused, load_document, parse
from genealogy.record.rules import citations, cycles, dates, references, shapes, weak_sources
from genealogy.record.structure import build

Rule = Callable[[Genealogy], Iterator[Problem]]

RULES: tuple[Rule, ...] = tuple(rule.check for rule in (references, citations, weak_sources, shapes, dates, cycles))


@compared_by_fields  # see there: 0.15 ms of every check
@dataclass(frozen=True, repr=False, eq=False)
class Report:
    """What `check` found: the model (None when the file could not be parsed) and the problems."""

    genealogy: Genealogy | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]


def _run(read: Callable[[Take], Document], path: str) -> Report:
    with gc_paused():
        try:
            genealogy, problems = _checked(read, path)
        except LoadError as error:
            return Report(None, [error.problem])
        except MemoryError:  # what was built is let go with _checked's frame, before reporting
            return Report(None, [Problem(path, 1, 1, ERROR, "too-large", OUT_OF_MEMORY)])
    return Report(genealogy, sorted(set(problems)))


def _checked(read: Callable[[Take], Document], path: str) -> tuple[Genealogy, list[Problem]]:
    genealogy, problems = build(path, read)
    for rule in () if misspelt_sections(problems) else RULES:  # a misspelt section: that one error, no cascade
        problems.extend(rule(genealogy))
    return genealogy, one_error_each(genealogy, problems)


def check(path: Path | str) -> Report:
    """Every problem in a data file; never raises for anything wrong with the file."""
    return _run(lambda take: load_document(path, take), str(path))


def check_text(text: str, path: str = "<string>") -> Report:
    """Like `check`, for YAML already in memory (tests, editors, pre-commit)."""
    return _run(lambda take: parse(text, path, take), path)


def load(path: Path | str) -> Genealogy:
    """The model of a data file for queries; raises LoadError or InvalidDataError on any error."""
    return _usable(check(path))


def load_text(text: str, path: str = "<string>") -> Genealogy:
    """Like `load`, for YAML already in memory."""
    return _usable(check_text(text, path))


def _usable(report: Report) -> Genealogy:
    if report.genealogy is None:
        raise LoadError(report.problems[0])
    if report.errors:
        raise InvalidDataError(report.errors)
    return report.genealogy


__all__ = ["GenealogyError", "Report", "check", "check_text", "load"]
