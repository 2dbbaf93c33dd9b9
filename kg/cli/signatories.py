"""`stancekg import-signatories`: a joint statement's signatory list (CSV) into the curated files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.curation.problems import errors
from kg.curation.signatory_import import COLUMNS, import_signatories


@click.command("import-signatories")
@click.argument("source_id", metavar="SOURCE-ID")
@click.argument("csv_file", metavar="CSV", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def import_command(ctx: click.Context, source_id: str, csv_file: Path) -> None:
    """Import the signatories of joint statement SOURCE-ID from CSV (columns: name, wikidata,
    affiliation, date).

    Writes sources/SOURCE-ID.signatories.yaml and a copy of the CSV beside the letter; build the
    graph afterwards. Each line is matched to a known actor by Wikidata ID, else by name, or
    becomes a new person; duplicates and ambiguous names are errors, and then nothing is written.
    """
    result = import_signatories(ctx.obj["data"], source_id, csv_file)
    for p in sorted(result.problems):
        click.echo(str(p), err=True)
    n_err = len(errors(result.problems))
    if n_err:
        click.echo(
            f"{n_err} error{'s' if n_err != 1 else ''}; nothing was written (the columns are {', '.join(COLUMNS)}).",
            err=True,
        )
        sys.exit(1)
    for path in result.written:
        click.echo(f"wrote {path}")
    click.echo(
        f"{result.matched + result.new} signatories: {result.matched} known actors, "
        f"{result.new} new people. Next: stancekg build"
    )
