"""Writing query results: a table for people, and the W3C SPARQL 1.1 results formats for tools.

CSV (https://www.w3.org/TR/sparql11-results-csv-tsv/#csv): values without syntax, CRLF lines.
TSV (same page, #tsv): `?var` headers, values in SPARQL syntax (`<iri>`, `"text"@es`).
JSON (https://www.w3.org/TR/sparql11-results-json/): typed bindings. `json` is simpler: a list
of objects, one per row, with plain values. Graph results (CONSTRUCT, DESCRIBE) are Turtle.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, time
from decimal import Decimal

from rdflib import BNode, Literal, URIRef

from kg.rdf.namespaces import curie
from kg.sparql.runner import QueryResult

FORMATS = ("table", "csv", "tsv", "json", "sparql-json")


def short_iri(term) -> str:
    """An IRI with a project prefix where one fits (id:elon-musk), else in full."""
    return curie(term) or str(term)


def _display(term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return short_iri(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split())  # one line per row, whatever the literal holds


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _footer(result: QueryResult) -> str:
    n = len(result.rows) if result.form == "SELECT" else len(result.graph or ())
    unit = "row" if result.form == "SELECT" else "triple"
    line = f"({n} {unit}{'s' if n != 1 else ''}, {result.elapsed_s:.2f} s)"
    if result.truncated:
        line += f"\nresults cut at {n} {unit}s: raise the cap with --max-rows, or narrow the query"
    return line


def to_table(result: QueryResult, max_width: int = 60) -> str:
    """A plain text table, IRIs as CURIEs, long values clipped; graphs as Turtle."""
    if result.form == "ASK":
        return "true" if result.boolean else "false"
    if result.graph is not None:
        return result.graph.serialize(format="turtle").rstrip() + "\n# " + _footer(result)
    cells = [[_clip(_display(row.get(v)), max_width) for v in result.vars] for row in result.rows]
    widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(result.vars)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.vars, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines + [_footer(result)])


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


def _tsv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t"))
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype is not None:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def to_tsv(result: QueryResult) -> str:
    """W3C SPARQL 1.1 TSV: `?var` headers, values in SPARQL syntax, LF lines."""
    if result.form == "ASK":
        return f"?boolean\n{'true' if result.boolean else 'false'}\n"
    lines = ["\t".join("?" + v for v in result.vars)]
    lines += ["\t".join(_tsv_term(row.get(v)) for v in result.vars) for row in result.rows]
    return "\n".join(lines) + "\n"


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


def _sparql_json_term(term) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def to_sparql_json(result: QueryResult) -> str:
    """W3C SPARQL 1.1 Query Results JSON (unbound variables are left out of a binding)."""
    if result.form == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}, indent=2)
    bindings = [{v: _sparql_json_term(row[v]) for v in result.vars if row.get(v) is not None}
                for row in result.rows]
    return json.dumps({"head": {"vars": result.vars}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=2)


WRITERS = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json, "sparql-json": to_sparql_json}


def dumps(result: QueryResult, fmt: str = "table") -> str:
    """The result in a format; CONSTRUCT and DESCRIBE results are Turtle whatever the format."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")
    if result.graph is not None and fmt != "table":
        return result.graph.serialize(format="turtle")
    return WRITERS[fmt](result)


def pivot(result: QueryResult, row: str, column: str, cell: str) -> QueryResult:
    """A long result (one row per cell) as a matrix: `row` values down, `column` values across."""
    rows: dict[str, dict] = {}
    columns: list[str] = []
    for r in result.rows:
        key, col = _display(r.get(row)), _display(r.get(column))
        if col not in columns:
            columns.append(col)
        rows.setdefault(key, {row: r.get(row)})[col] = r.get(cell)
    columns.sort(key=str.casefold)
    return QueryResult("SELECT", [row, *columns], list(rows.values()), truncated=result.truncated,
                       elapsed_s=result.elapsed_s)
