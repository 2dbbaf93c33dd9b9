"""Deciding, before anything evaluates it, whether a user's SPARQL may run.

Oxigraph evaluates SERVICE from Rust and rdflib fetches FROM graphs over the network, so no
hook during evaluation can stop them: the query is parsed (rdflib's SPARQL 1.1 parser) and its
parse tree and algebra inspected first. Allowed: SELECT, ASK, CONSTRUCT and DESCRIBE reading the
dataset's own graphs (`https://w3id.org/ai-stance-kg/graph/...`). Refused: updates (INSERT,
DELETE, LOAD...), SERVICE anywhere, FROM, and FROM NAMED or GRAPH on any other IRI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from pyparsing import ParseException, ParseResults
from rdflib import URIRef, Variable
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from kg.rdf.namespaces import GRAPH_BASE, sparql_prologue

FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
         "DescribeQuery": "DESCRIBE"}
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
UPDATE_NAMES = {"Load": "LOAD", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA",
                "DeleteWhere": "DELETE WHERE", "Modify": "INSERT/DELETE ... WHERE", "Clear": "CLEAR",
                "Drop": "DROP", "Create": "CREATE", "Add": "ADD", "Move": "MOVE", "Copy": "COPY"}
ALLOWED = "only SELECT, ASK, CONSTRUCT and DESCRIBE queries may run"

# SPARQL's lexical tokens, enough to tell keywords from text inside strings, IRIs and comments.
_TOKEN = re.compile(r"""
    (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u00c0-\uffff]+)
  | (?P<word>[A-Za-z_\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*(?::[\w.\-:%\u00b7\u00c0-\uffff]*)?|:[\w.\-:%]*)
  | (?P<punct>[{}()])
""", re.VERBOSE)


class QueryRefused(ValueError):
    """A query that may not run here; the message says why and what to do instead."""


@dataclass(frozen=True)
class Token:
    kind: str  # comment, string, iri, var, word, punct
    text: str
    start: int


@dataclass(frozen=True)
class ParsedQueryInfo:
    """What the checker learnt about an allowed query."""

    form: str  # SELECT | ASK | CONSTRUCT | DESCRIBE
    variables: tuple[str, ...] = ()  # SELECT's columns, in order
    graphs: frozenset[URIRef] = frozenset()  # named graphs it reads by IRI (FROM NAMED, GRAPH)
    from_named: frozenset[URIRef] = frozenset()  # those named by FROM NAMED
    open_ended: bool = False  # a SELECT with no LIMIT, OFFSET or trailing VALUES: `LIMIT n` may follow it
    limit: int | None = None  # a SELECT's own LIMIT


def field_of(node, key: str):
    """A parse-tree node's field, or None (CompValue.get returns the key itself when missing)."""
    return node[key] if isinstance(node, dict) and key in node else None


def tokens(text: str) -> Iterator[Token]:
    """The text's tokens that matter for structure; anything else (operators, numbers) is skipped."""
    for m in _TOKEN.finditer(text):
        yield Token(m.lastgroup, m.group(), m.start())


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _where(text: str, line: int, col: int, message: str) -> str:
    lines = text.splitlines() or [""]
    shown = lines[line - 1] if 0 < line <= len(lines) else ""
    return f"syntax error at line {line}, column {col}: {message}\n    {shown}\n    {' ' * (col - 1)}^"


def _syntax_error(user_text: str, offset_lines: int, exc: ParseException) -> QueryRefused:
    message = str(exc.msg)
    if "Query" in message:  # "Expected SelectQuery": the grammar rule names mean nothing to users
        message = "the query cannot be read from here on"
    line, col = exc.lineno - offset_lines, exc.col
    if line < 1:  # the parser gave up inside our prologue: point at the user's first line
        line, col = 1, 1
    return QueryRefused(_where(user_text, line, col, message))


def _nodes(node) -> Iterator[CompValue]:
    """Every CompValue in a parse tree or algebra, however deeply nested (EXISTS, subqueries)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, CompValue):
            yield n
            stack.extend(n.values())
        elif isinstance(n, (list, tuple, set, ParseResults)):
            stack.extend(n)
        elif isinstance(n, dict):
            stack.extend(n.values())


def _is_update(text: str) -> str | None:
    """The update operation a text holds, if it parses as an update or starts like one."""
    try:
        request = parseUpdate(text)
        ops = [UPDATE_NAMES.get(op.name, op.name) for op in field_of(request, "request") or []
               if isinstance(op, CompValue)]
        return ", ".join(sorted(set(ops))) or "an update"
    except ParseException:
        pass
    for tok in tokens(text):
        if tok.kind == "word" and tok.text.upper() in ("PREFIX", "BASE"):
            continue
        if tok.kind == "word" and tok.text.upper() in UPDATE_WORDS:
            return tok.text.upper()
        if tok.kind not in ("comment", "iri") and not tok.text.endswith(":"):
            return None
    return None


def _own_graph(term) -> bool:
    return isinstance(term, Variable) or (isinstance(term, URIRef) and str(term).startswith(GRAPH_BASE))


MAX_QUERY_BYTES = 100_000
_CODEPOINT_ESCAPE = re.compile(r"\\[uU]")
_SERVICE = re.compile(r"service", re.IGNORECASE)


def screen(text: str, max_bytes: int = MAX_QUERY_BYTES) -> None:
    """Refuse, without parsing, what no parser may be trusted to read the same way as the engine.

    rdflib expands `\\u` escapes over the whole text before parsing while Oxigraph reads them only
    inside strings and IRIs, so a query could look harmless to one and call out through the other.
    Hence no codepoint escape anywhere, and not the word SERVICE anywhere (strings and comments
    included): a check that needs no parser cannot disagree with one. Runs in the caller, in time
    linear in the text, before the text reaches a worker.
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise QueryRefused(f"the query is {size:,} bytes long; queries may be at most {max_bytes:,} bytes")
    if "\x00" in text:
        raise QueryRefused("the query contains a NUL character")
    screen_escapes(text)
    found = _SERVICE.search(text)
    if found:
        line, col = position(text, found.start())
        raise QueryRefused(f"SERVICE is not allowed: queries may read only this graph, never another endpoint; "
                           f"the word may not appear anywhere in a query, not even in a string or comment "
                           f"(line {line}, column {col}).")


def screen_escapes(text: str) -> None:
    found = _CODEPOINT_ESCAPE.search(text)
    if found:
        line, col = position(text, found.start())
        raise QueryRefused(f"codepoint escapes (\\u, \\U) are not allowed (line {line}, column {col}): parsers "
                           "disagree on them. Write the character itself (queries are UTF-8).")


@lru_cache(maxsize=512)
def check_query(text: str, *, prologue: bool = True) -> ParsedQueryInfo:
    """Parse a user's query and refuse it unless it is a read-only query of our own graphs.

    With `prologue` the project's prefixes are declared first (users need not declare them);
    line numbers in messages are the user's own.
    """
    head = sparql_prologue() if prologue else ""
    full = head + text
    try:
        return _check(text, head, full)
    except QueryRefused:
        raise
    except RecursionError:
        raise QueryRefused("the query is nested too deeply to be read (simplify its nesting of {}, () "
                           "or lists)") from None
    except Exception as exc:  # noqa: BLE001 - rdflib raises bare errors (ValueError, KeyError) on odd input
        raise QueryRefused(f"the query cannot be read: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}") \
            from None


def _check(text: str, head: str, full: str) -> ParsedQueryInfo:
    if any(t.kind == "word" and t.text.upper() == "SERVICE" for t in tokens(full)):
        # also caught in the parse tree below; this guards against the two parsers ever differing
        raise QueryRefused("SERVICE is not allowed: queries may read only this graph, never another endpoint.")
    try:
        parsed = parseQuery(full)
    except ParseException as exc:
        update = _is_update(full)
        if update:
            raise QueryRefused(f"updates are not allowed ({update}): {ALLOWED}, and nothing may "
                               "change or load data.") from None
        raise _syntax_error(text, head.count("\n"), exc) from None
    query = parsed[1]
    if any(n.name == "ServiceGraphPattern" for n in _nodes(parsed)):
        raise QueryRefused("SERVICE is not allowed: queries may read only this graph, never another endpoint.")
    try:
        algebra = translateQuery(parsed).algebra
    except Exception as exc:  # noqa: BLE001 - rdflib raises bare Exceptions for e.g. unknown prefixes
        raise _translation_error(text, exc) from None
    graphs, from_named = set(), set()
    for clause in field_of(algebra, "datasetClause") or []:
        if field_of(clause, "default") is not None:
            raise QueryRefused(
                f"FROM <{clause.default}> is not allowed: the default graph is always the union of "
                "this dataset's graphs. To read one graph, write GRAPH <"
                f"{GRAPH_BASE}registry> {{ ... }} (see the graph names in docs/vocabulary.md).")
        from_named.add(clause.named)
    graphs |= from_named
    for node in _nodes(algebra):
        if node.name == "ServiceGraphPattern":
            raise QueryRefused("SERVICE is not allowed: queries may read only this graph, never another endpoint.")
        if node.name in ("Graph", "GraphGraphPattern") and not isinstance(field_of(node, "term"), Variable):
            graphs.add(field_of(node, "term"))
    for graph in graphs:
        if not _own_graph(graph):
            raise QueryRefused(f"the graph <{graph}> is not one of this dataset's graphs: FROM NAMED and "
                               f"GRAPH may name only graphs under <{GRAPH_BASE}>.")
    form = FORMS[query.name]
    variables = tuple(_projection(query, text)) if form == "SELECT" else ()
    slicing = field_of(query, "limitoffset")
    open_ended = form == "SELECT" and slicing is None and field_of(query, "valuesClause") is None
    limit = int(field_of(slicing, "limit")) if field_of(slicing, "limit") is not None else None
    return ParsedQueryInfo(form, variables, frozenset(graphs), frozenset(from_named), open_ended, limit)


def _projection(query: CompValue, text: str) -> list[str]:
    """SELECT's columns in order; for SELECT * in the order the query first names them."""
    projection = field_of(query, "projection")
    if projection is not None:
        return [str(field_of(p, "var") or field_of(p, "evar")) for p in projection]
    names = []
    for tok in tokens(text):
        if tok.kind == "var" and tok.text[1:] not in names:
            names.append(tok.text[1:])
    return names


def _translation_error(text: str, exc: Exception) -> QueryRefused:
    message = str(exc)
    m = re.match(r"Unknown namespace prefix : (\S*)", message)
    if m:
        for tok in tokens(text):
            if tok.kind == "word" and tok.text.startswith(m.group(1) + ":"):
                line, col = position(text, tok.start)
                return QueryRefused(_where(text, line, col, f"unknown prefix '{m.group(1)}:' (declare it "
                                                            "with PREFIX, or use one of the project's)"))
        return QueryRefused(f"unknown prefix '{m.group(1)}:'")
    return QueryRefused(f"the query cannot be understood: {message}")
