"""The graph as an interactive network: plain nodes and edges in, a safe offline HTML page out.

`prepare` turns nodes and edges into vis-network data with positions computed in Python
(physics stays off in the browser, so 2,000+ nodes draw in about a second). `render_html` writes
the page through pyvis's `Network`, but with this package's template: pyvis's own links
Bootstrap and vis-network from CDNs and inserts the heading unescaped. Here every asset is
inlined from `kg/viz/web` (vendored from pyvis), every text goes through Jinja's autoescape or
`tojson`, tooltips are plain text (vis-network sets them with `innerText`) and a
Content-Security-Policy forbids the page any request at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from kg.i18n import LANGS, translations
from kg.viz.communities import colour, communities
from kg.viz.layout import spring_layout

STATIC = Path(__file__).resolve().parent / "web"  # vis-network 9.1.2, vendored (SOURCE.md)
TEMPLATES = Path(__file__).resolve().parent / "templates"

# Node kinds and their look; the legend lists them in this order.
NODE_STYLES = {
    "person": {"shape": "dot", "color": "#1e88e5"},
    "organisation": {"shape": "square", "color": "#546e7a"},
    "topic": {"shape": "diamond", "color": "#00897b"},
    "ai-system": {"shape": "triangle", "color": "#8e24aa"},
    "thing": {"shape": "triangleDown", "color": "#8d6e63"},
}
POLARITY_COLOURS = {"supports": "#2e7d32", "opposes": "#c62828", "concerned": "#ef6c00"}
# Polarity also by line style and arrow head, so it reads in greyscale and without colour vision.
POLARITY_STYLES = {"supports": {"dashes": False, "arrows": {"to": {"enabled": True, "type": "arrow"}}},
                   "opposes": {"dashes": [2, 5], "arrows": {"to": {"enabled": True, "type": "bar"}}},
                   "concerned": {"dashes": [10, 6], "arrows": {"to": {"enabled": True, "type": "circle"}}}}
RELATION_COLOUR = "#90a4ae"
DISAGREEMENT_COLOUR = "#d81b60"
EDGE_KINDS = ("stance", "relation", "disagreement")


@cache
def legend_text(lang: str) -> dict[str, str]:
    """The drawing's own words (legend, tooltips, text alternative) in `lang`, from the project's
    gettext catalog; the literal calls are what `make messages` extracts."""
    t = translations(lang if lang in LANGS else "en")
    return {
        "person": t.gettext("person"), "organisation": t.gettext("organisation"), "topic": t.gettext("topic"),
        "ai-system": t.gettext("AI system or model"), "thing": t.gettext("other thing (cluster, hardware)"),
        "supports": t.gettext("supports"), "opposes": t.pgettext("network legend", "opposes"),
        "concerned": t.gettext("is concerned about"),
        "relation": t.gettext("relation (co-founded, left, funded…)"),
        "asserted": t.gettext("disagreement stated by a source"),
        "inferred": t.gettext("disagreement inferred from stances"),
        "nodes": t.gettext("Nodes"), "edges": t.gettext("Lines"),
        "hint": t.gettext("Hover a node or line for details; scroll to zoom."),
        "shapes": t.gettext("Shape: what a node is"),
        "colours": t.gettext("Colour: community (actors more linked with each other than with the rest)"),
        "styles": t.gettext("Stances: colour, line style and arrow head"),
        "merged": t.gettext("{count} lines: {kinds}"), "more": t.gettext("…and {count} more"),
        "hub": t.gettext("{name} ({count} lines)"), "hub_one": t.gettext("{name} (1 line)"),
        "hubs": t.gettext("Most connected:"),
        "summary": t.gettext("Network of {nodes} nodes and {edges} lines."),
        "gloss": t.pgettext("network legend", "English gloss"), "reported": t.gettext("reported in"),
        "group": t.gettext("{name}'s group"), "click": t.gettext("Click a node or line for its evidence."),
    }


LABELLED_EDGES_MAX = 150  # beyond this, edge labels only clutter (and slow) the drawing
LARGE_GRAPH = 500  # beyond this, hide edges while dragging or zooming


@dataclass(frozen=True)
class Node:
    """A thing in the network: `kind` is one of NODE_STYLES; `type_label` is shown in its tooltip."""

    id: str
    label: str
    kind: str
    type_label: str = ""


@dataclass(frozen=True)
class Edge:
    """A line between two nodes.

    kind: stance (polarity: supports/opposes/concerned), relation (label: the relation's name)
    or disagreement (inferred: derived from stances, not stated by a source). `summary` (a
    sentence), `claim`, `quote`, `gloss` and `citation` (or `source_title`) make the tooltip;
    `sources` (source ids) and `topics` feed the filters.
    """

    source: str
    target: str
    kind: str
    label: str = ""
    summary: str = ""
    polarity: str = ""
    inferred: bool = False
    quote: str = ""  # as printed, in the source's language
    gloss: str = ""  # the quote in English
    claim: str = ""  # the statement's claim, in the chosen language
    citation: str = ""  # title, author, date, address, and the source it was reported in
    source_title: str = ""
    sources: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    id: str = ""


@dataclass
class NetworkData:
    """vis-network's nodes and edges (plain dicts with x/y set), ready to render or filter."""

    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)

    def filtered(self, keep_edge: Callable[[dict], bool],
                 keep_node: Callable[[dict], bool] = lambda node: False) -> NetworkData:
        """The edges `keep_edge` accepts, their end nodes and the nodes `keep_node` accepts.

        Positions stay where the full layout put them, so filtering never reshuffles the view.
        """
        edges = [e for e in self.edges if keep_edge(e)]
        ends = {e["from"] for e in edges} | {e["to"] for e in edges}
        return NetworkData([n for n in self.nodes if n["id"] in ends or keep_node(n)], edges)

    def ranked(self) -> list[dict]:
        """The nodes, those with the most lines first (ties by id): hubs to keep, label or name."""
        degree = Counter(e["from"] for e in self.edges) + Counter(e["to"] for e in self.edges)
        return sorted(self.nodes, key=lambda n: (-degree[n["id"]], n["id"]))

    def busiest(self, max_nodes: int) -> NetworkData:
        """At most `max_nodes` nodes: those with the most lines (ties by id), and the lines among them.

        A browser draws a few thousand nodes smoothly and stalls on tens of thousands; a big
        graph is shown by its hubs until a filter narrows it.
        """
        if len(self.nodes) <= max_nodes:
            return self
        kept = {n["id"] for n in self.ranked()[:max_nodes]}
        return NetworkData([n for n in self.nodes if n["id"] in kept],
                           [e for e in self.edges if e["from"] in kept and e["to"] in kept])


def prepare(nodes: Iterable[Node], edges: Iterable[Edge], *, seed: int = 0, scale: float = 130.0,
            lang: str = "en") -> NetworkData:
    """Lay the graph out, find its communities and turn it into vis-network data (pure; benchmarked).

    `scale` is about the length of a line, in pixels at zoom 1.
    Edges whose ends are not among `nodes` are dropped. Parallel edges between one pair get
    different curvatures so each stays visible (the explorer merges them: `kg.viz.view`).
    """
    nodes = sorted({n.id: n for n in nodes}.values(), key=lambda n: n.id)  # one picture in every language
    index = {n.id: i for i, n in enumerate(nodes)}
    edges = [e for e in edges if e.source in index and e.target in index]
    pairs = np.array([(index[e.source], index[e.target]) for e in edges], dtype=np.int64).reshape(-1, 2)
    pos = _positions(len(nodes), pairs, seed, scale)
    degree = Counter(pairs.ravel().tolist())
    group = communities(index, ((e.source, e.target) for e in edges), seed=seed)
    vis_nodes = [_vis_node(n, pos[i], degree.get(i, 0), group[n.id]) for i, n in enumerate(nodes)]
    labelled = len(edges) <= LABELLED_EDGES_MAX
    text = legend_text(lang)
    seen: Counter = Counter()
    vis_edges = []
    for number, e in enumerate(edges):
        pair = tuple(sorted((e.source, e.target)))
        seen[pair] += 1
        vis_edges.append(_vis_edge(e, number, seen[pair] - 1, labelled, text))
    return NetworkData(vis_nodes, vis_edges)


def _positions(n: int, pairs: np.ndarray, seed: int, scale: float) -> np.ndarray:
    """Linked nodes by the spring layout; nodes with no line in a compact block underneath.

    Left in the simulation, unlinked nodes would drift to a ring far from everything else and
    shrink the part of the graph worth looking at. (The explorer draws them only when asked.)
    """
    linked = np.zeros(n, dtype=bool)
    linked[pairs.ravel()] = True
    pos = np.zeros((n, 2))
    if linked.any():
        renumber = np.cumsum(linked) - 1
        count = int(linked.sum())
        pos[linked] = spring_layout(count, renumber[pairs], seed=seed) * (scale * np.sqrt(count))
    alone = np.flatnonzero(~linked)
    if len(alone):
        step_x, step_y = 1.3 * scale, 0.5 * scale
        columns = max(1, int(np.ceil(np.sqrt(len(alone) * step_y / step_x))))
        left = pos[linked, 0].min() if linked.any() else 0.0
        top = (pos[linked, 1].max() + 1.5 * scale) if linked.any() else 0.0
        pos[alone, 0] = left + (np.arange(len(alone)) % columns) * step_x
        pos[alone, 1] = top + (np.arange(len(alone)) // columns) * step_y
    return pos


def _vis_node(node: Node, xy, degree: int, community: int = -1) -> dict:
    style = NODE_STYLES.get(node.kind, NODE_STYLES["thing"])
    title = f"{node.type_label or node.kind}: {node.label}"
    fill = colour(community) if community >= 0 else style["color"]
    return {"id": node.id, "label": node.label, "name": node.label, "title": title, "kind": node.kind,
            "shape": style["shape"], "community": community,
            "color": {"background": fill, "border": "#263238",
                      "highlight": {"background": fill, "border": "#000000"}},
            "size": 10 + min(degree, 20) * (0.6 if node.kind != "topic" else 0.8),
            "x": round(float(xy[0]), 1), "y": round(float(xy[1]), 1)}


def edge_title(edge: Edge, text: dict[str, str]) -> str:
    """The tooltip: what the line says, the claim, the quote as printed, its English gloss, the source."""
    lines = [edge.summary or edge.label or edge.kind]
    if edge.claim and edge.claim != lines[0]:
        lines.append(edge.claim)
    if edge.quote:
        lines.append(f"“{edge.quote}”")
    if edge.gloss and edge.gloss != edge.quote:
        lines.append(f"{text['gloss']}: {edge.gloss}")
    if edge.citation or edge.source_title:
        lines.append(f"— {edge.citation or edge.source_title}")
    return "\n".join(lines)


def _vis_edge(edge: Edge, number: int, parallel: int, labelled: bool, text: dict[str, str]) -> dict:
    out = {"id": edge.id or f"e{number}", "from": edge.source, "to": edge.target, "kind": edge.kind,
           "name": edge.label or edge.kind, "title": edge_title(edge, text), "arrows": "to",
           "sources": list(edge.sources), "topics": list(edge.topics), "polarity": edge.polarity,
           "inferred": edge.inferred, "summary": edge.summary or edge.label, "claim": edge.claim,
           "quote": edge.quote, "gloss": edge.gloss, "citation": edge.citation or edge.source_title}
    if edge.kind == "stance":
        out.update(color=POLARITY_COLOURS.get(edge.polarity, RELATION_COLOUR), width=2,
                   **POLARITY_STYLES.get(edge.polarity, {}))
    elif edge.kind == "disagreement":
        out.update(color=DISAGREEMENT_COLOUR, width=3, dashes=edge.inferred, arrows="")
    else:
        out.update(color=RELATION_COLOUR, width=1.5)
    if labelled:
        out["label"] = edge.label
    if parallel:
        out["smooth"] = {"enabled": True, "type": "curvedCW" if parallel % 2 else "curvedCCW",
                         "roundness": 0.15 * ((parallel + 1) // 2)}
    return out


def vis_options(node_count: int) -> dict:
    """vis-network options: no physics (positions are given), lighter drawing for big graphs."""
    large = node_count > LARGE_GRAPH
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "edges": {"smooth": False, "font": {"size": 10, "align": "middle", "color": "#455a64",
                                             "strokeWidth": 3},
                  "arrows": {"to": {"scaleFactor": 0.5}}},
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": large,
                        "keyboard": {"enabled": True, "bindToWindow": False},  # arrows pan, +/- zoom
                        "hideEdgesOnZoom": large, "navigationButtons": False},
    }


SYMBOLS = {"dot": "●", "square": "■", "diamond": "◆", "triangle": "▲", "triangleDown": "▼"}
HEADS = {"supports": "→", "opposes": "⊣", "concerned": "∘"}
LINE_STYLES = {"supports": "solid", "opposes": "dotted", "concerned": "dashed"}


def legend_spec(data: NetworkData, lang: str = "en") -> dict:
    """The legend as data (the component writes it with textContent): shapes, communities, lines."""
    text = legend_text(lang)
    kinds = {n.get("kind") for n in data.nodes}
    shapes = [{"symbol": SYMBOLS[s["shape"]], "text": text[k]} for k, s in NODE_STYLES.items() if k in kinds]
    leaders: dict[int, dict] = {}
    for n in data.ranked():
        leaders.setdefault(n.get("community", -1), n)
    fills = [{"fill": colour(g), "text": text["group"].format(name=leaders[g].get("name", leaders[g]["label"]))}
             for g in sorted(leaders)[:8] if g >= 0]
    stances = [{"colour": POLARITY_COLOURS[p], "style": LINE_STYLES[p], "width": 2, "head": HEADS[p], "text": text[p]}
               for p in POLARITY_COLOURS]
    others = [{"colour": RELATION_COLOUR, "style": "solid", "width": 2, "text": text["relation"]},
              {"colour": DISAGREEMENT_COLOUR, "style": "solid", "width": 3, "text": text["asserted"]},
              {"colour": DISAGREEMENT_COLOUR, "style": "dashed", "width": 3, "text": text["inferred"]}]
    sections = [{"title": text["shapes"], "items": shapes}]
    if fills:
        sections.append({"title": text["colours"], "items": fills})
    sections += [{"title": text["styles"], "items": stances}, {"title": text["edges"], "items": others}]
    return {"sections": sections, "hint": f"{text['hint']} {text['click']}"}


class OfflineNetwork(Network):
    """pyvis's Network rendered through this package's escaping, self-contained template."""

    def __init__(self, data: NetworkData, *, height: int = 640, heading: str = "", lang: str = "en",
                 legend: bool = True):
        super().__init__(height=f"{height}px", width="100%", directed=True, heading=heading,
                         cdn_resources="in_line")
        # Assigned directly: pyvis's add_node/add_edge scan every earlier item (quadratic).
        self.nodes, self.edges = data.nodes, data.edges
        self.node_ids = [n["id"] for n in data.nodes]
        self.options = vis_options(len(data.nodes))
        self.lang = lang if lang in LANGS else "en"
        self.legend = legend

    def generate_html(self, name: str = "index.html", local: bool = True, notebook: bool = False) -> str:
        kinds_present = {n.get("kind") for n in self.nodes}
        self.html = _template().render(
            heading=self.heading, height=self.height, nodes=self.nodes, edges=self.edges,
            options=self.options, lang=self.lang, text=legend_text(self.lang), legend=self.legend,
            node_styles=[(k, s) for k, s in NODE_STYLES.items() if k in kinds_present],
            polarity_colours=POLARITY_COLOURS, relation_colour=RELATION_COLOUR,
            disagreement_colour=DISAGREEMENT_COLOUR, vis_js=_asset("vis-network.min.js", "</script"),
            vis_css=_asset("vis-network.css", "</style"))
        return self.html


def render_html(data: NetworkData, *, height: int = 640, heading: str = "", lang: str = "en",
                legend: bool = True) -> str:
    """A complete HTML page drawing `data`; it loads nothing from anywhere."""
    return OfflineNetwork(data, height=height, heading=heading, lang=lang, legend=legend).generate_html()


@lru_cache(maxsize=1)
def _template():
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    return env.get_template("network.html")


@lru_cache(maxsize=4)
def _asset(name: str, closing_tag: str) -> Markup:
    """A vendored file to inline; refuse one that could close the element it is inlined in."""
    text = (STATIC / name).read_text(encoding="utf-8")
    if closing_tag in text.lower():
        raise ValueError(f"{name} contains {closing_tag!r} and cannot be inlined safely")
    return Markup(text)  # noqa: S704 - vendored library code, checked above


def synthetic(n_nodes: int, *, seed: int = 0, edges_per_node: float = 2.0) -> tuple[list[Node], list[Edge]]:
    """A fictional graph of `n_nodes` nodes (actors, topics, AI systems) for benchmarks and tests.

    Shaped like the real one: actors hold stances on a smaller set of topics, relate to
    organisations, and a few pairs disagree.
    """
    rng = np.random.default_rng(seed)
    kinds = rng.choice(["person", "organisation", "topic", "ai-system"], size=n_nodes, p=[0.5, 0.2, 0.15, 0.15])
    nodes = [Node(f"n{i}", f"Fictional {kind} {i}", str(kind), str(kind)) for i, kind in enumerate(kinds)]
    by_kind = {k: [n.id for n in nodes if n.kind == k] or [nodes[0].id]
               for k in ("person", "organisation", "topic", "ai-system")}
    actors = by_kind["person"] + by_kind["organisation"]
    polarities = list(POLARITY_COLOURS)
    edges = []
    for i in range(int(n_nodes * edges_per_node)):
        roll = rng.random()
        a = actors[rng.integers(len(actors))]
        if roll < 0.6:
            edges.append(Edge(a, by_kind["topic"][rng.integers(len(by_kind["topic"]))], "stance",
                              polarity=polarities[rng.integers(3)], quote=f"fictional quote {i}",
                              label="stance", sources=(f"s{i % 7}",), id=f"e{i}"))
        elif roll < 0.95:
            other = rng.choice(by_kind["organisation"] + by_kind["ai-system"])
            edges.append(Edge(a, str(other), "relation", label="built", sources=(f"s{i % 7}",), id=f"e{i}"))
        else:
            edges.append(Edge(a, actors[rng.integers(len(actors))], "disagreement", label="disagrees with",
                              inferred=bool(rng.integers(2)), id=f"e{i}"))
    return nodes, edges

