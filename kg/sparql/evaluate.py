"""One checked query evaluated inside a worker, its answer capped and written in the format asked for.

Everything a user sends is judged here, in the worker, under the caller's deadline: the check
(`kg.sparql.safety.check_query`, rdflib's parser) and the evaluation see the same text. Oxigraph
writes the answer in the asked format into `kg.sparql.stream.Chunks`, which sends it on in chunks as
it comes and stops it at the row cap; nothing is made into Python terms. A SELECT with no LIMIT of
its own gets `LIMIT cap+1`, so the engine also stops evaluating once it has enough. The rdflib and
remote engines give capped rows that Oxigraph then writes.

What is sent, in order: a head (a dict: form, variables, format, ASK's answer, whether a graph was
cut, or a refusal), the answer's chunks (non-empty bytes), an empty chunk, and a trailer (a dict:
whether cut, rows written, or the error that stopped the answer half-way).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef

from kg.rdf.namespaces import sparql_prologue
from kg.sparql.safety import QueryRefused, check_query, screen_escapes
from kg.sparql.stream import Chunks, RowCapReached
from kg.store import open_store
from ontology.terms import PREFIXES

TABLE_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
    "json-ld": ox.RdfFormat.JSON_LD,
}
UNCAPPED = 2**62  # a cap this high is none
MESSAGE_LIMIT = 400  # characters of an engine's message passed on: one line, never a remote body


def to_ox(term):
    """An rdflib term as a pyoxigraph term (rows from rdflib or a remote endpoint)."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


@dataclass
class Engine:
    """What a worker evaluates on: Oxigraph (its own copy, or a read-only checkpoint), rdflib, or a
    remote endpoint through the `sparql:` store."""

    kind: str
    native: object = None  # pyoxigraph Store
    dataset: Dataset | None = None  # rdflib (memory)
    remote: object = None  # kg.store.RemoteStore

    @classmethod
    def open(cls, config: dict) -> Engine:
        kind, path = config["engine"], config.get("path")
        if kind == "oxigraph":
            native = ox.Store()
            native.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
            return cls(kind, native=native)
        if kind == "oxigraph-dir":
            return cls(kind, native=ox.Store.read_only(path))
        if kind == "rdflib":
            dataset = Dataset(default_union=True)
            dataset.parse(Path(path), format="nquads")
            return cls(kind, dataset=dataset)
        if kind == "remote":
            return cls(kind, remote=open_store(config["spec"]))
        raise ValueError(f"unknown engine {kind!r}")

    def has_graph(self, graph: URIRef) -> bool:
        if self.native is not None:
            return next(iter(self.native.quads_for_pattern(None, None, None, ox.NamedNode(str(graph)))), None) \
                is not None
        ds = self.dataset if self.dataset is not None else self.remote.dataset
        return next(iter(ds.quads((None, None, None, graph))), None) is not None

    def table(self, text: str, cap: int) -> tuple[list[str], bytes, bool]:
        """A SELECT's variables and at most `cap` rows as SPARQL TSV (rdflib or a remote engine), and
        whether cut."""
        result = self._rdflib(text)
        names = [str(v) for v in result.vars]
        rows = list(islice(result, cap + 1))
        lines = ["\t".join(f"?{n}" for n in names)]
        lines += ["\t".join("" if t is None else str(to_ox(t)) for t in row) for row in rows[:cap]]
        return names, ("\n".join(lines) + "\n").encode("utf-8"), len(rows) > cap

    def triples(self, text: str, cap: int) -> tuple[list, bool]:
        if self.native is not None:
            found = list(islice(self.native.query(text, use_default_graph_as_union=True, prefixes=PREFIXES),
                                cap + 1))
        else:
            found = [ox.Triple(*map(to_ox, t)) for t in islice(self._rdflib(text).graph, cap + 1)]
        return found[:cap], len(found) > cap

    def boolean(self, text: str) -> bool:
        if self.native is not None:
            return bool(self.native.query(text, use_default_graph_as_union=True, prefixes=PREFIXES))
        return bool(self._rdflib(text).askAnswer)

    def _rdflib(self, text: str):
        if self.remote is not None:
            return self.remote.query(text)  # the remote store declares the prefixes itself
        return self.dataset.query(sparql_prologue() + text)


def table_bytes(tsv: bytes, fmt: str) -> bytes:
    """Capped TSV rows in another SPARQL results format, converted by Oxigraph."""
    if fmt == "tsv":
        return tsv
    return ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV).serialize(format=TABLE_FORMATS[fmt])


def boolean_bytes(answer: bool, fmt: str) -> bytes:
    doc = b'{"head":{},"boolean":' + (b"true" if answer else b"false") + b"}"
    return ox.parse_query_results(doc, format=ox.QueryResultsFormat.JSON).serialize(format=TABLE_FORMATS[fmt])


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


def _select(engine: Engine, text: str, fmt: str, cap: int | None, send: Callable) -> tuple[list[str], dict]:
    """A SELECT's variables, its answer sent in chunks once `send` has had the head; the trailer."""
    if engine.native is None:
        names, tsv, truncated = engine.table(text, cap if cap is not None else UNCAPPED)
        return names, {"truncated": truncated, "rows": tsv.count(b"\n") - 1, "body": table_bytes(tsv, fmt)}
    solutions = engine.native.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
    return [v.value for v in solutions.variables], {"solutions": solutions}


def _write(send: Callable, fmt: str, cap: int | None, solutions) -> dict:
    writer = Chunks(send, fmt, cap)
    try:
        solutions.serialize(writer, TABLE_FORMATS[fmt])
    except RowCapReached:
        pass
    return {"truncated": writer.truncated, "rows": writer.close()}


def evaluate(engine: Engine, request: dict, send: Callable) -> dict:
    """Check, evaluate and send one answer (see the module's docstring); the trailer. QueryRefused
    for what may not run."""
    text, cap = request["text"], int(request["max_rows"])
    limit = None if cap >= UNCAPPED else cap
    screen_escapes(text)  # the caller screened the text; rdflib must never expand an escape all the same
    info = check_query(text)
    for graph in sorted(info.from_named):
        if not engine.has_graph(graph):
            raise QueryRefused(f"FROM NAMED names a graph this dataset does not hold (or holds empty): <{graph}>")
    head = {"ok": True, "form": info.form, "vars": [], "boolean": None, "format": request["table"]}
    if info.form == "ASK":
        answer = engine.boolean(text)
        send({**head, "boolean": answer})
        send(boolean_bytes(answer, request["table"]))
        return {"truncated": False, "rows": 1}
    if info.form in ("CONSTRUCT", "DESCRIBE"):
        found, truncated = engine.triples(text, cap)
        fmt = request["graph"]
        send({**head, "format": fmt, "truncated": truncated})  # known before the first byte: a header may say it
        writer = Chunks(send)
        ox.serialize(found, writer, GRAPH_FORMATS[fmt], prefixes=None if fmt == "nt" else PREFIXES)
        writer.close()
        return {"truncated": truncated, "rows": len(found)}
    if info.open_ended and limit is not None and engine.remote is None:  # a remote engine may refuse big LIMITs
        text += f"\nLIMIT {cap + 1}"  # nothing the check has not seen: the engine may stop early
    order = info.variables  # SELECT * columns as the query first names them, as rdflib does
    names, done = _select(engine, text, request["table"], limit, send)
    send({**head, "vars": sorted(names, key=lambda v: order.index(v) if v in order else len(order))})
    if "solutions" in done:
        return _write(send, request["table"], limit, done["solutions"])
    send(done.pop("body"))
    return done


def answer_request(engine: Engine, request: dict, send: Callable) -> None:
    """The worker's answer to one request, through `send`; every failure a one-line message, never a
    traceback (in the head when it comes first, else in the trailer)."""
    started = []

    def sending(item) -> None:
        if not started:
            started.append(True)
        if item:
            send(item)

    try:
        trailer = {"ok": True, **evaluate(engine, request, sending)}
    except Exception as exc:  # noqa: BLE001 - every failure becomes a message (`failure`)
        trailer = failure(exc)
    if started:
        send(b"")
    send(trailer)


def failure(exc: BaseException) -> dict:
    """A failure as a message for the user, by kind."""
    if isinstance(exc, QueryRefused):
        return {"ok": False, "kind": "refused", "message": str(exc)}
    if isinstance(exc, RecursionError):
        return {
            "ok": False,
            "kind": "refused",
            "message": "the query is nested too deeply to be read (simplify its nesting of {}, () or lists)",
        }
    if isinstance(exc, SyntaxError):  # Oxigraph could not read what rdflib accepted
        return {"ok": False, "kind": "refused", "message": f"the query cannot be read: {_one_line(exc)}"}
    if isinstance(exc, MemoryError):
        return {"ok": False, "kind": "memory", "message": "the query needed more memory than it may use"}
    return {
        "ok": False,
        "kind": "failed",
        "message": f"the query could not be evaluated: {type(exc).__name__}: {_one_line(exc)}",
    }
