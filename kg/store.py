"""Where the graph lives: one abstraction over embedded Oxigraph (default) and rdflib memory.

A store is an rdflib Dataset over some backend, so every caller (CLI, explorer, tests) uses
one API. Oxigraph answers SPARQL natively through oxrdflib; rdflib memory is for comparison.
Chosen by a spec string: `oxigraph` (in memory), `oxigraph:DIR` (persistent), `memory`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset
from rdflib.query import Result

from kg import rdfio
from kg.namespaces import bind_prefixes

STORE_ENV = "STANCEKG_STORE"
DEFAULT_SPEC = "oxigraph"


@dataclass
class Store:
    """A named backend holding the dataset; `query` runs SPARQL over the union of its graphs."""

    spec: str
    dataset: Dataset

    def load(self, dataset: Dataset) -> int:
        """Add a built dataset's quads; loading the same build twice adds nothing new."""
        if self.spec.startswith("oxigraph"):
            self.dataset.parse(data=rdfio.dumps(dataset, "nquads"), format="ox-nquads")
        else:
            for quad in dataset.quads((None, None, None, None)):
                self.dataset.add(quad)
        return len(self)

    def replace(self, dataset: Dataset) -> int:
        """Make the store hold exactly `dataset` (drop what it had first)."""
        for graph in list(self.dataset.graphs()):
            self.dataset.remove_graph(graph)
        self.dataset.remove((None, None, None))
        return self.load(dataset)

    def query(self, sparql: str) -> Result:
        return self.dataset.query(sparql)

    def __len__(self) -> int:
        return sum(1 for _ in self.dataset.quads((None, None, None, None)))

    def close(self) -> None:
        self.dataset.close()


def open_store(spec: str | None = None) -> Store:
    """Open the store a spec names (default: $STANCEKG_STORE, else in-memory Oxigraph)."""
    spec = spec or os.environ.get(STORE_ENV) or DEFAULT_SPEC
    kind, _, arg = spec.partition(":")
    if kind == "oxigraph":
        ds = Dataset(store="Oxigraph", default_union=True)
        if arg:
            ds.open(str(Path(arg)), create=not Path(arg).exists())
    elif kind == "memory":
        ds = Dataset(default_union=True)
    else:
        raise ValueError(f"unknown store '{spec}': use oxigraph, oxigraph:DIR or memory")
    return Store(spec, bind_prefixes(ds))


def is_empty(store: Store) -> bool:
    return next(iter(store.dataset.quads((None, None, None, None))), None) is None


def connect(spec: str | None = None, data_dir: Path | None = None) -> Store:
    """The configured store, filled from the curated data when it starts empty (in memory)."""
    from kg.builder import DEFAULT_DATA_DIR, build

    store = open_store(spec)
    if is_empty(store):
        store.load(build(data_dir or DEFAULT_DATA_DIR).dataset)
    return store
