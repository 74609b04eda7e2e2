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

from genealogy.errors import AmbiguousNameError, GenealogyError, InvalidDataError, LoadError
from genealogy.record.files import default_data_path

if TYPE_CHECKING:
    from genealogy.lineage.graph import LineageGraph
    from genealogy.model import Genealogy, Organisation

FORMATS = click.Choice(["text", "json"])


# Problems with the file itself rather than a place in it: said without a line and column.
FILE_CODES = ("not-found", "not-a-file", "unreadable", "too-large")


class CliError(click.ClickException):
    """A one-line error on stderr, exit 1.

    It reads "genealogy: error: MESSAGE", or with `located` the message alone, as it is already
    a GCC-style "path:line:col: error: ..." line: one prefix on every line. "error:" is red on
    a terminal, and never when NO_COLOR is set.
    """

    def __init__(self, message: str, located: bool = False) -> None:
        super().__init__(message)
        self.located = located

    def show(self, file: Any = None) -> None:
        import os

        plain = bool(os.environ.get("NO_COLOR"))
        if self.located:
            text = self.message
        else:
            label = "error:" if plain else click.style("error:", fg="red", bold=True)
            text = f"genealogy: {label} {self.message}"
        click.echo(text, err=True, color=False if plain else None)


def file_problem(path: str, message: str) -> str:
    """ "no such file: linux.yaml; check the path": what is wrong with a file, then the file."""
    what, _, hint = message.partition("; ")
    return f"{what}: {path}" + (f"; {hint}" if hint else "")


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
    except LoadError as error:
        problem = error.problem
        if problem.code in FILE_CODES:
            raise CliError(file_problem(problem.path, problem.message)) from None
        raise CliError(str(error), located=True) from None
    except InvalidDataError as error:
        raise CliError(str(error), located=True) from None
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


COUNTRY_HELP = "Only this country: an ISO code or a name (GB, gb, UK, Britain, United Kingdom), or 'international'."


def country_value(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--country as the record's code: a name or alias is translated; an unknown one is a usage error."""
    if value is None:
        return None
    from genealogy.record.countries import country_code, country_name, suggest_country

    code = country_code(value)
    if code is not None:
        return code
    guess = suggest_country(value)
    hint = f"did you mean {guess!r} ({country_name(guess)})?" if guess else "give an ISO 3166 code or a country name"
    raise click.BadParameter(f"unknown country {value!r}; {hint}", ctx, param)


def complete_organisation(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion for a NAME: the ids and abbreviations that start with what is typed.

    The record is the one the command line names (--data after or before the command, else
    $GENEALOGY_DATA, else the bundled one), read through the cache. Completion never fails: any
    error gives no suggestions rather than a traceback in the user's shell.
    """
    try:
        from click.shell_completion import CompletionItem

        from genealogy.lineage.queries import fold
        from genealogy.record.cache import load_cached

        given = None
        for context in (ctx, *_parents(ctx)):
            given = given or context.params.get("data_path") or context.params.get("data")
        genealogy = load_cached(given or default_data_path())
        wanted = fold(incomplete)
        items: dict[str, str] = {}
        for org in genealogy.organisations.values():
            if org.id.startswith(wanted):
                items.setdefault(org.id, org.label())
            if org.abbreviation and fold(org.abbreviation).startswith(wanted):
                items.setdefault(org.abbreviation, org.label())
        return [CompletionItem(value, help=label) for value, label in sorted(items.items())]
    except Exception:
        return []


def _parents(ctx: click.Context) -> Iterator[click.Context]:
    while ctx.parent is not None:
        ctx = ctx.parent
        yield ctx


def emit_json(data: object) -> None:
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False))
