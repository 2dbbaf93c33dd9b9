"""One checked query evaluated inside a worker, its answer capped and written in the format asked for.

Everything a user sends is judged here, in the worker, under the caller's deadline: the check
(`kg.sparql.safety.check_query`, rdflib's parser) and the evaluation see the same text. SELECT rows are
written by Oxigraph as SPARQL TSV through a writer that stops it one row past the cap (TSV has one
line a row, so counting is exact and the engine stops early); other formats are made from those
capped rows by Oxigraph too. A SELECT with no LIMIT of its own gets `LIMIT cap+1`, so the engine
also stops evaluating once it has enough.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef

from kg.rdf.namespaces import sparql_prologue
from kg.sparql.safety import QueryRefused, check_query, screen_escapes
from kg.store import open_store
from ontology.terms import PREFIXES

TABLE_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                 "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML,
                 "json-ld": ox.RdfFormat.JSON_LD}
MESSAGE_LIMIT = 400  # characters of an engine's message passed on: one line, never a remote body


class RowCapReached(Exception):
    """Raised inside Oxigraph's serialiser to stop it once the capped rows are written."""


class CappedLines:
    """A binary writer keeping the header line and at most `cap` rows of a TSV result."""

    def __init__(self, cap: int):
        self.cap, self.lines, self.chunks, self.truncated = cap, 0, [], False

    def write(self, chunk) -> int:
        data = bytes(chunk)
        self.chunks.append(data)
        self.lines += data.count(b"\n")
        if self.lines > self.cap + 1:  # the header, the cap, and one more: enough to know
            self.truncated = True
            raise RowCapReached
        return len(data)

    def flush(self) -> None:
        pass

    def value(self) -> bytes:
        data = b"".join(self.chunks)
        if not self.truncated:
            return data
        end = -1
        for _ in range(self.cap + 1):
            end = data.index(b"\n", end + 1)
        return data[: end + 1]


def _nth(data: bytes, marker: bytes, n: int) -> int:
    """Offset of the (n+1)th occurrence of marker (n counts from 0)."""
    at = -1
    for _ in range(n + 1):
        at = data.index(marker, at + 1)
    return at


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

    def direct(self, text: str, fmt: str, cap: int) -> tuple[list[str], bytes, bool, int | None] | None:
        """A SELECT of at most cap+1 rows written straight in JSON or XML, cut exactly at the cap;
        None where only the TSV path can cut exactly (other formats, other engines).

        Rows are counted without parsing: in Oxigraph's XML each row opens with `<result>`, which
        no value can contain (`<` is escaped); in its JSON every row after the first starts with
        `},{"` or `},{}`, the first of which no value can contain (`"` is escaped) and the second
        only rarely, so the count is an upper bound, exact but for such values. Only a result whose
        bound reaches the cap is parsed to be counted and cut.
        """
        if self.native is None or fmt not in ("json", "xml"):
            return None
        solutions = self.native.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
        names = [v.value for v in solutions.variables]
        data = solutions.serialize(format=TABLE_FORMATS[fmt])
        if fmt == "xml":
            rows = data.count(b"<result>")
            if rows <= cap:
                return names, data, False, rows
            cut = _nth(data, b"<result>", cap)
            return names, data[:cut] + data[data.rindex(b"</results>"):], True, cap
        bound = data.count(b'},{"') + data.count(b"},{}") + (b'"bindings":[{' in data)
        if bound <= cap:
            return names, data, False, None
        document = json.loads(data)
        rows = document["results"]["bindings"]
        if len(rows) <= cap:
            return names, data, False, len(rows)
        document["results"]["bindings"] = rows[:cap]
        return names, json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), True, cap

    def table(self, text: str, cap: int) -> tuple[list[str], bytes, bool]:
        """A SELECT's variables and its rows as SPARQL TSV, at most `cap` of them, and whether cut."""
        if self.native is not None:
            solutions = self.native.query(text, use_default_graph_as_union=True, prefixes=PREFIXES)
            names = [v.value for v in solutions.variables]
            writer = CappedLines(cap)
            try:
                solutions.serialize(writer, ox.QueryResultsFormat.TSV)
            except RowCapReached:
                pass
            return names, writer.value(), writer.truncated
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


def evaluate(engine: Engine, request: dict) -> tuple[dict, bytes]:
    """Check, evaluate and serialise one request; QueryRefused for what may not run."""
    text, cap = request["text"], int(request["max_rows"])
    screen_escapes(text)  # the caller screened the text; rdflib must never expand an escape all the same
    info = check_query(text)
    for graph in sorted(info.from_named):
        if not engine.has_graph(graph):
            raise QueryRefused(f"FROM NAMED names a graph this dataset does not hold (or holds empty): <{graph}>")
    header = {"ok": True, "form": info.form, "vars": [], "truncated": False, "boolean": None, "rows": 0}
    if info.form == "ASK":
        answer = engine.boolean(text)
        header.update(boolean=answer, format=request["table"])
        return header, boolean_bytes(answer, request["table"])
    if info.form in ("CONSTRUCT", "DESCRIBE"):
        found, truncated = engine.triples(text, cap)
        fmt = request["graph"]
        header.update(truncated=truncated, rows=len(found), format=fmt)
        return header, ox.serialize(found, format=GRAPH_FORMATS[fmt], prefixes=None if fmt == "nt" else PREFIXES)
    if info.open_ended and engine.remote is None:  # a remote engine may refuse big LIMITs (Virtuoso: 10,000)
        text += f"\nLIMIT {cap + 1}"  # nothing the check has not seen: the engine may stop early
    order = info.variables  # SELECT * columns as the query first names them, as rdflib does
    header.update(format=request["table"])
    bounded = (info.open_ended and engine.remote is None) or (info.limit is not None and info.limit <= cap)
    written = engine.direct(text, request["table"], cap) if bounded else None
    if written is not None:
        names, body, truncated, rows = written
    else:
        names, tsv, truncated = engine.table(text, cap)
        body, rows = table_bytes(tsv, request["table"]), tsv.count(b"\n") - 1
    header.update(vars=sorted(names, key=lambda v: order.index(v) if v in order else len(order)),
                  truncated=truncated, rows=rows)
    return header, body


def answer_request(engine: Engine, request: dict) -> tuple[dict, bytes]:
    """The worker's answer to one request; every failure a one-line message, never a traceback."""
    try:
        return evaluate(engine, request)
    except QueryRefused as exc:
        return {"ok": False, "kind": "refused", "message": str(exc)}, b""
    except RecursionError:
        return {"ok": False, "kind": "refused",
                "message": "the query is nested too deeply to be read (simplify its nesting of {}, () or lists)"}, b""
    except SyntaxError as exc:  # Oxigraph could not read what rdflib accepted
        return {"ok": False, "kind": "refused", "message": f"the query cannot be read: {_one_line(exc)}"}, b""
    except MemoryError:
        return {"ok": False, "kind": "memory", "message": "the query needed more memory than it may use"}, b""
    except Exception as exc:  # noqa: BLE001 - any engine error becomes a message for the user
        return {"ok": False, "kind": "failed",
                "message": f"the query could not be evaluated: {type(exc).__name__}: {_one_line(exc)}"}, b""
