"""The options that choose part of a record for a chart or an export, and where output goes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

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


def selection_slug(selection: dict[str, Any]) -> str:
    """What a selection chose, for a file name: "imt-ancestors", "gb-youth", "1938-1970"."""
    import re
    import unicodedata

    def fold(text: str) -> str:  # not lineage.queries.fold: a cached chart must not import the model
        return unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()

    parts = [*selection.get("focus", ())]
    if parts and selection["ancestors"] != selection["descendants"] and not selection["both"]:
        parts.append("ancestors" if selection["ancestors"] else "descendants")
    if parts and selection.get("depth"):
        parts.append(f"depth-{selection['depth']}")
    parts += [selection.get("country") or "", selection.get("kind") or ""]
    start, end = selection.get("year_from"), selection.get("year_to")
    if start is not None or end is not None:
        parts.append(
            f"{start}-{end}"
            if start is not None and end is not None
            else f"from-{start}"
            if end is None
            else f"to-{end}"
        )
    return "-".join(slug for part in parts if (slug := re.sub(r"[^a-z0-9]+", "-", fold(str(part))).strip("-")))


def output_path(
    output: Path | None,
    output_format: str | None,
    choices: tuple[str, ...],
    suffixes: dict[str, str] | None = None,
    default: Path | None = None,
) -> tuple[Path, str]:
    """The file and format. The format follows -o's suffix unless given (an unknown suffix is a
    usage error, not a file of some other format); else the first choice. Without -o, `default`
    or output/genealogy.FORMAT."""
    if output_format is None:
        given = output.suffix if output and str(output) != "-" else ""
        suffix = given.lower().lstrip(".")
        known = {**{c: c for c in choices}, **(suffixes or {})}
        if suffix and suffix not in known:
            listed = ", ".join(f".{s}" for s in known)
            raise click.BadParameter(
                f"{given!r} is not a suffix this command writes ({listed}); "
                "give --format, or a file name with one of those suffixes",
                param_hint="'-o' / '--output'",
            )
        output_format = known.get(suffix, choices[0])
    return output or default or Path("output") / f"genealogy.{output_format}", output_format


def write(output: Path, data: bytes, protect: Path) -> None:
    """Write to stdout ("-") or a file; a missing folder is an error unless it is the default output/."""
    from genealogy.chart.render import write_output

    if str(output) == "-":
        sys.stdout.buffer.write(data)
        return
    _check_folder(output)
    write_output(output, data, protect=protect)
    click.echo(f"wrote {output} ({len(data):,} bytes)", err=True)


COPY_BYTES = 1 << 20  # a chart drawn into a temporary file is copied into place this much at a time


def write_drawn(output: Path, draw: Callable[[BinaryIO], object], protect: Path) -> None:
    """`write` for a chart drawn into a file (`draw(file)`; Graphviz writes there itself), so the
    chart is never in memory whole. A file is drawn into the temporary that then replaces it
    (without a name until then: a killed render leaves nothing behind); standard output, a FIFO
    or a terminal get the chart only once it is whole, from an anonymous temporary file copied
    a megabyte at a time."""
    from genealogy.chart.render import output_file, written_through

    if str(output) != "-" and not written_through(output):
        # Drawn in place: copying the Linux sheet's 1 MB SVG took 1-3 ms of the render, the
        # 78 MB of 50,000 organisations far more.
        _check_folder(output)
        with output_file(output, protect=protect, unnamed=True) as out:
            draw(out)
            size = out.tell()
        click.echo(f"wrote {output} ({size:,} bytes)", err=True)
        return
    with _anonymous_file() as drawn:
        draw(drawn)
        size = drawn.tell()
        drawn.seek(0)
        if str(output) == "-":
            _copy(drawn, sys.stdout.buffer)
            return
        _check_folder(output)
        with output_file(output, protect=protect) as out:
            _copy(drawn, out)
    click.echo(f"wrote {output} ({size:,} bytes)", err=True)


def _anonymous_file() -> BinaryIO:
    """An unnamed temporary file, as tempfile.TemporaryFile makes on Linux (O_TMPFILE), without
    importing tempfile, which imports shutil, which loads zlib, bz2 and lzma (1.8 MB and some 2 ms
    of every render's start); tempfile itself where that is not possible."""
    flag = getattr(os, "O_TMPFILE", None)
    folder = os.environ.get("TMPDIR") or "/tmp"
    if flag is not None:
        try:
            return os.fdopen(os.open(folder, flag | os.O_RDWR | os.O_EXCL, 0o600), "w+b")
        except OSError:  # a file system without unnamed files, or no such folder
            pass
    import tempfile

    return tempfile.TemporaryFile(prefix="genealogy-")


def _copy(source: BinaryIO, target: BinaryIO) -> None:
    while chunk := source.read(COPY_BYTES):
        target.write(chunk)


def _check_folder(output: Path) -> None:
    from genealogy.cli.common import CliError

    folder = output.parent
    if not folder.exists() and folder != Path("output"):
        raise CliError(f"no such folder: {folder} (for -o {output}); create it first or choose another -o")
