"""Shared fixtures: the real seed build and a fictional fixture corpus, built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.builder import DEFAULT_DATA_DIR, build
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
    lexical form (`4000000000` for `4000000000.0`). Builds have no blank nodes, so sets compare."""
    from rdflib import Literal

    return {(s, p, (o.datatype, o.value) if isinstance(o, Literal) and o.datatype else o) for s, p, o in graph}


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
