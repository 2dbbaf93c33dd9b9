"""What of the graph the network page draws: search, neighbourhoods, merged lines, communities, labels."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from kg import explore
from kg.viz import communities as comm
from kg.viz import drawing as network
from kg.viz import view
from kg.viz.compact import compact
from kg.viz.drawing import prepare, synthetic

WEB = Path(network.STATIC)


@pytest.fixture(scope="module")
def seed_data(seed_oxigraph):
    return explore.network_data(seed_oxigraph)


def test_search_matches_either_language_whatever_the_accents_and_case(seed_oxigraph):
    labels: dict[str, list[str]] = {}
    for lang in ("en", "es"):
        for e in explore.entities(seed_oxigraph, lang):
            labels.setdefault(e.id, []).append(e.label)
    assert view.search(labels, "SEGURÍDAD de la ia") == ["ai-safety"]  # Spanish label, accent added, upper case
    assert view.search(labels, "musk")[0] == "elon-musk"
    assert view.search(labels, "   ") == [] and view.search(labels, "no such thing") == []
    assert all(view.fold(a) == view.fold(b) for a, b in [("Éxito", "exito"), ("Peña", "pena"), ("IA", "ia")])
    assert view.search(labels, "open source")[0] == "open-source-ai"  # the label is "open-source AI"


def test_neighbourhood_is_every_node_within_the_hops(seed_data):
    one = view.neighbourhood(seed_data, "larry-page", 1)
    assert {n["id"] for n in one.nodes} == {"larry-page", "elon-musk", "google"}
    graph = nx.Graph([(e["from"], e["to"]) for e in seed_data.edges])
    for hops in (1, 2, 3):
        near = view.neighbourhood(seed_data, "larry-page", hops)
        expected = set(nx.single_source_shortest_path_length(graph, "larry-page", cutoff=hops))
        assert {n["id"] for n in near.nodes} == expected
        assert near.edges == [e for e in seed_data.edges if {e["from"], e["to"]} <= expected]
    where = {n["id"]: (n["x"], n["y"]) for n in seed_data.nodes}
    assert all(where[n["id"]] == (n["x"], n["y"]) for n in one.nodes)  # the picture does not move


def test_neighbourhood_on_a_big_graph_matches_networkx():
    data = prepare(*synthetic(2000, seed=5))
    graph = nx.Graph([(e["from"], e["to"]) for e in data.edges])
    centre = max(graph.degree, key=lambda d: d[1])[0]
    near = view.neighbourhood(data, centre, 2)
    assert {n["id"] for n in near.nodes} == set(nx.single_source_shortest_path_length(graph, centre, cutoff=2))


def test_parallel_lines_merge_into_one_that_counts_them(seed_data):
    merged = view.merge_parallel(seed_data)
    pairs = Counter(tuple(sorted((e["from"], e["to"]))) for e in merged.edges)
    assert max(pairs.values()) == 1  # one line per pair
    members = [m for e in merged.edges for m in e.get("members", [e["id"]])]
    assert sorted(members) == sorted(e["id"] for e in seed_data.edges)  # none lost, none twice
    musk_openai = [e for e in seed_data.edges if {e["from"], e["to"]} == {"elon-musk", "openai"}]
    line = next(e for e in merged.edges if e["kind"] == "merged" and {e["from"], e["to"]} == {"elon-musk", "openai"})
    assert line["name"].startswith(f"{len(musk_openai)} lines: ") and len(musk_openai) > 1
    assert all(e["name"] in line["name"] for e in musk_openai)  # every kind listed
    assert line["color"] == network.DISAGREEMENT_COLOUR  # the stated disagreement is not hidden
    assert all(e["title"] in line["title"] for e in musk_openai)  # each line's claim, quote and source
    spanish = view.merge_parallel(seed_data, "es")
    assert any(e["name"].startswith(f"{len(musk_openai)} líneas: ") for e in spanish.edges)


def test_communities_group_densely_linked_nodes():
    data = prepare(*synthetic(2000, seed=2))
    graph = nx.Graph([(e["from"], e["to"]) for e in data.edges])
    groups = Counter(n["community"] for n in data.nodes if n["community"] >= 0)
    partition = [{n["id"] for n in data.nodes if n["community"] == g} for g in groups]
    assert nx.community.modularity(graph, partition) > 0.3
    sizes = [groups[g] for g in sorted(groups)]
    assert sizes == sorted(sizes, reverse=True) and len(sizes) > 5  # numbered from the largest
    again = prepare(*synthetic(2000, seed=2))
    assert [n["community"] for n in again.nodes] == [n["community"] for n in data.nodes]  # seeded, stable
    assert {n["color"]["background"] for n in data.nodes if n["community"] == 0} == {comm.colour(0)}


def test_communities_of_the_seed_graph(seed_data):
    number = {n["id"]: n["community"] for n in seed_data.nodes}
    assert number["jordan-peterson"] == -1  # no line, no community
    assert number["elon-musk"] == number["pro-human-ai"]  # his stances' topics hang on him
    assert number["xai"] == number["memphis-cluster"]


def test_nodes_with_no_line_are_set_aside_and_labels_kept_for_the_largest(seed_data):
    drawn, alone = view.split_isolated(seed_data)
    assert {n["id"] for n in alone} == {"jordan-peterson", "ai-and-humanity"}
    assert len(drawn.nodes) == len(seed_data.nodes) - 2
    kept, _ = view.split_isolated(seed_data, keep=["jordan-peterson"])
    assert "jordan-peterson" in {n["id"] for n in kept.nodes}
    big = prepare(*synthetic(2000, seed=1))
    labelled = view.label_largest(big, always=["n1999"])
    named = {n["id"] for n in labelled.nodes if n["label"]}
    assert len(named - {"n1999"}) == view.LABELLED_NODES and "n1999" in named
    degree = Counter(e["from"] for e in big.edges) + Counter(e["to"] for e in big.edges)
    assert min(degree[i] for i in named - {"n1999"}) >= max(degree[n["id"]] for n in big.nodes if n["id"] not in named)


def test_polarity_reads_without_colour():
    nodes = [network.Node("a", "A", "person"), network.Node("t", "T", "topic")]
    styles = {}
    for polarity in network.POLARITY_COLOURS:
        edge = prepare(nodes, [network.Edge("a", "t", "stance", label=polarity, polarity=polarity)]).edges[0]
        styles[polarity] = (str(edge["dashes"]), edge["arrows"]["to"]["type"])
        assert edge["label"] == polarity  # written on the line too
    assert len(set(styles.values())) == 3


def test_text_alternative_names_the_hubs(seed_data):
    text = view.text_alternative(seed_data)
    assert text.startswith(f"Network of {len(seed_data.nodes)} nodes and {len(seed_data.edges)} lines.")
    musk = sum(1 for e in seed_data.edges if "elon-musk" in (e["from"], e["to"]))
    assert f"Most connected: Elon Musk ({musk} lines)," in text


def test_the_drawing_component_loads_nothing_from_elsewhere_and_writes_no_markup():
    page = (WEB / "index.html").read_text()
    assert "default-src 'none'" in page and "script-src 'self'" in page
    assert all(not re.match(r"(https?:)?//", ref) for ref in re.findall(r'(?:src|href)="([^"]+)"', page))
    script = (WEB / "network.js").read_text()
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "eval(" not in script


def test_the_compact_drawing_sends_each_text_once_and_rebuilds_every_tooltip(seed_data):
    drawn = view.label_largest(view.merge_parallel(seed_data, labelled=True))
    sent = compact(drawn, label_edges=True, brief=False)
    strings, nodes, edges = sent["strings"], sent["nodes"], sent["edges"]
    assert len(strings) == len(set(strings)) and len(sent["styles"]) < len(drawn.edges)
    for i, n in enumerate(drawn.nodes):
        t = nodes["type"][i]
        assert (strings[t] + nodes["name"][i] if t >= 0 else strings[~t]) == n["title"]
        assert nodes["labelled"][i] == (1 if n["label"] else 0)
    for i, e in enumerate(drawn.edges):
        assert "\n".join(strings[s] for s in edges["title"][i]) == e["title"]
        assert (nodes["id"][edges["from"][i]], nodes["id"][edges["to"][i]]) == (e["from"], e["to"])
        assert edges["id"][i] in (e["id"], None) and edges["count"][i] == len(e.get("members", [1]))
    big = view.label_largest(view.merge_parallel(prepare(*synthetic(2000)), labelled=True))
    assert len(json.dumps(compact(big, label_edges=False))) < len(json.dumps(big.edges)) / 2
