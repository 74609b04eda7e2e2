"""What every rule shares: a located problem and how an organisation is named in messages."""

from __future__ import annotations

from genealogy.errors import ERROR, Problem
from genealogy.model import Genealogy, Organisation


def at(g: Genealogy, where: tuple[int, int], code: str, message: str, severity: str = ERROR) -> Problem:
    return Problem(g.path, where[0], where[1], severity, code, message)


def name(org: Organisation) -> str:
    return f"{org.id!r}"
