"""Terms made by `kg.rdf.fastterms` are the terms rdflib's own constructors make, from a real Oxigraph store.

The fast paths skip rdflib's constructors, so each is checked against them on every kind of
term: the same type, text, language, datatype, Python value and ill-typedness, equal and
hashing alike. Results are read as they stream from the engine and can be read again.
"""

from __future__ import annotations

import pickle

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.rdf.fastterms import (
    SelectResult,
    decode_rows,
    encode_rows,
    from_ox,
    from_plain,
    rows_from_ox,
    text_rows,
    to_plain,
)
from kg.sparql.runner import Limits, run_query
from kg.store import open_store

EX = "http://example.org/"
OBJECTS = [  # (Turtle object, the term rdflib's constructors make of it)
    (f"<{EX}caf%C3%A9/ñ>", URIRef(f"{EX}caf%C3%A9/ñ")),
    ('"plain"', Literal("plain")),
    ('"plain"^^xsd:string', Literal("plain")),
    ('"quote \\" and\\nnewline <b>"', Literal('quote " and\nnewline <b>')),
    ('"inteligencia artificial"@es', Literal("inteligencia artificial", lang="es")),
    ('"colour"@EN-gb', Literal("colour", lang="en-gb")),  # Oxigraph lower-cases language tags
    ('""@en', Literal("", lang="en")),
    ('"2024-07-22"^^xsd:date', Literal("2024-07-22", datatype=XSD.date)),
    ('"2024"^^xsd:gYear', Literal("2024", datatype=XSD.gYear)),
    ('"100000"^^xsd:integer', Literal("100000", datatype=XSD.integer)),
    ('"true"^^xsd:boolean', Literal("true", datatype=XSD.boolean)),
    ('"0.5"^^xsd:decimal', Literal("0.5", datatype=XSD.decimal)),
    ('"x"^^<http://example.org/custom>', Literal("x", datatype=URIRef(f"{EX}custom"))),
]


def same_term(made, expected, ill_typed: bool = True) -> None:
    """`ill_typed=False` where `expected` came from elsewhere: a literal made from a Python value
    leaves rdflib's ill-typed flag unset (None) rather than False."""
    assert type(made) is type(expected)
    assert made == expected and hash(made) == hash(expected) and str(made) == str(expected)
    assert made.n3() == expected.n3()
    if isinstance(expected, Literal):
        assert (made.language, made.datatype, made.value) == (expected.language, expected.datatype, expected.value)
        assert made.eq(expected) and not made.neq(expected)
        if ill_typed:
            assert made.ill_typed == expected.ill_typed


@pytest.fixture(scope="module")
def terms_store():
    store = ox.Store()
    turtle = "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n" + "".join(
        f"<{EX}s{i}> <{EX}p> {obj} .\n" for i, (obj, _) in enumerate(OBJECTS))
    store.load(turtle.encode(), ox.RdfFormat.TURTLE)
    return store


def objects_of(store) -> dict[int, object]:
    solutions = store.query(f"SELECT ?s ?o WHERE {{ ?s <{EX}p> ?o }}")
    return {int(row["s"].value.removeprefix(f"{EX}s")): row["o"] for row in solutions}


@pytest.mark.parametrize("i", range(len(OBJECTS)), ids=[o for o, _ in OBJECTS])
def test_terms_from_oxigraph_are_rdflibs_own(terms_store, i):
    same_term(from_ox(objects_of(terms_store)[i]), OBJECTS[i][1])


@pytest.mark.parametrize("i", range(len(OBJECTS)), ids=[o for o, _ in OBJECTS])
def test_terms_through_plain_tuples_and_pickle_are_rdflibs_own(i):
    expected = OBJECTS[i][1]
    same_term(from_plain(pickle.loads(pickle.dumps(to_plain(expected)))), expected)


def test_rows_round_trip_with_unbound_values_and_repeats():
    rows = [(URIRef(f"{EX}a"), None, Literal("x", lang="en")), (URIRef(f"{EX}a"), BNode("b1"), None),
            (None, None, None)]
    table, encoded = encode_rows(rows)
    assert len(table) == 3  # each distinct term once
    back = decode_rows(table, encoded)
    assert back == rows
    same_term(back[0][2], rows[0][2])
    assert isinstance(back[1][1], BNode)


def test_a_select_streams_from_the_engine_and_reads_again():
    store = ox.Store()
    store.load("".join(f'<{EX}n{i}> <{EX}label> "n{i}"@en .\n' for i in range(10_000)).encode(),
               ox.RdfFormat.N_TRIPLES)
    query = f"SELECT ?n ?label WHERE {{ ?n <{EX}label> ?label }} ORDER BY ?label"
    result = SelectResult(["n", "label"], rows_from_ox(store.query(query), batch=100))
    first = [row for _, row in zip(range(5), result, strict=False)]
    assert len(result._rows) < 10_000  # only what was asked for has been read
    assert len(result) == 10_000
    again = list(result)
    assert again[:5] == first and again[0].label == Literal("n0", lang="en") and again[0]["n"] == URIRef(f"{EX}n0")
    assert result.bindings[1] == {result.vars[0]: URIRef(f"{EX}n1"), result.vars[1]: Literal("n1", lang="en")}
    assert [tuple(r) for r in again] == [tuple(map(from_ox, r)) for r in store.query(query)]


def test_interleaved_readers_each_see_every_row():
    store = ox.Store()
    data = "".join(f'<{EX}n{i}> <{EX}p> "{i}"^^<{XSD.integer}> .\n' for i in range(50))
    store.load(data.encode(), ox.RdfFormat.N_TRIPLES)
    result = SelectResult(["o"], rows_from_ox(store.query(f"SELECT ?o WHERE {{ ?s <{EX}p> ?o }} ORDER BY ?o"), 7))
    a, b = iter(result), iter(result)
    seen_a, seen_b = [], []
    for _ in range(50):
        seen_a.append(next(a)[0])
        seen_b.append(next(b)[0])
    assert seen_a == seen_b == [Literal(str(i), datatype=XSD.integer) for i in range(50)]
    assert next(a, None) is None


def test_oxigraph_and_rdflib_memory_give_identical_terms(seed_build):
    """Every triple of the seed, compared term by term across stores (typed literals by value:
    Oxigraph keeps the canonical form, `4000000000` for `4000000000.0`, and stores every integer
    type as xsd:integer). Blank nodes, which only the ontology's class expressions are, have
    each store's own labels, and are left out."""
    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER (!isBlank(?s) && !isBlank(?o)) }"
    integer = {XSD.nonNegativeInteger: XSD.integer}
    plain, typed = {}, {}
    for spec in ("oxigraph", "memory"):
        store = open_store(spec)
        store.load(seed_build.dataset)
        rows = {tuple(r) for r in store.query(query)}
        store.close()
        typed[spec] = {(s, p, integer.get(o.datatype, o.datatype), o.value) for s, p, o in rows
                       if isinstance(o, Literal) and o.datatype}
        plain[spec] = sorted((r for r in rows if not (isinstance(r[2], Literal) and r[2].datatype)),
                             key=lambda r: [(type(t).__name__, str(t)) for t in r])
    assert typed["oxigraph"] == typed["memory"] and len(typed["memory"]) > 50
    assert len(plain["oxigraph"]) == len(plain["memory"]) > 1000
    for ours, theirs in zip(plain["oxigraph"], plain["memory"], strict=True):
        for a, b in zip(ours, theirs, strict=True):
            same_term(a, b, ill_typed=False)


def test_forked_runner_hands_back_the_same_terms_as_in_process(seed_build):
    store = open_store("oxigraph")
    store.load(seed_build.dataset)
    query = "SELECT ?s ?o WHERE { ?s ?p ?o FILTER (!isBlank(?s) && !isBlank(?o)) } ORDER BY ?s ?o"
    forked = run_query(store, query, limits=Limits(timeout_s=30, max_rows=100_000))
    local = run_query(store, query, limits=Limits(timeout_s=None, max_rows=100_000))
    assert len(forked.rows) == len(local.rows) > 1000
    for a, b in zip(forked.rows, local.rows, strict=True):
        same_term(a["s"], b["s"])
        same_term(a["o"], b["o"])
    store.close()



def test_a_triple_term_comes_back_as_a_tuple_of_terms_or_as_its_text():
    store = ox.Store()
    query = f"SELECT ?t ?none WHERE {{ BIND (TRIPLE(<{EX}a>, <{EX}b>, \"c\"@en) AS ?t) }}"
    assert list(rows_from_ox(store.query(query))) == [((URIRef(f"{EX}a"), URIRef(f"{EX}b"), Literal("c", lang="en")),
                                                        None)]
    assert list(text_rows(store.query(query))) == [(f'<{EX}a> <{EX}b> "c"@en', None)]
