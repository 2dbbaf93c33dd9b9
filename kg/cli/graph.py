"""`stancekg build`, `validate` and `export`: the graph made from the curated files, checked and written out."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.build.summary import format_summary, summarise
from kg.check.validation import validate as check
from kg.cli.common import build_or_fail, data_dir, store_from
from kg.curation.problems import errors
from kg.store import StoreError, rdfio
from kg.store.files import atomic_write

DEFAULT_OUT = Path("build") / "ai-stance-kg.trig"


@click.command()
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Where to write the built dataset (format from the suffix).")
@click.pass_context
def build(ctx: click.Context, out: Path) -> None:
    """Build the graph from the curated files and print a summary."""
    result = build_or_fail(ctx)
    rdfio.dump(result.dataset, out)
    click.echo(format_summary(summarise(result)))
    click.echo(f"wrote {out}")


@click.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--no-reasoner", is_flag=True, help="Skip the HermiT consistency check.")
@click.pass_context
def validate(ctx: click.Context, files: tuple[Path, ...], no_reasoner: bool) -> None:
    """Check curated files: structure, references, quotes, SHACL shapes and the reasoner.

    FILES are source files (default: every file under the data folder's sources/).
    """
    result = check(data_dir(ctx), list(files) if files else None, reasoner=not no_reasoner)
    problems = result.problems
    for note in result.notes:
        click.echo(f"warning: {note}", err=True)
    for p in problems:
        click.echo(str(p), err=not p.severity == "warning")
    n_err = len(errors(problems))
    files = f"{result.sources} source file{'s' if result.sources != 1 else ''}" if result.sources else "no source file"
    if n_err:
        where = f"in {files}" if result.sources else "(no source file was read: see the errors above)"
        click.echo(f"{n_err} error{'s' if n_err != 1 else ''} {where}.", err=True)
        sys.exit(1)
    click.echo(f"ok: {files}, {result.statements} statements, no errors ({len(problems)} warnings).")


@click.command()
@click.option("-f", "--format", "fmt", default="turtle", show_default=True,
              type=click.Choice(sorted(set(rdfio.FORMATS) | set(rdfio.ALIASES)), case_sensitive=False),
              help="turtle, json-ld, nt, xml, trig or nquads.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically) instead of standard output.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Write the graph the store holds in a standard RDF format (Turtle to standard output by default)."""
    try:
        data = store_from(ctx).export(rdfio.get_format(fmt).name)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if output:
        atomic_write(output, data)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(data.decode("utf-8"), nl=False)
