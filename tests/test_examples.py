"""Every `genealogy ...` command the README's console blocks and the --help examples show runs as
written, with the exit code shown (0 unless the example is of an error).

Each runs in a scratch folder that looks like a checkout: data/orgs.yaml (a copy of the real
record), tests/cases (the real cases), old/orgs.yaml and /tmp/main.yaml (copies, for diff), and
ldt.csv (the gnuclad sheet, when ../shared has it). Graphviz itself is not run: the chart is
built and handed to a stand-in, so render examples stay fast and need no `dot`.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from genealogy.cli import cli

from .conftest import REAL_DATA, ROOT, SHARED
from .test_cli import all_commands

LDT = SHARED / "datasets" / "linux-timeline" / "ldt.csv"
# Examples of an error, and the exit code they show.
FAILING = {
    "genealogy show SWP": 2,  # ambiguous
    "genealogy validate tests/cases/invalid/unknown-org.yaml tests/cases/invalid/unknown-key.yaml": 1,
}
RENAMED = {"/tmp/main.yaml": "old/orgs.yaml"}  # a scratch folder, not the machine's /tmp


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```console\n(.*?)^```", text, re.M | re.S)
    return [line[2:] for block in blocks for line in block.splitlines() if line.startswith("$ genealogy ")]


def readme_outputs() -> dict[str, list[str]]:
    """Each README console command -> the lines shown after it (up to the next command or `...`)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    shown: dict[str, list[str]] = {}
    for block in re.findall(r"^```console\n(.*?)^```", text, re.M | re.S):
        command = None
        for line in block.splitlines():
            if line.startswith("$ "):
                command = line[2:]
                shown[command] = []
            elif command is not None and line.strip() == "...":
                command = None
            elif command is not None and line.strip():
                shown[command].append(line)
    return shown


def help_commands() -> list[str]:
    found = []
    helps = [cli.help or ""] + [command.help or "" for command in all_commands().values()]
    helps += [sub.help or "" for sub in all_commands()["import"].commands.values()]  # type: ignore[attr-defined]
    for text in helps:
        _, _, examples = text.partition("Example")
        for line in examples.splitlines()[1:]:
            command = re.split(r"\s{2,}(?!#)", line.strip())[0]  # the group's help: "command   what it does"
            if command.startswith("genealogy ") or " genealogy " in command:
                found.append(command)
    return list(dict.fromkeys(found))  # the import group and its command show the same one


def as_run(command: str) -> list[str]:
    """The arguments of the genealogy part of a shell line: after `&&`, before `>`, no comment."""
    command = command.rpartition("&& ")[2]
    words = shlex.split(command, comments=True)
    if ">" in words:
        words = words[: words.index(">")]
    assert words[0] == "genealogy", command
    return [RENAMED.get(word, word) for word in words[1:]]


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "data").mkdir()
    shutil.copy(REAL_DATA, tmp_path / "data" / "orgs.yaml")
    (tmp_path / "old").mkdir()
    shutil.copy(REAL_DATA, tmp_path / "old" / "orgs.yaml")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "cases").symlink_to(ROOT / "tests" / "cases")
    if LDT.exists():
        shutil.copy(LDT, tmp_path / "ldt.csv")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GENEALOGY_DATA", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("genealogy.chart.render.system_dot", lambda: "/usr/bin/dot")
    monkeypatch.setattr("genealogy.chart.render.run", _fake_graphviz)
    return tmp_path


def _fake_graphviz(
    argv: list[str],
    dot: Any,
    timeout: float,
    on_slow: object = None,
    into: Any = None,
    then: Any = None,
    env: object = None,
) -> bytes:
    """`render.run` without Graphviz: the DOT made (when given a maker) and read whole, and an empty
    chart returned or written `into` the output."""
    if callable(dot):
        made = dot()
        dot, then = made.pieces, made.save
    assert "".join(dot).endswith("}\n")
    if then is not None:
        then()
    if into is None:
        return b"<svg></svg>"
    into.write(b"<svg></svg>")
    return b""


def run_all(commands: list[str]) -> None:
    for command in commands:
        if ("ldt.csv" in command or "linux.yaml" in command) and not LDT.exists():
            continue
        result = CliRunner().invoke(cli, as_run(command), catch_exceptions=False)
        assert result.exit_code == FAILING.get(command, 0), (command, result.stderr)


def test_the_readme_tour_runs_as_written(checkout: Path) -> None:
    commands = readme_commands()
    assert len(commands) >= 10
    run_all(commands)
    assert (checkout / "output" / "imt.svg").exists()


def test_the_readme_shows_what_the_commands_print(checkout: Path) -> None:
    """The output shown under a README command is what it prints (byte counts and timings aside)."""
    for command, shown in readme_outputs().items():  # in order: the import makes linux.yaml
        if ("linux.yaml" in command or "ldt.csv" in command) and not LDT.exists():
            continue
        result = CliRunner().invoke(cli, as_run(command), catch_exceptions=False)
        if not shown or command.startswith(("genealogy import", "genealogy render", "genealogy diff")):
            continue  # sizes and timings vary; the diff example shows an edit made for it
        printed = (result.stdout + result.stderr).splitlines()
        assert printed[: len(shown)] == shown, command


def test_every_help_example_runs_as_written(checkout: Path) -> None:
    commands = help_commands()
    assert len(commands) >= 25
    assert "genealogy schema > genealogy.schema.json" in commands
    run_all(commands)


def test_help_examples_are_found_in_every_command() -> None:
    examples = " ".join(help_commands())
    for name in all_commands():
        assert f"genealogy {name}" in examples, name
    assert isinstance(cli, click.Group)
