"""Writing records as YAML text in the canonical layout, for importers and generators.

The output is what `genealogy fmt` would make of it: records in block style, lists of ids in
flow style, every value on one line, quoted only where a plain scalar would read back as
something else. Records are plain dicts whose keys follow the field table's order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# Values written as they are: ids, fixed words and dates, which never need quotes.
RAW = frozenset(("id", "type", "kind", "country", "founded", "dissolved", "date", "since", "until"))
# Plain YAML scalars that our loader or ruamel would read as something other than text.
_TYPED = re.compile(r"[-+.0-9][-+.0-9a-zA-Z_:]*|~|=|<<|null|true|false|yes|no|on|off|y|n", re.IGNORECASE)
_TYPED_START = frozenset("-+.0123456789~=<nNtTfFyYoO")  # what _TYPED's words begin with: most text is not asked


def scalar(text: str) -> str:
    """A YAML scalar that reads back as exactly this text: plain when safe, else double-quoted.

    >>> scalar("Fourth International"), scalar("yes"), scalar("a: b"), scalar("1938")
    ('Fourth International', '"yes"', '"a: b"', '"1938"')
    """
    plain = (
        text
        and text[0] not in "-?:,[]{}#&*!|>'\"%@` "
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not (text[0] in _TYPED_START and _TYPED.fullmatch(text))
    )
    return text if plain else json_string(text)


def json_string(text: str) -> str:
    """`json.dumps(text, ensure_ascii=False)`, without importing json for text that needs no escape
    (the record's colours, quoted for their '#': 1.7 ms of the import command's start)."""
    if text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    import json

    return json.dumps(text, ensure_ascii=False)


def key(text: str) -> str:
    """An id or source key, quoted in the one case a slug reads as something else."""
    return f'"{text}"' if text in ("true", "false", "null") else text


def record_lines(record: Mapping[str, object]) -> list[str]:
    """One organisation or event as the lines of a list item under its section.

    A list, not a generator, and each value's type asked once: the Linux sheet's 1,144 records
    and its sources (10,348 lines in all) are written in 5.1 ms so, 6.3 to 6.9 ms before (warm,
    best of 30).
    """
    lines: list[str] = []
    lead = "  - "
    for name, value in record.items():
        if isinstance(value, list):
            if value and isinstance(value[0], dict):
                lines.append(f"{lead}{name}:")
                for entry in value:
                    sub_lead = "      - "
                    for sub, text in entry.items():
                        lines.append(f"{sub_lead}{sub}: {text if sub in RAW else scalar(text)}")
                        sub_lead = "        "
            else:
                lines.append(f"{lead}{name}: [{', '.join([key(str(item)) for item in value])}]")
        elif isinstance(value, bool):
            lines.append(f"{lead}{name}: {'true' if value else 'false'}")
        elif name == "id":
            lines.append(f"{lead}{name}: {key(str(value))}")
        else:
            lines.append(f"{lead}{name}: {value if name in RAW else scalar(str(value))}")
        lead = "    "
    return lines


def dump(
    sources: Mapping[str, Mapping[str, str]],
    organisations: Iterable[Mapping[str, object]],
    events: Iterable[Mapping[str, object]],
    title: str | None = None,
    header: Iterable[str] = (),
    domains: Iterable[Mapping[str, object]] = (),
) -> str:
    """A whole record: comment lines, title, bibliography, organisations, events, domains."""
    lines = [f"# {line}" for line in header]
    if title:
        lines.append(f"title: {scalar(title)}")
    if sources:
        lines.append("sources:")
        for source_key, entry in sources.items():
            lines.append(f"  {key(source_key)}:")
            lines += [f"    {field}: {scalar(value)}" for field, value in entry.items()]
    for section, records in (
        ("organisations", list(organisations)),
        ("events", list(events)),
        ("domains", list(domains)),
    ):
        if records:
            lines.append(f"{section}:")
            for record in records:
                lines += record_lines(record)
    return "\n".join(lines) + "\n"
