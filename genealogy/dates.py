"""A date only as precise as its sources, apart from the rest of the model: the gnuclad import needs it alone.

Defined in model.py, it cost that command the model's seven dataclasses: 5.5 ms of `-X importtime`
(the best of 10 runs); model.py imports it from here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# How an approximate or uncertain date widens when checking order, in years.
FUZZ_YEARS = 2

# ASCII digits only: \d alone would take "١٩٣٨" (Arabic-Indic digits), which int() reads as 1938.
_DATE = re.compile(r"(?P<c>c\.\s*)?(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>\?)?", re.ASCII)


@dataclass(frozen=True, slots=True)
class Date:
    """A date only as precise as its sources: a year, a month or a day, maybe approximate."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    @classmethod
    def parse(cls, text: str) -> Date:
        """Read `1938`, `1938-09`, `1938-09-03`, `c. 1935`, `1929?`; ValueError says what is wrong."""
        match = _DATE.fullmatch(text)
        if not match:
            raise ValueError(
                f"{text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, "
                "with 'c. ' before it if approximate or '?' after it if uncertain"
            )
        year = int(match["y"])
        month = int(match["m"]) if match["m"] else None
        day = int(match["d"]) if match["d"] else None
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r} has month {month}; months run from 01 to 12")
        if day is not None and month is not None:
            import calendar

            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{text!r} has day {day}; {year}-{month:02d} has {last} days")
        return cls(year, month, day, bool(match["c"]), bool(match["q"]))

    @property
    def fuzzy(self) -> bool:
        return self.approximate or self.uncertain

    def earliest(self) -> tuple[int, int, int]:
        """The first day this date could mean, widened when approximate or uncertain."""
        slack = FUZZ_YEARS if self.fuzzy else 0
        if slack:
            return (self.year - slack, 1, 1)
        return (self.year, self.month or 1, self.day or 1)

    def latest(self) -> tuple[int, int, int]:
        """The last day this date could mean, widened when approximate or uncertain."""
        slack = FUZZ_YEARS if self.fuzzy else 0
        if slack:
            return (self.year + slack, 12, 31)
        return (self.year, self.month or 12, self.day or 31)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def iso(self) -> str:
        """The date as written in the canonical form, markers included."""
        text = str(self.year)
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return ("c. " if self.approximate else "") + text + ("?" if self.uncertain else "")

    def short(self) -> str:
        """The year alone, with its markers: what a chart label has room for."""
        return ("c. " if self.approximate else "") + str(self.year) + ("?" if self.uncertain else "")

    def __str__(self) -> str:
        return self.iso()
