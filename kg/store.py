"""Where the graph lives: one abstraction over embedded Oxigraph, rdflib memory and any SPARQL endpoint.

A store wraps an rdflib Dataset, so every caller (CLI, explorer, tests) uses one API whatever
the backend; each backend overrides only what it can do much faster natively (bulk loading,
counting). Chosen by a spec string:

- `oxigraph` (the default): embedded Oxigraph in memory; `oxigraph:DIR`: persistent in DIR.
- `memory`: rdflib's own in-memory store, for comparison and tiny graphs.
- `sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]]`: a SPARQL 1.1 endpoint (Oxigraph server, Fuseki,
  GraphDB, Virtuoso, Neptune...). Queries use the Protocol; loading uses the Graph Store
  Protocol at STORE_URL when given, else SPARQL Update at UPDATE_URL; with neither the store is
  read-only. A bare `http(s)://URL` means `sparql:URL`. The endpoint's default graph must be
  the union of its named graphs (Oxigraph: `--union-default-graph`; GraphDB, Virtuoso and
  Neptune do this already; Fuseki: `unionDefaultGraph`), as it is in the embedded stores.
  `$STANCEKG_STORE_USER` and `$STANCEKG_STORE_PASSWORD`, when set, answer an HTTP Basic or
  Digest challenge from UPDATE_URL or STORE_URL (kept out of the spec, which commands print);
  queries never carry them.

Which spec (first found wins): the `--store` option, `$STANCEKG_STORE`, `store = "..."` in
the config file (`$STANCEKG_CONFIG`, else `./stancekg.toml`), then `oxigraph`.
"""

from __future__ import annotations

import functools
import io
import os
import re
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore as _OxrdflibStore
from rdflib import Dataset, Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from rdflib.query import Result

import ontology
from kg import rdfio
from kg.namespaces import ONTOLOGY_GRAPH, bind_prefixes, sparql_prologue
from kg.pool import close_pool
from kg.terms import SelectResult, TermCache, rows_from_ox, text_rows
from ontology.terms import PREFIXES

STORE_ENV = "STANCEKG_STORE"
USER_ENV = "STANCEKG_STORE_USER"
PASSWORD_ENV = "STANCEKG_STORE_PASSWORD"  # noqa: S105 - the variable's name, not a password
CONFIG_ENV = "STANCEKG_CONFIG"
CONFIG_FILE = "stancekg.toml"
DEFAULT_SPEC = "oxigraph"

OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML,
              "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "json-ld": ox.RdfFormat.JSON_LD}


class StoreError(RuntimeError):
    """A store could not be opened, reached or written; the message says what to do."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status  # the HTTP status, when a server answered


def _replacing_ontology(load):
    """A load that brings the ontology graph replaces the one the store holds. The ontology's OWL
    class expressions (unions, lists) are blank nodes, which each load would otherwise add again."""

    @functools.wraps(load)
    def wrapper(self, dataset: Dataset) -> int:
        if next(iter(dataset.quads((None, None, None, ONTOLOGY_GRAPH))), None) is not None:
            self.drop_graph(ONTOLOGY_GRAPH)
        return load(self, dataset)

    return wrapper


def _settling_ontology(load_file):
    """A file whose quads bring the ontology graph again leaves one copy of it, as generated: the
    same rule as `_replacing_ontology`, told after the fact by the graph's growth (a file is not
    read twice to find out beforehand)."""

    @functools.wraps(load_file)
    def wrapper(self, path: Path, fmt: str | None = None) -> int:
        before = self.graph_size(ONTOLOGY_GRAPH)
        size = load_file(self, path, fmt)
        if before and self.graph_size(ONTOLOGY_GRAPH) > before:
            self.drop_graph(ONTOLOGY_GRAPH)
            dataset = Dataset()
            graph = dataset.graph(ONTOLOGY_GRAPH)
            for triple in ontology.load_graph():
                graph.add(triple)
            size = self.load(dataset)
        return size

    return wrapper


@dataclass
class Store:
    """A named backend holding the dataset; `query` runs SPARQL over the union of its graphs.

    This base class is rdflib's in-memory store (`memory`); the others subclass it.
    """

    spec: str
    dataset: Dataset
    # bumped by every write, so the query pool knows its workers' snapshot is stale
    generation: int = field(default=0, init=False, repr=False, compare=False)

    @property
    def writable(self) -> bool:
        return True

    @_replacing_ontology
    def load(self, dataset: Dataset) -> int:
        """Add a built dataset's quads; loading the same build twice adds nothing new."""
        self.generation += 1
        for quad in dataset.quads((None, None, None, None)):
            self.dataset.add(quad)
        return len(self)

    @_settling_ontology
    def load_file(self, path: Path, fmt: str | None = None) -> int:
        """Add an RDF file's quads (format from its suffix); triple formats go to the default graph.

        Parsed whole by Oxigraph before anything is added, as in the other stores: rdflib's own
        N-Triples parser slows with the square of a line's length (a long literal hangs it), and
        its JSON-LD parser fetches contexts named by address.
        """
        f = _file_format(path, fmt)
        self.generation += 1
        convert = TermCache().__getitem__
        with _reading(path, f):
            quads = [(convert(q.subject), convert(q.predicate), convert(q.object), q.graph_name)
                     for q in ox.parse(path=str(path), format=OX_FORMATS[f.name])]
        graphs = {}

        def graph(name):
            if name not in graphs:
                graphs[name] = self.dataset.default_graph if isinstance(name, ox.DefaultGraph) \
                    else self.dataset.graph(convert(name))
            return graphs[name]

        self.dataset.addN((s, p, o, graph(g)) for s, p, o, g in quads)
        return len(self)

    def graph_size(self, name) -> int:
        """How many triples one named graph holds."""
        return int(next(iter(self.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")))[0])

    def drop_graph(self, name) -> None:
        self.generation += 1
        self.dataset.remove_graph(self.dataset.graph(name))

    def replace(self, dataset: Dataset) -> int:
        """Make the store hold exactly `dataset` (drop what it had first)."""
        self.clear()
        return self.load(dataset)

    def clear(self) -> None:
        self.generation += 1
        for graph in list(self.dataset.graphs()):
            self.dataset.remove_graph(graph)
        self.dataset.remove((None, None, None))

    def query(self, sparql: str) -> Result:
        return self.dataset.query(sparql)

    def select_text(self, sparql: str) -> tuple[list[str], list[tuple[str | None, ...]]]:
        """A SELECT's variables and rows as plain strings (IRIs, lexical forms; None where unbound),
        for readers that only show text, such as the explorer. Rows with nothing bound are left
        out, as rdflib leaves them out of its results."""
        result = self.query(sparql)
        return [str(v) for v in result.vars], [tuple(None if t is None else str(t) for t in row) for row in result]

    def export(self, fmt: str = "turtle") -> bytes:
        """Everything the store holds in an RDF format; triple formats merge the named graphs."""
        return rdfio.dumps(self.dataset, fmt).encode("utf-8")

    def is_empty(self) -> bool:
        return next(iter(self.dataset.quads((None, None, None, None))), None) is None

    def __len__(self) -> int:
        return sum(1 for _ in self.dataset.quads((None, None, None, None)))

    def close(self) -> None:
        close_pool(self)
        self.dataset.close()


@dataclass
class OxigraphStore(Store):
    """Embedded Oxigraph; its Dataset goes through oxrdflib, loads, queries and counts straight to pyoxigraph."""

    persistent: bool = False

    @property
    def native(self) -> ox.Store:
        """The pyoxigraph store itself, for work where rdflib's per-triple objects cost too much."""
        return self.dataset.store._inner

    @_replacing_ontology
    def load(self, dataset: Dataset) -> int:
        self.generation += 1
        self.native.load(rdfio.dumps(dataset, "nquads").encode("utf-8"), ox.RdfFormat.N_QUADS)
        return len(self)

    @_settling_ontology
    def load_file(self, path: Path, fmt: str | None = None) -> int:
        """Parse the file in Rust; on disk through the bulk loader, which writes RocksDB files directly."""
        f = _file_format(path, fmt)
        self.generation += 1
        loader = self.native.bulk_load if self.persistent else self.native.load
        with _reading(path, f):
            loader(path=str(path), format=OX_FORMATS[f.name])
        return len(self)

    def clear(self) -> None:
        self.generation += 1
        self.native.clear()

    def drop_graph(self, name) -> None:
        self.generation += 1
        graph = ox.NamedNode(str(name))
        if self.native.contains_named_graph(graph):
            self.native.remove_graph(graph)

    def query(self, sparql: str) -> Result:
        """Evaluate in pyoxigraph over the union of graphs and hand back an rdflib Result.

        Straight to pyoxigraph rather than through oxrdflib: turning result terms into rdflib
        terms is most of the cost of a big result, and `kg.terms` does it once per distinct term.
        SELECT rows are evaluated and converted as they are read.
        """
        answer = self._evaluate(sparql)
        if isinstance(answer, ox.QuerySolutions):
            return SelectResult([v.value for v in answer.variables], rows_from_ox(answer))
        if isinstance(answer, ox.QueryBoolean):
            result = Result("ASK")
            result.askAnswer = bool(answer)
            return result
        convert = TermCache().__getitem__
        result = Result("CONSTRUCT")
        result.graph = Graph()
        result.graph += ((convert(t.subject), convert(t.predicate), convert(t.object)) for t in answer)
        return result

    def _evaluate(self, sparql: str):
        """pyoxigraph's own answer, over the union of the graphs, with the project's prefixes known."""
        return self.native.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES)

    def select_text(self, sparql: str) -> tuple[list[str], list[tuple[str | None, ...]]]:
        """Strings straight from pyoxigraph's terms: no rdflib term is made (the explorer's bulk
        reads took up to 1.9x less time than as terms at a million triples)."""
        answer = self._evaluate(sparql)
        if not isinstance(answer, ox.QuerySolutions):
            raise TypeError("select_text takes a SELECT query")
        variables = [v.value for v in answer.variables]
        empty = (None,) * len(variables)
        return variables, [row for row in text_rows(answer) if row != empty]

    def export(self, fmt: str = "turtle") -> bytes:
        """Serialised by Oxigraph, 20x faster than rdflib (2.4 s for a million triples in Turtle);
        the union of the named graphs for triple formats."""
        f = rdfio.get_format(fmt)
        prefixes = None if f.name in ("nt", "nquads") else PREFIXES
        if f.quads:
            return self.native.dump(format=OX_FORMATS[f.name], prefixes=prefixes)
        union = self._evaluate("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
        return ox.serialize(union, format=OX_FORMATS[f.name], prefixes=prefixes)

    def is_empty(self) -> bool:
        return next(iter(self.native.quads_for_pattern(None, None, None, None)), None) is None

    def __len__(self) -> int:
        return len(self.native)

    def close(self) -> None:
        close_pool(self)
        if self.persistent:
            self.native.flush()
        self.dataset.close()


# Accept headers for the query protocol by query form: Virtuoso answers a CONSTRUCT in the first
# type listed, even SPARQL results JSON, so a CONSTRUCT must not list that type at all.
_ACCEPT_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
_ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9"
_ACCEPT_ANY = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.I)
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
_QUAD_TYPES = {"nquads": "application/n-quads", "trig": "application/trig"}


def query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE, read after the prologue; None if the text starts otherwise."""
    form = _FORM.match(sparql, _PROLOGUE.match(sparql).end())
    return form.group(1).upper() if form else None


@dataclass(frozen=True)
class Engine:
    """What a SPARQL server does apart from the standard, known from its HTTP `Server` header."""

    name: str
    own_graphs: tuple[str, ...] = ()  # graphs the server keeps for itself: hidden, never counted, exported or dropped
    default_graph: bool = True  # has a default graph of its own to load triples into
    gsp_dataset: bool | None = None  # its Graph Store takes a whole dataset in one POST (None: try once)

    @property
    def preamble(self) -> str:
        """Text sent before every query to hide `own_graphs` (Virtuoso's pragmas: no standard way)."""
        return "".join(f"DEFINE input:default-graph-exclude <{g}>\nDEFINE input:named-graph-exclude <{g}>\n"
                       for g in self.own_graphs)


STANDARD = Engine("standard")
# Virtuoso (7.2, Debian): its default graph is the union of every graph, its own included, and it
# has none to write to; its Graph Store answers a dataset POST with an HTML form (200) and stores nothing.
VIRTUOSO = Engine("Virtuoso", own_graphs=("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#",
                                          "http://localuriqaserver/sparql"),
                  default_graph=False, gsp_dataset=False)


@dataclass
class RemoteStore(Store):
    """A SPARQL 1.1 endpoint: Query protocol for reading, Graph Store protocol or Update for loading.

    Loading is idempotent because every node of a build is an IRI: quads are a set, so posting
    the same ones twice adds nothing.
    """

    query_url: str = ""
    update_url: str | None = None
    store_url: str | None = None
    timeout_s: float = 300.0
    # Whether STORE_URL takes a whole dataset (N-Quads) in one POST, as Oxigraph, Fuseki and
    # RDF4J do; None means the engine's profile says, else try it once. The standard fallback
    # posts each named graph apart.
    gsp_quads: bool | None = None
    update_batch: int = field(default=20_000, repr=False)
    user: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)
    _engine: Engine | None = field(default=None, repr=False)
    _writer: urllib.request.OpenerDirector | None = field(default=None, repr=False)

    @property
    def writable(self) -> bool:
        return bool(self.store_url or self.update_url)

    @property
    def engine(self) -> Engine:
        """Learnt once, from an ASK for Virtuoso's own graph and the answer's `Server` header (a
        proxy in front may replace the header, not the graph). An endpoint that refuses the ASK
        (`stancekg serve` allows only the project's graphs) is not Virtuoso."""
        if self._engine is None:
            try:
                body, ctype, server = self._ask_protocol(
                    f"ASK {{ GRAPH <{VIRTUOSO.own_graphs[0]}> {{ ?s ?p ?o }} }}", _ACCEPT_RESULTS)
            except StoreError as exc:
                if exc.status != 400:
                    raise
                self._engine = STANDARD
                return self._engine
            fmt = "xml" if ctype == "application/sparql-results+xml" else "json"
            found = Result.parse(io.BytesIO(body), format=fmt).askAnswer
            self._engine = VIRTUOSO if found or server.startswith("Virtuoso") else STANDARD
        return self._engine

    # reading ---------------------------------------------------------------------------------
    def query(self, sparql: str) -> Result:
        """Send the query with the project's prefixes declared first, as the embedded stores know
        them, asking for the result format its form calls for."""
        form = query_form(sparql)
        accept = {"SELECT": _ACCEPT_RESULTS, "ASK": _ACCEPT_RESULTS, "CONSTRUCT": _ACCEPT_GRAPH,
                  "DESCRIBE": _ACCEPT_GRAPH}.get(form, _ACCEPT_ANY)
        # not before an ASK: Virtuoso 7.2 then answers true for any GRAPH <iri> { ... }, even an absent one
        preamble = self.engine.preamble if form != "ASK" else ""
        body, ctype, _ = self._ask_protocol(preamble + sparql_prologue() + sparql, accept)
        if ctype in ("application/sparql-results+json", "application/json"):
            return Result.parse(io.BytesIO(body), format="json")
        if ctype == "application/sparql-results+xml":
            return Result.parse(io.BytesIO(body), format="xml")
        rdf = {"application/n-triples": "nt", "text/turtle": "turtle", "text/plain": "nt"}.get(ctype)
        if rdf is None:
            raise StoreError(f"{self.query_url} answered in an unexpected format: {ctype or 'none'}")
        result = Result("CONSTRUCT")
        result.graph = Graph().parse(data=body, format=rdf)
        return result

    def _ask_protocol(self, text: str, accept: str) -> tuple[bytes, str, str]:
        """A query by URL-encoded POST, which every engine takes (Virtuoso 7.2 never answers a
        direct `application/sparql-query` POST: openlink/virtuoso-opensource#842)."""
        return self._exchange("POST", self.query_url, urllib.parse.urlencode({"query": text}).encode("ascii"),
                              {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})

    def is_empty(self) -> bool:
        """A SELECT, not an ASK, so that a server's own graphs stay hidden (see `query`)."""
        return not list(self.query("SELECT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } LIMIT 1"))

    def export(self, fmt: str = "turtle") -> bytes:
        """Read through the query protocol in one request and serialised here. Quad formats hold
        the named graphs (as `len` counts them); triple formats the default graph, their union."""
        f = rdfio.get_format(fmt)
        dataset = Dataset()
        if f.quads:
            for s, p, o, g in self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
                dataset.graph(g).add((s, p, o))
        else:
            dataset.default_graph += self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph
        return rdfio.dumps(dataset, f.name).encode("utf-8")

    def __len__(self) -> int:
        """Quads in named graphs: a union default graph would count each twice, so triples loaded
        into the default graph itself (from Turtle, say) are not counted."""
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0][0])

    # writing ---------------------------------------------------------------------------------
    @_replacing_ontology
    def load(self, dataset: Dataset) -> int:
        self._load_quads(rdfio.dumps(dataset, "nquads").encode("utf-8"), "nquads")
        return len(self)

    @_settling_ontology
    def load_file(self, path: Path, fmt: str | None = None) -> int:
        """Post the file as it is to STORE_URL, else parse it here and send INSERT DATA in batches,
        after a first reading that finds any error before the first batch is sent. JSON-LD, which
        may hold named graphs, is parsed here and posted a graph at a time."""
        f = _file_format(path, fmt)
        self._check_writable()
        if not f.quads and not self.engine.default_graph:
            raise StoreError(f"{path}: {self.engine.name} has no default graph to load {f.name} into: "
                             "load N-Quads or TriG, which name each triple's graph")
        try:
            with _reading(path, f):
                if not self.store_url:
                    for _ in ox.parse(path=str(path), format=OX_FORMATS[f.name]):
                        pass
                if f.quads and f.name in _QUAD_TYPES:
                    self._load_quads(Path(path), f.name)
                elif self.store_url and not f.quads:
                    with Path(path).open("rb") as data:
                        self._write(_graph_url(self.store_url, None), data,
                                    {"Content-Type": f.media_type, "Content-Length": str(Path(path).stat().st_size)})
                elif self.store_url:
                    self._post_graphs(ox.parse(path=str(path), format=OX_FORMATS[f.name]))
                else:
                    self._insert(ox.parse(path=str(path), format=OX_FORMATS[f.name]))
        except StoreError as exc:
            if exc.status is None:
                raise
            raise StoreError(f"{path}: {exc}", exc.status) from exc  # the server refused this file
        return len(self)

    def clear(self) -> None:
        """Drop every graph; on a server with graphs of its own, each of the others by name: its
        own must stay, and Virtuoso 7.2 answers `DROP ALL` with 200 and drops nothing."""
        if not self.update_url:
            raise StoreError(f"store '{self.spec}' has no update endpoint: cannot drop its graphs")
        if not self.engine.own_graphs:
            self._update("DROP SILENT ALL")
            return
        graphs = [str(row[0]) for row in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")]
        for start in range(0, len(graphs), 500):
            self._update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs[start:start + 500]))

    def drop_graph(self, name) -> None:
        self._check_writable()
        self._update(f"DROP SILENT GRAPH <{name}>")

    def close(self) -> None:
        """Only the query workers to stop: every request opens and closes its own connection."""
        close_pool(self)

    def _check_writable(self) -> None:
        if not self.writable:
            raise StoreError(f"store '{self.spec}' is read-only: give an update or graph store URL")

    def _load_quads(self, data: bytes | Path, fmt: str) -> None:
        self._check_writable()
        if self.gsp_quads is None:
            self.gsp_quads = self.engine.gsp_dataset
        if self.store_url and self.gsp_quads is not False:
            try:
                self._post_dataset(data, fmt)
                self.gsp_quads = True
                return
            except StoreError as exc:
                if self.gsp_quads or exc.status not in (400, 405, 415):
                    raise
                self.gsp_quads = False
        quads = list(ox.parse(data, OX_FORMATS[fmt]) if isinstance(data, bytes) else
                     ox.parse(path=str(data), format=OX_FORMATS[fmt]))
        if not self.engine.default_graph and any(isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
            where = data if isinstance(data, Path) else "the data"
            raise StoreError(f"{where}: {self.engine.name} has no default graph to load triples into: "
                             "every quad must name its graph")
        if self.store_url:
            self._post_graphs(quads)
        else:
            self._insert(quads)

    def _post_dataset(self, data: bytes | Path, fmt: str) -> None:
        headers = {"Content-Type": _QUAD_TYPES[fmt]}
        if isinstance(data, bytes):
            self._write(self.store_url, data, headers)
            return
        headers["Content-Length"] = str(data.stat().st_size)
        with data.open("rb") as stream:
            self._write(self.store_url, stream, headers)

    def _post_graphs(self, quads) -> None:
        """The standard Graph Store Protocol: one POST of N-Triples per named graph."""
        graphs: dict[str | None, list[str]] = {}
        for q in quads:
            name = None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
            graphs.setdefault(name, []).append(f"{q.subject} {q.predicate} {q.object} .\n")
        for name, lines in graphs.items():
            self._write(_graph_url(self.store_url, name), "".join(lines).encode("utf-8"),
                        {"Content-Type": "application/n-triples"})

    def _insert(self, quads) -> None:
        """SPARQL Update `INSERT DATA`, in batches so no request grows without bound."""
        batch: list[str] = []

        def flush() -> None:
            if batch:
                self._update("INSERT DATA {\n" + "".join(batch) + "}")
                batch.clear()

        for q in quads:
            triple = f"{q.subject} {q.predicate} {q.object} ."
            batch.append(triple + "\n" if isinstance(q.graph_name, ox.DefaultGraph)
                         else f"GRAPH {q.graph_name} {{ {triple} }}\n")
            if len(batch) >= self.update_batch:
                flush()
        flush()

    def _update(self, text: str) -> None:
        self._write(self.update_url, text.encode("utf-8"), {"Content-Type": "application/sparql-update"})

    def _write(self, url: str, data, headers: dict) -> None:
        """A POST that changes the store: the only requests that answer the server's Basic or Digest
        challenge with the credentials. Queries, which may come from users, never carry them: on
        Virtuoso a user with update rights may also make the server fetch any URL (SERVICE, sponger)."""
        if self.user and hasattr(data, "read"):
            data = data.read()  # a challenge makes urllib send the body again: a stream would be spent
        if self._writer is None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for target in filter(None, (self.update_url, self.store_url)):
                passwords.add_password(None, target, self.user or "", self.password or "")
            handlers = [urllib.request.HTTPDigestAuthHandler(passwords),
                        urllib.request.HTTPBasicAuthHandler(passwords)] if self.user else []
            self._writer = urllib.request.build_opener(*handlers)
        self._exchange("POST", url, data, headers, self._writer.open)

    def _exchange(self, method: str, url: str, data, headers: dict,
                  open_url=urllib.request.urlopen) -> tuple[bytes, str, str]:
        """One request: the body, its media type and the `Server` header; errors as StoreError."""
        request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310 - URL from the store spec
        try:
            with open_url(request, timeout=self.timeout_s) as response:
                ctype = response.headers.get("Content-Type", "").split(";")[0].strip()
                return response.read(), ctype, response.headers.get("Server", "")
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:500].decode("utf-8", "replace").strip()
            raise StoreError(f"{url} answered {exc.code}: {detail or exc.reason}", exc.code) from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise StoreError(f"cannot reach {url}: {getattr(exc, 'reason', exc)}") from exc


def _graph_url(store_url: str, graph: str | None) -> str:
    query = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
    return f"{store_url}{'&' if '?' in store_url else '?'}{query}"


def _file_format(path: Path, fmt: str | None) -> rdfio.Format:
    """The file's format, once the refusals that come before parsing have passed (see `rdfio`)."""
    f = rdfio.get_format(fmt) if fmt else rdfio.format_for_path(Path(path))
    if f.name in ("xml", "json-ld"):
        try:
            rdfio.check_safe(Path(path).read_bytes(), f.name)
        except ValueError as exc:
            raise StoreError(f"{path}: {exc}") from exc
    return f


@contextmanager
def _reading(path: Path, f: rdfio.Format):
    """Oxigraph's parse errors as one line naming the file; a term over its buffer is one of them."""
    try:
        yield
    except SyntaxError as exc:
        raise StoreError(f"{path}: not valid {f.name}: {exc}") from exc
    except MemoryError as exc:
        if "buffer maximal size" not in str(exc):
            raise StoreError(f"{path}: out of memory while loading it: {exc}") from exc
        raise StoreError(f"{path}: a literal or IRI in it is longer than the {_BUFFER_MB} MB Oxigraph reads "
                         "as one piece: it cannot be loaded") from exc


_BUFFER_MB = 16  # oxrdfio's largest token (the error says 16777216 bytes)


# choosing and opening -------------------------------------------------------------------------
def read_config(path: Path | None = None) -> dict:
    """The config file's settings ({} when there is none); `$STANCEKG_CONFIG` names another file."""
    named = path or os.environ.get(CONFIG_ENV)
    path = Path(named or CONFIG_FILE)
    if not path.is_file():
        if named:
            raise StoreError(f"config file {path} not found")
        return {}
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise StoreError(f"{path}: not valid TOML: {exc}") from exc


def configured_spec(spec: str | None = None) -> str:
    """The store spec in force: the argument, then $STANCEKG_STORE, the config file, the default."""
    return spec or os.environ.get(STORE_ENV) or str(read_config().get("store") or "") or DEFAULT_SPEC


def open_store(spec: str | None = None) -> Store:
    """Open the store a spec names (see the module docstring for specs and precedence)."""
    spec = configured_spec(spec)
    kind, _, arg = spec.partition(":")
    if kind == "oxigraph":
        return _open_oxigraph(spec, arg)
    if kind == "memory" and not arg:
        return Store(spec, bind_prefixes(Dataset(default_union=True)))
    if kind == "sparql" or kind in ("http", "https"):
        urls = [u.strip() or None for u in (arg if kind == "sparql" else spec).split(",")]
        if not urls[0] or len(urls) > 3 or not all(u.startswith(("http://", "https://")) for u in urls if u):
            raise StoreError(f"bad store '{spec}': use sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]] (http or https)")
        query_url, update_url, store_url = (urls + [None, None])[:3]
        backend = SPARQLUpdateStore(query_url, update_url, method="POST_FORM", returnFormat="json") \
            if update_url else SPARQLStore(query_url, method="POST_FORM", returnFormat="json")
        return RemoteStore(spec, bind_prefixes(Dataset(store=backend, default_union=True)),
                           query_url=query_url, update_url=update_url, store_url=store_url,
                           user=os.environ.get(USER_ENV) or None, password=os.environ.get(PASSWORD_ENV))
    raise StoreError(f"unknown store '{spec}': use oxigraph, oxigraph:DIR, memory or sparql:QUERY_URL[,...]")


def _open_oxigraph(spec: str, directory: str) -> OxigraphStore:
    try:
        native = ox.Store(directory) if directory else ox.Store()
    except OSError as exc:
        raise StoreError(f"cannot open Oxigraph store in {directory}: {exc} (only one process may open "
                         "it: if `stancekg serve` is running, query its endpoint instead)") from exc
    dataset = Dataset(store=_OxrdflibStore(store=native), default_union=True)
    return OxigraphStore(spec, bind_prefixes(dataset), persistent=bool(directory))


def is_empty(store: Store) -> bool:
    return store.is_empty()


def connect(spec: str | None = None, data_dir: Path | None = None) -> Store:
    """The configured store, filled from the curated data when it starts empty and can be written."""
    from kg.builder import DEFAULT_DATA_DIR, build

    store = open_store(spec)
    if store.writable and store.is_empty():
        store.load(build(data_dir or DEFAULT_DATA_DIR).dataset)
    return store
