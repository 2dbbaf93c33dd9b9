"""Running a query safely: checked first, bound by VALUES, cut off at a time limit and a row cap.

A query's text is screened here (`kg.sparql.safety.screen`: size, codepoint escapes, the word SERVICE),
then sent to a worker (`kg.sparql.pool`), which parses, checks and evaluates it under the deadline, cut
off from the network, and writes the answer with Oxigraph. Oxigraph cannot be interrupted from
Python, so a query past its deadline is stopped by killing its worker.
"""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.curation.suggestions import did_you_mean
from kg.rdf import vocab
from kg.rdf.fastterms import TermCache, rows_from_ox
from kg.rdf.namespaces import ASK, bind_prefixes, curie, sparql_prologue
from kg.sparql.binding import bind_values, sparql_term
from kg.sparql.evaluate import Engine, answer_request
from kg.sparql.library import NamedQuery, Param, load_queries
from kg.sparql.pool import pool_for
from kg.sparql.process import PoolBusy, PoolError, WorkerDied, WorkerMemory, WorkerTimeout
from kg.sparql.safety import MAX_QUERY_BYTES, QueryRefused, screen, screen_escapes
from ontology.terms import PREFIXES


class QueryTimeout(QueryRefused):
    """The query ran past its time limit and was stopped."""


class QueryFailed(QueryRefused):
    """The engine could not evaluate an allowed query (its message is passed on)."""


class QueryBusy(QueryRefused):
    """No worker came free in time: the caller may try again."""


@dataclass(frozen=True)
class Limits:
    """How long a query may run (None: no limit, run in this trusted process), how many rows it may
    return (None: all) and how long its text may be."""

    timeout_s: float | None = 10.0
    max_rows: int | None = 10_000
    max_query_bytes: int = MAX_QUERY_BYTES


@dataclass
class QueryResult:
    form: str  # "SELECT" | "ASK" | "CONSTRUCT" | "DESCRIBE"
    vars: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # variable -> rdflib term, or None when unbound
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False  # more rows (or triples) existed than the row cap let through
    elapsed_s: float = 0.0
    notes: list[str] = field(default_factory=list)  # how a parameter's partial name was read


UNCAPPED = 2**62  # max_rows=None


# evaluation ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    """A query's answer as a worker wrote it: bytes in the asked format, and what they hold."""

    form: str
    vars: list[str]
    body: bytes
    format: str  # a key of kg.sparql.evaluate.TABLE_FORMATS (SELECT, ASK) or GRAPH_FORMATS (CONSTRUCT, DESCRIBE)
    boolean: bool | None
    truncated: bool
    rows: int | None  # rows or triples written; None where only their bound is known (JSON under the cap)
    elapsed_s: float


def engine_of(store) -> Engine:
    """The store itself as an engine, for evaluation in this process (`Limits(timeout_s=None)`)."""
    if hasattr(store, "query_url"):
        return Engine("remote", remote=store)
    if hasattr(store, "native"):
        return Engine("oxigraph", native=store.native)
    return Engine("rdflib", dataset=store.dataset)


def _ask_pool(store, request: dict, limits: Limits) -> tuple[dict, bytes]:
    try:
        return pool_for(store).run(request, limits.timeout_s)
    except WorkerTimeout:
        raise QueryTimeout(f"the query ran past its time limit of {limits.timeout_s:g} s and was stopped "
                           "(raise it with --timeout, or narrow the query)") from None
    except WorkerMemory:
        raise QueryFailed(f"the query needed more than the {pool_for(store).settings.max_memory_mb:,} MB of "
                          "memory a query may use and was stopped (narrow the query)") from None
    except WorkerDied as exc:
        raise QueryFailed(f"the query engine stopped unexpectedly (exit code {exc.args[0]})") from None
    except PoolBusy as exc:
        raise QueryBusy(f"the server is busy ({exc}); try again in a few seconds") from None
    except PoolError as exc:
        raise QueryFailed(str(exc)) from None


def run_answer(store, text: str, *, table: str = "json", graph: str = "turtle", limits: Limits = Limits(),
               bindings: dict | None = None) -> Answer:
    """Screen, bind, check and run a query in a worker; its answer serialised by the worker.

    `table` is the format for SELECT and ASK (json, xml, csv, tsv), `graph` for CONSTRUCT and
    DESCRIBE (turtle, nt, xml, json-ld). Raises QueryRefused (or a subclass) with the reason.
    """
    started = time.perf_counter()
    screen(text, limits.max_query_bytes)
    if bindings:
        text = bind_values(text, bindings)
        screen_escapes(text)  # values are data, but an escape in one would be read twice
    request = {"text": text, "table": table, "graph": graph,
               "max_rows": limits.max_rows if limits.max_rows is not None else UNCAPPED}
    if limits.timeout_s is None:
        header, body = answer_request(engine_of(store), request)
    else:
        header, body = _ask_pool(store, request, limits)
    if not header.get("ok"):
        error = QueryRefused if header.get("kind") == "refused" else QueryFailed
        raise error(header.get("message") or "the query failed")
    return Answer(header["form"], header["vars"], body, header["format"], header["boolean"], header["truncated"],
                  header["rows"], time.perf_counter() - started)


def to_result(answer: Answer) -> QueryResult:
    """A worker's answer (TSV rows or N-Triples) as rdflib terms."""
    result = QueryResult(answer.form, list(answer.vars), boolean=answer.boolean, truncated=answer.truncated,
                         elapsed_s=answer.elapsed_s)
    if answer.form in ("CONSTRUCT", "DESCRIBE"):
        convert = TermCache().__getitem__
        result.graph = bind_prefixes(Graph())
        result.graph += ((convert(t.subject), convert(t.predicate), convert(t.object))
                         for t in ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES))
    elif answer.form == "SELECT":
        solutions = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.TSV)
        names = [v.value for v in solutions.variables]
        empty = (None,) * len(names)
        result.rows = [dict(zip(names, row, strict=True)) for row in rows_from_ox(solutions) if row != empty]
    return result


def run_query(store, text: str, *, limits: Limits = Limits(), bindings: dict | None = None) -> QueryResult:
    """Check, bind and run a query in a worker; raise QueryRefused (or a subclass) with a reason."""
    return to_result(run_answer(store, text, table="tsv", graph="nt", limits=limits, bindings=bindings))


# named queries and their parameters ---------------------------------------------------------

KIND_CLASSES = {"actor": ASK.Actor, "topic": ASK.Topic, "statement": ASK.Claim}
STATEMENT_KINDS = {**vocab.STATEMENT_KINDS, "plan/prediction": ASK.PlanOrPrediction}


def _fold(text: str) -> str:
    """Lower case without accents, so `Inteligencia` finds `inteligencia` and `clúster` `cluster`."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


_KIND_LABELS = {_fold(label): iri for label, iri in vocab.CLAIM_KIND_LABELS.items()}


def partial_match_note(store, value: str, kind: str, term) -> str | None:
    """Which entity a partial name (`Larry`) was read as; None for an IRI, a CURIE, a whole name or id."""
    if kind in ("text", "kind") or not isinstance(term, URIRef) or _expand(value) is not None:
        return None
    names = {str(o) for prop in _name_properties(kind) for o in store.dataset.objects(term, prop)}
    if _fold(value.strip()) in {_fold(n) for n in names} | {str(term)[len(PREFIXES["id"]):]}:
        return None
    label = next((str(o) for o in store.dataset.objects(term, RDFS.label) if o.language == "en"), _curie(term))
    return f"'{value}' read as {_curie(term)} ({label}), the only {kind} whose name contains it"


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
    return curie(iri) or f"<{iri}>"


def resolve_entity(store, value: str, kind: str):
    """A parameter's value as an RDF term: labels (en or es, any case), CURIEs and IRIs all work."""
    if kind == "text":
        if not value.strip():
            raise QueryRefused("the text to look for is empty")
        return Literal(value)
    if kind == "kind":
        key = _fold(value.strip())
        iri = _expand(value)
        if key in STATEMENT_KINDS:
            return STATEMENT_KINDS[key]
        if key in _KIND_LABELS:  # the kind's label as the query prints it, in English or Spanish
            return _KIND_LABELS[key]
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
    names = [name for node, labels in candidates.items() for name in (*labels, _curie(node))]
    hint = did_you_mean(value, names, n=5, key=_fold)
    return f"; {hint}" if hint else ""


def named_query(name: str) -> NamedQuery:
    """The library's query of that name, or QueryRefused with the closest names."""
    library = load_queries()
    if name not in library:
        hint = did_you_mean(name, library, n=3, cutoff=0.4)
        raise QueryRefused(f"no named query '{name}'{'; ' + hint if hint else ''}. `stancekg queries` lists them.")
    return library[name]


def bind_params(store, query: NamedQuery, params: dict[str, str], notes: list | None = None) -> dict[str, object]:
    """The named query's parameters resolved to terms (defaults filled in, unknown keys refused);
    `notes` receives a sentence for each partial name saying which entity it was read as."""
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
        note = partial_match_note(store, value, p.kind, bound[p.name])
        if note and notes is not None:
            notes.append(note)
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
    notes: list[str] = []
    result = run_query(store, query.text, limits=limits, bindings=bind_params(store, query, params or {}, notes))
    result.notes = notes
    return result


def answer_named(store, name: str, params: dict[str, str] | None = None, *, table: str = "json",
                 graph: str = "turtle", limits: Limits = Limits()) -> Answer:
    """A library query's answer serialised by its worker (see `run_answer`)."""
    query = named_query(name)
    return run_answer(store, query.text, table=table, graph=graph, limits=limits,
                      bindings=bind_params(store, query, params or {}))


__all__ = ["Limits", "QueryResult", "QueryRefused", "QueryTimeout", "QueryFailed", "QueryBusy", "Answer",
           "run_query", "run_answer", "to_result", "run_named", "answer_named",
           "named_text", "resolve_entity", "bind_values", "sparql_term", "bind_params", "named_query"]
