"""The ontology: generated files in step with the source, bilingual terms, useful axioms."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS

import ontology
from ontology import generate
from ontology.terms import NS


def test_committed_turtle_and_owl_match_the_source():
    fresh = generate.ontology_graph()
    committed_ttl = Graph().parse(ontology.TTL_PATH, format="turtle")
    committed_owl = generate.ontology_graph(ontology.OWL_PATH.read_bytes())
    assert isomorphic(fresh, committed_ttl), "ontology/ai-stance.ttl is stale: run python -m ontology.generate"
    assert isomorphic(fresh, committed_owl), "ontology/ai-stance.owl is stale: run python -m ontology.generate"


def test_committed_vocabulary_reference_matches_the_source():
    expected = {p: t for p, t in generate.rendered().items() if p.suffix == ".md"}
    for path, text in expected.items():
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run python -m ontology.generate"


def test_every_own_term_has_english_and_spanish_label_and_comment():
    g = ontology.load_graph()
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)}
    assert len(terms) > 80
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in g.objects(term, prop)}
            assert {"en", "es"} <= langs, f"{term} lacks {prop} in en/es"


def test_axioms_that_catch_mistakes_are_present():
    g = ontology.load_graph()
    ask = lambda n: URIRef(NS + n)  # noqa: E731
    assert (ask("holder"), RDF.type, OWL.FunctionalProperty) in g
    assert (ask("polarity"), RDF.type, OWL.FunctionalProperty) in g
    assert (ask("Person"), RDFS.subClassOf, URIRef("https://schema.org/Person")) in g
    assert (ask("Actor"), RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Agent")) in g
    assert (ask("Topic"), RDFS.subClassOf, URIRef("http://www.w3.org/2004/02/skos/core#Concept")) in g
    disjoint_sets = list(g.subjects(RDF.type, OWL.AllDisjointClasses)) + list(
        g.subject_objects(OWL.disjointWith))
    assert disjoint_sets, "no disjointness axioms"


def test_data_uses_only_declared_terms(seed_graph):
    declared = {s for s in ontology.load_graph().subjects() if str(s).startswith(NS)}
    used = set()
    for s, p, o in seed_graph:
        for node in (p, o if p == RDF.type else None):
            if node is not None and str(node).startswith(NS):
                used.add(node)
    undeclared = used - declared
    assert not undeclared, f"terms used but not declared in the ontology: {sorted(undeclared)}"
