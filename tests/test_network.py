"""The network drawing: layout computed in Python, offline and escaped HTML."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from kg.viz import drawing as network
from kg.viz.drawing import Edge, Node, prepare, render_html, synthetic
from kg.viz.layout import _exact_repulsion, _mesh_repulsion, spring_layout

HOSTILE = '<img src=x onerror="window.__xss=1">'


def test_layout_is_deterministic_and_finite():
    nodes, edges = synthetic(300, seed=3)
    a, b = prepare(nodes, edges), prepare(nodes, edges)
    assert [(n["x"], n["y"]) for n in a.nodes] == [(n["x"], n["y"]) for n in b.nodes]
    assert all(np.isfinite([n["x"], n["y"]]).all() for n in a.nodes)


def test_layout_puts_linked_nodes_closer_than_unlinked_ones():
    rng = np.random.default_rng(0)
    n = 600  # above EXACT_MAX: the grid (FFT) repulsion is used
    pairs = np.stack([rng.integers(0, n, 1200), rng.integers(0, n, 1200)], axis=1)
    pos = spring_layout(n, pairs)
    linked = np.linalg.norm(pos[pairs[:, 0]] - pos[pairs[:, 1]], axis=1).mean()
    random_pairs = rng.integers(0, n, (2000, 2))
    unlinked = np.linalg.norm(pos[random_pairs[:, 0]] - pos[random_pairs[:, 1]], axis=1).mean()
    assert linked < 0.8 * unlinked


def test_layout_spreads_2000_nodes_out():
    nodes, edges = synthetic(2000)
    data = prepare(nodes, edges)
    xy = np.array([(n["x"], n["y"]) for n in data.nodes])
    assert len(np.unique(xy.round(0), axis=0)) > 0.95 * len(xy)  # almost no two nodes on one spot


def test_grid_repulsion_matches_exact_repulsion():
    pos = np.random.default_rng(1).random((1000, 2)) - 0.5
    k = 1 / np.sqrt(len(pos))
    exact, mesh = _exact_repulsion(pos, k), _mesh_repulsion(pos, k)
    error = np.linalg.norm(exact - mesh, axis=1) / np.linalg.norm(exact, axis=1)
    assert np.median(error) < 0.02


def test_prepare_drops_dangling_edges_and_curves_parallel_ones():
    nodes = [Node("a", "A", "person"), Node("b", "B", "organisation")]
    edges = [Edge("a", "b", "relation", label="co-founded"), Edge("a", "b", "relation", label="left"),
             Edge("a", "missing", "relation")]
    data = prepare(nodes, edges)
    assert len(data.edges) == 2
    assert "smooth" not in data.edges[0] and data.edges[1]["smooth"]["enabled"]


def test_edges_are_styled_by_kind_and_polarity():
    nodes = [Node("a", "A", "person"), Node("b", "B", "person"), Node("t", "T", "topic")]
    edges = [Edge("a", "t", "stance", polarity="supports"), Edge("b", "t", "stance", polarity="opposes"),
             Edge("a", "b", "disagreement", inferred=True), Edge("a", "b", "disagreement")]
    styled = prepare(nodes, edges).edges

    def rgb(colour: str) -> tuple[int, int, int]:
        return tuple(int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4))

    green, red = rgb(styled[0]["color"]), rgb(styled[1]["color"])  # as the README says: green supports, red opposes
    assert green[1] > max(green[0], green[2]) and red[0] > max(red[1], red[2])
    assert styled[2]["dashes"] is True and styled[3]["dashes"] is False


def test_filtered_keeps_positions():
    data = prepare(*synthetic(100))
    kept = data.filtered(lambda e: e["kind"] == "stance")
    where = {n["id"]: (n["x"], n["y"]) for n in data.nodes}
    assert kept.edges and all(e["kind"] == "stance" for e in kept.edges)
    assert all(where[n["id"]] == (n["x"], n["y"]) for n in kept.nodes)


def test_busiest_keeps_the_most_connected_nodes_and_only_their_lines():
    data = prepare(*synthetic(600, seed=3))
    degree = Counter(e["from"] for e in data.edges) + Counter(e["to"] for e in data.edges)
    top = data.busiest(100)
    kept = {n["id"] for n in top.nodes}
    assert len(kept) == 100
    assert min(degree[i] for i in kept) >= max(degree[n["id"]] for n in data.nodes if n["id"] not in kept)
    assert top.edges == [e for e in data.edges if e["from"] in kept and e["to"] in kept] and top.edges
    assert {n["id"]: (n["x"], n["y"]) for n in top.nodes} == {n["id"]: (n["x"], n["y"]) for n in data.nodes
                                                               if n["id"] in kept}
    assert data.busiest(600) is data


def test_physics_is_off():
    assert network.vis_options(10)["physics"]["enabled"] is False
    assert network.vis_options(2000)["interaction"]["hideEdgesOnDrag"] is True


def test_page_loads_nothing_from_anywhere():
    page = render_html(prepare(*synthetic(20)))
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=", page, re.I)
    assert "cdnjs" not in page and "jsdelivr" not in page and "bootstrap" not in page.lower()


def test_hostile_text_is_escaped_everywhere():
    nodes = [Node("a", HOSTILE, "person", HOSTILE), Node("b", "</script><script>window.__xss=2</script>", "topic")]
    edges = [Edge("a", "b", "stance", label=HOSTILE, summary=HOSTILE, polarity="supports",
                  quote='<a href="javascript:window.__xss=3">link</a>', source_title=HOSTILE)]
    page = render_html(prepare(nodes, edges), heading=HOSTILE)
    assert HOSTILE not in page
    assert "</script><script>window.__xss" not in page
    assert "&lt;img src=x" in page  # the heading, as text
    data = re.search(r"new vis\.DataSet\((\[.*?\])\);", page).group(1)
    assert json.loads(data)[0]["label"] == HOSTILE  # the label survives intact, as data
    assert "innerHTML" not in page.split("</script>", 1)[1]  # our script sets no HTML; tooltips are text


def test_vendored_vis_network_is_pyvis_own_copy():
    import pyvis

    theirs = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    for name in ("vis-network.min.js", "vis-network.css"):
        assert (network.STATIC / name).read_bytes() == (theirs / name).read_bytes()


@pytest.mark.parametrize("lang, words, other", [
    ("en", ["supports", "opposes", "is concerned about", "Nodes", "Lines"], "se opone a"),
    ("es", ["apoya", "se opone a", "le preocupa", "Nodos", "Líneas"], "is concerned about"),
])
def test_legend_follows_the_language(lang, words, other):
    page = render_html(prepare(*synthetic(10)), lang=lang)
    assert all(w in page for w in words) and other not in page
