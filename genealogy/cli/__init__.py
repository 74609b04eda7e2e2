"""The `genealogy` command: one Click group whose commands live in modules loaded when called.

`genealogy --help` imports Click and this file only; each command's module (and through it the
library) is imported when that command runs, or when the help lists it (cheap: the modules
import the library inside the command functions).
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from pathlib import Path
from typing import Any, NoReturn

import click

from genealogy import __version__

# name -> "module:function", in the order `--help` lists them.
COMMANDS = {
    "validate": "check:validate",
    "show": "query:show",
    "lineage": "query:lineage",
    "list": "query:list_command",
    "search": "query:search",
    "common": "query:common",
    "stats": "query:stats",
    "render": "draw:render",
    "export": "convert:export",
    "import": "importing:import_group",
    "fmt": "convert:fmt_command",
    "diff": "convert:diff_command",
    "schema": "check:schema",
}


class LazyGroup(click.Group):
    """Click's documented lazy-loading group, plus the one place library errors become exit codes."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, name = target.partition(":")
        command = getattr(import_module(f"genealogy.cli.{module}"), name)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        from genealogy.cli.common import errors_as_exit_codes

        with errors_as_exit_codes():
            return super().invoke(ctx)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    envvar="GENEALOGY_DATA",
    help="Data file for every command (default: $GENEALOGY_DATA or the bundled data/orgs.yaml).",
)
@click.version_option(__version__, "--version", "-V", prog_name="genealogy")
@click.pass_context
def cli(ctx: click.Context, data: Path | None) -> None:
    """Validate, query and chart the genealogy of organisations: splits, mergers, renames, reunifications.

    \b
    Examples:
      genealogy validate data/orgs.yaml      check a data file, every problem with file:line:col
      genealogy show "Fourth International"  one organisation, by id, name or abbreviation
      genealogy lineage IMT --ancestors      where a group comes from
      genealogy list --active-in 1963        what existed in a given year
      genealogy search militant              find by any name or alias
      genealogy common ICFI IMT              how two organisations are related
      genealogy render -o output/chart.svg   the family-tree chart (SVG, PDF, PNG or DOT)
      genealogy schema > genealogy.schema.json

    Shell completion: eval "$(_GENEALOGY_COMPLETE=bash_source genealogy)" (zsh_source, fish_source).
    """
    ctx.ensure_object(dict)
    ctx.obj["data"] = data
    if os.environ.get("NO_COLOR"):
        ctx.color = False


def main() -> NoReturn:
    """Console entry point: an unexpected failure is one line and exit 3, never a traceback."""
    _without_collector()
    code: object = 0
    try:
        cli(prog_name="genealogy")
    except SystemExit as done:  # how Click ends every command, with its exit status
        code = done.code
    except (KeyboardInterrupt, BrokenPipeError):
        code = 130
    except Exception as error:
        click.echo(f"genealogy: internal error: {type(error).__name__}: {error}; please report it", err=True)
        code = 3
    _exit_now(code)


def _without_collector() -> None:
    """Run the command without the cyclic garbage collector's passes.

    A command is one short process whose objects nearly all live to its end, so the passes find
    little: they took some 12 ms of the Linux sheet's first timeline render (295 against 307 ms,
    median of 20 in turns), and the peak memory of a timeline of 50,000 organisations is the same
    either way (316 MB). The loader already pauses the collector while it reads (loader.gc_paused).
    """
    import gc

    gc.disable()


def _exit_now(code: object) -> NoReturn:
    """End the process once its output is flushed, without Python's teardown of what it built.

    At exit Python collects garbage (a record leaves a cycle of its parsed document behind) and
    takes every module apart: 9 ms of the Linux sheet's first timeline render and 5 ms of its
    import (median of 20 in turns). The system takes the memory back anyway; every file was
    written and closed by its `with` block, and no command leaves a thread running.
    """
    if code is None:
        code = 0
    elif not isinstance(code, int):  # a message, as sys.exit prints it
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a reader gone, or a stream already closed
            code = code or 130
    os._exit(code)
