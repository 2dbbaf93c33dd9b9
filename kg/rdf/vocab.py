"""The curation format's words and the ontology terms they stand for, read from the term tables.

Curators write `polarity: supports`; the graph says `ask:supports`. The words live beside the terms
in `ontology.terms` (one source of truth), so the reader checks values, the builder emits IRIs and
the docs list what is allowed from the same table.
"""

from __future__ import annotations

from rdflib import URIRef

from ontology import terms as T


def _table(name: str) -> dict[str, URIRef]:
    table = {t.word: URIRef(T.NS + t.name) for t in T.in_table(name)}
    for alias, word in T.ALIASES.get(name, {}).items():
        table[alias] = table[word]
    return table


def _value_kind(term: T.Term) -> str:
    """How a fact's value is written: int, text (en/es), ref (any known id) or money."""
    if term.range == ("schema:MonetaryAmount",):
        return "money"
    if term.kind == "object":
        return "ref"
    return "int" if term.range == ("xsd:integer",) else "text"


ACTOR_TYPES = _table("actor-type")
THING_TYPES = _table("thing-type")
SOURCE_KINDS = dict(sorted(_table("source-kind").items(), key=lambda kv: kv[0] == "other"))
STATEMENT_KINDS = _table("claim-kind")
POLARITIES = _table("polarity")
STRENGTHS = _table("strength")
RELATIONS = _table("relation")

# fact key -> (property, value kind)
FACT_PROPERTIES = {t.word: (URIRef(T.NS + t.name), _value_kind(t)) for t in T.in_table("fact")}
FACT_PROPERTIES.update({word: (URIRef(T.expand(curie)), kind) for word, (curie, kind) in T.EXTERNAL_FACTS.items()})

# a curator-inference note on field F of a resource records which property it concerns
INFERABLE_FIELDS = {t.word: URIRef(T.NS + t.name) for t in T.TERMS if t.inferable}

# a field's datatypes, from the property's range (the reader accepts exactly these)
FIELD_DATATYPES = {t.word: tuple(URIRef(T.expand(r)) for r in t.range) for t in T.in_table("field")}

# the claim kinds' labels, in English and Spanish, as queries print them ("plan or prediction")
CLAIM_KIND_LABELS = {label: URIRef(T.NS + t.name) for t in T.in_table("claim-kind") for label in (t.en, t.es)}
