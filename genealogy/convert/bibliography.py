"""The record's bibliography for reference managers: CSL-JSON (Zotero, Pandoc) and BibTeX (LaTeX).

Each cited source once, sorted by key, with what the record knows of it: kind, author, title,
chapter, year, publisher, pages, address and notes. For a selection, the sources its organisations
and links cite. An author written as one plain name is left for BibTeX to split; a list of names
stays one literal name.
"""

from __future__ import annotations

import json
import re

from genealogy.lineage.selection import SelectionOptions, select
from genealogy.model import Genealogy, Source

# The CSL item type of each kind of source (a book chapter is a "chapter" whatever its kind).
CSL_TYPES = {
    "scholarly": "book",
    "archive": "document",
    "organisation": "webpage",
    "press": "article-newspaper",
    "encyclopedia": "entry-encyclopedia",
}
BIBTEX_TYPES = {
    "scholarly": "book",
    "archive": "misc",
    "organisation": "online",
    "press": "article",
    "encyclopedia": "online",
}


def cited_sources(genealogy: Genealogy, options: SelectionOptions | None = None) -> list[Source]:
    """The sources the selection cites (the whole record's bibliography when nothing is selected)."""
    if options is None or options == SelectionOptions():
        keys = set(genealogy.sources)
    else:
        selection = select(genealogy, options)
        keys = {k for org in selection.organisations for k in org.sources}
        keys |= {k for event in selection.events for k in event.sources}
    return [genealogy.sources[k] for k in sorted(keys) if k in genealogy.sources]


def _year(source: Source) -> int | None:
    match = re.search(r"\b(1[0-9]{3}|20[0-9]{2})\b", source.year or "")
    return int(match.group(1)) if match else None


def to_csl_json(genealogy: Genealogy, options: SelectionOptions | None = None) -> str:
    """A CSL-JSON array: one item per source, its kind in `keyword`."""
    items = []
    for source in cited_sources(genealogy, options):
        item: dict[str, object] = {"id": source.key, "type": CSL_TYPES.get(source.kind or "", "document")}
        if source.chapter:
            item.update({"type": "chapter", "title": source.chapter, "container-title": source.title})
        else:
            item["title"] = source.title
        if source.author:
            item["author"] = [{"literal": source.author}]
        year = _year(source)
        if year is not None:
            item["issued"] = {"date-parts": [[year]]}
        for field, value in (
            ("publisher", source.publisher),
            ("page", source.pages),
            ("URL", source.url),
            ("note", source.notes),
            ("keyword", source.kind),
        ):
            if value:
                item[field] = value
        items.append(item)
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")
_BIBTEX_REPLACEMENTS = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def bibtex_text(text: str) -> str:
    r"""A value BibTeX and LaTeX read as the text itself: specials escaped, braces balanced.

    >>> bibtex_text("50% of R&D {draft}")
    '50\\% of R\\&D \\{draft\\}'
    """
    one_line = " ".join(text.split())
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_REPLACEMENTS.get(m.group(1), "\\" + m.group(1)), one_line)


def _bibtex_key(key: str) -> str:
    """BibTeX keys cannot hold spaces, commas or braces; ours are letters, digits and - _ . : already."""
    return re.sub(r"[^A-Za-z0-9_.:-]", "-", key)


def to_bibtex(genealogy: Genealogy, options: SelectionOptions | None = None) -> str:
    """One BibTeX entry per source; titles in double braces so styles keep their capitals."""
    entries = []
    for source in cited_sources(genealogy, options):
        entry_type = "incollection" if source.chapter else BIBTEX_TYPES.get(source.kind or "", "misc")
        fields: list[tuple[str, str]] = []
        if source.chapter:
            fields += [("title", "{" + bibtex_text(source.chapter) + "}"), ("booktitle", bibtex_text(source.title))]
        else:
            fields.append(("title", "{" + bibtex_text(source.title) + "}"))
        if source.author:
            # One plain name BibTeX can split ("Robert J. Alexander"); anything else stays one literal name.
            author = bibtex_text(source.author)
            plain = "," not in author and " and " not in author and ";" not in author
            fields.append(("author", author if plain else "{" + author + "}"))
        year = _year(source)
        if year is not None:
            fields.append(("year", str(year)))
        for name, value in (
            ("publisher", source.publisher),
            ("pages", source.pages),
            ("note", source.notes),
            ("keywords", source.kind),
        ):
            if value:
                fields.append((name, bibtex_text(value)))
        if source.url:
            fields.append(("url", source.url.replace("{", "%7B").replace("}", "%7D")))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@{entry_type}{{{_bibtex_key(source.key)},\n{body}\n}}\n")
    return "\n".join(entries)
