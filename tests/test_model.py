"""Dates keep their real precision and their uncertainty markers."""

from __future__ import annotations

import pytest

from genealogy.model import Date, Name, Organisation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1938", Date(1938)),
        ("1938-09", Date(1938, 9)),
        ("1938-09-03", Date(1938, 9, 3)),
        ("c. 1935", Date(1935, approximate=True)),
        ("c.1935", Date(1935, approximate=True)),
        ("1929?", Date(1929, uncertain=True)),
        ("c. 1953-11?", Date(1953, 11, approximate=True, uncertain=True)),
        ("2000-02-29", Date(2000, 2, 29)),
    ],
)
def test_parse_keeps_precision(text: str, expected: Date) -> None:
    assert Date.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1953-13", "'1953-13' has month 13; months run from 01 to 12"),
        ("1953-00", "'1953-00' has month 0; months run from 01 to 12"),
        ("1900-02-29", "'1900-02-29' has day 29; 1900-02 has 28 days"),
        ("1953-11-31", "'1953-11-31' has day 31; 1953-11 has 30 days"),
        ("53", "'53' is not a date"),
        ("1953/54", "'1953/54' is not a date"),
        ("about 1935", "'about 1935' is not a date"),
        ("1953-1-2", "'1953-1-2' is not a date"),
    ],
)
def test_parse_rejects_impossible_dates(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("?", r"\?").replace("(", r"\(")):
        Date.parse(text)


def test_precision_sets_the_range_a_date_can_mean() -> None:
    assert Date.parse("1953").earliest() == (1953, 1, 1)
    assert Date.parse("1953").latest() == (1953, 12, 31)
    assert Date.parse("1953-11").latest() == (1953, 11, 31)
    assert Date.parse("c. 1953").earliest() == (1951, 1, 1)
    assert Date.parse("1953?").latest() == (1955, 12, 31)


def test_round_trip_and_short_forms() -> None:
    for text in ("1938", "1938-09", "1938-09-03", "c. 1935", "1929?"):
        assert Date.parse(text).iso() == text
    assert Date.parse("c. 1935-06").short() == "c. 1935"


def test_label_at_uses_the_name_in_use_at_the_time() -> None:
    club = Name("The Club", since=Date(1947), until=Date(1959))
    sll = Name("Socialist Labour League", "SLL", Date(1959), Date(1973, 11))
    wrp = Organisation(
        "wrp", "Workers Revolutionary Party", "party", "GB", Date(1947), abbreviation="WRP", names=(club, sll)
    )
    assert wrp.label_at(Date(1950)) == "The Club"
    assert wrp.label_at(Date(1965)) == "Socialist Labour League (SLL)"
    assert wrp.label_at(Date(1980)) == "Workers Revolutionary Party (WRP)"
    assert wrp.label_at(None) == "Workers Revolutionary Party (WRP)"
    assert wrp.lifespan() == "1947–"


def test_spans_are_a_mapping_of_places_that_share_their_field_names() -> None:
    from genealogy.model import Spans

    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    spans = Spans({"id": (3, 9), "sources.0": (1200, 14)}, shared)
    assert dict(spans) == {"id": (3, 9), "sources.0": (1200, 14)}
    assert spans.get("founded") is None and "id" in spans and "name" not in spans and len(spans) == 2
    with pytest.raises(KeyError):
        spans["founded"]
    other = Spans({"id": (7, 9), "sources.0": (8, 14)}, shared)
    assert list(other) == list(spans) and len(shared) == 1  # one tuple of names for every record alike
