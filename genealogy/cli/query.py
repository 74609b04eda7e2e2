"""Commands that answer questions about a record: show, lineage, list, search, common, stats."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from genealogy.cli.common import (
    COUNTRY_HELP,
    complete_organisation,
    country_value,
    data_option,
    emit_json,
    format_option,
    graph_of,
    load,
    resolve,
    sides,
)
from genealogy.vocabulary import KINDS

if TYPE_CHECKING:
    from genealogy.lineage.graph import Link
    from genealogy.model import Organisation


def _print_organisations(orgs: list[Organisation], output_format: str) -> None:
    from genealogy.cli import present
    from genealogy.lineage.queries import summary

    if output_format == "json":
        emit_json([summary(o) for o in orgs])
    else:
        click.echo(present.organisations(orgs))


@click.command()
@click.argument("name", shell_complete=complete_organisation)
@data_option
@format_option
@click.pass_context
def show(ctx: click.Context, name: str, data_path: Path | None, output_format: str) -> None:
    """Show one organisation: names, dates, parents, children, events and sources.

    NAME is matched exactly, in any case and with or without accents, against the ids, then the
    main names, the abbreviations, the dated names and the aliases: the first of these that
    matches decides. Several matches there list the candidates (exit 2); no match suggests close
    ones (exit 1).

    \b
    Examples:
      genealogy show fourth-international
      genealogy show "lanka sama samaja party" --format json
    """
    from genealogy.cli import present
    from genealogy.lineage.queries import details

    genealogy = load(ctx, data_path)
    org = resolve(genealogy, name)
    graph = graph_of(genealogy)
    if output_format == "json":
        emit_json(details(genealogy, graph, org))
    else:
        click.echo(present.record(genealogy, graph, org))


@click.command()
@click.argument("name", shell_complete=complete_organisation)
@click.option("--ancestors", is_flag=True, help="Predecessors (alone: predecessors only).")
@click.option("--descendants", is_flag=True, help="Successors (alone: successors only).")
@click.option("--both", is_flag=True, help="Both (the default, as is giving --ancestors and --descendants).")
@click.option("--depth", type=click.IntRange(min=1), default=None, help="Follow at most N links.")
@data_option
@format_option
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
    from genealogy.cli import present
    from genealogy.lineage.queries import lineage as lineage_json

    genealogy = load(ctx, data_path)
    org = resolve(genealogy, name)
    graph = graph_of(genealogy)
    up, down = sides(ancestors, descendants, both)
    if output_format == "json":
        before = graph.ancestors(org.id, depth, loops=True) if up else []
        after = graph.descendants(org.id, depth, loops=True) if down else []
        emit_json(lineage_json(org, before, after))
    else:
        click.echo(present.lineage(graph, org, up, down, depth))


@click.command(name="list")
@click.option("--active-in", type=int, metavar="YEAR", help="Only organisations that existed in YEAR.")
@click.option("--country", metavar="COUNTRY", callback=country_value, help=COUNTRY_HELP)
@click.option("--kind", type=click.Choice(KINDS))
@data_option
@format_option
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
    from genealogy.lineage.queries import filter_organisations

    _print_organisations(filter_organisations(load(ctx, data_path), active_in, country, kind), output_format)


@click.command()
@click.argument("text")
@data_option
@format_option
@click.pass_context
def search(ctx: click.Context, text: str, data_path: Path | None, output_format: str) -> None:
    """Find organisations whose id, name, abbreviation, dated name, alias or notes contain TEXT.

    Case and accents are ignored. Best matches first: the whole field, then its start, then a
    whole word, then any part; a match in the notes after every match in a name. Each row says
    which field matched (JSON: "matched": {"field", "text"}).

    \b
    Example:
      genealogy search "workers party"
    """
    from genealogy.cli import present
    from genealogy.lineage.queries import search as search_orgs
    from genealogy.lineage.queries import summary

    if not text.strip():
        raise click.UsageError("TEXT is empty; give part of a name, e.g. genealogy search militant")
    found = search_orgs(load(ctx, data_path), text)
    if output_format == "json":
        emit_json([{**summary(m.org), "matched": {"field": m.field, "text": m.text}} for m in found])
    else:
        click.echo(present.matches(found))


@click.command()
@click.argument("first", shell_complete=complete_organisation)
@click.argument("second", shell_complete=complete_organisation)
@data_option
@format_option
@click.pass_context
def common(ctx: click.Context, first: str, second: str, data_path: Path | None, output_format: str) -> None:
    """How two organisations are related: their nearest common ancestor(s) and the paths down.

    \b
    Example:
      genealogy common ICFI IMT
    """
    from genealogy.cli import present
    from genealogy.model import iso

    genealogy = load(ctx, data_path)
    a, b = resolve(genealogy, first), resolve(genealogy, second)
    graph = graph_of(genealogy)
    found = graph.common(a.id, b.id)
    if output_format == "json":

        def path(links: tuple[Link, ...]) -> list[dict[str, object]]:
            return [
                {
                    "from": x.parent,
                    "to": x.child,
                    "relation": x.relation,
                    "date": iso(x.event.date),
                }
                for x in links
            ]

        emit_json(
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


@click.command()
@data_option
@format_option
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="How many split-prone lineages.")
@click.option("--sources", "sources_only", is_flag=True, help="The bibliography by kind of source instead.")
@click.pass_context
def stats(ctx: click.Context, data_path: Path | None, output_format: str, top: int, sources_only: bool) -> None:
    """Counts by decade, kind, country and event type, and the most split-prone lineages.

    With --sources: the bibliography by kind (scholarly, archive, organisation, press,
    encyclopedia) and how many organisations and events cite more than encyclopedias.

    \b
    Examples:
      genealogy stats --top 5
      genealogy stats --sources
    """
    from genealogy.lineage.stats import describe, describe_sources, statistics

    numbers = statistics(load(ctx, data_path), top)
    if output_format == "json":
        emit_json(numbers["sources_by_kind"] if sources_only else numbers)
    else:
        click.echo(describe_sources(numbers) if sources_only else describe(numbers))
