"""A synthetic ai-stance graph of a chosen size, shaped like a real build, for the benchmark.

The graph copies what `kg.build.builder` emits (the same named graphs, classes with their
superclasses, stances with quotes and sources, relationships, inferred disagreements), so every
named query means on it what it means on curated data. It is written as N-Quads text directly,
without rdflib objects, so a million triples take seconds; the same seed gives the same bytes.

    .venv/bin/python benchmarks/generate.py --triples 1000000 -o build/bench/graph.nq
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from collections.abc import Iterator
from functools import cache
from itertools import accumulate
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.build.builder import (  # the builder's own typing: one source of truth
    _ontology_triples,
    _superclasses,
    _superproperties,
)
from kg.rdf.namespaces import (
    ASK,
    DC,
    ID,
    INFERRED_GRAPH,
    OA,
    ONTOLOGY_GRAPH,
    REGISTRY_GRAPH,
    SCHEMA,
    WD,
    source_graph,
)
from kg.rdf.vocab import RELATIONS, SOURCE_KINDS, STRENGTHS

WORDS = ("safety alignment compute frontier models risk open weights regulation labs evaluation "
         "oversight governance release pause scaling research policy catastrophic misuse audit "
         "transparency incentives benchmarks agents deployment liability licensing treaty").split()
FIRST = "Ada Bram Cleo Dario Elif Femi Gita Hugo Iris Jonas Kaia Lior Mara Nico Oona Pavel Quin Rosa Sami Tova".split()
LAST = "Aster Brandt Castell Dunmore Everly Falk Grau Halvorsen Ibarra Jovic Kestrel Lund Moreau Novak".split()
ORG = "Institute Lab Foundation Collective Council Center Group Initiative Systems Works".split()
TOPICS_EN = "compute governance|open model weights|a pause on frontier training|liability for AI harms|" \
            "licensing of frontier labs|international AI treaty|evaluations before release|" \
            "existential risk|AI in elections|autonomous weapons".split("|")
VERBS = {ASK.supports: ("supports", "apoya"), ASK.opposes: ("opposes", "se opone a"),
         ASK.concernedAbout: ("is concerned about", "está preocupado por")}
OPPOSITE = {ASK.supports: ASK.opposes, ASK.opposes: ASK.supports}


def iri(term) -> str:
    return f"<{term}>"


def lit(text: str, lang: str | None = None, datatype=None) -> str:
    """An N-Quads literal; escaping matters only for generated text, which avoids quotes."""
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return f'"{body}"@{lang}'
    return f'"{body}"^^<{datatype}>' if datatype else f'"{body}"'


class Writer:
    """Collects N-Quads lines and counts them; the graph stops growing at the target size."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.lines: list[str] = []
        self.counts: Counter = Counter()

    def quad(self, s, p, o: str, g) -> None:
        self.lines.append(f"{iri(s)} {iri(p)} {o} {iri(g)} .\n")

    def typed(self, node, cls, g) -> None:
        for c in _types(cls):
            self.quad(node, RDF.type, iri(c), g)

    def related(self, s, p, o: str, g) -> None:
        """`s p o` and the same under p's super-properties (PROV), as the builder writes them."""
        for prop in (p, *_superproperties().get(p, ())):
            self.quad(s, prop, o, g)

    def labelled(self, node, en: str, es: str, g, prop=RDFS.label) -> None:
        self.quad(node, prop, lit(en, "en"), g)
        self.quad(node, prop, lit(es, "es"), g)

    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n))


@cache
def _types(cls) -> list:
    """A class with its superclasses, sorted: the same seed must give the same bytes."""
    return sorted(_superclasses().get(cls, (cls,)))


def _popularity(n: int, s: float) -> list[float]:
    """Cumulative Zipf weights: a few actors and topics attract most stances, as in real sources."""
    return list(accumulate(1.0 / (rank ** s) for rank in range(1, n + 1)))


def generate(triples: int, seed: int = 7, counts: Counter | None = None) -> Iterator[str]:
    """Yield N-Quads text in chunks until at least `triples` quads; tally what was made in `counts`."""
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    w = Writer(rng)
    if counts is not None:
        w.counts = counts
    n_actors, n_topics = max(20, triples // 50), max(5, triples // 5000)

    for s, p, o in sorted(_ontology_triples()):
        w.lines.append(f"{s.n3()} {p.n3()} {o.n3()} {iri(ONTOLOGY_GRAPH)} .\n")

    reg, scheme = REGISTRY_GRAPH, ID["topics"]
    w.quad(scheme, RDF.type, iri(SKOS.ConceptScheme), reg)
    w.labelled(scheme, "Topics of the AI stance graph", "Temas del grafo de posturas sobre la IA", reg)
    topics, topic_names = [], []
    for i in range(n_topics):
        node = ID[f"topic-{i:04d}"]
        name = f"{TOPICS_EN[i % len(TOPICS_EN)]} {i}"
        topics.append(node)
        topic_names.append(name)
        w.typed(node, ASK.Topic, reg)
        w.labelled(node, name, f"tema {name}", reg)
        w.labelled(node, name, f"tema {name}", reg, SKOS.prefLabel)
        w.labelled(node, f"Whether {name} is a good idea.", f"Si {name} es buena idea.", reg, SKOS.definition)
        w.quad(node, SKOS.inScheme, iri(scheme), reg)
        top = i < max(1, n_topics // 10)
        if top:
            w.quad(scheme, SKOS.hasTopConcept, iri(node), reg)
        else:
            w.quad(node, SKOS.broader, iri(topics[rng.randrange(max(1, n_topics // 10))]), reg)
    actors, actor_names = [], []
    for i in range(n_actors):
        kind = rng.choices(("person", "company", "non-profit"), (70, 15, 15))[0]
        node = ID[f"{kind}-{i:06d}"]
        if kind == "person":
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
            cls = ASK.Person
        else:
            name = f"{rng.choice(LAST)} {rng.choice(ORG)} {i}"
            cls = ASK.Company if kind == "company" else ASK.NonProfit
        actors.append(node)
        actor_names.append(name)
        w.typed(node, cls, reg)
        w.labelled(node, name, name, reg)
        if rng.random() < 0.6:
            w.quad(node, SCHEMA.sameAs, iri(WD[f"Q{1000 + i}"]), reg)
    w.counts.update(actors=n_actors, topics=n_topics)

    actor_weights, topic_weights = _popularity(n_actors, 0.8), _popularity(n_topics, 0.6)
    kinds, relations = list(SOURCE_KINDS.values())[:3], [r for r in RELATIONS.values() if r != ASK.disagreesWith]
    recent: dict[tuple, list] = {}  # (topic, polarity) -> recent stances, for inferred disagreements
    n_source = 0
    while len(w.lines) < triples:
        if len(w.lines) > 1000:
            yield "".join(w.lines)
            w.counts["triples"] += len(w.lines)
            w.lines.clear()
            if w.counts["triples"] >= triples:
                break
        src_id = f"source-{n_source:06d}"
        n_source += 1
        src, g = ID[src_id], source_graph(src_id)
        author = rng.choices(actors, cum_weights=actor_weights)[0]
        w.typed(src, rng.choice(kinds), g)
        title = w.words(6).capitalize()
        w.quad(src, DCTERMS.title, lit(title, "en"), g)
        w.quad(src, RDFS.label, lit(title, "en"), g)
        w.quad(src, DCTERMS.language, lit("en", datatype=XSD.language), g)
        w.quad(src, DCTERMS.creator, iri(author), g)
        date = f"{rng.randrange(2015, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        w.quad(src, DCTERMS.date, lit(date, datatype=XSD.date), g)
        w.quad(src, SCHEMA.url, lit(f"https://news.example/{src_id}", datatype=XSD.anyURI), g)
        w.counts["sources"] += 1
        for k in range(1, rng.randrange(4, 13)):
            is_relation = rng.random() < 0.2
            stmt = ID[f"{src_id}-c{k:02d}"]
            w.typed(stmt, ASK.RelationStatement if is_relation else ASK.StanceStatement, g)
            w.quad(stmt, DCTERMS.identifier, lit(f"C{k:02d}"), g)
            claim = w.words(10).capitalize() + "."
            w.labelled(stmt, claim, claim, g)
            asserter = author if rng.random() < 0.5 else rng.choices(actors, cum_weights=actor_weights)[0]
            w.related(stmt, ASK.assertedBy, iri(asserter), g)
            w.related(stmt, ASK.statedIn, iri(src), g)
            w.related(stmt, ASK.quotedFrom, iri(src), g)
            w.quad(stmt, DCTERMS.source, iri(src), g)
            ann = ID[f"{src_id}-c{k:02d}-q1"]
            target, tqs, pos = (ID[f"{src_id}-c{k:02d}-q1-{x}"] for x in ("target", "quote", "position"))
            w.quad(stmt, ASK.evidence, iri(ann), g)
            w.quad(ann, RDF.type, iri(OA.Annotation), g)
            w.quad(ann, OA.motivatedBy, iri(ASK.evidencing), g)
            w.quad(ann, OA.hasBody, iri(stmt), g)
            w.quad(ann, OA.hasTarget, iri(target), g)
            exact = w.words(rng.randrange(8, 16))
            gloss = ID[f"{src_id}-c{k:02d}-q1-gloss"]
            w.quad(ann, OA.hasBody, iri(gloss), g)
            w.quad(gloss, RDF.type, iri(OA.TextualBody), g)
            w.quad(gloss, RDF.value, lit(exact, "en"), g)
            w.quad(gloss, DC.language, lit("en"), g)
            w.quad(gloss, DC["format"], lit("text/plain"), g)
            w.quad(gloss, OA.hasPurpose, iri(OA.describing), g)
            w.quad(target, RDF.type, iri(OA.SpecificResource), g)
            w.quad(target, OA.hasSource, iri(src), g)
            w.quad(target, OA.hasSelector, iri(tqs), g)
            w.quad(target, OA.hasSelector, iri(pos), g)
            w.quad(tqs, RDF.type, iri(OA.TextQuoteSelector), g)
            w.quad(tqs, OA.exact, lit(exact, "en"), g)
            w.quad(tqs, OA.prefix, lit(w.words(4) + " ", "en"), g)
            w.quad(tqs, OA.suffix, lit(" " + w.words(4), "en"), g)
            start = 100 * k
            w.quad(pos, RDF.type, iri(OA.TextPositionSelector), g)
            w.quad(pos, OA.start, lit(str(start), datatype=XSD.nonNegativeInteger), g)
            w.quad(pos, OA.end, lit(str(start + len(exact)), datatype=XSD.nonNegativeInteger), g)
            w.counts["statements"] += 1
            if is_relation:
                _relation(w, stmt, rng.choices(actors, cum_weights=actor_weights, k=2), rng.choice(relations), g,
                          actor_names)
                continue
            for n in range(1, rng.choices((2, 3, 4, 5, 6), (30, 25, 20, 15, 10))[0]):
                holder = rng.choices(actors, cum_weights=actor_weights)[0]
                topic = rng.choices(topics, cum_weights=topic_weights)[0]
                polarity = rng.choices(list(VERBS), (45, 35, 20))[0]
                stance = ID[f"{src_id}-c{k:02d}-stance-{n}"]
                _stance(w, stance, stmt, holder, topic, polarity, asserter, g,
                        _name(holder, actor_names), _name(topic, topic_names))
                if polarity in OPPOSITE:
                    others = recent.get((topic, OPPOSITE[polarity]), [])
                    other = next((o for o in reversed(others) if o[1] != holder), None)
                    if other and rng.random() < 0.3:
                        _disagreement(w, stance, holder, other[0], other[1], topic)
                    recent.setdefault((topic, polarity), []).append((stance, holder))
                    del recent[(topic, polarity)][:-8]
    if w.lines:
        w.counts["triples"] += len(w.lines)
        yield "".join(w.lines)


def _name(node, names: list) -> str:
    """An actor's or topic's label from its IRI (the numeric suffix is its index)."""
    return names[int(str(node).rsplit("-", 1)[1])]


def _stance(w: Writer, node, stmt, holder, topic, polarity, asserter, g, holder_name: str, topic_name: str):
    rng = w.rng
    w.typed(node, ASK.Stance, g)
    w.quad(node, ASK.holder, iri(holder), g)
    w.quad(node, ASK.topic, iri(topic), g)
    w.quad(node, ASK.polarity, iri(polarity), g)
    if rng.random() < 0.5:
        w.quad(node, ASK.strength, iri(rng.choice(list(STRENGTHS.values()))), g)
    if rng.random() < 0.7:
        date = f"{rng.randrange(2015, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        w.quad(node, ASK.date, lit(date, datatype=XSD.date), g)
    if asserter == holder:
        w.quad(node, ASK.basis, iri(ASK.selfStated), g)
    else:
        w.quad(node, ASK.basis, iri(ASK.attributed), g)
        w.quad(node, ASK.attributedBy, iri(asserter), g)
    en, es = VERBS[polarity]
    w.labelled(node, f"{holder_name} {en} {topic_name}", f"{holder_name} {es} tema {topic_name}", g)
    w.quad(node, ASK.expressedBy, iri(stmt), g)
    w.counts["stances"] += 1


def _relation(w: Writer, stmt, ends: list, prop, g, names: list) -> None:
    rng = w.rng
    a, b = ends
    node = URIRef(f"{stmt}-relation-1")
    w.typed(node, ASK.Relationship, g)
    w.quad(node, ASK["from"], iri(a), g)
    w.quad(node, ASK.to, iri(b), g)
    w.quad(node, ASK.relation, iri(prop), g)
    w.quad(a, prop, iri(b), g)
    if rng.random() < 0.4:
        w.quad(node, ASK.date, lit(str(rng.randrange(2010, 2026)), datatype=XSD.gYear), g)
    if rng.random() < 0.3:
        w.quad(node, ASK.reason, lit(w.words(6), "en"), g)
    verb = prop.split("#")[1]
    label = f"{_name(a, names)} {verb} {_name(b, names)}"
    w.labelled(node, label, label, g)
    w.quad(node, ASK.expressedBy, iri(stmt), g)
    w.counts["relationships"] += 1


def _disagreement(w: Writer, s1, a, s2, b, topic) -> None:
    g, node = INFERRED_GRAPH, ID[f"inferred-disagreement-{str(s1).rsplit('/', 1)[1]}"]
    w.typed(node, ASK.InferredDisagreement, g)
    w.quad(node, ASK["from"], iri(a), g)
    w.quad(node, ASK.to, iri(b), g)
    w.quad(node, ASK.topic, iri(topic), g)
    w.quad(node, ASK.relation, iri(ASK.disagreesWith), g)
    w.quad(node, ASK.conflictingStance, iri(s1), g)
    w.quad(node, ASK.conflictingStance, iri(s2), g)
    w.quad(node, ASK.explanation, lit("one supports what the other opposes (synthetic)", "en"), g)
    w.quad(node, RDFS.label, lit("two actors disagree (inferred)", "en"), g)
    w.counts["inferred disagreements"] += 1


def write(path: Path, triples: int, seed: int = 7) -> Counter:
    """Write the graph to `path` (N-Quads) and return what it holds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    counts: Counter = Counter()
    with tmp.open("w", encoding="utf-8") as out:
        for chunk in generate(triples, seed, counts):
            out.write(chunk)
    tmp.replace(path)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000, help="how many quads, at least")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--out", type=Path, default=None, help="N-Quads file (default: standard output)")
    args = parser.parse_args(argv)
    if args.out:
        counts = write(args.out, args.triples, args.seed)
        print(", ".join(f"{k}: {v:,}" for k, v in counts.items()), f"-> {args.out}", file=sys.stderr)
    else:
        for chunk in generate(args.triples, args.seed):
            sys.stdout.write(chunk)


if __name__ == "__main__":
    main()
