"""What the command line says when something is wrong: colour, prefixes, hints."""

from __future__ import annotations

from pathlib import Path

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
        ["show", "x", "--data", "missing.yaml"],
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


def test_a_missing_file_is_named_once_and_not_located(run, tmp_path: Path) -> None:
    missing = tmp_path / "linux.yaml"
    result = run("show", "x", "--data", str(missing))
    assert result.exit_code == 1
    assert result.stderr == f"genealogy: error: no such file: {missing}; check the path\n"
    listed = run("validate", str(missing))
    assert listed.stdout == f"{missing}: error: no such file; check the path (not-found)\n"


def test_a_located_error_has_one_prefix(run, write) -> None:
    broken = write("title: x\norganisations: [\n")
    result = run("list", "--data", str(broken))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{broken}:3:1: error: YAML syntax error")
    assert result.stderr.count(": error:") == 1 and "genealogy:" not in result.stderr
    invalid = CASES / "invalid" / "unknown-org.yaml"
    result = run("list", "--data", str(invalid))
    assert result.stderr == (
        f"{invalid}:15:11: error: unknown organisation 'alhpa'; did you mean 'alpha'? (unknown-org)"
        " (and 1 more; run `genealogy validate`)\n"
    )


@pytest.mark.parametrize(
    "command",
    [
        "validate",
        "fmt",
        "show alpha",
        "lineage alpha",
        "list",
        "search alpha",
        "common alpha beta",
        "stats",
        "export",
        "render --format dot -o -",
    ],
)
def test_data_works_after_every_command(run, tmp_path: Path, command: str) -> None:
    record = tmp_path / "r.yaml"
    record.write_bytes(MINIMAL.read_bytes())
    result = run(*command.split(), "--data", str(record))
    assert result.exit_code == 0, result.stderr


def test_validate_and_fmt_read_data_given_after_them(run, write) -> None:
    broken = write(MINIMAL.read_text().replace("founded: 1923", "founded: 1923-13"))
    result = run("validate", "--data", str(broken))
    assert result.exit_code == 1
    assert result.stderr == f"{broken}: invalid: 1 error(s), 0 warning(s)\n"
    untidy = write(
        MINIMAL.read_text().replace("    kind: party\n    country: NO\n", "    country: NO\n    kind: party\n")
    )
    result = run("fmt", "--check", "--data", str(untidy))
    assert (result.exit_code, result.stderr) == (1, f"would reformat {untidy}\n")


def test_a_csv_sheet_points_at_import_gnuclad(run, write) -> None:
    # The gnuclad sheet's own first line: empty cells, which YAML reads as a syntax error.
    sheet = write(',,,,,,,,,,,,,,,,\n"//!","Linux distribution timeline data sheet",,,,,,,,,,,,,,,\n', "ldt.csv")
    hint = "this is a CSV sheet, not a YAML record; if it is a gnuclad sheet, convert it: "
    hint += "genealogy import gnuclad SHEET.csv -o record.yaml"
    result = run("validate", str(sheet))
    assert result.exit_code == 1
    assert result.stdout == f"{sheet}:1:1: error: {hint} (not-yaml)\n"
    assert run("list", "--data", str(sheet)).stderr == f"{sheet}:1:1: error: {hint} (not-yaml)\n"
    renamed = write(sheet.read_text(), "sheet.txt")  # a CSV-looking first line, whatever the name
    assert f"error: {hint}" in run("validate", str(renamed)).stdout


def test_a_misspelt_section_of_the_real_record_is_one_error(tmp_path: Path) -> None:
    from genealogy.record.validate import check

    from .conftest import REAL_DATA

    typo = tmp_path / "orgs.yaml"
    typo.write_text(REAL_DATA.read_text(encoding="utf-8").replace("\norganisations:\n", "\norganization:\n"))
    problems = check(typo).problems
    assert [(p.code, p.message) for p in problems] == [
        ("unknown-key", "unknown key 'organization' in the file; did you mean 'organisations'?")
    ]
