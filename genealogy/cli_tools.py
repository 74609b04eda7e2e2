"""The commands that make, convert and reformat files: render, export, import, fmt, diff.

Registered on the `genealogy` group from cli.py; the same rules hold: one library call per
command, errors as one line through CliError.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .cli import CliError, _data_option, _data_path, _format_option, _json, _load, _resolve, cli, sides
from .errors import GenealogyError
from .vocabulary import KINDS

SELECTION = (
    click.option("--focus", multiple=True, metavar="NAME", help="Only this organisation and its kin (repeatable)."),
    click.option("--ancestors", is_flag=True, help="With --focus: ancestors (alone: ancestors only)."),
    click.option("--descendants", is_flag=True, help="With --focus: descendants (alone: descendants only)."),
    click.option("--both", is_flag=True, help="With --focus: both (the default, as is giving the two flags)."),
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

    up, down = sides(selection["ancestors"], selection["descendants"], selection["both"])
    return ChartOptions(
        focus=tuple(_resolve(genealogy, name).id for name in selection["focus"]),
        ancestors=up, descendants=down,
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
    from .render import choose_engine
    from .render import render as run_graphviz

    output, output_format = _output_path(output, output_format, CHART_FORMATS)
    path = _data_path(ctx, data_path)
    try:
        # The WebAssembly Graphviz has no HTML-like labels: it gets plain-text ones.
        rich = (
            output_format == "dot"
            or choose_engine(engine, "svg" if output_format == "html" else output_format) == "system"
        )
    except GenealogyError as error:
        raise CliError(str(error)) from None
    request = f"dot {sorted(selection.items())!r} {group_by} {rich}"

    def options_for(genealogy: Any) -> Any:
        from dataclasses import replace

        return replace(_chart_options(genealogy, selection, group_by), rich_labels=rich)

    def chart(genealogy: Any) -> str:
        from .dot import to_dot

        return to_dot(genealogy, options_for(genealogy))

    try:
        if output_format == "html":  # the page needs the record as well as the chart: load it once
            from .dot import select, to_dot
            from .html import explorer

            genealogy = load_cached(path)
            options = options_for(genealogy)
            svg = run_graphviz(to_dot(genealogy, options), "svg", engine, timeout, _still_drawing).decode("utf-8")
            data = explorer(genealogy, select(genealogy, options), svg).encode("utf-8")
        else:
            data = run_graphviz(derived_text(path, request, chart), output_format, engine, timeout, _still_drawing)
        _write(output, data, protect=path)
    except GenealogyError as error:
        raise CliError(str(error)) from None


def _still_drawing(seconds: float) -> None:
    click.echo(
        f"genealogy: Graphviz is still drawing after {seconds:g} s; a chart of thousands of organisations "
        "can take minutes (--focus, --from/--to or --country draw a part; --timeout limits the wait)",
        err=True,
    )


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
