"""The OWL ontology as an rdflib Graph, built from the term tables in `ontology.terms`.

Written directly as OWL 2's RDF mapping so that every term of the tables shows: union domains
and ranges (blank-node class expressions, as OWL requires), datatype unions, SKOS schemes of the
value vocabularies, and the ontology's metadata. owlready2 reads the result back (a test checks).
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD, Namespace

from ontology import terms as T
from ontology.term import Term

VANN = Namespace(T.PREFIXES["vann"])
_KINDS = {
    "class": OWL.Class,
    "object": OWL.ObjectProperty,
    "data": OWL.DatatypeProperty,
    "annotation": OWL.AnnotationProperty,
    "individual": OWL.NamedIndividual,
}


def iri(curie: str) -> URIRef:
    return URIRef(T.expand(curie))


def _union(g: Graph, members: list[URIRef], datatype: bool) -> BNode:
    node = BNode()
    g.add((node, RDF.type, RDFS.Datatype if datatype else OWL.Class))
    head = BNode()
    Collection(g, head, members)
    g.add((node, OWL.unionOf, head))
    return node


def _classes(g: Graph, curies: tuple[str, ...], datatype: bool = False):
    """One class (or datatype), or the union of several."""
    members = [iri(c) for c in curies]
    return members[0] if len(members) == 1 else _union(g, members, datatype)


def _describe(g: Graph, node: URIRef, term: Term) -> None:
    g.add((node, RDFS.label, Literal(term.en, lang="en")))
    g.add((node, RDFS.label, Literal(term.es, lang="es")))
    g.add((node, RDFS.comment, Literal(term.comment_en, lang="en")))
    g.add((node, RDFS.comment, Literal(term.comment_es, lang="es")))
    g.add((node, RDFS.isDefinedBy, URIRef(T.ONTOLOGY_IRI)))
    if term.scheme:  # a concept of a value vocabulary: SKOS labels too
        g.add((node, SKOS.prefLabel, Literal(term.en, lang="en")))
        g.add((node, SKOS.prefLabel, Literal(term.es, lang="es")))
        g.add((node, SKOS.definition, Literal(term.comment_en, lang="en")))
        g.add((node, SKOS.definition, Literal(term.comment_es, lang="es")))
        g.add((node, SKOS.inScheme, iri(term.scheme)))
        g.add((iri(term.scheme), SKOS.hasTopConcept, node))


def _property(g: Graph, node: URIRef, term: Term) -> None:
    sub = RDFS.subPropertyOf
    for parent in term.parents:
        g.add((node, sub, iri(parent)))
    if term.domain:
        g.add((node, RDFS.domain, _classes(g, term.domain)))
    if term.range:
        g.add((node, RDFS.range, _classes(g, term.range, datatype=term.kind == "data")))
    if term.functional:
        g.add((node, RDF.type, OWL.FunctionalProperty))
    if term.symmetric:
        g.add((node, RDF.type, OWL.SymmetricProperty))
    if term.inverse:
        g.add((node, OWL.inverseOf, iri(term.inverse)))


def _header(g: Graph) -> None:
    onto = URIRef(T.ONTOLOGY_IRI)
    g.add((onto, RDF.type, OWL.Ontology))
    g.add((onto, OWL.versionIRI, URIRef(T.VERSION_IRI)))
    g.add((onto, OWL.versionInfo, Literal(T.VERSION)))
    g.add((onto, DCTERMS.license, URIRef(T.LICENSE)))
    g.add((onto, VANN.preferredNamespacePrefix, Literal(T.PREFERRED_PREFIX)))
    g.add((onto, VANN.preferredNamespaceUri, Literal(T.NS, datatype=XSD.anyURI)))
    g.add((onto, RDFS.label, Literal("AI stance knowledge graph ontology", lang="en")))
    g.add((onto, RDFS.label, Literal("Ontología del grafo de posturas sobre la IA", lang="es")))
    g.add(
        (
            onto,
            RDFS.comment,
            Literal(
                "Actors, topics, stances, relations, events, AI systems and compute, and the sources every "
                "claim comes from.",
                lang="en",
            ),
        )
    )
    g.add(
        (
            onto,
            RDFS.comment,
            Literal(
                "Actores, temas, posturas, relaciones, acontecimientos, sistemas de IA y cómputo, y las fuentes "
                "de las que procede cada afirmación.",
                lang="es",
            ),
        )
    )
    for curie in T.EXTERNAL_ANNOTATIONS:
        g.add((iri(curie), RDF.type, OWL.AnnotationProperty))


def ontology_graph() -> Graph:
    """The whole ontology, fresh from the tables, with the project's prefixes bound."""
    g = Graph()
    for prefix, ns in T.PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    _header(g)
    for term in T.TERMS:
        node = iri("ask:" + term.name)
        g.add((node, RDF.type, _KINDS[term.kind]))
        _describe(g, node, term)
        if term.kind == "class":
            for parent in term.parents or ("owl:Thing",):
                g.add((node, RDFS.subClassOf, iri(parent)))
        elif term.kind == "individual":
            for cls in term.types:
                g.add((node, RDF.type, iri(cls)))
            for broader in term.parents:
                g.add((node, SKOS.broader, iri(broader)))
        else:
            _property(g, node, term)
    _declare_external(g)
    for a, b in T.OPPOSITES:
        g.add((iri(a), iri("ask:oppositeOf"), iri(b)))
    for group in T.DISJOINT:
        if len(group) == 2:
            g.add((iri(group[0]), OWL.disjointWith, iri(group[1])))
            continue
        node, head = BNode(), BNode()
        g.add((node, RDF.type, OWL.AllDisjointClasses))
        Collection(g, head, [iri(c) for c in group])
        g.add((node, OWL.members, head))
    return g


def _declare_external(g: Graph) -> None:
    """Declare the other vocabularies' classes and properties the terms name (OWL 2 DL wants
    every entity declared)."""
    classes, properties = set(), set()
    for term in T.TERMS:
        named = term.types + term.domain + (term.range if term.kind != "data" else ())
        classes.update(named + (term.parents if term.kind == "class" else ()))
        if term.kind in ("object", "data"):
            properties.update((p, term.kind) for p in term.parents)
    for curie in sorted(c for c in classes if not c.startswith(("ask:", "xsd:"))):
        g.add((iri(curie), RDF.type, OWL.Class))
    for curie, kind in sorted(p for p in properties if not p[0].startswith("ask:")):
        g.add((iri(curie), RDF.type, _KINDS[kind]))
