"""Every command through Click's runner: output, JSON contracts, exit codes, errors on stderr."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from genealogy.cli import cli

from .conftest import CASES, REAL_DATA, ROOT

MINIMAL = CASES / "valid" / "minimal.yaml"


def all_commands() -> dict[str, click.Command]:
    """Every command of the lazy group, loaded (cli.commands is empty until one is called)."""
    ctx = click.Context(cli)
    found = {name: cli.get_command(ctx, name) for name in cli.list_commands(ctx)}
    return {name: command for name, command in found.items() if command is not None}


def test_every_command_has_help_with_an_example_and_is_in_the_readme(run) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = all_commands()
    assert len(commands) == 13
    for name, command in commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert command.help and "Example" in command.help, f"{name} has no example in its help"
        assert f"genealogy {name}" in readme, f"{name} is not documented in README.md"


def test_group_help_and_version(run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "genealogy lineage IMT --ancestors" in result.output
    assert run("--version").output.startswith("genealogy, version ")


def test_validate_clean_file(run) -> None:
    result = run("validate", str(MINIMAL))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "ok: 0 error(s), 0 warning(s)" in result.stderr


def test_validate_reports_every_problem_gcc_style(run) -> None:
    path = CASES / "invalid" / "unknown-org.yaml"
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:15:11: error: unknown organisation 'alhpa'; did you mean 'alpha'? (unknown-org)",
        f"{path}:16:10: error: unknown organisation 'zeta'; add it under 'organisations:' first (unknown-org)",
    ]


def test_validate_json_and_github_formats(run) -> None:
    path = CASES / "invalid" / "date-order.yaml"
    data = json.loads(run("validate", "--format", "json", str(path)).stdout)
    assert data == [
        {
            "path": str(path),
            "line": 11,
            "column": 16,
            "severity": "error",
            "code": "date-order",
            "message": "'alpha' is dissolved (1925) before it was founded (1930)",
        }
    ]
    github = run("validate", "--format", "github", str(path)).stdout.strip()
    assert github == f"::error file={path},line=11,col=16,title=date-order::" + data[0]["message"]


def test_warnings_pass_unless_strict(run) -> None:
    path = str(CASES / "invalid" / "missing-source.yaml")
    assert run("validate", path).exit_code == 0
    strict = run("validate", "--strict", path)
    assert strict.exit_code == 1
    assert ": error: organisation 'alpha' cites no source" in strict.stdout


def test_validate_several_files_and_missing_ones(run, tmp_path: Path) -> None:
    result = run("validate", str(MINIMAL), str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert result.stdout.strip() == f"{tmp_path / 'nope.yaml'}: error: no such file; check the path (not-found)"


def test_schema_prints_the_shipped_schema(run) -> None:
    schema = json.loads(run("schema").stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert "organisation" in schema["$defs"]


def test_show_json_contract(run) -> None:
    data = json.loads(run("show", "imt", "--format", "json").stdout)
    for key in (
        "id",
        "name",
        "abbreviation",
        "aliases",
        "kind",
        "country",
        "founded",
        "dissolved",
        "parents",
        "children",
    ):
        assert key in data
    assert data["id"] == "imt"
    assert "Committee for a Marxist International" in data["aliases"]
    assert {"id": "cwi", "name": "Committee for a Workers' International", "relation": "split", "date": "1992"} in data[
        "parents"
    ]
    assert data["sources"] and all("key" in s for s in data["sources"])


def test_show_finds_by_any_name_in_any_case(run) -> None:
    for name in ("usfi", "USFI", "united secretariat of the fourth international", "Reunified Fourth International"):
        result = run("show", name)
        assert result.exit_code == 0, (name, result.stderr)
        assert result.stdout.startswith("United Secretariat of the Fourth International (USFI)")


def test_show_ambiguous_name_lists_candidates_exit_2(run) -> None:
    result = run("show", "SWP")
    assert result.exit_code == 2
    assert "swp-us" in result.stderr and "swp-uk" in result.stderr
    assert result.stdout == ""


def test_show_unknown_name_suggests_exit_1(run) -> None:
    result = run("show", "Fourth Internationl")
    assert result.exit_code == 1
    assert result.stderr.startswith("genealogy: error: no organisation called 'Fourth Internationl'; did you mean ")
    assert "fourth-international" in result.stderr


def test_lineage_text_tree(run) -> None:
    result = run("lineage", "IMT", "--ancestors")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("International Marxist Tendency (IMT)")
    assert lines[1] == "ancestors:"
    assert lines[2].startswith("└─ split 1992 from Committee for a Workers' International (CWI)")
    assert "descendants" not in result.stdout


def test_lineage_json_contract(run) -> None:
    data = json.loads(
        run("lineage", "fourth-international", "--descendants", "--depth", "1", "--format", "json").stdout
    )
    assert (data["id"], data["name"], data["ancestors"]) == ("fourth-international", "Fourth International", [])
    entry = next(d for d in data["descendants"] if d["id"] == "icfi")
    assert {k: entry[k] for k in ("id", "abbreviation", "relation", "date", "depth")} == {
        "id": "icfi",
        "abbreviation": "ICFI",
        "relation": "split",
        "date": "1953-11",
        "depth": 1,
    }
    assert {d["depth"] for d in data["descendants"]} == {1}


@pytest.mark.parametrize("flags", [(), ("--both",), ("--ancestors", "--descendants"), ("--descendants", "--ancestors")])
def test_lineage_both_ways_however_asked(run, flags: tuple[str, ...]) -> None:
    data = json.loads(run("lineage", "cwi", *flags, "--format", "json").stdout)
    assert data["ancestors"] and data["descendants"]


def test_render_focus_with_both_flags_draws_both_sides(run) -> None:
    def chart(*flags: str) -> str:
        return run("render", "--focus", "voix-des-travailleurs", *flags, "--format", "dot", "-o", "-").stdout

    both = chart("--ancestors", "--descendants")
    assert both == chart()
    assert "lutte-ouvriere" in both and "lcr-france" in both
    assert "lcr-france" not in chart("--ancestors") and "lutte-ouvriere" not in chart("--descendants")


def test_lineage_rejects_a_depth_of_zero(run) -> None:
    result = run("lineage", "imt", "--depth", "0")
    assert result.exit_code == 2


def test_list_filters_and_json(run) -> None:
    data = json.loads(run("list", "--active-in", "1963", "--kind", "international", "--format", "json").stdout)
    ids = {d["id"] for d in data}
    assert {"isfi", "icfi", "usfi"} <= ids
    assert "fourth-international" not in ids  # ended in 1953
    assert set(data[0]) == {"id", "name", "abbreviation", "kind", "country", "founded", "dissolved"}
    britain = json.loads(run("list", "--country", "gb", "--format", "json").stdout)
    assert britain and all(d["country"] == "GB" for d in britain)


def test_list_text_table(run) -> None:
    lines = run("--data", str(MINIMAL), "list").stdout.splitlines()
    assert lines == [
        "id     abbr.  kind   country  years  name",
        "alpha  AL     party  NO       1923–  Alpha League",
        "beta          group  GB       1930–  Beta Group",
    ]


def test_search_ignores_case_and_accents(run) -> None:
    data = json.loads(run("search", "lutte ouvriere", "--format", "json").stdout)
    assert "lutte-ouvriere" in {d["id"] for d in data}
    assert run("search", "zzzz-no-such").stdout.strip() == "no organisations match"


def test_common_text_and_json(run) -> None:
    text = run("common", "ISFI", "ICFI").stdout
    assert text.startswith("nearest common ancestor of ")
    assert "Fourth International (FI)" in text
    data = json.loads(run("common", "isfi", "icfi", "--format", "json").stdout)
    assert [n["id"] for n in data["nearest"]] == ["fourth-international"]
    assert data["nearest"][0]["path_to_b"] == [
        {"from": "fourth-international", "to": "icfi", "relation": "split", "date": "1953-11"}
    ]


def test_data_option_before_or_after_and_environment(run, tmp_path: Path) -> None:
    before = run("--data", str(MINIMAL), "show", "alpha")
    after = run("show", "alpha", "--data", str(MINIMAL))
    env = run("show", "alpha", env={"GENEALOGY_DATA": str(MINIMAL)})
    assert before.stdout == after.stdout == env.stdout
    assert before.stdout.startswith("Alpha League (AL)")


def test_queries_refuse_invalid_data_in_one_line(run) -> None:
    path = CASES / "invalid" / "unknown-org.yaml"
    result = run("show", "alpha", "--data", str(path))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "unknown-org" in result.stderr and "run `genealogy validate`" in result.stderr


@pytest.mark.parametrize("name", ["missing.yaml", "."])
def test_queries_on_unreadable_data(run, name: str) -> None:
    result = run("list", "--data", name)
    assert result.exit_code == 1
    assert result.stderr.startswith("genealogy: error: ")
    assert result.stderr.count("\n") == 1


def test_no_command_writes_to_the_data_file(run) -> None:
    before = hashlib.sha256(REAL_DATA.read_bytes()).hexdigest()
    stamp = REAL_DATA.stat().st_mtime_ns
    for args in (
        ["validate"],
        ["show", "imt"],
        ["lineage", "imt"],
        ["list"],
        ["search", "party"],
        ["common", "imt", "icfi"],
    ):
        run(*args)
    assert hashlib.sha256(REAL_DATA.read_bytes()).hexdigest() == before
    assert REAL_DATA.stat().st_mtime_ns == stamp


def test_colour_only_on_request(run) -> None:
    plain = run("lineage", "imt")
    assert "\x1b[" not in plain.stdout
    coloured = CliRunner_color("lineage", "imt")
    assert "\x1b[" in coloured
    assert "\x1b[" not in CliRunner_color("lineage", "imt", env={"NO_COLOR": "1"})


def CliRunner_color(*args: str, env: dict[str, str] | None = None) -> str:
    from click.testing import CliRunner

    return CliRunner().invoke(cli, list(args), color=True, env=env).stdout


def test_python_dash_m_runs_the_cli_without_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "genealogy", "show", "no such group at all"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("genealogy: error: no organisation called")
    assert "Traceback" not in result.stderr


def test_python_dash_m_writes_all_its_output_before_it_exits() -> None:
    """The process ends without a last collection (cli.main): what it printed is all there."""
    argv = ["--data", str(CASES / "valid" / "relations.yaml"), "export", "--format", "json"]
    result = subprocess.run(
        [sys.executable, "-m", "genealogy", *argv], capture_output=True, cwd=ROOT, env={**os.environ, "NO_COLOR": "1"}
    )
    assert result.returncode == 0, result.stderr
    from click.testing import CliRunner

    assert result.stdout.decode() == CliRunner().invoke(cli, argv).stdout


# -- render ----------------------------------------------------------------------------------

HAS_DOT = __import__("shutil").which("dot") is not None
RELATIONS = CASES / "valid" / "relations.yaml"


def test_render_defaults_to_output_genealogy_svg(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("render", "--data", str(RELATIONS), "--engine", "embedded" if not HAS_DOT else "auto")
    assert result.exit_code == 0, result.stderr
    chart = tmp_path / "output" / "genealogy.svg"
    assert chart.read_bytes().lstrip().startswith(b"<?xml")
    assert result.stderr.startswith("wrote output/genealogy.svg (")


def test_render_dot_to_stdout_matches_the_golden_file(run) -> None:
    result = run("--data", str(RELATIONS), "render", "--affiliations", "--format", "dot", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout == (ROOT / "tests" / "golden" / "relations.dot").read_text(encoding="utf-8")


def test_render_without_system_graphviz_writes_names_not_ids(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("genealogy.chart.render.system_dot", lambda: None)
    target = tmp_path / "chart.svg"
    result = run("render", "--data", str(RELATIONS), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    svg = target.read_text()
    assert ">Red Party</text>" in svg and ">red</text>" not in svg


def test_render_format_follows_the_suffix(run, tmp_path: Path) -> None:
    target = tmp_path / "chart.dot"
    assert run("render", "--data", str(RELATIONS), "-o", str(target)).exit_code == 0
    assert target.read_text().startswith("digraph genealogy {")


def test_render_says_when_graphviz_is_slow(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slow_dot = [sys.executable, "-c", "import sys, time; sys.stdin.read(); time.sleep(0.5); print('<svg/>')"]
    monkeypatch.setattr("genealogy.chart.render.SLOW_AFTER", 0.05)
    monkeypatch.setattr("genealogy.chart.render.command", lambda engine, output_format, layout="dot": slow_dot)
    target = tmp_path / "chart.svg"
    result = run("render", "--data", str(RELATIONS), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    notice, wrote = result.stderr.splitlines()
    assert notice == (
        "genealogy: Graphviz is still drawing after 0.05 s; a family tree of hundreds of organisations can take "
        "minutes (--layout timeline draws in seconds; --focus, --from/--to or --country draw a part; "
        "--timeout limits the wait)"
    )
    assert wrote.startswith(f"wrote {target} (") and target.read_text() == "<svg/>\n"
    timeline = run("render", "--data", str(RELATIONS), "--layout", "timeline", "-o", str(target))
    assert timeline.stderr.splitlines()[0] == (
        "genealogy: Graphviz is still drawing after 0.05 s; a timeline of tens of thousands of organisations "
        "takes a while (--focus, --from/--to or --country draw a part; --timeout limits the wait)"
    )


@pytest.mark.dot
@pytest.mark.skipif(not HAS_DOT, reason="system Graphviz is not installed")
def test_render_pdf_with_system_graphviz(run, tmp_path: Path) -> None:
    target = tmp_path / "chart.pdf"  # a missing folder is an error: see test_selection_output.py
    assert run("render", "--data", str(RELATIONS), "-o", str(target)).exit_code == 0
    assert target.read_bytes().startswith(b"%PDF")


def test_render_pdf_without_system_graphviz_is_one_line(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("genealogy.chart.render.system_dot", lambda: None)
    result = run("render", "--data", str(RELATIONS), "-o", str(tmp_path / "c.pdf"))
    assert result.exit_code == 1
    assert result.stderr == (
        "genealogy: error: PDF needs system Graphviz, which is not installed; "
        "install it (apt install graphviz, brew install graphviz) or render SVG\n"
    )
    assert not (tmp_path / "c.pdf").exists()


def test_render_focus_title_and_unknown_names(run) -> None:
    result = run("render", "--focus", "IMT", "--ancestors", "--depth", "2", "--format", "dot", "-o", "-")
    assert result.exit_code == 0
    assert "International Marxist Tendency (IMT): ancestors (up to 2 links)" in result.stdout
    assert '"cwi" [' in result.stdout and '"left-opposition" [' not in result.stdout
    unknown = run("render", "--focus", "no such group", "--format", "dot", "-o", "-")
    assert unknown.exit_code == 1 and "no organisation called 'no such group'" in unknown.stderr
    ambiguous = run("render", "--focus", "SWP", "--format", "dot", "-o", "-")
    assert ambiguous.exit_code == 2 and "swp-us" in ambiguous.stderr


def test_render_never_writes_over_the_data_file(run, tmp_path: Path) -> None:
    data = tmp_path / "orgs.dot"
    data.write_text(RELATIONS.read_text())
    result = run("render", "--data", str(data), "-o", str(data))
    assert result.exit_code == 1
    assert "refusing to write the chart over the data file" in result.stderr
    assert data.read_text() == RELATIONS.read_text()


def test_pre_commit_hooks_run_real_commands() -> None:
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        program, command, *options = hook["entry"].split()
        assert program == "genealogy"
        commands = all_commands()
        assert command in commands
        for option in options:
            assert option in {o for p in commands[command].params for o in getattr(p, "opts", [])}


END_UNKNOWN = CASES / "valid" / "end-unknown.yaml"


def test_an_end_no_source_dates_is_shown_as_unknown_not_as_today(run) -> None:
    """`dissolved: unknown`: ended, but not drawn or listed as alive; active up to its last attested date."""
    assert "existed  1930 – an unknown date" in run("--data", str(END_UNKNOWN), "show", "faded").stdout
    assert json.loads(run("--data", str(END_UNKNOWN), "show", "faded", "--format", "json").stdout)["dissolved"] == (
        "unknown"
    )
    assert "1930–?" in run("--data", str(END_UNKNOWN), "list").stdout
    for year, active in ((1938, {"faded", "lasting"}), (1939, {"lasting"})):
        listed = json.loads(
            run("--data", str(END_UNKNOWN), "list", "--active-in", f"{year}", "--format", "json").stdout
        )
        assert {d["id"] for d in listed} == active, year
    dot = run("--data", str(END_UNKNOWN), "render", "--format", "dot", "-o", "-").stdout
    faded = next(line for line in dot.splitlines() if line.startswith('  "faded" ['))
    assert "dashed" in faded and 'class="org kind-group ended"' in faded
    later = run("--data", str(END_UNKNOWN), "render", "--format", "dot", "--from", "1950", "-o", "-").stdout
    assert '"faded" [' not in later and '"lasting" [' in later


def test_the_explorer_counts_an_unknown_end_as_its_last_known_date() -> None:
    from genealogy import load
    from genealogy.chart.dot import ChartOptions, select
    from genealogy.chart.html import page_data

    record = load(END_UNKNOWN)
    shown = {o["id"]: o for o in page_data(record, select(record, ChartOptions()))["organisations"]}
    assert (shown["faded"]["until"], shown["faded"]["dissolved"]) == (1938, "unknown")
    assert shown["lasting"]["until"] is None


def test_a_command_runs_without_the_cyclic_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    """The console entry point turns the collector off (a short process; see cli._without_collector)."""
    import gc

    import genealogy.cli

    seen: list[bool] = []
    monkeypatch.setattr(genealogy.cli, "cli", lambda **_: seen.append(gc.isenabled()))
    ended: list[int] = []
    monkeypatch.setattr(os, "_exit", ended.append)  # main's last step; here the test process goes on
    try:
        genealogy.cli.main()
    finally:
        gc.enable()
    assert seen == [False] and ended == [0]


@pytest.mark.parametrize(
    ("args", "status", "printed"),
    [
        (["--version"], 0, "genealogy, version"),
        (["no-such-command"], 2, "No such command"),
        (["show", "no-such-organisation"], 1, "no-such-organisation"),
    ],
)
def test_the_console_command_ends_with_its_status_and_all_it_printed(
    args: list[str], status: int, printed: str
) -> None:
    """The process ends without Python's teardown (cli._exit_now), its output flushed first."""
    command = [sys.executable, "-m", "genealogy", *args]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == status
    assert printed in result.stdout + result.stderr
