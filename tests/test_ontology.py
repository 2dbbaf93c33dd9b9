"""The ontology: one source of truth for every generated file, valid OWL inside the dataset,
bilingual terms, SKOS value vocabularies, metadata, and axioms that catch mistakes."""

from __future__ import annotations

import io

import owlready2
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

import ontology
from kg.rdf import vocab
from kg.rdf.namespaces import ONTOLOGY_GRAPH
from kg.store import open_store
from ontology import terms as T
from ontology.generate import rendered
from ontology.owl import ontology_graph

VANN = "http://purl.org/vocab/vann/"


@pytest.fixture(scope="module")
def expected(seed_graph):
    return rendered(seed_graph)


@pytest.mark.parametrize("name", ["ai-stance.ttl", "ai-stance.owl", "shapes.ttl"])
def test_committed_rdf_file_matches_the_source(expected, name):
    path = next(p for p in expected if p.name == name)
    fmt = "xml" if name.endswith(".owl") else "turtle"
    fresh, committed = Graph().parse(data=expected[path], format=fmt), Graph().parse(path, format=fmt)
    assert len(fresh) > 100
    assert isomorphic(fresh, committed), f"{path} is stale: run python -m kg.rdf.generate"


def test_committed_vocabulary_reference_matches_the_source(expected):
    path = next(p for p in expected if p.suffix == ".md")
    assert path.read_text(encoding="utf-8") == expected[path], f"{path} is stale: run python -m kg.rdf.generate"


def _owl_summary(world: owlready2.World) -> dict:
    """Classes, properties and their domains and ranges (unions as sets) as owlready2 reads them."""

    def named(x):
        if isinstance(x, owlready2.Or):
            return frozenset(named(c) for c in x.Classes)
        return getattr(x, "iri", None) or str(x)

    out = {"classes": {c.iri for c in world.classes() if c.iri.startswith(T.NS)}}
    for prop in list(world.object_properties()) + list(world.data_properties()):
        if prop.iri.startswith(T.NS):
            out[prop.iri] = (frozenset(named(d) for d in prop.domain), frozenset(named(r) for r in prop.range))
    return out


def _read_owl(graph: Graph) -> owlready2.World:
    world = owlready2.World()
    world.get_ontology("http://example.org/read-back").load(fileobj=io.BytesIO(
        graph.serialize(format="nt", encoding="utf-8")), format="ntriples")
    return world


@pytest.mark.parametrize("fmt", ["trig", "turtle"])
def test_ontology_read_back_from_an_export_is_the_generated_one(seed_build, fmt):
    store = open_store("oxigraph")
    store.load(seed_build.dataset)
    store.load(seed_build.dataset)  # loading twice must not double the ontology's blank nodes
    exported = store.export(fmt).decode("utf-8")
    store.close()
    assert "genid" not in exported
    if fmt == "trig":
        onto = Dataset().parse(data=exported, format="trig").graph(ONTOLOGY_GRAPH)
        assert isomorphic(onto, ontology_graph())
        read = _read_owl(onto)
    else:
        read = _read_owl(Graph().parse(data=exported, format="turtle"))
    generated = _read_owl(ontology_graph())
    summary = _owl_summary(read)
    assert summary == _owl_summary(generated)
    topic_domain = summary[T.NS + "topic"][0]
    assert topic_domain == {frozenset({T.NS + "Stance", T.NS + "Relationship", T.NS + "StanceChange"})}
    assert not list(read.search(iri="*genid*"))


def test_metadata_version_licence_and_preferred_prefix():
    g = ontology.load_graph()
    onto = URIRef(T.ONTOLOGY_IRI)
    assert (onto, OWL.versionIRI, URIRef(T.VERSION_IRI)) in g
    assert (onto, URIRef("http://purl.org/dc/terms/license"), URIRef(T.LICENSE)) in g
    assert (onto, URIRef(VANN + "preferredNamespacePrefix"), Literal("ask")) in g
    assert str(g.value(onto, URIRef(VANN + "preferredNamespaceUri"))) == T.NS


def test_value_vocabularies_are_skos_schemes_with_english_and_spanish_labels():
    g = ontology.load_graph()
    for scheme, at_least in (("polarities", 3), ("strengths", 3), ("stanceBases", 2), ("claimKinds", 8)):
        node = URIRef(T.NS + scheme)
        assert (node, RDF.type, SKOS.ConceptScheme) in g
        members = set(g.subjects(SKOS.inScheme, node))
        assert len(members) >= at_least and members == set(g.objects(node, SKOS.hasTopConcept))
        for member in members:
            assert {lbl.language for lbl in g.objects(member, SKOS.prefLabel)} == {"en", "es"}, member


def test_curation_words_come_from_the_terms():
    assert vocab.POLARITIES["concerned-about"] == URIRef(T.NS + "concernedAbout")
    assert vocab.STATEMENT_KINDS["prediction"] == vocab.STATEMENT_KINDS["plan"] == URIRef(T.NS + "PlanOrPrediction")
    assert vocab.FACT_PROPERTIES["gpu_count"] == (URIRef(T.NS + "gpuCount"), "int")
    assert vocab.FACT_PROPERTIES["estimated_value"][1] == "money"
    assert set(vocab.RELATIONS) >= {"founded", "funded", "former-ceo-of", "disagrees-with"}


def test_shapes_allow_exactly_the_datatypes_the_ontology_declares():
    """The drift the hand-kept files had: gYearMonth in the shapes only, xsd:duration dropped."""
    onto, shapes = ontology.load_graph(), Graph().parse(ontology.SHAPES_PATH, format="turtle")
    for word, prop in (("date", "date"), ("start", "startDate"), ("duration", "duration")):
        declared = set(shapes.objects(None, SH.datatype)) & set(vocab.FIELD_DATATYPES[word])
        assert declared == set(vocab.FIELD_DATATYPES[word]), word
        ranges = {r for r in onto.objects(URIRef(T.NS + prop), RDFS.range)}
        allowed = set()
        for r in ranges:
            members = onto.value(r, OWL.unionOf)
            allowed |= set(onto.items(members)) if members is not None else {r}
        assert allowed == set(vocab.FIELD_DATATYPES[word]), prop
    assert URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth") in vocab.FIELD_DATATYPES["date"]


def test_every_own_term_has_english_and_spanish_label_and_comment():
    g = ontology.load_graph()
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(T.NS)}
    assert len(terms) > 80
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in g.objects(term, prop)}
            assert {"en", "es"} <= langs, f"{term} lacks {prop} in en/es"


def test_axioms_that_catch_mistakes_are_present():
    g = ontology.load_graph()
    ask = lambda n: URIRef(T.NS + n)  # noqa: E731
    prov = "http://www.w3.org/ns/prov#"
    assert (ask("holder"), RDF.type, OWL.FunctionalProperty) in g
    assert (ask("Person"), RDFS.subClassOf, URIRef("https://schema.org/Person")) in g
    assert (ask("Actor"), RDFS.subClassOf, URIRef(prov + "Agent")) in g
    assert (ask("AISystem"), RDFS.subClassOf, URIRef(prov + "Entity")) in g
    assert (ask("statedIn"), RDFS.subPropertyOf, URIRef(prov + "hadPrimarySource")) in g
    assert (ask("quotedFrom"), RDFS.subPropertyOf, URIRef(prov + "wasQuotedFrom")) in g
    assert (ask("reports"), RDFS.subPropertyOf, URIRef(prov + "wasDerivedFrom")) in g
    assert list(g.subjects(RDF.type, OWL.AllDisjointClasses)), "no disjointness axioms"
    assert not list(g.subjects(None, RDF.Statement)) and not list(g.objects(None, RDF.Statement))


def test_data_uses_only_declared_terms(seed_graph):
    declared = {s for s in ontology.load_graph().subjects() if str(s).startswith(T.NS)}
    used = set()
    for s, p, o in seed_graph:
        for node in (p, o if p == RDF.type else None):
            if node is not None and str(node).startswith(T.NS):
                used.add(node)
    undeclared = used - declared
    assert not undeclared, f"terms used but not declared in the ontology: {sorted(undeclared)}"
    assert not list(seed_graph.subjects(RDF.type, RDF.Statement)), "figures are qualified facts, not reification"


def test_ontology_package_imports_nothing_from_kg():
    import ast
    from pathlib import Path

    for path in Path(ontology.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n == "kg" or n.startswith("kg.") for n in names), f"{path.name} imports {names}"
