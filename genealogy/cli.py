"""The `genealogy` command: thin Click commands over the library. Arguments in, one call, output out."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import AmbiguousNameError, GenealogyError
from .files import default_data_path
from .vocabulary import KINDS

FORMATS = click.Choice(["text", "json"])


class CliError(click.ClickException):
    """A one-line error on stderr, exit 1 (or `exit_code`)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code

    def show(self, file: Any = None) -> None:
        label = click.style("error:", fg="red", bold=True)
        click.echo(f"genealogy: {label} {self.message}", err=True)


def _data_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--data",
        "data_path",
        type=click.Path(path_type=Path),
        default=None,
        help="Data file (default: $GENEALOGY_DATA or the bundled data/orgs.yaml).",
    )(command)


def _format_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format", "output_format", type=FORMATS, default="text", show_default=True, help="Output format."
    )(command)


def _data_path(ctx: click.Context, data_path: Path | None) -> Path:
    return data_path or ctx.obj.get("data") or default_data_path()


def sides(ancestors: bool, descendants: bool, both: bool = False) -> tuple[bool, bool]:
    """Which way to walk: one flag alone means that side only; none, both or --both mean both."""
    if both or ancestors == descendants:
        return True, True
    return ancestors, descendants


def _load(ctx: click.Context, data_path: Path | None) -> Any:
    from .cache import load_cached

    try:
        return load_cached(_data_path(ctx, data_path))
    except GenealogyError as error:
        raise CliError(str(error)) from None


def _graph(genealogy: Any) -> Any:
    from .graph import LineageGraph

    return LineageGraph(genealogy)


def _resolve(genealogy: Any, name: str) -> Any:
    from .queries import resolve

    try:
        return resolve(genealogy, name)
    except AmbiguousNameError as error:
        raise CliError(str(error), exit_code=2) from None
    except GenealogyError as error:
        raise CliError(str(error)) from None


def _json(data: object) -> None:
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _print_organisations(orgs: list[Any], output_format: str) -> None:
    from . import present
    from .queries import summary

    if output_format == "json":
        _json([summary(o) for o in orgs])
    else:
        click.echo(present.organisations(orgs))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text: path:line:col: severity: message (code); json: a list of objects; github: CI annotations.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...], output_format: str, strict: bool) -> None:
    """Check data files and report every problem, sorted by position.

    Exits 0 when there are no errors (and, with --strict, no warnings), 1 otherwise.

    \b
    Examples:
      genealogy validate data/orgs.yaml
      genealogy validate --strict --format json data/orgs.yaml
    """
    from . import present
    from .validate import check

    problems = []
    for path in paths or (_data_path(ctx, None),):
        problems.extend(check(path).problems)
    if strict:
        problems = [p._replace(severity="error") for p in problems]
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if output_format == "json":
        _json([p.as_dict() for p in problems])
    else:
        for item in problems:
            click.echo(item.format_github() if output_format == "github" else present.problem(item))
    if output_format == "text":
        checked = ", ".join(str(p) for p in paths) or str(_data_path(ctx, None))
        verdict = "ok" if not errors else "invalid"
        click.echo(f"{checked}: {verdict}: {errors} error(s), {warnings} warning(s)", err=True)
    sys.exit(1 if errors else 0)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of the data format (for editors and other tools).

    \b
    Example:
      genealogy schema > genealogy.schema.json
    """
    from .schema import SCHEMA_FILE

    click.echo(SCHEMA_FILE.read_text(encoding="utf-8"), nl=False)


@cli.command()
@click.argument("name")
@_data_option
@_format_option
@click.pass_context
def show(ctx: click.Context, name: str, data_path: Path | None, output_format: str) -> None:
    """Show one organisation: names, dates, parents, children, events and sources.

    NAME may be the id, the abbreviation, or any name or alias, in any case.
    An ambiguous name lists the candidates (exit 2); an unknown one suggests close matches (exit 1).

    \b
    Examples:
      genealogy show fourth-international
      genealogy show "lanka sama samaja party" --format json
    """
    from . import present
    from .queries import details

    genealogy = _load(ctx, data_path)
    org = _resolve(genealogy, name)
    graph = _graph(genealogy)
    if output_format == "json":
        _json(details(genealogy, graph, org))
    else:
        click.echo(present.record(genealogy, graph, org))


@cli.command()
@click.argument("name")
@click.option("--ancestors", is_flag=True, help="Predecessors (alone: predecessors only).")
@click.option("--descendants", is_flag=True, help="Successors (alone: successors only).")
@click.option("--both", is_flag=True, help="Both (the default, as is giving --ancestors and --descendants).")
@click.option("--depth", type=click.IntRange(min=1), default=None, help="Follow at most N links.")
@_data_option
@_format_option
@click.pass_context
def lineage(
    ctx: click.Context,
    name: str,
    ancestors: bool,
    descendants: bool,
    both: bool,
    depth: int | None,
    data_path: Path | None,
    output_format: str,
) -> None:
    """Where an organisation comes from and what came of it, link by link with relation and date.

    \b
    Examples:
      genealogy lineage IMT --ancestors
      genealogy lineage fourth-international --descendants --depth 2
    """
    from . import present
    from .queries import lineage as lineage_json

    genealogy = _load(ctx, data_path)
    org = _resolve(genealogy, name)
    graph = _graph(genealogy)
    up, down = sides(ancestors, descendants, both)
    if output_format == "json":
        before = graph.ancestors(org.id, depth) if up else []
        after = graph.descendants(org.id, depth) if down else []
        _json(lineage_json(org, before, after))
    else:
        click.echo(present.lineage(graph, org, up, down, depth))


@cli.command(name="list")
@click.option("--active-in", type=int, metavar="YEAR", help="Only organisations that existed in YEAR.")
@click.option("--country", metavar="CC", help="Only this ISO 3166 country code (or 'international').")
@click.option("--kind", type=click.Choice(KINDS))
@_data_option
@_format_option
@click.pass_context
def list_command(
    ctx: click.Context,
    active_in: int | None,
    country: str | None,
    kind: str | None,
    data_path: Path | None,
    output_format: str,
) -> None:
    """List organisations, oldest first, optionally filtered.

    \b
    Examples:
      genealogy list --active-in 1963
      genealogy list --country GB --kind party --format json
    """
    from .queries import filter_organisations

    _print_organisations(filter_organisations(_load(ctx, data_path), active_in, country, kind), output_format)


@cli.command()
@click.argument("text")
@_data_option
@_format_option
@click.pass_context
def search(ctx: click.Context, text: str, data_path: Path | None, output_format: str) -> None:
    """Find organisations whose id, name, abbreviation, alias or notes contain TEXT.

    Case and accents are ignored.

    \b
    Example:
      genealogy search "workers party"
    """
    from .queries import search as search_orgs

    _print_organisations(search_orgs(_load(ctx, data_path), text), output_format)


@cli.command()
@click.argument("first")
@click.argument("second")
@_data_option
@_format_option
@click.pass_context
def common(ctx: click.Context, first: str, second: str, data_path: Path | None, output_format: str) -> None:
    """How two organisations are related: their nearest common ancestor(s) and the paths down.

    \b
    Example:
      genealogy common ICFI IMT
    """
    from . import present
    from .model import iso

    genealogy = _load(ctx, data_path)
    a, b = _resolve(genealogy, first), _resolve(genealogy, second)
    graph = _graph(genealogy)
    found = graph.common(a.id, b.id)
    if output_format == "json":

        def path(links: tuple[Any, ...]) -> list[dict[str, object]]:
            return [
                {
                    "from": x.parent,
                    "to": x.child,
                    "relation": x.relation,
                    "date": iso(x.event.date),
                }
                for x in links
            ]

        _json(
            {
                "a": {"id": a.id, "name": a.name},
                "b": {"id": b.id, "name": b.name},
                "nearest": [
                    {"id": c.org.id, "name": c.org.name, "path_to_a": path(c.path_to_a), "path_to_b": path(c.path_to_b)}
                    for c in found
                ],
            }
        )
    else:
        click.echo(present.common(graph, a, b, found))


@cli.command()
@_data_option
@_format_option
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many split-prone lineages.")
@click.pass_context
def stats(ctx: click.Context, data_path: Path | None, output_format: str, top: int) -> None:
    """Counts by decade, kind, country and event type, and the most split-prone lineages.

    \b
    Example:
      genealogy stats --top 5
    """
    from .stats import describe, statistics

    numbers = statistics(_load(ctx, data_path), top)
    if output_format == "json":
        _json(numbers)
    else:
        click.echo(describe(numbers))


# Commands that make, convert and reformat files live in cli_tools; importing it registers them.
from . import cli_tools  # noqa: E402, F401


def main() -> None:
    """Console entry point: an unexpected failure is one line and exit 3, never a traceback."""
    try:
        cli(prog_name="genealogy")
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(130)
    except Exception as error:
        click.echo(f"genealogy: internal error: {type(error).__name__}: {error}; please report it", err=True)
        sys.exit(3)
