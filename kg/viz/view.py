"""What of the laid-out graph to draw: a search, a node's neighbourhood, merged parallel lines, labels.

Each step takes and returns `NetworkData` and keeps the full layout's positions, so focusing or
filtering never reshuffles the picture; the drawing only ever gets what one screen can read.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable

from kg.viz.drawing import DISAGREEMENT_COLOUR, NetworkData, legend_text

LABEL_ALL_MAX = 150  # up to this many nodes, every node is labelled
LABELLED_NODES = 20  # beyond it, only this many of the most connected
MERGED_TIP_LINES = 8  # a merged line's tooltip details this many of its lines, then counts the rest


_GAPS = re.compile(r"[\s\-\u2010-\u2015_]+")  # spaces, hyphens and dashes: "open source" ~ "open-source"


def fold(text: str) -> str:
    """Text for matching: case, accents and the kind of gap between words dropped ("Inteligencia
    Artificial" ~ "inteligéncia  artificial", "open source" ~ "Open-Source")."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return _GAPS.sub(" ", "".join(c for c in decomposed if not unicodedata.combining(c))).strip()


def search(labels: dict[str, Iterable[str]], query: str, limit: int = 8) -> list[str]:
    """Ids whose labels (any language) contain `query`, ignoring case and accents.

    Labels starting with it come first, then the rest; each group alphabetically.
    """
    wanted = fold(query)
    if not wanted:
        return []
    hits = []
    for ident, names in labels.items():
        folded = [fold(n) for n in names if n]
        if any(wanted in f for f in folded):
            hits.append((not any(f.startswith(wanted) for f in folded), min(folded), ident))
    return [ident for *_, ident in sorted(hits)[:limit]]


def neighbourhood(data: NetworkData, centre: str, hops: int = 1) -> NetworkData:
    """`centre`, the nodes at most `hops` lines away, and the lines among them; the rest hidden."""
    adjacent: dict[str, set[str]] = defaultdict(set)
    for e in data.edges:
        adjacent[e["from"]].add(e["to"])
        adjacent[e["to"]].add(e["from"])
    reached, frontier = {centre}, {centre}
    for _ in range(hops):
        frontier = {n for f in frontier for n in adjacent[f]} - reached
        reached |= frontier
    return NetworkData(
        [n for n in data.nodes if n["id"] in reached],
        [e for e in data.edges if e["from"] in reached and e["to"] in reached],
    )


def split_isolated(data: NetworkData, keep: Iterable[str] = ()) -> tuple[NetworkData, list[dict]]:
    """The nodes worth drawing, and those with no line (left out unless in `keep`: they would only
    form a grid of dots beside the graph)."""
    ends = {e["from"] for e in data.edges} | {e["to"] for e in data.edges} | set(keep)
    alone = [n for n in data.nodes if n["id"] not in ends]
    if not alone:
        return data, []
    return NetworkData([n for n in data.nodes if n["id"] in ends], data.edges), alone


def label_largest(data: NetworkData, limit: int = LABELLED_NODES, always: Iterable[str] = ()) -> NetworkData:
    """Every node labelled on a small graph; on a big one only the `limit` most connected (and `always`).

    The others keep their name in the tooltip: thousands of labels overlap into a grey smear.
    Labels grow with the drawing's extent, since it is zoomed out to fit the frame (~600 px).
    """
    font = {"size": _font_size(data), "strokeWidth": 5, "strokeColor": "#ffffff"}
    if len(data.nodes) <= LABEL_ALL_MAX:
        return NetworkData([{**n, "label": n["name"], "font": font} for n in data.nodes], data.edges)
    top = {n["id"] for n in data.ranked()[:limit]} | set(always)
    return NetworkData(
        [{**n, "label": n["name"], "font": font} if n["id"] in top else {**n, "label": ""} for n in data.nodes],
        data.edges,
    )


def _font_size(data: NetworkData, frame: float = 600.0, base: int = 14) -> int:
    if not data.nodes:
        return base
    xs, ys = [n["x"] for n in data.nodes], [n["y"] for n in data.nodes]
    extent = max(max(xs) - min(xs), max(ys) - min(ys))
    return round(base * max(1.0, extent / frame))


def merge_parallel(data: NetworkData, lang: str = "en", labelled: bool = True) -> NetworkData:
    """One line per pair of nodes: parallel lines become one that counts them and lists their kinds.

    Several lines between two nodes lie on top of each other (Musk and OpenAI: co-founded, left,
    funded, disagrees with...); merged, each pair is one readable, hoverable line whose tooltip
    holds every line's claim and evidence. A merged line with a disagreement in it is drawn as one.
    `members` keeps the merged lines' ids, for the evidence panel.
    """
    text = legend_text(lang)
    pairs: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for e in data.edges:
        pairs[tuple(sorted((e["from"], e["to"])))].append(e)
    edges = []
    for (a, b), group in pairs.items():
        if len(group) == 1:
            edges.append(group[0])
            continue
        kinds = list(dict.fromkeys(e.get("name") or e["kind"] for e in group))
        label = text["merged"].format(count=len(group), kinds=", ".join(kinds))
        details = [e["title"] for e in group[:MERGED_TIP_LINES]]
        if len(group) > MERGED_TIP_LINES:
            details.append(text["more"].format(count=len(group) - MERGED_TIP_LINES))
        disagreement = [e for e in group if e["kind"] == "disagreement"]
        edges.append(
            {
                "id": f"merged:{a}|{b}",
                "from": a,
                "to": b,
                "kind": "merged",
                "name": label,
                "title": label + "\n\n" + "\n\n".join(details),
                "members": [e["id"] for e in group],
                "sources": sorted({s for e in group for s in e["sources"]}),
                "topics": sorted({t for e in group for t in e["topics"]}),
                "polarity": "",
                "inferred": False,
                "color": DISAGREEMENT_COLOUR if disagreement else group[0]["color"],
                "width": 2 + min(len(group), 8) * 0.75,
                "arrows": "",
                "dashes": bool(disagreement) and all(e["inferred"] for e in disagreement),
                **({"label": label} if labelled else {}),
            }
        )
    return NetworkData(data.nodes, edges)


def text_alternative(data: NetworkData, lang: str = "en", top: int = 8) -> str:
    """A sentence or two saying what the drawing shows, for screen readers (the canvas says nothing)."""
    text = legend_text(lang)
    degree = Counter(e["from"] for e in data.edges) + Counter(e["to"] for e in data.edges)
    names = {n["id"]: n["name"] for n in data.nodes}
    hubs = ", ".join(text["hub" if c != 1 else "hub_one"].format(name=names[i], count=c)
                     for i, c in degree.most_common(top) if i in names)
    summary = text["summary"].format(nodes=len(data.nodes), edges=len(data.edges))
    return f"{summary} {text['hubs']} {hubs}." if hubs else summary
