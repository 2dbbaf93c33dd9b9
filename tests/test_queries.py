"""The named-query library on the real seed graph, in both stores, and the ways results are written."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result

from kg.cli import main
from kg.rdf.namespaces import ASK, ID
from kg.sparql import present
from kg.sparql.library import QueryFileError, load_queries, parse_header
from kg.sparql.results import to_json
from kg.sparql.runner import (
    Limits,
    QueryRefused,
    QueryResult,
    _candidates,
    resolve_entity,
    run_named,
    run_query,
    stream_named,
)
from kg.sparql.safety import check_query
from tests.test_seed_graph import CLAIMS, NOT_KINDS

DOCS = Path(__file__).resolve().parent.parent / "docs" / "vocabulary.md"
ARTICLE = ID["xai-memphis-article"]
SAMPLE_PARAMS = {"actor": "Elon Musk", "topic": "AI safety", "statement": "C19", "text": "Musk",
                 "kind": "fact", "entity": "id:elon-musk"}


def parts(value) -> set[str]:
    """The quotes of a GROUP_CONCAT cell joined with " | " (engines concatenate in their own order)."""
    return set(str(value).split(" | ")) if value is not None else set()


def items(value) -> set[str]:
    """The names of a GROUP_CONCAT cell joined with ", "."""
    return set(str(value).split(", ")) if value is not None else set()


def col(rows, name) -> list[str]:
    return [str(r[name]) if r[name] is not None else None for r in rows]


# what the seed implies, query by query --------------------------------------------------------

def stances_of_actor(rows):
    cells = {(str(r["topicLabel"]), str(r["polarity"])) for r in rows}
    assert cells == {("AI safety", "is concerned about"), ("pro-human AI", "supports"),
                     ("digital superintelligence", "opposes"), ("open-source AI", "supports"),
                     ("non-profit mission of AI labs", "supports")}
    pro_human = next(r for r in rows if str(r["topicLabel"]) == "pro-human AI")
    assert str(pro_human["strength"]) == "strong"
    assert 'la IA debe basarse en principios "pro-humanos"' in parts(pro_human["quote"])
    assert 'AI must be based on "pro-human" principles' in parts(pro_human["gloss"])
    assert all(r["source"] == ARTICLE and str(r["basis"]) == "stated by the holder" for r in rows)
    readings = {str(r["topicLabel"]) for r in rows if r["curatorReading"].toPython() is True}
    assert readings == {"open-source AI", "non-profit mission of AI labs"}


def topic_positions(rows):
    assert {(str(r["holderLabel"]), str(r["polarity"]), str(r["onTopicLabel"])) for r in rows} == {
        ("Elon Musk", "is concerned about", "AI safety"), ("Elon Musk", "supports", "pro-human AI")}


def disagreements(rows):
    found = {(str(r["actorALabel"]), str(r["actorBLabel"]), str(r["basis"]), str(r["kind"])) for r in rows}
    assert found == {("Elon Musk", "Larry Page", "asserted", "disagreement"),
                     ("Elon Musk", "OpenAI", "asserted", "disagreement"),
                     ("Elon Musk", "OpenAI", "asserted", "criticism")}
    page = next(r for r in rows if str(r["actorBLabel"]) == "Larry Page")
    assert "su desacuerdo con las opiniones del ex CEO de Google, Larry Page" in parts(page["quoteA"])
    assert str(page["topicLabel"]) == "AI and the future of humanity"
    assert str(page["quoteB"]).startswith("(none")  # the article gives no words of Page's
    openai = next(r for r in rows if str(r["actorBLabel"]) == "OpenAI" and str(r["kind"]) == "disagreement")
    assert str(openai["reason"]) == "ideological differences"
    assert openai["date"] == Literal("2018", datatype=XSD.gYear)
    assert openai["curatorReading"].toPython() is True and page["curatorReading"].toPython() is False


def actor_relations(rows):
    def rel(label):
        return next(r for r in rows if str(r["relationLabel"]) == label and str(r["toLabel"]) == "OpenAI")

    assert rel("co-founded")["date"] == Literal("2015", datatype=XSD.gYear)
    left = rel("left")
    assert left["date"] == Literal("2018", datatype=XSD.gYear)
    assert str(left["reason"]) == "ideological differences"
    assert "cofundó en 2015 pero abandonó en 2018 debido a diferencias ideológicas" in parts(left["quote"])
    for label in ("funded", "criticises", "considers legal action against", "disagrees with"):
        assert rel(label)["from"] == ID["elon-musk"]
    builders = {str(r["fromLabel"]) for r in rows if str(r["relationLabel"]) == "built"}
    assert builders == {"xAI", "X", "NVIDIA"}


def provenance(rows):
    assert len(rows) == 2  # one row per quote of C19
    assert {str(r["quote"]) for r in rows} == {
        "cofundó en 2015 pero abandonó en 2018 debido a diferencias ideológicas", "la organización que él financió"}
    assert all(r["statedIn"] == ARTICLE and r["source"] == ARTICLE and r["reportedIn"] is None for r in rows)
    assert {str(r["claim"]) for r in rows} == {
        "Musk co-founded OpenAI in 2015, left it in 2018 over ideological differences, and funded it."}


def ai_systems(rows):
    memphis = next(r for r in rows if r["thing"] == ID["memphis-cluster"])
    assert memphis["gpuCount"].toPython() == 100_000
    assert str(memphis["gpuModel"]) == "H100 GPU"
    assert str(memphis["type"]) == "compute cluster"
    assert items(memphis["builtBy"]) == {"xAI", "X", "NVIDIA"}
    assert float(memphis["valueMin"]) == 3e9 and float(memphis["valueMax"]) == 4e9
    assert str(memphis["currency"]) == "USD"
    assert any("×20" in c and "GPT-4" in c for c in parts(memphis["comparisons"]))
    by_name = {str(r["name"]): r for r in rows}
    assert str(by_name["GPT-4"]["developedBy"]) == "OpenAI"
    assert str(by_name["ChatGPT"]["poweredBy"]) == "GPT-4"
    assert str(by_name["Grok 3"]["trainedOn"]) == "Memphis supercomputer cluster"
    assert str(by_name["Grok 2"]["type"]) == "AI model"


def stance_matrix(rows):
    assert {(str(r["actorLabel"]), str(r["topicLabel"]), str(r["polarity"])) for r in rows} == {
        ("Elon Musk", "AI safety", "is concerned about"), ("Elon Musk", "pro-human AI", "supports"),
        ("Elon Musk", "digital superintelligence", "opposes"), ("Elon Musk", "open-source AI", "supports"),
        ("Elon Musk", "non-profit mission of AI labs", "supports")}


def timeline(rows):
    events = {(str(r["date"]), str(r["what"])): r for r in rows}
    # in the order things happened, written out here rather than re-sorted from the answer
    happened = [("2015", "Elon Musk co-founded OpenAI"), ("2018", "Elon Musk left OpenAI"),
                ("2024-07-22T04:20:00-05:00", "The Memphis cluster starts training"),
                ("2024-08", "Planned release of Grok 2")]
    order = [(str(r["date"]), str(r["what"])) for r in rows]
    assert [e for e in order if e in happened] == happened
    assert ("2015", "Elon Musk co-founded OpenAI") in events
    assert ("2018", "Elon Musk left OpenAI") in events
    assert events[("2015", "Elon Musk co-founded OpenAI")]["dateInferred"].toPython() is False
    start = events[("2024-07-22T04:20:00-05:00", "The Memphis cluster starts training")]
    assert start["dateInferred"].toPython() is True  # the year and offset are the curator's


def search(rows):
    found = {r["entity"] for r in rows}
    assert {ID["elon-musk"], ID["xai-memphis-article-c11"]} <= found
    musk = next(r for r in rows if r["entity"] == ID["elon-musk"])
    assert str(musk["types"]) == "person" and "label" in items(musk["foundIn"])


EXPECTED = {
    "stances-of-actor": ({"actor": "Elon Musk"}, stances_of_actor),
    "topic-positions": ({"topic": "seguridad de la IA"}, topic_positions),
    "disagreements": ({}, disagreements),
    "actor-relations": ({}, actor_relations),
    "statements-by-kind": ({"kind": "estimate"}, None),
    "provenance": ({"statement": "C19"}, provenance),
    "ai-systems": ({}, ai_systems),
    "stance-matrix": ({}, stance_matrix),
    "timeline": ({}, timeline),
    "search": ({"text": "MUSK"}, search),
}
COLUMNS = {
    "stances-of-actor": ["stance", "topic", "topicLabel", "polarity", "strength", "basis", "attributedBy", "quote",
                         "gloss", "statement", "source", "sourceTitle", "sourceTitleLang", "date", "curatorReading"],
    "topic-positions": ["holder", "holderLabel", "polarity", "strength", "onTopic", "onTopicLabel", "basis", "quote",
                        "gloss", "stance", "statement", "source", "date"],
    "disagreements": ["actorA", "actorALabel", "actorB", "actorBLabel", "basis", "kind", "topicLabel", "quoteA",
                      "glossA", "quoteB", "glossB", "explanation", "reason", "date", "source", "disagreement",
                      "statement", "statementB", "curatorReading"],
    "actor-relations": ["from", "fromLabel", "relationLabel", "to", "toLabel", "date", "startDate", "endDate",
                        "reason", "quote", "gloss", "relation", "relationship", "statement", "source"],
    "statements-by-kind": ["id", "claim", "kinds", "assertedByLabel", "statedInTitle", "statedInTitleLang", "quote",
                           "gloss", "statement", "source"],
    "provenance": ["id", "claim", "kinds", "assertedByLabel", "statedIn", "statedInTitle", "statedInTitleLang",
                   "statedInDate", "reportedIn", "source", "sourceTitle", "sourceTitleLang", "quote", "gloss",
                   "curatorNotes", "statement"],
    "ai-systems": ["thing", "name", "type", "developedBy", "builtBy", "versionOf", "poweredBy", "trainedOn",
                   "gpuCount", "gpuModel", "cooling", "interconnect", "valueMin", "valueMax", "currency",
                   "comparisons"],
    "stance-matrix": ["actor", "actorLabel", "topic", "topicLabel", "polarity", "stances"],
    "timeline": ["date", "kind", "what", "dateInferred", "item", "statement", "source"],
    "search": ["entity", "label", "types", "foundIn", "match"],
}


def test_the_library_has_the_issue_queries_with_headers():
    library = load_queries()
    assert set(EXPECTED) <= set(library)
    for name in EXPECTED:
        q = library[name]
        assert q.title and len(q.description) > 40, name
        assert check_query(q.text).form == "SELECT"


# Only Elon Musk holds stances in the seed, none of them dated: no pair of actors to compare, no
# change of stance; no joint statement. These queries are checked on the fictional fixtures
# (test_agreement.py, test_inference.py, test_signatories.py).
EMPTY_ON_SEED = {"agreement", "agreement-matrix", "stance-changes", "signatories"}


@pytest.mark.parametrize("name", sorted(load_queries()))
def test_every_named_query_runs_with_its_columns_and_the_rows_the_seed_implies(store, name):
    query = load_queries()[name]
    params, check = EXPECTED.get(name, ({p.name: SAMPLE_PARAMS[p.kind] for p in query.params if p.required},
                                        None))
    # rdflib's evaluator takes 7 s and 19 s over the agreement queries' dated OPTIONALs (Oxigraph: 0.1 s)
    slow = store.spec == "memory" and name in ("agreement", "agreement-matrix")
    result = run_named(store, name, params, limits=Limits(timeout_s=None) if slow else Limits())
    assert result.form == check_query(query.text).form and not result.truncated
    if result.form != "SELECT":  # describe: the triples about the sample entity
        assert len(result.graph) > 0, f"{name} returned no triples on the seed graph"
        return
    assert result.vars == COLUMNS.get(name, list(check_query(query.text).variables))
    if name in EMPTY_ON_SEED:
        assert result.rows == [], f"{name} found rows on the seed graph"
        return
    assert result.rows, f"{name} returned no rows on the seed graph"
    if check:
        check(result.rows)


@pytest.mark.parametrize("kind", ["fact", "estimate", "plan/prediction", "self-assessment", "stance",
                                  "comparison"])
def test_statements_by_kind_finds_every_claim_of_that_kind(store, kind):
    expected = {c.values[0] for c in CLAIMS if kind in c.values[1] and kind not in NOT_KINDS.get(c.values[0], ())}
    assert expected
    rows = run_named(store, "statements-by-kind", {"kind": kind}).rows
    assert expected <= {str(r["id"]) for r in rows}
    if kind == "estimate":
        c15 = next(r for r in rows if str(r["id"]) == "C15")
        assert items(c15["kinds"]) == {"fact", "estimate"}
        assert "valor estimado de 3-4 mil millones de dólares" in parts(c15["quote"])


def test_provenance_follows_the_chain_of_report_and_gathers_curator_notes(store):
    rows = run_named(store, "provenance", {"statement": "id:xai-memphis-article-c02"}).rows
    assert {r["statedIn"] for r in rows} == {ID["musk-x-post-memphis-cluster"]}
    assert {r["reportedIn"] for r in rows} == {ARTICLE}
    assert {str(r["assertedByLabel"]) for r in rows} == {"Elon Musk"}
    assert {str(r["statedInDate"]) for r in rows} == {"2024-07-22"}
    notes = str(rows[0]["curatorNotes"])
    assert "no year" in notes and "UTC offset" in notes  # the post's date and the event's, both inferred


def test_optional_actor_narrows_relations_and_disagreements(store):
    everything = run_named(store, "actor-relations", {}).rows
    page = run_named(store, "actor-relations", {"actor": "larry page"}).rows
    assert len(page) == 2 < len(everything)
    assert all(ID["larry-page"] in (r["from"], r["to"]) for r in page)
    assert len(run_named(store, "disagreements", {"actor": "OpenAI"}).rows) == 2


@pytest.mark.parametrize("value", ["Elon Musk", "elon musk", "ELON MUSK", "musk", "elon-musk", "id:elon-musk",
                                   "https://w3id.org/ai-stance-kg/id/elon-musk",
                                   "<https://w3id.org/ai-stance-kg/id/elon-musk>"])
def test_an_actor_is_found_by_label_curie_or_iri(store, value):
    assert resolve_entity(store, value, "actor") == ID["elon-musk"]


def test_topics_resolve_from_spanish_labels_and_statements_from_their_ids(store):
    assert resolve_entity(store, "Seguridad de la IA", "topic") == ID["ai-safety"]
    assert resolve_entity(store, "IA de código abierto", "topic") == ID["open-source-ai"]
    assert resolve_entity(store, "C19", "statement") == ID["xai-memphis-article-c19"]
    assert resolve_entity(store, "plan/prediction", "kind") == ASK.PlanOrPrediction
    assert resolve_entity(store, "musk", "text") == Literal("musk")


@pytest.mark.parametrize("kind", ["actor", "topic", "statement", "entity"])
def test_an_iri_is_resolved_by_looking_at_it_alone_as_the_full_list_would(store, kind):
    """IRIs skip building every candidate; they must be accepted exactly when the list holds them."""
    members = set(_candidates(store, kind))
    everything = {s for s, _, _ in store.dataset.triples((None, None, None)) if isinstance(s, URIRef)}
    assert members and everything - members
    for iri in sorted(everything):
        if iri in members:
            assert resolve_entity(store, f"<{iri}>", kind) == iri
        else:
            with pytest.raises(QueryRefused, match=f"no {kind} "):
                resolve_entity(store, f"<{iri}>", kind)


def test_unknown_or_ambiguous_parameters_are_refused_with_suggestions(store):
    with pytest.raises(QueryRefused, match="did you mean 'Larry Page'"):
        resolve_entity(store, "Lary Page", "actor")
    with pytest.raises(QueryRefused, match="matches several: id:ai-and-humanity, id:ai-safety"):
        resolve_entity(store, "la IA", "topic")
    with pytest.raises(QueryRefused, match="no actor id:ai-safety"):  # a topic is not an actor
        resolve_entity(store, "id:ai-safety", "actor")
    with pytest.raises(QueryRefused, match="needs --param actor"):
        run_named(store, "stances-of-actor", {})
    with pytest.raises(QueryRefused, match="has no parameter colour"):
        run_named(store, "timeline", {"colour": "red"})
    with pytest.raises(QueryRefused, match="did you mean 'stances-of-actor'"):
        run_named(store, "stances-of-actors", {"actor": "musk"})


def test_header_parsing_reads_params_defaults_and_continuations():
    text = ("# title: T\n# description: first line\n#   second line\n"
            "# param: who (actor) the actor\n#   continued\n# param: lang (text, optional) a language\n"
            "# param: n (text) how many\n# default: n=3\nSELECT ?who ?lang ?n WHERE { ?who ?lang ?n }\n")
    q = parse_header("t", text)
    assert q.description == "first line second line"
    assert [(p.name, p.kind, p.required, p.default) for p in q.params] == [
        ("who", "actor", True, None), ("lang", "text", False, None), ("n", "text", False, "3")]
    assert q.params[0].description == "the actor continued"
    with pytest.raises(QueryFileError, match="not used as"):
        parse_header("t", "# title: T\n# param: ghost (actor) x\nSELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(QueryFileError, match="KIND one of"):
        parse_header("t", "# title: T\n# param: x (colour) x\nSELECT ?x WHERE { ?x ?p ?o }")


def test_parameters_reach_filters_on_both_engines(store):
    """A VALUES block, unlike Oxigraph's substitutions, is seen by FILTERs; search relies on it."""
    assert {r["entity"] for r in run_named(store, "search", {"text": "seguridad"}).rows} >= {
        ID["ai-safety"], ID["xai-memphis-article-c11"]}
    assert run_named(store, "search", {"text": "no such text anywhere"}).rows == []


def test_the_vocabulary_reference_example_runs(store):
    example = re.search(r"```sparql\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S).group(1)
    rows = run_query(store, example).rows
    assert {(r["holder"], r["topic"]) for r in rows} >= {(ID["elon-musk"], ID["ai-safety"])}


# result formats -------------------------------------------------------------------------------

def _terms(result):
    return [[row[v] for v in result.vars] for row in result.rows]


def _text(term) -> str:
    return "" if term is None else str(term)


def _cli(*args: str):
    out = CliRunner().invoke(main, ["query", *args])
    assert out.exit_code == 0, out.output
    return out


def test_the_w3c_formats_from_the_cli_round_trip_through_rdflibs_parsers(seed_oxigraph):
    expected = _terms(run_named(seed_oxigraph, "stances-of-actor", {"actor": "musk"}))
    for fmt, parser in (("tsv", "tsv"), ("sparql-json", "json"), ("csv", "csv")):
        body = _cli("stances-of-actor", "musk", "-f", fmt).stdout_bytes
        parsed = Result.parse(io.BytesIO(body), format=parser)
        back = [[row.get(v) for v in parsed.vars] for row in parsed.bindings]
        if fmt == "csv":  # CSV keeps no types: compare the text
            back, want = [[_text(t) for t in row] for row in back], [[_text(t) for t in row] for row in expected]
        else:  # the TSV parser reads 100000^^xsd:integer back as its own Literal type
            back = [[Literal(str(t), datatype=t.datatype) if isinstance(t, Literal) and t.datatype else t
                     for t in row] for row in back]
            want = expected
        assert back == want, fmt
    assert b"\r\n" in body  # CSV lines end as the W3C says


def test_plain_json_types_values_as_the_explorers_json_does():
    xsd = "http://www.w3.org/2001/XMLSchema#"
    values = [("1.50", "decimal"), ("2.0", "decimal"), ("100000", "integer"), ("7", "nonNegativeInteger"),
              ("2.5E0", "double"), ("1", "boolean"), ("false", "boolean"), ("abc", "integer"),
              ("2024-05-01", "date"), ("2024-05-01T10:00:00", "dateTime"), ("text", "string")]
    names = [f"v{i}" for i in range(len(values) + 3)]
    ox_row = tuple(ox.Literal(v, datatype=ox.NamedNode(xsd + t)) for v, t in values) + (
        ox.Literal("hola", language="es"), ox.NamedNode("https://w3id.org/ai-stance-kg/id/x"), None)
    terms = [Literal(v, datatype=URIRef(xsd + t)) for v, t in values] + [
        Literal("hola", lang="es"), URIRef("https://w3id.org/ai-stance-kg/id/x"), None]
    ours = json.loads(present.to_json(names, [ox_row]))
    assert ours == json.loads(to_json(QueryResult("SELECT", names, [dict(zip(names, terms, strict=True))])))
    assert ours[0]["v0"] == 1.5 and ours[0]["v1"] == 2 and ours[0]["v5"] is True and ours[0]["v7"] == "abc"


def test_cli_json_table_and_graphs(seed_oxigraph):
    rows = json.loads(_cli("ai-systems", "-f", "json").stdout)
    memphis = next(r for r in rows if r["thing"].endswith("/memphis-cluster"))
    assert memphis["gpuCount"] == 100000 and memphis["valueMin"] == 3_000_000_000 and memphis["versionOf"] is None
    assert rows == json.loads(to_json(run_named(seed_oxigraph, "ai-systems", {})))  # as the explorer types them
    table = _cli("ai-systems").stdout
    assert "id:memphis-cluster" in table and "(7 rows" in table
    construct = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a ask:Person ; rdfs:label ?l }"
    for fmt in ("json", "table"):  # graph results are Turtle whatever the format; a table's size is a comment
        graph = Graph().parse(data=_cli("--sparql", construct, "-f", fmt, "--max-rows", "3").stdout, format="turtle")
        assert len(graph) == 3 and all(isinstance(o, Literal) for o in graph.objects())
    assert re.search(r"^# \(3 triples, [0-9.]+ s\)\n# results cut at 3 triples", _cli("--sparql", construct,
                     "--max-rows", "3").stdout, re.M)
    assert _cli("--sparql", "ASK { id:elon-musk a ask:Person }", "-f", "json").stdout == "true\n"
    described = run_query(seed_oxigraph, "DESCRIBE id:larry-page")
    assert described.form == "DESCRIBE"
    assert (ID["larry-page"], None, Literal("Larry Page", lang="es")) in described.graph


def test_cli_table_clips_long_values_one_line_a_row_and_says_where_it_was_cut():
    text = "SELECT ?s ?text WHERE { { ?s schema:text ?text } UNION { ?s schema:text ?text } }"  # two rows
    out = _cli("--sparql", text, "--max-rows", "1")
    lines = out.stdout.splitlines()
    assert len(lines) == 5 and lines[1].startswith("----")  # header, rule, the row, size, cut
    assert lines[2].startswith("id:xai-memphis-article") and lines[2].endswith("…")
    assert len(lines[2].split("  ", 1)[1].strip()) == present.WIDTH
    assert re.match(r"\(1 row, [0-9.]+ s\)", lines[3]) and lines[4].startswith("results cut at 1 rows")
    assert "warning" not in out.stderr  # the table says it itself


def test_stance_matrix_pivots_actors_by_topics(seed_oxigraph):
    body = b"".join(stream_named(seed_oxigraph, "stance-matrix", table="tsv"))
    names, rows = present.read_tsv(body)
    columns, matrix = present.pivot(names, present.shown_rows(rows), *load_queries()["stance-matrix"].pivot)
    assert columns[0] == "actorLabel" and "AI safety" in columns and len(matrix) == 1
    assert matrix[0][columns.index("digital superintelligence")] == "opposes"


# the command line -----------------------------------------------------------------------------

def test_cli_lists_and_runs_named_queries():
    runner = CliRunner()
    listed = runner.invoke(main, ["queries"])
    assert listed.exit_code == 0
    for name, q in load_queries().items():
        assert re.search(rf"^{re.escape(name)}\s+{re.escape(q.title)}", listed.output, re.M)
    out = runner.invoke(main, ["query", "stances-of-actor", "elon musk", "-f", "json"])
    assert out.exit_code == 0, out.output
    assert {r["topicLabel"] for r in json.loads(out.output)} >= {"AI safety", "pro-human AI"}
    out = runner.invoke(main, ["query", "actor-relations", "--param", "actor=id:larry-page", "-f", "sparql-json"])
    assert out.exit_code == 0, out.output
    assert len(json.loads(out.output)["results"]["bindings"]) == 2
    out = runner.invoke(main, ["query", "stance-matrix"])
    assert out.exit_code == 0 and re.search(r"^Elon Musk\s+is concerned about\s+opposes", out.output, re.M)


def test_cli_runs_your_own_sparql_from_text_or_file(tmp_path):
    runner = CliRunner()
    query = tmp_path / "people.rq"
    query.write_text("SELECT ?p WHERE { ?p a ask:Person } ORDER BY ?p", encoding="utf-8")
    out = runner.invoke(main, ["query", "--file", str(query), "-f", "csv"])
    assert out.exit_code == 0, out.output
    assert out.stdout_bytes.split(b"\r\n")[:2] == [b"p", b"https://w3id.org/ai-stance-kg/id/elon-musk"]
    out = runner.invoke(main, ["query", "--sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--max-rows", "2", "-f", "tsv"])
    assert out.exit_code == 0 and len(out.stdout.strip().splitlines()) == 3
    assert "results cut at 2" in out.stderr
    out = runner.invoke(main, ["query", "--sparql", "CONSTRUCT WHERE { id:elon-musk rdfs:label ?l }"])
    assert out.exit_code == 0 and '"Elon Musk"@es' in out.output


def test_cli_errors_are_messages_and_non_zero_exits():
    runner = CliRunner()
    for args, message in ((["query", "stances-of-actor", "Nobody At All"], "no actor called"),
                          (["query", "nonsense"], "no named query"),
                          (["query", "--sparql", "SELECT ?s WHERE { ?s ?p }"], "syntax error at line 1"),
                          (["query"], "give a query NAME")):
        out = runner.invoke(main, args)
        assert out.exit_code != 0 and message in out.output, (args, out.output)


def test_iri_parameters_cannot_carry_syntax(store):
    with pytest.raises(QueryRefused):
        run_query(store, "SELECT ?x WHERE { ?x ?p ?o }", bindings={"x": URIRef("http://a> } SERVICE <http://b")})


ARTICLE_TITLE = "Musk crea un gigante de la supercomputación en 19 días"


def test_titles_fall_back_across_languages_and_say_which(store):
    """The seed article's only title is Spanish: it comes back, marked as Spanish."""
    rows = run_named(store, "stances-of-actor", {"actor": "Elon Musk"}).rows
    assert all(str(r["sourceTitle"]).startswith(ARTICLE_TITLE) and str(r["sourceTitleLang"]) == "es" for r in rows)
    c04 = next(r for r in run_named(store, "statements-by-kind", {"kind": "fact"}).rows if str(r["id"]) == "C04")
    assert str(c04["statedInTitle"]).startswith(ARTICLE_TITLE) and str(c04["statedInTitleLang"]) == "es"
    c02 = run_named(store, "provenance", {"statement": "C02"}).rows
    assert {(str(r["statedInTitleLang"]), str(r["sourceTitleLang"])) for r in c02} == {("en", "es")}
    assert all(str(r["sourceTitle"]).startswith(ARTICLE_TITLE) for r in c02)


def test_joined_quotes_keep_the_order_of_the_text(store, seed_graph):
    text = str(seed_graph.value(ARTICLE, URIRef("https://schema.org/text")))
    runs = (("stances-of-actor", {"actor": "Elon Musk"}), ("statements-by-kind", {"kind": "stance"}),
            ("statements-by-kind", {"kind": "plan"}), ("disagreements", {}))
    rows = [r for name, params in runs for r in run_named(store, name, params).rows]
    cells = [str(r.get("quote") or r.get("quoteA")) for r in rows]
    several = [cell for cell in cells if " | " in cell]
    assert len(several) >= 4
    for cell in several:
        quotes = cell.split(" | ")
        assert [text.index(q) for q in quotes] == sorted(text.index(q) for q in quotes), cell


@pytest.mark.parametrize("value, actor, label", [("Larry", "larry-page", "Larry Page"),
                                                  ("Elon", "elon-musk", "Elon Musk")])
def test_a_partial_name_says_which_actor_it_matched(store, value, actor, label):
    result = run_named(store, "actor-relations", {"actor": value})
    assert result.notes == [f"'{value}' read as id:{actor} ({label}), the only actor whose name contains it"]
    assert run_named(store, "actor-relations", {"actor": label}).notes == []


def test_a_partial_name_that_several_actors_share_is_refused(store):
    with pytest.raises(QueryRefused, match="matches several: id:larry-page, id:elon-musk|matches several"):
        resolve_entity(store, "l", "actor")


def test_cli_prints_the_partial_name_note(tmp_path):
    result = CliRunner().invoke(main, ["query", "actor-relations", "--param", "actor=Larry"])
    assert result.exit_code == 0, result.output
    assert "note: 'Larry' read as id:larry-page (Larry Page)" in result.stderr


@pytest.mark.parametrize("label, printed", [
    ("plan or prediction", "plan or prediction"), ("plan o predicción", "plan or prediction"),
    ("Plan o prediccion", "plan or prediction"), ("event report", "event report"),
    ("relato de un hecho", "event report"), ("afirmación comparativa", "comparison statement")])
def test_statements_by_kind_takes_its_own_output_labels(store, label, printed):
    rows = run_named(store, "statements-by-kind", {"kind": label}).rows
    assert rows and all(printed in items(r["kinds"]) for r in rows)


def test_a_stated_disagreement_links_the_other_sides_words_in_the_same_source(fictional_dir):
    """A curator's `other_side` names the statement with the other party's words; the query shows them."""
    from kg.build.builder import build
    from kg.store import open_store
    from tests.conftest import edit

    edit(fictional_dir / "sources" / "harbor-daily.yaml", "  - id: F03\n", """  - id: F06
    kind: [relation]
    asserted_by: source
    claim: {en: Ada Quill disagrees with Borealis Labs on compute caps.}
    quotes:
      - exact: she firmly supports caps on training compute
        gloss: she firmly supports caps on training compute
    disagreements:
      - {from: ada-quill, to: borealis-labs, topics: [compute-caps], other_side: F02}

  - id: F03
""")
    store = open_store("memory")
    store.load(build(fictional_dir).dataset)
    rows = [r for r in run_named(store, "disagreements", {"actor": "Ada Quill"}).rows if str(r["basis"]) == "asserted"]
    assert len(rows) == 1
    assert str(rows[0]["quoteB"]) == "Borealis Labs opposes compute caps | Caps would freeze progress."
    assert str(rows[0]["glossB"]) == "Borealis Labs opposes compute caps | Caps would freeze progress."
    edit(fictional_dir / "sources" / "harbor-daily.yaml", "other_side: F02", "other_side: F20")
    out = CliRunner().invoke(main, ["--data", str(fictional_dir), "validate", "--no-reasoner"]).output
    assert "no statement 'F20' in this file" in out and "did you mean" in out
