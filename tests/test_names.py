"""Finding organisations by name: tiers for `show`, ranking for `search`, shell completion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NAMES = """\
title: Names
sources:
  book:
    title: A book
organisations:
  - id: league
    name: Fourth League
    abbreviation: FL
    kind: international
    country: international
    founded: 1938
    sources: [book]
  - id: centre
    name: Fourth League (Centre)
    kind: international
    country: international
    founded: 1981
    names:
      - {name: Fourth League, since: 1993}
    aliases: [Lambert's League]
    sources: [book]
  - id: wsl-gb
    name: Workers' Socialist League
    abbreviation: WSL
    kind: party
    country: GB
    founded: 1974
    notes: Expelled from the WRP; the Fourth League was its model.
    sources: [book]
  - id: wsl-ie
    name: Ligue des Travailleurs Socialistes
    abbreviation: WSL
    kind: party
    country: IE
    founded: 1975
    aliases: [Écho Ouvrier]
    sources: [book]
  - id: wsa
    name: WSL Alliance
    kind: group
    country: US
    founded: 1980
    sources: [book]
events: []
"""


@pytest.fixture
def record(write) -> Path:
    return write(NAMES)


def test_a_main_name_wins_over_a_later_dated_name(run, record: Path) -> None:
    result = run("show", "fourth league", "--data", str(record))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Fourth League (FL)\n")


def test_names_match_exactly_ignoring_case_and_accents(run, record: Path) -> None:
    result = run("show", "echo ouvrier", "--data", str(record), "--format", "json")
    assert json.loads(result.stdout)["id"] == "wsl-ie"


def test_ambiguity_lists_only_the_best_tier_with_the_name_that_matched(run, record: Path) -> None:
    result = run("show", "wsl", "--data", str(record))
    assert result.exit_code == 2
    assert result.stderr == (
        "genealogy: error: 'wsl' is ambiguous; use one of these ids: "
        "wsl-gb (abbreviation 'WSL': Workers' Socialist League (WSL), GB, 1974–); "
        "wsl-ie (abbreviation 'WSL': Ligue des Travailleurs Socialistes (WSL), IE, 1975–)\n"
    )


def test_the_real_fourth_international_resolves(run) -> None:
    result = run("show", "Fourth International", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["id"] == "fourth-international"
