"""Better words for common mistakes: a CSV sheet given as a record, YAML slips, misspelt keys.

The loader and the checks call these where they make a message, so what the user sees says
what to do, and one mistake gives one error.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from genealogy.errors import ERROR, LoadError, Problem

if TYPE_CHECKING:
    from genealogy.model import Genealogy

CSV_MESSAGE = (
    "this is a CSV sheet, not a YAML record; "
    "if it is a gnuclad sheet, convert it: genealogy import gnuclad SHEET.csv -o record.yaml"
)


def _looks_like_csv(line: str) -> bool:
    """A line of comma-separated cells: several commas, no `key: value`, not a YAML list or flow."""
    stripped = line.strip()
    if stripped.startswith(("-", "[", "{", "#", "%")) or ": " in stripped or stripped.endswith(":"):
        return False
    return stripped.count(",") >= 3


def csv_sheet(text: str, path: str, named: bool = False) -> LoadError | None:
    """The error for a CSV sheet given where a YAML record belongs, or None: a first line of
    comma-separated cells, or with `named` (reading a file, not text) a `.csv` file name.

    >>> print(csv_sheet("N,Debian,#A80030,1993-08-16,,\\n", "ldt.csv").problem.format())
    ldt.csv:1:1: error: this is a CSV sheet, not a YAML record; if it is a gnuclad sheet, convert it: \
genealogy import gnuclad SHEET.csv -o record.yaml (not-yaml)
    >>> csv_sheet("title: a, b, c, d\\n", "a.yaml") is None
    True
    """
    # The first line that is not blank, without splitting the whole file into lines: that took
    # 0.6 ms of every Linux sheet load. What precedes it is whitespace, which lstrip() drops.
    rest = text.lstrip()
    end = rest.find("\n")
    first = (rest if end < 0 else rest[:end]).splitlines()[0] if rest else ""
    if not ((named and path.lower().endswith(".csv")) or _looks_like_csv(first)):
        return None
    return LoadError(Problem(path, 1, 1, ERROR, "not-yaml", CSV_MESSAGE))


# The expressions of this module are compiled (by re's cache) when a message needs them: a file
# without mistakes never does, and compiling them at import took 0.3 ms.
_MISSPELT_SECTION = r"unknown key '(.+)' in the file; did you mean '(.+)'\?"
_MISSING_SECTION = r"the file has no '(.+)'"
_INVALID_ID = r"'(.+)' is not a valid id; "


def misspelt_sections(problems: list[Problem]) -> set[str]:
    """The sections named by a misspelt top-level key (`organization:` -> 'organisations').

    When there are any, the record-wide rules are not run: the record they would check is not
    the one written, and every reference into the lost section would be reported.
    """
    return {m[2] for p in problems if p.code == "unknown-key" and (m := re.fullmatch(_MISSPELT_SECTION, p.message))}


def one_error_each(genealogy: Genealogy, problems: list[Problem]) -> list[Problem]:
    """The problems with the echoes of one mistake left out.

    - A misspelt section (`organization:`) is reported once, as the unknown key with its
      suggestion, not also as the missing section.
    - A name where an id belongs (`from: Militant`) suggests the id of the organisation of that
      name (`militant-uk`), and the event's count of organisations is not reported as well.
    """
    misspelt = misspelt_sections(problems)
    if misspelt:
        problems = [
            p
            for p in problems
            if not (p.code == "missing-field" and (m := re.match(_MISSING_SECTION, p.message)) and m[1] in misspelt)
        ]
    invalid = [p for p in problems if p.code == "invalid-id"]
    if invalid and genealogy.events:
        problems = _names_for_ids(genealogy, problems, invalid)
    return problems


def _names_for_ids(genealogy: Genealogy, problems: list[Problem], invalid: list[Problem]) -> list[Problem]:
    import unicodedata

    def fold(text: str) -> str:  # as lineage.queries.fold, which a record check must not import
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()

    owners: dict[str, set[str]] = {}
    for org in genealogy.organisations.values():
        for text in org.all_names():
            owners.setdefault(fold(text), set()).add(org.id)
    events = sorted(genealogy.events, key=lambda e: e.line)
    starts = [e.line for e in events]
    own_ids = {org.at("id") for org in genealogy.organisations.values()}

    def event_at(line: int) -> int | None:
        index = bisect.bisect_right(starts, line) - 1
        return index if index >= 0 and line >= starts[0] else None

    in_events = {p: event_at(p.line) for p in invalid if (p.line, p.column) not in own_ids}
    improved: dict[Problem, Problem] = {}
    for problem, index in in_events.items():
        named = re.match(_INVALID_ID, problem.message)
        if named is None or index is None:
            continue
        ids = owners.get(fold(named[1]), set())
        if len(ids) == 1:
            (org_id,) = ids
            message = f"{named[1]!r} is not an id but the name of {org_id!r}; write {org_id}"
            improved[problem] = problem._replace(message=message)
    broken = {index for index in in_events.values() if index is not None}
    kept = []
    for problem in problems:
        if problem.code == "arity" and event_at(problem.line) in broken:
            continue  # the count is short only because a reference could not be read
        kept.append(improved.get(problem, problem))
    return kept


INDENT_HINT = "; check the indentation, or quote the text if it contains ': '"
# A value that opens with a quote: `key: "...`, `- "...`, `- key: '...`.
_OPENS_QUOTE = r"""^\s*(?:-\s+)*(?:[^\s"'#][^:#]*:\s+)?(["'])"""


def _unclosed_quote(line: str) -> int | None:
    """The 0-based column of a quote that opens a value and is not closed on its line."""
    match = re.match(_OPENS_QUOTE, line)
    if not match:
        return None
    quote, rest = match[1], line[match.end() :]
    closed = re.search(r'(?<!\\)"', rest) if quote == '"' else rest.replace("''", "").count("'") > 0
    return None if closed else match.start(1)


def syntax_hint(text: str, error: object, line: int, column: int, what: str) -> tuple[int, int, str]:
    """A YAML syntax error's place and words, made to say what to do.

    `error` is PyYAML's MarkedYAMLError; `line`, `column` (1-based) and `what` are as the
    loader read them. An unclosed quote is placed where it opens (YAML notices it lines later,
    at the next quote or at the end of the file); "mapping values are not allowed" gets a hint.
    """
    context_mark = getattr(error, "context_mark", None)
    problem_mark = getattr(error, "problem_mark", None)
    if getattr(error, "context", None) == "while scanning a quoted scalar" and context_mark is not None:
        return context_mark.line + 1, context_mark.column + 1, "this quote is never closed; close it"
    before = text[: problem_mark.index].rstrip(" ") if problem_mark is not None else ""
    if problem_mark is not None and before[-1:] in ("'", '"'):
        quote = before[-1]
        lines = text.splitlines()
        for number in range(1, problem_mark.line + 1):  # the lines before the error, first first
            opened = _unclosed_quote(lines[number - 1])
            if opened is not None and lines[number - 1][opened] == quote:
                message = (
                    "this quote is not closed on its line, so YAML reads on to the next one, "
                    f"on line {problem_mark.line + 1}; close it on this line"
                )
                return number, opened + 1, message
    if "mapping values are not allowed" in what:
        what += INDENT_HINT
    return line, column, what
