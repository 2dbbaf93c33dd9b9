"""Regenerate every file made from the ontology source: `python -m ontology.generate`.

Writes ai-stance.owl (RDF/XML, for Protégé), ai-stance.ttl (Turtle) and docs/vocabulary.md.
A test fails when the committed files differ from what this would write.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import XSD

from ontology import OWL_PATH, TTL_PATH
from ontology.source import build_ontology
from ontology.terms import PREFIXES


def owl_bytes() -> bytes:
    """The ontology as owlready2 writes it (RDF/XML), built fresh from the source."""
    buf = io.BytesIO()
    build_ontology().save(file=buf, format="rdfxml")
    return buf.getvalue()


def _plain_strings(graph: Graph) -> Graph:
    """xsd:string literals as plain literals (the same in RDF 1.1; JSON-LD keeps only the latter)."""
    for s, p, o in list(graph):
        if isinstance(o, Literal) and o.datatype == XSD.string:
            graph.remove((s, p, o))
            graph.add((s, p, Literal(str(o))))
    return graph


def ontology_graph(data: bytes | None = None) -> Graph:
    """The ontology as rdflib sees it, built fresh from the source (or parsed from `data`)."""
    graph = _plain_strings(Graph().parse(data=data or owl_bytes(), format="xml"))
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    return graph


def rendered() -> dict[Path, str | bytes]:
    """Every generated file's path and the content it should have."""
    data = owl_bytes()
    graph = ontology_graph(data)
    from ontology.docs import vocabulary_markdown

    return {
        TTL_PATH: graph.serialize(format="turtle"),
        OWL_PATH: data,
        Path(__file__).resolve().parent.parent / "docs" / "vocabulary.md": vocabulary_markdown(graph),
    }


def main() -> int:
    from kg.store.files import atomic_write

    for path, text in rendered().items():
        if path.suffix in (".owl", ".ttl") and path.exists() and _same_rdf(path, text):
            print(f"unchanged {path}")  # owlready2 orders its output differently each run
            continue
        atomic_write(path, text)
        print(f"wrote {path}")
    return 0


def _same_rdf(path: Path, text: str | bytes) -> bool:
    from rdflib.compare import isomorphic

    fmt = "xml" if path.suffix == ".owl" else "turtle"
    return isomorphic(Graph().parse(path, format=fmt), Graph().parse(data=text, format=fmt))


if __name__ == "__main__":
    sys.exit(main())
