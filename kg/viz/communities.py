"""Communities: groups of nodes more linked with each other than with the rest, by networkx's Louvain.

Colouring a big graph by community shows its camps at a glance where colouring by kind of node
only repeats what the shapes already say. Louvain (networkx) is near-linear and seeded, so the
same graph always gets the same groups and colours.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

# Colour-blind-safe qualitative palette (Okabe-Ito, then Tableau's), darkest first so white
# labels never sit on them; communities past the palette, and nodes with no line, are grey.
PALETTE = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#8c564b",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#9467bd",
    "#f0e442",
)
NO_COMMUNITY = "#b0bec5"


def communities(node_ids: Iterable[str], pairs: Iterable[tuple[str, str]], *, seed: int = 0) -> dict[str, int]:
    """Each node's community number: 0 for the largest, 1 for the next...; -1 for a node with no line."""
    graph = nx.Graph()
    graph.add_nodes_from(node_ids)
    graph.add_edges_from((a, b) for a, b in pairs if a != b)
    linked = graph.subgraph([n for n in graph if graph.degree(n)])
    groups = nx.community.louvain_communities(linked, seed=seed) if linked.number_of_edges() else []
    ordered = sorted(groups, key=lambda group: (-len(group), min(group)))
    number = {node: -1 for node in graph}
    for i, group in enumerate(ordered):
        number.update(dict.fromkeys(group, i))
    return number


def colour(community: int) -> str:
    return PALETTE[community] if 0 <= community < len(PALETTE) else NO_COMMUNITY
