"""SHACL validation of a build, with each violation pointed back at the YAML it came from."""

from __future__ import annotations

from pathlib import Path

import pyshacl
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

import ontology
from kg.build.builder import Build
from kg.curation import Loc
from kg.curation.problems import Problem
from kg.rdf.namespaces import curie

SH = "http://www.w3.org/ns/shacl#"


def _curie(node) -> str:
    return (curie(node) if isinstance(node, URIRef) else None) or str(node)


def _origin(build: Build, data: Graph, node) -> Loc | None:
    """The YAML place a node came from: its own, or that of the nearest node that points to it
    (a quote's selector has none of its own; the statement that holds the quote has)."""
    seen, frontier = {node}, [node]
    while frontier:
        for at in frontier:
            if at in build.origins:
                return build.origins[at]
        pointing = {s for at in frontier for s in data.subjects(None, at)} - seen
        seen |= pointing
        frontier = sorted(pointing)  # sorted: the same graph names the same place every time
    return None


def validate(build: Build) -> list[Problem]:
    """Run the project's shapes over the built graph; one Problem per violation."""
    data = build.union()
    shapes = Graph().parse(ontology.SHAPES_PATH, format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                           advanced=True, allow_warnings=True)
    if conforms:
        return []
    problems = []
    shv = lambda local: URIRef(SH + local)  # noqa: E731
    for result in report.subjects(RDF.type, shv("ValidationResult")):
        focus = report.value(result, shv("focusNode"))
        path = report.value(result, shv("resultPath"))
        message = report.value(result, shv("resultMessage"))
        loc = _origin(build, data, focus) or Loc(Path("(graph)"), 0)
        fld = f"{_curie(focus)} {_curie(path)}" if path is not None else _curie(focus)
        problems.append(Problem(loc.path, loc.line, fld, f"SHACL: {message}"))
    return sorted(set(problems))
