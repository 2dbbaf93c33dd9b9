"""Every file made from the ontology source, rendered in memory.

ai-stance.ttl (Turtle), ai-stance.owl (RDF/XML, for Protégé), shapes.ttl (SHACL) and
docs/vocabulary.md. `python -m kg.rdf.generate` writes them; a test per file fails when the
committed file differs from what this renders.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from ontology import OWL_PATH, SHAPES_PATH, TTL_PATH
from ontology.docs import vocabulary_markdown
from ontology.owl import ontology_graph
from ontology.shapes import shapes_turtle

VOCABULARY_PATH = Path(__file__).resolve().parent.parent / "docs" / "vocabulary.md"


def rendered(seed: Graph | None = None) -> dict[Path, str]:
    """Every generated file's path and the text it should have (`seed` gives the docs' examples)."""
    graph = ontology_graph()
    return {
        TTL_PATH: graph.serialize(format="turtle"),
        OWL_PATH: graph.serialize(format="xml"),
        SHAPES_PATH: shapes_turtle(),
        VOCABULARY_PATH: vocabulary_markdown(graph, seed),
    }
