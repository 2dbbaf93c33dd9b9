"""Citable evidence bundles: a statement, stance, disagreement, stance change or actor as a
self-contained nanopublication in TriG, named by a Trusty URI.

A bundle has the nanopublication's four graphs: `sub:Head` links them; `sub:assertion` holds the
claim (the stance, relationship, figures or derived node, as the graph has it); `sub:provenance`
holds where it comes from (the statements, who asserted them where, the report chain, the sources
without their full texts, every quote's Web Annotation with its selectors, the curator's
inferences, and for a derived claim the stances it rests on); `sub:pubinfo` says when and by which
tool it was made, under which licence, and gives the labels and classes of everything it names.

The IRI ends in a Trusty URI artefact code (module RA: a SHA-256 of the normalised quads with the
bundle's own IRI blanked, in base64url), computed by the `nanopub` package's implementation; any
change to any quad changes the code, so `verify` detects it. See docs/bundles.md.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.curation import located
from kg.rdf.namespaces import ASK, ID, OA, SCHEMA, bind_prefixes
from kg.sparql.runner import QueryRefused, _expand, resolve_entity

BUNDLE_NS = "https://w3id.org/ai-stance-kg/bundle/"
TEMPORARY = BUNDLE_NS + "TEMPORARY"  # the name while hashing; the artefact code takes its place
NP = Namespace("http://www.nanopub.org/nschema#")
PACKAGE = "ai-stance-kg"
SPDX = "https://spdx.org/licenses/"
_ARTEFACT = re.compile(r"^RA[A-Za-z0-9_-]{43}$")
_NAMING = (RDF.type, RDFS.label, SKOS.prefLabel, SCHEMA.sameAs)


class BundleError(ValueError):
    """An id that names nothing a bundle can hold, or a file that is not a bundle."""


@dataclass
class Bundle:
    iri: URIRef
    dataset: Dataset
    about: URIRef

    def trig(self) -> str:
        return self.dataset.serialize(format="trig")


# what goes in ------------------------------------------------------------------------------------

class _Collector:
    def __init__(self, store):
        self.ds = store.dataset
        self.assertion: set[tuple] = set()
        self.provenance: set[tuple] = set()
        self.described: set[URIRef] = set()
        self.statements: set[URIRef] = set()
        self.rests_on: set[URIRef] = set()

    def value(self, s, p):
        return next(iter(self.ds.objects(s, p)), None)

    def describe(self, node, into: set[tuple]) -> None:
        """Every triple of `node` (the sources' full texts left out: a quote is checked against the text
        on file, and a bundle stays small)."""
        if node in self.described:
            return
        self.described.add(node)
        for s, p, o in self.ds.triples((node, None, None)):
            if p != SCHEMA.text:
                into.add((s, p, o))
        for inference in self.ds.objects(node, ASK.hasInference):
            self.describe(inference, self.provenance)

    def claim(self, node) -> None:
        self.describe(node, self.assertion)
        relation, a, b = self.value(node, ASK.relation), self.value(node, ASK["from"]), self.value(node, ASK.to)
        if (node, RDF.type, ASK.QualifiedFact) in self.ds:
            a = self.value(node, ASK.factSubject)
            b = self.value(node, ASK.factObject) or self.value(node, ASK.factValue)
            if isinstance(b, URIRef) and str(b).startswith(str(node)):
                self.describe(b, self.assertion)  # a monetary amount made for this figure
        if relation is not None and (node, RDF.type, ASK.InferredDisagreement) not in self.ds:
            self.assertion.add((a, relation, b))  # the direct triple the node qualifies
        for prop in (ASK.conflictingStance, ASK.earlierStance, ASK.laterStance):
            for stance in self.ds.objects(node, prop):
                self.rests_on.add(stance)
        for statement in self.ds.objects(node, ASK.expressedBy):
            self.statements.add(statement)

    def statement_claims(self, statement) -> None:
        for item in self.ds.subjects(ASK.expressedBy, statement):
            self.claim(item)
        self.statements.add(statement)

    def provenance_of(self, statement) -> None:
        self.describe(statement, self.provenance)
        for ann in self.ds.objects(statement, ASK.evidence):
            self.describe(ann, self.provenance)
            for body in self.ds.objects(ann, OA.hasBody):
                if (body, RDF.type, OA.TextualBody) in self.ds:  # the English gloss
                    self.describe(body, self.provenance)
            for target in self.ds.objects(ann, OA.hasTarget):
                self.describe(target, self.provenance)
                for selector in self.ds.objects(target, OA.hasSelector):
                    self.describe(selector, self.provenance)
        where = [self.value(statement, ASK.statedIn), self.value(statement, DCTERMS.source)]
        while where:
            source = where.pop()
            if source is None or source in self.described:
                continue
            self.describe(source, self.provenance)
            where += list(self.ds.objects(source, ASK.reportedIn)) + list(self.ds.objects(source, DCTERMS.isPartOf))
            for creator in self.ds.objects(source, DCTERMS.creator):
                if str(creator).endswith("-author"):  # an unnamed author, made for this source
                    self.describe(creator, self.provenance)
        self.provenance.add((URIRef(TEMPORARY + "#assertion"), PROV.wasDerivedFrom, statement))


def resolve(store, ident: str) -> tuple[URIRef, str]:
    """The node an id names and what it is: statement, stance, disagreement, stance change or actor."""
    node = _expand(ident) or (ID[ident] if re.fullmatch(r"[a-z0-9][a-z0-9-]*", ident) else None)
    kinds = [(ASK.Claim, "statement"), (ASK.Stance, "stance"), (ASK.Disagreement, "disagreement"),
             (ASK.StanceChange, "stance change"), (ASK.Actor, "actor")]
    if node is None or not any(store.dataset.triples((node, RDF.type, None))):
        try:
            node = resolve_entity(store, ident, "statement")
        except QueryRefused:
            try:
                node = resolve_entity(store, ident, "actor")
            except QueryRefused:
                raise BundleError(f"'{ident}' names no statement, stance, disagreement, stance change or actor "
                                  "in the graph (give its id, such as harbor-daily-f01, or a CURIE)") from None
    for cls, kind in kinds:
        if (node, RDF.type, cls) in store.dataset:
            return node, kind
    raise BundleError(f"{ident} is not a statement, stance, disagreement, stance change or actor")


def make_bundle(store, ident: str, created: dt.datetime | None = None) -> Bundle:
    """The evidence bundle for one id, named by the hash of its content."""
    node, kind = resolve(store, ident)
    c = _Collector(store)
    ds = store.dataset
    if kind == "statement":
        c.statement_claims(node)
    elif kind == "actor":
        for prop in (ASK.holder, ASK["from"], ASK.to):
            for claim in set(ds.subjects(prop, node)):
                c.claim(claim)
    else:
        c.claim(node)
    for stance in c.rests_on - c.described:
        c.describe(stance, c.provenance)
        c.statements.update(ds.objects(stance, ASK.expressedBy))
        c.provenance.add((URIRef(TEMPORARY + "#assertion"), PROV.wasDerivedFrom, stance))
    if not c.assertion:
        raise BundleError(f"{ident}: the graph holds no stance, relationship or figure for it to bundle")
    for statement in sorted(c.statements):
        c.provenance_of(statement)
    return _assemble(c, node, created or dt.datetime.now(dt.UTC))


def _names(ds: Dataset, triples: set[tuple], described: set[URIRef]) -> set[tuple]:
    """Labels, classes and Wikidata items of every IRI the bundle names but does not describe, and
    the labels and superclasses of the classes and terms it uses."""
    out = set()
    named = {t for triple in triples for t in triple if isinstance(t, URIRef)} - described
    for node in sorted(named):
        for prop in _NAMING:
            for o in ds.objects(node, prop):
                if prop != RDF.type or str(o).startswith(str(ASK)):
                    out.add((node, prop, o))
        for parent in ds.objects(node, RDFS.subClassOf):
            if isinstance(parent, URIRef) and parent != OWL.Thing:  # not OWL's anonymous class expressions
                out.add((node, RDFS.subClassOf, parent))
    return out


def _assemble(c: _Collector, about: URIRef, created: dt.datetime) -> Bundle:
    # nanopub is imported only here: importing it turns off rdflib's literal normalisation for the
    # whole process (rdflib.NORMALIZE_LITERALS = False), which would change how every other module
    # reads and writes literals (a boolean read back from Virtuoso as "1" stays "1").
    from nanopub.trustyuri.rdf import RdfHasher

    this = URIRef(TEMPORARY)
    sub = Namespace(TEMPORARY + "#")
    when = Literal(created.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)
    version = metadata.version(PACKAGE)
    licence = URIRef(SPDX + (metadata.metadata(PACKAGE).get("License") or "MIT"))
    pubinfo = {(this, DCTERMS.created, when), (this, DCTERMS.license, licence), (this, SCHEMA.about, about),
               (this, PROV.wasGeneratedBy, sub.generation), (sub.generation, RDF.type, PROV.Activity),
               (sub.generation, PROV.endedAtTime, when), (sub.generation, PROV.wasAssociatedWith, sub.software),
               (sub.software, RDF.type, PROV.SoftwareAgent), (sub.software, SCHEMA.name, Literal("stancekg")),
               (sub.software, SCHEMA.softwareVersion, Literal(version)),
               (sub.software, SCHEMA.isPartOf, Literal(PACKAGE))}
    pubinfo |= _names(c.ds, c.assertion | c.provenance, c.described)
    head = {(this, RDF.type, NP.Nanopublication), (this, NP.hasAssertion, sub.assertion),
            (this, NP.hasProvenance, sub.provenance), (this, NP.hasPublicationInfo, sub.pubinfo)}
    graphs = {sub.Head: head, sub.assertion: c.assertion, sub.provenance: c.provenance, sub.pubinfo: pubinfo}
    quads = [(g, s, p, o) for g, triples in graphs.items() for s, p, o in triples]
    artefact = RdfHasher.make_hash(quads, baseuri=TEMPORARY + "#", hashstr=" ")
    iri = BUNDLE_NS + artefact

    def final(term):
        return URIRef(iri + str(term)[len(TEMPORARY):]) if isinstance(term, URIRef) and \
            str(term).startswith(TEMPORARY) else term

    ds = bind_prefixes(Dataset())
    ds.bind("this", iri)
    ds.bind("sub", iri + "#")
    ds.bind("np", str(NP))
    for g, s, p, o in quads:
        ds.graph(final(g)).add((final(s), final(p), final(o)))
    return Bundle(URIRef(iri), ds, about)


# checking --------------------------------------------------------------------------------------

@dataclass
class Verdict:
    iri: str
    artefact_ok: bool
    quotes_checked: int
    problems: list[str]


def verify(path: Path, data_dir: Path) -> Verdict:
    """Recompute the bundle's artefact code and find every quote in the source text it names."""
    # nanopub is imported only here: importing it turns off rdflib's literal normalisation for the
    # whole process (rdflib.NORMALIZE_LITERALS = False), which would change how every other module
    # reads and writes literals (a boolean read back from Virtuoso as "1" stays "1").
    from nanopub.trustyuri.rdf import RdfHasher

    try:
        ds = Dataset()
        ds.parse(Path(path), format="trig")
    except Exception as exc:  # noqa: BLE001 - any parser error: not a bundle
        raise BundleError(f"{path}: not TriG: {exc}") from None
    heads = [(s, g) for s, _, _, g in ds.quads((None, RDF.type, NP.Nanopublication, None))]
    if len(heads) != 1:
        raise BundleError(f"{path}: expected one np:Nanopublication, found {len(heads)}")
    iri = str(heads[0][0])
    artefact = iri[len(BUNDLE_NS):] if iri.startswith(BUNDLE_NS) else ""
    problems = []
    if not _ARTEFACT.match(artefact):
        problems.append(f"{iri} does not end in a Trusty URI artefact code (RA and 43 base64url characters)")
    quads = [(g if isinstance(g, URIRef) else None, s, p, o) for s, p, o, g in ds.quads((None, None, None, None))]
    expected = RdfHasher.make_hash(quads, baseuri=iri + "#", hashstr=" ")
    ok = expected == artefact
    if not ok:
        problems.append(f"the content's hash is {expected}, not the {artefact or '(none)'} its IRI names: "
                        "the bundle was changed after it was made")
    checked, quote_problems = _check_quotes(ds, Path(data_dir))
    return Verdict(iri, ok, checked, problems + quote_problems)


def source_texts(data_dir: Path) -> dict[str, Path]:
    """Each curated source's id and the text file beside its YAML (read without checking the rest)."""
    out = {}
    for path in sorted((Path(data_dir) / "sources").glob("*.yaml")):
        try:
            doc = located.load(path)
        except (located.YamlSyntaxError, OSError, UnicodeDecodeError):
            continue
        source = doc.get("source") if isinstance(doc, dict) else None
        if isinstance(source, dict) and source.get("id") and source.get("text"):
            out[str(source["id"])] = path.parent / str(source["text"])
    return out


def _check_quotes(ds: Dataset, data_dir: Path) -> tuple[int, list[str]]:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    texts, cache, problems, checked = source_texts(data_dir), {}, [], 0
    for target in sorted(set(g.subjects(OA.hasSelector, None))):
        source = g.value(target, OA.hasSource)
        ident = str(source)[len(str(ID)):] if source is not None else ""
        for selector in g.objects(target, OA.hasSelector):
            if (selector, RDF.type, OA.TextQuoteSelector) not in g:
                continue
            exact = str(g.value(selector, OA.exact))
            checked += 1
            if ident not in texts or not texts[ident].is_file():
                problems.append(f"quote {exact!r}: no text for source '{ident}' in {data_dir / 'sources'}")
                continue
            text = cache.setdefault(ident, texts[ident].read_text(encoding="utf-8"))
            position = next((p for p in g.objects(target, OA.hasSelector)
                             if (p, RDF.type, OA.TextPositionSelector) in g), None)
            start, end = (int(g.value(position, OA.start)), int(g.value(position, OA.end))) if position else (-1, -1)
            prefix, suffix = str(g.value(selector, OA.prefix) or ""), str(g.value(selector, OA.suffix) or "")
            if text[start:end] == exact and text[:start].endswith(prefix) and text[end:].startswith(suffix):
                continue
            where = text.find(exact)
            problems.append(f"quote {exact!r} is not at characters {start}-{end} of {texts[ident].name}" +
                            (f" (it is at {where}-{where + len(exact)})" if where >= 0 else
                             " nor anywhere in it"))
    return checked, problems
