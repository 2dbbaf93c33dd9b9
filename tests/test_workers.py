"""User SPARQL in the worker pool: the attacks that once got through, the limits, isolation, concurrency.

Every hostile query aims at a real local HTTP listener (`listener` in conftest) that must see no
request; each goes through the library, the command line and the explorer's SPARQL function
(the endpoint's turn is in test_server.py).
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import threading
import time

import pytest
from attacks import ATTACKS
from click.testing import CliRunner

from kg.cli import main
from kg.explore import run_sparql
from kg.sparql.pool import PoolSettings, QueryPool, pool_for
from kg.sparql.runner import Limits, QueryFailed, QueryRefused, QueryTimeout, run_answer, run_named, run_query
from kg.store import open_store

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def seed_store(seed_oxigraph):
    return seed_oxigraph


def own_seed_store(seed_build):
    """A seed store of the test's own, for tests that kill, fill or reconfigure its workers."""
    store = open_store("oxigraph")
    store.load(seed_build.dataset)
    return store


@pytest.mark.parametrize("attack", ATTACKS)
def test_attacks_are_refused_by_the_library_the_cli_and_the_explorer(seed_store, listener, attack):
    url, requests = listener
    requests.clear()
    text = attack.format(url=url)
    with pytest.raises(QueryRefused, match=r"codepoint escapes|SERVICE is not allowed"):
        run_query(seed_store, text)
    out = CliRunner().invoke(main, ["query", "--sparql", text])
    assert out.exit_code == 1 and out.output.startswith("error: ") and "Traceback" not in out.output
    with pytest.raises(QueryRefused):
        run_sparql(seed_store, text)
    assert requests == []


def test_isolation_holds_even_when_a_service_query_reaches_the_engine(listener):
    """Defence in depth: in a process that entered the workers' namespace, Oxigraph's own SERVICE
    call reaches nothing, and neither does a plain socket."""
    url, requests = listener
    requests.clear()
    code = (
        "import socket, sys\n"
        "from kg.sparql.worker import isolate_network\n"
        "why = isolate_network()\n"
        "assert why is None, why\n"
        "import pyoxigraph as ox\n"
        "try:\n"
        f"    list(ox.Store().query('SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}'))\n"
        "    print('SERVICE RAN')\n"
        "except OSError as exc:\n"
        "    print('service failed:', exc)\n"
        "try:\n"
        f"    socket.create_connection(('127.0.0.1', {url.split(':')[2].split('/')[0]}), timeout=2)\n"
        "    print('CONNECTED')\n"
        "except OSError as exc:\n"
        "    print('socket failed:', exc)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "service failed" in done.stdout and "socket failed" in done.stdout, done.stdout
    assert requests == []


def test_workers_report_their_isolation(seed_store):
    run_query(seed_store, "ASK {}")
    assert pool_for(seed_store).status()["isolation"] == "network namespace with no interface"


@pytest.mark.parametrize("text, reason", [
    ("SELECT * WHERE { ?s ?p ?o } #" + "x" * 100_001, "queries may be at most 100,000 bytes"),
    ('SELECT ?s WHERE { ?s rdfs:label "caf\\u00e9bebe" }', "codepoint escapes"),
    ("SELECT ?s WHERE { ?s ?p ?o . " + "{ " * 40 + "?s ?p ?o " + "} " * 40 + "}", None),
    ("SELECT ?s WHERE { FILTER(" + "(" * 30 + "1" + ")" * 30 + ") }", None),
    ("SELECT ?s WHERE { " + " ".join(f"?s ?p{i} ?o{i} ." for i in range(90)) + " }", None),
])
def test_odd_query_texts_end_in_one_line_of_reason(seed_store, text, reason):
    """Oversized, escaped and deeply nested texts: a refusal or an answer, never a traceback."""
    try:
        run_query(seed_store, text, limits=Limits(timeout_s=20))
    except QueryRefused as exc:
        message = str(exc)
        assert "Traceback" not in message and "File \"" not in message
        if reason:
            assert reason in message
    else:
        assert reason is None
    assert run_query(seed_store, "ASK { ?s a ask:Person }").boolean  # the pool still answers


def test_a_quadratic_parse_is_stopped_at_the_deadline_in_the_worker(seed_store):
    """An object list of 2,000 values took rdflib 50 s to parse, outside every limit; now the
    parse is the worker's and the deadline stops it."""
    text = "SELECT * WHERE { ?s ?p " + ", ".join(f'"v{i}"' for i in range(2000)) + " }"
    started = time.perf_counter()
    try:
        run_query(seed_store, text, limits=Limits(timeout_s=2))
    except QueryTimeout:
        pass
    assert time.perf_counter() - started < 6


def test_a_query_past_its_deadline_kills_only_its_worker(seed_build):
    store = own_seed_store(seed_build)
    pool = pool_for(store, PoolSettings(size=2))
    pool.warm()
    failures: list[BaseException] = []

    def runaway():
        try:
            run_query(store, SLOW, limits=Limits(timeout_s=3))
        except QueryTimeout as exc:
            failures.append(exc)

    slow = threading.Thread(target=runaway)
    slow.start()
    time.sleep(0.3)
    answered = []
    while slow.is_alive():
        started = time.perf_counter()
        assert run_named(store, "disagreements").rows
        answered.append(time.perf_counter() - started)
    slow.join()
    assert len(failures) == 1 and pool.replaced == 1
    assert len(answered) >= 5  # the others were answered while it ran, not after it
    assert run_query(store, "ASK { ?s a ask:Person }").boolean  # and the pool is whole again
    store.close()


def test_a_query_over_its_memory_allowance_is_stopped(seed_build):
    store = own_seed_store(seed_build)
    pool_for(store, PoolSettings(size=1, max_memory_mb=64))
    greedy = "SELECT ?a ?b ?c WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z } ORDER BY RAND()"
    with pytest.raises(QueryFailed, match="more than the 64 MB of memory a query may use"):
        run_query(store, greedy, limits=Limits(timeout_s=60))
    assert pool_for(store).replaced == 1
    assert run_query(store, "ASK { ?s a ask:Person }").boolean
    store.close()


def _until(condition, limit_s: float = 60) -> None:
    deadline = time.monotonic() + limit_s
    while not condition():
        assert time.monotonic() < deadline, "the pool never reached the expected state"
        time.sleep(0.02)


def test_the_queue_is_bounded(seed_build):
    store = own_seed_store(seed_build)
    pool = pool_for(store, PoolSettings(size=1, queue_limit=1, long_after_s=60))  # no burst worker here
    pool.warm()
    _until(lambda: pool.status()["idle"] == 1)
    outcomes: list[str] = []

    def ask(text: str, timeout_s: float):
        try:
            outcomes.append(str(run_query(store, text, limits=Limits(timeout_s=timeout_s)).boolean))
        except QueryRefused as exc:
            outcomes.append(type(exc).__name__)

    first = threading.Thread(target=ask, args=(SLOW, 3))
    second = threading.Thread(target=ask, args=("ASK { ?s a ask:Person }", 20))
    first.start()
    _until(lambda: pool.status()["busy"] == 1)
    second.start()
    _until(lambda: pool.status()["waiting"] == 1)
    with pytest.raises(QueryRefused, match="the server is busy"):
        run_query(store, "ASK {}", limits=Limits(timeout_s=3))
    first.join()
    second.join()
    assert outcomes == ["QueryTimeout", "True"]  # the one that waited ran in its turn
    store.close()


def test_workers_see_what_the_store_holds_after_a_load(seed_build, fictional_build):
    store = own_seed_store(seed_build)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?p a ask:Person }"
    before = int(run_query(store, count).rows[0]["n"])
    store.load(fictional_build.dataset)
    after = int(run_query(store, count).rows[0]["n"])
    assert after > before
    store.close()


@pytest.mark.parametrize("kind", ["oxigraph:DIR", "memory"])
def test_other_stores_are_queried_by_the_pool_concurrently(seed_build, tmp_path, kind):
    store = open_store(f"oxigraph:{tmp_path / 'db'}" if kind == "oxigraph:DIR" else "memory")
    store.load(seed_build.dataset)
    expected = run_query(store, "SELECT ?p WHERE { ?p a ask:Person } ORDER BY ?p", limits=Limits(timeout_s=None)).rows
    results: list = []

    def ask():
        results.append(run_query(store, "SELECT ?p WHERE { ?p a ask:Person } ORDER BY ?p").rows)

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 6 and expected
    store.close()


def test_a_closed_pool_leaves_no_worker_behind(seed_build):
    store = own_seed_store(seed_build)
    pool = QueryPool(store, PoolSettings(size=2))
    pool.warm()
    while pool.status()["idle"] < 2:
        time.sleep(0.05)
    pids = [w.proc.pid for w in pool._idle]
    pool.close()
    for pid in pids:
        assert not os.path.exists(f"/proc/{pid}") or open(f"/proc/{pid}/stat").read().split()[2] == "Z"
    store.close()



def test_a_worker_that_dies_is_replaced(seed_build):
    store = own_seed_store(seed_build)
    pool = pool_for(store, PoolSettings(size=1))
    pool.warm()
    _until(lambda: pool.status()["idle"] == 1)
    os.kill(pool._idle[0].proc.pid, 9)  # as the kernel's OOM killer would
    time.sleep(0.2)
    try:  # the dead worker is found out when next asked: one failure, said plainly, at most
        run_query(store, "ASK { ?s a ask:Person }")
    except QueryFailed as exc:
        assert "stopped unexpectedly" in str(exc)
    assert run_query(store, "ASK { ?s a ask:Person }").boolean
    assert pool.replaced >= 1 or pool.status()["idle"] + pool.status()["busy"] == 1
    store.close()


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_answers_are_cut_exactly_at_the_cap_in_every_format(seed_store, fmt):
    """JSON and XML are written straight by Oxigraph and counted without parsing; values that look
    like a row boundary to that count (`},{}`) must not change the answer."""
    import json as json_module
    import xml.etree.ElementTree as ET

    def rows(body: bytes) -> int:
        if fmt == "json":
            return len(json_module.loads(body)["results"]["bindings"])
        if fmt == "xml":
            return len(ET.fromstring(body).findall(".//{http://www.w3.org/2005/sparql-results#}result"))
        if fmt == "csv":
            return len(list(csv.reader(io.StringIO(body.decode(), newline="")))) - 1
        return body.decode().strip("\n").count("\n")  # TSV escapes line breaks: a line a row

    total = int(run_query(seed_store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"])
    for cap, expected, cut in ((5, 5, True), (total, total, False), (total + 1, total, False)):
        answer = run_answer(seed_store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", table=fmt,
                            limits=Limits(max_rows=cap))
        assert (rows(answer.body), answer.truncated) == (expected, cut), cap
    tricky = 'SELECT ?x WHERE { VALUES ?x { "a},{}b" "c},{\\"d" "e}},{}" "f" } }'
    for cap, expected, cut in ((2, 2, True), (3, 3, True), (4, 4, False), (9, 4, False)):
        answer = run_answer(seed_store, tricky, table=fmt, limits=Limits(max_rows=cap))
        assert (rows(answer.body), answer.truncated) == (expected, cut), cap
    own_limit = run_answer(seed_store, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 7", table=fmt, limits=Limits(max_rows=7))
    assert (rows(own_limit.body), own_limit.truncated) == (7, False)
