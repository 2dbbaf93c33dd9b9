"""Turning checked curation records into an RDF dataset, one named graph per source.

Layout: the ontology, the shared registry (actors, topics, things), one graph per source
(removing a source removes exactly its graph) and the inferred graph (re-derived every build).
Every node gets an IRI, never a blank node, so loading the same build twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

import ontology
from kg.build import signatories
from kg.build.derive import derive
from kg.build.nodes import annotate, annotation, decimal, fact_values, qualified_fact
from kg.curation import Corpus, Item, Loc, Source, Statement, read_corpus
from kg.curation.problems import CurationError, errors
from kg.curation.signatories import SIGNATORIES
from kg.rdf import vocab
from kg.rdf.namespaces import (
    ASK,
    ID,
    ONTOLOGY_GRAPH,
    REGISTRY_GRAPH,
    SCHEMA,
    WD,
    bind_prefixes,
    source_graph,
)
from kg.store.rdfio import union_graph

DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
TOPIC_SCHEME = ID["topics"]


@dataclass
class Build:
    """A built dataset plus where each node came from (for pointing errors at YAML lines)."""

    dataset: Dataset
    origins: dict[URIRef, Loc] = field(default_factory=dict)
    corpus: Corpus | None = None

    def union(self) -> Graph:
        """All graphs merged into one (what Turtle and N-Triples exports hold)."""
        return union_graph(self.dataset)


@lru_cache(maxsize=1)
def _superclasses() -> dict[URIRef, tuple[URIRef, ...]]:
    """Each declared class with all its named superclasses, to type nodes without a reasoner."""
    onto = ontology.load_graph()
    out = {}
    for cls in set(onto.subjects(RDF.type, OWL.Class)):
        if isinstance(cls, URIRef):
            out[cls] = tuple(c for c in onto.transitive_objects(cls, RDFS.subClassOf)
                             if isinstance(c, URIRef) and c != OWL.Thing)
    return out


@lru_cache(maxsize=1)
def _superproperties() -> dict[URIRef, tuple[URIRef, ...]]:
    """Each of our properties with its super-properties in other vocabularies (PROV), written beside
    it so that a query using PROV alone walks the graph without a reasoner."""
    onto = ontology.load_graph()
    out = {}
    for prop in set(onto.subjects(RDFS.subPropertyOf, None)):
        supers = tuple(p for p in onto.transitive_objects(prop, RDFS.subPropertyOf) if p != prop)
        out[prop] = supers + tuple(q for p in supers for q in _PROV_PARENTS.get(p, ()))
    return out


# PROV's own hierarchy, which the ontology refers to without restating
_PROV_PARENTS = {PROV.hadPrimarySource: (PROV.wasDerivedFrom,), PROV.wasQuotedFrom: (PROV.wasDerivedFrom,)}


class _Emitter:
    def __init__(self, corpus: Corpus, build: Build):
        self.corpus, self.build = corpus, build
        self.ds = build.dataset
        self.labels = {e.id: e.label for e in corpus.all_entities().values()}
        for ev in corpus.events.values():
            self.labels[ev.data["id"]] = ev.data["label"]

    # helpers -------------------------------------------------------------------------
    def typed(self, g: Graph, node: URIRef, cls: URIRef) -> None:
        for c in _superclasses().get(cls, (cls,)):
            g.add((node, RDF.type, c))

    def related(self, g: Graph, s: URIRef, prop: URIRef, o) -> None:
        """`s prop o`, and the same under each of prop's super-properties."""
        for p in (prop, *_superproperties().get(prop, ())):
            g.add((s, p, o))

    def labelled(self, g: Graph, node: URIRef, texts: dict, prop=RDFS.label) -> None:
        for lang, text in texts.items():
            g.add((node, prop, Literal(text, lang=lang)))

    def origin(self, node: URIRef, loc: Loc) -> URIRef:
        self.build.origins.setdefault(node, loc)
        return node

    def label_of(self, ident: str, lang: str) -> str:
        texts = self.labels.get(ident, {})
        return texts.get(lang) or texts.get("en") or ident

    def notes(self, g: Graph, node: URIRef, note: dict | None) -> None:
        """The curator's note, in each language written (English always, Spanish where given)."""
        for lang, text in (note or {}).items():
            g.add((node, ASK.curatorNote, Literal(text, lang=lang)))

    def inferences(self, g: Graph, node: URIRef, inferred: dict, fields: dict) -> None:
        for name, note in inferred.items():
            if name == "":
                g.add((node, ASK.inferredByCurator, Literal(True)))
                g.add((node, ASK.curatorNote, Literal(note, lang="en")))
                continue
            inf = URIRef(f"{node}-inference-{name.replace('_', '-')}")
            g.add((node, ASK.hasInference, inf))
            self.typed(g, inf, ASK.CuratorInference)
            prop = fields.get(name) or vocab.INFERABLE_FIELDS.get(name) or vocab.FACT_PROPERTIES[name][0]
            g.add((inf, ASK.inferredProperty, prop))
            g.add((inf, RDFS.comment, Literal(note, lang="en")))

    # registry ------------------------------------------------------------------------
    def registry(self) -> None:
        g = self.ds.graph(REGISTRY_GRAPH)
        g.add((TOPIC_SCHEME, RDF.type, SKOS.ConceptScheme))
        g.add((TOPIC_SCHEME, RDFS.label, Literal("Topics of the AI stance graph", lang="en")))
        g.add((TOPIC_SCHEME, RDFS.label, Literal("Temas del grafo de posturas sobre la IA", lang="es")))
        for e in self.corpus.entities.values():
            self.entity(g, e)

    def entity(self, g: Graph, e) -> None:
        """An actor, topic or thing: into the registry graph, or a source's graph if declared inline."""
        tables = {"actor": vocab.ACTOR_TYPES, "thing": vocab.THING_TYPES}
        node = self.origin(ID[e.id], e.loc)
        self.typed(g, node, tables[e.kind][e.type] if e.kind in tables else ASK.Topic)
        self.labelled(g, node, e.label)
        if e.wikidata:
            g.add((node, SCHEMA.sameAs, WD[e.wikidata]))
        self.notes(g, node, e.note)
        if e.kind == "topic":
            self.labelled(g, node, e.label, SKOS.prefLabel)
            self.labelled(g, node, e.definition, SKOS.definition)
            g.add((node, SKOS.inScheme, TOPIC_SCHEME))
            if e.broader:
                g.add((node, SKOS.broader, ID[e.broader]))
            else:
                g.add((TOPIC_SCHEME, SKOS.hasTopConcept, node))

    # sources -------------------------------------------------------------------------
    def source(self, src: Source) -> None:
        g = self.ds.graph(source_graph(src.id))
        self.source_id = src.id
        for e in src.entities.values():
            self.entity(g, e)
        self.source_node(g, src)
        author = ID[src.author] if src.author else URIRef(f"{ID[src.id]}-author")
        if not src.author:
            g.add((author, RDF.type, PROV.Agent))
            title = src.title.get(src.language) or next(iter(src.title.values()), src.id)
            g.add((author, RDFS.label, Literal(f"author of «{title}» (not named)", lang="en")))
            g.add((author, RDFS.label, Literal(f"autor de «{title}» (sin nombre)", lang="es")))
            g.add((ID[src.id], DCTERMS.creator, author))
        for rep in src.reported:
            self.source_node(g, rep)
        for stmt in src.statements:
            if stmt.asserted_by != SIGNATORIES:
                self.statement(g, src, stmt, author)
        signatories.emit(self, g, src)

    def source_node(self, g: Graph, src: Source) -> None:
        node = self.origin(ID[src.id], src.loc)
        self.typed(g, node, vocab.SOURCE_KINDS[src.kind])
        for lang, text in src.title.items():
            g.add((node, DCTERMS.title, Literal(text, lang=lang)))
            g.add((node, RDFS.label, Literal(text, lang=lang)))
        if src.language:  # a reported source's language is known only when a source says it
            g.add((node, DCTERMS.language, Literal(src.language, datatype=XSD.language)))
        if src.text:
            g.add((node, SCHEMA.text, Literal(src.text, lang=src.language)))
        if src.author:
            g.add((node, DCTERMS.creator, ID[src.author]))
        if src.publisher:
            g.add((node, DCTERMS.publisher, Literal(src.publisher)))
        if src.date is not None:
            g.add((node, DCTERMS.date, src.date))
        if src.url:
            g.add((node, SCHEMA.url, Literal(src.url, datatype=XSD.anyURI)))
        if src.platform:
            g.add((node, ASK.onPlatform, ID[src.platform]))
        for p in src.participants:
            g.add((node, ASK.participant, ID[p]))
        if src.reported_in:
            g.add((node, ASK.reportedIn, ID[src.reported_in]))
            self.related(g, ID[src.reported_in], ASK.reports, node)
        self.notes(g, node, src.note)
        self.inferences(g, node, src.inferred, {"date": DCTERMS.date})

    def statement(self, g: Graph, src: Source, stmt: Statement, author: URIRef) -> None:
        node = self.origin(ID[f"{src.id}-{stmt.id.lower()}"], stmt.loc)
        for kind in stmt.kinds or ["fact"]:
            self.typed(g, node, vocab.STATEMENT_KINDS[kind])
        g.add((node, DCTERMS.identifier, Literal(stmt.id)))
        self.labelled(g, node, stmt.claim)
        asserter = author if stmt.asserted_by == "source" else ID[stmt.asserted_by]
        self.related(g, node, ASK.assertedBy, asserter)
        self.related(g, node, ASK.statedIn, ID[stmt.stated_in])
        self.related(g, node, ASK.quotedFrom, ID[src.id])
        g.add((node, DCTERMS.source, ID[src.id]))
        self.notes(g, node, stmt.note)
        for ref in stmt.about:
            g.add((node, ASK.about, ID[ref]))
        for n, quote in enumerate(stmt.quotes, 1):
            annotate(g, node, self.origin(URIRef(f"{node}-q{n}"), quote.loc), quote, ID[src.id], src.language)
        self.items(g, node, stmt, asserter)

    def items(self, g: Graph, node: URIRef, stmt: Statement, asserter: URIRef) -> None:
        counters: dict[str, int] = {}
        for item in stmt.items:
            counters[item.kind] = counters.get(item.kind, 0) + 1
            base = URIRef(f"{node}-{item.kind.rstrip('s')}-{counters[item.kind]}")
            getattr(self, "item_" + item.kind)(g, node, base, item, stmt, asserter)

    def annotation(self, g: Graph, src: Source, ann: URIRef, quote) -> URIRef:
        """A quoted passage of the source with no claim yet (a joint statement's, shared by its signatories)."""
        annotation(g, self.origin(ann, quote.loc), quote, ID[src.id], src.language)
        return ann

    # statement items -----------------------------------------------------------------
    def common(self, g: Graph, node: URIRef, item: Item, stmt: URIRef, fields=None) -> None:
        self.origin(node, item.loc)
        g.add((node, ASK.expressedBy, stmt))
        self.notes(g, node, item.data.get("note"))
        self.inferences(g, node, item.inferred, fields or {})

    def item_stances(self, g, stmt, node, item: Item, statement: Statement, asserter):
        d = item.data
        self.typed(g, node, ASK.Stance)
        g.add((node, ASK.holder, ID[d["holder"]]))
        g.add((node, ASK.topic, ID[d["topic"]]))
        g.add((node, ASK.polarity, vocab.POLARITIES[d["polarity"]]))
        if d["strength"]:
            g.add((node, ASK.strength, vocab.STRENGTHS[d["strength"]]))
        if d["date"] is not None:
            g.add((node, ASK.date, d["date"]))
        by = ID[d["attributed_by"]] if d["attributed_by"] else asserter
        if by == ID[d["holder"]]:
            g.add((node, ASK.basis, ASK.selfStated))
        else:
            g.add((node, ASK.basis, ASK.attributed))
            g.add((node, ASK.attributedBy, by))
        verbs = {"supports": ("supports", "apoya"), "opposes": ("opposes", "se opone a"),
                 "concerned-about": ("is concerned about", "está preocupado por")}[d["polarity"]]
        for lang, verb in zip(("en", "es"), verbs, strict=True):
            g.add((node, RDFS.label, Literal(
                f"{self.label_of(d['holder'], lang)} {verb} {self.label_of(d['topic'], lang)}", lang=lang)))
        self.common(g, node, item, stmt)

    def item_relations(self, g, stmt, node, item: Item, statement, asserter, disagreement=False):
        d = item.data
        prop = ASK.disagreesWith if disagreement else vocab.RELATIONS[d["relation"]]
        self.typed(g, node, ASK.AssertedDisagreement if prop == ASK.disagreesWith else ASK.Relationship)
        g.add((node, ASK["from"], ID[d["from"]]))
        g.add((node, ASK.to, ID[d["to"]]))
        g.add((node, ASK.relation, prop))
        g.add((ID[d["from"]], prop, ID[d["to"]]))
        for key, p in (("date", ASK.date), ("start", ASK.startDate), ("end", ASK.endDate)):
            if d.get(key) is not None:
                g.add((node, p, d[key]))
        for lang, text in (d.get("reason") or {}).items():
            g.add((node, ASK.reason, Literal(text, lang=lang)))
        for t in d.get("topics", []):
            g.add((node, ASK.topic, ID[t]))
        if d.get("other_side"):  # the other party's words, in a statement of the same source
            g.add((node, ASK.otherSide, ID[f"{self.source_id}-{d['other_side'].lower()}"]))
        onto = ontology.load_graph()
        for lang in ("en", "es"):
            verb = next((str(v) for v in onto.objects(prop, RDFS.label) if v.language == lang),
                        str(prop))
            g.add((node, RDFS.label, Literal(
                f"{self.label_of(d['from'], lang)} {verb} {self.label_of(d['to'], lang)}", lang=lang)))
        self.common(g, node, item, stmt)

    def item_disagreements(self, g, stmt, node, item, statement, asserter):
        self.item_relations(g, stmt, node, item, statement, asserter, disagreement=True)

    def item_events(self, g, stmt, node, item: Item, statement, asserter):
        d = item.data
        node = ID[d["id"]]
        self.typed(g, node, ASK.Event)
        self.labelled(g, node, d["label"])
        if d["date"] is not None:
            g.add((node, ASK.date, d["date"]))
        if d["duration"] is not None:
            g.add((node, ASK.duration, d["duration"]))
        for ref in d["involves"]:
            g.add((node, ASK.involves, ID[ref]))
        g.add((stmt, ASK.about, node))
        self.common(g, node, item, stmt)

    def item_comparisons(self, g, stmt, node, item: Item, statement, asserter):
        d = item.data
        self.typed(g, node, ASK.Comparison)
        g.add((node, ASK.compares, ID[d["compares"]]))
        if d["against"]:
            g.add((node, ASK.against, ID[d["against"]]))
        self.labelled(g, node, d["dimension"], ASK.dimension)
        self.labelled(g, node, d["outcome"], ASK.outcome)
        if d["factor"] is not None:
            g.add((node, ASK.factor, decimal(d["factor"])))
        if d["approximate"] is not None:
            g.add((node, ASK.approximate, Literal(d["approximate"])))
        for lang in ("en", "es"):
            what = d["outcome"].get(lang) or (f"×{d['factor']}" if d["factor"] is not None else "")
            vs = f" / {self.label_of(d['against'], lang)}" if d["against"] else ""
            g.add((node, RDFS.label, Literal(
                f"{self.label_of(d['compares'], lang)}{vs}: {what}".rstrip(": "), lang=lang)))
        self.common(g, node, item, stmt)

    def item_facts(self, g, stmt, node, item: Item, statement, asserter):
        """Each value as a direct triple and as a qualified fact (an n-ary node) the claim expresses."""
        d = item.data
        subject = ID[d["subject"]]
        self.origin(node, item.loc)
        for prop_key, value in d["values"].items():
            prop, kind = vocab.FACT_PROPERTIES[prop_key]
            fact_node = URIRef(f"{node}-{prop_key.replace('_', '-')}")
            objects = fact_values(g, fact_node, kind, value)
            for n, obj in enumerate(objects, 1):
                g.add((subject, prop, obj))
                fact = URIRef(f"{fact_node}-{n}") if len(objects) > 1 else fact_node
                self.origin(fact, item.loc)
                self.typed(g, fact, ASK.QualifiedFact)
                qualified_fact(g, fact, subject, prop, obj, stmt)
            if prop_key in item.inferred:
                self.inferences(g, subject, {prop_key: item.inferred[prop_key]}, {})
        if "" in item.inferred:
            g.add((stmt, ASK.curatorNote, Literal(item.inferred[""], lang="en")))
        self.notes(g, stmt, d.get("note"))


@lru_cache(maxsize=1)
def _ontology_triples() -> tuple:
    """The ontology as generated, blank nodes and all (OWL's class expressions are blank nodes);
    the same nodes for every build in a process, and stores replace the ontology graph whole."""
    return tuple(ontology.load_graph())


def build_corpus(corpus: Corpus) -> Build:
    """Turn a checked corpus into a dataset; raise CurationError if the corpus has errors."""
    if errors(corpus.problems):
        raise CurationError(errors(corpus.problems))
    build = Build(bind_prefixes(Dataset()), corpus=corpus)
    onto_graph = build.dataset.graph(ONTOLOGY_GRAPH)
    for triple in _ontology_triples():
        onto_graph.add(triple)
    emitter = _Emitter(corpus, build)
    emitter.registry()
    for src in corpus.sources:
        emitter.source(src)
    derive(build.dataset)
    return build


def build(data_dir: Path = DEFAULT_DATA_DIR, only: list[Path] | None = None) -> Build:
    """Read and build the curated data under `data_dir`."""
    return build_corpus(read_corpus(Path(data_dir), only))


def build_default() -> Build:
    return build(DEFAULT_DATA_DIR)
