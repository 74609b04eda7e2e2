"""Better words for common mistakes: a CSV sheet given as a record, YAML slips, misspelt keys.

The loader and the checks call these where they make a message, so what the user sees says
what to do, and one mistake gives one error.
"""

from __future__ import annotations

from genealogy.errors import ERROR, LoadError, Problem

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
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not ((named and path.lower().endswith(".csv")) or _looks_like_csv(first)):
        return None
    return LoadError(Problem(path, 1, 1, ERROR, "not-yaml", CSV_MESSAGE))
