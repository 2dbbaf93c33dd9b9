"""The drawing's data as columns for the browser component: each text sent once, styles by number.

As vis-network items (one dict per node and line, a colour dict and arrow dict in each) the 100k
graph's drawing is megabytes the browser must parse before it draws; as columns, with every
distinct string, tooltip line and line style listed once and referred to by index, it is a
fraction of that. The component (`kg/viz/web/network.js`) rebuilds the items and, given a focus,
keeps only that node's neighbourhood, so a new focus does not recompute the drawing here.
Texts stay plain strings: the component sets them with textContent or as plain-text tooltips.
"""

from __future__ import annotations

import json

from kg.viz.drawing import LABELLED_EDGES_MAX, LARGE_GRAPH, NetworkData
from kg.viz.view import LABEL_ALL_MAX, LABELLED_NODES

STYLE_KEYS = ("color", "width", "dashes", "arrows", "smooth")


class _Table:
    """Distinct values in first-seen order, each looked up by its index."""

    def __init__(self) -> None:
        self.values: list = []
        self._index: dict[str, int] = {}

    def add(self, value) -> int:
        key = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
        if key not in self._index:
            self._index[key] = len(self.values)
            self.values.append(value)
        return self._index[key]


def compact(data: NetworkData, *, label_edges: bool, brief: bool | None = None) -> dict:
    """`data` (merged, every merged line with its label) as the component's columns.

    `label_edges`: whether lines show their labels on the whole drawing; a node keeps its label
    (and size) when `label_largest` gave it one. When `brief` (by default on a big drawing) a
    line's tooltip is its first line and quote (the panel has the rest).
    """
    strings, styles = _Table(), _Table()
    index = {n["id"]: i for i, n in enumerate(data.nodes)}
    nodes: dict[str, list] = {k: [] for k in ("id", "name", "type", "shape", "fill", "size", "x", "y", "labelled")}
    for n in data.nodes:
        name = n.get("name", n["label"])
        # the tooltip is "<type>: <name>": the name is not sent twice (~i marks a tooltip sent whole)
        own = n["title"].endswith(name) and name
        nodes["id"].append(n["id"])
        nodes["name"].append(name)
        nodes["type"].append(
            strings.add(n["title"][: len(n["title"]) - len(name)]) if own else ~strings.add(n["title"])
        )
        nodes["shape"].append(strings.add(n["shape"]))
        nodes["fill"].append(strings.add(n["color"]["background"]))
        nodes["size"].append(round(n["size"], 2))
        nodes["x"].append(n["x"])
        nodes["y"].append(n["y"])
        nodes["labelled"].append(1 if n.get("label") else 0)
    brief = len(data.nodes) > LARGE_GRAPH if brief is None else brief
    edges: dict[str, list] = {k: [] for k in ("id", "from", "to", "style", "label", "count", "title")}
    for e in data.edges:
        merged = e["id"] == f"merged:{e['from']}|{e['to']}"
        edges["id"].append(None if merged else e["id"])  # a merged line's id is made from its ends
        edges["from"].append(index[e["from"]])
        edges["to"].append(index[e["to"]])
        edges["style"].append(styles.add({k: e[k] for k in STYLE_KEYS if k in e}))
        edges["label"].append(strings.add(e["label"]) if e.get("label") else -1)
        edges["count"].append(len(e.get("members", ())) or 1)
        title = brief_title(e["title"]) if brief else e["title"]
        edges["title"].append([strings.add(line) for line in title.split("\n")])
    return {
        "strings": strings.values,
        "styles": styles.values,
        "nodes": nodes,
        "edges": edges,
        "font": next((n["font"]["size"] for n in data.nodes if n.get("font")), 14),
        "labelEdges": label_edges,
        "labelAll": LABEL_ALL_MAX,
        "labelTop": LABELLED_NODES,
        "labelEdgesMax": LABELLED_EDGES_MAX,
    }


def brief_title(title: str, quote_chars: int = 160) -> str:
    """Each block of a tooltip cut to its first line and its quote (shortened)."""
    blocks = []
    for block in title.split("\n\n"):
        lines = block.split("\n")
        quote = next((x for x in lines[1:] if x.startswith("“")), "")
        if len(quote) > quote_chars:
            quote = quote[: quote_chars - 2] + "…”"
        blocks.append("\n".join([lines[0], quote] if quote else lines[:1]))
    return "\n\n".join(blocks)
