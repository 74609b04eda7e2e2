"""Write a valid synthetic record of N organisations, for scale tests and benchmarks.

    python benchmarks/synth.py 10000 --seed 1 -o /tmp/synth-10000.yaml

A century (1923-2023) is swept year by year; each new organisation is founded from nothing, from
a parent, by a split, a merger, a rename or a reunification of organisations active at the time,
and parties join and leave internationals. Everything is sourced and in time order, so the
result checks clean with `genealogy validate --strict`. Same N and seed, same bytes.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

KINDS = ("party", "party", "party", "group", "group", "faction", "tendency", "committee", "youth")
COUNTRIES = ("GB", "FR", "US", "AR", "BR", "LK", "BO", "DE", "IT", "ES", "MX", "IN", "JP", "ZA", "AU", "CA")
WORDS = (
    "Workers", "Socialist", "Revolutionary", "Communist", "Internationalist", "Marxist", "Labour",
    "Bolshevik", "Militant", "Unity", "Struggle", "Spark", "Platform", "Tendency", "League", "Union",
)  # fmt: skip
SOURCES = 24


def synthesise(count: int, seed: int = 0) -> str:
    """The YAML text of a record with `count` organisations."""
    rng = random.Random(seed)
    months = sorted((rng.randint(1923, 2023), rng.randint(1, 12)) for _ in range(count))
    orgs: list[dict] = []
    events: list[dict] = []
    active: list[int] = []
    internationals: list[int] = []
    members: dict[int, int] = {}  # section -> international it belongs to

    def event(kind: str, when: str, sources: list[str], parents: list[int], children: list[int]) -> None:
        events.append(
            {"id": f"e{len(events)}", "type": kind, "date": when, "from": [f"o{p}" for p in parents],
             "to": [f"o{c}" for c in children], "sources": sources}
        )  # fmt: skip

    def end(index: int, when: str) -> None:
        orgs[index]["dissolved"] = when
        active.remove(index)
        internationals[:] = [i for i in internationals if i != index]
        members.pop(index, None)
        for section in [s for s, target in members.items() if target == index]:
            del members[section]

    for index, (year, month) in enumerate(months):
        international = index % 40 == 0
        kind = "international" if international else rng.choice(KINDS)
        name = " ".join(rng.sample(WORDS, 3)) + f" {index}"
        when = f"{year}-{month:02d}"
        sources = [f"s{rng.randrange(SOURCES)}"]
        orgs.append(
            {"id": f"o{index}", "name": name, "kind": kind, "country": "international" if international
             else rng.choice(COUNTRIES), "founded": when, "sources": sources}
        )  # fmt: skip
        if rng.random() < 0.05:
            orgs[-1]["abbreviation"] = "".join(w[0] for w in name.split()[:3])
        # Founded by now, all of them (months are sorted); not copied, as copying made 50,000 quadratic.
        candidates = active
        roll = rng.random()
        if not candidates or roll < 0.08:
            event("founding", when, sources, [], [index])
        elif roll < 0.55:
            event("split", when, sources, [rng.choice(candidates)], [index])
        elif roll < 0.65:
            event("founding", when, sources, [rng.choice(candidates)], [index])
        elif roll < 0.78 and len(candidates) >= 2:
            parents = rng.sample(candidates, 2)
            event("merger" if roll < 0.74 else "reunification", when, sources, parents, [index])
            for parent in parents:
                end(parent, when)
        elif roll < 0.88:
            parent = rng.choice(candidates)
            event("rename", when, sources, [parent], [index])
            end(parent, when)
        else:
            parent = rng.choice(candidates)
            event("expulsion", when, sources, [parent], [index])
        active.append(index)
        if international:
            internationals.append(index)
        elif internationals and kind == "party" and rng.random() < 0.5:
            target = rng.choice(internationals)
            event(
                "affiliation",
                f"{when}-{rng.randint(1, 28):02d}" if rng.random() < 0.3 else when,
                sources,
                [index],
                [target],
            )
            members[index] = target
        for section, target in list(members.items()):
            if rng.random() < 0.004 and orgs[section]["founded"] < when:
                event("disaffiliation", when, sources, [section], [target])
                del members[section]
        if len(active) > 40 and rng.random() < 0.3:
            old = rng.choice(active[:-1])
            if orgs[old]["founded"] < when:
                end(old, when)
    return _yaml(orgs, events, seed)


def _yaml(orgs: list[dict], events: list[dict], seed: int) -> str:
    from genealogy.convert import writer
    from genealogy.record import schema

    def canonical(record: dict, fields: tuple) -> dict:
        return {f.name: record[f.name] for f in fields if f.name in record}

    sources = {
        f"s{k}": {"title": f"Synthetic source {k}", "url": f"https://example.org/source/{k}"} for k in range(SOURCES)
    }
    for item in events:
        if not item["from"]:
            del item["from"]
    orgs = [canonical(o, schema.ORGANISATION_FIELDS) for o in orgs]
    events = [canonical(e, schema.EVENT_FIELDS) for e in events]
    return writer.dump(
        sources, orgs, events, title=f"Synthetic record of {len(orgs)} organisations (seed {seed})",
        header=["yaml-language-server: $schema=../genealogy/schema/genealogy.schema.json"],
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, help="number of organisations")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    args = parser.parse_args()
    text = synthesise(args.count, args.seed)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
