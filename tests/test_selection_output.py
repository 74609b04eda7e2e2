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
    target = tmp_path / "out.dot"
    result = run(*command, *options, "-o", str(target), "--data", str(RELATIONS))
    assert result.exit_code == 1
    assert result.stderr == f"genealogy: error: the selection is empty: {message}\n"
    assert not target.exists()


@pytest.mark.parametrize(
    ("command", "name", "listed"),
    [
        (["render"], "x.jpg", ".svg, .pdf, .png, .dot, .html, .htm, .gv"),
        (["export"], "x.xyz", ".json, .graphml, .gexf, .mermaid, .csv, .dot, .mmd, .md"),
    ],
)
def test_an_unknown_output_suffix_is_a_usage_error(
    run, tmp_path: Path, command: list[str], name: str, listed: str
) -> None:
    result = run(*command, "-o", str(tmp_path / name), "--data", str(RELATIONS))
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: Invalid value for '-o' / '--output': '{Path(name).suffix}' is not a suffix this command writes "
        f"({listed}); give --format, or a file name with one of those suffixes\n"
    )
    assert not (tmp_path / name).exists()
    given = run(*command, "--format", "dot", "-o", str(tmp_path / name), "--data", str(RELATIONS))
    assert given.exit_code == 0 and (tmp_path / name).read_text().startswith("digraph")


@pytest.mark.parametrize(
    ("options", "name"),
    [
        ([], "genealogy.dot"),
        (["--focus", "Red Party", "--descendants"], "genealogy-red-party-descendants.dot"),
        (["--focus", "RP", "--depth", "1"], "genealogy-rp-depth-1.dot"),
        (["--country", "Britain", "--kind", "party"], "genealogy-gb-party.dot"),
        (["--from", "1930", "--to", "1950"], "genealogy-1930-1950.dot"),
        (["--from", "1930"], "genealogy-from-1930.dot"),
        (["--to", "1950", "--affiliations"], "genealogy-to-1950.dot"),
    ],
)
def test_a_selection_without_o_gets_its_own_file(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: list[str], name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("render", "--format", "dot", *options, "--data", str(RELATIONS))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"wrote output/{name} (")
    assert [p.name for p in (tmp_path / "output").iterdir()] == [name]


@pytest.mark.parametrize("command", [["render", "--format", "dot"], ["export"]])
def test_a_missing_output_folder_is_an_error_that_names_it(run, tmp_path: Path, command: list[str]) -> None:
    target = tmp_path / "no" / "such" / "x.dot"
    result = run(*command, "-o", str(target), "--data", str(RELATIONS))
    assert result.exit_code == 1
    assert result.stderr == (
        f"genealogy: error: no such folder: {target.parent} (for -o {target}); create it first or choose another -o\n"
    )
    assert not (tmp_path / "no").exists()


def test_the_default_output_folder_is_made(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("export", "-o", "output/x.json", "--data", str(RELATIONS)).exit_code == 0
    assert (tmp_path / "output" / "x.json").exists()


def test_a_link_is_kept_and_its_file_replaced(run, tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to("real.json")
    assert run("export", "-o", str(link), "--data", str(RELATIONS)).exit_code == 0
    assert link.is_symlink() and (tmp_path / "real.json").read_text().startswith("{")


def test_a_fifo_and_a_device_are_written_through(run, tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run("export", "-o", str(fifo), "--data", str(RELATIONS))
    reader.join(10)
    assert result.exit_code == 0 and got[0].startswith(b"{")
    assert fifo.is_fifo()
    assert run("export", "-o", "/dev/null", "--data", str(RELATIONS)).exit_code == 0
    assert Path("/dev/null").is_char_device()


def test_dev_stdout_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "out.json"
    out.write_text("first\n")
    command = [sys.executable, "-m", "genealogy", "export", "-o", "/dev/stdout", "--data", str(RELATIONS)]
    with out.open("a") as handle:
        subprocess.run(command, stdout=handle, check=True, cwd=Path(__file__).parents[1])
    assert out.read_text().startswith("first\n{")
    assert Path("/dev/stdout").is_symlink()


def test_a_directory_is_refused(run, tmp_path: Path) -> None:
    result = run("export", "--format", "json", "-o", str(tmp_path), "--data", str(RELATIONS))
    assert result.exit_code == 1
    assert (
        result.stderr == f"genealogy: error: refusing to write onto {tmp_path}: it is a directory; choose another -o\n"
    )
