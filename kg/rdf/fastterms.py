"""rdflib terms made fast, from pyoxigraph terms and from plain tuples; SELECT results built on them,
or on plain text where no term is needed.

A big result holds hundreds of thousands of values, and rdflib's constructors re-validate each:
`URIRef` checks the IRI, `Literal` checks the language tag and parses the lexical form. Oxigraph
has already validated every IRI and tag, so strings and IRIs are made here directly, with exactly
the state rdflib's constructors give them (`tests/test_terms.py` compares the two); typed literals
(dates, numbers) still go through `Literal`, since their Python value must be parsed, but each
distinct one only once per result.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from itertools import islice

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.query import Result, ResultRow

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_str_new = str.__new__
_uri = partial(_str_new, URIRef)


def _string(text: str, lang: str | None) -> Literal:
    """A plain (or language-tagged) literal as `Literal(text, lang=lang)` makes it."""
    literal = _str_new(Literal, text)
    literal._language = lang
    literal._datatype = None
    literal._value = text
    literal._ill_typed = None
    return literal


def from_ox(term):
    """One pyoxigraph term as an rdflib term; an xsd:string comes back as a plain literal, as
    rdflib parses `"text"` (the same term in RDF 1.1, but rdflib compares the two as different)."""
    kind = type(term)
    if kind is ox.NamedNode:
        return _uri(term.value)
    if kind is ox.Literal:
        lang = term.language
        if lang:
            return _string(term.value, lang)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return _string(term.value, None)
        return Literal(term.value, datatype=_uri(datatype))
    if kind is ox.BlankNode:
        return BNode(term.value)
    if kind is ox.Triple:
        return tuple(from_ox(t) for t in (term.subject, term.predicate, term.object))
    if term is None:
        return None
    raise TypeError(f"unexpected Oxigraph term: {term!r}")


class TermCache(dict):
    """pyoxigraph terms to rdflib terms (`cache[term]`; None stays None), each converted once:
    results repeat IRIs, labels and dates."""

    def __missing__(self, term):
        converted = self[term] = from_ox(term)
        return converted


def rows_from_ox(solutions, batch: int = 4096) -> Iterator[tuple]:
    """pyoxigraph solutions as tuples of rdflib terms, evaluated and converted a batch at a time.

    The cyclic garbage collector is paused while a batch is made: each of a result's hundreds of
    thousands of new objects counts towards a collection, and those collections (which find
    nothing, since terms and rows hold no cycles) took a fifth of the time.
    """
    convert = TermCache().__getitem__
    while True:
        with gc_paused():
            rows = [tuple(map(convert, row)) for row in islice(solutions, batch)]
        if not rows:
            return
        yield from rows


def text_rows(solutions, batch: int = 4096) -> Iterator[tuple]:
    """pyoxigraph solutions as tuples of plain strings (an IRI, a literal's lexical form, a blank
    node's id; None where unbound), for readers that only show text: no rdflib term is made."""
    while True:
        with gc_paused():
            rows = [tuple(map(_text, row)) for row in islice(solutions, batch)]
        if not rows:
            return
        yield from rows


def _text(term) -> str | None:
    if term is None:
        return None
    try:
        return term.value
    except AttributeError:  # an RDF-star triple
        return str(term)


@contextmanager
def gc_paused():
    """No cyclic collection in this block (made for blocks that allocate much and briefly)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# plain tuples: how terms cross a process boundary cheaply --------------------------------------
# Pickling an rdflib Literal re-runs its constructor on the other side; a tuple of strings is
# copied in C. A term is (kind, text[, lang_or_datatype]): kind "u" IRI, "b" blank node,
# "l" literal with a language, "s" plain string, "t" typed literal.

def to_plain(term) -> tuple | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ("u", str(term))
    if isinstance(term, Literal):
        if term.language:
            return ("l", str(term), term.language)
        return ("t", str(term), str(term.datatype)) if term.datatype else ("s", str(term))
    if isinstance(term, BNode):
        return ("b", str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_plain(plain: tuple | None):
    if plain is None:
        return None
    kind, text = plain[0], plain[1]
    if kind == "u":
        return _uri(text)
    if kind == "s":
        return _string(text, None)
    if kind == "l":
        return _string(text, plain[2])
    if kind == "t":
        return Literal(text, datatype=_uri(plain[2]))
    if kind == "b":
        return BNode(text)
    raise ValueError(f"not a plain term: {plain!r}")


def encode_rows(rows: list[tuple]) -> tuple[list[tuple], list[tuple[int, ...]]]:
    """Rows of terms as (distinct plain terms, rows of indices into them; -1 for unbound)."""
    index: dict = {}
    table: list[tuple] = []

    def number(term) -> int:
        if term is None:
            return -1
        found = index.get(term)
        if found is None:
            found = index[term] = len(table)
            table.append(to_plain(term))
        return found

    return table, [tuple(map(number, row)) for row in rows]


def decode_rows(table: list[tuple], rows: list[tuple[int, ...]]) -> list[tuple]:
    with gc_paused():
        terms = [from_plain(p) for p in table]
        terms.append(None)  # index -1
        return [tuple(map(terms.__getitem__, row)) for row in rows]


# SELECT results -----------------------------------------------------------------------------

class SelectResult(Result):
    """An rdflib SELECT Result whose rows are made as they are read, then kept.

    Made as read, so a reader that stops early (the runner's row cap, a LIMIT in Python) stops
    the engine too; kept, so it can be read again and counted like rdflib's own. Rows are tuples
    of terms: rdflib's Result builds a dict and a ResultRow (which rebuilds its label map) for
    every row, which costs more than the values.
    """

    def __init__(self, variables: list[str], rows: Iterable[tuple]):
        super().__init__("SELECT")
        self.vars = [Variable(v) for v in variables]
        self._rows: list[tuple] = []
        self._pending: Iterator[tuple] | None = iter(rows)
        self._row_type = type("Row", (ResultRow,), {"labels": {v: i for i, v in enumerate(variables)}})

    def rows(self) -> Iterator[tuple]:
        """Each row as a tuple in `vars` order (None where unbound), read once from the engine."""
        rows, i = self._rows, 0
        while True:
            if i == len(rows):
                if self._pending is None:
                    return
                row = next(self._pending, None)
                if row is None:
                    self._pending = None
                    return
                rows.append(row)
            yield rows[i]
            i += 1

    def _all(self) -> list[tuple]:
        if self._pending is not None:
            self._rows.extend(self._pending)
            self._pending = None
        return self._rows

    @property
    def bindings(self) -> list[dict]:
        if self._bindings is None:
            self._bindings = [{v: t for v, t in zip(self.vars, row, strict=True) if t is not None}
                              for row in self._all()]
        return self._bindings

    @bindings.setter
    def bindings(self, value) -> None:
        raise AttributeError("a SelectResult's rows come from its query")

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self):
        """Rows as ResultRows; like rdflib, a row with no variable bound is skipped."""
        make, row_type, empty = tuple.__new__, self._row_type, (None,) * len(self.vars)
        for row in self.rows():
            if row != empty:
                yield make(row_type, row)
