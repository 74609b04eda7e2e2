"""Writing the record: nodes as organisations, links as events, addresses as the bibliography.

Each node is an organisation of kind `group`, country `international`, founded at Start and
dissolved at Stop. Its id is a slug of its Name (see `assign_ids`). Its `name` is the *latest*
name: a rename keeps the node's identity in gnuclad, and the name a project goes by now (or went
by when it ended) is the one readers know and search for ("Solus", not "Evolve OS"); the earlier
names are kept under `names` with `since`/`until`, so an event is still labelled with the name of
its day. The Description address becomes a bibliography entry keyed by the id; an address urllib
cannot take apart is kept as words, not cited. The node's Color is kept as its `colour`.

Each `D` row becomes a domain: named as the row writes its node (Red Hat, not the name the node
goes by now, Red Hat Enterprise Linux), in its Color, its members the node and every
node that descends from it by Parent (gnuclad's own rule), in the order of the sheet; gnuclad
shades that family's rows behind their lines, and so does the timeline.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path

from genealogy.convert import writer
from genealogy.convert.gnuclad.links import Link
from genealogy.convert.gnuclad.sheet import DomainRow, Node, Sheet
from genealogy.convert.gnuclad.text import cited_host, clean, fit
from genealogy.words import slugify, unique


def assign_ids(nodes: Iterable[Node]) -> None:
    """Give each node a unique slug of its name, whatever the order of the rows.

    Names that slug alike ("MAX" and "MAX ", which gnuclad keeps apart by the space) are taken in
    the order of their exact text: the shortest, plain one keeps the slug, the others get -2, -3.
    """
    used: set[str] = set()
    # Each slug made once (it was made twice: 0.4 ms of the Linux sheet); the index keeps the order
    # of equal keys, as the stable sort did, and nodes from being compared.
    slugged = sorted((slug(node.key), node.key, index, node) for index, node in enumerate(nodes))
    for base, _, _, node in slugged:
        node.id = unique(base, used)


def slug(text: str) -> str:
    """A node's id: the validator's own slug of its name ("Élive Linux" -> "elive-linux")."""
    return slugify(text, fallback="node")


def _event_id(link: Link, used: set[str]) -> str:
    if link.type == "founding" and link.source.key == link.target.parent:
        base = f"{link.target.id}-founding"
    else:
        base = f"{link.source.id}-to-{link.target.id}-{link.date.year}"
    return unique(base, used)


def _organisation(node: Node, addresses: list[tuple[str, dict[str, str]]], sheet_key: str) -> dict[str, object]:
    """The node as an organisation citing `addresses` (see `_addresses`) and the sheet."""
    record: dict[str, object] = {"id": node.id, "name": node.name, "kind": "group", "country": "international"}
    record["founded"] = node.start.iso()
    if node.stop:
        record["dissolved"] = node.stop.iso()
    names: list[dict[str, str]] = []
    if node.renames:  # most nodes have none
        earlier = [(node.first_name, None), *((new, since) for new, since, _ in node.renames)]
        for (name, since), (_, until) in itertools.pairwise(earlier):
            entry = {"name": name, "since": since.iso()} if since else {"name": name}
            names.append({**entry, "until": until.iso()})  # type: ignore[union-attr]
    names += [{"name": name} for name in node.undated]
    if names:
        record["names"] = names
    if node.colour:
        record["colour"] = node.colour
    record["sources"] = [*(key for key, _ in addresses), sheet_key]
    notes = list(node.notes)
    cited = {entry["url"] for _, entry in addresses}  # its Description, when that is an address
    if node.description and node.description not in cited:
        notes.append(f"The sheet's description reads “{fit(clean(node.description))}”.")
    if notes:
        record["notes"] = fit(" ".join(notes))
    return record


def _addresses(node: Node) -> list[tuple[str, dict[str, str]]]:
    """The node's bibliography: its Description address, then other addresses its row gives."""
    found: list[tuple[str, dict[str, str]]] = []
    named = [(node.first_name, node.description), *((new, about) for new, _, about in node.renames)]
    named += [(node.first_name, url) for url in node.more_urls]
    seen: set[str] = set()
    for name, about in named:
        url = about.strip()
        host = cited_host(url)
        if host is None or url in seen:
            continue
        seen.add(url)
        key = node.id if not found else f"{node.id}.{len(found) + 1}"
        found.append((key, {"title": f"{name} (page at {host})", "url": url}))
    return found


def domain_members(sheet: Sheet) -> dict[str, list[str]]:
    """The keys of each domain's members: its node and every node descending from it by Parent.

    Each node's chain of parents is walked once (what is above a node already seen is remembered),
    so a long line of descent costs linear time; a loop of Parents ends the walk.
    """
    roots = {domain.key for domain in sheet.domains}
    above: dict[str, frozenset[str]] = {}  # node -> the domain nodes it is in
    for start in sheet.nodes:
        path: list[str] = []
        on_path: set[str] = set()
        key: str | None = start
        while key is not None and key not in above and key not in on_path:
            path.append(key)
            on_path.add(key)
            key = sheet.nodes[key].parent or None
        inherited = above.get(key, frozenset()) if key is not None else frozenset()
        for member in reversed(path):
            inherited = inherited | {member} if member in roots else inherited
            above[member] = inherited
    members: dict[str, list[str]] = {root: [] for root in roots}
    for key in sheet.nodes:
        for root in sorted(above[key]):
            members[root].append(key)
    return members


def _domain(domain: DomainRow, sheet: Sheet, members: list[str]) -> dict[str, object]:
    node = sheet.nodes[domain.key]
    record: dict[str, object] = {
        "name": node.first_name,
        "colour": domain.colour,
        "members": [sheet.nodes[k].id for k in members],
    }
    intensity = f", at an intensity of {domain.intensity}" if domain.intensity else ""
    record["notes"] = (
        f"The sheet's domain of {node.first_name}{intensity}: it and every node descending from it by Parent."
    )
    return record


def dump(sheet: Sheet, links: list[Link]) -> str:
    """The record's YAML text, in the canonical layout (`genealogy fmt` leaves it as it is)."""
    name = Path(sheet.path).name
    sheet_key = f"{slug(Path(sheet.path).stem)}-sheet"
    while any(node.id == sheet_key for node in sheet.nodes.values()):
        sheet_key += "-sheet"
    title = sheet.title or f"gnuclad sheet {name}"
    about = f"Every date, parent, connector and name change in this record comes from the gnuclad sheet {name}."
    sources: dict[str, dict[str, str]] = {sheet_key: {"title": title, "notes": fit(" ".join([about, *sheet.licence]))}}
    cited = [(node, _addresses(node)) for node in sheet.nodes.values()]
    for _, addresses in cited:
        sources.update(addresses)
    # The records as generators, each made when the writer comes to it (see writer.dump).
    organisations = (_organisation(node, addresses, sheet_key) for node, addresses in cited)
    header = [f"Imported from gnuclad sheet {name} by genealogy import gnuclad"]
    members = domain_members(sheet) if sheet.domains else {}
    domains = (_domain(domain, sheet, members[domain.key]) for domain in sheet.domains)
    events = _events(links, sheet_key)
    return writer.dump(sources, organisations, events, title=title, header=header, domains=domains)


def _events(links: list[Link], sheet_key: str) -> Iterator[dict[str, object]]:
    used: set[str] = set()
    for link in links:
        event: dict[str, object] = {"id": _event_id(link, used), "type": link.type, "date": link.date.iso()}
        event.update({"from": [link.source.id], "to": [link.target.id], "description": link.description})
        event["sources"] = [sheet_key]
        if link.notes:
            event["notes"] = fit(" ".join(link.notes))
        yield event
