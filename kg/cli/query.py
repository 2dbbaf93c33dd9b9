"""`stancekg query` and `stancekg queries`: the query library and any read-only SPARQL."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.common import store_from
from kg.sparql.library import load_queries
from kg.sparql.results import FORMATS, dumps, pivot
from kg.sparql.runner import (
    Limits,
    QueryRefused,
    answer_named,
    bind_params,
    named_query,
    run_answer,
    run_named,
    run_query,
)

# the W3C results formats the worker writes itself (CONSTRUCT and DESCRIBE come as Turtle)
WORKER_FORMATS = {"csv": "csv", "tsv": "tsv", "sparql-json": "json"}


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, eq, value = pair.partition("=")
        if not eq or not key.strip():
            raise click.BadParameter(f"'{pair}': write KEY=VALUE, e.g. actor='Elon Musk'", param_hint="--param")
        params[key.strip()] = value.strip()
    return params


@click.command()
@click.argument("name", required=False)
@click.argument("value", required=False)
@click.option("-p", "--param", "pairs", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the named query (repeatable): actor='Elon Musk', topic=id:ai-safety.")
@click.option("--sparql", "text", metavar="TEXT", help="Run this SPARQL instead of a named query.")
@click.option("--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Run the SPARQL in this file.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="csv, tsv and sparql-json are the W3C SPARQL 1.1 results formats; CONSTRUCT and "
                   "DESCRIBE results are always Turtle.")
@click.option("--timeout", type=click.FloatRange(min=0.01), default=Limits.timeout_s, show_default=True,
              help="Seconds a query may run before it is stopped.")
@click.option("--max-rows", type=click.IntRange(min=1), default=Limits.max_rows, show_default=True,
              help="Rows (or triples) returned at most; the output says when results were cut.")
@click.option("--pivot/--no-pivot", "use_pivot", default=True, show_default=True,
              help="Show a query that declares a pivot (stance-matrix) as a matrix in the table format.")
@click.pass_context
def query(ctx: click.Context, name: str | None, value: str | None, pairs: tuple[str, ...], text: str | None,
          file: Path | None, fmt: str, timeout: float, max_rows: int, use_pivot: bool) -> None:
    """Run a named query (`stancekg queries` lists them) or your own read-only SPARQL.

    A named query's one required parameter may follow its name: `stancekg query stances-of-actor
    musk`. Your own queries need not declare the project's prefixes (ask:, id:, rdfs:, skos:,
    prov:, schema:, dcterms:, oa:, xsd:...). Only SELECT, ASK, CONSTRUCT and DESCRIBE run; no
    SERVICE, LOAD, updates, FROM, or GRAPH on other graphs.
    """
    sources = [bool(name), text is not None, file is not None]
    if sum(sources) != 1:
        raise click.UsageError("give a query NAME, --sparql TEXT or --file F.rq (exactly one)")
    limits = Limits(timeout_s=timeout, max_rows=max_rows)
    params = _params(pairs)
    store = None
    try:
        store = store_from(ctx)
        matrix, answer, result = None, None, None
        if name:
            named = named_query(name)
            if value is not None:
                first = next((p for p in named.params if p.name not in params), None)
                if first is None:
                    raise QueryRefused(f"'{name}' takes no further parameter for '{value}'")
                params[first.name] = value
            notes: list[str] = []
            if fmt in WORKER_FORMATS:
                answer = answer_named(store, name, params, table=WORKER_FORMATS[fmt], limits=limits)
                bind_params(store, named, params, notes)
            else:
                result = run_named(store, name, params, limits=limits)
                notes = result.notes
            for note in notes:  # a partial name, and which entity it was read as
                click.echo(f"note: {note}", err=True)
            matrix = named.pivot
        else:
            if params or value is not None:
                raise click.UsageError("--param belongs to named queries; bind your own with VALUES")
            own = text if text is not None else file.read_text(encoding="utf-8")
            if fmt in WORKER_FORMATS:
                answer = run_answer(store, own, table=WORKER_FORMATS[fmt], limits=limits)
            else:
                result = run_query(store, own, limits=limits)
    except QueryRefused as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    finally:
        if store is not None:
            store.close()  # and its query workers
    if answer is not None:  # written by Oxigraph in the worker, passed on as it came
        click.get_binary_stream("stdout").write(answer.body)
        truncated = answer.truncated
    else:
        if matrix and use_pivot and fmt == "table" and result.form == "SELECT":
            result = pivot(result, *matrix)
        click.echo(dumps(result, fmt), nl=fmt == "table")
        truncated = result.truncated
    if truncated and fmt != "table":
        click.echo(f"warning: results cut at {max_rows} (raise --max-rows, or narrow the query)", err=True)


@click.command()
@click.option("-v", "--verbose", is_flag=True, help="Also show each query's description and parameters.")
def queries(verbose: bool) -> None:
    """List the named queries with their titles (and parameters)."""
    library = load_queries()
    width = max(len(n) for n in library)
    for name, q in library.items():
        params = " ".join(f"{p.name}=" if p.required else f"[{p.name}=]" for p in q.params)
        click.echo(f"{name:<{width}}  {q.title}" + (f"  ({params})" if params and not verbose else ""))
        if verbose:
            click.echo(click.wrap_text(q.description, initial_indent="    ", subsequent_indent="    ",
                                       width=100))
            for p in q.params:
                need = "required" if p.required else f"optional, default {p.default}" if p.default else "optional"
                click.echo(click.wrap_text(f"{p.name} ({p.kind}, {need}): {p.description}",
                                           initial_indent="    --param ", subsequent_indent="        ",
                                           width=100))
            click.echo("")
