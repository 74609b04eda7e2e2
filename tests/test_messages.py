"""What the command line says when something is wrong: colour, prefixes, hints."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from genealogy.cli import cli

from .conftest import CASES

MINIMAL = CASES / "valid" / "minimal.yaml"
ESC = "\x1b["


def tty(*args: str, no_color: bool) -> tuple[int, str, str]:
    """Run as on a terminal (Click keeps styling), with or without NO_COLOR."""
    env = {"NO_COLOR": "1" if no_color else "", "GENEALOGY_DATA": str(MINIMAL)}
    result = CliRunner().invoke(cli, list(args), env=env, color=True, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["show", "no such group"],  # unknown name: error: prefix
        ["show", "alpha"],  # a record in bold
        ["list"],  # a table with a bold header
        ["validate", str(CASES / "invalid" / "unknown-org.yaml")],
    ],
)
def test_no_color_holds_on_every_line(args: list[str]) -> None:
    _, out, err = tty(*args, no_color=True)
    assert ESC not in out and ESC not in err, (out, err)
    coloured = tty(*args, no_color=False)
    assert ESC in coloured[1] + coloured[2]  # so the check above would have seen styling


def test_no_color_holds_for_an_ambiguous_name(write) -> None:
    record = write(MINIMAL.read_text().replace("name: Beta Group", "name: Beta Group\n    abbreviation: AL"))
    code, _, err = tty("show", "AL", "--data", str(record), no_color=True)
    assert code == 2
    assert err.startswith("genealogy: error: 'AL' is ambiguous;") and ESC not in err
    assert ESC in tty("show", "AL", "--data", str(record), no_color=False)[2]
