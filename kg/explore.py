"""The explorer's library: one function per view, returning plain data (strings, numbers, lists).

Every fact comes from a named query run through `kg.runner.run_named` (the explorer's own are
`kg/queries/explorer-*.rq`), so the app holds no SPARQL and no rdflib. Nodes are named by short
ids (`elon-musk`, not the full IRI), which is what the app puts in its URLs. Labels come in the
language asked for, falling back to English, then to the id.
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from kg import network as net
from kg import rdfio
from kg.namespaces import ASK, ID

LANGS = ("en", "es")
POLARITY = {str(ASK.supports): "supports", str(ASK.opposes): "opposes", str(ASK.concernedAbout): "concerned"}
# most specific first: the first class an entity has decides its kind and its type label
KINDS = [("Company", "organisation"), ("NonProfit", "organisation"), ("Platform", "organisation"),
         ("Organization", "organisation"), ("Person", "person"), ("Topic", "topic"),
         ("AIModel", "ai-system"), ("AISystem", "ai-system"), ("ComputeCluster", "thing"), ("Hardware", "thing")]
EDGE_FILTERS = ("stance", "relation", "asserted", "inferred")


def short(iri: str | None) -> str:
    """`https://w3id.org/ai-stance-kg/id/elon-musk` -> `elon-musk`; other IRIs stay whole."""
    if iri is None:
        return ""
    return iri[len(str(ID)):] if iri.startswith(str(ID)) else iri


def expand(ident: str) -> str:
    return ident if "://" in ident else str(ID[ident])


def _select(store, name: str, params: dict[str, str] | None = None) -> list[dict[str, str | None]]:
    """Rows of a named query as strings (None where unbound).

    These are the library's own queries, so they run in this process with no row cap: the time
    limit and row cap of `kg.runner` are for queries people type (see `run_sparql`).
    """
    from kg.runner import Limits, run_named

    result = run_named(store, name, params or {}, limits=Limits(timeout_s=None, max_rows=10**9))
    return [{var: None if row.get(var) is None else str(row.get(var)) for var in result.vars}
            for row in result.rows]


def _curie(ident: str) -> str:
    """A short id as a parameter value the runner resolves exactly (id:elon-musk)."""
    return ident if "://" in ident else f"id:{ident}"


# labels ------------------------------------------------------------------------------------------

@dataclass
class Labels:
    """Every label in the graph by IRI and language."""

    texts: dict[str, dict[str, str]] = field(default_factory=dict)

    def get(self, iri: str | None, lang: str = "en") -> str:
        if not iri:
            return ""
        texts = self.texts.get(iri, {})
        return texts.get(lang) or texts.get("en") or next(iter(texts.values()), None) or short(iri)

    @cached_property
    def _by_english(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for iri, texts in sorted(self.texts.items(), key=lambda kv: not kv[0].startswith(str(ASK))):
            if "en" in texts:
                index.setdefault(texts["en"], iri)  # ontology terms first
        return index

    def translate(self, english: str | None, lang: str) -> str:
        """An English label the library's queries return (a polarity, a basis, a topic) in `lang`."""
        if not english or lang == "en":
            return english or ""
        iri = self._by_english.get(english)
        return self.get(iri, lang) if iri else english


def labels(store, lang: str = "en") -> Labels:
    """English labels, and those in `lang` (reading every language costs twice as long)."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for row in _select(store, "explorer-labels", {"language": lang} if lang != "en" else {}):
        out[row["node"]].setdefault(row["lang"], row["label"])
    return Labels(dict(out))


# actors, topics, things ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Entity:
    id: str
    label: str
    kind: str  # person, organisation, topic, ai-system, thing
    type_label: str  # the most specific class, in the chosen language
    wikidata: str = ""  # the checked Wikidata item's IRI, if any


def entities(store, lang: str = "en", names: Labels | None = None) -> list[Entity]:
    """Every actor, topic and thing, sorted by label."""
    names = names or labels(store, lang)
    types: dict[str, set[str]] = defaultdict(set)
    same: dict[str, str] = {}
    for row in _select(store, "explorer-entities"):
        types[row["entity"]].add(row["type"].rsplit("#", 1)[-1])
        if row.get("sameAs"):
            same[row["entity"]] = row["sameAs"]
    out = []
    for iri, classes in types.items():
        cls, kind = next((c, k) for c, k in KINDS if c in classes)
        out.append(Entity(short(iri), names.get(iri, lang), kind, names.get(str(ASK[cls]), lang), same.get(iri, "")))
    return sorted(out, key=lambda e: (e.label.casefold(), e.id))


# the network ---------------------------------------------------------------------------------------

def _grouped(rows: list[dict], key: str) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def quote_order(annotation: str | None) -> tuple[int, str]:
    """Quotes in the curator's order: annotation IRIs end in -q1, -q2..."""
    number = (annotation or "").rpartition("-q")[2]
    return (int(number) if number.isdigit() else 0, annotation or "")


def _evidence(store) -> dict[str, tuple[str, str]]:
    """Each statement's main quote (the curator's first) and the source it is quoted from."""
    best: dict[str, tuple] = {}
    for row in _select(store, "explorer-quotes"):
        key = quote_order(row["annotation"])
        if row["statement"] not in best or key < best[row["statement"]][0]:
            best[row["statement"]] = (key, row["exact"], row["source"])
    return {statement: (exact, source) for statement, (_, exact, source) in best.items()}


def network(store, lang: str = "en") -> tuple[list[net.Node], list[net.Edge]]:
    """Actors, topics and things as nodes; stances, relations, facts and disagreements as edges."""
    names = labels(store, lang)
    evidence = _evidence(store)
    nodes = [net.Node(e.id, e.label, e.kind, e.type_label) for e in entities(store, lang, names)]

    def backing(rows: list[dict]) -> tuple[str, tuple[str, ...], str]:
        """The first quote, the source ids and their titles, over the statements behind an edge."""
        found = [evidence[r["statement"]] for r in rows if r.get("statement") in evidence]
        sources = tuple(sorted({short(source) for _, source in found}))
        return (found[0][0] if found else "", sources, ", ".join(names.get(expand(x), lang) for x in sources))

    edges: list[net.Edge] = []
    for iri, rows in _grouped(_select(store, "explorer-stance-edges"), "stance").items():
        row = rows[0]
        quote, sources, titles = backing(rows)
        edges.append(net.Edge(
            short(row["holder"]), short(row["topic"]), "stance", label=names.get(row["polarity"], lang),
            summary=names.get(iri, lang), polarity=POLARITY.get(row["polarity"], ""), quote=quote,
            source_title=titles, sources=sources, topics=(short(row["topic"]),), id=short(iri)))
    groups = [("relation", _grouped(_select(store, "explorer-relation-edges"), "rel")),
              ("fact", _grouped(_select(store, "explorer-fact-edges"), "fact"))]
    for family, grouped in groups:
        for iri, rows in grouped.items():
            row = rows[0]
            inferred = row.get("inferred") == "true"
            quote, sources, titles = backing(sorted(rows, key=lambda r: r.get("statement") or ""))
            summary = names.get(iri, lang) if family == "relation" else " ".join(
                (names.get(row["from"], lang), names.get(row["relation"], lang), names.get(row["to"], lang)))
            edges.append(net.Edge(
                short(row["from"]), short(row["to"]),
                "disagreement" if row["relation"] == str(ASK.disagreesWith) else "relation",
                label=names.get(row["relation"], lang), summary=summary, inferred=inferred,
                quote=(row.get("explanation") or "") if inferred else quote, source_title=titles,
                sources=sources, topics=tuple(sorted({short(r["topic"]) for r in rows if r.get("topic")})),
                id=short(iri)))
    linked = {e.source for e in edges} | {e.target for e in edges}
    return [n for n in nodes if n.id in linked or n.kind in ("person", "organisation", "topic")], edges


MAX_DRAWN_NODES = 2000  # the most the network page draws at once (the benchmark's view size)


def network_data(store, lang: str = "en") -> net.NetworkData:
    """The whole graph laid out once; filter it with `filter_network` (positions stay put)."""
    return net.prepare(*network(store, lang))


def filter_network(data: net.NetworkData, *, actors=(), topics=(), kinds=(), sources=()) -> net.NetworkData:
    """Lines touching any chosen actor, about any chosen topic, of a chosen kind, from a chosen source.

    An empty choice means no filter on that facet; chosen actors and topics are shown even alone.
    """
    actors, topics, kinds, sources = set(actors), set(topics), set(kinds), set(sources)
    if not (actors or topics or kinds or sources):
        return data

    def kind_of(edge: dict) -> str:
        if edge["kind"] == "disagreement":
            return "inferred" if edge["inferred"] else "asserted"
        return edge["kind"]

    def keep(edge: dict) -> bool:
        return ((not actors or edge["from"] in actors or edge["to"] in actors)
                and (not topics or edge["to"] in topics or bool(topics & set(edge["topics"])))
                and (not kinds or kind_of(edge) in kinds)
                and (not sources or bool(sources & set(edge["sources"]))))

    return data.filtered(keep, lambda node: node["id"] in actors | topics)


def edge_table(data: net.NetworkData) -> list[dict[str, str]]:
    """The lines on screen as rows, for a table under the drawing (and for screen readers)."""
    names = {n["id"]: n["label"] for n in data.nodes}
    return [{"from": names.get(e["from"], e["from"]), "line": e.get("label") or e["kind"],
             "to": names.get(e["to"], e["to"]), "details": e["title"].replace("\n", " ")}
            for e in data.edges]


# sources and their quoted passages --------------------------------------------------------------------

@dataclass(frozen=True)
class Passage:
    """One quote of one statement, located in its source's text."""

    statement: str  # short id of the statement (xai-memphis-article-c01)
    ident: str  # the curator's id (C01)
    claim: str
    exact: str
    start: int
    end: int
    gloss: str
    asserted_by: str
    stated_in: str
    stated_in_id: str


@dataclass(frozen=True)
class SourceDoc:
    id: str
    title: str
    type_label: str
    language: str
    date: str
    url: str
    creator: str
    text: str
    reported_in: str  # short id of the source that reports this one
    passages: tuple[Passage, ...] = ()


def sources(store, lang: str = "en") -> list[SourceDoc]:
    """Every source, with its text and the quoted passages in text order."""
    names = labels(store, lang)
    passages: dict[str, list[Passage]] = defaultdict(list)
    for row in _select(store, "explorer-quotes"):
        passages[row["source"]].append(Passage(
            short(row["statement"]), row["ident"], names.get(row["statement"], lang), row["exact"],
            int(row["start"]), int(row["end"]), row["gloss"] or "", names.get(row["assertedBy"], lang),
            names.get(row["statedIn"], lang), short(row["statedIn"])))
    docs = {}
    for row in _select(store, "explorer-sources"):
        iri = row["source"]
        if iri in docs:
            continue
        docs[iri] = SourceDoc(
            short(iri), names.get(iri, lang), names.get(row["type"], lang), row["language"] or "",
            row["date"] or "", row["url"] or "", names.get(row["creator"], lang), row["text"] or "",
            short(row["reportedIn"]), tuple(sorted(passages.get(iri, []), key=lambda p: (p.start, p.end))))
    return sorted(docs.values(), key=lambda d: (not d.text, d.title.casefold()))


def highlighted_html(doc: SourceDoc, *, selected: str = "", link=lambda passage: "") -> str:
    """The source's text as escaped HTML, each quoted passage marked and linked to its statement.

    Overlapping quotes are split at every boundary; a piece covered by several quotes links to
    the first. `selected` (a statement id) marks that statement's passages more strongly.
    """
    text = doc.text
    cuts = sorted({0, len(text)} | {p.start for p in doc.passages} | {p.end for p in doc.passages})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[a:b]).replace("\n", "<br>")
        covering = [p for p in doc.passages if p.start <= a and b <= p.end]
        if not covering:
            out.append(piece)
            continue
        first = covering[0]
        cls = "q sel" if any(p.statement == selected for p in covering) else "q"
        tip = html.escape(" / ".join(f"{p.ident}: {p.claim}" for p in covering), quote=True)
        href = html.escape(link(first), quote=True)
        starting = "".join(f"<sup>{html.escape(p.ident)}</sup>" for p in covering if p.start == a)
        out.append(f'<a class="{cls}" href="{href}" title="{tip}"><mark>{piece}</mark>{starting}</a>')
    return "".join(out)


@dataclass(frozen=True)
class Provenance:
    """Where a statement comes from, as the `provenance` named query tells it."""

    statement: str  # its CURIE (id:xai-memphis-article-c11)
    kinds: str
    asserted_by: str
    stated_in: str
    stated_in_date: str
    reported_in: str
    notes: tuple[str, ...]  # the curator's notes and reasoning


def provenance(store, statement: str, lang: str = "en") -> Provenance | None:
    rows = _select(store, "provenance", {"statement": _curie(statement)})
    if not rows:
        return None
    names = labels(store, lang)
    r = rows[0]
    notes = tuple(n for n in (r["curatorNotes"] or "").split(" | ") if n)
    return Provenance(_curie(statement), r["kinds"] or "", r["assertedByLabel"] or "", names.get(r["statedIn"], lang),
                      r["statedInDate"] or "", names.get(r["reportedIn"], lang), notes)


# an actor's profile -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Quote:
    exact: str  # as printed, in the source's language
    gloss: str  # in English


def _quotes(exact: str | None, gloss: str | None) -> tuple[Quote, ...]:
    """The library joins several quotes with " | "; "(none...)" means the source gave no words."""
    if not exact or exact.startswith("(none"):
        return ()
    glosses = (gloss or "").split(" | ")
    return tuple(Quote(q, glosses[i] if i < len(glosses) and glosses[i] != "(none)" else "")
                 for i, q in enumerate(exact.split(" | ")))


@dataclass(frozen=True)
class Stance:
    id: str
    holder: str
    holder_label: str
    topic: str
    topic_label: str
    polarity: str  # supports, opposes, concerned
    polarity_label: str
    strength: str
    basis: str  # stated by the holder, or attributed by another
    attributed_by: str
    quotes: tuple[Quote, ...]
    statement: str
    claim: str
    source: str
    source_title: str
    date: str
    curator_reading: bool  # the curator's reading, not read in the text


@dataclass(frozen=True)
class Relation:
    id: str
    from_id: str
    from_label: str
    relation: str
    to_id: str
    to_label: str
    date: str
    start: str
    end: str
    reason: str
    quotes: tuple[Quote, ...]
    statement: str
    source_title: str


@dataclass(frozen=True)
class Disagreement:
    id: str
    a: str
    a_label: str
    b: str
    b_label: str
    inferred: bool  # derived from two opposite stances; no source states it
    kind: str  # disagreement, or criticism
    topics: str
    quotes_a: tuple[Quote, ...]
    quotes_b: tuple[Quote, ...]
    explanation: str
    reason: str
    date: str
    source_title: str


@dataclass(frozen=True)
class Dated:
    date: str
    kind: str
    what: str
    inferred: bool  # the date is the curator's inference
    statement: str
    source_title: str


@dataclass(frozen=True)
class Profile:
    entity: Entity
    stances: list[Stance]
    relations: list[Relation]
    disagreements: list[Disagreement]
    timeline: list[Dated]


POLARITY_BY_LABEL = {"supports": "supports", "opposes": "opposes", "is concerned about": "concerned"}


def stances_of(store, actor: str, lang: str = "en", names: Labels | None = None) -> list[Stance]:
    names = names or labels(store, lang)
    out = []
    for r in _select(store, "stances-of-actor", {"actor": _curie(actor)}):
        out.append(Stance(
            short(r["stance"]), actor, names.get(expand(actor), lang), short(r["topic"]),
            names.get(r["topic"], lang), POLARITY_BY_LABEL.get(r["polarity"] or "", ""),
            names.translate(r["polarity"], lang), names.translate(r["strength"], lang),
            names.translate(r["basis"], lang), r["attributedBy"] or "", _quotes(r["quote"], r["gloss"]),
            short(r["statement"]), names.get(r["statement"], lang), short(r["source"]),
            names.get(r["source"], lang), r["date"] or "", r["curatorReading"] == "true"))
    return out


def relations_of(store, actor: str, lang: str = "en", names: Labels | None = None) -> list[Relation]:
    names = names or labels(store, lang)
    return [Relation(short(r["relationship"]), short(r["from"]), names.get(r["from"], lang),
                     names.get(r["relation"], lang), short(r["to"]), names.get(r["to"], lang), r["date"] or "",
                     r["startDate"] or "", r["endDate"] or "", r["reason"] or "", _quotes(r["quote"], r["gloss"]),
                     short(r["statement"]), names.get(r["source"], lang))
            for r in _select(store, "actor-relations", {"actor": _curie(actor)})]


def disagreements(store, lang: str = "en", actor: str = "", names: Labels | None = None) -> list[Disagreement]:
    """Every pair that disagrees (or one criticising the other), with both sides' words."""
    names = names or labels(store, lang)
    rows = _select(store, "disagreements", {"actor": _curie(actor)} if actor else {})
    out = []
    for r in rows:
        topics = ", ".join(names.translate(t, lang) for t in (r["topicLabel"] or "").split(", ") if t)
        out.append(Disagreement(
            short(r["disagreement"]), short(r["actorA"]), names.get(r["actorA"], lang), short(r["actorB"]),
            names.get(r["actorB"], lang), r["basis"] == "inferred", r["kind"] or "disagreement", topics,
            _quotes(r["quoteA"], r["glossA"]), _quotes(r["quoteB"], r["glossB"]), r["explanation"] or "",
            r["reason"] or "", r["date"] or "", names.get(r["source"], lang)))
    return out


def timeline_of(store, actor: str, lang: str = "en", names: Labels | None = None) -> list[Dated]:
    names = names or labels(store, lang)
    return [Dated(r["date"], r["kind"], names.get(r["item"], lang), r["dateInferred"] == "true",
                  short(r["statement"]), names.get(r["source"], lang))
            for r in _select(store, "explorer-actor-timeline", {"actor": _curie(actor)})]


def profile(store, actor: str, lang: str = "en") -> Profile | None:
    """Everything about one actor; None if there is no such actor."""
    names = labels(store, lang)
    entity = next((e for e in entities(store, lang, names) if e.id == actor
                   and e.kind in ("person", "organisation")), None)
    if entity is None:
        return None
    return Profile(entity, stances_of(store, actor, lang, names), relations_of(store, actor, lang, names),
                   disagreements(store, lang, actor, names), timeline_of(store, actor, lang, names))


# the stance matrix -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Matrix:
    """Actors (rows) by topics (columns); a cell holds the polarities of the actor's stances."""

    actors: list[tuple[str, str]]  # (id, label)
    topics: list[tuple[str, str]]
    cells: dict[tuple[str, str], tuple[str, ...]]  # (actor, topic) -> polarities
    counts: dict[tuple[str, str], int]


def stance_matrix(store, lang: str = "en") -> Matrix:
    names = labels(store, lang)
    cells, counts, actor_ids, topic_ids = {}, {}, {}, {}
    for r in _select(store, "stance-matrix"):
        a, t = short(r["actor"]), short(r["topic"])
        actor_ids[a], topic_ids[t] = names.get(r["actor"], lang), names.get(r["topic"], lang)
        cells[(a, t)] = tuple(POLARITY_BY_LABEL.get(p, p) for p in (r["polarity"] or "").split(", ") if p)
        counts[(a, t)] = int(r["stances"] or 0)
    order = lambda d: sorted(d.items(), key=lambda kv: kv[1].casefold())  # noqa: E731
    return Matrix(order(actor_ids), order(topic_ids), cells, counts)


def matrix_html(matrix: Matrix, *, lang: str = "en", names: dict[str, str] | None = None,
                link=lambda actor, topic: "", selected: tuple[str, str] = ("", "")) -> str:
    """The matrix as an escaped HTML table; each filled cell links (via `link`) to its evidence."""
    words = names or {"supports": "supports", "opposes": "opposes", "concerned": "is concerned about"}
    head = "".join(f'<th scope="col"><span>{html.escape(label)}</span></th>' for _, label in matrix.topics)
    rows = []
    for actor, actor_label in matrix.actors:
        cells = []
        for topic, topic_label in matrix.topics:
            polarities = matrix.cells.get((actor, topic), ())
            if not polarities:
                cells.append('<td class="empty"></td>')
                continue
            kind = polarities[0] if len(polarities) == 1 else "mixed"
            text = " / ".join(words.get(p, p) for p in polarities)
            mark = " sel" if (actor, topic) == tuple(selected) else ""
            title = html.escape(f"{actor_label} — {text} — {topic_label}", quote=True)
            cells.append(f'<td class="{kind}{mark}"><a href="{html.escape(link(actor, topic), quote=True)}" '
                         f'title="{title}">{html.escape(text)}</a></td>')
        rows.append(f'<tr><th scope="row">{html.escape(actor_label)}</th>{"".join(cells)}</tr>')
    return f'<table class="matrix" lang="{html.escape(lang)}"><thead><tr><th></th>{head}</tr></thead>' \
           f'<tbody>{"".join(rows)}</tbody></table>'


# SPARQL: named queries and people's own --------------------------------------------------------------

@dataclass(frozen=True)
class QueryParam:
    name: str
    kind: str
    description: str
    required: bool
    default: str


@dataclass(frozen=True)
class QueryInfo:
    name: str
    title: str
    description: str
    params: tuple[QueryParam, ...]
    text: str


@dataclass(frozen=True)
class Table:
    """A query's answer ready to show and download."""

    form: str  # SELECT, ASK, CONSTRUCT, DESCRIBE
    columns: list[str]
    rows: list[dict[str, str]]  # IRIs as CURIEs (id:elon-musk)
    boolean: bool | None
    turtle: str  # CONSTRUCT and DESCRIBE answers
    truncated: bool
    elapsed_s: float
    csv: str
    json: str


def named_queries(*, include_explorer: bool = False) -> list[QueryInfo]:
    """The library's named queries (the explorer's own internal ones left out unless asked)."""
    from kg.querylib import load_queries

    out = []
    for q in load_queries().values():
        if q.name.startswith("explorer-") and not include_explorer:
            continue
        params = tuple(QueryParam(p.name, p.kind, p.description, p.required, p.default or "") for p in q.params)
        out.append(QueryInfo(q.name, q.title, q.description, params, q.text))
    return out


def param_choices(store, kind: str, lang: str = "en") -> list[tuple[str, str]]:
    """(value, label) pairs to pick a parameter of this kind from; empty for free text."""
    from kg.runner import STATEMENT_KINDS

    if kind == "kind":
        return [(k, k) for k in STATEMENT_KINDS if k != "plan/prediction"]
    if kind == "statement":
        seen = {}
        for doc in sources(store, lang):
            for p in doc.passages:
                seen.setdefault(_curie(p.statement), f"{p.ident} · {p.claim}")
        return sorted(seen.items(), key=lambda kv: kv[0])
    wanted = {"actor": ("person", "organisation"), "topic": ("topic",)}.get(kind)
    return [(_curie(e.id), e.label) for e in entities(store, lang) if wanted is None or e.kind in wanted]


def _table(result) -> Table:
    from rdflib import URIRef

    from kg import results

    def shown(term) -> str:
        return "" if term is None else results.curie(term) if isinstance(term, URIRef) else str(term)

    rows = [{v: shown(row.get(v)) for v in result.vars} for row in result.rows]
    turtle = result.graph.serialize(format="turtle") if result.graph is not None else ""
    csv_text = "" if result.graph is not None else results.to_csv(result)
    json_text = "" if result.graph is not None else results.to_json(result)
    return Table(result.form, list(result.vars), rows, result.boolean, turtle, result.truncated,
                 result.elapsed_s, csv_text, json_text)


def run_named_table(store, name: str, params: dict[str, str]) -> Table:
    """Run a named query with the safety limits; raise kg.safety.QueryRefused with a reason."""
    from kg.runner import run_named

    return _table(run_named(store, name, {k: v for k, v in params.items() if v}))


def run_sparql(store, text: str) -> Table:
    """Run someone's own query: checked first (read-only, this graph only), time-limited, capped."""
    from kg.runner import run_query

    return _table(run_query(store, text))


# export ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Download:
    data: bytes
    filename: str
    media_type: str


def export(store, fmt: str = "turtle") -> Download:
    """The whole graph in an RDF format (Turtle, N-Triples and RDF/XML merge the named graphs)."""
    f = rdfio.get_format(fmt)
    return Download(store.export(f.name), f"ai-stance-kg{f.suffix}", f.media_type)


def export_formats() -> dict[str, str]:
    """Format name -> what a person would call it."""
    names = {"turtle": "Turtle", "nt": "N-Triples", "xml": "RDF/XML", "trig": "TriG (keeps named graphs)",
             "nquads": "N-Quads (keeps named graphs)", "json-ld": "JSON-LD (keeps named graphs)"}
    return {name: names.get(name, name) for name in rdfio.FORMATS}
