"""`stancekg serve`: the graph as a read-only SPARQL 1.1 Protocol endpoint.

https://www.w3.org/TR/sparql11-protocol/#query-operation: a query comes by GET (`?query=`), by
POST of a form (`query=`) or by POST of `application/sparql-query`; the result format follows
the Accept header (or a `format`/`output` parameter, which SPARQLWrapper and others send).

A small WSGI app in front of the configured store, not `oxigraph serve-read-only`: that server
refuses updates but still evaluates SERVICE, fetching any URL a query names (server-side request
forgery). Here every query passes `kg.safety.check_query` and runs through `kg.runner.run_query`
with a time limit and a row cap, whatever store is behind. Requests are served one at a time (the
runner forks per query, which is only safe in a single-threaded process), each bounded by the
time limit, so a client cannot hold the server for longer than that.
"""

from __future__ import annotations

import logging
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from rdflib import Variable
from rdflib.query import Result

from kg import results
from kg.runner import Limits, QueryFailed, QueryRefused, QueryResult, QueryTimeout, run_query

log = logging.getLogger(__name__)

PATH = "/sparql"
MAX_BODY = 1_000_000  # bytes: a query is text; anything bigger is not one
DRAIN_LIMIT = 8 * MAX_BODY  # an oversized body up to this is read and dropped before answering 413
TABLE_TYPES = {  # SELECT and ASK
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {  # CONSTRUCT and DESCRIBE: media type -> rdflib serializer
    "text/turtle": "turtle", "application/n-triples": "nt", "text/plain": "nt",
    "application/rdf+xml": "xml", "application/ld+json": "json-ld", "application/trig": "trig",
}
# `format`, `output` or `results` parameter values (as SPARQLWrapper sends them), by result kind
TABLE_PARAMS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_PARAMS = {"turtle": "text/turtle", "ttl": "text/turtle", "n3": "text/turtle", "nt": "application/n-triples",
                "xml": "application/rdf+xml", "rdfxml": "application/rdf+xml", "rdf+xml": "application/rdf+xml",
                "json-ld": "application/ld+json", "jsonld": "application/ld+json", "json": "application/ld+json"}


class HttpError(Exception):
    def __init__(self, status: str, message: str, headers: Iterable[tuple[str, str]] = ()):
        super().__init__(message)
        self.status, self.headers = status, list(headers)


def accepted(accept: str) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, q=0 dropped)."""
    ranked = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, position, media.lower()))
    return [media for _, _, media in sorted(ranked)]


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


def to_rdflib(result: QueryResult) -> Result:
    """The runner's result as an rdflib Result, for rdflib's SPARQL XML results writer."""
    out = Result(result.form if result.form != "DESCRIBE" else "CONSTRUCT")
    if result.form == "ASK":
        out.askAnswer = bool(result.boolean)
    else:
        out.vars = [Variable(v) for v in result.vars]
        out.bindings = [{Variable(k): v for k, v in row.items() if v is not None} for row in result.rows]
    return out


def render(result: QueryResult, media: str) -> bytes:
    if result.graph is not None:
        return result.graph.serialize(format=GRAPH_TYPES[media], encoding="utf-8")
    kind = TABLE_TYPES[media]
    if kind == "xml":
        return to_rdflib(result).serialize(format="xml")
    writer = {"json": results.to_sparql_json, "csv": results.to_csv, "tsv": results.to_tsv}[kind]
    return writer(result).encode("utf-8")


@dataclass
class Endpoint:
    """The WSGI application: one store, read-only, every query checked and bounded."""

    store: object
    limits: Limits = Limits()
    cors: bool = True

    def __call__(self, environ: dict, start_response: Callable) -> list[bytes]:
        try:
            status, headers, body = self.handle(environ)
        except HttpError as exc:
            status, headers = exc.status, [("Content-Type", "text/plain; charset=utf-8"), *exc.headers]
            body = (str(exc) + "\n").encode("utf-8")
        if self.cors:
            headers.append(("Access-Control-Allow-Origin", "*"))
        headers.append(("Content-Length", str(len(body))))
        start_response(status, headers)
        return [body] if environ.get("REQUEST_METHOD") != "HEAD" else []

    def handle(self, environ: dict) -> tuple[str, list[tuple[str, str]], bytes]:
        method, path = environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", "/")
        if path not in (PATH, PATH + "/"):
            if path == "/" and method in ("GET", "HEAD"):
                return "200 OK", [("Content-Type", "text/plain; charset=utf-8")], self.help().encode("utf-8")
            raise HttpError("404 Not Found", f"the SPARQL endpoint is at {PATH}")
        if method == "OPTIONS":  # a browser's CORS preflight, for YASGUI on another origin
            return "204 No Content", [("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                                      ("Access-Control-Allow-Headers", "Content-Type, Accept")], b""
        if method not in ("GET", "HEAD", "POST"):
            raise HttpError("405 Method Not Allowed", "use GET or POST", [("Allow", "GET, POST, OPTIONS")])
        params = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        text = self._query_text(environ, method, params)
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            raise HttpError("400 Bad Request", "default-graph-uri and named-graph-uri are not supported: the "
                            "default graph is the union of this dataset's graphs (use GRAPH to read one)")
        try:
            result = run_query(self.store, text, limits=self.limits)
        except QueryTimeout as exc:
            raise HttpError("503 Service Unavailable", str(exc)) from None
        except QueryFailed as exc:
            raise HttpError("500 Internal Server Error", str(exc)) from None
        except QueryRefused as exc:
            raise HttpError("400 Bad Request", str(exc)) from None
        fmt = (params.get("format") or params.get("output") or params.get("results") or [""])[0]
        media = choose(environ.get("HTTP_ACCEPT", ""), result.graph is not None, fmt)
        headers = [("Content-Type", f"{media}; charset=utf-8"), ("Vary", "Accept")]
        if result.truncated:
            headers.append(("X-Stancekg-Truncated", f"results cut at {self.limits.max_rows} rows"))
        return "200 OK", headers, render(result, media)

    def _query_text(self, environ: dict, method: str, params: dict) -> str:
        """The query from the URL, a form or a sparql-query body; updates are refused here."""
        if method == "POST":
            ctype = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
            body = self._body(environ)
            if ctype == "application/sparql-update":
                raise HttpError("403 Forbidden", "this endpoint is read-only: updates are not accepted")
            if ctype == "application/sparql-query":
                return body.decode("utf-8", "replace")
            if ctype == "application/x-www-form-urlencoded":
                form = urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
                for key, values in form.items():
                    params.setdefault(key, values)
            else:
                raise HttpError("415 Unsupported Media Type", "POST a query as application/sparql-query "
                                "or as a form (application/x-www-form-urlencoded)")
        if "update" in params:
            raise HttpError("403 Forbidden", "this endpoint is read-only: updates are not accepted")
        queries = params.get("query") or []
        if len(queries) != 1 or not queries[0].strip():
            raise HttpError("400 Bad Request", "give exactly one query (the `query` parameter)")
        return queries[0]

    @staticmethod
    def _body(environ: dict) -> bytes:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise HttpError("400 Bad Request", "bad Content-Length") from None
        if length > MAX_BODY:
            if length <= DRAIN_LIMIT:  # read what the client is sending, so it sees the 413, not a reset
                stream, left = environ["wsgi.input"], length
                while left > 0 and (chunk := stream.read(min(left, 65536))):
                    left -= len(chunk)
            raise HttpError("413 Request Entity Too Large", f"a query may be at most {MAX_BODY:,} bytes")
        return environ["wsgi.input"].read(length) if length else b""

    def help(self) -> str:
        return (f"ai-stance-kg: a read-only SPARQL 1.1 endpoint at {PATH}\n"
                f"GET {PATH}?query=... or POST application/sparql-query; results as SPARQL JSON, XML, "
                "CSV or TSV; CONSTRUCT and DESCRIBE as Turtle, N-Triples, RDF/XML or JSON-LD (Accept).\n"
                f"Queries run at most {self.limits.timeout_s:g} s and return at most {self.limits.max_rows} "
                "rows; SERVICE, FROM, LOAD and updates are refused.\n")


class _Handler(WSGIRequestHandler):
    """Logs through `logging`, and drops a client that stops sending (one request at a time)."""

    timeout = 30

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's signature
        log.info("%s %s", self.address_string(), format % args)


def make(store, host: str = "127.0.0.1", port: int = 7879, limits: Limits = Limits(),
         cors: bool = True) -> WSGIServer:
    """A server bound to host:port (port 0: any free one); call `serve_forever` to run it."""
    return make_server(host, port, Endpoint(store, limits, cors), handler_class=_Handler)
