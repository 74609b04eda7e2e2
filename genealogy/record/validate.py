"""Checks that need the whole record: references, dates in order, lineage without cycles, sources.

Each rule is a small generator of Problems over the model; `check` runs the loader, the shape
checks and every rule, and returns all problems sorted by position.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from genealogy.errors import ERROR, WARNING, GenealogyError, InvalidDataError, LoadError, Problem
from genealogy.model import Event, Genealogy, Organisation
from genealogy.record.hints import misspelt_sections, one_error_each
from genealogy.record.loader import OUT_OF_MEMORY, Document, gc_paused, load_document, parse
from genealogy.record.rules import weak_sources
from genealogy.record.structure import build
from genealogy.words import Suggester

Rule = Callable[[Genealogy], Iterator[Problem]]

# (fewest, most) organisations in `from` and in `to` for each event type; None: no limit.
ARITY: dict[str, tuple[tuple[int, int | None], tuple[int, int | None]]] = {
    "founding": ((0, None), (1, None)),
    "split": ((1, 1), (1, None)),
    "merger": ((1, None), (1, 1)),
    "reunification": ((1, None), (1, 1)),
    "rename": ((1, 1), (1, 1)),
    "expulsion": ((1, 1), (1, None)),
    "based-on": ((1, None), (1, 1)),
    "affiliation": ((1, None), (1, 1)),
    "disaffiliation": ((1, None), (1, 1)),
    "entry": ((1, 1), (1, 1)),
}
# What the `to` side of a relation usually is; anything else is worth a second look (a warning).
HOST_KINDS = {
    "affiliation": ("international", "committee"),
    "disaffiliation": ("international", "committee"),
    "entry": ("party", "group"),
}
# Lineage links where the `to` side is born at the event, so it cannot predate its parent.
BIRTH_TYPES = ("founding", "split", "rename")
# Lineage links into an organisation that already exists: its `to` side must exist on the date,
# like everyone on both sides of a relation (an organisation that begins from its base is a founding).
EXISTING_TYPES = ("based-on",)


def _at(g: Genealogy, where: tuple[int, int], code: str, message: str, severity: str = ERROR) -> Problem:
    return Problem(g.path, where[0], where[1], severity, code, message)


def _name(org: Organisation) -> str:
    return f"{org.id!r}"


def references(g: Genealogy) -> Iterator[Problem]:
    """Every id in `from`, `to` and `claims`, and every domain member, names an organisation in the file."""
    suggest = Suggester(g.organisations)  # one for the whole file: thousands of typos stay fast
    for event in g.events:
        for field, ids in (("from", event.from_ids), ("to", event.to_ids), ("claims", event.claims)):
            for index, org_id in enumerate(ids):
                if org_id not in g.organisations:
                    close = suggest(org_id)
                    hint = f"; did you mean {close!r}?" if close else "; add it under 'organisations:' first"
                    yield _at(g, event.at(f"{field}.{index}"), "unknown-org", f"unknown organisation {org_id!r}{hint}")
    for domain in g.domains:
        for index, org_id in enumerate(domain.members):
            if org_id not in g.organisations:
                close = suggest(org_id)
                hint = f"; did you mean {close!r}?" if close else "; add it under 'organisations:' first"
                yield _at(g, domain.at(f"members.{index}"), "unknown-org", f"unknown organisation {org_id!r}{hint}")


def citations(g: Genealogy) -> Iterator[Problem]:
    """Every cited key is in the bibliography; every record cites something (a warning)."""
    suggest = Suggester(g.sources)
    records: list[tuple[str, Organisation | Event]] = [("organisation", o) for o in g.organisations.values()]
    records += [("event", e) for e in g.events]
    for what, record in records:
        if not record.sources:
            yield _at(
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
                yield _at(g, record.at(f"sources.{index}"), "unknown-source", f"unknown source {key!r}{hint}")


def shapes(g: Genealogy) -> Iterator[Problem]:
    """Each event type has the right number of organisations on each side, and no self-links."""
    for event in g.events:
        if event.type not in ARITY:
            continue
        for field, ids, (fewest, most) in zip(
            ("from", "to"), (event.from_ids, event.to_ids), ARITY[event.type], strict=True
        ):
            if field not in event.spans and fewest:
                continue  # absent: reported once as a missing or wrongly typed field
            if len(ids) < fewest or (most is not None and len(ids) > most):
                wanted = (
                    f"exactly {fewest}"
                    if fewest == most
                    else f"at least {fewest}"
                    if most is None
                    else f"{fewest} to {most}"
                )
                yield _at(
                    g,
                    event.at(field),
                    "arity",
                    f"a {event.type} has {wanted} organisation(s) in {field!r}, this one has {len(ids)}",
                )
        for index, org_id in enumerate(event.to_ids):
            if org_id in event.from_ids:
                yield _at(g, event.at(f"to.{index}"), "self-reference", f"{org_id!r} is on both sides of {event.id!r}")
        for index, org_id in enumerate(event.claims):
            if org_id not in event.to_ids:
                yield _at(
                    g,
                    event.at(f"claims.{index}"),
                    "invalid-claim",
                    f"{org_id!r} claims to continue {'/'.join(event.from_ids) or 'nothing'} but is not in 'to'",
                )
        hosts = HOST_KINDS.get(event.type, ())
        for index, org_id in enumerate(event.to_ids if hosts else ()):
            host = g.organisations.get(org_id)
            if host is not None and host.kind not in hosts:
                yield _at(
                    g, event.at(f"to.{index}"), "unlikely-kind",
                    f"{event.type} {'into' if event.type == 'entry' else 'to'} {org_id!r}, which is "
                    f"{'an' if host.kind[0] in 'aeiou' else 'a'} {host.kind}; expected {' or '.join(hosts)}",
                    WARNING,
                )  # fmt: skip
        if event.until is not None and event.type != "entry":
            yield _at(g, event.at("until"), "invalid-field", f"'until' is only for entry events, not a {event.type}")


def dates(g: Genealogy) -> Iterator[Problem]:
    """Nothing ends before it starts; events happen while their participants exist."""
    for org in g.organisations.values():
        if org.founded and org.dissolved and org.dissolved.latest() < org.founded.earliest():
            yield _at(
                g,
                org.at("dissolved"),
                "date-order",
                f"{_name(org)} is dissolved ({org.dissolved}) before it was founded ({org.founded})",
            )
    for event in g.events:
        if event.date is None:
            continue
        if event.until and event.until.latest() < event.date.earliest():
            yield _at(
                g, event.at("until"), "date-order", f"the entry ends ({event.until}) before it starts ({event.date})"
            )
        for role, org_id, span in event.participants():
            if org_id not in g.organisations:
                continue
            org = g.organisations[org_id]
            born_here = role == "to" and event.is_lineage and event.type not in EXISTING_TYPES
            founders_from = role == "from" and event.type == "founding"  # may have ended already
            if org.founded and not born_here and event.date.latest() < org.founded.earliest():
                yield _at(
                    g,
                    event.at(span),
                    "event-before-founding",
                    f"{event.id!r} ({event.date}) is before {_name(org)} was founded ({org.founded})",
                )
            if org.dissolved and not founders_from and event.date.earliest() > org.dissolved.latest():
                yield _at(
                    g,
                    event.at(span),
                    "event-after-dissolution",
                    f"{event.id!r} ({event.date}) is after {_name(org)} was dissolved ({org.dissolved})",
                )
        if event.type in BIRTH_TYPES:
            yield from _older_children(g, event)


def _older_children(g: Genealogy, event: Event) -> Iterator[Problem]:
    for parent_id in event.from_ids:
        parent = g.organisations.get(parent_id)
        if parent is None or parent.founded is None:
            continue
        for index, child_id in enumerate(event.to_ids):
            child = g.organisations.get(child_id)
            if child and child.founded and child.founded.latest() < parent.founded.earliest():
                yield _at(
                    g,
                    event.at(f"to.{index}"),
                    "child-older-than-parent",
                    f"{_name(child)} (founded {child.founded}) is older than its parent {_name(parent)} "
                    f"(founded {parent.founded})",
                )


def born_at(g: Genealogy, event: Event, child_id: str) -> bool:
    """Whether a lineage event's `to` organisation began with it (rather than absorbing others later).

    A group that rejoins its parent, or a party that absorbs a splinter decades on, is a link into
    an organisation that already existed: history, not a cycle.
    """
    child = g.organisations.get(child_id)
    if child is None or child.founded is None or event.date is None:
        return True
    return child.founded.latest() >= event.date.earliest()


def cycles(g: Genealogy) -> Iterator[Problem]:
    """No organisation is born, through foundings, splits and renames, from its own offspring."""
    children: dict[str, dict[str, Event]] = {}
    for event in g.events:
        if not event.is_lineage:
            continue
        for parent in event.from_ids:
            for child in event.to_ids:
                if parent != child and parent in g.organisations and born_at(g, event, child):
                    children.setdefault(parent, {}).setdefault(child, event)
    for loop in find_cycles(children):
        links = [children[a][b] for a, b in itertools.pairwise(loop)]
        closing = max(links, key=lambda e: (e.line, e.column))
        yield _at(
            g,
            (closing.line, closing.column),
            "cycle",
            f"lineage cycle {' -> '.join(loop)}; an organisation cannot descend from itself",
        )


def find_cycles(children: dict[str, dict[str, Event]]) -> list[list[str]]:
    """One cycle (first node repeated at the end) per group of nodes that can reach each other.

    Iterative depth-first search with colours, so a long lineage cannot hit the recursion limit;
    nodes on a reported cycle are not reported again.
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    found: list[list[str]] = []
    reported: set[str] = set()
    for root in sorted(children):
        if root in state:
            continue
        path: list[str] = [root]
        stack = [iter(sorted(children.get(root, {})))]
        state[root] = 1
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                state[path.pop()] = 2
            elif state.get(child) == 1:
                loop = [*path[path.index(child) :], child]
                if not reported & set(loop):
                    found.append(loop)
                    reported.update(loop)
            elif child not in state:
                state[child] = 1
                path.append(child)
                stack.append(iter(sorted(children.get(child, {}))))
    return found


RULES: tuple[Rule, ...] = (references, citations, weak_sources.check, shapes, dates, cycles)


@dataclass(frozen=True)
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


def _run(make: Callable[[], Document], path: str) -> Report:
    with gc_paused():
        try:
            genealogy, problems = _checked(make)
        except LoadError as error:
            return Report(None, [error.problem])
        except MemoryError:  # what was built is let go with _checked's frame, before reporting
            return Report(None, [Problem(path, 1, 1, ERROR, "too-large", OUT_OF_MEMORY)])
    return Report(genealogy, sorted(set(problems)))


def _checked(make: Callable[[], Document]) -> tuple[Genealogy, list[Problem]]:
    genealogy, problems = build(make())
    for rule in () if misspelt_sections(problems) else RULES:  # a misspelt section: that one error, no cascade
        problems.extend(rule(genealogy))
    return genealogy, one_error_each(genealogy, problems)


def check(path: Path | str) -> Report:
    """Every problem in a data file; never raises for anything wrong with the file."""
    return _run(lambda: load_document(path), str(path))


def check_text(text: str, path: str = "<string>") -> Report:
    """Like `check`, for YAML already in memory (tests, editors, pre-commit)."""
    return _run(lambda: parse(text, path), path)


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
