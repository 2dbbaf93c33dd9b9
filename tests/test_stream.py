"""Answers streamed from the query workers: sent in chunks as Oxigraph writes them, cut exactly at the
row cap whatever the values hold, and the same rows as Oxigraph gives in one process."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.sparql import stream
from kg.sparql.runner import Limits, stream_answer
from kg.sparql.stream import Chunks, RowCapReached

FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
# values that hold every format's row marker, escaped or not
TRICKY = ["},{}", '},{"', "[{", '"\r\n', 'a,b\r\nc"', "<result>", "\n", "}},{}", '""', "\\", '\\"', "x"]
QUERY = "SELECT ?s ?o ?u WHERE { { ?s ?p ?o } UNION { BIND(1 AS ?u) } } ORDER BY ?s ?o"


def _rows(body: bytes, fmt: str) -> list[tuple]:
    if fmt == "csv":
        return [tuple(r) for r in csv.reader(io.StringIO(body.decode(), newline=""))][1:]
    return [tuple(r) for r in ox.parse_query_results(body, format=FORMATS[fmt])]


@pytest.fixture(scope="module")
def tricky_store() -> ox.Store:
    store = ox.Store()
    for i in range(300):
        value = "".join(TRICKY[(i * 7 + k * 3) % len(TRICKY)] for k in range(i % 7))
        store.add(ox.Quad(ox.NamedNode(f"http://e/s{i:04d}"), ox.NamedNode("http://e/p"), ox.Literal(value)))
    return store


@pytest.mark.parametrize("chunk", [7, 1 << 20])
@pytest.mark.parametrize("fmt", FORMATS)
def test_chunks_cut_exactly_at_the_cap(tricky_store, monkeypatch, fmt, chunk):
    monkeypatch.setattr(stream, "CHUNK", chunk)
    whole = tricky_store.query(QUERY).serialize(format=FORMATS[fmt])
    every = _rows(whole, fmt)
    for cap in (0, 1, 2, 150, len(every) - 1, len(every), len(every) + 1, None):
        sent: list[bytes] = []
        writer = Chunks(sent.append, fmt, cap)
        try:
            tricky_store.query(QUERY).serialize(writer, FORMATS[fmt])
        except RowCapReached:
            pass
        rows = writer.close()
        body = b"".join(sent)
        kept = len(every) if cap is None else min(cap, len(every))
        assert _rows(body, fmt) == every[:kept], cap
        assert writer.truncated == (cap is not None and len(every) > cap), cap
        assert rows in (None, kept), cap
        if not writer.truncated:
            assert body == whole, cap  # untouched when not cut
        elif fmt == "xml":  # the one format with room to say it was cut without upsetting its parsers
            assert body.endswith(b"<!-- X-Stancekg-Truncated: results cut at %d rows --></sparql>" % cap), cap
        if chunk == 7 and cap is None:
            assert len(sent) > 1  # sent as written, not at the end


@pytest.mark.parametrize("fmt", ["json", "csv"])  # the formats whose row count is only a bound
def test_a_long_answer_comes_from_its_worker_in_chunks(seed_oxigraph, fmt):
    text = (
        "SELECT ?a ?b ?c ?d WHERE { ?a ?b ?c . FILTER (isIRI(?a) && !isBlank(?c)) "  # the same in every copy
        "VALUES ?d { 1 2 3 4 5 6 7 8 9 10 11 12 } } ORDER BY ?a ?b ?c ?d"
    )
    whole = seed_oxigraph.native.query(text, use_default_graph_as_union=True).serialize(format=FORMATS[fmt])
    every = _rows(whole, fmt)
    assert len(whole) > 3 * stream.CHUNK  # long enough to need several chunks
    cap = len(every) - 10
    answer = stream_answer(seed_oxigraph, text, table=fmt, limits=Limits(timeout_s=60, max_rows=cap))
    chunks = list(answer)
    assert len(chunks) > 2 and answer.truncated and answer.rows in (None, cap)
    assert _rows(b"".join(chunks), fmt) == every[:cap]


def test_the_cli_streams_w3c_formats_cut_at_the_cap(seed_oxigraph):
    out = CliRunner().invoke(
        main, ["query", "--sparql", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "-f", "sparql-json", "--max-rows", "7"]
    )
    assert out.exit_code == 0, out.output
    body = out.stdout_bytes if hasattr(out, "stdout_bytes") else out.output.encode()
    document = json.loads(body[: body.rindex(b"}") + 1])
    assert len(document["results"]["bindings"]) == 7
    assert "results cut at 7" in out.stderr
