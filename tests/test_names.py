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


def test_search_ranks_exact_then_prefix_then_word_then_substring(run, record: Path) -> None:
    result = run("search", "wsl", "--data", str(record))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "id      abbr.  kind   country  years  matched       name",
        "wsl-gb  WSL    party  GB       1974–  abbreviation  Workers' Socialist League",
        "wsl-ie  WSL    party  IE       1975–  abbreviation  Ligue des Travailleurs Socialistes",
        "wsa            group  US       1980–  name          WSL Alliance",
    ]
    from genealogy.lineage.queries import search
    from genealogy.record.validate import load

    genealogy = load(record)
    ranked = [(m.org.id, m.field, m.rank) for m in search(genealogy, "fourth league")]
    assert ranked == [("league", "name", 0), ("centre", "dated name", 0), ("wsl-gb", "notes", 4)]
    ranked = [(m.org.id, m.field, m.rank) for m in search(genealogy, "socialist")]
    # prefix of nothing; a whole word of the WSL's name; a part of "Socialistes"
    assert ranked == [("wsl-gb", "name", 2), ("wsl-ie", "name", 3)]
    assert [(m.org.id, m.rank) for m in search(genealogy, "ligue")] == [("wsl-ie", 1)]


def test_search_json_says_which_field_matched(run, record: Path) -> None:
    found = json.loads(run("search", "ouvrier", "--data", str(record), "--format", "json").stdout)
    assert found == [
        {
            "id": "wsl-ie",
            "name": "Ligue des Travailleurs Socialistes",
            "abbreviation": "WSL",
            "kind": "party",
            "country": "IE",
            "founded": "1975",
            "dissolved": None,
            "matched": {"field": "alias", "text": "Écho Ouvrier"},
        }
    ]
    notes = json.loads(run("search", "wrp", "--data", str(record), "--format", "json").stdout)
    assert [m["matched"] for m in notes] == [
        {"field": "notes", "text": "Expelled from the WRP; the Fourth League was its model."}
    ]


def test_search_for_nothing_is_a_usage_error(run, record: Path) -> None:
    for text in ("", "   "):
        result = run("search", text, "--data", str(record))
        assert result.exit_code == 2
        assert result.stderr.endswith("Error: TEXT is empty; give part of a name, e.g. genealogy search militant\n")


def test_search_isa_puts_the_exact_abbreviation_first(run) -> None:
    assert run("search", "ISA").stdout.splitlines()[1].startswith("isa ")


def complete(words: str, env: dict[str, str] | None = None) -> list[str]:
    """What bash completion offers for the last word of `words` (Click's own machinery)."""
    from click.testing import CliRunner

    from genealogy.cli import cli

    parts = words.split(" ")
    variables = {"_GENEALOGY_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)}
    result = CliRunner().invoke(cli, [], prog_name="genealogy", env={**variables, **(env or {})})
    assert result.exit_code == 0, result.output
    return [line.partition(",")[2] for line in result.stdout.splitlines() if line]


@pytest.mark.parametrize(
    "words",
    ["genealogy show w", "genealogy lineage w", "genealogy common league w", "genealogy render --focus w"],
)
def test_completion_offers_ids_and_abbreviations(record: Path, words: str) -> None:
    assert complete(words, {"GENEALOGY_DATA": str(record)}) == ["WSL", "wsa", "wsl-gb", "wsl-ie"]


def test_completion_reads_data_given_on_the_command_line(record: Path) -> None:
    assert complete(f"genealogy show --data {record} FL") == ["FL"]
    assert complete(f"genealogy --data {record} export --focus cen") == ["centre"]


def test_completion_never_fails(tmp_path: Path, write) -> None:
    assert complete(f"genealogy show --data {tmp_path / 'missing.yaml'} w") == []
    assert complete(f"genealogy show --data {write('organisations: [')} w") == []
