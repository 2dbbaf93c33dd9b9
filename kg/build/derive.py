"""Derived knowledge, kept in its own graph and re-derived on every build: disagreements implied
by opposite stances, and stance changes implied by an actor's differing dated stances. Because
the inferred graph is made afresh from the sources' graphs, removing a source removes what
rested on it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from kg.rdf.namespaces import ASK, ID, INFERRED_GRAPH, sparql_prologue
from kg.store import open_store

RULES = Path(__file__).resolve().parent / "rules"


def rule(name: str) -> str:
    """The text of a rule query, with the project's prefixes declared."""
    return sparql_prologue() + (RULES / f"{name}.rq").read_text(encoding="utf-8")


def _digest(*terms) -> str:
    return hashlib.md5(" ".join(map(str, terms)).encode()).hexdigest()  # noqa: S324 - an id, not security


def disagreement_iri(stance_a, stance_b) -> URIRef:
    return ID[f"inferred-disagreement-{_digest(stance_a, stance_b)}"]


def stance_change_iri(earlier, later) -> URIRef:
    return ID[f"stance-change-{_digest(earlier, later)}"]


def derive(dataset: Dataset) -> dict[str, int]:
    """Replace the inferred graph with what the sources' stances imply; return how many of each.

    The rules are evaluated by Oxigraph over a copy of the other graphs: rdflib's evaluator takes
    minutes on the stance-change rule's dated OPTIONALs inside NOT EXISTS, Oxigraph milliseconds.
    """
    dataset.remove_graph(dataset.graph(INFERRED_GRAPH))
    facts = open_store("oxigraph")
    try:
        facts.load(dataset)
        inferred = dataset.graph(INFERRED_GRAPH)
        return {"disagreements": _disagreements(facts, inferred),
                "stance changes": _stance_changes(facts, inferred)}
    finally:
        facts.close()


def _disagreements(facts, inferred: Graph) -> int:
    rows = list(facts.query(rule("inferred-disagreements")))
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


def _held(polarity, strength, topic, when, quote) -> str:
    how = f"{polarity} ({strength})" if strength else str(polarity)
    return f'{how} {topic} as of {when} ("{quote or "no quote"}")'


def _stance_changes(facts, inferred: Graph) -> int:
    rows = list(facts.query(rule("stance-changes")))
    for row in rows:
        node = stance_change_iri(row.s1, row.s2)
        for cls in (ASK.StanceChange, PROV.Entity):
            inferred.add((node, RDF.type, cls))
        inferred.add((node, ASK.holder, row.a))
        inferred.add((node, ASK.topic, row.topic))
        inferred.add((node, ASK.earlierStance, row.s1))
        inferred.add((node, ASK.laterStance, row.s2))
        inferred.add((node, ASK.date, row.when2))  # the change is known from the later stance on

        why = (f"{row.aName} {_held(row.p1Name, row.k1Name, row.tName, row.when1, row.q1)}, then "
               f"{_held(row.p2Name, row.k2Name, row.tName, row.when2, row.q2)}")
        inferred.add((node, ASK.explanation, Literal(why, lang="en")))
        inferred.add((node, RDFS.label, Literal(f"{row.aName} changed stance on {row.tName} (inferred)", lang="en")))
        inferred.add((node, RDFS.label, Literal(
            f"{row.aNameEs} cambió de postura sobre {row.tNameEs} (inferido)", lang="es")))
    return len(rows)
