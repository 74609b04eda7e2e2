"""unknown-org: every id in `from`, `to` and `claims`, and every domain member, names an organisation.

Passing and failing examples: tests/cases/valid/*.yaml and tests/cases/invalid/unknown-org.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator

from genealogy.errors import Problem
from genealogy.model import Genealogy
from genealogy.record.rules.located import at
from genealogy.words import Suggester


def check(g: Genealogy) -> Iterator[Problem]:
    """Every id in `from`, `to` and `claims` names an organisation in the file."""
    suggest = Suggester(g.organisations)  # one for the whole file: thousands of typos stay fast
    for event in g.events:
        for field, ids in (("from", event.from_ids), ("to", event.to_ids), ("claims", event.claims)):
            for index, org_id in enumerate(ids):
                if org_id not in g.organisations:
                    close = suggest(org_id)
                    hint = f"; did you mean {close!r}?" if close else "; add it under 'organisations:' first"
                    yield at(g, event.at(f"{field}.{index}"), "unknown-org", f"unknown organisation {org_id!r}{hint}")
    for domain in g.domains:
        for index, org_id in enumerate(domain.members):
            if org_id not in g.organisations:
                close = suggest(org_id)
                hint = f"; did you mean {close!r}?" if close else "; add it under 'organisations:' first"
                yield at(g, domain.at(f"members.{index}"), "unknown-org", f"unknown organisation {org_id!r}{hint}")
