"""`stancekg query` and `stancekg queries`: the query library and any read-only SPARQL."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kg.cli.common import store_from
from kg.sparql.library import load_queries
from kg.sparql.present import footer, to_text
from kg.sparql.runner import Limits, QueryRefused, Streamed, named_query, stream_answer, stream_named

FORMATS = ("table", "csv", "tsv", "json", "sparql-json")
# what the worker writes for each format: the W3C results formats as they are, TSV for table and json
# (read here without rdflib terms); CONSTRUCT and DESCRIBE come as Turtle whatever the format
WORKER_FORMATS = {"csv": "csv", "tsv": "tsv", "sparql-json": "json", "table": "tsv", "json": "tsv"}
GRAPH_FORMS = ("CONSTRUCT", "DESCRIBE")


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, eq, value = pair.partition("=")
        if not eq or not key.strip():
            raise click.BadParameter(f"'{pair}': write KEY=VALUE, e.g. actor='Elon Musk'", param_hint="--param")
        params[key.strip()] = value.strip()
    return params


def _pass_on(answer: Streamed) -> None:
    """The answer, written by Oxigraph in the worker, to stdout as it comes."""
    out = click.get_binary_stream("stdout")
    try:
        for chunk in answer:
            out.write(chunk)
        out.flush()
    except BrokenPipeError:  # the reader stopped reading (`| head`): stop too, quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)


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
        matrix = None
        if name:
            named = named_query(name)
            if value is not None:
                first = next((p for p in named.params if p.name not in params), None)
                if first is None:
                    raise QueryRefused(f"'{name}' takes no further parameter for '{value}'")
                params[first.name] = value
            notes: list[str] = []
            answer = stream_named(store, name, params, table=WORKER_FORMATS[fmt], limits=limits, notes=notes)
            for note in notes:  # a partial name, and which entity it was read as
                click.echo(f"note: {note}", err=True)
            matrix = named.pivot if use_pivot else None
        else:
            if params or value is not None:
                raise click.UsageError("--param belongs to named queries; bind your own with VALUES")
            own = text if text is not None else file.read_text(encoding="utf-8")
            answer = stream_answer(store, own, table=WORKER_FORMATS[fmt], limits=limits)
        _show(answer, fmt, matrix, max_rows)
    except QueryRefused as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    finally:
        if store is not None:
            store.close()  # and its query workers
    if answer.truncated and fmt != "table":
        click.echo(f"warning: results cut at {max_rows} (raise --max-rows, or narrow the query)", err=True)


def _show(answer: Streamed, fmt: str, matrix: tuple[str, str, str] | None, max_rows: int) -> None:
    """The answer on stdout: the W3C formats and graphs (Turtle) as the worker wrote them, a graph's
    table with its size in a Turtle comment after; a table or plain JSON made from TSV."""
    if fmt in ("table", "json") and answer.form not in GRAPH_FORMS:
        click.echo(to_text(answer, fmt, matrix, max_rows))
        return
    _pass_on(answer)
    if fmt == "table" and answer.form in GRAPH_FORMS:
        cut = max_rows if answer.truncated else None
        click.echo("\n".join("# " + line for line in footer(answer.rows, "triple", answer.elapsed_s, cut)))


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
