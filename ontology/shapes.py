"""The SHACL shapes (ontology/shapes.ttl), generated from `ontology.constraints` and the terms.

Allowed values come from the value vocabularies and datatypes from the properties' ranges, so a
datatype the ontology allows (xsd:gYearMonth, xsd:duration) is one the shapes allow.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from ontology import terms as T
from ontology.constraints import EXTERNAL_DATATYPES, SHAPES, Prop, Shape
from ontology.owl import iri

SHAPE = Namespace(T.SHAPES_NS)
HEADER = (
    "# Generated from ontology/constraints.py and the term tables by `python -m ontology.generate`;\n"
    "# do not edit by hand. `stancekg validate` runs them (pyshacl) and points each violation back\n"
    "# at the YAML line it came from.\n"
)


def _list(g: Graph, items: list) -> BNode:
    head = BNode()
    Collection(g, head, items)
    return head


def _members(selector: str) -> list[URIRef]:
    """The allowed values: a curation table's terms, or a scheme's concepts."""
    if ":" in selector:
        return [iri("ask:" + t.name) for t in T.TERMS if t.scheme == selector]
    return [iri("ask:" + t.name) for t in T.in_table(selector)]


def _path(g: Graph, path) -> URIRef | BNode:
    return iri(path) if isinstance(path, str) else _list(g, [iri(p) for p in path])


def _prop(g: Graph, p: Prop) -> BNode:
    node = BNode()
    g.add((node, SH.path, _path(g, p.path)))
    if p.exactly_one or p.at_least_one:
        inner = BNode()
        if p.lang:
            g.add((inner, SH.languageIn, _list(g, [Literal(p.lang)])))
        else:
            g.add((inner, SH["class"], iri(p.cls)))
        g.add((node, SH.qualifiedValueShape, inner))
        g.add((node, SH.qualifiedMinCount, Literal(1)))
        if p.exactly_one:
            g.add((node, SH.qualifiedMaxCount, Literal(1)))
    else:
        if p.lang:
            g.add((node, SH.languageIn, _list(g, [Literal(p.lang)])))
        if p.cls:
            g.add((node, SH["class"], iri(p.cls)))
    for key, value in (
        ("minCount", p.min),
        ("maxCount", p.max),
        ("minLength", p.min_length),
        ("minInclusive", p.min_inclusive),
    ):
        if value is not None:
            g.add((node, SH[key], Literal(value)))
    if p.pattern:
        g.add((node, SH.pattern, Literal(p.pattern)))
    if p.iri:
        g.add((node, SH.nodeKind, SH.IRI))
    if p.has_value:
        g.add((node, SH.hasValue, Literal(p.has_value) if ":" not in p.has_value else iri(p.has_value)))
    if p.values:
        g.add((node, SH["in"], _list(g, _members(p.values))))
    if p.message:
        g.add((node, SH.message, Literal(p.message)))
    return node


def _target(g: Graph, node: URIRef, target: str) -> None:
    if target.startswith("subjectsOf:"):
        g.add((node, SH.targetSubjectsOf, iri(target.split(":", 1)[1])))
    elif target.startswith("objectsOf:"):
        g.add((node, SH.targetObjectsOf, iri(target.split(":", 1)[1])))
    else:
        g.add((node, SH.targetClass, iri(target)))


def _shape(g: Graph, shape: Shape) -> None:
    node = SHAPE[shape.name]
    g.add((node, RDF.type, SH.NodeShape))
    _target(g, node, shape.target)
    for p in shape.props:
        g.add((node, SH.property, _prop(g, p)))
    if shape.any_of:
        options = []
        for option in shape.any_of:
            if isinstance(option, str):
                alt = BNode()
                g.add((alt, SH["class"], iri(option.split(":", 1)[1])))
                options.append(alt)
            else:
                options.append(_prop(g, option))
        g.add((node, SH["or"], _list(g, options)))
    if shape.message:
        g.add((node, SH.message, Literal(shape.message)))


def _datatypes(g: Graph, curie: str, datatypes: tuple[str, ...], functional: bool) -> None:
    """Every value of a property in one of its range's datatypes (one value if functional)."""
    name = curie.split(":", 1)[1]
    node = SHAPE[name[0].upper() + name[1:] + "Value"]
    g.add((node, RDF.type, SH.NodeShape))
    g.add((node, SH.targetSubjectsOf, iri(curie)))
    prop = BNode()
    g.add((node, SH.property, prop))
    g.add((prop, SH.path, iri(curie)))
    if len(datatypes) == 1:
        g.add((prop, SH.datatype, iri(datatypes[0])))
    else:
        options = []
        for dt in datatypes:
            options.append(BNode())
            g.add((options[-1], SH.datatype, iri(dt)))
        g.add((prop, SH["or"], _list(g, options)))
    if functional:
        g.add((prop, SH.maxCount, Literal(1)))
    g.add(
        (
            prop,
            SH.message,
            Literal(f"{curie} must be " + " or ".join(datatypes) + (", one value" if functional else "")),
        )
    )


def shapes_graph() -> Graph:
    g = Graph()
    for prefix, ns in T.PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    g.bind("sh", str(SH))
    g.bind("shapes", T.SHAPES_NS)
    for shape in SHAPES:
        _shape(g, shape)
    for term in T.DATA_PROPERTIES:
        if term.range and all(r.startswith("xsd:") for r in term.range):
            _datatypes(g, "ask:" + term.name, term.range, term.functional)
    for curie, datatypes in EXTERNAL_DATATYPES.items():
        _datatypes(g, curie, datatypes, False)
    return g


def shapes_turtle() -> str:
    return HEADER + shapes_graph().serialize(format="turtle")
