"""`stancekg bundle` and `stancekg verify`: citable evidence bundles and their check."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.common import store_from
from kg.publish.bundle import BundleError, make_bundle
from kg.publish.bundle import verify as check
from kg.store.files import atomic_write


@click.command()
@click.argument("ident", metavar="ID")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the TriG to this file (atomically) instead of standard output.")
@click.pass_context
def bundle(ctx: click.Context, ident: str, output: Path | None) -> None:
    """Write the evidence for a statement, stance, disagreement, stance change or actor as a
    nanopublication (TriG) named by a Trusty URI, so that any change to it can be detected.

    \b
    Example:
      stancekg bundle harbor-daily-f01 -o f01.trig
      stancekg verify f01.trig
    """
    try:
        made = make_bundle(store_from(ctx), ident)
    except BundleError as exc:
        raise click.ClickException(str(exc)) from None
    if output:
        atomic_write(output, made.trig())
        click.echo(f"wrote {output}: {made.iri}", err=True)
    else:
        click.echo(made.trig(), nl=False)


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def verify(ctx: click.Context, file: Path) -> None:
    """Check a bundle: recompute its hash, and find every quote in the source text it names
    (the texts beside the curation files of --data)."""
    try:
        verdict = check(file, ctx.obj["data"])
    except BundleError as exc:
        raise click.ClickException(str(exc)) from None
    for problem in verdict.problems:
        click.echo(f"{file}: error: {problem}", err=True)
    if verdict.problems:
        click.echo(f"{file}: {len(verdict.problems)} problem(s); the bundle does not verify.", err=True)
        sys.exit(1)
    click.echo(f"ok: {verdict.iri}: the hash matches, and {verdict.quotes_checked} quote(s) are where "
               "the bundle says in their sources' texts.")
