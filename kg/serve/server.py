"""`stancekg serve`: the graph as a read-only SPARQL 1.1 endpoint and a small Linked Data server.

https://www.w3.org/TR/sparql11-protocol/#query-operation: a query comes by GET (`?query=`), by
POST of a form (`query=`) or by POST of `application/sparql-query`; the result format follows
the Accept header (or a `format`/`output` parameter, which SPARQLWrapper and others send).

Starlette on uvicorn: an event loop holds the connections, so slow clients cost a socket each
and hold nothing else (a request's headers must arrive within `header_timeout_s`, its body within
`body_timeout_s`); queries run in the worker pool (`kg.sparql.pool`), as many at once as there are
workers, with at most `queue` more waiting, beyond which the answer is 503 with Retry-After.
Every query is screened, checked and bounded by `kg.sparql.runner.stream_answer`, whatever the store;
its answer, written by Oxigraph in the worker, is passed on as it comes.

Besides `/sparql`: `/` is a SPARQL editor (YASGUI, vendored) preset with the named queries,
`/health` says whether the workers are up, `/void` describes the dataset (VoID and SPARQL
Service Description), and the graph's own IRIs dereference (`/id/...`, `/ontology`) as HTML,
Turtle or JSON-LD, so that they resolve when the server runs under the graph's base.
"""

from __future__ import annotations

import asyncio
import logging
import urllib.parse
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import h11
import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from uvicorn.protocols.http.h11_impl import H11Protocol

from kg.serve import linkeddata
from kg.serve.linkeddata import accepted
from kg.sparql.answers import Limits, QueryBusy, QueryFailed, QueryRefused, QueryTimeout, Streamed, stream_answer
from kg.sparql.pool import PoolSettings, pool_for

log = logging.getLogger(__name__)

PATH = "/sparql"
MAX_BODY = 1_000_000  # bytes: a query is text; anything bigger is not one
DRAIN_LIMIT = 8 * MAX_BODY  # an oversized body up to this is read and dropped before answering 413
TABLE_TYPES = {  # SELECT and ASK: media type -> kg.sparql.evaluate.TABLE_FORMATS key
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {  # CONSTRUCT and DESCRIBE: media type -> kg.sparql.evaluate.GRAPH_FORMATS key
    "text/turtle": "turtle", "application/n-triples": "nt", "text/plain": "nt",
    "application/rdf+xml": "xml", "application/ld+json": "json-ld",
}
# `format`, `output` or `results` parameter values (as SPARQLWrapper sends them), by result kind
TABLE_PARAMS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_PARAMS = {"turtle": "text/turtle", "ttl": "text/turtle", "n3": "text/turtle", "nt": "application/n-triples",
                "xml": "application/rdf+xml", "rdfxml": "application/rdf+xml", "rdf+xml": "application/rdf+xml",
                "json-ld": "application/ld+json", "jsonld": "application/ld+json", "json": "application/ld+json"}
ROW_CAP, TRUNCATED = "X-Stancekg-Row-Cap", "X-Stancekg-Truncated"
# a page on another origin (YASGUI) may read only the headers named here besides the simple ones
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": f"{ROW_CAP}, {TRUNCATED}"}
PREFLIGHT = {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
             "Access-Control-Allow-Headers": "Content-Type, Accept", "Access-Control-Max-Age": "600"}


@dataclass(frozen=True)
class ServerSettings:
    limits: Limits = Limits()
    pool: PoolSettings = PoolSettings()
    cors: bool = True
    header_timeout_s: float = 10.0  # a request's line and headers must arrive within this
    body_timeout_s: float = 10.0  # and its body within this
    retry_after_s: int = 2


class HttpError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.headers = status, headers or {}


def choose(accept: str, graph: bool, fmt: str = "") -> str:
    """The media type to answer in: a format parameter we know, else the client's best that we
    write, else SPARQL JSON results (SELECT, ASK) or Turtle (CONSTRUCT, DESCRIBE)."""
    table = GRAPH_TYPES if graph else TABLE_TYPES
    named = (GRAPH_PARAMS if graph else TABLE_PARAMS).get(fmt.lower(), fmt.lower())
    if named in table:
        return named
    for media in accepted(accept or "*/*"):
        if media in table:
            return media
        if media in ("*/*", "application/*", "text/*"):
            break
    return "text/turtle" if graph else "application/sparql-results+json"


def _start(answer: Streamed) -> tuple[list[bytes], Iterator[bytes] | None]:
    """The answer's first chunks: all of it when it ends within two (its status, and whether it was
    cut, are then known before the response starts); else the first two and the rest to come."""
    chunks = iter(answer)
    first = []
    for chunk in chunks:
        first.append(chunk)
        if len(first) == 2:
            return first, chunks
    return first, None


async def _rest(answer: Streamed, first: list[bytes], rest: Iterator[bytes]) -> AsyncIterator[bytes]:
    """A long answer passed on as the worker writes it. Should it fail half-way (its deadline) the
    body ends there, incomplete, and the log says why in one line."""
    try:
        for chunk in first:
            yield chunk
        while (chunk := await run_in_threadpool(next, rest, None)) is not None:
            yield chunk
    except QueryRefused as exc:
        log.warning("a streamed answer stopped half-way: %s", exc)
    finally:
        try:
            answer.close()  # a client gone mid-answer: its worker is replaced
        except ValueError:  # still being read in another thread; it is closed when collected
            pass


class Endpoint:
    """The application's state and handlers: one store, read-only, every query checked and bounded."""

    def __init__(self, store, settings: ServerSettings):
        self.store, self.settings = store, settings
        self.pool = pool_for(store, settings.pool)
        self.capacity = self.pool.size + settings.pool.extra() + settings.pool.queue_limit
        self.inflight = 0

    def headers(self, extra: dict | None = None) -> dict:
        return {**(CORS if self.settings.cors else {}), **(extra or {})}

    def error(self, exc: HttpError) -> Response:
        return PlainTextResponse(str(exc) + "\n", exc.status, headers=self.headers(exc.headers))

    async def answer(self, text: str, accept: str, fmt: str) -> Response:
        """Run a query in the pool and answer in the negotiated format; 503 when the queue is full."""
        if self.inflight >= self.capacity:
            raise HttpError(503, f"the server is busy: {self.inflight} queries are running or waiting",
                            {"Retry-After": str(self.settings.retry_after_s)})
        table, graph = choose(accept, False, fmt), choose(accept, True, fmt)
        self.inflight += 1
        try:
            result = await run_in_threadpool(stream_answer, self.store, text, table=TABLE_TYPES[table],
                                             graph=GRAPH_TYPES[graph], limits=self.settings.limits)
            first, rest = await run_in_threadpool(_start, result)
        except QueryBusy as exc:
            raise HttpError(503, str(exc), {"Retry-After": str(self.settings.retry_after_s)}) from None
        except QueryTimeout as exc:
            raise HttpError(503, str(exc)) from None
        except QueryFailed as exc:
            raise HttpError(500, str(exc)) from None
        except QueryRefused as exc:
            raise HttpError(400, str(exc)) from None
        finally:
            self.inflight -= 1
        media = graph if result.form in ("CONSTRUCT", "DESCRIBE") else table
        headers = self.headers({"Vary": "Accept", **self.cut_headers(result)})
        if rest is None:
            return Response(b"".join(first), headers=headers, media_type=f"{media}; charset=utf-8")
        return StreamingResponse(_rest(result, first, rest), headers=headers, media_type=f"{media}; charset=utf-8")

    def cut_headers(self, result: Streamed) -> dict:
        """The row cap on every answer it bounds, and whether it cut this one where that is known before
        the body starts: an answer read whole, or a graph (cut before it is written). A streamed
        SELECT's rows are cut as they are written: as many rows as the cap means it may have been."""
        cap = self.settings.limits.max_rows
        if cap is None or result.form == "ASK":
            return {}
        unit = "rows" if result.form == "SELECT" else "triples"
        return {ROW_CAP: str(cap), **({TRUNCATED: f"results cut at {cap} {unit}"} if result.truncated else {})}

    async def sparql(self, request: Request) -> Response:
        try:
            if request.method == "OPTIONS":  # a browser's CORS preflight, for YASGUI on another origin
                return Response(status_code=204, headers=self.headers(PREFLIGHT))
            params = urllib.parse.parse_qs(request.url.query, keep_blank_values=True)
            text = await self.query_text(request, params)
            if params.get("default-graph-uri") or params.get("named-graph-uri"):
                raise HttpError(400, "default-graph-uri and named-graph-uri are not supported: the default graph "
                                "is the union of this dataset's graphs (use GRAPH to read one)")
            fmt = (params.get("format") or params.get("output") or params.get("results") or [""])[0]
            response = await self.answer(text, request.headers.get("accept", ""), fmt)
        except HttpError as exc:
            return self.error(exc)
        if request.method == "HEAD":
            if isinstance(response, StreamingResponse):
                await response.body_iterator.aclose()  # its worker is freed
            return Response(b"", headers=dict(response.headers))
        return response

    async def query_text(self, request: Request, params: dict) -> str:
        """The query from the URL, a form or a sparql-query body; updates are refused here."""
        if request.method == "POST":
            ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = await self.body(request)
            if ctype == "application/sparql-update":
                raise HttpError(403, "this endpoint is read-only: updates are not accepted")
            if ctype == "application/sparql-query":
                return body.decode("utf-8", "replace")
            if ctype != "application/x-www-form-urlencoded":
                raise HttpError(415, "POST a query as application/sparql-query or as a form "
                                "(application/x-www-form-urlencoded)")
            for key, values in urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                params.setdefault(key, values)
        if "update" in params:
            raise HttpError(403, "this endpoint is read-only: updates are not accepted")
        queries = params.get("query") or []
        if len(queries) != 1 or not queries[0].strip():
            raise HttpError(400, "give exactly one query (the `query` parameter)")
        return queries[0]

    async def body(self, request: Request) -> bytes:
        """The request body, at most MAX_BODY bytes, arriving within the body timeout."""
        declared = request.headers.get("content-length")
        if declared is not None and not declared.isdigit():
            raise HttpError(400, "bad Content-Length")
        if declared is not None and int(declared) > MAX_BODY:
            if int(declared) <= DRAIN_LIMIT:  # read what the client is sending, so it sees the 413, not a reset
                try:
                    await asyncio.wait_for(self._drain(request), self.settings.body_timeout_s)
                except TimeoutError:
                    pass
            raise HttpError(413, f"a query may be at most {MAX_BODY:,} bytes")
        chunks, size = [], 0

        async def read() -> None:
            nonlocal size
            async for chunk in request.stream():
                size += len(chunk)
                if size > MAX_BODY:
                    raise HttpError(413, f"a query may be at most {MAX_BODY:,} bytes")
                chunks.append(chunk)

        try:
            await asyncio.wait_for(read(), self.settings.body_timeout_s)
        except TimeoutError:
            raise HttpError(408, f"the request body did not arrive within {self.settings.body_timeout_s:g} s") \
                from None
        return b"".join(chunks)

    @staticmethod
    async def _drain(request: Request) -> None:
        async for _ in request.stream():
            pass

    async def root(self, request: Request) -> Response:
        page = linkeddata.editor_page(PATH, self.settings.limits)
        return Response(page, media_type="text/html; charset=utf-8", headers=self.headers())

    async def health(self, request: Request) -> Response:
        status = self.pool.status()
        up = status["idle"] + status["busy"] > 0
        return JSONResponse({"status": "ok" if up else "starting", "store": self.store.spec, **status},
                            status_code=200 if up else 503, headers=self.headers())

    async def described(self, request: Request, kind: str) -> Response:
        """An entity, the ontology or the dataset description, in the format the client accepts."""
        try:
            page = await run_in_threadpool(linkeddata.describe, self.store, kind, request.url.path,
                                           request.headers.get("accept", ""), self.settings.limits, PATH)
        except QueryRefused as exc:
            return self.error(HttpError(503 if isinstance(exc, (QueryBusy, QueryTimeout)) else 500, str(exc)))
        if page is None:
            return self.error(HttpError(404, f"nothing is known about {request.url.path} in this graph"))
        body, media = page
        return Response(body, media_type=f"{media}; charset=utf-8", headers=self.headers({"Vary": "Accept"}))

    def app(self) -> Starlette:
        async def entity(request: Request) -> Response:
            return await self.described(request, "entity")

        async def ontology(request: Request) -> Response:
            return await self.described(request, "ontology")

        async def void(request: Request) -> Response:
            return await self.described(request, "void")

        routes = [
            Route(PATH, self.sparql, methods=["GET", "HEAD", "POST", "OPTIONS"]),
            Route(PATH + "/", self.sparql, methods=["GET", "HEAD", "POST", "OPTIONS"]),
            Route("/", self.root, methods=["GET", "HEAD"]),
            Route("/health", self.health, methods=["GET", "HEAD"]),
            Route("/favicon.ico", lambda request: Response(status_code=204), methods=["GET"]),
            Route("/void", void, methods=["GET", "HEAD"]),
            Route("/ontology", ontology, methods=["GET", "HEAD"]),
            Route("/id/{name:path}", entity, methods=["GET", "HEAD"]),
            Mount("/static", StaticFiles(directory=str(linkeddata.STATIC)), name="static"),
        ]
        app = Starlette(routes=routes)

        async def not_found(request: Request, exc) -> Response:
            status = getattr(exc, "status_code", 404)
            message = {404: f"not found: the SPARQL endpoint is at {PATH}", 405: "use GET or POST"}.get(
                status, "bad request")
            headers = {"Allow": "GET, POST, OPTIONS"} if status == 405 else {}
            return self.error(HttpError(status, message, headers))

        app.add_exception_handler(404, not_found)
        app.add_exception_handler(405, not_found)
        return app


def make_app(store, settings: ServerSettings = ServerSettings()) -> Starlette:
    return Endpoint(store, settings).app()


def header_timeout_protocol(timeout_s: float) -> type[H11Protocol]:
    """uvicorn's HTTP/1.1 protocol, closing a connection whose request line and headers take longer
    than `timeout_s` to arrive (uvicorn itself only times out idle keep-alive connections)."""

    class Protocol(H11Protocol):
        _header_timer = None

        def connection_made(self, transport) -> None:
            super().connection_made(transport)
            self._arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm()

        def connection_lost(self, exc) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
            super().connection_lost(exc)

        def _arm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
            self._header_timer = self.loop.call_later(timeout_s, self._late)

        def _late(self) -> None:
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()

    return Protocol


def server(store, host: str = "127.0.0.1", port: int = 7879,
           settings: ServerSettings = ServerSettings()) -> uvicorn.Server:
    """A uvicorn server for the store (port 0: any free one); `run()` serves until interrupted."""
    endpoint = Endpoint(store, settings)
    endpoint.pool.warm()
    config = uvicorn.Config(endpoint.app(), host=host, port=port, http=header_timeout_protocol(
        settings.header_timeout_s), lifespan="off", timeout_keep_alive=5, backlog=2048,
        limit_concurrency=4096, log_level="warning", access_log=False, server_header=False)
    return uvicorn.Server(config)
