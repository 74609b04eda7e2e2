"""Problems (located diagnostics) and the exceptions the library raises."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

ERROR = "error"
WARNING = "warning"
# Worth knowing, never a failure, even under --strict: e.g. a record resting on encyclopedias alone,
# which a history may have to live with until better sources are found.
NOTICE = "notice"

# What a terminal obeys rather than shows: C0 and C1 controls (ESC starts a colour, a title or a
# hyperlink; CSI is ESC [ in one byte) and the bidirectional overrides that reorder a line.
# Compiled (by re's cache) only when some text needs it: at import it took 0.3-1.3 ms of every command.
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"


def escape_controls(text: str) -> str:
    r"""Text safe to print: every control character written as an escape, so `\x1b` shows as `\x1b`.

    >>> print(escape_controls("tag !<\x1b]0;title\x07> and \u202edone"))
    tag !<\x1b]0;title\x07> and \u202edone
    """
    if text.isprintable():  # the common case, and no control or override is printable
        return text
    return re.sub(_UNSAFE, lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


class _Fields(NamedTuple):
    path: str
    line: int
    column: int
    severity: str
    code: str
    message: str


class Problem(_Fields):
    """One finding about a data file, located at a 1-based line and column.

    Field order is the sort order: by file, then position, so a report reads top to bottom.
    A named tuple, not a dataclass: it is immutable and ordered all the same, and every command
    imports it, where a dataclass's generated methods cost a few milliseconds at each start.
    The path and message may quote the data file; control characters in them are escaped when
    the problem is made, so no way of printing it lets the file drive the terminal.
    """

    __slots__ = ()

    def __new__(cls, path: str, line: int, column: int, severity: str, code: str, message: str) -> Problem:
        return super().__new__(cls, escape_controls(path), line, column, severity, code, escape_controls(message))

    def format(self) -> str:
        """GCC style, which editors and CI logs turn into clickable locations."""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message} ({self.code})"

    def format_github(self) -> str:
        """A GitHub Actions workflow command: shows up as an annotation on the diff.

        >>> Problem("a,b.yaml", 3, 5, "error", "unknown-key", "50% done").format_github()
        '::error file=a%2Cb.yaml,line=3,col=5,title=unknown-key::50%25 done'
        """
        level = self.severity if self.severity in (ERROR, WARNING, NOTICE) else WARNING

        def data(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def prop(text: str) -> str:
            return data(text).replace(":", "%3A").replace(",", "%2C")

        where = f"file={prop(self.path)},line={self.line},col={self.column},title={prop(self.code)}"
        return f"::{level} {where}::{data(self.message)}"

    def as_dict(self) -> dict[str, object]:
        return self._asdict()


class GenealogyError(Exception):
    """Base class: every failure the library reports on purpose; its text has control characters escaped."""

    def __str__(self) -> str:
        return escape_controls(super().__str__())


class LoadError(GenealogyError):
    """The file could not be read or parsed at all; `problem` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.format())
        self.problem = problem


class InvalidDataError(GenealogyError):
    """The file parsed but holds errors; queries refuse to answer from it."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.severity == ERROR]
        first = errors[0] if errors else self.problems[0]
        more = f" (and {len(errors) - 1} more; run `genealogy validate`)" if len(errors) > 1 else ""
        super().__init__(first.format() + more)


class UnknownNameError(GenealogyError):
    """No organisation answers to a name; `suggestions` holds close matches."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no organisation called {name!r}{hint}")
        self.name = name
        self.suggestions = suggestions


class AmbiguousNameError(GenealogyError):
    """Several organisations answer to a name; `candidates` lists (id, description)."""

    def __init__(self, name: str, candidates: list[tuple[str, str]]) -> None:
        listed = "; ".join(f"{oid} ({label})" for oid, label in candidates)
        super().__init__(f"{name!r} is ambiguous; use one of these ids: {listed}")
        self.name = name
        self.candidates = candidates
