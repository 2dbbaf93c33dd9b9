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
from kg.rdf.namespaces import ID, curie

SH = "http://www.w3.org/ns/shacl#"


def _curie(node) -> str:
    return (curie(node) if isinstance(node, URIRef) else None) or str(node)


def _origin(build: Build, node) -> Loc | None:
    """The YAML place a node came from: itself, or the nearest node its IRI extends."""
    text = str(node)
    while text.startswith(str(ID)):
        loc = build.origins.get(URIRef(text))
        if loc is not None:
            return loc
        if "-" not in text[len(str(ID)):]:
            return None
        text = text.rsplit("-", 1)[0]
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
        loc = _origin(build, focus) or Loc(Path("(graph)"), 0)
        fld = f"{_curie(focus)} {_curie(path)}" if path is not None else _curie(focus)
        problems.append(Problem(loc.path, loc.line, fld, f"SHACL: {message}"))
    return sorted(set(problems))
