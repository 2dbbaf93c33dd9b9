"""The ontology's single source of truth: every term we declare, as data, and its metadata.

The tables live in `ontology.classes`, `ontology.properties` and `ontology.values`; this module
gathers them. `ontology.owl` turns them into OWL, `ontology.shapes` (with `ontology.constraints`)
into SHACL, `ontology.docs` into docs/vocabulary.md, and `kg.vocab` reads the curation format's
words from them. Standard vocabularies are reused wherever they fit; only what they lack is
declared here.
"""

from __future__ import annotations

from ontology.classes import CLASSES, DISJOINT
from ontology.properties import ANNOTATION_PROPERTIES, DATA_PROPERTIES, DATES, OBJECT_PROPERTIES, THING_RANGES
from ontology.term import Term
from ontology.values import INDIVIDUALS, OPPOSITES, SCHEMES

BASE = "https://w3id.org/ai-stance-kg/"
ONTOLOGY_IRI = BASE + "ontology"
NS = ONTOLOGY_IRI + "#"
ID_NS = BASE + "id/"
GRAPH_BASE = BASE + "graph/"
SHAPES_NS = BASE + "shapes#"
VERSION = "0.2.0"
VERSION_IRI = f"{ONTOLOGY_IRI}/{VERSION}"
LICENSE = "https://spdx.org/licenses/MIT"
PREFERRED_PREFIX = "ask"

PREFIXES = {
    "ask": NS,
    "id": ID_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "oa": "http://www.w3.org/ns/oa#",
    "vann": "http://purl.org/vocab/vann/",
    "wd": "http://www.wikidata.org/entity/",
}

# curation words that are another name for a listed word
ALIASES = {"claim-kind": {"prediction": "plan"}}

# fact fields whose property is not ours: word -> (property, value kind)
EXTERNAL_FACTS = {"job_title": ("schema:jobTitle", "text")}

# annotation properties of other vocabularies that the ontology itself uses on its terms
EXTERNAL_ANNOTATIONS = (
    "skos:prefLabel",
    "skos:definition",
    "skos:inScheme",
    "skos:hasTopConcept",
    "skos:broader",
    "dcterms:license",
    "dcterms:title",
    "vann:preferredNamespacePrefix",
    "vann:preferredNamespaceUri",
)

TERMS: list[Term] = CLASSES + OBJECT_PROPERTIES + DATA_PROPERTIES + ANNOTATION_PROPERTIES + INDIVIDUALS + SCHEMES


def expand(curie: str) -> str:
    """The full IRI of a CURIE in the ontology's prefixes."""
    prefix, local = curie.split(":", 1)
    return PREFIXES[prefix] + local


def in_table(table: str) -> list[Term]:
    """The terms that carry a word of one curation table, in table order."""
    return [t for t in TERMS if t.table == table]


__all__ = [
    "ALIASES",
    "ANNOTATION_PROPERTIES",
    "BASE",
    "CLASSES",
    "DATA_PROPERTIES",
    "DATES",
    "DISJOINT",
    "EXTERNAL_ANNOTATIONS",
    "EXTERNAL_FACTS",
    "GRAPH_BASE",
    "ID_NS",
    "INDIVIDUALS",
    "LICENSE",
    "NS",
    "OBJECT_PROPERTIES",
    "ONTOLOGY_IRI",
    "OPPOSITES",
    "PREFERRED_PREFIX",
    "PREFIXES",
    "SCHEMES",
    "SHAPES_NS",
    "TERMS",
    "THING_RANGES",
    "VERSION",
    "VERSION_IRI",
    "Term",
    "expand",
    "in_table",
]
