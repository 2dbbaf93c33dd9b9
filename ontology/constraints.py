"""What every curated resource must carry, as data: `ontology.shapes` writes them as SHACL.

Only what the OWL terms cannot say lives here (counts, languages, messages); value lists and
datatypes come from the term tables, so the shapes cannot drift from the ontology.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Prop:
    """One property constraint. `path` is a CURIE, or a tuple of CURIEs for a sequence path;
    `values` names a curation table (`polarity`) or scheme (`ask:stanceBases`) whose members are
    the allowed values; `exactly_one` asks for exactly one value in language `lang`, or of class `cls`, among others."""

    path: str | tuple[str, ...]
    min: int | None = None
    max: int | None = None
    cls: str | None = None
    values: str | None = None
    lang: str | None = None
    exactly_one: bool = False
    at_least_one: bool = False  # as exactly_one, with no upper bound
    min_length: int | None = None
    min_inclusive: int | None = None
    pattern: str | None = None
    iri: bool = False
    has_value: str | None = None
    message: str | None = None


@dataclass(frozen=True)
class Shape:
    name: str
    target: str  # a class CURIE, or "subjectsOf:ask:p" / "objectsOf:ask:p"
    props: tuple[Prop, ...] = ()
    any_of: tuple[Prop | str, ...] = ()  # sh:or of property constraints, or "class:ask:C"
    message: str | None = None


def _labels(what: str, path: str = "rdfs:label") -> tuple[Prop, ...]:
    return (
        Prop(path, lang="en", exactly_one=True, message=f"{what} needs exactly one English label"),
        Prop(path, lang="es", exactly_one=True, message=f"{what} needs exactly one Spanish label"),
    )


SHAPES = (
    Shape(
        "Actor",
        "ask:Actor",
        (
            *_labels("an actor"),
            Prop(
                "schema:sameAs",
                iri=True,
                pattern=r"^http://www\.wikidata\.org/entity/Q[1-9][0-9]*$",
                message="a Wikidata link must be an item IRI",
            ),
        ),
    ),
    Shape("Topic", "ask:Topic", (*_labels("a topic", "skos:prefLabel"), Prop("skos:inScheme", min=1))),
    Shape(
        "Source",
        "ask:Source",
        (
            Prop("dcterms:title", min=1, message="a source needs a title"),
            Prop("dcterms:language", max=1),  # a reported source's language is often not known
            Prop("ask:reportedIn", cls="ask:Source"),
        ),
    ),
    Shape(
        "Claim",
        "ask:Claim",
        (
            Prop("ask:assertedBy", min=1, max=1, cls="prov:Agent", message="a claim needs exactly one asserter"),
            Prop("ask:statedIn", min=1, max=1, cls="ask:Source"),
            Prop("ask:quotedFrom", min=1, max=1, cls="ask:Source"),
            Prop("dcterms:source", min=1, max=1, cls="ask:Source"),
            Prop("ask:evidence", min=1, cls="oa:Annotation", message="a claim needs at least one quote"),
            Prop("rdfs:label", lang="en", at_least_one=True, message="a claim needs its text in English"),
        ),
    ),
    Shape(
        "Annotation",
        "oa:Annotation",
        (
            Prop("oa:motivatedBy", has_value="ask:evidencing", min=1, max=1),
            Prop("oa:hasBody", cls="ask:Claim", exactly_one=True, message="a quote needs the claim it is evidence for"),
            Prop("oa:hasBody", cls="oa:TextualBody", exactly_one=True, message="a quote needs an English gloss"),
            Prop("oa:hasTarget", cls="oa:SpecificResource", min=1, max=1),
            Prop(
                ("oa:hasTarget", "oa:hasSelector", "oa:exact"),
                min=1,
                min_length=1,
                message="a quote needs its exact text",
            ),
            Prop(("oa:hasTarget", "oa:hasSource"), min=1, max=1, cls="ask:Source"),
        ),
    ),
    Shape(
        "Gloss",
        "oa:TextualBody",
        (
            Prop("rdf:value", min=1, max=1, lang="en", message="a gloss must be English text"),
            Prop("dc:language", min=1, max=1, has_value="en"),
        ),
    ),
    Shape(
        "Stance",
        "ask:Stance",
        (
            Prop("ask:holder", min=1, max=1, cls="ask:Actor"),
            Prop("ask:topic", min=1, max=1, cls="ask:Topic"),
            Prop("ask:polarity", min=1, max=1, values="polarity"),
            Prop("ask:strength", max=1, values="strength"),
            Prop("ask:basis", min=1, max=1, values="ask:stanceBases"),
            Prop("ask:expressedBy", min=1, cls="ask:Claim", message="a stance needs the claim that expresses it"),
        ),
    ),
    Shape(
        "AttributedStance",
        "subjectsOf:ask:basis",
        any_of=(Prop("ask:basis", has_value="ask:selfStated"), Prop("ask:attributedBy", min=1)),
        message="an attributed stance must say who attributes it",
    ),
    Shape(
        "Relationship",
        "ask:Relationship",
        (
            Prop("ask:from", min=1, max=1, cls="ask:Actor"),
            Prop("ask:to", min=1, max=1),
            Prop("ask:relation", min=1, max=1),
            Prop("ask:otherSide", cls="ask:Claim"),
        ),
        any_of=(Prop("ask:expressedBy", min=1), "class:ask:InferredDisagreement"),
        message="a relationship needs a claim that expresses it (unless it is inferred)",
    ),
    Shape(
        "InferredDisagreement",
        "ask:InferredDisagreement",
        (Prop("ask:conflictingStance", min=2, max=2, cls="ask:Stance"), Prop("ask:explanation", min=1)),
    ),
    Shape(
        "Comparison",
        "ask:Comparison",
        (
            Prop("ask:compares", min=1, max=1),
            Prop("ask:dimension", min=1),
            Prop("ask:expressedBy", min=1, cls="ask:Claim"),
        ),
    ),
    Shape(
        "QualifiedFact",
        "ask:QualifiedFact",
        (
            Prop("ask:factSubject", min=1, max=1),
            Prop("ask:relation", min=1, max=1),
            Prop("ask:expressedBy", min=1, cls="ask:Claim"),
        ),
        any_of=(Prop("ask:factObject", min=1), Prop("ask:factValue", min=1)),
        message="a qualified fact needs its value",
    ),
    Shape(
        "ComputeCluster",
        "ask:ComputeCluster",
        (Prop("ask:gpuCount", min_inclusive=1), Prop("ask:gpuModel", cls="ask:Hardware")),
    ),
    Shape("Position", "oa:TextPositionSelector", (Prop("oa:start", min=1, max=1), Prop("oa:end", min=1, max=1))),
)

# datatypes of other vocabularies' properties the build writes (ours come from the term tables)
EXTERNAL_DATATYPES = {"oa:start": ("xsd:nonNegativeInteger",), "oa:end": ("xsd:nonNegativeInteger",)}
