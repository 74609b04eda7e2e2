"""arity, self-reference, invalid-claim, unlikely-kind, invalid-field: each event has the organisations its type needs.

Failing examples: tests/cases/invalid/arity.yaml, self-reference.yaml, invalid-claim.yaml, unlikely-kind.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator

from genealogy.errors import WARNING, Problem
from genealogy.model import Genealogy
from genealogy.record.rules.located import at

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


def check(g: Genealogy) -> Iterator[Problem]:
    """Each event type has the right number of organisations on each side, and no self-links."""
    for event in g.events:
        if event.type not in ARITY:
            continue
        for field, ids, (fewest, most) in zip(
            ("from", "to"), (event.from_ids, event.to_ids), ARITY[event.type], strict=True
        ):
            if fewest and field not in event.spans:
                continue  # absent: reported once as a missing or wrongly typed field
            if len(ids) < fewest or (most is not None and len(ids) > most):
                wanted = (
                    f"exactly {fewest}"
                    if fewest == most
                    else f"at least {fewest}"
                    if most is None
                    else f"{fewest} to {most}"
                )
                yield at(
                    g,
                    event.at(field),
                    "arity",
                    f"a {event.type} has {wanted} organisation(s) in {field!r}, this one has {len(ids)}",
                )
        for index, org_id in enumerate(event.to_ids):
            if org_id in event.from_ids:
                yield at(g, event.at(f"to.{index}"), "self-reference", f"{org_id!r} is on both sides of {event.id!r}")
        for index, org_id in enumerate(event.claims):
            if org_id not in event.to_ids:
                yield at(
                    g,
                    event.at(f"claims.{index}"),
                    "invalid-claim",
                    f"{org_id!r} claims to continue {'/'.join(event.from_ids) or 'nothing'} but is not in 'to'",
                )
        hosts = HOST_KINDS.get(event.type, ())
        for index, org_id in enumerate(event.to_ids if hosts else ()):
            host = g.organisations.get(org_id)
            if host is not None and host.kind not in hosts:
                yield at(
                    g, event.at(f"to.{index}"), "unlikely-kind",
                    f"{event.type} {'into' if event.type == 'entry' else 'to'} {org_id!r}, which is "
                    f"{'an' if host.kind[0] in 'aeiou' else 'a'} {host.kind}; expected {' or '.join(hosts)}",
                    WARNING,
                )  # fmt: skip
        if event.until is not None and event.type != "entry":
            yield at(g, event.at("until"), "invalid-field", f"'until' is only for entry events, not a {event.type}")
