"""Query results held as rdflib terms (`kg.sparql.runner.QueryResult`, the explorer's) written for
download: W3C SPARQL 1.1 CSV (https://www.w3.org/TR/sparql11-results-csv-tsv/#csv: values without
syntax, CRLF lines) and plain JSON (a list of objects, one per row, numbers and booleans typed).
The command line makes its table and JSON without terms (`kg.sparql.present`).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, time
from decimal import Decimal

from rdflib import BNode, Literal

from kg.rdf.namespaces import curie
from kg.sparql.runner import QueryResult


def short_iri(term) -> str:
    """An IRI with a project prefix where one fits (id:elon-musk), else in full."""
    return curie(term) or str(term)


def to_csv(result: QueryResult) -> str:
    """W3C SPARQL 1.1 CSV: header of variable names, then plain values (blank when unbound)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.form == "ASK":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
        return out.getvalue()
    writer.writerow(result.vars)
    for row in result.rows:
        writer.writerow(["" if row.get(v) is None else
                         f"_:{row[v]}" if isinstance(row[v], BNode) else str(row[v]) for v in result.vars])
    return out.getvalue()


def _plain(term):
    """A JSON-friendly value: numbers and booleans as such, dates as ISO text, IRIs in full."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, bool | int | float | str):
            return value
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        if isinstance(value, datetime | date | time):
            return str(term)
        return str(term)
    return str(term)


def to_json(result: QueryResult) -> str:
    """A list of objects, one per row (unbound values are null); ASK gives true or false."""
    if result.form == "ASK":
        return json.dumps(bool(result.boolean))
    rows = [{v: _plain(row.get(v)) for v in result.vars} for row in result.rows]
    return json.dumps(rows, ensure_ascii=False, indent=2)
