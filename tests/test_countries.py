"""--country by code or name: every spelling people use maps to the record's code."""

from __future__ import annotations

import json

import pytest

from genealogy.record.countries import country_code, suggest_country
from genealogy.record.schema import COUNTRIES

from .conftest import CASES

RELATIONS = CASES / "valid" / "relations.yaml"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("France", "FR"), ("france", "FR"), ("FR", "FR"), ("fr", "FR"),
        ("United Kingdom", "GB"), ("Britain", "GB"), ("Great Britain", "GB"), ("UK", "GB"), ("gb", "GB"),
        ("England", "GB"), ("United States", "US"), ("USA", "US"), ("U.S.A.", "US"),
        ("Sri Lanka", "LK"), ("Ceylon", "LK"), ("Côte d'Ivoire", "CI"), ("cote d'ivoire", "CI"),
        ("Soviet Union", "SU"), ("USSR", "SU"), ("Yugoslavia", "YU"), ("Czechoslovakia", "CS"),
        ("East Germany", "DD"), ("GDR", "DD"), ("West Germany", "DE"), ("Russia", "RU"),
        ("Perú", "PE"), ("Holland", "NL"), ("international", "international"), ("INTL", "international"),
    ],
)  # fmt: skip
def test_names_and_codes(text: str, code: str) -> None:
    assert country_code(text) == code


def test_every_code_of_the_format_has_a_name() -> None:
    from genealogy.record.countries import country_name

    assert [c for c in COUNTRIES if c != "international" and country_name(c) == c] == []


def test_misspellings_suggest_a_code() -> None:
    assert (suggest_country("Frence"), suggest_country("Germny"), suggest_country("Argentinia")) == ("FR", "DE", "AR")


def test_list_by_country_name(run) -> None:
    by_name = json.loads(run("list", "--country", "France", "--data", str(RELATIONS), "--format", "json").stdout)
    by_code = json.loads(run("list", "--country", "fr", "--data", str(RELATIONS), "--format", "json").stdout)
    assert [o["id"] for o in by_name] == [o["id"] for o in by_code] == ["red", "blue", "youth"]
    britain = json.loads(run("list", "--country", "Britain", "--data", str(RELATIONS), "--format", "json").stdout)
    assert [o["id"] for o in britain] == ["host", "green", "unity"]


@pytest.mark.parametrize("command", [["list"], ["render", "--format", "dot", "-o", "-"], ["export"]])
def test_an_unknown_country_is_a_usage_error_with_a_suggestion(run, command: list[str]) -> None:
    result = run(*command, "--country", "Frence", "--data", str(RELATIONS))
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--country': unknown country 'Frence'; did you mean 'FR' (France)?\n"
    )
    assert result.stdout == ""
    nothing = run(*command, "--country", "XX", "--data", str(RELATIONS))
    assert nothing.exit_code == 2
    assert nothing.stderr.endswith("unknown country 'XX'; give an ISO 3166 code or a country name\n")
