"""Namespaces and graph names, defined once for the whole library."""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from ontology.terms import GRAPH_BASE, ID_NS, NS, PREFIXES

ASK = Namespace(NS)
ID = Namespace(ID_NS)
SCHEMA = Namespace(PREFIXES["schema"])
OA = Namespace(PREFIXES["oa"])
DC = Namespace(PREFIXES["dc"])
WD = Namespace(PREFIXES["wd"])

ONTOLOGY_GRAPH = URIRef(GRAPH_BASE + "ontology")
REGISTRY_GRAPH = URIRef(GRAPH_BASE + "registry")
INFERRED_GRAPH = URIRef(GRAPH_BASE + "inferred")


def source_graph(source_id: str) -> URIRef:
    """The named graph holding everything one source contributes."""
    return URIRef(f"{GRAPH_BASE}source/{source_id}")


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


_NAMES = bind_prefixes(Graph(bind_namespaces="none")).namespace_manager


def curie(iri) -> str | None:
    """`id:elon-musk` for an IRI under a project prefix (the longest that fits, by rdflib's
    NamespaceManager), else None."""
    try:
        return _NAMES.curie(str(iri), generate=False)
    except (KeyError, ValueError):
        return None


def sparql_prologue() -> str:
    """PREFIX lines for every project prefix, prepended to user queries."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


__all__ = ["ASK", "ID", "SCHEMA", "OA", "DC", "WD", "GRAPH_BASE", "RDF", "RDFS", "OWL", "SKOS", "PROV", "DCTERMS",
           "XSD", "ONTOLOGY_GRAPH", "REGISTRY_GRAPH", "INFERRED_GRAPH", "source_graph",
           "bind_prefixes", "curie", "sparql_prologue"]
