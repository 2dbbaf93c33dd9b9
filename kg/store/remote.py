"""A SPARQL 1.1 endpoint as a store: the Query protocol for reading, Graph Store protocol or Update for loading."""

from __future__ import annotations

import io
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph
from rdflib.query import Result

from kg.rdf.namespaces import sparql_prologue
from kg.sparql.pool import close_pool
from kg.store import rdfio
from kg.store.base import (
    OX_FORMATS,
    Store,
    StoreError,
    file_format,
    parse_errors,
    replacing_ontology,
    settling_ontology,
)

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

    def graph_size(self, name) -> int:
        """As the base class, with the graph bound by a filter: behind the preamble's exclusions
        Virtuoso 7.2 finds nothing in `GRAPH <iri> { ... }`."""
        found = self.query(f"SELECT (COUNT(?s) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g = <{name}>) }}")
        return int(next(iter(found))[0])

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
                dataset.graph(g).add((_blank_label(s), p, _blank_label(o)))
        else:
            dataset.default_graph += self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph
        return rdfio.dumps(dataset, f.name).encode("utf-8")

    def __len__(self) -> int:
        """Quads in named graphs: a union default graph would count each twice, so triples loaded
        into the default graph itself (from Turtle, say) are not counted."""
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0][0])

    # writing ---------------------------------------------------------------------------------
    @replacing_ontology
    def load(self, dataset: Dataset) -> int:
        self._load_quads(rdfio.dumps(dataset, "nquads").encode("utf-8"), "nquads")
        return len(self)

    @settling_ontology
    def load_file(self, path: Path, fmt: str | None = None) -> int:
        """Post the file as it is to STORE_URL, else parse it here and send INSERT DATA in batches,
        after a first reading that finds any error before the first batch is sent. JSON-LD, which
        may hold named graphs, is parsed here and posted a graph at a time."""
        f = file_format(path, fmt)
        self._check_writable()
        if not f.quads and not self.engine.default_graph:
            raise StoreError(f"{path}: {self.engine.name} has no default graph to load {f.name} into: "
                             "load N-Quads or TriG, which name each triple's graph")
        try:
            with parse_errors(path, f):
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

    def drop_graph(self, name) -> None:
        self._check_writable()
        self._update(f"DROP SILENT GRAPH <{name}>")

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

        blank: dict[str, list[str]] = {}  # INSERT DATA may not hold blank nodes (Virtuoso refuses them): one
        for q in quads:        # INSERT ... WHERE {} holds them all, so each stays one node
            triple = f"{q.subject} {q.predicate} {q.object} ."
            default = isinstance(q.graph_name, ox.DefaultGraph)
            line = triple + "\n" if default else f"GRAPH {q.graph_name} {{ {triple} }}\n"
            if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
                blank.setdefault("" if default else str(q.graph_name), []).append(triple + "\n")
                continue
            batch.append(line)
            if len(batch) >= self.update_batch:
                flush()
        flush()
        if blank:
            self._update("INSERT {\n" + "".join(f"GRAPH {g} {{\n{''.join(lines)}}}\n" if g else "".join(lines)
                                               for g, lines in blank.items()) + "} WHERE {}")

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


def _blank_label(term):
    """A blank node whose label N-Quads can write: Virtuoso names them `nodeID://b10264`."""
    if isinstance(term, BNode) and not str(term).replace("_", "").isalnum():
        return BNode("v" + "".join(ch if ch.isalnum() else "_" for ch in str(term)))
    return term
