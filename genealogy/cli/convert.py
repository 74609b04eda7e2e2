"""Commands that make and convert files: export, fmt, diff (import is in importing.py)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from genealogy.cli.common import CliError, data_option, emit_json, format_option, load, record_path
from genealogy.cli.selection import output_path, selection_of, selection_options, write
from genealogy.convert import EXPORT_FORMATS, EXPORT_SUFFIXES


@click.command()
@data_option
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
@selection_options
@click.option(
    "--direction",
    type=click.Choice(["TB", "LR"]),
    default="TB",
    show_default=True,
    help="mermaid and dot: time runs down or across.",
)
@click.pass_context
def export(
    ctx: click.Context,
    data_path: Path | None,
    output: Path | None,
    output_format: str | None,
    table: str,
    direction: str,
    **selection: Any,
) -> None:
    """Export the record (or a selection, as for render) for other tools.

    json: node-link JSON (d3, networkx); graphml (yEd, Gephi, networkx); gexf (Gephi); mermaid
    (renders in Markdown on code hosts); csv (organisations, or events with --table events); dot;
    csl-json (Zotero, Pandoc) and bibtex (LaTeX): the sources the selection cites, each once.

    \b
    Examples:
      genealogy export --format graphml -o output/genealogy.graphml
      genealogy export --format mermaid --focus IMT --ancestors
      genealogy export --format csv --table events -o output/events.csv
      genealogy export --format bibtex --country JP -o output/japan.bib
    """
    from genealogy.convert.export import export as export_record

    output, output_format = output_path(output, output_format, EXPORT_FORMATS, EXPORT_SUFFIXES, default=Path("-"))
    genealogy = load(ctx, data_path)
    text = export_record(genealogy, output_format, selection_of(genealogy, selection), table, direction)
    write(output, text.encode("utf-8"), protect=record_path(ctx, data_path))


@click.command(name="fmt")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if a file is not in canonical form.")
@click.option("--diff", "show_diff", is_flag=True, help="Print what would change, as a unified diff.")
@data_option
@click.pass_context
def fmt_command(
    ctx: click.Context, paths: tuple[Path, ...], check: bool, show_diff: bool, data_path: Path | None
) -> None:
    """Put data files in canonical form: key order, block records, indentation. Comments are kept.

    Without PATHS, the record of --data (before or after the command), $GENEALOGY_DATA or the
    bundled one.

    The formatted file is read back and must hold exactly the same data, or nothing is written;
    files are replaced atomically.

    \b
    Examples:
      genealogy fmt data/orgs.yaml
      genealogy fmt --check --diff data/orgs.yaml
    """
    from genealogy.convert.fmt import format_file

    unformatted = 0
    for path in paths or (record_path(ctx, data_path),):
        try:
            result = format_file(path)
            if show_diff and result.changed:
                click.echo(result.diff(), nl=False)
            if result.changed and not check:
                result.write()
        except OSError as error:
            raise CliError(f"cannot write {path}: {error.strerror}") from None
        unformatted += result.changed
        verb = ("would reformat" if check else "reformatted") if result.changed else "already formatted:"
        click.echo(f"{verb} {path}", err=True)
    sys.exit(1 if check and unformatted else 0)


@click.command(name="diff")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@format_option
def diff_command(old: Path, new: Path, output_format: str) -> None:
    """What an edit changes: organisations, events and sources added, removed or changed.

    Both files must be free of errors (run `genealogy validate` first). Exits 0 either way.

    \b
    Examples:
      genealogy diff old/orgs.yaml data/orgs.yaml
      git show main:data/orgs.yaml > /tmp/main.yaml && genealogy diff /tmp/main.yaml data/orgs.yaml
    """
    from genealogy.lineage.changes import compare, describe
    from genealogy.record.validate import load

    difference = compare(load(old), load(new))
    if output_format == "json":
        emit_json(difference.as_dict())
    else:
        click.echo(describe(difference))
