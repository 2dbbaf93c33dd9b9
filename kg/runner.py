"""Running a query safely: checked first, bound by VALUES, cut off at a time limit and a row cap.

Oxigraph evaluates in Rust and cannot be interrupted from Python (pyoxigraph has no timeout),
so evaluation happens in a forked child process that inherits the store copy-on-write and sends
its rows back through a pipe; at the deadline the child is killed. Forking costs a few
milliseconds. Where `fork` is unavailable the query runs in a thread that is abandoned, still
running, at the deadline.
"""

from __future__ import annotations

import difflib
import gc
import multiprocessing
import re
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.plugins.sparql.parser import parseQuery

from kg import vocab
from kg.namespaces import ASK, bind_prefixes, sparql_prologue
from kg.querylib import NamedQuery, Param, load_queries
from kg.safety import ParsedQueryInfo, QueryRefused, check_query, field_of, tokens
from kg.terms import decode_rows, encode_rows
from ontology.terms import PREFIXES


class QueryTimeout(QueryRefused):
    """The query ran past its time limit and was stopped."""


class QueryFailed(QueryRefused):
    """The engine could not evaluate an allowed query (its message is passed on)."""


@dataclass(frozen=True)
class Limits:
    """How long a query may run (None: no limit, run in this process) and how many rows it may return."""

    timeout_s: float | None = 10.0
    max_rows: int = 10_000


@dataclass
class QueryResult:
    form: str  # "SELECT" | "ASK" | "CONSTRUCT" | "DESCRIBE"
    vars: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # variable -> rdflib term, or None when unbound
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False  # more rows (or triples) existed than the row cap let through
    elapsed_s: float = 0.0


# binding parameters -------------------------------------------------------------------------

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


# evaluation ---------------------------------------------------------------------------------

def _evaluate(store, text: str, max_rows: int) -> tuple:
    """Evaluate and return a picklable payload: ("ok", form, vars, rows|triples, boolean, truncated)."""
    try:
        result = store.query(text)
        if result.type == "ASK":
            return ("ok", "ASK", [], [], bool(result.askAnswer), False)
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            triples, truncated = [], False
            for triple in result.graph:
                if len(triples) == max_rows:
                    truncated = True
                    break
                triples.append(triple)
            return ("ok", result.type, [], triples, None, truncated)
        names = [str(v) for v in result.vars]
        rows, truncated = [], False
        for row in result:
            if len(rows) == max_rows:
                truncated = True
                break
            rows.append(tuple(row))
        return ("ok", "SELECT", names, rows, None, truncated)
    except Exception as exc:  # noqa: BLE001 - any engine error becomes a message for the user
        return ("error", f"{type(exc).__name__}: {exc}")


def _child(conn, store, text, max_rows) -> None:
    gc.disable()  # a collection would touch every inherited object and copy the parent's whole heap
    try:
        payload = _evaluate(store, text, max_rows)
        if payload[0] == "ok":  # terms as plain tuples: unpickling an rdflib Literal re-parses it
            payload = (*payload[:3], encode_rows(payload[3]), *payload[4:])
        conn.send(payload)
    finally:
        conn.close()


def _run_forked(store, text: str, limits: Limits) -> tuple:
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(sender, store, text, limits.max_rows), daemon=True)
    proc.start()
    sender.close()
    try:
        if not receiver.poll(limits.timeout_s):
            proc.kill()
            raise QueryTimeout(f"the query ran past its time limit of {limits.timeout_s:g} s and was "
                               "stopped (raise it with --timeout, or narrow the query)")
        try:
            payload = receiver.recv()
        except EOFError:
            proc.join(1)
            raise QueryFailed(f"the query engine stopped unexpectedly (exit code {proc.exitcode})") from None
        return (*payload[:3], decode_rows(*payload[3]), *payload[4:]) if payload[0] == "ok" else payload
    finally:
        receiver.close()
        proc.join(0.5)
        if proc.is_alive():
            proc.kill()
            proc.join()


def _run_threaded(store, text: str, limits: Limits) -> tuple:
    box: list = []
    worker = threading.Thread(target=lambda: box.append(_evaluate(store, text, limits.max_rows)), daemon=True)
    worker.start()
    worker.join(limits.timeout_s)
    if not box:
        raise QueryTimeout(f"the query ran past its time limit of {limits.timeout_s:g} s "
                           "(it could not be stopped on this platform and may still be running)")
    return box[0]


def _missing_graphs(store, info: ParsedQueryInfo) -> list[URIRef]:
    """FROM NAMED graphs the store lacks or holds empty (rdflib would try to fetch them)."""
    return [g for g in sorted(info.from_named)
            if next(iter(store.dataset.quads((None, None, None, g))), None) is None]


def run_query(store, text: str, *, limits: Limits = Limits(), bindings: dict | None = None) -> QueryResult:
    """Check, bind and run a query on a store; raise QueryRefused (or a subclass) with a reason."""
    started = time.perf_counter()
    info = check_query(text)
    full = sparql_prologue() + (bind_values(text, bindings) if bindings else text)
    missing = _missing_graphs(store, info)
    if missing:
        listed = ", ".join(f"<{g}>" for g in missing)
        raise QueryRefused(f"FROM NAMED names a graph this dataset does not hold (or holds empty): {listed}")
    if limits.timeout_s is None:
        payload = _evaluate(store, full, limits.max_rows)
    elif "fork" in multiprocessing.get_all_start_methods():
        payload = _run_forked(store, full, limits)
    else:
        payload = _run_threaded(store, full, limits)
    if payload[0] == "error":
        raise QueryFailed(f"the query could not be evaluated: {payload[1]}")
    _, form, names, data, boolean, truncated = payload
    if form in ("CONSTRUCT", "DESCRIBE"):
        form = info.form  # oxrdflib reports DESCRIBE results as CONSTRUCT
    result = QueryResult(form, names, boolean=boolean, truncated=truncated)
    if form in ("CONSTRUCT", "DESCRIBE"):
        result.graph = bind_prefixes(Graph())
        for triple in data:
            result.graph.add(triple)
    elif form == "SELECT":
        result.rows = [dict(zip(names, row, strict=True)) for row in data]
        # engines order SELECT * columns as they like; show them as the query first names them
        order = info.variables
        result.vars = sorted(names, key=lambda v: order.index(v) if v in order else len(order))
    result.elapsed_s = time.perf_counter() - started
    return result


# named queries and their parameters ---------------------------------------------------------

KIND_CLASSES = {"actor": ASK.Actor, "topic": ASK.Topic, "statement": ASK.Statement}
STATEMENT_KINDS = {**vocab.STATEMENT_KINDS, "plan/prediction": ASK.PlanOrPrediction}


def _fold(text: str) -> str:
    """Lower case without accents, so `Inteligencia` finds `inteligencia` and `clúster` `cluster`."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def _expand(value: str) -> URIRef | None:
    """A full IRI (bare or in <>) or a CURIE with a project prefix, as an IRI."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if re.match(r"^https?://", text):
        return URIRef(text)
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and " " not in local:
        return URIRef(PREFIXES[prefix] + local)
    return None


def _candidates(store, kind: str) -> dict[URIRef, set[str]]:
    """Each entity of a kind with the names it can be called by (labels in any language, ids)."""
    ds = store.dataset  # a few whole-predicate scans: cheap locally, few requests to an endpoint
    names: dict[URIRef, set[str]] = {}
    for prop in _name_properties(kind):
        for s, _, o in ds.triples((None, prop, None)):
            if isinstance(s, URIRef) and str(s).startswith(PREFIXES["id"]):
                names.setdefault(s, set()).add(str(o))
    if kind in KIND_CLASSES:
        typed = set(ds.subjects(RDF.type, KIND_CLASSES[kind]))
        names = {n: labels for n, labels in names.items() if n in typed}
    for node, labels in names.items():
        labels.add(str(node)[len(PREFIXES["id"]):])  # its id, as curators write it (elon-musk)
    return names


def _is_candidate(store, iri: URIRef, kind: str) -> bool:
    """Whether `_candidates(store, kind)` would hold this IRI, asked with a few lookups of it alone
    (the whole list is for suggestions: at a million triples it takes a second to make)."""
    ds = store.dataset
    if not str(iri).startswith(PREFIXES["id"]):
        return False
    if kind in KIND_CLASSES and next(iter(ds.triples((iri, RDF.type, KIND_CLASSES[kind]))), None) is None:
        return False
    return any(next(iter(ds.triples((iri, prop, None))), None) is not None for prop in _name_properties(kind))


def _name_properties(kind: str) -> tuple[URIRef, ...]:
    return (RDFS.label, SKOS.prefLabel) + ((DCTERMS.identifier,) if kind == "statement" else ())


def _curie(iri: URIRef) -> str:
    for prefix, ns in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if str(iri).startswith(ns):
            return f"{prefix}:{str(iri)[len(ns):]}"
    return f"<{iri}>"


def resolve_entity(store, value: str, kind: str):
    """A parameter's value as an RDF term: labels (en or es, any case), CURIEs and IRIs all work."""
    if kind == "text":
        if not value.strip():
            raise QueryRefused("the text to look for is empty")
        return Literal(value)
    if kind == "kind":
        key = value.strip().lower()
        iri = _expand(value)
        if key in STATEMENT_KINDS:
            return STATEMENT_KINDS[key]
        if iri in set(STATEMENT_KINDS.values()):
            return iri
        raise QueryRefused(f"unknown statement kind '{value}': use one of {', '.join(STATEMENT_KINDS)}")
    if kind not in (*KIND_CLASSES, "entity"):
        raise QueryRefused(f"unknown parameter kind '{kind}'")
    iri = _expand(value)
    if iri is not None:
        if _is_candidate(store, iri, kind):
            return iri
        raise QueryRefused(f"no {kind} {_curie(iri)} in the graph{_suggest(value, _candidates(store, kind))}")
    candidates = _candidates(store, kind)
    wanted = _fold(value.strip())
    exact = {n for n, labels in candidates.items() if wanted in {_fold(lbl) for lbl in labels}}
    if not exact:
        exact = {n for n, labels in candidates.items() if any(wanted in _fold(lbl) for lbl in labels)}
    if len(exact) == 1:
        return exact.pop()
    if len(exact) > 1:
        found = sorted(_curie(n) for n in exact)
        listed = ", ".join(found[:8]) + (f" and {len(found) - 8} more" if len(found) > 8 else "")
        raise QueryRefused(f"'{value}' matches several: {listed}; give a fuller name, or one of these CURIEs")
    raise QueryRefused(f"no {kind} called '{value}'{_suggest(value, candidates)}")


def _suggest(value: str, candidates: dict[URIRef, set[str]]) -> str:
    names = {}
    for node, labels in candidates.items():
        for label in labels:
            names.setdefault(_fold(label), label)
        names.setdefault(_fold(_curie(node)), _curie(node))
    close = difflib.get_close_matches(_fold(value), list(names), n=5, cutoff=0.5)
    return f"; did you mean: {', '.join(names[c] for c in close)}?" if close else ""


def named_query(name: str) -> NamedQuery:
    """The library's query of that name, or QueryRefused with the closest names."""
    library = load_queries()
    if name not in library:
        close = difflib.get_close_matches(name, list(library), n=3, cutoff=0.4)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        raise QueryRefused(f"no named query '{name}'.{hint} `stancekg queries` lists them.")
    return library[name]


def bind_params(store, query: NamedQuery, params: dict[str, str]) -> dict[str, object]:
    """The named query's parameters resolved to terms (defaults filled in, unknown keys refused)."""
    declared: dict[str, Param] = {p.name: p for p in query.params}
    unknown = sorted(set(params) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise QueryRefused(f"'{query.name}' has no parameter {', '.join(unknown)} (its parameters: {known})")
    bound = {}
    for p in query.params:
        value = params.get(p.name, p.default)
        if value is None or value == "":
            if p.required:
                raise QueryRefused(f"'{query.name}' needs --param {p.name}=... ({p.kind}): {p.description}")
            continue
        bound[p.name] = resolve_entity(store, value, p.kind)
    return bound


def named_text(store, name: str, params: dict[str, str] | None = None) -> str:
    """A library query's full text, prefixes declared and parameters bound, for the library's own
    trusted callers that read the store directly (`Store.select_text`)."""
    query = named_query(name)
    bindings = bind_params(store, query, params or {})
    return sparql_prologue() + (bind_values(query.text, bindings) if bindings else query.text)


def run_named(store, name: str, params: dict[str, str] | None = None, *, limits: Limits = Limits()) -> QueryResult:
    """Run a query from the library by name with its parameters given as text."""
    query = named_query(name)
    return run_query(store, query.text, limits=limits, bindings=bind_params(store, query, params or {}))


__all__ = ["Limits", "QueryResult", "QueryRefused", "QueryTimeout", "QueryFailed", "run_query", "run_named",
           "named_text", "resolve_entity", "bind_values", "sparql_term", "bind_params", "named_query"]
