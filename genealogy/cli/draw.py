"""The command that draws charts: render."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from genealogy.chart.dot import ChartOptions
    from genealogy.model import Genealogy

from genealogy.cli.common import data_option, record_path
from genealogy.cli.selection import output_path, selection_of, selection_options, selection_slug, write

CHART_FORMATS = ("svg", "pdf", "png", "dot", "html")


@click.command()
@data_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="File to write (default output/genealogy.FORMAT; with a selection, output/genealogy-SELECTION.FORMAT).",
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
@selection_options
@click.option(
    "--group-by",
    type=click.Choice(["none", "international", "country"]),
    default="none",
    show_default=True,
    help="Draw clusters: by country, or each section inside the international it belonged to longest "
    "(affiliation to disaffiliation or its end, counted only while the international existed).",
)
@click.option(
    "--direction", type=click.Choice(["TB", "LR"]), default="TB", show_default=True, help="Time runs down or across."
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
    direction: str,
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
    from genealogy.chart.render import choose_engine
    from genealogy.chart.render import render as run_graphviz
    from genealogy.record.cache import derived_text, load_cached

    slug = selection_slug(selection)
    named = Path("output") / f"genealogy-{slug}.{output_format or 'svg'}" if slug and output is None else None
    output, output_format = output_path(output, output_format, CHART_FORMATS, {"htm": "html", "gv": "dot"}, named)
    path = record_path(ctx, data_path)
    # The WebAssembly Graphviz has no HTML-like labels: it gets plain-text ones.
    rich = (
        output_format == "dot" or choose_engine(engine, "svg" if output_format == "html" else output_format) == "system"
    )
    request = f"dot {sorted(selection.items())!r} {group_by} {direction} {rich}"

    def options_for(genealogy: Genealogy) -> ChartOptions:
        from dataclasses import asdict

        from genealogy.chart.dot import ChartOptions

        chosen = asdict(selection_of(genealogy, selection))
        return ChartOptions(**chosen, group_by=group_by, direction=direction, rich_labels=rich)

    def chart(genealogy: Genealogy) -> str:
        from genealogy.chart.dot import to_dot

        return to_dot(genealogy, options_for(genealogy))

    if output_format == "html":  # the page needs the record as well as the chart: load it once
        from genealogy.chart.dot import select, to_dot
        from genealogy.chart.html import explorer

        genealogy = load_cached(path)
        options = options_for(genealogy)
        svg = run_graphviz(to_dot(genealogy, options), "svg", engine, timeout, _still_drawing).decode("utf-8")
        data = explorer(genealogy, select(genealogy, options), svg).encode("utf-8")
    else:
        data = run_graphviz(derived_text(path, request, chart), output_format, engine, timeout, _still_drawing)
    write(output, data, protect=path)


def _still_drawing(seconds: float) -> None:
    click.echo(
        f"genealogy: Graphviz is still drawing after {seconds:g} s; a chart of thousands of organisations "
        "can take minutes (--focus, --from/--to or --country draw a part; --timeout limits the wait)",
        err=True,
    )
