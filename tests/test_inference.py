"""Inferred disagreements: two actors with opposite stances on one topic, on the fictional fixture."""

from __future__ import annotations

import re

from rdflib.namespace import RDF

from kg.build.builder import build
from kg.build.derive import derive
from kg.rdf.namespaces import ASK, ID, INFERRED_GRAPH
from kg.sparql.runner import run_named
from kg.store import open_store
from tests.conftest import edit

EXPLANATION = re.compile(
    r'^Ada Quill supports compute caps \("she firmly supports caps on training compute"\) while '
    r'Borealis Labs opposes compute caps \("(Borealis Labs opposes compute caps|Caps would freeze progress\.)"\)$')


def _inferred(dataset):
    return set(dataset.graph(INFERRED_GRAPH).subjects(RDF.type, ASK.InferredDisagreement))


def test_opposite_stances_make_one_inferred_disagreement(fictional_build):
    ds = fictional_build.dataset
    (node,) = _inferred(ds)
    g = ds.graph(INFERRED_GRAPH)
    assert g.value(node, ASK["from"]) == ID["ada-quill"]
    assert g.value(node, ASK.to) == ID["borealis-labs"]
    assert g.value(node, ASK.topic) == ID["compute-caps"]
    assert g.value(node, ASK.relation) == ASK.disagreesWith
    union = fictional_build.union()
    stances = set(g.objects(node, ASK.conflictingStance))
    assert {(union.value(s, ASK.holder), union.value(s, ASK.polarity)) for s in stances} == {
        (ID["ada-quill"], ASK.supports), (ID["borealis-labs"], ASK.opposes)}
    explanation = g.value(node, ASK.explanation)
    assert explanation.language == "en" and EXPLANATION.match(str(explanation)), str(explanation)


def test_inferred_disagreements_are_kept_apart_from_asserted_ones(fictional_build):
    ds = fictional_build.dataset
    (node,) = _inferred(ds)
    for graph in ds.graphs():
        if graph.identifier != INFERRED_GRAPH:
            assert (node, None, None) not in graph, f"{graph.identifier} holds the inferred node"
    assert (node, RDF.type, ASK.AssertedDisagreement) not in fictional_build.union()
    assert ds.graph(INFERRED_GRAPH).value(node, ASK.expressedBy) is None  # no source states it


def test_rederiving_replaces_rather_than_adds(fictional_build):
    ds = fictional_build.dataset
    before = set(ds.graph(INFERRED_GRAPH))
    assert derive(ds) == {"disagreements": 1, "stance changes": 1}
    assert set(ds.graph(INFERRED_GRAPH)) == before


def test_rebuilding_without_one_of_the_stances_removes_it(fictional_dir):
    source = fictional_dir / "sources" / "harbor-daily.yaml"
    edit(source, "    stances:\n      - {holder: borealis-labs, topic: compute-caps, polarity: opposes}\n", "")
    edit(source, "kind: [stance]\n    asserted_by: borealis-labs", "kind: [fact]\n    asserted_by: borealis-labs")
    rebuilt = build(fictional_dir)
    assert not any(rebuilt.union().subjects(ASK.holder, ID["borealis-labs"]))
    assert _inferred(rebuilt.dataset) == set()
    # what is left in the inferred graph is Ada Quill's own change of stance (beacon-weekly), not a disagreement
    assert set(rebuilt.dataset.graph(INFERRED_GRAPH).subjects()) == _changes(rebuilt.dataset)


def test_the_disagreements_query_shows_the_inference_with_a_quote_from_each_side(fictional_build):
    store = open_store("oxigraph")
    store.load(fictional_build.dataset)
    (row,) = run_named(store, "disagreements", {"actor": "Laboratorios Borealis"}).rows
    assert (str(row["actorALabel"]), str(row["actorBLabel"]), str(row["basis"])) == (
        "Ada Quill", "Borealis Labs", "inferred")
    assert str(row["topicLabel"]) == "compute caps"
    assert str(row["quoteA"]) == "she firmly supports caps on training compute"
    assert set(str(row["quoteB"]).split(" | ")) == {"Borealis Labs opposes compute caps", "Caps would freeze progress."}
    assert EXPLANATION.match(str(row["explanation"]))
    assert row["reason"] is None and row["source"] == ID["harbor-daily"]


# stance changes ----------------------------------------------------------------------------------

def _changes(dataset):
    return set(dataset.graph(INFERRED_GRAPH).subjects(RDF.type, ASK.StanceChange))


def test_an_actors_differing_dated_stances_make_one_stance_change(fictional_build):
    ds = fictional_build.dataset
    (node,) = _changes(ds)
    g = ds.graph(INFERRED_GRAPH)
    assert g.value(node, ASK.holder) == ID["ada-quill"] and g.value(node, ASK.topic) == ID["compute-caps"]
    assert g.value(node, ASK.earlierStance) == ID["harbor-daily-f01-stance-1"]
    assert g.value(node, ASK.laterStance) == ID["beacon-weekly-b01-stance-1"]
    assert str(g.value(node, ASK.date)) == "2032-02-10"
    assert str(g.value(node, ASK.explanation)) == (
        'Ada Quill supports (strong) compute caps as of 2030-05-01 ("she firmly supports caps on training '
        'compute"), then opposes (moderate) compute caps as of 2032-02-10 ("I was wrong about caps: they only '
        'slowed the careful labs")')
    assert g.value(node, ASK.expressedBy) is None  # no source states it
    # Ada's undated attributed concern about open weights is not compared with anything
    assert not any(g.triples((None, ASK.topic, ID["open-weights"])))


def test_removing_either_source_removes_the_stance_change(fictional_dir):
    (fictional_dir / "sources" / "beacon-weekly.yaml").unlink()
    assert _changes(build(fictional_dir).dataset) == set()


def test_same_polarity_later_is_no_change_and_a_year_is_not_ordered_against_its_days(fictional_dir):
    beacon = fictional_dir / "sources" / "beacon-weekly.yaml"
    edit(beacon, "polarity: opposes, strength: moderate", "polarity: supports, strength: strong")
    assert _changes(build(fictional_dir).dataset) == set()
    edit(beacon, "polarity: supports, strength: strong", "polarity: opposes, date: 2030")
    assert _changes(build(fictional_dir).dataset) == set()  # 2030 against 2030-05-01: not ordered


def test_the_stance_changes_query_sets_both_stances_side_by_side(fictional_build):
    store = open_store("oxigraph")
    store.load(fictional_build.dataset)
    (row,) = run_named(store, "stance-changes", {"actor": "Ada Quill"}).rows
    assert (str(row["earlierPolarity"]), str(row["earlierDate"]), str(row["laterPolarity"]),
            str(row["laterDate"])) == ("supports", "2030-05-01", "opposes", "2032-02-10")
    assert str(row["earlierQuote"]) == "she firmly supports caps on training compute"
    assert str(row["laterQuote"]) == "I was wrong about caps: they only slowed the careful labs"
    assert (row["earlierSource"], row["laterSource"]) == (ID["harbor-daily"], ID["beacon-weekly"])
    assert run_named(store, "stance-changes", {"actor": "Borealis Labs"}).rows == []
    timeline = run_named(store, "explorer-actor-timeline", {"actor": "ada-quill"}).rows
    assert [str(r["date"]) for r in timeline if str(r["kind"]) == "stance change"] == ["2032-02-10"]
