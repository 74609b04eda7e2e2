"""A date only as precise as its sources, apart from the rest of the model: the gnuclad import needs it alone.

Defined in model.py, it cost that command the model's seven dataclasses: 5.5 ms of `-X importtime`
(the best of 10 runs); model.py imports it from here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, TypeVar

# How an approximate or uncertain date widens when checking order, in years.
FUZZ_YEARS = 2

# ASCII digits only: \d alone would take "١٩٣٨" (Arabic-Indic digits), which int() reads as 1938.
_DATE = re.compile(r"(?P<c>c\.\s*)?(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>\?)?", re.ASCII)
_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
T = TypeVar("T", bound=type)


def compared_by_fields(cls: T) -> T:
    """Give a dataclass made with repr=False, eq=False the __repr__, __eq__ and __hash__ that
    @dataclass(frozen=True) would have written for it, the same three functions for every class.

    @dataclass compiles each method it writes for each class as the module is imported: these
    three for the six classes of model.py took 1.9 ms of every command that loads a record (its
    import, 5.4 -> 3.5 ms, best of 8); Date and validate.Report are made so too.
    """
    shown = tuple(f.name for f in fields(cls) if f.repr)
    compared = tuple(f.name for f in fields(cls) if f.compare)
    assert len(compared) > 1, "attrgetter gives a tuple, what @dataclass compares, for two names or more"
    values: Callable[[Any], tuple[Any, ...]] = attrgetter(*compared)

    def __repr__(self: Any) -> str:
        return f"{type(self).__qualname__}({', '.join(f'{name}={getattr(self, name)!r}' for name in shown)})"

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(values(self))

    for method in (__repr__, __eq__, __hash__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)
    return cls


@compared_by_fields
@dataclass(frozen=True, slots=True, repr=False, eq=False)
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
        if len(text) == 10 and text[4] == text[7] == "-" and text.isascii() and text[:4].isdigit():
            # YYYY-MM-DD, most dates of a record, by slicing, as the expression below would read it:
            # the Linux sheet's 752 different dates took 1.6 ms, now 1.1 ms.
            month_text, day_text = text[5:7], text[8:]
            if month_text.isdigit() and day_text.isdigit():
                return cls._checked(text, int(text[:4]), int(month_text), int(day_text), False, False)
        match = _DATE.fullmatch(text)
        if not match:
            raise ValueError(
                f"{text!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, "
                "with 'c. ' before it if approximate or '?' after it if uncertain"
            )
        year = int(match["y"])
        month = int(match["m"]) if match["m"] else None
        day = int(match["d"]) if match["d"] else None
        return cls._checked(text, year, month, day, bool(match["c"]), bool(match["q"]))

    @classmethod
    def _checked(
        cls, text: str, year: int, month: int | None, day: int | None, approximate: bool, uncertain: bool
    ) -> Date:
        """The date read from `text`, if its month and day exist."""
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"{text!r} has month {month}; months run from 01 to 12")
        if day is not None and month is not None:
            # calendar.monthrange's answer, without importing calendar (and locale) for it.
            leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
            last = _DAYS_IN_MONTH[month] + leap
            if not 1 <= day <= last:
                raise ValueError(f"{text!r} has day {day}; {year}-{month:02d} has {last} days")
        return cls(year, month, day, approximate, uncertain)

    @property
    def fuzzy(self) -> bool:
        return self.approximate or self.uncertain

    def earliest(self) -> tuple[int, int, int]:
        """The first day this date could mean, widened when approximate or uncertain."""
        if self.approximate or self.uncertain:  # not `fuzzy`: the checks ask thousands of times
            return (self.year - FUZZ_YEARS, 1, 1)
        return (self.year, self.month or 1, self.day or 1)

    def latest(self) -> tuple[int, int, int]:
        """The last day this date could mean, widened when approximate or uncertain."""
        if self.approximate or self.uncertain:
            return (self.year + FUZZ_YEARS, 12, 31)
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


def days_in_month(year: int, month: int) -> int:
    """`calendar.monthrange(year, month)[1]`, without importing calendar: 1.5-2 ms of a start.

    Reckoned as `Date._checked` does, inline there as the loader asks it of every full date.

    >>> days_in_month(2000, 2), days_in_month(1900, 2), days_in_month(2023, 4)
    (29, 28, 30)
    """
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return _DAYS_IN_MONTH[month] + leap
