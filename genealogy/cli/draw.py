"""The command that draws charts: render."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from genealogy.chart.dot import ChartOptions
    from genealogy.model import Genealogy
    from genealogy.record.cache import Derived

from genealogy.cli.common import data_option, record_path
from genealogy.cli.selection import output_path, selection_of, selection_options, selection_slug, write, write_drawn

CHART_FORMATS = ("svg", "pdf", "png", "dot", "html")
PAPERS = ("A4", "A3", "A2", "A1", "A0", "letter", "tabloid")  # as in chart/paper.py, without importing it
LAYOUTS = ("tree", "timeline")


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
    "--layout",
    "chart_layout",
    type=click.Choice(LAYOUTS),
    default="tree",
    show_default=True,
    help="tree: a family tree on a year axis; timeline: a lifeline per organisation on a proportional time axis "
    "(html: the layout the page opens on).",
)
@click.option(
    "--direction",
    type=click.Choice(["TB", "LR"]),
    help="Time runs down (TB) or across (LR); default TB for the tree, LR for the timeline.",
)
@click.option(
    "--page",
    type=click.Choice(PAPERS),
    help="Fit the chart on this paper (text no smaller than 6 pt); too big for one page, a poster of several.",
)
@click.option("--landscape", is_flag=True, help="With --page: the paper turned sideways.")
@click.option(
    "--compact/--roomy",
    default=None,
    help="Timeline lanes: compact (6 pt names over thin bars, close together, as on a wall chart) or roomy. "
    "Default: roomy, or compact where --page fits it on fewer pages.",
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
    chart_layout: str,
    direction: str | None,
    page: str | None,
    landscape: bool,
    compact: bool | None,
    timeout: float,
    **selection: Any,
) -> None:
    """Draw the record as a family tree on a time axis: SVG, PDF, PNG, DOT, or an HTML explorer.

    Time runs down the page, each organisation at its founding year; every kind of event has its
    own line style, explained in the legend on the chart. `--format html` makes one offline page
    with both layouts and a switch between them, pan and zoom, search, lineage highlighting,
    details and a year filter; it opens on the timeline above 150 organisations, on the tree
    otherwise, or on the `--layout` given (above 2,000 it holds only that one chart).
    `--layout timeline` draws each organisation as a lifeline from its founding to its end on an
    axis where every year has the same length, with splits, mergers and entries at their dates
    (`--from/--to` also clip its axis). `--page A1 --landscape` fits either
    layout on that paper, or makes a poster of several pages where text would
    shrink under 6 pt. Output is written atomically.

    \b
    Examples:
      genealogy render                                   # output/genealogy.svg
      genealogy render -o output/genealogy.pdf
      genealogy render -o output/explorer.html
      genealogy render --focus IMT --ancestors -o output/imt.svg
      genealogy render --from 1938 --to 1970 --affiliations --group-by international
      genealogy render --layout timeline --focus IMT --ancestors -o output/imt-timeline.png
      genealogy render --layout timeline --page A1 --landscape -o output/timeline.pdf
    """
    from genealogy.chart.render import choose_engine
    from genealogy.record.cache import derived

    # A part, or the other layout, gets a file of its own: it never silently replaces the whole tree.
    slug = "-".join(
        part for part in ("timeline" if chart_layout == "timeline" else "", selection_slug(selection)) if part
    )
    named = Path("output") / f"genealogy-{slug}.{output_format or 'svg'}" if slug and output is None else None
    output, output_format = output_path(output, output_format, CHART_FORMATS, {"htm": "html", "gv": "dot"}, named)
    path = record_path(ctx, data_path)
    if page and output_format in ("dot", "html"):
        raise click.UsageError(f"--page draws SVG, PDF or PNG, not {output_format}")
    if landscape and not page:
        raise click.UsageError("--landscape turns the paper of --page; give --page too")
    if compact is not None and chart_layout != "timeline" and output_format != "html":
        raise click.UsageError("--compact and --roomy set the timeline's lanes; add --layout timeline")
    paper = (page, landscape) if page else None
    if output_format == "html":  # both layouts, unless the record is too large for the tree
        explicit = ctx.get_parameter_source("chart_layout") is not click.core.ParameterSource.DEFAULT
        layout = chart_layout if explicit else None
        _explorer(path, output, engine, timeout, selection, group_by, direction, layout, bool(compact))
        return
    if chart_layout == "timeline":
        if group_by != "none":
            raise click.UsageError("--group-by draws clusters on the tree layout only; use --layout tree")
        _timeline(path, output, output_format, engine, timeout, selection, direction or "LR", paper, compact)
        return
    direction = direction or "TB"
    # The WebAssembly Graphviz has no HTML-like labels: it gets plain-text ones.
    rich = output_format == "dot" or choose_engine(engine, output_format) == "system"
    request = f"dot {sorted(selection.items())!r} {group_by} {direction} {rich}"

    def options_for(genealogy: Genealogy) -> ChartOptions:
        from dataclasses import asdict

        from genealogy.chart.dot import ChartOptions

        chosen = asdict(selection_of(genealogy, selection))
        return ChartOptions(**chosen, group_by=group_by, direction=direction, rich_labels=rich)

    def chart(genealogy: Genealogy) -> str:
        from genealogy.chart.dot import to_dot

        return to_dot(genealogy, options_for(genealogy))

    _draw(derived(path, request, chart), output, output_format, engine, timeout, "dot", paper, path)


def _explorer(
    path: Path,
    output: Path,
    engine: str,
    timeout: float,
    selection: dict[str, Any],
    group_by: str,
    direction: str | None,
    layout: str | None,
    compact: bool,
) -> None:
    """The explorer page: the tree and the timeline of the selection, drawn by two Graphviz runs at once."""
    from concurrent.futures import ThreadPoolExecutor
    from dataclasses import asdict

    from genealogy.chart import dot, timeline_dot
    from genealogy.chart.html import explorer, plan
    from genealogy.chart.render import choose_engine, render
    from genealogy.chart.timeline import TimelineOptions
    from genealogy.record.cache import load_cached

    genealogy = load_cached(path)
    chosen = asdict(selection_of(genealogy, selection))
    rich = choose_engine(engine, "svg") == "system"  # the WebAssembly Graphviz has no HTML-like labels
    tree = dot.ChartOptions(**chosen, group_by=group_by, direction=direction or "TB", rich_labels=rich)
    picked = dot.select(genealogy, tree)
    shown, layouts = plan(len(picked.organisations), layout)

    def draw(name: str) -> str:
        if name == "tree":
            source, how = dot.to_dot(genealogy, tree), "dot"
        else:
            options = TimelineOptions(**chosen, direction=direction or "LR", compact=compact)
            source, how = timeline_dot.to_dot(genealogy, options), "nop2"
        return render(source, "svg", engine, timeout, _slow_notice(how), layout=how).decode("utf-8")

    with ThreadPoolExecutor(len(layouts)) as pool:
        charts = dict(zip(layouts, pool.map(draw, layouts), strict=True))
    write(output, explorer(genealogy, picked, charts, shown).encode("utf-8"), protect=path)


def _timeline(
    path: Path,
    output: Path,
    output_format: str,
    engine: str,
    timeout: float,
    selection: dict[str, Any],
    direction: str,
    paper: tuple[str, bool] | None,
    compact: bool | None,
) -> None:
    """The timeline layout: the same DOT for every engine (it needs no HTML-like labels), drawn by nop2.

    Unless told, roomy lanes; on paper, compact ones where the roomy chart takes more than one
    page and the compact one fewer pages than that.
    """
    import datetime

    from genealogy.record.cache import derived

    def source(lanes_compact: bool) -> Derived:
        """The DOT, cached; compact lanes on paper have their axis fitted to it."""

        def chart(genealogy: Any) -> Iterable[str]:
            from dataclasses import asdict

            from genealogy.chart.timeline import TimelineOptions, layout
            from genealogy.chart.timeline_dot import dot_pieces

            chosen = asdict(selection_of(genealogy, selection))
            options = TimelineOptions(**chosen, direction=direction, compact=lanes_compact)
            if lanes_compact and paper is not None:
                from genealogy.chart.fit import fitted_dot

                return fitted_dot(genealogy, options, *paper)
            return dot_pieces(genealogy, layout(genealogy, options))  # laid out now, drawn as Graphviz reads

        # The present year is part of the request: a chart cached last year ran its lines to last year.
        fitted = paper if lanes_compact else None
        when = datetime.date.today().year
        request = f"timeline {sorted(selection.items())!r} {direction} {when} {lanes_compact} {fitted}"
        return derived(path, request, chart)

    from genealogy.chart.geometry import geometry

    if paper is None:  # the record read while Graphviz starts up (see render.run)
        _draw(lambda: source(bool(compact)), output, output_format, engine, timeout, "nop2", paper, path)
        return
    from genealogy.chart.paper import sheet_for

    chosen = source(bool(compact)).text()
    if compact is None and (roomy_pages := sheet_for(chosen, *paper, geometry(direction).smallest).pages) > 1:
        tight = source(True).text()
        if sheet_for(tight, *paper, geometry(direction, compact=True).smallest).pages < roomy_pages:
            chosen, compact = tight, True
    note = " in compact lanes" if compact else ""
    smallest = geometry(direction, bool(compact)).smallest
    _draw(chosen, output, output_format, engine, timeout, "nop2", paper, path, note, smallest)


def _draw(
    source: str | Derived | Callable[[], Derived],
    output: Path,
    output_format: str,
    engine: str,
    timeout: float,
    layout: str,
    paper: tuple[str, bool] | None,
    protect: Path,
    note: str = "",
    smallest: float | None = None,
) -> None:
    """Run Graphviz and write the chart; on paper, each page of a poster to its own file (NAME-1.pdf, ...)."""
    from genealogy.chart.render import render, render_pages
    from genealogy.record.cache import Derived

    if paper is None:
        # A chart still being made is fed to Graphviz as it comes, and saved while Graphviz draws.
        made, then = (source.pieces, source.save) if isinstance(source, Derived) else (source, None)
        notice = _slow_notice(layout)
        write_drawn(
            output, lambda into: render(made, output_format, engine, timeout, notice, layout, into, then), protect
        )
        return
    if callable(source):
        source = source()
    if not isinstance(source, str):
        source = source.text()
    sheet, pages = render_pages(source, output_format, *paper, engine, timeout, _slow_notice(layout), layout, smallest)
    if len(pages) > 1 and str(output) == "-":
        raise click.UsageError(f"the chart is {sheet.describe()}; write them to files (-o NAME.{output_format})")
    click.echo(f"genealogy: on {paper[0]}{' landscape' if paper[1] else ''}: {sheet.describe()}{note}", err=True)
    if len(pages) == 1:
        write(output, pages[0], protect=protect)
        return
    for number, data in enumerate(pages, 1):
        write(output.with_name(f"{output.stem}-{number}{output.suffix}"), data, protect=protect)


def _still_drawing(seconds: float) -> None:
    """What a tree's slow layout (Graphviz's dot placing every box) says; the timeline is placed by us."""
    click.echo(
        f"genealogy: Graphviz is still drawing after {seconds:g} s; a family tree of hundreds of organisations "
        "can take minutes (--layout timeline draws in seconds; --focus, --from/--to or --country draw a part; "
        "--timeout limits the wait)",
        err=True,
    )


def _still_drawing_timeline(seconds: float) -> None:
    click.echo(
        f"genealogy: Graphviz is still drawing after {seconds:g} s; a timeline of tens of thousands of "
        "organisations takes a while (--focus, --from/--to or --country draw a part; --timeout limits the wait)",
        err=True,
    )


def _slow_notice(layout: str) -> Callable[[float], None]:
    return _still_drawing if layout == "dot" else _still_drawing_timeline
