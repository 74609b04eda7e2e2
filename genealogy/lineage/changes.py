"""What an edit changes, record by record, in words a reviewer reads in seconds (`genealogy diff`)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from genealogy.model import Domain, Event, Genealogy, Name, Organisation, Source

# Fields compared, in the order a reviewer wants to read them; position fields are ignored.
ORG_FIELDS = (
    "name", "abbreviation", "kind", "country", "colour", "founded", "dissolved_text",
    "names", "aliases", "wikidata", "sources", "notes",
)  # fmt: skip
EVENT_FIELDS = ("type", "date", "until", "from_ids", "to_ids", "claims", "disputed", "description", "sources", "notes")
SOURCE_FIELDS = tuple(f.name for f in fields(Source) if f.name not in ("key", "line", "column"))
DOMAIN_FIELDS = ("colour", "members", "notes")  # a domain is known by its name
LABELS = {"from_ids": "from", "to_ids": "to", "dissolved_text": "dissolved"}


SHORT = 60  # longer text is summarised by what was inserted and deleted


@dataclass(frozen=True)
class Change:
    """One field of one record: its old and new value, as text (lists as `; `-joined items)."""

    field: str
    old: str | None
    new: str | None
    is_list: bool = False

    def describe(self) -> str:
        if self.is_list and self.old is not None and self.new is not None:
            before, after = self.old.split("; "), self.new.split("; ")
            added = [f"+{item}" for item in after if item not in before]
            removed = [f"-{item}" for item in before if item not in after]
            return f"{self.field}: {', '.join(added + removed) or 'reordered'}"
        if self.old is None:
            return f"{self.field} added: {_clip(self.new or '')}"
        if self.new is None:
            return f"{self.field} removed (was {_clip(self.old)})"
        if len(self.old) > SHORT or len(self.new) > SHORT:
            return f"{self.field}: {_word_changes(self.old, self.new)}"
        return f"{self.field}: {self.old} → {self.new}"


def _clip(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _word_changes(old: str, new: str) -> str:
    """What an edit of a long text inserted and deleted, word by word, clipped."""
    import difflib

    before, after = old.split(), new.split()
    parts = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            parts.append(f"-“{_clip(' '.join(before[a1:a2]), 60)}”")
        if op in ("insert", "replace"):
            parts.append(f"+“{_clip(' '.join(after[b1:b2]), 60)}”")
    return " ".join(parts) or "whitespace only"


@dataclass(frozen=True)
class Section:
    """Added, removed and changed records of one kind (organisations, events or sources)."""

    added: list[tuple[str, str]] = field(default_factory=list)  # (id, summary)
    removed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, list[Change]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": [{"id": i, "summary": s} for i, s in self.added],
            "removed": [{"id": i, "summary": s} for i, s in self.removed],
            "changed": [
                {"id": i, "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in changes]}
                for i, changes in self.changed
            ],
        }


SECTIONS = ("organisations", "events", "sources", "domains")


@dataclass(frozen=True)
class Diff:
    organisations: Section
    events: Section
    sources: Section
    domains: Section = field(default_factory=Section)

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in SECTIONS)

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name).as_dict() for name in SECTIONS}


def _text(value: object) -> str | None:
    if value is None or value == () or value is False:
        return None
    if isinstance(value, tuple):
        return "; ".join(_text(item) or "" for item in value)
    if isinstance(value, Name):
        span = "–".join(str(d) if d else "" for d in (value.since, value.until))
        return f"{value.name}" + (f" ({span})" if span != "–" else "")
    return str(value)


def _value(record: object, name: str) -> object:
    """A field, or what a method says (`dissolved_text`: a date or "unknown")."""
    value = getattr(record, name)
    return value() if callable(value) else value


def _compare(old: object, new: object, names: tuple[str, ...]) -> list[Change]:
    changes = []
    for name in names:
        old_value, new_value = _value(old, name), _value(new, name)
        before, after = _text(old_value), _text(new_value)
        if before != after:
            is_list = isinstance(new_value, tuple) or isinstance(old_value, tuple)
            changes.append(Change(LABELS.get(name, name), before, after, is_list))
    return changes


def _org_summary(org: Organisation) -> str:
    return f"{org.label()} ({org.kind}, {org.country}, {org.lifespan()})"


def _event_summary(event: Event) -> str:
    arrow = f"{', '.join(event.from_ids) or '∅'} → {', '.join(event.to_ids)}"
    return f"{event.type} {event.date or ''}: {arrow}"


def _section(old: dict[str, Any], new: dict[str, Any], names: tuple[str, ...], summary: Any) -> Section:
    section = Section()
    for key, record in new.items():
        if key not in old:
            section.added.append((key, summary(record)))
        else:
            changes = _compare(old[key], record, names)
            if changes:
                section.changed.append((key, changes))
    section.removed.extend((key, summary(record)) for key, record in old.items() if key not in new)
    return section


def compare(old: Genealogy, new: Genealogy) -> Diff:
    """Every record added, removed or changed between two versions of a record."""
    return Diff(
        organisations=_section(dict(old.organisations), dict(new.organisations), ORG_FIELDS, _org_summary),
        events=_section({e.id: e for e in old.events}, {e.id: e for e in new.events}, EVENT_FIELDS, _event_summary),
        sources=_section(dict(old.sources), dict(new.sources), SOURCE_FIELDS, lambda s: s.citation()),
        domains=_section(_domains(old), _domains(new), DOMAIN_FIELDS, _domain_summary),
    )


def _domains(record: Genealogy) -> dict[str, Domain]:
    return {domain.name: domain for domain in record.domains}


def _domain_summary(domain: Domain) -> str:
    return f"{domain.colour}, {len(domain.members)} members"


def describe(diff: Diff) -> str:
    """The diff as plain text: one line per record, its changes indented under it."""
    if not diff:
        return "no changes to organisations, events, sources or domains"
    out = []
    for title in SECTIONS:
        section: Section = getattr(diff, title)
        if not section:
            continue
        counts = f"{len(section.added)} added, {len(section.removed)} removed, {len(section.changed)} changed"
        out.append(f"{title}: {counts}")
        out.extend(f"  + {key}  {summary}" for key, summary in section.added)
        out.extend(f"  - {key}  {summary}" for key, summary in section.removed)
        for key, changes in section.changed:
            out.append(f"  ~ {key}")
            out.extend(f"      {change.describe()}" for change in changes)
    return "\n".join(out)
