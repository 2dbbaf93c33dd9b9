"""Binding parameter values into a query's text: a VALUES block placed where the query's own
parser reads it as the first thing of the outermost group, each value written as a SPARQL term."""

from __future__ import annotations

import re
from functools import lru_cache

from rdflib import Literal, URIRef
from rdflib.plugins.sparql.parser import parseQuery

from kg.rdf.namespaces import sparql_prologue
from kg.sparql.safety import QueryRefused, check_query, field_of, tokens

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANG = re.compile(r"[A-Za-z]+(-[A-Za-z0-9]+)*")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _iri_text(iri) -> str:
    if _IRI_FORBIDDEN.search(str(iri)):
        raise QueryRefused(f"not a usable IRI: {str(iri)!r}")
    return f"<{iri}>"


def sparql_term(term) -> str:
    """A term in SPARQL syntax that no value can break out of (escaped, single-line strings)."""
    if isinstance(term, URIRef):
        return _iri_text(term)
    if isinstance(term, Literal):
        text = '"' + "".join(_ESCAPES.get(c, c) for c in str(term)) + '"'
        if term.language:
            if not _LANG.fullmatch(term.language):
                raise QueryRefused(f"not a language tag: {term.language!r}")
            return f"{text}@{term.language}"
        return f"{text}^^{_iri_text(term.datatype)}" if term.datatype else text
    raise QueryRefused(f"parameters must be IRIs or literals, not {term!r}")


def _group_start(text: str) -> int:
    """Offset just after the `{` that opens the query's top-level WHERE group."""
    depth, form, after_where = 0, None, False
    for tok in tokens(text):
        if tok.kind == "word" and depth == 0:
            word = tok.text.upper()
            if form is None and word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                form = word
            elif form and word == "WHERE":
                after_where = True
        elif tok.kind == "punct":
            if tok.text == "{" and depth == 0 and (after_where or form in ("SELECT", "ASK", "DESCRIBE")):
                return tok.start + 1
            depth += 1 if tok.text in "({" else -1
    raise QueryRefused("parameters need a WHERE clause to bind them in, and this query has none")


def _values_block(names: tuple[str, ...], values: list[str]) -> str:
    return f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(values)}) }}\n"


@lru_cache(maxsize=256)
def _insertion_point(text: str, names: tuple[str, ...]) -> int:
    """Where VALUES for these variables go in this text, confirmed once on the parse tree.

    The block is parsed with stand-in values: it must come out as the first element of the
    top-level group, binding exactly these variables, in a query the checker still allows.
    """
    at = _group_start(text)
    probe = text[:at] + _values_block(names, ['""'] * len(names)) + text[at:]
    check_query(probe)
    parts = field_of(field_of(parseQuery(sparql_prologue() + probe)[1], "where"), "part")
    first = parts[0] if parts else None
    if (getattr(first, "name", "") != "InlineData" or tuple(str(v) for v in field_of(first, "var") or []) != names
            or len(field_of(first, "value") or []) != 1):
        raise QueryRefused("the parameters could not be bound in this query")
    return at


def bind_values(text: str, bindings: dict[str, object]) -> str:
    """The query with `VALUES (?a ?b) { (x y) }` first in its top-level WHERE group.

    A VALUES block binds data, not syntax: the group's patterns and filters see the values on
    every engine (rdflib's initBindings and Oxigraph's substitutions differ on that).
    """
    names = tuple(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryRefused(f"not a variable name: {name!r}")
    block = _values_block(names, [sparql_term(bindings[n]) for n in names])
    at = _insertion_point(text, names)
    return text[:at] + block + text[at:]
