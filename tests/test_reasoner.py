"""HermiT through owlready2: the seed is consistent; real modelling mistakes are caught."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.check import reasoner
from kg.cli import main
from kg.rdf.namespaces import ASK, ID, SCHEMA
from tests.conftest import edit

needs_java = pytest.mark.skipif(reasoner.java_path() is None and not os.environ.get("CI"),
                                reason="Java is not installed (make test installs it)")


@needs_java
def test_seed_graph_is_consistent(seed_graph):
    assert reasoner.check(seed_graph).consistent


@needs_java
def test_a_company_valuation_and_a_funded_person_are_consistent(seed_build):
    """Domains and ranges no stricter than the world: a company has an estimated value, a person can
    be funded (under a cluster-only domain and an organisation-only range both were contradictions)."""
    graph = seed_build.union()
    value = URIRef(str(ID["xai"]) + "-value")
    graph.add((ID["xai"], ASK.estimatedValue, value))
    graph.add((value, RDF.type, SCHEMA.MonetaryAmount))
    graph.add((value, SCHEMA.minValue, Literal("1000000000.0", datatype=XSD.decimal)))
    graph.add((ID["openai"], ASK.funded, ID["jordan-peterson"]))
    verdict = reasoner.check(graph)
    assert verdict.consistent, verdict.detail


@needs_java
def test_thing_both_person_and_organisation_is_inconsistent(seed_build):
    graph = seed_build.union()
    graph.add((ID["elon-musk"], RDF.type, ASK.Organization))
    verdict = reasoner.check(graph)
    assert not verdict.consistent and "inconsistent" in verdict.detail


@needs_java
def test_functional_property_clash_is_inconsistent(fictional_build):
    graph = fictional_build.union()
    stance = next(graph.subjects(ASK.holder, ID["ada-quill"]))
    graph.add((stance, ASK.holder, ID["borealis-labs"]))  # a person and a company: cannot be one holder
    assert not reasoner.check(graph).consistent


@needs_java
def test_validate_reports_an_inconsistent_curation(fictional_dir):
    # a company as the subject of "former CEO of" (a person-only relation) is a real curation slip
    edit(fictional_dir / "sources" / "harbor-daily.yaml",
         "      - {from: ada-quill, relation: left, to: borealis-labs, date: 2021}\n",
         "      - {from: ada-quill, relation: left, to: borealis-labs, date: 2021}\n"
         "      - {from: cobalt-institute, relation: former-ceo-of, to: borealis-labs}\n")
    result = CliRunner().invoke(main, ["--data", str(fictional_dir), "validate"])
    assert result.exit_code == 1
    assert "logically inconsistent" in result.output


def test_missing_java_is_said_clearly(monkeypatch):
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    with pytest.raises(reasoner.JavaMissing, match="needs Java"):
        reasoner.check(Graph())
