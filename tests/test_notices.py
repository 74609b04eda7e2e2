"""Notices (weak-source): reported with their place, counted, and never a failure, even with --strict."""

from __future__ import annotations

from .conftest import CASES

WEAK = str(CASES / "invalid" / "weak-source.yaml")


def test_strict_does_not_turn_a_notice_into_an_error(run) -> None:
    result = run("validate", "--strict", WEAK)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        f"{WEAK}:22:14: notice: organisation 'beta' cites only encyclopedias; "
        "add a scholarly, archive, organisation or press source (weak-source)"
    )
    assert result.stderr == f"{WEAK}: ok: 0 error(s), 0 warning(s), 2 notice(s)\n"


def test_a_notice_is_a_github_notice() -> None:
    from genealogy.errors import Problem

    line = Problem("r.yaml", 3, 5, "notice", "weak-source", "only encyclopedias").format_github()
    assert line == "::notice file=r.yaml,line=3,col=5,title=weak-source::only encyclopedias"
