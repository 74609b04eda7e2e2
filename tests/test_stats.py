"""`genealogy stats`: counts over a record, and the bibliography by kind of source."""

from __future__ import annotations

import json

from .conftest import CASES

WEAK = str(CASES / "invalid" / "weak-source.yaml")


def test_stats_sources_counts_the_kinds_and_the_records_beyond_encyclopedias(run) -> None:
    result = run("stats", "--sources", "--data", WEAK)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "3 sources by kind",
        "  scholarly          1   33.3%",
        "  encyclopedia       1   33.3%",
        "  unclassified       1   33.3%",
        "organisations citing a source beyond encyclopedias: 1 of 3 (33.3%)",
        "events citing a source beyond encyclopedias: 0 of 1 (0.0%)",
    ]


def test_stats_sources_as_json(run) -> None:
    result = run("stats", "--sources", "--format", "json", "--data", WEAK)
    assert json.loads(result.output) == {
        "kinds": {"scholarly": 1, "encyclopedia": 1, "unclassified": 1},
        "organisations_beyond_encyclopedias": 1,
        "events_beyond_encyclopedias": 0,
    }
