"""Shared fixtures: the real seed build and a fictional fixture corpus, built once per session;
a real OpenLink Virtuoso server, started once per session."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from kg.build.builder import DEFAULT_DATA_DIR, build
from kg.store import open_store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FICTIONAL = FIXTURES / "fictional"


@pytest.fixture(scope="session")
def seed_build():
    return build(DEFAULT_DATA_DIR)


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    return seed_build.union()


@pytest.fixture(scope="session")
def fictional_build():
    return build(FICTIONAL)


@pytest.fixture(scope="module", params=["oxigraph", "memory"])
def store(request, seed_build):
    """The seed graph loaded into each embedded store kind."""
    s = open_store(request.param)
    s.load(seed_build.dataset)
    yield s
    s.close()


@pytest.fixture(scope="module")
def seed_oxigraph(seed_build):
    """The seed in embedded Oxigraph, shared by a module's tests that only read it."""
    s = open_store("oxigraph")
    s.load(seed_build.dataset)
    yield s
    s.close()


@pytest.fixture()
def fictional_dir(tmp_path) -> Path:
    """A writable copy of the fictional corpus, for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(FICTIONAL, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text to replace not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def by_value(graph) -> set[tuple]:
    """A graph's triples with typed literals as (datatype, value): Oxigraph keeps the canonical
    lexical form (`4000000000` for `4000000000.0`) and stores every integer type as xsd:integer
    (a position's xsd:nonNegativeInteger). Builds have blank nodes only in the ontology (OWL's class
    expressions), which are counted, not compared: the sets compare everything else."""
    from rdflib import BNode, Literal
    from rdflib.namespace import XSD

    integers = {XSD.nonNegativeInteger, XSD.positiveInteger, XSD.int, XSD.long}

    def key(o):
        if isinstance(o, Literal) and o.datatype:
            return (XSD.integer if o.datatype in integers else o.datatype, o.value)
        return o

    blank = sum(1 for t in graph if any(isinstance(x, BNode) for x in t))
    return {(s, p, key(o)) for s, p, o in graph if not any(isinstance(x, BNode) for x in (s, o))} | {
        ("blank-node triples", blank)}


@pytest.fixture(scope="session")
def listener():
    """A local HTTP server that records every request it gets: the address hostile queries aim at."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    requests: list[str] = []
    body = b'{"head": {"vars": ["s"]}, "results": {"bindings": []}}'

    class Handler(BaseHTTPRequestHandler):
        def _answer(self):
            requests.append(f"{self.command} {self.path}")
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/x", requests
    httpd.shutdown()
    httpd.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Debian's virtuoso-opensource (`make system` installs it); a fresh database, its own ports, no
# plugins, small buffers. Its anonymous /sparql endpoint may only read (and may not fetch URLs);
# loading goes through /sparql-auth and /sparql-graph-crud-auth as a user granted SPARQL_UPDATE.
VIRTUOSO_INI = """\
[Database]
DatabaseFile = virtuoso.db
ErrorLogFile = virtuoso.log
LockFile = virtuoso.lck
TransactionFile = virtuoso.trx
xa_persistent_file = virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
CheckpointInterval = 0
DirsAllowed = .
NumberOfBuffers = 5000
MaxDirtyBuffers = 3000
ThreadsPerQuery = 2
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = .
ServerThreads = 5
MaxClientConnections = 5
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""
VIRTUOSO_USER = ("stancekg", "virtuoso-test-writer")


def _virtuoso_tools() -> tuple[str, str]:
    found = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    if not all(found):
        message = "Virtuoso is missing: `make system` installs Debian's virtuoso-opensource"
        if os.environ.get("CI"):  # as the Chromium and Java tests: under CI a missing tool is a failure
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    """A fresh Virtuoso on free ports, with a user that may load: yields its base URL."""
    server, isql = _virtuoso_tools()
    home = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    (home / "virtuoso.ini").write_text(VIRTUOSO_INI.format(sql_port=sql_port, http_port=http_port))
    proc = subprocess.Popen([server, "-f", "-c", "virtuoso.ini"], cwd=home,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait_for_sparql(f"{base}/sparql?query=ASK%7B%7D", proc, home / "virtuoso.log")
        user, password = VIRTUOSO_USER
        subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba",
                        f"exec=DB.DBA.USER_CREATE('{user}', '{password}'); GRANT SPARQL_UPDATE TO \"{user}\";"],
                       check=True, capture_output=True, timeout=30)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_for_sparql(url: str, proc: subprocess.Popen, log: Path, seconds: float = 120) -> None:
    """Until the endpoint answers: a fresh database takes a few seconds to create."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"virtuoso exited with {proc.returncode}:\n{tail}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"virtuoso did not answer {url} within {seconds:g} s")
