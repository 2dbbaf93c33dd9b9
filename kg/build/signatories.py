"""A joint statement in the graph: its signatory list, each signature, and, per signatory, the
statements the text makes, asserted by that signatory by signing.

The text's statements are written once (`asserted_by: signatories`); each signatory gets its own
statement node, asserted by the signatory, stated in the letter, sourced from the signatory list
(the document that says this person signed) and pointing to the letter's quote, so every query
that reads stances (agreement, changes, disagreements) sees a signatory like any other actor.
A stance is dated by the signature when the list dates it, else by the letter.
"""

from __future__ import annotations

from dataclasses import replace

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, XSD

from kg.build.nodes import evidence_for
from kg.curation.records import Item, Signature, Source, Statement
from kg.curation.signatories import SIGNATORIES
from kg.rdf import vocab
from kg.rdf.namespaces import ASK, ID


def emit(em, g: Graph, src: Source) -> None:
    """Write the list, the signatures and the signed statements of `src` with emitter `em`."""
    lst = src.signatory_list
    if lst is None:
        return
    node = em.origin(ID[lst.id], lst.loc)
    em.typed(g, node, ASK.SignatoryList)
    for lang, text in lst.title.items():
        g.add((node, DCTERMS.title, Literal(text, lang=lang)))
        g.add((node, RDFS.label, Literal(text, lang=lang)))
    g.add((node, DCTERMS.language, Literal(src.language, datatype=XSD.language)))
    g.add((node, DCTERMS.isPartOf, ID[src.id]))
    signed = [s for s in src.statements if s.asserted_by == SIGNATORIES]
    annotations = {
        s.id: [em.annotation(g, src, URIRef(f"{ID[src.id]}-{s.id.lower()}-q{n}"), q) for n, q in enumerate(s.quotes, 1)]
        for s in signed
    }
    for sig in src.signatures:
        signature = _signature(em, g, src, sig)
        for stmt in signed:
            _statement(em, g, src, stmt, sig, signature, annotations[stmt.id])


def _signature(em, g: Graph, src: Source, sig: Signature) -> URIRef:
    node = em.origin(ID[f"{src.signatory_list.id}-{sig.actor}"], sig.loc)
    em.typed(g, node, ASK.Signature)
    g.add((node, ASK.signer, ID[sig.actor]))
    g.add((node, ASK.signed, ID[src.id]))
    g.add((node, DCTERMS.source, ID[src.signatory_list.id]))
    if sig.date is not None:
        g.add((node, ASK.date, sig.date))
    if sig.affiliation:
        g.add((node, ASK.affiliation, Literal(sig.affiliation)))
    for lang, verb in (("en", "signed"), ("es", "firmó")):
        title = src.title.get(lang) or next(iter(src.title.values()), src.id)
        g.add((node, RDFS.label, Literal(f"{em.label_of(sig.actor, lang)} {verb} «{title}»", lang=lang)))
    return node


def _statement(
    em, g: Graph, src: Source, stmt: Statement, sig: Signature, signature: URIRef, annotations: list[URIRef]
) -> None:
    node = em.origin(ID[f"{src.id}-{stmt.id.lower()}-{sig.actor}"], sig.loc)
    for kind in stmt.kinds or ["fact"]:
        em.typed(g, node, vocab.STATEMENT_KINDS[kind])
    g.add((node, DCTERMS.identifier, Literal(stmt.id)))
    em.labelled(g, node, stmt.claim)
    signer = ID[sig.actor]
    em.related(g, node, ASK.assertedBy, signer)
    g.add((node, ASK.bySigning, signature))
    em.related(g, node, ASK.statedIn, ID[stmt.stated_in])
    em.related(g, node, ASK.quotedFrom, ID[src.id])
    g.add((node, DCTERMS.source, ID[src.signatory_list.id]))
    em.notes(g, node, stmt.note)
    for ref in stmt.about:
        g.add((node, ASK.about, ID[ref]))
    for ann in annotations:
        evidence_for(g, node, ann)
    items = [
        replace(i, data={**i.data, "holder": sig.actor, "date": _date(i, sig)}, loc=sig.loc)
        if i.kind == "stances"
        else i
        for i in stmt.items
    ]
    em.items(g, node, replace(stmt, items=items), signer)


def _date(item: Item, sig: Signature):
    return sig.date if item.data["date"] is None else item.data["date"]
