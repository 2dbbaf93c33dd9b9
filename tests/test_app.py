"""The explorer's pages, driven through Streamlit's AppTest: widgets by key, assertions on what is shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FICTIONAL, FIXTURES
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")
HOSTILE = FIXTURES / "hostile"


def texts(at: AppTest, *kinds: str) -> str:
    """Everything the page shows in markdown, captions, headers, errors..., as one string."""
    kinds = kinds or ("markdown", "caption", "header", "subheader", "error", "info", "warning", "success")
    return re.sub(r"\\(.)", r"\1", "\n".join(str(e.value) for kind in kinds for e in at.get(kind)))


def frame(at: AppTest, column: str):
    """The first table on the page with this column, as a pandas DataFrame."""
    for element in at.dataframe:
        if column in element.value.columns:
            return element.value
    raise AssertionError(f"no table with a '{column}' column")


def app(monkeypatch, data: Path | None = None, page: str | None = None, **params) -> AppTest:
    if data is not None:
        monkeypatch.setenv("STANCEKG_DATA", str(data))
    else:
        monkeypatch.delenv("STANCEKG_DATA", raising=False)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    at.run()
    if page:
        at.switch_page(f"explorer/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_network_page_draws_the_graph_and_filters_it(monkeypatch):
    at = app(monkeypatch)
    assert at.header[0].value == "Who stands where, and who relates to whom"
    assert "22 of 22 nodes and 23 of 23 lines shown" in at.caption[0].value
    page = at.get("iframe")[0].proto.srcdoc
    assert "new vis.Network" in page and '"label": "Larry Page"' in page
    at.multiselect(key="net_actors").select("larry-page").run()
    assert "3 of 22 nodes and 2 of 23 lines shown" in at.caption[0].value
    assert at.query_params["actor"] == "larry-page"
    table = frame(at, "line")
    assert set(table["line"]) == {"disagrees with", "former chief executive of"}
    at.multiselect(key="net_kinds").select("asserted").run()
    assert list(frame(at, "line")["to"]) == ["Larry Page"]
    link = at.get("page_link")[0].proto
    assert link.page == "actor" and "actor=" in link.query_string


def test_a_network_too_big_to_draw_shows_its_hubs_and_says_so(monkeypatch):
    monkeypatch.setattr("kg.explore.MAX_DRAWN_NODES", 5)
    at = app(monkeypatch)
    assert "5 of 22 nodes" in at.caption[0].value
    assert "22 nodes match: the 5 with the most lines are drawn" in texts(at, "info")
    page = at.get("iframe")[0].proto.srcdoc
    assert page.count('"shape"') == 5 and '"label": "Elon Musk"' in page  # one shape a node; Musk is busiest
    at.multiselect(key="net_actors").select("larry-page").run()
    assert "3 of 22 nodes" in at.caption[0].value and not texts(at, "info")


def test_network_page_filters_by_topic_and_source(monkeypatch):
    at = app(monkeypatch, topic="ai-safety", source="xai-memphis-article")
    assert at.multiselect(key="net_topics").value == ["ai-safety"]
    assert at.multiselect(key="net_sources").value == ["xai-memphis-article"]
    assert list(frame(at, "line")["to"]) == ["AI safety"]


def test_a_shared_url_reproduces_the_view_in_spanish(monkeypatch):
    at = app(monkeypatch, lang="es", actor="elon-musk", kind="stance")
    assert at.radio(key="lang").value == "es"
    assert at.multiselect(key="net_kinds").value == ["stance"]
    assert "seguridad de la IA" in set(frame(at, "line")["to"])
    assert "le preocupa" in at.get("iframe")[0].proto.srcdoc  # the legend and lines in Spanish
    at.radio(key="lang").set_value("en").run()
    assert at.query_params["lang"] == "en" and "AI safety" in set(frame(at, "line")["to"])


def test_actor_profile(monkeypatch):
    at = app(monkeypatch, page="actor")
    assert at.selectbox(key="actor_actor").value == "elon-musk"
    assert at.header[0].value == "Elon Musk"
    assert [(m.label, m.value) for m in at.metric] == [("Stances", "5"), ("Relations", "7"),
                                                        ("Disagreements", "3"), ("Dated items", "5")]
    shown = texts(at)
    assert "expresó preocupaciones crecientes sobre la seguridad de la IA" in shown
    assert "expressed growing concerns about the safety of AI" in shown  # the gloss
    assert "Wikidata Q317521" in shown and "curator's reading" in shown
    relations = frame(at, "relation")
    assert "Elon Musk co-founded OpenAI" in set(relations["relation"])
    assert list(frame(at, "kind")["date"][:2]) == ["2015", "2018"]
    at.selectbox(key="actor_actor").set_value("larry-page").run()
    assert at.header[0].value == "Larry Page" and at.query_params["actor"] == "larry-page"
    assert "No source in the graph gives a stance of this actor." in texts(at)


def test_actor_profile_in_spanish(monkeypatch):
    at = app(monkeypatch, page="actor", lang="es", actor="elon-musk")
    shown = texts(at)
    assert "le preocupa" in shown and "seguridad de la IA" in shown


def test_disagreements_side_by_side(monkeypatch):
    at = app(monkeypatch, page="disagreements")
    assert "3 of 3 shown." in texts(at, "caption")
    shown = texts(at)
    assert "su desacuerdo con las opiniones del ex CEO de Google, Larry Page" in shown
    assert "The source gives no words of Larry Page on this." in shown
    at.selectbox(key="dis_actor").set_value("larry-page").run()
    assert "1 of 3 shown." in texts(at, "caption")
    at.radio(key="dis_basis").set_value("inferred").run()
    assert "No disagreement matches." in texts(at, "info")


def test_inferred_disagreement_shows_both_quotes(monkeypatch):
    at = app(monkeypatch, FICTIONAL, page="disagreements", basis="inferred")
    shown = texts(at)
    assert ":violet-badge[inferred]" in shown
    assert "she firmly supports caps on training compute" in shown and "Caps would freeze progress" in shown


def test_stance_matrix_links_cells_to_their_evidence(monkeypatch):
    at = app(monkeypatch, page="matrix")
    table = at.get("html")[0].proto.body
    assert table.count('class="supports') == 3 and "topic=digital-superintelligence" in table
    assert at.subheader[0].value == "Evidence: Elon Musk on AI safety"
    at.selectbox(key="mx_topic").set_value("digital-superintelligence").run()
    assert "crear una superinteligencia digital" in texts(at)
    assert at.query_params["topic"] == "digital-superintelligence"
    assert 'class="opposes sel"' in at.get("html")[0].proto.body


def test_sources_page_highlights_quotes_linked_to_statements(monkeypatch):
    at = app(monkeypatch, page="sources")
    body = at.get("html")[0].proto.body
    assert body.count("<sup>") == 34 and "statement=xai-memphis-article-c11" in body
    at.selectbox(key="src_statement").set_value("xai-memphis-article-c11").run()
    shown = texts(at)
    assert "Musk has growing concerns about AI safety" in shown and "asserted by Elon Musk" in shown
    assert 'class="q sel"' in at.get("html")[0].proto.body
    at.selectbox(key="src_source").set_value("musk-x-post-memphis-cluster").run()
    assert "Known only through the report in" in texts(at, "info")
    assert "C02" in set(frame(at, "statement")["statement"])


def test_sparql_named_query_with_a_parameter(monkeypatch):
    at = app(monkeypatch, page="sparql")
    assert len(at.dataframe[0].value) == 3  # the default: disagreements
    at.selectbox(key="sq_name").set_value("stances-of-actor").run()
    assert "Choose actor to run this question." in texts(at, "info")
    at.selectbox(key="sq_stances-of-actor_actor").set_value("id:elon-musk").run()
    rows = frame(at, "topicLabel")
    assert len(rows) == 5 and "AI safety" in set(rows["topicLabel"])
    assert {b.label for b in at.get("download_button")} == {"Download CSV", "Download JSON"}
    assert at.query_params["q"] == "stances-of-actor" and at.query_params["actor"] == "id:elon-musk"


def test_sparql_own_query_and_refusals(monkeypatch):
    at = app(monkeypatch, page="sparql", mode="own")
    at.text_area(key="sq_text").input("SELECT ?topic WHERE { ?topic a ask:Topic }").run()
    assert len(frame(at, "topic")) == 6
    assert "ask:Topic" in at.query_params["sparql"]
    at.text_area(key="sq_text").input("DELETE WHERE { ?s ?p ?o }").run()
    assert "updates are not allowed" in texts(at, "error")
    at.text_area(key="sq_text").input("SELECT * WHERE { SERVICE <http://evil.example/> { ?s ?p ?o } }").run()
    assert "SERVICE is not allowed" in texts(at, "error")
    at.selectbox(key="sq_example").set_value("stance-matrix")
    at.button(key="sq_load").click().run()
    assert "GROUP_CONCAT" in at.text_area(key="sq_text").value and len(frame(at, "stances")) == 5


def test_export_page(monkeypatch):
    at = app(monkeypatch, page="export")
    assert at.get("download_button")[0].label.startswith("Download Turtle")
    assert "@prefix ask:" in at.code[0].value
    at.radio(key="export_format").set_value("json-ld").run()
    assert at.get("download_button")[0].label.startswith("Download JSON-LD")
    assert at.query_params["format"] == "json-ld"


@pytest.mark.parametrize("page, params", [("network", {}), ("actor", {"actor": "cobalt-institute"}),
                                          ("actor", {"actor": "ada-quill"}), ("disagreements", {}),
                                          ("matrix", {}), ("sources", {"statement": "harbor-daily-f02"}),
                                          ("agreement", {}), ("network", {"lang": "es"})])
def test_hostile_labels_stay_text(monkeypatch, page, params):
    at = app(monkeypatch, HOSTILE, page=None if page == "network" else page, **params)
    for kind in ("markdown", "caption", "header", "subheader", "info", "error"):
        for element in at.get(kind):
            value = str(element.value)
            # every < in markdown is escaped (\<), so no tag, link or script reaches the page
            assert value.count("<") == value.count("\\<"), (kind, value)
            assert "](javascript" not in value.replace("\\]\\(", "")
    for element in at.get("html"):
        assert "<img" not in element.proto.body and "<svg" not in element.proto.body
    for element in at.get("iframe"):  # labels are JSON data in the network page, never markup
        page = element.proto.srcdoc
        assert "<img src=x" not in page and "<svg onload" not in page and "<script>window" not in page


def test_agreement_page_shows_the_matrix_and_the_words_behind_a_cell(monkeypatch):
    at = app(monkeypatch, FICTIONAL, page="agreement")
    table = at.get("html")[0].proto.body
    assert "+1 / −0" in table and "other=borealis-labs" in table
    assert at.subheader[0].value == "Ada Quill and Borealis Labs"
    shown = texts(at)
    assert "Agree on **1**, oppose each other on **0**" in shown
    assert "I was wrong about caps: they only slowed the careful labs" in shown
    assert "Caps would freeze progress" in shown
    at.text_input(key="ag_date").input("2031").run()
    assert at.query_params["date"] == "2031"
    assert "she firmly supports caps on training compute" in texts(at) and "+0 / −1" in at.get("html")[0].proto.body
    at.text_input(key="ag_date").input("soon").run()
    assert "is not latest, ever or a date" in texts(at, "error")


def test_a_stance_offers_its_evidence_bundle_and_the_timeline_shows_a_change_of_stance(monkeypatch):
    at = app(monkeypatch, FICTIONAL, page="actor", actor="ada-quill")
    labels = {b.label for b in at.get("download_button")}
    assert labels == {"Evidence bundle (TriG)"} and len(at.get("download_button")) == 3  # her three stances
    timeline = frame(at, "kind")
    assert list(timeline[timeline["kind"] == "stance change"]["date"]) == ["2032-02-10"]
    at = app(monkeypatch, FICTIONAL, page="disagreements")
    assert len(at.get("download_button")) == 1
