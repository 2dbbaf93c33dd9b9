"""Derived knowledge: disagreements implied by opposite stances, kept in their own graph."""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from kg.namespaces import ASK, ID, INFERRED_GRAPH, sparql_prologue

RULES = Path(__file__).resolve().parent / "rules"


def rule(name: str) -> str:
    """The text of a rule query, with the project's prefixes declared."""
    return sparql_prologue() + (RULES / f"{name}.rq").read_text(encoding="utf-8")


def disagreement_iri(stance_a, stance_b) -> URIRef:
    digest = hashlib.md5(f"{stance_a} {stance_b}".encode()).hexdigest()  # noqa: S324 - an id, not security
    return ID[f"inferred-disagreement-{digest}"]


def derive_disagreements(dataset: Dataset) -> int:
    """Replace the inferred graph with the disagreements the stances imply; return how many."""
    dataset.remove_graph(dataset.graph(INFERRED_GRAPH))
    facts = Graph()
    for g in dataset.graphs():
        if g.identifier != INFERRED_GRAPH:
            facts += g
    rows = list(facts.query(rule("inferred-disagreements")))
    inferred = dataset.graph(INFERRED_GRAPH)
    for row in rows:
        node = disagreement_iri(row.s1, row.s2)
        for cls in (ASK.InferredDisagreement, ASK.Disagreement, ASK.Relationship, PROV.Entity):
            inferred.add((node, RDF.type, cls))
        inferred.add((node, ASK["from"], row.a))
        inferred.add((node, ASK.to, row.b))
        inferred.add((node, ASK.topic, row.topic))
        inferred.add((node, ASK.relation, ASK.disagreesWith))
        inferred.add((node, ASK.conflictingStance, row.s1))
        inferred.add((node, ASK.conflictingStance, row.s2))
        why = (f'{row.aName} {row.p1Name} {row.tName} ("{row.q1 or "no quote"}") while '
               f'{row.bName} {row.p2Name} {row.tName} ("{row.q2 or "no quote"}")')
        inferred.add((node, ASK.explanation, Literal(why, lang="en")))
        inferred.add((node, RDFS.label, Literal(
            f"{row.aName} and {row.bName} disagree on {row.tName} (inferred)", lang="en")))
    return len(rows)
