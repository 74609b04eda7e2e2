"""Counts over a record (`genealogy stats`): by decade, kind, country and event, and the lineages that split most."""

from __future__ import annotations

from collections import Counter
from typing import Any

from genealogy.lineage.graph import LineageGraph
from genealogy.model import Genealogy

SPLITTING = ("split", "expulsion")


def statistics(genealogy: Genealogy, top: int = 10) -> dict[str, Any]:
    """Plain data, so that text and JSON output come from the same numbers."""
    orgs = list(genealogy.organisations.values())
    decades = Counter(f"{o.founded.year // 10 * 10}s" for o in orgs if o.founded)
    graph = LineageGraph(genealogy)
    splits = Counter(link.parent for links in graph.children.values() for link in links if link.relation in SPLITTING)
    split_prone = []
    for org_id, count in sorted(splits.items(), key=lambda item: (-item[1], item[0]))[:top]:
        org = genealogy.organisations[org_id]
        descendants = len(graph.descendants(org_id))
        split_prone.append({"id": org_id, "name": org.label(), "splits": count, "descendants": descendants})
    return {
        "organisations": len(orgs),
        "events": len(genealogy.events),
        "sources": len(genealogy.sources),
        "by_decade": dict(sorted(decades.items())),
        "by_kind": dict(Counter(o.kind for o in orgs).most_common()),
        "by_country": dict(sorted(Counter(o.country for o in orgs).items(), key=lambda kv: (-kv[1], kv[0]))),
        "by_event_type": dict(Counter(e.type for e in genealogy.events).most_common()),
        "most_split": split_prone,
        "sources_by_kind": _source_kinds(genealogy),
    }


def _source_kinds(genealogy: Genealogy) -> dict[str, object]:
    """How the bibliography divides by kind, and how many records rest on something besides encyclopedias."""
    from genealogy.vocabulary import SOURCE_KINDS

    kinds = Counter(s.kind or "unclassified" for s in genealogy.sources.values())
    order = [*SOURCE_KINDS, "unclassified"]

    def stronger(records: list[Any]) -> int:
        return sum(
            any(k in genealogy.sources and genealogy.sources[k].kind not in ("encyclopedia", None) for k in r.sources)
            for r in records
        )

    orgs = list(genealogy.organisations.values())
    return {
        "kinds": {kind: kinds[kind] for kind in order if kinds[kind]},
        "organisations_beyond_encyclopedias": stronger(orgs),
        "events_beyond_encyclopedias": stronger(list(genealogy.events)),
    }


def describe_sources(stats: dict[str, Any]) -> str:
    """The bibliography by kind, and the share of records citing more than encyclopedias."""
    sources = stats["sources_by_kind"]
    total = stats["sources"] or 1
    out = [f"{stats['sources']} sources by kind"]
    out.extend(f"  {kind:<15} {count:4d}  {100 * count / total:5.1f}%" for kind, count in sources["kinds"].items())
    for what, key, count in (
        ("organisations", "organisations_beyond_encyclopedias", stats["organisations"]),
        ("events", "events_beyond_encyclopedias", stats["events"]),
    ):
        share = 100 * sources[key] / count if count else 100.0
        out.append(f"{what} citing a source beyond encyclopedias: {sources[key]} of {count} ({share:.1f}%)")
    return "\n".join(out)


def describe(stats: dict[str, Any]) -> str:
    """The numbers as short aligned tables, with a bar per decade; a section with nothing to list is left out."""
    out = [f"{stats['organisations']} organisations, {stats['events']} events, {stats['sources']} sources"]
    widest = max(stats["by_decade"].values(), default=1)
    bars = [
        f"  {decade}  {count:4d}  {'█' * max(1, round(30 * count / widest))}"
        for decade, count in stats["by_decade"].items()
    ]
    sections = [("founded by decade", bars)]
    for title, key in (("by kind", "by_kind"), ("by event type", "by_event_type"), ("by country", "by_country")):
        sections.append((title, [f"  {name:<15} {count:4d}" for name, count in stats[key].items()]))
    prone = [
        f"  {entry['splits']:6d}  {entry['descendants']:11d}  {entry['name']} [{entry['id']}]"
        for entry in stats["most_split"]
    ]
    if prone:
        prone.insert(0, "  splits  descendants  organisation")
    sections.append(("most split-prone (splits and expulsions from it; all its descendants)", prone))
    for title, lines in sections:
        if lines:
            out += ["", title, *lines]
    return "\n".join(out)
