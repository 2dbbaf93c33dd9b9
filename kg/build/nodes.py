"""The n-ary nodes every quote and qualified fact becomes, in the standard vocabularies' shapes.

A quote is a Web Annotation: its bodies are the claim and the English gloss (an oa:TextualBody
with its language), its target the passage of the source, selected by exact text and by
character offsets. A fact's value is an ask:QualifiedFact node beside the direct triple, so every
qualified fact (stance, relationship, comparison, fact) has one shape: a node the claim expresses.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.rdf.namespaces import ASK, DC, ID, OA, SCHEMA


def annotate(g: Graph, claim: URIRef, ann: URIRef, quote, source: URIRef, language: str) -> None:
    """The annotation `ann` saying that `quote`'s passage of `source` is the claim's evidence."""
    annotation(g, ann, quote, source, language)
    evidence_for(g, claim, ann)


def evidence_for(g: Graph, claim: URIRef, ann: URIRef) -> None:
    """The claim an annotation is evidence for (a joint statement's passage is every signatory's)."""
    g.add((claim, ASK.evidence, ann))
    g.add((ann, OA.hasBody, claim))


def annotation(g: Graph, ann: URIRef, quote, source: URIRef, language: str) -> None:
    """A passage of `source` with its English gloss, motivated as evidence (of the claims linked to it)."""
    target, tqs, pos, gloss = (URIRef(f"{ann}-{x}") for x in ("target", "quote", "position", "gloss"))
    g.add((ann, RDF.type, OA.Annotation))
    g.add((ann, OA.motivatedBy, ASK.evidencing))
    g.add((ann, OA.hasBody, gloss))
    g.add((ann, OA.hasTarget, target))
    g.add((gloss, RDF.type, OA.TextualBody))
    g.add((gloss, RDF.value, Literal(quote.gloss, lang="en")))
    g.add((gloss, DC.language, Literal("en")))
    g.add((gloss, DC["format"], Literal("text/plain")))
    g.add((gloss, OA.hasPurpose, OA.describing))
    g.add((target, RDF.type, OA.SpecificResource))
    g.add((target, OA.hasSource, source))
    g.add((target, OA.hasSelector, tqs))
    g.add((target, OA.hasSelector, pos))
    g.add((tqs, RDF.type, OA.TextQuoteSelector))
    for prop, text in ((OA.exact, quote.exact), (OA.prefix, quote.where.prefix), (OA.suffix, quote.where.suffix)):
        g.add((tqs, prop, Literal(text, lang=language)))  # all three are the source's words
    g.add((pos, RDF.type, OA.TextPositionSelector))
    g.add((pos, OA.start, Literal(quote.where.start, datatype=XSD.nonNegativeInteger)))
    g.add((pos, OA.end, Literal(quote.where.end, datatype=XSD.nonNegativeInteger)))


def qualified_fact(g: Graph, fact: URIRef, subject: URIRef, prop: URIRef, value, claim: URIRef) -> None:
    g.add((fact, ASK.factSubject, subject))
    g.add((fact, ASK.relation, prop))
    g.add((fact, ASK.factValue if isinstance(value, Literal) else ASK.factObject, value))
    g.add((fact, ASK.expressedBy, claim))


def decimal(value) -> Literal:
    """An xsd:decimal in canonical form (with a point), so every format round-trips it."""
    text = format(Decimal(str(value)).normalize(), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def fact_values(g: Graph, fact_node: URIRef, kind: str, value) -> list:
    """A fact's value as RDF terms: an integer, texts in their languages, a thing, or an amount."""
    if kind == "int":
        return [Literal(value, datatype=XSD.integer)]
    if kind == "text":
        return [Literal(text, lang=lang) for lang, text in value.items()]
    if kind == "ref":
        return [ID[value]]
    money = URIRef(f"{fact_node}-amount")
    g.add((money, RDF.type, SCHEMA.MonetaryAmount))
    for k, p in (("min", SCHEMA.minValue), ("max", SCHEMA.maxValue), ("value", SCHEMA.value)):
        if k in value:
            g.add((money, p, decimal(value[k])))
    g.add((money, SCHEMA.currency, Literal(value["currency"])))
    return [money]
