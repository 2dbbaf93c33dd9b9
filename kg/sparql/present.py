"""A SELECT's answer as people and scripts read it on the command line: a text table (a matrix for a
query that declares a pivot) or a plain JSON list of objects.

Read from the TSV its worker wrote (`kg.sparql.answers.stream_answer`), with Oxigraph's own parser:
no value becomes an rdflib term. Each distinct term is shown (or made a JSON value) once per answer;
answers repeat IRIs, labels and dates.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from itertools import islice

import pyoxigraph as ox

from kg.rdf.fastterms import gc_paused
from kg.rdf.namespaces import curie

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = frozenset(
    XSD + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)
FLOATS = frozenset((XSD + "double", XSD + "float"))
WIDTH = 60  # characters a table's cell shows at most


def read_tsv(body: bytes, batch: int = 4096) -> tuple[list[str], list[tuple]]:
    """The variables and rows (tuples of pyoxigraph terms, None where unbound) of a SPARQL TSV answer."""
    solutions = ox.parse_query_results(body, format=ox.QueryResultsFormat.TSV)
    names = [v.value for v in solutions.variables]
    empty = (None,) * len(names)
    rows: list[tuple] = []
    while True:
        with gc_paused():  # the rows hold no cycles: collecting while they are made finds nothing
            part = list(map(tuple, islice(solutions, batch)))
        if not part:
            return names, rows
        rows += [row for row in part if row != empty]  # as rdflib reads TSV: a row of no value is none


class Shown(dict):
    """pyoxigraph terms as one line of text (`shown[term]`): IRIs as CURIEs where a project prefix
    fits, blank nodes as `_:id`, literals' text with runs of white space made one space."""

    def __missing__(self, term) -> str:
        kind = type(term)
        if kind is ox.NamedNode:
            text = curie(term.value) or term.value
        elif kind is ox.BlankNode:
            text = f"_:{term.value}"
        elif term is None:
            text = ""
        else:
            text = " ".join(term.value.split())  # one line per row, whatever the literal holds
        self[term] = text
        return text


def _number(value: str, datatype: str):
    try:
        if datatype in INTEGERS:
            return int(value)
        if datatype in FLOATS:
            return float(value)
        number = Decimal(value)
    except (ValueError, InvalidOperation):
        return value  # ill-typed: its text, as written
    return int(number) if number == number.to_integral_value() else float(number)


class Plain(dict):
    """pyoxigraph terms as JSON values (`plain[term]`): numbers and booleans as such, IRIs in full,
    everything else (dates too) as its text."""

    def __missing__(self, term):
        if type(term) is ox.Literal and not term.language:
            datatype = term.datatype.value
            if datatype in INTEGERS or datatype in FLOATS or datatype == XSD + "decimal":
                value = _number(term.value, datatype)
            elif datatype == XSD + "boolean":
                value = {"true": True, "1": True, "false": False, "0": False}.get(term.value, term.value)
            else:
                value = term.value
        else:
            value = None if term is None else term.value
        self[term] = value
        return value


def to_json(names: list[str], rows: list[tuple]) -> str:
    """A list of objects, one per row; unbound values are null."""
    plain = Plain()
    return json.dumps(
        [{n: plain[t] for n, t in zip(names, row, strict=True)} for row in rows], ensure_ascii=False, indent=2
    )


def shown_rows(rows: list[tuple]) -> list[list[str]]:
    shown = Shown()
    return [[shown[t] for t in row] for row in rows]


def pivot(names: list[str], cells: list[list[str]], row: str, column: str, cell: str):
    """Shown rows, one per cell, as a matrix: `row` values down, `column` values across (sorted)."""
    at_row, at_column, at_cell = names.index(row), names.index(column), names.index(cell)
    matrix: dict[str, dict[str, str]] = {}
    columns: dict[str, None] = {}
    for values in cells:
        columns.setdefault(values[at_column])
        matrix.setdefault(values[at_row], {})[values[at_column]] = values[at_cell]
    across = sorted(columns, key=str.casefold)
    return [row, *across], [[key, *(found.get(c, "") for c in across)] for key, found in matrix.items()]


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def footer(count: int, unit: str, elapsed_s: float, cut_at: int | None) -> list[str]:
    """How many rows (or triples) and how long; and, when the cap cut the answer, that it did."""
    lines = [f"({count} {unit}{'s' if count != 1 else ''}, {elapsed_s:.2f} s)"]
    if cut_at is not None:
        lines.append(f"results cut at {cut_at} {unit}s: raise the cap with --max-rows, or narrow the query")
    return lines


def to_table(names: list[str], cells: list[list[str]], width: int = WIDTH) -> list[str]:
    """Lines of a plain text table: a header, a rule, one line per row, long values clipped."""
    clipped = [[_clip(c, width) for c in row] for row in cells]
    widths = [max([len(n)] + [len(r[i]) for r in clipped]) for i, n in enumerate(names)]
    lines = [
        "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in clipped]
    return lines


def to_text(answer, fmt: str, matrix: tuple[str, str, str] | None = None, cap: int | None = None) -> str:
    """A SELECT or ASK answer streamed as TSV (`kg.sparql.answers.Streamed`), read whole, as a table
    (`fmt` "table"; a matrix when `matrix` names its row, column and cell variables) or plain JSON;
    ASK as true or false. `cap` is the row cap, named in the table's footer when it cut the answer."""
    body = b"".join(answer)  # the whole answer: a table's widths need every row
    if answer.form == "ASK":
        return "true" if answer.boolean else "false"
    names, rows = read_tsv(body)
    if fmt == "json":
        return to_json(names, rows)
    cells = shown_rows(rows)
    if matrix:
        names, cells = pivot(names, cells, *matrix)
    lines = to_table(names, cells) + footer(len(cells), "row", answer.elapsed_s, cap if answer.truncated else None)
    return "\n".join(lines)
