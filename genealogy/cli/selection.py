"""The options that choose part of a record for a chart or an export, and where output goes."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from genealogy.cli.common import COUNTRY_HELP, complete_organisation, country_value, resolve, sides
from genealogy.vocabulary import KINDS

if TYPE_CHECKING:
    from genealogy.lineage.selection import SelectionOptions
    from genealogy.model import Genealogy

SELECTION = (
    click.option("--focus", multiple=True, metavar="NAME", shell_complete=complete_organisation,
                 help="Only this organisation and its kin (repeatable)."),
    click.option("--ancestors", is_flag=True, help="With --focus: ancestors (alone: ancestors only)."),
    click.option("--descendants", is_flag=True, help="With --focus: descendants (alone: descendants only)."),
    click.option("--both", is_flag=True, help="With --focus: both (the default, as is giving the two flags)."),
    click.option("--depth", type=click.IntRange(min=1), help="With --focus: follow at most N links."),
    click.option("--from", "year_from", type=int, metavar="YEAR", help="Only organisations existing in or after YEAR."),
    click.option("--to", "year_to", type=int, metavar="YEAR", help="Only organisations founded in or before YEAR."),
    click.option("--country", metavar="COUNTRY", callback=country_value, help=COUNTRY_HELP),
    click.option("--kind", type=click.Choice(KINDS), help="Only organisations of this kind."),
    click.option("--affiliations", is_flag=True, help="Also include affiliations of sections to internationals."),
    click.option("--title", help="Title (default: the record's title)."),
)  # fmt: skip


def selection_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(SELECTION):
        command = option(command)
    return command


def selection_of(genealogy: Genealogy, selection: dict[str, Any]) -> SelectionOptions:
    """SelectionOptions from the command line's selection options; names resolved in the record."""
    from genealogy.lineage.selection import SelectionOptions

    up, down = sides(selection["ancestors"], selection["descendants"], selection["both"])
    return SelectionOptions(
        focus=tuple(resolve(genealogy, name).id for name in selection["focus"]),
        ancestors=up, descendants=down,
        depth=selection["depth"], year_from=selection["year_from"], year_to=selection["year_to"],
        country=selection["country"], kind=selection["kind"], affiliations=selection["affiliations"],
        title=selection["title"],
    )  # fmt: skip


def output_path(output: Path | None, output_format: str | None, choices: tuple[str, ...]) -> tuple[Path, str]:
    """The file and format: the format follows -o's suffix unless given; default output/genealogy.FORMAT."""
    if output_format is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        output_format = suffix if suffix in choices else choices[0]
    return output or Path("output") / f"genealogy.{output_format}", output_format


def write(output: Path, data: bytes, protect: Path) -> None:
    from genealogy.chart.render import write_output

    if str(output) == "-":
        sys.stdout.buffer.write(data)
        return
    write_output(output, data, protect=protect)
    click.echo(f"wrote {output} ({len(data):,} bytes)", err=True)
