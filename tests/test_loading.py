"""Hostile RDF files given to `stancekg load`, on every store: refused with the file named, exit 1,
no traceback, nothing loaded, and no request made for a JSON-LD context named by address.

The remote stores are a real `oxigraph serve`, started here as in `test_store.py`.
"""

from __future__ import annotations

import gc
import http.server
import json
import threading

import pytest
from click.testing import CliRunner
from test_store import oxigraph_server  # noqa: F401 - the fixture, started once for this module

from kg.cli import main
from kg.store import StoreError, open_store, rdfio

BUFFER = 16 * 1024 * 1024  # the longest term Oxigraph reads
FINE = '<http://example.org/ok> <http://example.org/p> "fine" .\n'  # before the bad part: must not stay


@pytest.fixture(params=["memory", "oxigraph", "oxigraph-dir", "sparql-gsp", "sparql-update"])
def spec(request, tmp_path, oxigraph_server):  # noqa: F811
    base = oxigraph_server
    spec = {"memory": "memory", "oxigraph": "oxigraph", "oxigraph-dir": f"oxigraph:{tmp_path / 'db'}",
            "sparql-gsp": f"sparql:{base}/query,{base}/update,{base}/store",
            "sparql-update": f"sparql:{base}/query,{base}/update"}[request.param]
    store = open_store(spec)
    store.clear()  # the server outlives a test
    store.close()
    return spec


@pytest.fixture(scope="module")
def listener():
    """A local HTTP server that answers every GET with a valid context and records its path."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            seen.append(self.path)
            body = b'{"@context": {"p": "http://example.org/p"}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", seen
    server.shutdown()
    server.server_close()


def refused(spec: str, path, *needles: str) -> str:
    """Load `path` through the library and the CLI; both must refuse it naming the file, and the
    store must hold nothing afterwards. The CLI's error line is returned."""
    store = open_store(spec)
    with pytest.raises(StoreError, match=str(path)):
        store.load_file(path)
    assert store.is_empty(), "a refused file left quads behind"
    store.close()
    del store
    gc.collect()  # releases an on-disk store's lock before the CLI opens it
    result = CliRunner().invoke(main, ["--store", spec, "load", str(path)])
    assert result.exit_code == 1 and type(result.exception) is SystemExit, result.output
    assert "Traceback" not in result.output
    error = result.output.strip().splitlines()[-1]
    assert error.startswith(f"Error: {path}: "), error
    assert all(n in error for n in needles), error
    del result  # its exception's chain holds the CLI's store, and an on-disk store's lock
    gc.collect()
    again = open_store(spec)
    assert again.is_empty(), "the CLI's refused load left quads behind"
    again.close()
    return error


def jsonld_with_context(context) -> str:
    return json.dumps([{"@id": "http://example.org/ok", "http://example.org/p": "fine"},
                       {"@context": context, "@id": "http://example.org/a", "p": "x"}], indent=1)


def test_a_remote_json_ld_context_is_refused_without_a_request(spec, tmp_path, listener):
    base, seen = listener
    path = tmp_path / "remote.jsonld"
    path.write_text(jsonld_with_context(f"{base}/context"))
    error = refused(spec, path, f'JSON-LD @context "{base}/context" refused', "write the context inline")
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "/context" in text)
    assert f"{path}: line {line}: " in error  # where the address is written
    assert seen == []


def test_a_file_json_ld_context_is_refused_and_not_read(spec, tmp_path):
    context = tmp_path / "context.jsonld"
    context.write_text('{"@context": {"p": "http://example.org/p"}}')  # would load, if it were read
    path = tmp_path / "local.jsonld"
    path.write_text(jsonld_with_context(context.as_uri()))
    refused(spec, path, f'@context "{context.as_uri()}" refused')


@pytest.fixture(scope="module")
def over_buffer(tmp_path_factory):
    """One file per format holding a 50 MB one-line literal after a good triple (made on demand)."""
    folder = tmp_path_factory.mktemp("big")
    made = {}

    def make(fmt: str):
        if fmt not in made:
            literal = "a" * (50 * 1024 * 1024)
            bad = f'<http://example.org/a> <http://example.org/p> "{literal}"'
            text = {"nt": f"{FINE}{bad} .\n", "ttl": f"{FINE}{bad} .\n",
                    "nq": f"{FINE}{bad} <http://example.org/g> .\n",
                    "trig": f"{FINE}<http://example.org/g> {{ {bad} . }}\n",
                    "jsonld": json.dumps([{"@id": "http://example.org/ok", "http://example.org/p": "fine"},
                                          {"@id": "http://example.org/a", "http://example.org/p": literal}])}[fmt]
            made[fmt] = folder / f"long-literal.{fmt}"
            made[fmt].write_text(text)
        return made[fmt]

    return make


@pytest.mark.parametrize("fmt", ["nt", "nq", "ttl", "trig", "jsonld"])
def test_a_literal_over_the_buffer_is_an_error_naming_the_file(spec, over_buffer, fmt):
    path = over_buffer(fmt)
    assert path.stat().st_size > 3 * BUFFER
    error = refused(spec, path)
    assert "16 MB" in error or "buffer maximal size" in error, error  # said here, or by the server


def test_rdf_xml_with_a_doctype_is_still_refused(spec, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    path = tmp_path / "evil.rdf"
    path.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY leak SYSTEM "{secret.as_uri()}"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&leak;</ex:p></rdf:Description>
</rdf:RDF>""")
    refused(spec, path, "RDF/XML refused", "DOCTYPE")


def test_a_syntax_error_after_good_lines_leaves_nothing(spec, tmp_path):
    path = tmp_path / "broken.nt"
    path.write_text(FINE * 3 + "<a> <b> .\n")
    refused(spec, path, "line 4")  # said here, or by the server the file was posted to


@pytest.mark.parametrize("fmt", ["nt", "nq", "ttl", "trig", "jsonld", "xml"])
def test_every_format_still_loads_on_every_store(spec, tmp_path, seed_build, fmt):
    path = tmp_path / f"seed{rdfio.get_format(fmt).suffix}"
    rdfio.dump(seed_build.dataset, path, fmt)
    store = open_store(spec)
    try:
        store.load_file(path)
        assert store.query("ASK { <https://w3id.org/ai-stance-kg/id/elon-musk> ?p ?o }").askAnswer
    finally:
        store.close()


@pytest.mark.parametrize("where", ["list", "scoped", "import", "repeated-key"])
def test_every_way_of_naming_a_context_is_refused_by_the_rdflib_reader_too(listener, where):
    base, seen = listener
    url = f"{base}/{where}"
    text = {
        "list": json.dumps({"@context": [{"q": "http://example.org/q"}, url], "@id": "http://example.org/a"}),
        "scoped": json.dumps({"@id": "http://example.org/a",
                              "http://example.org/p": {"@context": url, "@id": "http://example.org/b"}}),
        "import": json.dumps({"@context": {"@version": 1.1, "@import": url}, "@id": "http://example.org/a"}),
        "repeated-key": '{"@context": ' + json.dumps(url) + ', "@context": {"q": "http://example.org/q"}, '
                        '"@id": "http://example.org/a"}',
    }[where]
    with pytest.raises(rdfio.UnsafeJsonLd, match=f'"{url}" refused'):
        rdfio.loads(text, "json-ld")
    assert seen == []
    inline = json.dumps({"@context": {"p": "http://example.org/p"}, "@id": "http://example.org/a", "p": "x"})
    assert len(rdfio.loads(inline, "json-ld")) == 1
