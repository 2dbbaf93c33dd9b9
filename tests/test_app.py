"""The explorer's pages, driven through Streamlit's AppTest: widgets by key, assertions on what is shown."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FICTIONAL, FIXTURES, edit
from streamlit.testing.v1 import AppTest

from explorer import netpick
from kg import explore

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


def drawing(at: AppTest) -> dict:
    """What the network page sends its drawing component (nodes, lines, focus, legend, text
    alternative), its nodes read back from the columns it is sent as."""
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    columns = args["data"]["nodes"]
    args["nodes"] = [{"id": i, "label": name if labelled else ""}
                     for i, name, labelled in zip(columns["id"], columns["name"], columns["labelled"], strict=True)]
    return args


def ends(at: AppTest) -> set[str]:
    """The names at either end of the network's table of lines."""
    table = frame(at, "line")
    return set(table["from"]) | set(table["to"])


def test_network_page_draws_the_graph_and_filters_it(monkeypatch):
    at = app(monkeypatch)
    assert at.header[0].value == "Who stands where, and who relates to whom"
    assert "20 of 22 nodes and 23 of 23 lines shown" in at.caption[0].value
    drawn = drawing(at)
    assert "Larry Page" in {n["label"] for n in drawn["nodes"]}
    assert drawn["alt"].startswith("Network of 20 nodes and 18 lines. Most connected: Elon Musk")
    assert "2 with no lines are not drawn" in [e.label for e in at.expander]
    at.multiselect(key="net_actors").select("larry-page").run()
    assert "3 of 22 nodes and 2 of 23 lines shown" in at.caption[0].value
    assert at.query_params["actor"] == "larry-page"
    table = frame(at, "line")
    assert set(table["line"]) == {"disagrees with", "former chief executive of"}
    at.multiselect(key="net_kinds").select("asserted").run()
    assert list(frame(at, "line")["to"]) == ["Larry Page"]


def test_a_network_too_big_to_draw_shows_its_hubs_and_says_so(monkeypatch):
    monkeypatch.setattr("kg.explore.MAX_DRAWN_NODES", 5)
    at = app(monkeypatch)
    assert "5 of 22 nodes" in at.caption[0].value
    assert "20 nodes match: the 5 with the most lines are drawn" in texts(at, "info")
    drawn = drawing(at)
    assert len(drawn["nodes"]) == 5 and "Elon Musk" in {n["label"] for n in drawn["nodes"]}  # the busiest
    at.multiselect(key="net_actors").select("larry-page").run()
    assert "3 of 22 nodes" in at.caption[0].value and not texts(at, "info")


def test_focus_search_and_the_evidence_panel(monkeypatch):
    at = app(monkeypatch, focus="larry-page")
    assert (drawing(at)["focus"], drawing(at)["hops"]) == ("larry-page", 1)  # the component draws the focus
    assert at.caption[0].value.startswith("3 of ")
    assert ends(at) == {"Larry Page", "Elon Musk", "Google"}
    at.radio(key="net_hops").set_value("2").run()
    assert drawing(at)["hops"] == 2 and at.query_params["hops"] == "2"
    two_hops = ends(at)
    assert {"OpenAI", "pro-human AI"} <= two_hops and "GPT-4" not in two_hops  # Page-Musk-OpenAI-GPT-4: 3 hops
    at.text_input(key="search_q").input("SEGURÍDAD de la ia").run()  # the Spanish label, accent and case aside
    hits = [b.label for b in at.button if b.key.startswith("search_")]
    assert any("AI safety" in h for h in hits), hits
    at.text_input(key="search_q").input("ELON").run()
    at.button(key="search_elon-musk").click().run()
    assert at.query_params["focus"] == "elon-musk" and at.query_params["node"] == "elon-musk"
    shown = texts(at)
    assert "la IA debe basarse en principios \"pro-humanos\"" in shown  # the stance's quote as printed
    assert "AI must be based on \"pro-human\" principles" in shown  # its gloss
    assert "«Musk crea un gigante de la supercomputación" in shown  # its source
    assert any(link.proto.page == "actor" for link in at.get("page_link"))


def test_a_big_graphs_boxes_list_the_chosen_and_the_hubs_and_wait_for_the_drawing(monkeypatch):
    monkeypatch.setattr("explorer.netpick.FULL_LIST_MAX", 5)
    monkeypatch.setattr("explorer.netpick.HUBS", 3)
    at = app(monkeypatch, focus="larry-page", kind="asserted")
    assert not at.selectbox and "The filters appear once the drawing is drawn." in texts(at, "caption")
    assert drawing(at)["focus"] == "larry-page"  # the URL's choices are in force before the boxes come
    at.session_state["net_canvas"] = {"have": None, "n": "1"}  # what the component says once it has drawn
    at.run()
    focus = at.selectbox(key="net_focus")  # the focus and the hubs of what is drawn (a stated disagreement)
    assert focus.value == "larry-page" and focus.options == ["everything", "Elon Musk", "Larry Page"]
    assert at.multiselect(key="net_actors").options == ["Elon Musk", "Larry Page"]
    assert at.multiselect(key="net_kinds").value == ["asserted"] and at.query_params["focus"] == "larry-page"
    assert "The filters appear once the drawing is drawn." not in texts(at, "caption")


def test_a_big_graphs_boxes_come_on_request_when_the_drawing_never_speaks(monkeypatch):
    """AppTest runs no browser, so the component never says it has drawn: the reader's button is the way."""
    monkeypatch.setattr("explorer.netpick.FULL_LIST_MAX", 5)
    at = app(monkeypatch, focus="larry-page")
    assert not at.selectbox
    at.button(key="net_filters_button").click().run()
    assert at.selectbox(key="net_focus").value == "larry-page"
    at.multiselect(key="net_kinds").select("asserted").run()  # the boxes stay for the next choice
    assert at.selectbox(key="net_focus").value == "larry-page" and at.multiselect(key="net_kinds").value == ["asserted"]
    assert "The filters appear once the drawing is drawn." not in texts(at, "caption")


def test_a_name_typed_in_a_short_box_becomes_the_node_it_names(seed_oxigraph, monkeypatch):
    labels: dict[str, tuple[str, ...]] = {}
    for lang in ("en", "es"):
        for e in explore.entities(seed_oxigraph, lang):
            labels[e.id] = (*labels.get(e.id, ()), e.label)
    ids = sorted(labels)
    assert netpick.named("larry PAGE", ids, lambda: labels) == ("larry-page", "")
    assert netpick.named("SEGURIDAD de la ia", ids, lambda: labels) == ("ai-safety", "")  # Spanish, no accent
    assert netpick.named(["google", "elon"], ids, lambda: labels) == (["google", "elon-musk"], "")
    assert netpick.named(["google", "nobody at all"], ids, lambda: labels) == (["google"], "nobody at all")
    assert netpick.named("nobody at all", ids, lambda: labels) == (None, "nobody at all")
    assert netpick.named("google", ids, lambda: 1 / 0) == ("google", "")  # a known id: no labels asked for
    assert netpick.short(["", *ids], ["larry-page"], ["elon-musk"]) == (["", *ids], {})  # few: all of them
    monkeypatch.setattr("explorer.netpick.FULL_LIST_MAX", 5)
    monkeypatch.setattr("explorer.netpick.HUBS", 2)
    assert netpick.short(["", *ids], ["larry-page"], ["openai", "elon-musk", "google"]) == (
        ["", "elon-musk", "larry-page", "openai"], {"accept_new_options": True})


def test_network_page_filters_by_topic_and_source(monkeypatch):
    at = app(monkeypatch, topic="ai-safety", source="xai-memphis-article")
    assert at.multiselect(key="net_topics").value == ["ai-safety"]
    assert at.multiselect(key="net_sources").value == ["xai-memphis-article"]
    assert list(frame(at, "line")["to"]) == ["AI safety"]


def test_a_shared_url_reproduces_the_view_in_spanish(monkeypatch):
    at = app(monkeypatch, lang="es", actor="elon-musk", kind="stance")
    assert at.radio(key="lang").value == "es"
    assert at.multiselect(key="net_kinds").value == ["stance"]
    assert "seguridad de la IA" in set(frame(at, "línea")["destino"])
    assert "le preocupa" in json.dumps(drawing(at), ensure_ascii=False)  # the legend and lines in Spanish
    # the same URL in English (AppTest replays each widget by its shown text, which a language
    # change renames: the switch itself is driven in the browser test)
    at = app(monkeypatch, lang="en", actor="elon-musk", kind="stance")
    assert at.query_params["lang"] == "en" and "AI safety" in set(frame(at, "line")["to"])


def test_actor_profile(monkeypatch):
    at = app(monkeypatch, page="actor")
    assert at.selectbox(key="actor_actor").value == "elon-musk"
    assert at.header[0].value == "Elon Musk"
    assert [(m.label, m.value) for m in at.metric] == [("Stances", "5"), ("Relations", "7"),
                                                        ("Disagreements", "3"), ("Dated items", "5")]
    shown = texts(at)
    assert "expresó preocupaciones crecientes sobre la seguridad de la IA" in shown
    assert "English gloss: *expressed growing concerns about the safety of AI*" in shown  # the gloss, marked
    assert "Wikidata Q317521" in shown and "curator's reading" in shown
    assert "stated by the holder · 2024" not in shown.split("curator's reading")[0][-60:]  # not both at once
    relations = frame(at, "Relation")
    assert "Elon Musk co-founded OpenAI" in set(relations["Relation"])
    assert list(frame(at, "Kind")["Date"][:2]) == ["2015", "2018"]
    # every stance cites its source: title, kind and the chain of report
    assert "Claim C11: Musk has growing concerns about AI safety." in shown
    assert "Elon Musk, in «Musk crea un gigante de la supercomputación" in shown
    assert "not recorded: publisher, date, link to the original" in shown  # the article prints none of them
    to_source = [link.proto for link in at.get("page_link") if link.proto.page == "sources"]  # each stance's words
    assert len(to_source) == 5 and any("statement=xai-memphis-article-c11&" in p.query_string for p in to_source)
    at.selectbox(key="actor_actor").set_value("larry-page").run()
    assert at.header[0].value == "Larry Page" and at.query_params["actor"] == "larry-page"
    assert "No source in the graph gives a stance of this actor." in texts(at)


def test_actor_profile_in_spanish(monkeypatch):
    at = app(monkeypatch, page="actor", lang="es", actor="elon-musk")
    shown = texts(at)
    assert "le preocupa" in shown and "seguridad de la IA" in shown
    assert at.subheader[0].value == "Posturas" and [m.label for m in at.metric][0] == "Posturas"
    assert "En inglés: *expressed growing concerns about the safety of AI*" in shown  # the gloss, marked
    assert "Relación" in frame(at, "Relación").columns and "Motivo" in frame(at, "Relación").columns


def test_disagreements_side_by_side(monkeypatch):
    at = app(monkeypatch, page="disagreements")
    assert "3 of 3 match." in texts(at, "caption")
    shown = texts(at)
    assert "su desacuerdo con las opiniones del ex CEO de Google, Larry Page" in shown
    assert "The source gives no words of Larry Page on this." in shown
    at.selectbox(key="dis_actor").set_value("larry-page").run()
    assert "1 of 3 match." in texts(at, "caption")
    at.selectbox(key="dis_basis").set_value("inferred").run()
    assert "No disagreement matches." in texts(at, "info")


def test_inferred_disagreement_shows_both_quotes(monkeypatch):
    at = app(monkeypatch, FICTIONAL, page="disagreements", basis="inferred")
    shown = texts(at)
    assert ":violet-badge[inferred]" in shown
    assert "she firmly supports caps on training compute" in shown and "Caps would freeze progress" in shown


def test_stance_matrix_pages_and_shows_a_rows_evidence(monkeypatch):
    at = app(monkeypatch, page="matrix")
    table = frame(at, "Actor")
    assert list(table.columns)[:3] == ["Actor", "AI safety", "digital superintelligence"]
    assert table.iloc[0]["digital superintelligence"] == "opposes" and "1 of 1 match." in texts(at, "caption")
    assert at.subheader[0].value == "Evidence: Elon Musk"  # the first row's, until one is chosen
    at.selectbox(key="mx_topic_elon-musk").set_value("digital-superintelligence").run()
    assert at.subheader[0].value == "Evidence: Elon Musk on digital superintelligence"
    assert "crear una superinteligencia digital" in texts(at)
    assert at.query_params["topic"] == "digital-superintelligence"
    at.text_input(key="mx_until").input("2015").run()  # as of 2015: no stance is dated that early
    assert "No stance is dated in this range." in texts(at, "info")
    at.text_input(key="mx_until").input("soon").run()
    assert "soon is not a date" in texts(at, "error")


def test_sources_page_highlights_quotes_linked_to_statements(monkeypatch):
    at = app(monkeypatch, page="sources")
    body = at.get("html")[0].proto.body
    assert body.count("<sup>") == 34 and "statement=xai-memphis-article-c11" in body
    assert "news article" in texts(at) and "by author of" not in texts(at)  # no byline: no made-up author
    assert "Language of the text: Spanish" in texts(at, "caption")  # named, not its code
    at.selectbox(key="src_statement").set_value("xai-memphis-article-c11").run()
    shown = texts(at)
    assert "Musk has growing concerns about AI safety" in shown and "asserted by Elon Musk" in shown
    assert 'class="q sel"' in at.get("html")[0].proto.body
    at.selectbox(key="src_source").set_value("musk-x-post-memphis-cluster").run()
    assert "Known only through the report in" in texts(at, "info")
    assert "C02" in set(frame(at, "Statement")["Statement"])


def test_sparql_named_query_with_a_parameter(monkeypatch):
    at = app(monkeypatch, page="sparql")
    assert len(at.dataframe[0].value) == 3  # the default: disagreements
    at.selectbox(key="sq_name").set_value("stances-of-actor").run()
    assert "Choose actor to run this question." in texts(at, "info")
    at.selectbox(key="sq_stances-of-actor_actor").set_value("id:elon-musk").run()
    rows = frame(at, "topicLabel")
    assert len(rows) == 5 and "AI safety" in set(rows["topicLabel"])
    assert {b.label for b in at.get("download_button")} == {"CSV of this view", "Download CSV", "Download JSON"}
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
    at.text_input(key="ag_date").input("Lo Ultimo").run()  # the Spanish word, read in any language
    assert not at.error and "+1 / −0" in at.get("html")[0].proto.body


def test_a_stance_offers_its_evidence_bundle_and_the_timeline_shows_a_change_of_stance(monkeypatch):
    at = app(monkeypatch, FICTIONAL, page="actor", actor="ada-quill")
    bundles = [b for b in at.get("download_button") if b.label == "Evidence bundle (TriG)"]
    assert len(bundles) == 3  # her three stances
    timeline = frame(at, "Kind")
    assert list(timeline[timeline["Kind"] == "stance change"]["Date"]) == ["2032-02-10"]
    at = app(monkeypatch, FICTIONAL, page="disagreements")
    assert [b.label for b in at.get("download_button")].count("Evidence bundle (TriG)") == 1


def test_curator_notes_in_spanish_and_english_marked_where_untranslated(monkeypatch, fictional_dir):
    harbor = fictional_dir / "sources" / "harbor-daily.yaml"
    edit(harbor, "    stances:\n      - {holder: ada-quill, topic: compute-caps, polarity: supports, strength: strong}",
         "    note: {en: Read from the headline., es: Leído en el titular.}\n"
         "    stances:\n      - {holder: ada-quill, topic: compute-caps, polarity: supports, strength: strong}")
    edit(harbor, "      - {holder: borealis-labs, topic: compute-caps, polarity: opposes}",
         "      - {holder: borealis-labs, topic: compute-caps, polarity: opposes, note: Said twice.}")
    at = app(monkeypatch, fictional_dir, page="sources", lang="es", source="harbor-daily", statement="harbor-daily-f01")
    assert "Curador: Leído en el titular." in texts(at, "caption") and "Read from the headline" not in texts(at)
    at.selectbox(key="src_statement").set_value("harbor-daily-f02").run()
    marked = [h.proto.body for h in at.get("html") if "Said twice." in h.proto.body]
    assert marked and '<span lang="en">Said twice.</span> (en inglés)' in marked[0]
    at.radio(key="lang").set_value("en").run()
    assert "(in English)" not in "".join(h.proto.body for h in at.get("html"))
