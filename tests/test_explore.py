"""The explorer's library: what each view gets from the graph, checked against the seed and fixtures."""

from __future__ import annotations

import json

import pytest
from conftest import FICTIONAL, FIXTURES
from rdflib import Graph

from kg import explore
from kg.build.builder import DEFAULT_DATA_DIR
from kg.build.stored import connect
from kg.sparql.safety import QueryRefused

HOSTILE = FIXTURES / "hostile"


@pytest.fixture(scope="module")
def seed_store():
    return connect("oxigraph", DEFAULT_DATA_DIR)


@pytest.fixture(scope="module")
def fictional_store():
    return connect("oxigraph", FICTIONAL)


@pytest.fixture(scope="module")
def hostile_store():
    return connect("oxigraph", HOSTILE)


def test_entities_have_kinds_types_and_wikidata(seed_store):
    by_id = {e.id: e for e in explore.entities(seed_store)}
    assert by_id["elon-musk"].kind == "person" and by_id["elon-musk"].wikidata.endswith("Q317521")
    assert (by_id["xai"].kind, by_id["xai"].type_label) == ("organisation", "company")
    assert (by_id["gpt-4"].kind, by_id["gpt-4"].type_label) == ("ai-system", "AI model")
    assert by_id["ai-safety"].kind == "topic"
    assert explore.entities(seed_store, "es")[0].label <= explore.entities(seed_store, "es")[-1].label


def test_network_edges_carry_polarity_quotes_and_sources(seed_store):
    nodes, edges = explore.network(seed_store)
    by_pair = {(e.source, e.target, e.kind): e for e in edges}
    concern = by_pair[("elon-musk", "ai-safety", "stance")]
    assert concern.polarity == "concerned"
    assert concern.quote == "expresó preocupaciones crecientes sobre la seguridad de la IA"
    assert concern.sources == ("xai-memphis-article",)
    page = by_pair[("elon-musk", "larry-page", "disagreement")]
    assert not page.inferred and page.topics == ("ai-and-humanity",)
    assert by_pair[("gpt-4", "openai", "relation")].label == "developed by"  # a fact between two things
    assert {n.kind for n in nodes} == {"person", "organisation", "topic", "ai-system", "thing"}


def test_inferred_disagreement_is_an_edge_with_its_explanation(fictional_store):
    _, edges = explore.network(fictional_store)
    inferred = [e for e in edges if e.kind == "disagreement" and e.inferred]
    assert len(inferred) == 1
    assert {inferred[0].source, inferred[0].target} == {"ada-quill", "borealis-labs"}
    assert "(inferred)" in inferred[0].summary and "while Borealis Labs opposes" in inferred[0].quote


def test_network_labels_follow_the_language(seed_store):
    nodes, edges = explore.network(seed_store, "es")
    assert {n.id: n.label for n in nodes}["ai-safety"] == "seguridad de la IA"
    assert any(e.label == "le preocupa" for e in edges)


@pytest.mark.parametrize("facet, value, expect", [
    ("actors", ["larry-page"], {("elon-musk", "larry-page"), ("larry-page", "google")}),
    ("topics", ["ai-and-humanity"], {("elon-musk", "larry-page")}),
])
def test_filter_network(seed_store, facet, value, expect):
    data = explore.network_data(seed_store)
    shown = explore.filter_network(data, **{facet: value})
    assert {(e["from"], e["to"]) for e in shown.edges} == expect


def test_filter_network_by_kind_and_source(seed_store):
    data = explore.network_data(seed_store)
    stances = explore.filter_network(data, kinds=["stance"])
    assert len(stances.edges) == 5 and {e["kind"] for e in stances.edges} == {"stance"}
    assert not explore.filter_network(data, sources=["no-such-source"]).edges
    assert explore.filter_network(data) is data
    assert explore.edge_table(stances)[0].keys() == {"from", "line", "to", "details"}


def test_sources_give_text_and_passages_at_their_offsets(seed_store):
    docs = {d.id: d for d in explore.sources(seed_store)}
    article = docs["xai-memphis-article"]
    assert article.title.startswith("Musk crea un gigante")  # its only title is Spanish: shown in English too
    assert len(article.passages) == 34
    assert all(article.text[p.start:p.end] == p.exact for p in article.passages)
    assert docs["musk-x-post-memphis-cluster"].reported_in == "xai-memphis-article"
    c11 = next(p for p in article.passages if p.ident == "C11")
    assert c11.gloss == "expressed growing concerns about the safety of AI" and c11.asserted_by == "Elon Musk"


def test_highlighted_html_marks_every_passage_and_escapes_the_text():
    text = 'He said <b>"yes"</b> & left. Then: no.'
    passages = (explore.Passage("s-c01", "C01", "claim <1>", '<b>"yes"</b> & left', 8, 27, "", "", "", ""),
                explore.Passage("s-c02", "C02", "claim 2", "left. Then", 23, 33, "", "", "", ""))  # overlaps C01
    doc = explore.SourceDoc("s", "S", "news article", "en", "", "", "", text, "", passages)
    out = explore.highlighted_html(doc, selected="s-c02", link=lambda p: f"?statement={p.statement}")
    assert "<b>" not in out and "&lt;b&gt;&quot;yes&quot;&lt;/b&gt; &amp;" in out
    assert out.count("<mark>") == 3  # before the overlap, the overlap, after it
    assert 'href="?statement=s-c01"' in out and 'class="q sel"' in out
    assert 'title="C01: claim &lt;1&gt; / C02: claim 2"' in out


def test_profile_of_an_actor(seed_store):
    profile = explore.profile(seed_store, "elon-musk")
    assert profile.entity.label == "Elon Musk"
    assert {s.topic for s in profile.stances} == {"ai-safety", "pro-human-ai", "digital-superintelligence",
                                                  "open-source-ai", "non-profit-mission"}
    curator = [s for s in profile.stances if s.curator_reading]
    assert {s.topic for s in curator} == {"open-source-ai", "non-profit-mission"}
    cofounded = next(r for r in profile.relations if r.relation == "co-founded")
    assert (cofounded.to_label, cofounded.date) == ("OpenAI", "2015")
    assert [t.date for t in profile.timeline][:2] == ["2015", "2018"]
    assert explore.profile(seed_store, "ai-safety") is None  # a topic is not an actor


def test_profile_in_spanish(seed_store):
    stances = {s.topic: s for s in explore.profile(seed_store, "elon-musk", "es").stances}
    assert stances["ai-safety"].topic_label == "seguridad de la IA"
    assert stances["ai-safety"].polarity_label == "le preocupa"
    assert stances["ai-safety"].quotes[0].gloss == "expressed growing concerns about the safety of AI"


def test_disagreements_show_both_sides(seed_store, fictional_store):
    seed = explore.disagreements(seed_store)
    page = next(d for d in seed if d.b == "larry-page")
    assert not page.inferred and page.quotes_a and not page.quotes_b  # the article gives Page no words
    inferred = next(d for d in explore.disagreements(fictional_store) if d.inferred)
    assert inferred.quotes_a and inferred.quotes_b and inferred.topics == "compute caps"
    assert explore.disagreements(seed_store, actor="larry-page") == [page]


def test_stance_matrix_and_its_html(seed_store, hostile_store):
    matrix = explore.stance_matrix(seed_store)
    assert matrix.cells[("elon-musk", "digital-superintelligence")] == ("opposes",)
    out = explore.matrix_html(matrix, link=lambda a, t: f"?actor={a}&topic={t}")
    assert out.count('<td class="supports">') == 3 and 'href="?actor=elon-musk&amp;topic=ai-safety"' in out
    hostile = explore.matrix_html(explore.stance_matrix(hostile_store))
    assert "<img" not in hostile and "<svg" not in hostile and "&lt;img src=x" in hostile


def test_export_round_trips(seed_store):
    download = explore.export(seed_store, "turtle")
    assert download.filename == "ai-stance-kg.ttl" and download.media_type == "text/turtle"
    graph = Graph().parse(data=download.data.decode(), format="turtle")
    assert len(graph) == len({(s, p, o) for s, p, o, _ in seed_store.dataset.quads((None, None, None, None))})
    assert set(explore.export_formats()) == {"turtle", "nt", "xml", "trig", "nquads", "json-ld"}


def test_named_queries_for_the_picker():
    names = {q.name for q in explore.named_queries()}
    assert {"stances-of-actor", "disagreements", "stance-matrix"} <= names
    assert not any(n.startswith("explorer-") for n in names)


def test_run_named_and_own_queries(seed_store):
    table = explore.run_named_table(seed_store, "stances-of-actor", {"actor": "id:elon-musk"})
    assert len(table.rows) == 5 and table.rows[0]["topic"].startswith("id:")
    assert json.loads(table.json)[0]["topicLabel"] and table.csv.startswith("stance,topic")
    own = explore.run_sparql(seed_store, "SELECT ?t WHERE { ?t a ask:Topic }")
    assert len(own.rows) == 6
    assert explore.run_sparql(seed_store, "ASK { id:elon-musk a ask:Person }").boolean is True
    described = explore.run_sparql(seed_store,
                                   "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a ask:Topic ; rdfs:label ?l }")
    assert "seguridad de la IA" in described.turtle


@pytest.mark.parametrize("text, says", [
    ("INSERT DATA { id:a id:b id:c }", "updates are not allowed"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE is not allowed"),
    ("SELECT ?x WHERE { ?x a nope:Thing }", "unknown prefix"),
])
def test_refused_queries_say_why(seed_store, text, says):
    with pytest.raises(QueryRefused, match=says):
        explore.run_sparql(seed_store, text)


def test_param_choices(seed_store):
    actors = dict(explore.param_choices(seed_store, "actor"))
    assert actors["id:elon-musk"] == "Elon Musk" and "id:ai-safety" not in actors
    assert "stance" in dict(explore.param_choices(seed_store, "kind"))
    statements = dict(explore.param_choices(seed_store, "statement"))
    assert statements["id:xai-memphis-article-c11"].startswith("C11 · ")
    assert dict(explore.param_choices(seed_store, "topic"))["id:ai-safety"] == "AI safety"


def test_only_web_addresses_become_links():
    from kg.explore.sources import web_address

    assert web_address("https://example.org/a?b=c") == "https://example.org/a?b=c"
    for hostile in ("javascript:alert(6)", "JAVASCRIPT:alert(6)", "data:text/html,<script>", "file:///etc/passwd",
                    "", None):
        assert web_address(hostile) == ""
