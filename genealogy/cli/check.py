"""Commands that check a record: validate, schema."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from genealogy.cli.common import data_option, emit_json, record_path


@click.command()
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
@data_option
@click.pass_context
def validate(
    ctx: click.Context, paths: tuple[Path, ...], output_format: str, strict: bool, data_path: Path | None
) -> None:
    """Check data files and report every problem, sorted by position.

    Without PATHS, the record of --data (before or after the command), $GENEALOGY_DATA or the
    bundled one. Exits 0 when there are no errors (and, with --strict, no warnings), 1 otherwise.
    Notices (e.g. weak-source: a record that cites only encyclopedias) are reported but never fail.

    \b
    Examples:
      genealogy validate data/orgs.yaml
      genealogy validate --strict --format json data/orgs.yaml
    """
    from genealogy.cli import present
    from genealogy.record.validate import check

    problems = []
    paths = paths or (record_path(ctx, data_path),)
    for path in paths:
        problems.extend(check(path).problems)
    if strict:  # warnings become errors; notices stay notices
        problems = [p._replace(severity="error") if p.severity == "warning" else p for p in problems]
    errors = sum(p.severity == "error" for p in problems)
    notices = sum(p.severity == "notice" for p in problems)
    warnings = len(problems) - errors - notices
    if output_format == "json":
        emit_json([p.as_dict() for p in problems])
    else:
        for item in problems:
            click.echo(item.format_github() if output_format == "github" else present.problem(item))
    if output_format == "text":
        checked = ", ".join(str(p) for p in paths)
        verdict = "ok" if not errors else "invalid"
        also = f", {notices} notice(s)" if notices else ""
        click.echo(f"{checked}: {verdict}: {errors} error(s), {warnings} warning(s){also}", err=True)
    sys.exit(1 if errors else 0)


@click.command()
def schema() -> None:
    """Print the JSON Schema of the data format (for editors and other tools).

    \b
    Example:
      genealogy schema > genealogy.schema.json
    """
    from genealogy.record.schema import SCHEMA_FILE

    click.echo(SCHEMA_FILE.read_text(encoding="utf-8"), nl=False)
