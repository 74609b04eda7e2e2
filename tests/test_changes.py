"""`genealogy diff` and `genealogy stats` on small records."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import CASES

RELATIONS = (CASES / "valid" / "relations.yaml").read_text(encoding="utf-8")


def edited(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old.yaml"
    old.write_text(RELATIONS)
    text = RELATIONS.replace("name: Red Party", "name: Red Workers Party")
    text = text.replace("founded: 1962, sources", "founded: 1962-03, sources")
    text = text.replace(
        "  - {id: host, name: Host Labour Party, kind: party, country: GB, founded: 1920, sources: [book]}\n", ""
    )
    text = text.replace(
        "  - {id: unity-enters, type: entry, date: 1956, until: 1970, from: unity, to: host, sources: [book]}\n", ""
    )
    text += "  - {id: youth-joins, type: affiliation, date: 1965, from: youth, to: world, sources: [book]}\n"
    new = tmp_path / "new.yaml"
    new.write_text(text)
    return old, new


def test_diff_in_words(run, tmp_path: Path) -> None:
    old, new = edited(tmp_path)
    result = run("diff", str(old), str(new))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "organisations: 0 added, 1 removed, 2 changed",
        "  - host  Host Labour Party (party, GB, 1920–)",
        "  ~ red",
        "      name: Red Party → Red Workers Party",
        "  ~ youth",
        "      founded: 1962 → 1962-03",
        "events: 1 added, 1 removed, 0 changed",
        "  + youth-joins  affiliation 1965: youth → world",
        "  - unity-enters  entry 1956: unity → host",
    ]


def test_diff_json_and_no_changes(run, tmp_path: Path) -> None:
    old, new = edited(tmp_path)
    data = json.loads(run("diff", str(old), str(new), "--format", "json").stdout)
    assert data["organisations"]["changed"][0] == {
        "id": "red",
        "changes": [{"field": "name", "old": "Red Party", "new": "Red Workers Party"}],
    }
    assert data["sources"] == {"added": [], "removed": [], "changed": []}
    same = run("diff", str(old), str(old))
    assert same.stdout.strip() == "no changes to organisations, events, sources or domains"


def test_diff_refuses_an_invalid_side(run, tmp_path: Path) -> None:
    old, _ = edited(tmp_path)
    broken = tmp_path / "broken.yaml"
    broken.write_text(RELATIONS.replace("to: red,", "to: rouge,"))
    result = run("diff", str(old), str(broken))
    assert result.exit_code == 1
    assert "unknown organisation 'rouge'" in result.stderr


def test_stats_text_and_json(run) -> None:
    data = json.loads(run("stats", "--data", str(CASES / "valid" / "relations.yaml"), "--format", "json").stdout)
    assert (data["organisations"], data["events"], data["sources"]) == (9, 11, 1)
    assert data["by_decade"] == {"1920s": 1, "1930s": 2, "1940s": 2, "1950s": 1, "1960s": 3}
    assert data["by_event_type"]["split"] == 2
    assert data["most_split"][0] == {"id": "red", "name": "Red Party (RP)", "splits": 2, "descendants": 4}
    text = run("stats", "--data", str(CASES / "valid" / "relations.yaml")).stdout
    assert text.startswith("9 organisations, 11 events, 1 sources\n")
    assert "most split-prone" in text


def test_stats_on_the_real_record(run) -> None:
    data = json.loads(run("stats", "--format", "json").stdout)
    assert data["organisations"] >= 80 and data["events"] >= 100


def test_diff_sees_an_end_marked_unknown(run, tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text((CASES / "valid" / "end-unknown.yaml").read_text(encoding="utf-8"))
    new = tmp_path / "new.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("dissolved: unknown", "dissolved: 1940"))
    lines = run("diff", str(old), str(new)).stdout.splitlines()
    assert lines[:3] == ["organisations: 0 added, 0 removed, 1 changed", "  ~ faded", "      dissolved: unknown → 1940"]


def test_diff_sees_colours_and_domains(run, tmp_path: Path) -> None:
    from .test_colours_and_domains import RECORD

    old = tmp_path / "old.yaml"
    old.write_text(RECORD, encoding="utf-8")
    text = RECORD.replace('colour: "#BF1238"', 'colour: "#123456"')
    text = text.replace("members: [slackware, salix]}", "members: [slackware]}")
    text = text.replace(
        "  - {name: Debian family",
        '  - {name: Ubuntu family, colour: "#e95420", members: [ubuntu, mint]}\n  - {name: Debian family',
    )
    new = tmp_path / "new.yaml"
    new.write_text(text, encoding="utf-8")
    result = run("diff", str(old), str(new))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "organisations: 0 added, 0 removed, 1 changed",
        "  ~ debian",
        "      colour: #BF1238 → #123456",
        "domains: 1 added, 0 removed, 1 changed",
        "  + Ubuntu family  #e95420, 2 members",
        "  ~ Slackware family",
        "      members: -salix",
    ]
