"""What render and export do with a selection: empty ones, output names and paths, clusters."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import CASES

RELATIONS = CASES / "valid" / "relations.yaml"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ["--country", "GB", "--kind", "youth"],
            "no organisation matches country GB and kind youth (country GB alone: 3 organisations)",
        ),
        (["--country", "Chad"], "no organisation matches country TD"),
        (["--to", "1900"], "no organisation matches –1900"),
        (
            ["--focus", "green", "--descendants", "--kind", "international"],
            "no organisation matches Green Faction: descendants and kind international "
            "(Green Faction: descendants alone: 2 organisations)",
        ),
    ],
)
@pytest.mark.parametrize("command", [["render", "--format", "dot"], ["render", "--format", "svg"], ["export"]])
def test_an_empty_selection_is_one_line_exit_1_and_writes_nothing(
    run, tmp_path: Path, command: list[str], options: list[str], message: str
) -> None:
    target = tmp_path / "out.file"
    result = run(*command, *options, "-o", str(target), "--data", str(RELATIONS))
    assert result.exit_code == 1
    assert result.stderr == f"genealogy: error: the selection is empty: {message}\n"
    assert not target.exists()
