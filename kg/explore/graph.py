"""The network view: actors, topics and things joined by stances, relations and disagreements."""

from __future__ import annotations

from collections import defaultdict

from kg.explore.base import POLARITY, _select, entities, expand, labels, short, truthy
from kg.explore.citation import Citation, citations
from kg.rdf.namespaces import ASK
from kg.viz import drawing as net


def _grouped(rows: list[dict], key: str) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def _evidence(store) -> dict[str, tuple[str, str, str]]:
    """Each statement's main quote (the first in the text, by its offset), its English gloss and the source
    it is quoted from."""
    best: dict[str, tuple] = {}
    for row in _select(store, "explorer-quotes"):
        key = (int(row["start"]), row["annotation"])
        if row["statement"] not in best or key < best[row["statement"]][0]:
            best[row["statement"]] = (key, row["exact"], row["gloss"] or "", row["source"])
    return {statement: rest for statement, (_, *rest) in best.items()}


def citation_text(c: Citation, lang: str = "en") -> str:
    """A citation as one plain line for a tooltip: who said it, «where», author, publisher, date,
    address; then each report of it ("reported in «article», ...")."""
    word = net.legend_text(lang)["reported"]
    parts = []
    for i, src in enumerate(c.chain):
        text = ", ".join(b for b in (f"«{src.title}»", src.author, src.publisher, src.date[:10], src.url) if b)
        parts.append(text if i == 0 else f"{word} {text}")
    line = " → ".join(parts)
    return f"{c.speaker}, {line}" if c.speaker and line else line


def network(store, lang: str = "en") -> tuple[list[net.Node], list[net.Edge]]:
    """Actors, topics and things as nodes; stances, relations, facts and disagreements as edges."""
    names = labels(store, lang)
    evidence = _evidence(store)
    cited = citations(store, lang, names)
    nodes = [net.Node(e.id, e.label, e.kind, e.type_label) for e in entities(store, lang, names)]

    def backing(rows: list[dict]) -> dict:
        """The first quote with its gloss and claim, and the sources cited, over the statements behind an edge."""
        statements = [r["statement"] for r in rows if r.get("statement") in evidence]
        found = [evidence[s] for s in statements]
        sources = tuple(sorted({short(source) for *_, source in found}))
        return {"quote": found[0][0] if found else "", "gloss": found[0][1] if found else "",
                "claim": names.get(statements[0], lang) if statements else "", "sources": sources,
                "source_title": ", ".join(names.get(expand(x), lang) for x in sources),
                "citation": "; ".join(dict.fromkeys(
                    citation_text(c, lang) for c in map(cited.of, statements) if c and c.chain))
                or ", ".join(names.get(expand(x), lang) for x in sources)}

    edges: list[net.Edge] = []
    for iri, rows in _grouped(_select(store, "explorer-stance-edges"), "stance").items():
        row = rows[0]
        edges.append(net.Edge(
            short(row["holder"]), short(row["topic"]), "stance", label=names.get(row["polarity"], lang),
            summary=names.get(iri, lang), polarity=POLARITY.get(row["polarity"], ""), **backing(rows),
            topics=(short(row["topic"]),), id=short(iri)))
    groups = [("relation", _grouped(_select(store, "explorer-relation-edges"), "rel")),
              ("fact", _grouped(_select(store, "explorer-fact-edges"), "fact"))]
    for family, grouped in groups:
        for iri, rows in grouped.items():
            row = rows[0]
            inferred = truthy(row.get("inferred"))
            back = backing(sorted(rows, key=lambda r: r.get("statement") or ""))
            if inferred:  # no source states it: the line's words are the rule's explanation
                back.update(quote=row.get("explanation") or "", gloss="")
            summary = names.get(iri, lang) if family == "relation" else " ".join(
                (names.get(row["from"], lang), names.get(row["relation"], lang), names.get(row["to"], lang)))
            edges.append(net.Edge(
                short(row["from"]), short(row["to"]),
                "disagreement" if row["relation"] == str(ASK.disagreesWith) else "relation",
                label=names.get(row["relation"], lang), summary=summary, inferred=inferred, **back,
                topics=tuple(sorted({short(r["topic"]) for r in rows if r.get("topic")})), id=short(iri)))
    linked = {e.source for e in edges} | {e.target for e in edges}
    return [n for n in nodes if n.id in linked or n.kind in ("person", "organisation", "topic")], edges


MAX_DRAWN_NODES = 2000  # the most the network page draws at once (the benchmark's view size)


def network_data(store, lang: str = "en") -> net.NetworkData:
    """The whole graph laid out once; filter it with `filter_network` (positions stay put)."""
    return net.prepare(*network(store, lang), lang=lang)


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
    names = {n["id"]: n.get("name", n["label"]) for n in data.nodes}
    return [{"from": names.get(e["from"], e["from"]), "line": e.get("name") or e["kind"],
             "to": names.get(e["to"], e["to"]), "details": e["title"].replace("\n", " ")}
            for e in data.edges]
