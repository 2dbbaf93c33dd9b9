"""The network view: actors, topics and things joined by stances, relations and disagreements."""

from __future__ import annotations

from collections import defaultdict

from kg.explore.base import POLARITY, _select, entities, expand, labels, short, truthy
from kg.rdf.namespaces import ASK
from kg.viz import drawing


def _grouped(rows: list[dict], key: str) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def _evidence(store) -> dict[str, tuple[str, str]]:
    """Each statement's main quote (the first in the text, by its offset) and the source it is quoted from."""
    best: dict[str, tuple] = {}
    for row in _select(store, "explorer-quotes"):
        key = (int(row["start"]), row["annotation"])
        if row["statement"] not in best or key < best[row["statement"]][0]:
            best[row["statement"]] = (key, row["exact"], row["source"])
    return {statement: (exact, source) for statement, (_, exact, source) in best.items()}


def network(store, lang: str = "en") -> tuple[list[drawing.Node], list[drawing.Edge]]:
    """Actors, topics and things as nodes; stances, relations, facts and disagreements as edges."""
    names = labels(store, lang)
    evidence = _evidence(store)
    nodes = [drawing.Node(e.id, e.label, e.kind, e.type_label) for e in entities(store, lang, names)]

    def backing(rows: list[dict]) -> tuple[str, tuple[str, ...], str]:
        """The first quote, the source ids and their titles, over the statements behind an edge."""
        found = [evidence[r["statement"]] for r in rows if r.get("statement") in evidence]
        sources = tuple(sorted({short(source) for _, source in found}))
        return (found[0][0] if found else "", sources, ", ".join(names.get(expand(x), lang) for x in sources))

    edges: list[drawing.Edge] = []
    for iri, rows in _grouped(_select(store, "explorer-stance-edges"), "stance").items():
        row = rows[0]
        quote, sources, titles = backing(rows)
        edges.append(drawing.Edge(
            short(row["holder"]), short(row["topic"]), "stance", label=names.get(row["polarity"], lang),
            summary=names.get(iri, lang), polarity=POLARITY.get(row["polarity"], ""), quote=quote,
            source_title=titles, sources=sources, topics=(short(row["topic"]),), id=short(iri)))
    groups = [("relation", _grouped(_select(store, "explorer-relation-edges"), "rel")),
              ("fact", _grouped(_select(store, "explorer-fact-edges"), "fact"))]
    for family, grouped in groups:
        for iri, rows in grouped.items():
            row = rows[0]
            inferred = truthy(row.get("inferred"))
            quote, sources, titles = backing(sorted(rows, key=lambda r: r.get("statement") or ""))
            summary = names.get(iri, lang) if family == "relation" else " ".join(
                (names.get(row["from"], lang), names.get(row["relation"], lang), names.get(row["to"], lang)))
            edges.append(drawing.Edge(
                short(row["from"]), short(row["to"]),
                "disagreement" if row["relation"] == str(ASK.disagreesWith) else "relation",
                label=names.get(row["relation"], lang), summary=summary, inferred=inferred,
                quote=(row.get("explanation") or "") if inferred else quote, source_title=titles,
                sources=sources, topics=tuple(sorted({short(r["topic"]) for r in rows if r.get("topic")})),
                id=short(iri)))
    linked = {e.source for e in edges} | {e.target for e in edges}
    return [n for n in nodes if n.id in linked or n.kind in ("person", "organisation", "topic")], edges


MAX_DRAWN_NODES = 2000  # the most the network page draws at once (the benchmark's view size)


def network_data(store, lang: str = "en") -> drawing.NetworkData:
    """The whole graph laid out once; filter it with `filter_network` (positions stay put)."""
    return drawing.prepare(*network(store, lang))


def filter_network(data: drawing.NetworkData, *, actors=(), topics=(), kinds=(), sources=()) -> drawing.NetworkData:
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


def edge_table(data: drawing.NetworkData) -> list[dict[str, str]]:
    """The lines on screen as rows, for a table under the drawing (and for screen readers)."""
    names = {n["id"]: n["label"] for n in data.nodes}
    return [{"from": names.get(e["from"], e["from"]), "line": e.get("label") or e["kind"],
             "to": names.get(e["to"], e["to"]), "details": e["title"].replace("\n", " ")}
            for e in data.edges]
