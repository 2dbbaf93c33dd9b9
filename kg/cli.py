"""The `stancekg` command: thin wrappers over the library, one function per command."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kg import builder, rdfio
from kg.files import atomic_write
from kg.problems import CurationError, Problem, errors

DATA_ENV = "STANCEKG_DATA"
DEFAULT_OUT = Path("build") / "ai-stance-kg.trig"


def _data_dir(ctx: click.Context) -> Path:
    return ctx.obj["data"]


def _fail(problems: list[Problem]) -> None:
    for p in problems:
        click.echo(str(p), err=True)
    n = len(errors(problems))
    click.echo(f"{n} error{'s' if n != 1 else ''}; nothing was written.", err=True)
    sys.exit(1)


def _build(ctx: click.Context) -> builder.Build:
    try:
        build = builder.build(_data_dir(ctx))
    except CurationError as exc:
        _fail(exc.problems)
    for p in build.corpus.problems:  # warnings only, by now
        click.echo(str(p), err=True)
    return build


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data", type=click.Path(file_okay=False, path_type=Path),
              default=lambda: os.environ.get(DATA_ENV) or builder.DEFAULT_DATA_DIR,
              show_default=f"${DATA_ENV} or the packaged kg/data",
              help="Folder with actors.yaml, topics.yaml, things.yaml and sources/.")
@click.option("--store", "store_spec", envvar="STANCEKG_STORE", default=None,
              help="Where the graph lives: oxigraph (in memory, the default), oxigraph:DIR, memory, "
                   "sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]]; else $STANCEKG_STORE, else stancekg.toml.")
@click.version_option(package_name="ai-stance-kg")
@click.pass_context
def main(ctx: click.Context, data: Path, store_spec: str | None) -> None:
    """ai-stance-kg: who stands where on AI safety, with every statement's source."""
    ctx.ensure_object(dict)
    ctx.obj["data"] = Path(data)
    ctx.obj["store"] = store_spec


def store_from(ctx: click.Context):
    """The store the command line names, filled from the curated data when empty (bad data or an
    unreachable store end the command with the reason, not a traceback)."""
    from kg.store import StoreError, connect

    try:
        return connect(ctx.obj.get("store"), ctx.obj["data"])
    except CurationError as exc:
        _fail(exc.problems)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


@main.command()
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Where to write the built dataset (format from the suffix).")
@click.pass_context
def build(ctx: click.Context, out: Path) -> None:
    """Build the graph from the curated files and print a summary."""
    from kg.summary import format_summary, summarise

    result = _build(ctx)
    rdfio.dump(result.dataset, out)
    click.echo(format_summary(summarise(result)))
    click.echo(f"wrote {out}")


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--no-reasoner", is_flag=True, help="Skip the HermiT consistency check.")
@click.pass_context
def validate(ctx: click.Context, files: tuple[Path, ...], no_reasoner: bool) -> None:
    """Check curated files: structure, references, quotes, SHACL shapes and the reasoner.

    FILES are source files (default: every file under the data folder's sources/).
    """
    from kg.validation import validate as check

    result = check(_data_dir(ctx), list(files) if files else None, reasoner=not no_reasoner)
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


@main.command()
@click.option("-f", "--format", "fmt", default="turtle", show_default=True,
              type=click.Choice(sorted(set(rdfio.FORMATS) | set(rdfio.ALIASES)), case_sensitive=False),
              help="turtle, json-ld, nt, xml, trig or nquads.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically) instead of standard output.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Write the graph the store holds in a standard RDF format (Turtle to standard output by default)."""
    from kg.store import StoreError

    try:
        data = store_from(ctx).export(rdfio.get_format(fmt).name)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    if output:
        atomic_write(output, data)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(data.decode("utf-8"), nl=False)


# Commands that live in their own modules register themselves on `main` when imported.
from kg import cli_bundle, cli_curation, cli_query, cli_store  # noqa: E402,F401

if __name__ == "__main__":
    main()
