"""Named queries and people's own, run with the safety limits and shaped as tables."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from kg.explore.base import entities, id_param
from kg.explore.sources import sources
from kg.sparql import results
from kg.sparql.library import load_queries
from kg.sparql.runner import STATEMENT_KINDS, run_named, run_query


@dataclass(frozen=True)
class QueryParam:
    name: str
    kind: str
    description: str
    required: bool
    default: str


@dataclass(frozen=True)
class QueryInfo:
    name: str
    title: str
    description: str
    params: tuple[QueryParam, ...]
    text: str


@dataclass(frozen=True)
class Table:
    """A query's answer ready to show and download."""

    form: str  # SELECT, ASK, CONSTRUCT, DESCRIBE
    columns: list[str]
    rows: list[dict[str, str]]  # IRIs as CURIEs (id:elon-musk)
    boolean: bool | None
    turtle: str  # CONSTRUCT and DESCRIBE answers
    truncated: bool
    elapsed_s: float
    csv: str
    json: str


def named_queries(*, include_explorer: bool = False) -> list[QueryInfo]:
    """The library's named queries (the explorer's own internal ones left out unless asked)."""
    out = []
    for q in load_queries().values():
        if q.name.startswith("explorer-") and not include_explorer:
            continue
        params = tuple(QueryParam(p.name, p.kind, p.description, p.required, p.default or "") for p in q.params)
        out.append(QueryInfo(q.name, q.title, q.description, params, q.text))
    return out


def param_choices(store, kind: str, lang: str = "en") -> list[tuple[str, str]]:
    """(value, label) pairs to pick a parameter of this kind from; empty for free text."""
    if kind == "kind":
        return [(k, k) for k in STATEMENT_KINDS if k != "plan/prediction"]
    if kind == "statement":
        seen = {}
        for doc in sources(store, lang):
            for p in doc.passages:
                seen.setdefault(id_param(p.statement), f"{p.ident} · {p.claim}")
        return sorted(seen.items(), key=lambda kv: kv[0])
    wanted = {"actor": ("person", "organisation"), "topic": ("topic",)}.get(kind)
    return [(id_param(e.id), e.label) for e in entities(store, lang) if wanted is None or e.kind in wanted]


def _table(result) -> Table:
    def shown(term) -> str:
        return "" if term is None else results.short_iri(term) if isinstance(term, URIRef) else str(term)

    rows = [{v: shown(row.get(v)) for v in result.vars} for row in result.rows]
    turtle = result.graph.serialize(format="turtle") if result.graph is not None else ""
    csv_text = "" if result.graph is not None else results.to_csv(result)
    json_text = "" if result.graph is not None else results.to_json(result)
    return Table(result.form, list(result.vars), rows, result.boolean, turtle, result.truncated,
                 result.elapsed_s, csv_text, json_text)


def run_named_table(store, name: str, params: dict[str, str]) -> Table:
    """Run a named query with the safety limits; raise kg.sparql.safety.QueryRefused with a reason."""
    return _table(run_named(store, name, {k: v for k, v in params.items() if v}))


def run_sparql(store, text: str) -> Table:
    """Run someone's own query: checked first (read-only, this graph only), time-limited, capped."""
    return _table(run_query(store, text))
