"""weak-source (notice): a record whose every source is an encyclopedia.

Encyclopedias are where a reader starts, not what a history rests on: each organisation and
event should cite at least one work of another kind (scholarship, an archive, the organisation's
own publications, the press). Sources without a `kind` are not judged. A notice, not a warning:
some records have nothing better yet, and `--strict` should not make them fail; `stats --sources`
counts them. Failing example: tests/cases/invalid/weak-source.yaml.

Passes::

    sources:
      alexander: {title: International Trotskyism, kind: scholarly}
      wp: {title: Fourth International (Wikipedia article), kind: encyclopedia}
    organisations:
      - {id: fi, name: FI, kind: international, country: international, founded: 1938, sources: [wp, alexander]}

Fails (the organisation cites only the encyclopedia)::

    organisations:
      - {id: fi, name: FI, kind: international, country: international, founded: 1938, sources: [wp]}
"""

from __future__ import annotations

from collections.abc import Iterator

from genealogy.errors import NOTICE, Problem
from genealogy.model import Event, Genealogy, Organisation

CODE = "weak-source"


def check(g: Genealogy) -> Iterator[Problem]:
    # The encyclopedias' keys, looked up as a set: without any, as in the Linux sheet, no record
    # is weak and none is looked at (0.7 ms of its load).
    encyclopedias = {key for key, source in g.sources.items() if source.kind == "encyclopedia"}
    if not encyclopedias:
        return
    records: list[tuple[str, Organisation | Event]] = [("organisation", o) for o in g.organisations.values()]
    records += [("event", e) for e in g.events]
    for what, record in records:
        cited = [key for key in record.sources if key in g.sources]
        if cited and encyclopedias.issuperset(cited):
            line, column = record.at("sources")
            yield Problem(
                g.path,
                line,
                column,
                NOTICE,
                CODE,
                f"{what} {record.id!r} cites only encyclopedias; "
                "add a scholarly, archive, organisation or press source",
            )
