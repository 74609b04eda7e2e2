"""Writing records as YAML text in the canonical layout, for importers and generators.

The output is what `genealogy fmt` would make of it: records in block style, lists of ids in
flow style, every value on one line, quoted only where a plain scalar would read back as
something else. Records are plain dicts whose keys follow the field table's order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# Values written as they are: ids, fixed words and dates, which never need quotes.
RAW = frozenset(("id", "type", "kind", "country", "founded", "dissolved", "date", "since", "until"))
# Plain YAML scalars that our loader or ruamel would read as something other than text: words
# of these characters starting with one of _NUMBER_START, and these words in any case. (As the
# expression [-+.0-9][-+.0-9a-zA-Z_:]*|~|=|<<|null|...|n with re.IGNORECASE, which took 0.5 ms
# of the import command's start to compile.)
_NUMBER_START = "-+.0123456789"
_NUMBER_CHARS = "-+.0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_:"
_TYPED_WORDS = frozenset(("~", "=", "<<", "null", "true", "false", "yes", "no", "on", "off", "y", "n"))
_TYPED_START = frozenset("-+.0123456789~=<nNtTfFyYoO")  # what they begin with: most text is not asked
# The non-ASCII letters that re.IGNORECASE matched with ASCII ones, as the expression read them.
_ASCII_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


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
        and not (text[0] in _TYPED_START and _reads_typed(text))
    )
    return text if plain else json_string(text)


def _reads_typed(text: str) -> bool:
    """Whether `text`, plain, would read as a number, date, null, boolean or merge key (see _NUMBER_START).

    >>> [_reads_typed(t) for t in ("1938", "-x", "1.0a_b:c", "No", "yeſ", "Nuñez", "n/a", "~")]
    [True, True, True, True, True, False, False, True]
    """
    if not text.isascii():
        text = text.translate(_ASCII_TWINS)
        if not text.isascii():
            return False
    if text[0] in _NUMBER_START:
        return not text.lstrip(_NUMBER_CHARS)
    return text.lower() in _TYPED_WORDS


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

    A list, not a generator, and each value's type asked once, text first: the Linux sheet's
    1,144 records (10,311 lines) are written in 3.3 ms so, 3.7 ms with text asked last (warm,
    best of 7 rounds of 10).
    """
    lines: list[str] = []
    lead = "  - "
    for name, value in record.items():
        if type(value) is str:  # most values: the last two branches below, asked first
            lines.append(f"{lead}{name}: {key(value) if name == 'id' else value if name in RAW else scalar(value)}")
        elif isinstance(value, list):
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
    """A whole record: comment lines, title, bibliography, organisations, events, domains.

    The records may come one at a time (generators), and each is written as one piece of text
    when it comes: its dict and its lines are freed before the next is made. Holding the Linux
    sheet's 1,144 records and 10,311 lines to the end took fresh memory, 727 page faults where
    there are now 340, at some 4 to 20 us each on this VM.
    """
    pieces = [f"# {line}" for line in header]
    if title:
        pieces.append(f"title: {scalar(title)}")
    if sources:
        pieces.append("sources:")
        for source_key, entry in sources.items():
            pieces.append(f"  {key(source_key)}:")
            pieces += [f"    {field}: {scalar(value)}" for field, value in entry.items()]
    for section, records in (("organisations", organisations), ("events", events), ("domains", domains)):
        heading = f"{section}:"
        for record in records:
            if heading:
                pieces.append(heading)
                heading = ""
            pieces.append("\n".join(record_lines(record)))
    if not pieces:
        return "\n"
    # The final line break goes in the join: `+ "\n"` copied the whole text, the Linux sheet's
    # 0.6 MB, into fresh memory again (138 page faults, 0.4-1 ms).
    pieces.append("")
    return "\n".join(pieces)
