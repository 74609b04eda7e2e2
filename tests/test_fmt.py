"""`genealogy fmt`: canonical order and layout, comments kept, data proven unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from genealogy.convert.fmt import FormatError, format_text

from .conftest import CASES

MESSY = """\
# A record kept by hand. This comment must survive.
events:
  - {to: beta, from: alpha, id: split, date: 1931, type: split, sources: [book]}
organisations:
- founded: 1930   # the year the sources give
  id: alpha
  sources:
    - book
  name: Alpha
  kind: party
  country: NO
- {id: beta, name: Beta, kind: party, country: FR, founded: 1931-04-02, sources: [book]}
sources:
  book: {title: A book, author: Someone}
"""

CANONICAL = """\
# A record kept by hand. This comment must survive.
sources:
  book:
    author: Someone
    title: A book
organisations:
  - id: alpha
    name: Alpha
    kind: party
    country: NO
    founded: 1930 # the year the sources give
    sources: [book]
  - id: beta
    name: Beta
    kind: party
    country: FR
    founded: 1931-04-02
    sources: [book]
events:
  - id: split
    type: split
    date: 1931
    from: alpha
    to: beta
    sources: [book]
"""


def test_messy_file_becomes_canonical_and_keeps_comments() -> None:
    assert format_text(MESSY) == CANONICAL


def test_formatting_is_idempotent() -> None:
    assert format_text(CANONICAL) == CANONICAL


@pytest.mark.parametrize("path", sorted((CASES / "valid").glob("*.yaml")), ids=lambda p: p.stem)
def test_valid_cases_format_without_changing_data(path: Path) -> None:
    once = format_text(path.read_text(encoding="utf-8"))
    assert format_text(once) == once


def test_yaml_1_1_values_survive_as_written() -> None:
    text = "title: 0755\norganisations: []\nevents: []\n"
    assert format_text(text) == text


def test_refuses_to_write_when_the_round_trip_would_change_data(monkeypatch: pytest.MonkeyPatch) -> None:
    def lossy(data: object) -> None:
        del data["title"]  # type: ignore[attr-defined]

    monkeypatch.setattr("genealogy.convert.fmt._canonical", lossy)
    with pytest.raises(FormatError, match="formatting would change the data"):
        format_text("title: kept\norganisations: []\n")


def test_refuses_duplicate_keys_rather_than_dropping_one() -> None:
    with pytest.raises(FormatError, match=r"duplicate key 'title'.*fix it before formatting"):
        format_text("title: a\ntitle: b\norganisations: []\n")


def test_cli_check_diff_and_write(run, tmp_path: Path) -> None:
    path = tmp_path / "messy.yaml"
    path.write_text(MESSY)
    check = run("fmt", "--check", "--diff", str(path))
    assert check.exit_code == 1
    assert check.stdout.startswith(f"--- {path} (now)\n+++ {path} (formatted)\n")
    assert check.stderr == f"would reformat {path}\n"
    assert path.read_text() == MESSY
    assert run("fmt", str(path)).exit_code == 0
    assert path.read_text() == CANONICAL
    again = run("fmt", "--check", str(path))
    assert (again.exit_code, again.stderr) == (0, f"already formatted: {path}\n")


def test_cli_reports_broken_files_in_one_line(run, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("a: [\n")
    result = run("fmt", str(path))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "syntax" in result.stderr
    assert path.read_text() == "a: [\n"


FLOW_WITH_COMMENTS = """\
sources:
  book: {title: A}
organisations:
  - {id: b, name: B, kind: party, country: FR, sources: [book]}  # the first
  # about the next one
  - {id: c, name: C, kind: party, country: FR, sources: [book]}  # the second
events: []
"""

FLOW_WITH_COMMENTS_FORMATTED = """\
sources:
  book:
    title: A
organisations:
  - id: b # the first
    name: B
    kind: party
    country: FR
    sources: [book]
  # about the next one
  - id: c # the second
    name: C
    kind: party
    country: FR
    sources: [book]
events: []
"""


def test_a_comment_after_a_flow_record_stays_on_the_record_and_formatting_is_stable(run, tmp_path: Path) -> None:
    assert format_text(FLOW_WITH_COMMENTS) == FLOW_WITH_COMMENTS_FORMATTED
    assert format_text(FLOW_WITH_COMMENTS_FORMATTED) == FLOW_WITH_COMMENTS_FORMATTED
    path = tmp_path / "flow.yaml"
    path.write_text(FLOW_WITH_COMMENTS)
    assert run("fmt", str(path)).exit_code == 0
    assert run("fmt", "--check", str(path)).exit_code == 0


def test_a_comment_after_a_flow_name_is_stable() -> None:
    text = (
        "organisations:\n  - id: a\n    name: A\n    kind: party\n    country: FR\n"
        "    names:\n      - {name: Old A, until: 1950}  # renamed\n    sources: [book]\nevents: []\n"
    )
    once = format_text(text)
    assert "# renamed" in once and "-  " not in once
    assert format_text(once) == once
