"""`stancekg load`, `stancekg store` and `stancekg serve`: putting the graph in a store and serving it."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import click

from kg.cli.common import build_or_fail, store_from
from kg.serve.server import PATH, ServerSettings, server
from kg.sparql.pool import PoolSettings
from kg.sparql.runner import Limits
from kg.store import StoreError, configured_spec, open_store

IN_MEMORY = ("oxigraph", "memory")


def _open(ctx: click.Context):
    try:
        return open_store(ctx.obj.get("store"))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


@click.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Drop everything the store holds first.")
@click.pass_context
def load(ctx: click.Context, files: tuple[Path, ...], replace: bool) -> None:
    """Put the built graph, or RDF FILES, into the configured store (--store).

    Bulk and idempotent: every node is an IRI, so loading the same data twice adds nothing.
    FILES may be N-Quads, TriG, Turtle, N-Triples, RDF/XML or JSON-LD (by suffix); triple
    formats go to the default graph.
    """
    store = _open(ctx)
    if store.spec in IN_MEMORY:
        click.echo(f"note: '{store.spec}' lives in this process only and is gone when the command ends; "
                   "use --store oxigraph:DIR or a sparql: endpoint to keep it.", err=True)
    dataset = None if files else build_or_fail(ctx).dataset
    started = time.perf_counter()
    try:
        before = 0 if replace else len(store)
        if replace:
            store.clear()
        if files:
            for path in files:
                count = store.load_file(path)
        else:
            count = store.load(dataset)
    except (StoreError, SyntaxError, ValueError, OSError) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    click.echo(f"{store.spec}: {count:,} quads ({count - before:+,}) in {time.perf_counter() - started:.1f} s")


@click.command("store")
@click.pass_context
def store_info(ctx: click.Context) -> None:
    """Say which store is in use (and why) and how much it holds."""
    spec = configured_spec(ctx.obj.get("store"))
    store = _open(ctx)
    try:
        count = len(store)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    click.echo(f"store: {spec} ({type(store).__name__}, {'writable' if store.writable else 'read-only'})\n"
               f"quads: {count:,}")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; keep 127.0.0.1 unless a reverse proxy is in front.")
@click.option("--port", type=click.IntRange(0, 65535), default=7879, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.01), default=Limits.timeout_s, show_default=True,
              help="Seconds a query may run before it is stopped (HTTP 503).")
@click.option("--max-rows", type=click.IntRange(min=1), default=Limits.max_rows, show_default=True,
              help="Rows returned at most (a header says when results were cut).")
@click.option("--max-query-bytes", type=click.IntRange(min=100), default=Limits.max_query_bytes, show_default=True,
              help="Longest query text accepted.")
@click.option("--workers", type=click.IntRange(min=0), default=0, show_default="$STANCEKG_WORKERS, else one a core",
              help="Query worker processes: how many queries run at once.")
@click.option("--max-memory", "max_memory_mb", type=click.IntRange(min=16), default=PoolSettings.max_memory_mb,
              show_default=True, help="Megabytes one query may add to its worker before it is stopped.")
@click.option("--queue", "queue_limit", type=click.IntRange(min=0), default=PoolSettings.queue_limit,
              show_default=True, help="Queries that may wait for a free worker; beyond, HTTP 503 with Retry-After.")
@click.option("--client-timeout", type=click.FloatRange(min=0.1), default=ServerSettings.header_timeout_s,
              show_default=True, help="Seconds a client may take to send a request's headers, and again its body.")
@click.option("--cors/--no-cors", default=True, show_default=True,
              help="Let web pages on other origins (YASGUI) query it; the data is public and read-only.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, timeout: float, max_rows: int, max_query_bytes: int,
          workers: int, max_memory_mb: int, queue_limit: int, client_timeout: float, cors: bool) -> None:
    """Serve the graph read-only: SPARQL 1.1 at http://HOST:PORT/sparql, an editor at /, the
    dataset's description at /void, and its IRIs (/id/..., /ontology) as HTML, Turtle or JSON-LD.

    Any SPARQL client can query it (YASGUI, SPARQLWrapper, rdflib, another store's SERVICE).
    Every query is checked first: SERVICE, FROM, LOAD and updates are refused; it runs in a worker
    process with no network, stopped at its time limit or memory allowance.
    """
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    store = store_from(ctx)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}, not only this machine", err=True)
    settings = ServerSettings(limits=Limits(timeout_s=timeout, max_rows=max_rows, max_query_bytes=max_query_bytes),
                              pool=PoolSettings(size=workers, max_memory_mb=max_memory_mb, queue_limit=queue_limit),
                              cors=cors, header_timeout_s=client_timeout, body_timeout_s=client_timeout)
    http = server(store, host, port, settings)
    click.echo(f"serving {store.spec} ({len(store):,} quads) at http://{host}:{port}{PATH} with "
               f"{settings.pool.workers()} query workers", err=True)
    try:
        http.run()
    finally:
        store.close()
