"""The AI stance ontology: its term tables, the OWL, SHACL and docs made from them.

Imports nothing from `kg`: the library depends on the ontology, never the reverse.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph

from ontology.terms import ONTOLOGY_IRI, PREFIXES, VERSION

HERE = Path(__file__).resolve().parent
TTL_PATH = HERE / "ai-stance.ttl"
OWL_PATH = HERE / "ai-stance.owl"
SHAPES_PATH = HERE / "shapes.ttl"


@lru_cache(maxsize=1)
def _graph_text() -> str:
    return TTL_PATH.read_text(encoding="utf-8")


def load_graph() -> Graph:
    """The committed ontology as an rdflib Graph (a fresh copy each call)."""
    return Graph().parse(data=_graph_text(), format="turtle")


__all__ = ["ONTOLOGY_IRI", "PREFIXES", "VERSION", "TTL_PATH", "OWL_PATH", "SHAPES_PATH", "load_graph"]
