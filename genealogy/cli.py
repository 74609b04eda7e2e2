"""The `genealogy` command: thin Click commands over the library. Arguments in, one call, output out."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import AmbiguousNameError, GenealogyError
from .loader import default_data_path

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
    from dataclasses import replace

    from . import present
    from .validate import check

    problems = []
    for path in paths or (_data_path(ctx, None),):
        problems.extend(check(path).problems)
    if strict:
        problems = [replace(p, severity="error") for p in problems]
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
@click.option("--ancestors", "direction", flag_value="ancestors", help="Predecessors only.")
@click.option("--descendants", "direction", flag_value="descendants", help="Successors only.")
@click.option("--both", "direction", flag_value="both", default=True, help="Both (the default).")
@click.option("--depth", type=click.IntRange(min=1), default=None, help="Follow at most N links.")
@_data_option
@_format_option
@click.pass_context
def lineage(
    ctx: click.Context, name: str, direction: str, depth: int | None, data_path: Path | None, output_format: str
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
    up = direction in ("ancestors", "both")
    down = direction in ("descendants", "both")
    if output_format == "json":
        ancestors = graph.ancestors(org.id, depth) if up else []
        descendants = graph.descendants(org.id, depth) if down else []
        _json(lineage_json(org, ancestors, descendants))
    else:
        click.echo(present.lineage(graph, org, up, down, depth))


@cli.command(name="list")
@click.option("--active-in", type=int, metavar="YEAR", help="Only organisations that existed in YEAR.")
@click.option("--country", metavar="CC", help="Only this ISO 3166 country code (or 'international').")
@click.option(
    "--kind", type=click.Choice(["international", "party", "group", "faction", "tendency", "committee", "youth"])
)
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
                    "date": x.event.date.iso() if x.event.date else None,
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


KINDS = ["international", "party", "group", "faction", "tendency", "committee", "youth"]
SELECTION = (
    click.option("--focus", multiple=True, metavar="NAME", help="Only this organisation and its kin (repeatable)."),
    click.option("--ancestors", "direction_focus", flag_value="ancestors", help="With --focus: ancestors only."),
    click.option("--descendants", "direction_focus", flag_value="descendants", help="With --focus: descendants only."),
    click.option("--both", "direction_focus", flag_value="both", default=True, help="With --focus: both (default)."),
    click.option("--depth", type=click.IntRange(min=1), help="With --focus: follow at most N links."),
    click.option("--from", "year_from", type=int, metavar="YEAR", help="Only organisations existing in or after YEAR."),
    click.option("--to", "year_to", type=int, metavar="YEAR", help="Only organisations founded in or before YEAR."),
    click.option("--country", metavar="CC", help="Only this ISO 3166 country code (or 'international')."),
    click.option("--kind", type=click.Choice(KINDS), help="Only organisations of this kind."),
    click.option("--affiliations", is_flag=True, help="Also include affiliations of sections to internationals."),
    click.option("--direction", type=click.Choice(["TB", "LR"]), default="TB", show_default=True,
                 help="Time runs down (TB) or across (LR)."),
    click.option("--title", help="Title (default: the record's title)."),
)  # fmt: skip


def _selection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(SELECTION):
        command = option(command)
    return command


def _chart_options(genealogy: Any, selection: dict[str, Any], group_by: str = "none") -> Any:
    """ChartOptions from the command line's selection options; names resolved in the record."""
    from .dot import ChartOptions

    side = selection["direction_focus"]
    return ChartOptions(
        focus=tuple(_resolve(genealogy, name).id for name in selection["focus"]),
        ancestors=side in ("ancestors", "both"), descendants=side in ("descendants", "both"),
        depth=selection["depth"], year_from=selection["year_from"], year_to=selection["year_to"],
        country=selection["country"], kind=selection["kind"], affiliations=selection["affiliations"],
        group_by=group_by, direction=selection["direction"], title=selection["title"],
    )  # fmt: skip


def _output_path(output: Path | None, output_format: str | None, choices: tuple[str, ...]) -> tuple[Path, str]:
    """The file and format: the format follows -o's suffix unless given; default output/genealogy.FORMAT."""
    if output_format is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        output_format = suffix if suffix in choices else choices[0]
    return output or Path("output") / f"genealogy.{output_format}", output_format


def _write(output: Path, data: bytes, protect: Path) -> None:
    from .render import write_output

    if str(output) == "-":
        sys.stdout.buffer.write(data)
        return
    write_output(output, data, protect=protect)
    click.echo(f"wrote {output} ({len(data):,} bytes)", err=True)


CHART_FORMATS = ("svg", "pdf", "png", "dot", "html")


@cli.command()
@_data_option
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="File to write (default output/genealogy.FORMAT)."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(CHART_FORMATS),
    help="Output format (default: from the -o suffix, else svg). html: the interactive explorer page.",
)
@click.option(
    "--engine",
    type=click.Choice(["auto", "system", "embedded"]),
    default="auto",
    show_default=True,
    help="system: Graphviz's dot; embedded: the bundled WebAssembly Graphviz (SVG and HTML only); "
    "auto: system if installed.",
)
@_selection_options
@click.option(
    "--group-by",
    type=click.Choice(["none", "international", "country"]),
    default="none",
    show_default=True,
    help="Draw clusters: sections with their international, or by country.",
)
@click.option(
    "--timeout", type=click.FloatRange(min=1), default=300, show_default=True, help="Seconds Graphviz may take."
)
@click.pass_context
def render(
    ctx: click.Context,
    data_path: Path | None,
    output: Path | None,
    output_format: str | None,
    engine: str,
    group_by: str,
    timeout: float,
    **selection: Any,
) -> None:
    """Draw the record as a family tree on a time axis: SVG, PDF, PNG, DOT, or an HTML explorer.

    Time runs down the page, each organisation at its founding year; every kind of event has its
    own line style, explained in the legend on the chart. `--format html` makes one offline page
    with the chart, pan and zoom, search, lineage highlighting, details and a year filter.
    Output is written atomically.

    \b
    Examples:
      genealogy render                                   # output/genealogy.svg
      genealogy render -o output/genealogy.pdf
      genealogy render -o output/explorer.html
      genealogy render --focus IMT --ancestors -o output/imt.svg
      genealogy render --from 1938 --to 1970 --affiliations --group-by international
    """
    from .cache import derived_text, load_cached
    from .render import render as run_graphviz

    output, output_format = _output_path(output, output_format, CHART_FORMATS)
    path = _data_path(ctx, data_path)
    request = f"dot {sorted(selection.items())!r} {group_by}"

    def chart(genealogy: Any) -> str:
        from .dot import to_dot

        return to_dot(genealogy, _chart_options(genealogy, selection, group_by))

    try:
        dot_source = derived_text(path, request, chart)
        if output_format == "html":
            from .dot import select
            from .html import explorer

            genealogy = load_cached(path)
            svg = run_graphviz(dot_source, "svg", engine, timeout).decode("utf-8")
            chosen = select(genealogy, _chart_options(genealogy, selection, group_by))
            data = explorer(genealogy, chosen, svg).encode("utf-8")
        else:
            data = run_graphviz(dot_source, output_format, engine, timeout)
        _write(output, data, protect=path)
    except GenealogyError as error:
        raise CliError(str(error)) from None


EXPORT_FORMATS = ("json", "graphml", "gexf", "mermaid", "csv", "dot")
SUFFIXES = {"mmd": "mermaid", "md": "mermaid"}


@cli.command()
@_data_option
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: standard output).")
@click.option(
    "--format", "output_format", type=click.Choice(EXPORT_FORMATS), help="Default: from the -o suffix, else json."
)
@click.option(
    "--table",
    type=click.Choice(["organisations", "events"]),
    default="organisations",
    show_default=True,
    help="With --format csv: which table.",
)
@_selection_options
@click.pass_context
def export(
    ctx: click.Context,
    data_path: Path | None,
    output: Path | None,
    output_format: str | None,
    table: str,
    **selection: Any,
) -> None:
    """Export the record (or a selection, as for render) for other tools.

    json: node-link JSON (d3, networkx); graphml (yEd, Gephi, networkx); gexf (Gephi); mermaid
    (renders in Markdown on code hosts); csv (organisations, or events with --table events); dot.

    \b
    Examples:
      genealogy export --format graphml -o output/genealogy.graphml
      genealogy export --format mermaid --focus IMT --ancestors
      genealogy export --format csv --table events -o output/events.csv
    """
    from .export import export as export_record

    if output_format is None and output is not None:
        suffix = output.suffix.lower().lstrip(".")
        output_format = SUFFIXES.get(suffix, suffix if suffix in EXPORT_FORMATS else None)
    output_format = output_format or "json"
    genealogy = _load(ctx, data_path)
    text = export_record(genealogy, output_format, _chart_options(genealogy, selection), table)
    try:
        _write(output or Path("-"), text.encode("utf-8"), protect=_data_path(ctx, data_path))
    except GenealogyError as error:
        raise CliError(str(error)) from None


@cli.command(name="fmt")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if a file is not in canonical form.")
@click.option("--diff", "show_diff", is_flag=True, help="Print what would change, as a unified diff.")
@click.pass_context
def fmt_command(ctx: click.Context, paths: tuple[Path, ...], check: bool, show_diff: bool) -> None:
    """Put data files in canonical form: key order, block records, indentation. Comments are kept.

    The formatted file is read back and must hold exactly the same data, or nothing is written;
    files are replaced atomically.

    \b
    Examples:
      genealogy fmt data/orgs.yaml
      genealogy fmt --check --diff data/orgs.yaml
    """
    from .atomic import write_atomically
    from .fmt import format_file

    unformatted = 0
    for path in paths or (_data_path(ctx, None),):
        try:
            result = format_file(path)
            if show_diff and result.changed:
                click.echo(result.diff(), nl=False)
            if result.changed and not check:
                write_atomically(path, result.text.encode("utf-8"))
        except GenealogyError as error:
            raise CliError(str(error)) from None
        except OSError as error:
            raise CliError(f"cannot write {path}: {error.strerror}") from None
        unformatted += result.changed
        verb = ("would reformat" if check else "reformatted") if result.changed else "already formatted:"
        click.echo(f"{verb} {path}", err=True)
    sys.exit(1 if check and unformatted else 0)


@cli.command(name="diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@_format_option
def diff_command(old: Path, new: Path, output_format: str) -> None:
    """What an edit changes: organisations, events and sources added, removed or changed.

    Both files must be free of errors (run `genealogy validate` first). Exits 0 either way.

    \b
    Examples:
      genealogy diff old/orgs.yaml data/orgs.yaml
      git show main:data/orgs.yaml > /tmp/main.yaml && genealogy diff /tmp/main.yaml data/orgs.yaml
    """
    from .changes import compare, describe
    from .validate import load

    try:
        difference = compare(load(old), load(new))
    except GenealogyError as error:
        raise CliError(str(error)) from None
    if output_format == "json":
        _json(difference.as_dict())
    else:
        click.echo(describe(difference))


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


@cli.group(name="import")
def import_group() -> None:
    """Convert records kept in other tools' formats into a genealogy YAML file.

    \b
    Example:
      genealogy import gnuclad ldt.csv -o linux.yaml
    """


@import_group.command(name="gnuclad")
@click.argument("sheet", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), help="YAML file to write (default: standard output).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def import_gnuclad(sheet: Path, output: Path | None, force: bool) -> None:
    """Convert a gnuclad cladogram data sheet (CSV) into a genealogy YAML file.

    gnuclad draws the GNU/Linux Distribution Timeline: N rows are nodes (with parent, start,
    stop and renames), C rows connectors, D rows domains. What had to be read loosely or left
    out is listed on standard error. An existing file is only overwritten with --force.

    \b
    Examples:
      genealogy import gnuclad ldt.csv -o linux.yaml
      genealogy render --data linux.yaml -o linux.svg
    """
    from .atomic import write_atomically
    from .gnuclad import convert

    if output is not None and output.exists() and not force:
        raise CliError(f"{output} exists; choose another -o or add --force to overwrite it")
    try:
        result = convert(sheet)
    except GenealogyError as error:
        raise CliError(str(error)) from None
    if output is None:
        click.echo(result.text, nl=False)
    else:
        try:
            write_atomically(output, result.text.encode("utf-8"))
        except OSError as error:
            raise CliError(f"cannot write {output}: {error.strerror}") from None
    for line in result.summary():
        click.echo(line, err=True)


def main() -> None:
    """Console entry point: an unexpected failure is one line and exit 3, never a traceback."""
    try:
        cli(prog_name="genealogy")
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(130)
    except Exception as error:
        click.echo(f"genealogy: internal error: {type(error).__name__}: {error}; please report it", err=True)
        sys.exit(3)
