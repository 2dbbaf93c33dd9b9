"""A short account of what a build holds, for `stancekg build` and the explorer's header."""

from __future__ import annotations

from collections import Counter

from rdflib.namespace import RDF

from kg.build.builder import Build
from kg.rdf.namespaces import ASK, INFERRED_GRAPH, OA, ONTOLOGY_GRAPH


def summarise(build: Build) -> dict:
    data = build.union()
    kinds = Counter()
    for cls in (ASK.EventReport, ASK.FactStatement, ASK.Estimate, ASK.PlanOrPrediction,
                ASK.SelfAssessment, ASK.StanceStatement, ASK.RelationStatement,
                ASK.ComparisonStatement):
        kinds[cls.split("#")[1]] = len(set(data.subjects(RDF.type, cls)))

    def count(cls):
        return len(set(data.subjects(RDF.type, cls)))

    ontology_size = len(build.dataset.graph(ONTOLOGY_GRAPH))
    return {
        "triples": len(data),
        "triples (without ontology)": len(data) - ontology_size,
        "graphs": len([g for g in build.dataset.graphs() if len(g)]),
        "sources": count(ASK.Source),
        "actors": count(ASK.Actor),
        "topics": count(ASK.Topic),
        "statements": count(ASK.Claim),
        "quotes": count(OA.Annotation),
        "stances": count(ASK.Stance),
        "relationships": count(ASK.Relationship) - count(ASK.Disagreement),
        "asserted disagreements": count(ASK.AssertedDisagreement),
        "inferred disagreements": len(set(build.dataset.graph(INFERRED_GRAPH).subjects(
            RDF.type, ASK.InferredDisagreement))),
        "events": count(ASK.Event),
        "statements by kind": dict(kinds),
    }


def format_summary(summary: dict) -> str:
    lines = []
    for key, value in summary.items():
        if isinstance(value, dict):
            lines.append(f"{key}:")
            lines += [f"  {k:<22} {v}" for k, v in value.items() if v]
        else:
            lines.append(f"{key:<26} {value}")
    return "\n".join(lines)
