"""Every refusal, tried for real: a query must be stopped before any engine evaluates it."""

from __future__ import annotations

import multiprocessing
import time

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.rdf.namespaces import ID
from kg.sparql.runner import Limits, QueryRefused, QueryTimeout, run_named, run_query
from kg.sparql.safety import check_query

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~10^10 solutions


@pytest.fixture()
def endpoint(listener):
    """The listener's URL (conftest) and the requests it receives during one test."""
    url, requests = listener
    requests.clear()
    return url, requests


def test_the_endpoint_would_be_called_if_nothing_stopped_the_query(endpoint):
    """Oxigraph does run SERVICE itself, from Rust: the refusals below guard against a real call."""
    url, requests = endpoint
    list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"))
    assert requests, "the harness must see a request when SERVICE really runs"


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?x a ask:Person OPTIONAL {{ SERVICE <{url}> {{ ?x ?p ?o }} }} }}",
    "SELECT * WHERE {{ ?x a ask:Person FILTER EXISTS {{ SERVICE <{url}> {{ ?x ?p ?o }} }} }}",
    "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
    "ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
])
def test_service_is_refused_before_any_request(store, endpoint, template):
    url, requests = endpoint
    with pytest.raises(QueryRefused, match="SERVICE is not allowed"):
        run_query(store, template.format(url=url))
    assert requests == []


def test_load_is_refused_before_any_request(store, endpoint, tmp_path):
    url, requests = endpoint
    data = tmp_path / "extra.ttl"
    data.write_text("<urn:a> <urn:b> <urn:c> .", encoding="utf-8")
    before = len(store)
    for text in (f"LOAD <{url}>", f"LOAD SILENT <{data.as_uri()}> INTO GRAPH <urn:g>"):
        with pytest.raises(QueryRefused, match="updates are not allowed \\(LOAD\\)"):
            run_query(store, text)
    assert requests == [] and len(store) == before


@pytest.mark.parametrize("text, operation", [
    ("INSERT DATA { id:elon-musk rdfs:label 'hacked' }", "INSERT DATA"),
    ("DELETE DATA { id:elon-musk a ask:Person }", "DELETE DATA"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
    ("DELETE { ?s ?p ?o } INSERT { ?s ?p 'x' } WHERE { ?s ?p ?o }", "INSERT/DELETE"),
    ("DROP ALL", "DROP"),
    ("CLEAR DEFAULT", "CLEAR"),
    ("INSERT DATA { <urn:a> <urn:b> }", "INSERT"),  # an update with a syntax error is still an update
])
def test_updates_are_refused_and_change_nothing(store, text, operation):
    before = len(store)
    with pytest.raises(QueryRefused, match=f"updates are not allowed \\({operation}"):
        run_query(store, text)
    assert len(store) == before
    assert run_query(store, "ASK { id:elon-musk a ask:Person }").boolean is True


def test_from_a_file_or_another_graph_is_refused(store, endpoint, tmp_path):
    url, requests = endpoint
    secret = tmp_path / "secret.ttl"
    secret.write_text("<urn:secret> <urn:is> 'leaked' .", encoding="utf-8")
    for text in (f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}",
                 f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}",
                 "SELECT * FROM <https://w3id.org/ai-stance-kg/graph/registry> WHERE { ?s ?p ?o }"):
        with pytest.raises(QueryRefused, match="FROM <.*> is not allowed"):
            run_query(store, text)
    for text in (f"SELECT * FROM NAMED <{secret.as_uri()}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                 f"SELECT * WHERE {{ GRAPH <{secret.as_uri()}> {{ ?s ?p ?o }} }}",
                 f"SELECT * WHERE {{ GRAPH <{url}> {{ ?s ?p ?o }} }}",
                 "SELECT * WHERE { GRAPH <graph/registry> { ?s ?p ?o } }"):  # relative: not ours
        with pytest.raises(QueryRefused, match="not one of this dataset's graphs"):
            run_query(store, text)
    assert requests == []


def test_own_graphs_may_be_named(store):
    registry = "https://w3id.org/ai-stance-kg/graph/registry"
    rows = run_query(store, f"SELECT ?g (COUNT(*) AS ?n) FROM NAMED <{registry}> "
                            "WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g").rows
    assert [str(r["g"]) for r in rows] == [registry] and int(rows[0]["n"]) > 100
    assert run_query(store, f"ASK {{ GRAPH <{registry}> {{ id:elon-musk a ask:Person }} }}").boolean is True
    with pytest.raises(QueryRefused, match="does not hold"):  # rdflib would fetch a graph it lacks
        run_query(store, "SELECT * FROM NAMED <https://w3id.org/ai-stance-kg/graph/nowhere> "
                         "WHERE { GRAPH ?g { ?s ?p ?o } }")


def test_a_slow_query_is_stopped_near_its_time_limit(store):
    started = time.perf_counter()
    with pytest.raises(QueryTimeout, match="time limit of 1 s"):
        run_query(store, SLOW, limits=Limits(timeout_s=1))
    assert time.perf_counter() - started < 5
    assert multiprocessing.active_children() == []  # the evaluating process is gone


def test_the_row_cap_cuts_and_says_so(store):
    cut = run_query(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", limits=Limits(max_rows=5))
    assert len(cut.rows) == 5 and cut.truncated
    exact = run_query(store, "SELECT ?p WHERE { ?p a ask:Person }", limits=Limits(max_rows=3))
    assert len(exact.rows) == 3 and not exact.truncated
    graph = run_query(store, "CONSTRUCT WHERE { ?s ?p ?o }", limits=Limits(max_rows=7))
    assert len(graph.graph) == 7 and graph.truncated


def test_syntax_errors_give_the_users_line_and_column():
    with pytest.raises(QueryRefused, match=r"syntax error at line 3, column 3") as exc:
        check_query("SELECT ?s WHERE {\n  ?s ask:holder ?h .\n  ?s ask:topic \n}")
    assert "?s ask:topic" in str(exc.value)  # the offending line is shown
    with pytest.raises(QueryRefused, match=r"line 2, column 12: unknown prefix 'foo:'"):
        check_query("SELECT ?s\nWHERE { ?s foo:bar ?o }")
    with pytest.raises(QueryRefused, match=r"syntax error at line 1, column 30"):
        check_query("SELECT ?s WHERE { ?s ?p ?o } LIMIT ten")


def test_the_word_service_is_refused_even_in_strings_and_comments(store):
    """No parser decides: the word anywhere is enough, so two parsers can never disagree on it."""
    for query in ('SELECT ?l WHERE { ?s rdfs:label ?l FILTER(CONTAINS(?l, "SERVICE <x> {")) }',
                  "SELECT ?s WHERE { ?s ?p ?o } # a service call would go here",
                  "SELECT ?service WHERE { ?service a ask:Person }"):
        with pytest.raises(QueryRefused, match=r"SERVICE is not allowed.*not even in a string or comment"):
            run_query(store, query)


def test_parameters_are_data_never_syntax(store, endpoint):
    url, requests = endpoint
    sneaky = f'x" }} SERVICE <{url}> {{ ?a ?b ?c }} FILTER("'
    assert run_named(store, "search", {"text": sneaky}).rows == []
    assert requests == []
    quoted = run_named(store, "search", {"text": '"pro-humanos"'}).rows
    assert ID["xai-memphis-article-c12"] in {r["entity"] for r in quoted}


def test_cli_refusals_exit_non_zero_with_the_reason(endpoint):
    url, requests = endpoint
    runner = CliRunner()
    for text, reason in ((f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}", "SERVICE is not allowed"),
                         ("LOAD <http://example.org/x>", "updates are not allowed"),
                         (SLOW, "the query ran past its time limit")):
        out = runner.invoke(main, ["query", "--sparql", text, "--timeout", "1"])
        assert out.exit_code == 1 and f"error: {reason}" in out.output
    assert requests == []
