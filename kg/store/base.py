"""The store abstraction: one API over every backend, with rdflib's in-memory store as the base case."""

from __future__ import annotations

import functools
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.query import Result

import ontology
from kg.rdf.fastterms import TermCache
from kg.rdf.namespaces import ONTOLOGY_GRAPH
from kg.sparql.pool import close_pool
from kg.store import rdfio

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


def replacing_ontology(load):
    """A load that brings the ontology graph replaces the one the store holds. The ontology's OWL
    class expressions (unions, lists) are blank nodes, which each load would otherwise add again."""

    @functools.wraps(load)
    def wrapper(self, dataset: Dataset) -> int:
        if next(iter(dataset.quads((None, None, None, ONTOLOGY_GRAPH))), None) is not None:
            self.drop_graph(ONTOLOGY_GRAPH)
        return load(self, dataset)

    return wrapper


def settling_ontology(load_file):
    """A file whose quads bring the ontology graph again leaves one copy of it, as generated: the
    same rule as `replacing_ontology`, told after the fact by the graph's growth (a file is not
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

    @replacing_ontology
    def load(self, dataset: Dataset) -> int:
        """Add a built dataset's quads; loading the same build twice adds nothing new."""
        self.generation += 1
        for quad in dataset.quads((None, None, None, None)):
            self.dataset.add(quad)
        return len(self)

    @settling_ontology
    def load_file(self, path: Path, fmt: str | None = None) -> int:
        """Add an RDF file's quads (format from its suffix); triple formats go to the default graph.

        Parsed whole by Oxigraph before anything is added, as in the other stores: rdflib's own
        N-Triples parser slows with the square of a line's length (a long literal hangs it), and
        its JSON-LD parser fetches contexts named by address.
        """
        f = file_format(path, fmt)
        self.generation += 1
        convert = TermCache().__getitem__
        with parse_errors(path, f):
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
        """How many triples one named graph holds (COUNT(*) here answers 1 on Virtuoso 7.2)."""
        return int(next(iter(self.query(f"SELECT (COUNT(?s) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}")))[0])

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


def file_format(path: Path, fmt: str | None) -> rdfio.Format:
    """The file's format, once the refusals that come before parsing have passed (see `rdfio`)."""
    f = rdfio.get_format(fmt) if fmt else rdfio.format_for_path(Path(path))
    if f.name in ("xml", "json-ld"):
        try:
            rdfio.check_safe(Path(path).read_bytes(), f.name)
        except ValueError as exc:
            raise StoreError(f"{path}: {exc}") from exc
    return f


@contextmanager
def parse_errors(path: Path, f: rdfio.Format):
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
