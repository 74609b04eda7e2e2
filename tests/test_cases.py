"""Every file under tests/cases/: valid ones check clean, invalid ones give exactly their `# expect:` lines.

An invalid case ends with comment lines `# expect: LINE:COL SEVERITY CODE: MESSAGE`, one per
problem, in the order they are reported.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from genealogy import check

from .conftest import CASES

EXPECT = re.compile(r"^# expect: (\d+):(\d+) (\w+) ([\w-]+): (.*)$")
VALID = sorted((CASES / "valid").glob("*.yaml"))
INVALID = sorted((CASES / "invalid").glob("*.yaml"))


def expectations(path: Path) -> list[tuple[int, int, str, str, str]]:
    text = path.read_bytes().decode("utf-8", errors="replace")
    found = []
    for line in text.splitlines():
        match = EXPECT.match(line)
        if match:
            found.append((int(match[1]), int(match[2]), match[3], match[4], match[5]))
    return found


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_case_checks_clean(path: Path) -> None:
    assert check(path).problems == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_case_reports_exactly_its_expectations(path: Path) -> None:
    expected = expectations(path)
    assert expected, f"{path.name} states no `# expect:` line"
    found = [(p.line, p.column, p.severity, p.code, p.message) for p in check(path).problems]
    assert found == expected


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_problems_are_located_in_the_file_they_name(path: Path) -> None:
    lines = path.read_bytes().count(b"\n") + 1
    for problem in check(path).problems:
        assert problem.path == str(path)
        assert 1 <= problem.line <= lines
        assert problem.column >= 1


@pytest.mark.parametrize("path", VALID + INVALID, ids=lambda p: p.stem)
def test_records_built_as_read_are_those_built_from_the_whole_tree(path: Path) -> None:
    """`check` builds each organisation, event and domain as the loader reads it, never holding the tree
    of the whole file (structure.build); built from that whole tree instead, the model and problems are the same."""
    from genealogy.errors import LoadError
    from genealogy.record.files import read_text
    from genealogy.record.loader import Document, parse
    from genealogy.record.structure import build

    def built(streamed: bool) -> object:
        documents: list[Document] = []

        def read(take: Any) -> Document:
            documents.append(parse(text, str(path), take if streamed else None))
            return documents[0]

        try:
            genealogy, problems = build(str(path), read)
        except LoadError as error:
            return error.problem
        root = documents[0].root
        lists = (
            [root.mapping.get(name) for name in ("organisations", "events", "domains")] if root.kind == "map" else []
        )
        if streamed:  # the records taken as they were read are not in the tree
            assert not [
                item for node in lists if node and node.kind == "seq" for item in node.items if item.kind == "map"
            ]
        records = [*genealogy.organisations.values(), *genealogy.events, *genealogy.domains]
        return genealogy, sorted(problems), [dict(r.spans) for r in records]

    try:
        text = read_text(path)
    except LoadError:
        return  # not UTF-8: never parsed
    assert built(streamed=True) == built(streamed=False)


def test_every_code_in_the_format_guide_has_a_failing_example() -> None:
    """docs/format.md names an example file for each code; each exists and produces that code."""
    import re as regex

    guide = (CASES.parents[1] / "docs" / "format.md").read_text(encoding="utf-8")
    rows = regex.findall(r"^\| (`[^|]+`)[^|]*\| [^|]+\| ([^|]+) \|$", guide, regex.M)
    assert len(rows) >= 15
    for codes, examples in rows:
        files = regex.findall(r"`([\w-]+\.yaml)`", examples)
        found = {p.code for name in files for p in check(CASES / "invalid" / name).problems}
        for code in regex.findall(r"`([\w-]+)`", codes):
            if code in ("not-found", "not-a-file", "unreadable", "too-large"):
                continue  # made in test_loader.py, not kept as files
            assert code in found, (code, files)


def test_strict_refuses_invisible_characters(run) -> None:
    path = CASES / "invalid" / "invisible-character.yaml"
    assert run("validate", str(path)).exit_code == 0
    strict = run("validate", "--strict", str(path))
    assert strict.exit_code == 1 and "(invisible-character)" in strict.stdout


def test_control_characters_from_the_file_never_reach_the_terminal(run, tmp_path) -> None:
    """A tag such as !<%1B]0;...%07> set the terminal's title; every message now shows escapes."""
    path = CASES / "invalid" / "terminal-control.yaml"
    result = run("validate", str(path))
    shown = result.stdout + result.stderr
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert "\\x1b]0;pwned\\x07\\x9b31m" in shown
    oddly_named = tmp_path / "a\x1b[2Jb.yaml"
    oddly_named.write_text("a: [\n")
    result = run("validate", str(oddly_named))
    assert "a\\x1b[2Jb.yaml:2:1: error:" in result.stdout  # raw, Click would have cut the \x1b[2J out


def test_library_errors_escape_control_characters() -> None:
    from genealogy.errors import GenealogyError, Problem

    assert str(GenealogyError("bell \x07 and \u202e")) == "bell \\x07 and \\u202e"
    problem = Problem("f\x1b.yaml", 1, 2, "error", "code", "say \x1b[31m")
    assert problem.format() == "f\\x1b.yaml:1:2: error: say \\x1b[31m (code)"
    assert Problem(*problem) == problem  # escaping twice changes nothing
