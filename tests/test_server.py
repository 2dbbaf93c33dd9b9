"""`stancekg serve` as a real SPARQL 1.1 endpoint, queried by real clients (SPARQLWrapper, rdflib).

The server runs as its own process (the real command) on 127.0.0.1; a second local HTTP server,
started by a test, proves SERVICE is refused before anything calls out.
"""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pyoxigraph as ox
import pytest
from attacks import ATTACKS
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.query import Result
from serving import start_server
from SPARQLWrapper import CSV, GET, JSON, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.rdf.namespaces import ASK, ID
from kg.serve.server import accepted, choose
from kg.sparql.stream import CHUNK
from kg.store import open_store

COUNT = "SELECT (COUNT(?s) AS ?n) WHERE { ?s a ask:Stance }"
MAX_ROWS = 1000


@pytest.fixture(scope="module")
def endpoint():
    """`stancekg serve` on the seed graph (embedded Oxigraph), with a short time limit and row cap."""
    yield from start_server("--timeout", "3", "--max-rows", str(MAX_ROWS), "--client-timeout", "2")


def client(endpoint: str, query: str, fmt=JSON, method=GET) -> SPARQLWrapper:
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql


@pytest.mark.parametrize("method", [GET, POST])
def test_select_as_sparql_json_by_get_and_post(endpoint, method):
    answer = client(endpoint, COUNT, JSON, method).queryAndConvert()
    assert answer["head"]["vars"] == ["n"]
    assert answer["results"]["bindings"][0]["n"]["value"] == "5"


def test_post_of_a_bare_sparql_query(endpoint):
    sparql = client(endpoint, COUNT, JSON, POST)
    sparql.setRequestMethod(POSTDIRECTLY)  # Content-Type: application/sparql-query
    assert sparql.queryAndConvert()["results"]["bindings"][0]["n"]["value"] == "5"


def test_select_as_sparql_xml(endpoint):
    document = client(endpoint, COUNT, XML).queryAndConvert()
    literal = document.getElementsByTagName("literal")[0]
    assert literal.firstChild.data == "5"
    assert literal.getAttribute("datatype") == "http://www.w3.org/2001/XMLSchema#integer"


def test_select_as_csv_and_tsv(endpoint):
    text = "SELECT ?label WHERE { id:elon-musk rdfs:label ?label } ORDER BY ?label"
    table = list(csv.reader(io.StringIO(client(endpoint, text, CSV).queryAndConvert().decode())))
    assert table == [["label"], ["Elon Musk"], ["Elon Musk"]]
    tsv = client(endpoint, text, TSV).queryAndConvert().decode().splitlines()
    assert tsv == ["?label", '"Elon Musk"@en', '"Elon Musk"@es']


def test_ask(endpoint):
    assert client(endpoint, "ASK { id:elon-musk a ask:Person }").queryAndConvert()["boolean"] is True


def test_construct_as_turtle_parses_back_into_the_triples(endpoint):
    text = "CONSTRUCT { ?s ask:holder ?h } WHERE { ?s a ask:Stance ; ask:holder ?h }"
    graph = Graph().parse(data=client(endpoint, text, TURTLE).queryAndConvert(), format="turtle")
    assert len(graph) == 5
    assert (ID["xai-memphis-article-c20-stance-2"], ASK.holder, ID["elon-musk"]) in graph


def test_describe_as_rdf_xml(endpoint):
    graph = client(endpoint, "DESCRIBE id:elon-musk", XML).queryAndConvert()
    assert isinstance(graph, Graph)
    assert (ID["elon-musk"], RDF.type, ASK.Person) in graph


def test_rdflib_sparqlstore_and_our_remote_store_read_it(endpoint, seed_build):
    """Another client library, and the endpoint as a read-only `sparql:` store of this project."""
    remote = open_store(f"sparql:{endpoint}")
    assert not remote.writable
    local = open_store("oxigraph")
    local.load(seed_build.dataset)
    text = "SELECT ?s ?t WHERE { ?s ask:holder id:elon-musk ; ask:topic ?t } ORDER BY ?s"
    assert [tuple(r) for r in remote.query(text)] == [tuple(r) for r in local.query(text)]
    assert (ID["elon-musk"], RDF.type, ASK.Person) in remote.dataset  # rdflib's SPARQLStore
    assert len(remote) == len(local)


def _count(endpoint: str) -> str:
    return client(endpoint, COUNT).queryAndConvert()["results"]["bindings"][0]["n"]["value"]


@pytest.mark.parametrize("body, ctype", [
    ("update=" + urllib.parse.quote("DELETE WHERE { ?s ?p ?o }"), "application/x-www-form-urlencoded"),
    ("DELETE WHERE { ?s ?p ?o }", "application/sparql-update"),
])
def test_updates_are_refused(endpoint, body, ctype):
    request = urllib.request.Request(endpoint, data=body.encode(), headers={"Content-Type": ctype})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request)
    assert caught.value.code == 403
    assert b"read-only" in caught.value.read()
    assert _count(endpoint) == "5"


def test_an_update_sent_as_a_query_is_refused(endpoint):
    sparql = client(endpoint, "INSERT DATA { <urn:a> <urn:b> <urn:c> }", JSON, POST)  # sent as update=
    with pytest.raises(urllib.error.HTTPError) as caught:
        sparql.query()
    assert caught.value.code == 403
    status, _, body = _get(endpoint, "DROP ALL")  # an update passed off as a query
    assert status == 400 and b"updates are not allowed" in body
    assert _count(endpoint) == "5"


@pytest.fixture
def bystander():
    """A local HTTP server that records every request it receives: SERVICE must never reach it."""
    seen: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(json.dumps({"head": {"vars": []}, "results": {"bindings": [{}]}}).encode())

        do_POST = do_GET  # noqa: N815

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/sparql", seen
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?x a ask:Person OPTIONAL {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    "ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
])
def test_service_is_refused_and_nothing_is_called(endpoint, bystander, template):
    url, seen = bystander
    with pytest.raises(QueryBadFormed, match="SERVICE is not allowed"):
        client(endpoint, template.format(url=url), JSON, POST).query()
    urllib.request.urlopen(url + "?probe=1").read()  # the recorder works...
    assert seen == ["/sparql?probe=1"]  # ...and heard from nobody else


def test_from_and_dataset_parameters_are_refused(endpoint, bystander):
    url, seen = bystander
    with pytest.raises(QueryBadFormed, match="FROM"):
        client(endpoint, f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}").query()
    sparql = client(endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    sparql.addDefaultGraph(url)
    with pytest.raises(QueryBadFormed, match="default-graph-uri"):
        sparql.query()
    assert seen == []


def _get(endpoint: str, query: str, **headers):
    """Status, headers (looked up case-insensitively, as HTTP means them) and body."""
    url = f"{endpoint}?{urllib.parse.urlencode({'query': query})}"
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def test_row_cap_is_announced(endpoint):
    status, headers, body = _get(endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == MAX_ROWS
    assert headers["X-Stancekg-Truncated"] == f"results cut at {MAX_ROWS} rows"
    assert headers["X-Stancekg-Row-Cap"] == str(MAX_ROWS)
    status, headers, body = _get(endpoint, "SELECT * WHERE { ?s ?p ?o }", Accept="application/sparql-results+xml")
    assert body.endswith(f"<!-- X-Stancekg-Truncated: results cut at {MAX_ROWS} rows --></sparql>".encode())
    status, headers, body = _get(endpoint, "CONSTRUCT WHERE { ?s ?p ?o }")
    assert len(Graph().parse(data=body, format="turtle")) == MAX_ROWS
    assert headers["X-Stancekg-Truncated"] == f"results cut at {MAX_ROWS} triples"
    assert "X-Stancekg-Row-Cap" not in _get(endpoint, "ASK {}")[1]  # nothing to cut


# over two chunks an answer is streamed, its headers sent before the cut is known: each row ~3.2 KB
PADDED = ('SELECT ?s ?p ?o ?pad WHERE {{ ?s ?p ?o BIND("{}" AS ?a) BIND(CONCAT(?a, ?a, ?a, ?a) AS ?pad) }}'
          .format("x" * 800))


def _streamed_rows(body: bytes, fmt: str) -> list:
    """The rows, read by rdflib's and by Oxigraph's parsers alike (CSV: by the csv module)."""
    if fmt == "csv":
        return list(csv.reader(io.StringIO(body.decode(), newline="")))[1:]
    ours = list(Result.parse(io.BytesIO(body), format=fmt))
    formats = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
    assert len(ours) == len(list(ox.parse_query_results(body, format=formats[fmt])))
    return ours


@pytest.mark.parametrize("media, fmt", [("application/sparql-results+json", "json"),
                                        ("application/sparql-results+xml", "xml"), ("text/csv", "csv")])
def test_a_streamed_answer_says_its_cap_and_where_it_can_that_it_was_cut(endpoint, media, fmt):
    status, headers, body = _get(endpoint, PADDED, Accept=media, Origin="https://yasgui.triply.cc")
    assert status == 200 and len(body) > 2 * CHUNK and headers["Transfer-Encoding"] == "chunked"
    assert headers["X-Stancekg-Row-Cap"] == str(MAX_ROWS) and "X-Stancekg-Truncated" not in headers
    assert "X-Stancekg-Row-Cap" in headers["Access-Control-Expose-Headers"]  # a page elsewhere may read it
    assert len(_streamed_rows(body, fmt)) == MAX_ROWS  # as many as the cap: maybe cut...
    if fmt == "xml":  # ...and XML says it was, in a comment its parsers skip
        assert body.endswith(f"<!-- X-Stancekg-Truncated: results cut at {MAX_ROWS} rows --></sparql>".encode())
    short = PADDED.replace("?s ?p ?o BIND", "?s a ask:Person BIND")  # a few rows: nothing cut, nothing said
    status, headers, body = _get(endpoint, short, Accept=media)
    assert 0 < len(_streamed_rows(body, fmt)) < MAX_ROWS and b"Truncated" not in body
    assert headers["X-Stancekg-Row-Cap"] == str(MAX_ROWS) and "X-Stancekg-Truncated" not in headers


def test_a_runaway_query_is_stopped(endpoint):
    status, _, body = _get(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    assert status == 503 and b"time limit" in body
    assert _count(endpoint) == "5"  # and the server still answers


def test_syntax_errors_say_where(endpoint):
    status, _, body = _get(endpoint, "SELECT ?s WHERE { ?s ?p }")
    assert status == 400 and b"line 1" in body


def test_browsers_may_ask_from_other_origins(endpoint):
    status, headers, _ = _get(endpoint, "ASK {}", Origin="https://yasgui.triply.cc")
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    request = urllib.request.Request(endpoint, method="OPTIONS")
    with urllib.request.urlopen(request) as response:
        assert response.status == 204
        assert "POST" in response.headers["Access-Control-Allow-Methods"]


@pytest.mark.parametrize("path, method, status", [("/elsewhere", "GET", 404), ("/sparql", "PUT", 405),
                                                  ("/sparql", "DELETE", 405)])
def test_other_paths_and_methods(endpoint, path, method, status):
    request = urllib.request.Request(endpoint.replace("/sparql", path), method=method)
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request)
    assert caught.value.code == status


def test_bodies_are_bounded_and_typed(endpoint):
    big = urllib.request.Request(endpoint, data=b"#" * 1_000_001, headers={"Content-Type": "application/sparql-query"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(big)
    assert caught.value.code == 413
    odd = urllib.request.Request(endpoint, data=b"ASK {}", headers={"Content-Type": "text/plain"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(odd)
    assert caught.value.code == 415


def test_root_is_a_sparql_editor_served_from_here(endpoint):
    with urllib.request.urlopen(endpoint.replace("/sparql", "/")) as response:
        page = response.read().decode()
    assert response.headers.get_content_type() == "text/html"
    assert "Read-only SPARQL 1.1 over the whole graph at <code>/sparql</code>" in page
    assert '<script src="/static/yasgui-4.6.2/yasgui.min.js">' in page
    loaded = re.findall(r'<(?:script|link|img|iframe)[^>]*(?:src|href)="([^"]+)"', page)
    assert loaded and all(url.startswith("/static/") for url in loaded)  # nothing from another host


# content negotiation, as pure functions -----------------------------------------------------------
def test_accept_header_order_follows_q_values():
    assert accepted("text/csv;q=0.5, application/sparql-results+xml, */*;q=0.1") == [
        "application/sparql-results+xml", "text/csv", "*/*"]
    assert accepted("text/csv;q=0") == []


@pytest.mark.parametrize("accept, graph, fmt, expect", [
    ("", False, "", "application/sparql-results+json"),
    ("*/*", True, "", "text/turtle"),
    ("text/tab-separated-values", False, "", "text/tab-separated-values"),
    ("application/n-triples, text/turtle;q=0.5", True, "", "application/n-triples"),
    ("application/sparql-results+json", False, "xml", "application/sparql-results+xml"),
    ("", True, "xml", "application/rdf+xml"),
    ("", True, "json", "application/ld+json"),
    ("image/png", False, "", "application/sparql-results+json"),
])
def test_choose(accept, graph, fmt, expect):
    assert choose(accept, graph, fmt) == expect


def test_literal_types_survive_the_trip(endpoint):
    text = "SELECT ?n ?l WHERE { BIND (42 AS ?n) BIND ('x'@es AS ?l) }"
    row = client(endpoint, text).queryAndConvert()["results"]["bindings"][0]
    assert Literal(row["n"]["value"], datatype=URIRef(row["n"]["datatype"])).toPython() == 42
    assert row["l"] == {"type": "literal", "value": "x", "xml:lang": "es"}


# the attacks, concurrency and the Linked Data side ------------------------------------------------
@pytest.mark.parametrize("attack", ATTACKS)
def test_attacks_are_refused_by_the_endpoint(endpoint, listener, attack):
    url, requests = listener
    requests.clear()
    for method in (GET, POST):
        with pytest.raises(QueryBadFormed, match=r"codepoint escapes|SERVICE is not allowed"):
            client(endpoint, attack.format(url=url), JSON, method).query()
    assert requests == []


def test_engine_and_parser_errors_are_one_line_never_a_traceback(endpoint):
    deep = "SELECT ?s WHERE { " + "{ " * 60 + "?s ?p ?o " + "} " * 60 + "}"
    for text in (deep, 'SELECT ?s WHERE { ?s rdfs:label "caf\\u00e9bebe" }', "SELECT ?s WHERE { ?s ?p }"):
        status, _, body = _get(endpoint, text)
        assert status in (200, 400), body
        assert b"Traceback" not in body and body.count(b"\n") <= 4


def test_a_runaway_query_holds_up_no_one_else(endpoint):
    runaway = threading.Thread(target=_get, args=(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . "
                                                            "?g ?h ?i }"))
    runaway.start()
    time.sleep(0.3)
    answered = 0
    while runaway.is_alive():
        assert _get(endpoint, "ASK { ?s a ask:Person }")[2] == b'{"head":{},"boolean":true}'
        answered += 1
    runaway.join()
    assert answered >= 5


def test_a_full_queue_answers_503_with_retry_after():
    for url in start_server("--workers", "1", "--queue", "0", "--timeout", "4"):
        slow = threading.Thread(target=_get, args=(url, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . "
                                                        "?g ?h ?i }"))
        slow.start()
        time.sleep(0.5)
        status, headers, body = _get(url, "ASK {}")
        slow.join()
        assert status == 503 and headers["Retry-After"] == "2" and b"busy" in body
        deadline = time.monotonic() + 60  # the runaway's worker was killed: wait for its replacement
        while _health(url)["idle"] < 1:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert _get(url, "ASK {}")[0] == 200  # and when the worker is free again, all is well


def test_slow_clients_are_dropped_and_hold_no_one_up(endpoint):
    host, port = "127.0.0.1", int(endpoint.split(":")[2].split("/")[0])
    sockets = []
    for _ in range(50):
        s = socket.create_connection((host, port))
        s.sendall(b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nHost: x\r\n")  # and never the blank line
        sockets.append(s)
    assert _get(endpoint, "ASK {}")[0] == 200
    time.sleep(3)  # past the 2 s --client-timeout
    for s in sockets:
        s.settimeout(2)
        assert s.recv(100) == b""  # closed by the server
        s.close()


def test_health_says_the_workers_are_up_and_isolated(endpoint):
    with urllib.request.urlopen(endpoint.replace("/sparql", "/health")) as response:
        health = json.loads(response.read())
    assert health["status"] == "ok" and health["workers"] >= 1
    assert health["isolation"] == "network namespace with no interface"


@pytest.mark.parametrize("accept, fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                         ("application/n-triples", "nt"), ("application/rdf+xml", "xml")])
def test_entity_iris_dereference_by_content_negotiation(endpoint, accept, fmt):
    request = urllib.request.Request(endpoint.replace("/sparql", "/id/elon-musk"), headers={"Accept": accept})
    with urllib.request.urlopen(request) as response:
        assert response.headers.get_content_type() == accept
        graph = Graph().parse(data=response.read(), format=fmt)
    assert (ID["elon-musk"], RDF.type, ASK.Person) in graph
    assert (ID["elon-musk"], ASK.cofounded, ID.openai) in graph
    assert (ID.openai, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal("OpenAI", lang="en")) in graph


def test_entity_pages_for_browsers_and_unknown_iris(endpoint):
    request = urllib.request.Request(endpoint.replace("/sparql", "/id/elon-musk"),
                                     headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    with urllib.request.urlopen(request) as response:
        page = response.read().decode()
    assert "<h1>Elon Musk</h1>" in page and 'href="/id/openai"' in page
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(endpoint.replace("/sparql", "/id/nobody-at-all"))
    assert caught.value.code == 404


def test_the_ontology_and_the_dataset_description(endpoint):
    with urllib.request.urlopen(endpoint.replace("/sparql", "/ontology")) as response:
        ontology = Graph().parse(data=response.read(), format="turtle")
    assert (URIRef("https://w3id.org/ai-stance-kg/ontology"), RDF.type,
            URIRef("http://www.w3.org/2002/07/owl#Ontology")) in ontology
    with urllib.request.urlopen(endpoint.replace("/sparql", "/void")) as response:
        void = Graph().parse(data=response.read(), format="turtle")
    voidns = "http://rdfs.org/ns/void#"
    total = next(void.objects(URIRef("https://w3id.org/ai-stance-kg/void#dataset"), URIRef(voidns + "triples")))
    assert int(total) == int(_count_all(endpoint))


def _health(endpoint: str) -> dict:
    """/health's answer, also while it says 503 (no worker up)."""
    try:
        with urllib.request.urlopen(endpoint.replace("/sparql", "/health")) as response:
            return json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return json.loads(exc.read())


def _count_all(endpoint: str) -> str:
    status, _, body = _get(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return json.loads(body)["results"]["bindings"][0]["n"]["value"]
