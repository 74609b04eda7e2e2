"""Finding organisations by name, listing and searching them, and the JSON shapes of answers."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from genealogy.errors import AmbiguousNameError, UnknownNameError
from genealogy.lineage.graph import LineageGraph, Relative
from genealogy.model import Event, Genealogy, Name, Organisation, iso


def fold(text: str) -> str:
    """Case- and accent-insensitive form, so 'Lutte ouvriere' finds 'Lutte Ouvrière'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


# The fields a name can match, in the order `resolve` tries them: an earlier tier wins outright.
TIERS = ("id", "name", "abbreviation", "dated name", "alias")


def names_by_field(org: Organisation) -> Iterator[tuple[str, str]]:
    """(field, text) for every name an organisation answers to, in tier order."""
    yield "id", org.id
    yield "name", org.name
    if org.abbreviation:
        yield "abbreviation", org.abbreviation
    for other in org.names:
        yield "dated name", other.name
        if other.abbreviation:
            yield "dated name", other.abbreviation
    for alias in org.aliases:
        yield "alias", alias


def resolve(genealogy: Genealogy, name: str) -> Organisation:
    """The one organisation a name means, trying in turn its id, main name, abbreviation, dated
    names and aliases, each exactly but in any case and with or without accents.

    The first tier with a match decides: "Fourth International" is the FI's main name, so a later
    name of another body does not make it ambiguous. Several matches in that tier are ambiguous.
    """
    if name in genealogy.organisations:
        return genealogy.organisations[name]
    wanted = fold(name)
    best: dict[str, tuple[int, str, str]] = {}
    for org in genealogy.organisations.values():
        for field, text in names_by_field(org):
            tier = TIERS.index(field)
            if fold(text) == wanted and (org.id not in best or tier < best[org.id][0]):
                best[org.id] = (tier, field, text)
    if best:
        top = min(tier for tier, _, _ in best.values())
        matches = [(genealogy.organisations[oid], f, t) for oid, (tier, f, t) in best.items() if tier == top]
        if len(matches) == 1:
            return matches[0][0]
        raise AmbiguousNameError(
            name,
            [(o.id, f"{field} {text!r}: {o.label()}, {o.country}, {o.lifespan()}") for o, field, text in matches],
        )
    vocabulary: dict[str, str] = {}
    for org in genealogy.organisations.values():
        for _, other in names_by_field(org):
            vocabulary.setdefault(fold(other), org.id)
    close = difflib.get_close_matches(wanted, list(vocabulary), n=5, cutoff=0.6)
    suggestions = list(dict.fromkeys(vocabulary[c] for c in close))
    raise UnknownNameError(name, suggestions)


def filter_organisations(
    genealogy: Genealogy,
    active_in: int | None = None,
    country: str | None = None,
    kind: str | None = None,
) -> list[Organisation]:
    """Organisations matching every given filter, oldest first."""
    found = []
    ends = genealogy.known_ends() if active_in is not None else {}
    for org in genealogy.organisations.values():
        if active_in is not None and not org.active_in(active_in, ends[org.id]):
            continue
        if country is not None and org.country.casefold() != country.casefold():
            continue
        if kind is not None and org.kind != kind:
            continue
        found.append(org)
    return sort_by_founding(found)


class Match(NamedTuple):
    """A search result: the organisation, the field that matched and that field's text."""

    org: Organisation
    field: str
    text: str
    rank: int  # 0 exact, 1 prefix, 2 whole word, 3 substring; in the notes: 4 whole word, 5 substring


def _quality(wanted: str, folded: str) -> int | None:
    if folded == wanted:
        return 0
    if folded.startswith(wanted):
        return 1
    if re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", folded):
        return 2
    return 3 if wanted in folded else None


def _excerpt(text: str, wanted: str, room: int = 30) -> str:
    """The part of a long text around the first match, for showing where notes matched."""
    at = fold(text).find(wanted)
    if at < 0 or len(text) <= 2 * room + len(wanted):
        return text
    start, end = max(at - room, 0), min(at + len(wanted) + room, len(text))
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def search(genealogy: Genealogy, text: str) -> list[Match]:
    """Organisations whose id, names, abbreviations or aliases contain the text, then those whose
    notes do; best first: exact, then prefix, whole word, substring, each oldest first.

    Accents and case are ignored. Each result says which field matched (the best one).
    """
    wanted = fold(text)
    if not wanted:
        return []
    order = (*TIERS[1:], "id")  # an abbreviation that is also the id is reported as the abbreviation
    found = []
    for org in genealogy.organisations.values():
        best: tuple[int, int, str, str] | None = None
        for field, item in names_by_field(org):
            quality = _quality(wanted, fold(item))
            if quality is not None and (best is None or (quality, order.index(field)) < best[:2]):
                best = (quality, order.index(field), field, item)
        if best is None and org.notes:
            quality = _quality(wanted, fold(org.notes))
            if quality is not None:
                best = (4 + min(quality, 3) // 3, len(TIERS), "notes", _excerpt(org.notes, wanted))
        if best is not None:
            found.append((best, org))
    found.sort(key=lambda item: (item[0][0], item[0][1], item[1].founding_key()))
    return [Match(org, field, item, quality) for (quality, _, field, item), org in found]


def sort_by_founding(orgs: Iterable[Organisation]) -> list[Organisation]:
    return sorted(orgs, key=Organisation.founding_key)


def link_fields(event: Event, child: str) -> dict[str, str | bool | list[str] | None]:
    """What every export says of a link from `event` to `child` (`claims`: whether the child claims to continue)."""
    return {
        "event": event.id,
        "type": event.type,
        "date": iso(event.date),
        "until": iso(event.until),
        "claims": child in event.claims,
        "disputed": event.disputed,
        "description": event.description,
        "sources": list(event.sources),
        "notes": event.notes,
    }


def summary(org: Organisation) -> dict[str, str | None]:
    """The `list`/`search` JSON entry."""
    return {
        "id": org.id,
        "name": org.name,
        "abbreviation": org.abbreviation,
        "kind": org.kind,
        "country": org.country,
        "founded": iso(org.founded),
        "dissolved": org.dissolved_text(),
    }


def dated_name(name: Name) -> dict[str, object]:
    """One of an organisation's other names, as `show` and `export --format json` give it."""
    return {"name": name.name, "abbreviation": name.abbreviation, "since": iso(name.since), "until": iso(name.until)}


def details(genealogy: Genealogy, graph: LineageGraph, org: Organisation) -> dict[str, object]:
    """The `show` JSON object: the record, its parents and children, its events and sources."""

    def link(other_id: str, relation: str, date: str | None) -> dict[str, object]:
        return {"id": other_id, "name": genealogy.organisations[other_id].name, "relation": relation, "date": date}

    data: dict[str, object] = {**summary(org)}
    data["aliases"] = [n for n in org.all_names() if n not in (org.name, org.abbreviation)]
    data["names"] = [dated_name(n) for n in org.names]
    data["parents"] = [link(x.parent, x.relation, iso(x.event.date)) for x in graph.parents[org.id]]
    data["children"] = [link(x.child, x.relation, iso(x.event.date)) for x in graph.children[org.id]]
    data["events"] = [
        {
            "id": e.id,
            "type": e.type,
            "date": iso(e.date),
            "from": list(e.from_ids),
            "to": list(e.to_ids),
            "claims": list(e.claims),
            "disputed": e.disputed,
            "description": e.description,
        }
        for e in genealogy.events_of(org.id)
    ]
    data["wikidata"] = org.wikidata
    data["notes"] = org.notes
    data["sources"] = [
        {"key": key, "citation": genealogy.sources[key].citation(), "url": genealogy.sources[key].url}
        for key in org.sources
        if key in genealogy.sources
    ]
    return data


def lineage(org: Organisation, ancestors: list[Relative], descendants: list[Relative]) -> dict[str, object]:
    """The `lineage` JSON object."""
    return {
        "id": org.id,
        "name": org.name,
        "ancestors": [r.as_dict() for r in ancestors],
        "descendants": [r.as_dict() for r in descendants],
    }
