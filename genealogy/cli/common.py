"""What every command shares: the error type, the common options, loading and resolving.

Library errors become `CliError` in one place, `errors_as_exit_codes`, which the group applies
to every command; a command only parses, calls the library and prints.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from genealogy.errors import AmbiguousNameError, GenealogyError
from genealogy.record.files import default_data_path

if TYPE_CHECKING:
    from genealogy.lineage.graph import LineageGraph
    from genealogy.model import Genealogy, Organisation

FORMATS = click.Choice(["text", "json"])


class CliError(click.ClickException):
    """A one-line error on stderr, exit 1."""

    def show(self, file: Any = None) -> None:
        label = click.style("error:", fg="red", bold=True)
        click.echo(f"genealogy: {label} {self.message}", err=True)


class AmbiguousError(CliError):
    """A name that fits several organisations: the user must choose, as with a usage error (exit 2)."""

    exit_code = 2


@contextlib.contextmanager
def errors_as_exit_codes() -> Iterator[None]:
    """A library error is one line and exit 1; an ambiguous name is a usage problem, exit 2."""
    try:
        yield
    except AmbiguousNameError as error:
        raise AmbiguousError(str(error)) from None
    except GenealogyError as error:
        raise CliError(str(error)) from None


def data_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--data",
        "data_path",
        type=click.Path(path_type=Path),
        default=None,
        help="Data file (default: $GENEALOGY_DATA or the bundled data/orgs.yaml).",
    )(command)


def format_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format", "output_format", type=FORMATS, default="text", show_default=True, help="Output format."
    )(command)


def record_path(ctx: click.Context, given: Path | None) -> Path:
    """--data after the command, else before it (or $GENEALOGY_DATA), else the bundled record."""
    return given or ctx.obj.get("data") or default_data_path()


def sides(ancestors: bool, descendants: bool, both: bool = False) -> tuple[bool, bool]:
    """Which way to walk: one flag alone means that side only; none, both or --both mean both."""
    if both or ancestors == descendants:
        return True, True
    return ancestors, descendants


def load(ctx: click.Context, given: Path | None) -> Genealogy:
    from genealogy.record.cache import load_cached

    return load_cached(record_path(ctx, given))


def graph_of(genealogy: Genealogy) -> LineageGraph:
    from genealogy.lineage.graph import LineageGraph

    return LineageGraph(genealogy)


def resolve(genealogy: Genealogy, name: str) -> Organisation:
    from genealogy.lineage.queries import resolve as resolve_name

    return resolve_name(genealogy, name)


def emit_json(data: object) -> None:
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False))
