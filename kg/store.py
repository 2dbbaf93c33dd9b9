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

Which spec (first found wins): the `--store` option, `$STANCEKG_STORE`, `store = "..."` in
the config file (`$STANCEKG_CONFIG`, else `./stancekg.toml`), then `oxigraph`.
"""

from __future__ import annotations

import io
import os
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

from kg import rdfio
from kg.namespaces import bind_prefixes, sparql_prologue
from kg.terms import SelectResult, TermCache, rows_from_ox, text_rows
from ontology.terms import PREFIXES

STORE_ENV = "STANCEKG_STORE"
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


@dataclass
class Store:
    """A named backend holding the dataset; `query` runs SPARQL over the union of its graphs.

    This base class is rdflib's in-memory store (`memory`); the others subclass it.
    """

    spec: str
    dataset: Dataset

    @property
    def writable(self) -> bool:
        return True

    def load(self, dataset: Dataset) -> int:
        """Add a built dataset's quads; loading the same build twice adds nothing new."""
        for quad in dataset.quads((None, None, None, None)):
            self.dataset.add(quad)
        return len(self)

    def load_file(self, path: Path, fmt: str | None = None) -> int:
        """Add an RDF file's quads (format from its suffix); triple formats go to the default graph.

        Parsed whole by Oxigraph before anything is added, as in the other stores: rdflib's own
        N-Triples parser slows with the square of a line's length (a long literal hangs it), and
        its JSON-LD parser fetches contexts named by address.
        """
        f = _file_format(path, fmt)
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

    def replace(self, dataset: Dataset) -> int:
        """Make the store hold exactly `dataset` (drop what it had first)."""
        self.clear()
        return self.load(dataset)

    def clear(self) -> None:
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
        self.dataset.close()


@dataclass
class OxigraphStore(Store):
    """Embedded Oxigraph; its Dataset goes through oxrdflib, loads, queries and counts straight to pyoxigraph."""

    persistent: bool = False

    @property
    def native(self) -> ox.Store:
        """The pyoxigraph store itself, for work where rdflib's per-triple objects cost too much."""
        return self.dataset.store._inner

    def load(self, dataset: Dataset) -> int:
        self.native.load(rdfio.dumps(dataset, "nquads").encode("utf-8"), ox.RdfFormat.N_QUADS)
        return len(self)

    def load_file(self, path: Path, fmt: str | None = None) -> int:
        """Parse the file in Rust; on disk through the bulk loader, which writes RocksDB files directly."""
        f = _file_format(path, fmt)
        loader = self.native.bulk_load if self.persistent else self.native.load
        with _reading(path, f):
            loader(path=str(path), format=OX_FORMATS[f.name])
        return len(self)

    def clear(self) -> None:
        self.native.clear()

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
        if self.persistent:
            self.native.flush()
        self.dataset.close()


# Accept header for the query protocol: the server picks by query form (SELECT/ASK or CONSTRUCT).
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_QUAD_TYPES = {"nquads": "application/n-quads", "trig": "application/trig"}


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
    # RDF4J do; None means try it once. The standard fallback posts each named graph apart.
    gsp_quads: bool | None = None
    update_batch: int = field(default=20_000, repr=False)

    @property
    def writable(self) -> bool:
        return bool(self.store_url or self.update_url)

    # reading ---------------------------------------------------------------------------------
    def query(self, sparql: str) -> Result:
        """Send the query with the project's prefixes declared first, as the embedded stores know them."""
        body, ctype = self._http("POST", self.query_url, (sparql_prologue() + sparql).encode("utf-8"),
                                 {"Content-Type": "application/sparql-query", "Accept": _ACCEPT})
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

    def is_empty(self) -> bool:
        return not self.query("ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }").askAnswer

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
    def load(self, dataset: Dataset) -> int:
        self._load_quads(rdfio.dumps(dataset, "nquads").encode("utf-8"), "nquads")
        return len(self)

    def load_file(self, path: Path, fmt: str | None = None) -> int:
        """Post the file as it is to STORE_URL, else parse it here and send INSERT DATA in batches,
        after a first reading that finds any error before the first batch is sent. JSON-LD, which
        may hold named graphs, is parsed here and posted a graph at a time."""
        f = _file_format(path, fmt)
        self._check_writable()
        try:
            with _reading(path, f):
                if not self.store_url:
                    for _ in ox.parse(path=str(path), format=OX_FORMATS[f.name]):
                        pass
                if f.quads and f.name in _QUAD_TYPES:
                    self._load_quads(Path(path), f.name)
                elif self.store_url and not f.quads:
                    with Path(path).open("rb") as data:
                        self._http("POST", _graph_url(self.store_url, None), data,
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
        if not self.update_url:
            raise StoreError(f"store '{self.spec}' has no update endpoint: cannot drop its graphs")
        self._http("POST", self.update_url, b"DROP SILENT ALL",
                   {"Content-Type": "application/sparql-update"})

    def close(self) -> None:
        """Nothing to release: every request opens and closes its own connection."""

    def _check_writable(self) -> None:
        if not self.writable:
            raise StoreError(f"store '{self.spec}' is read-only: give an update or graph store URL")

    def _load_quads(self, data: bytes | Path, fmt: str) -> None:
        self._check_writable()
        if self.store_url and self.gsp_quads is not False:
            try:
                self._post_dataset(data, fmt)
                self.gsp_quads = True
                return
            except StoreError as exc:
                if self.gsp_quads or exc.status not in (400, 405, 415):
                    raise
                self.gsp_quads = False
        quads = ox.parse(data, OX_FORMATS[fmt]) if isinstance(data, bytes) else \
            ox.parse(path=str(data), format=OX_FORMATS[fmt])
        if self.store_url:
            self._post_graphs(quads)
        else:
            self._insert(quads)

    def _post_dataset(self, data: bytes | Path, fmt: str) -> None:
        headers = {"Content-Type": _QUAD_TYPES[fmt]}
        if isinstance(data, bytes):
            self._http("POST", self.store_url, data, headers)
            return
        headers["Content-Length"] = str(data.stat().st_size)
        with data.open("rb") as stream:
            self._http("POST", self.store_url, stream, headers)

    def _post_graphs(self, quads) -> None:
        """The standard Graph Store Protocol: one POST of N-Triples per named graph."""
        graphs: dict[str | None, list[str]] = {}
        for q in quads:
            name = None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
            graphs.setdefault(name, []).append(f"{q.subject} {q.predicate} {q.object} .\n")
        for name, lines in graphs.items():
            self._http("POST", _graph_url(self.store_url, name), "".join(lines).encode("utf-8"),
                       {"Content-Type": "application/n-triples"})

    def _insert(self, quads) -> None:
        """SPARQL Update `INSERT DATA`, in batches so no request grows without bound."""
        batch: list[str] = []

        def flush() -> None:
            if batch:
                self._http("POST", self.update_url, ("INSERT DATA {\n" + "".join(batch) + "}").encode("utf-8"),
                           {"Content-Type": "application/sparql-update"})
                batch.clear()

        for q in quads:
            triple = f"{q.subject} {q.predicate} {q.object} ."
            batch.append(triple + "\n" if isinstance(q.graph_name, ox.DefaultGraph)
                         else f"GRAPH {q.graph_name} {{ {triple} }}\n")
            if len(batch) >= self.update_batch:
                flush()
        flush()

    def _http(self, method: str, url: str, data, headers: dict) -> tuple[bytes, str]:
        request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310 - URL from the store spec
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:  # noqa: S310
                ctype = response.headers.get("Content-Type", "").split(";")[0].strip()
                return response.read(), ctype
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
                           query_url=query_url, update_url=update_url, store_url=store_url)
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
