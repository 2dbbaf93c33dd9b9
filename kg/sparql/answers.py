"""A user's query run in a query worker (`kg.sparql.pool`), its answer received as the worker writes it.

The text is screened here (`kg.sparql.safety.screen`: size, codepoint escapes, the word SERVICE) and
its parameters bound (`kg.sparql.binding`); the worker parses, checks and evaluates it under the
deadline, cut off from the network, and writes the answer with Oxigraph, in chunks passed on as they
come (`Streamed`). Oxigraph cannot be interrupted from Python, so a query past its deadline is
stopped by killing its worker.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

from kg.sparql.binding import bind_values
from kg.sparql.evaluate import UNCAPPED, Engine, answer_request
from kg.sparql.pool import pool_for
from kg.sparql.process import PoolBusy, PoolError, WorkerDied, WorkerMemory, WorkerTimeout
from kg.sparql.safety import MAX_QUERY_BYTES, QueryRefused, screen, screen_escapes


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


def _pool_events(store, request: dict, limits: Limits) -> Iterator[dict | bytes]:
    """The worker's messages, its pool's failures as the runner's errors (at any point of the answer)."""
    try:
        yield from pool_for(store).stream(request, limits.timeout_s)
    except WorkerTimeout:
        raise QueryTimeout(
            f"the query ran past its time limit of {limits.timeout_s:g} s and was stopped "
            "(raise it with --timeout, or narrow the query)"
        ) from None
    except WorkerMemory:
        raise QueryFailed(
            f"the query needed more than the {pool_for(store).settings.max_memory_mb:,} MB of "
            "memory a query may use and was stopped (narrow the query)"
        ) from None
    except WorkerDied as exc:
        raise QueryFailed(f"the query engine stopped unexpectedly (exit code {exc.args[0]})") from None
    except PoolBusy as exc:
        raise QueryBusy(f"the server is busy ({exc}); try again in a few seconds") from None
    except PoolError as exc:
        raise QueryFailed(str(exc)) from None


def _refusal(message: dict) -> QueryRefused:
    error = QueryRefused if message.get("kind") == "refused" else QueryFailed
    return error(message.get("message") or "the query failed")


class Streamed:
    """A query's answer as its worker sends it: what it is (form, variables, format, ASK's answer)
    at once, its bytes by iterating (once), and after that whether it was cut and how many rows it
    held. Iterating raises QueryRefused (or a subclass) should the answer fail half-way."""

    def __init__(self, head: dict, events: Iterator, started: float):
        self.form, self.vars, self.format = head["form"], head["vars"], head["format"]
        self.boolean = head["boolean"]
        self.truncated, self.rows = head.get("truncated", False), None  # a graph's is known at once
        self._events, self._started = events, started
        self.elapsed_s = 0.0

    def __iter__(self) -> Iterator[bytes]:
        for item in self._events:
            if isinstance(item, dict):
                if not item.get("ok"):
                    raise _refusal(item)
                self.truncated, self.rows = item["truncated"], item["rows"]
            else:
                yield item
        self.elapsed_s = time.perf_counter() - self._started

    def close(self) -> None:
        """Stop reading: the worker, mid-answer, is replaced."""
        close = getattr(self._events, "close", None)
        if close is not None:
            close()


def stream_answer(
    store,
    text: str,
    *,
    table: str = "json",
    graph: str = "turtle",
    limits: Limits = Limits(),
    bindings: dict | None = None,
) -> Streamed:
    """Screen, bind, check and run a query in a worker; its answer written by Oxigraph there and
    passed on in chunks as it comes (see `Streamed`).

    `table` is the format for SELECT and ASK (json, xml, csv, tsv), `graph` for CONSTRUCT and
    DESCRIBE (turtle, nt, xml, json-ld). Raises QueryRefused (or a subclass) with the reason.
    """
    started = time.perf_counter()
    screen(text, limits.max_query_bytes)
    if bindings:
        text = bind_values(text, bindings)
        screen_escapes(text)  # values are data, but an escape in one would be read twice
    request = {
        "text": text,
        "table": table,
        "graph": graph,
        "max_rows": limits.max_rows if limits.max_rows is not None else UNCAPPED,
    }
    if limits.timeout_s is None:
        messages: list = []
        answer_request(engine_of(store), request, messages.append)
        events = iter(messages)
    else:
        events = _pool_events(store, request, limits)
    head = next(events)
    if not head.get("ok"):
        for _ in events:  # nothing follows a refusal; reading to the end frees its worker
            pass
        raise _refusal(head)
    return Streamed(head, events, started)


def run_answer(
    store,
    text: str,
    *,
    table: str = "json",
    graph: str = "turtle",
    limits: Limits = Limits(),
    bindings: dict | None = None,
) -> Answer:
    """`stream_answer`'s answer read whole."""
    streamed = stream_answer(store, text, table=table, graph=graph, limits=limits, bindings=bindings)
    body = b"".join(streamed)
    return Answer(
        streamed.form,
        streamed.vars,
        body,
        streamed.format,
        streamed.boolean,
        streamed.truncated,
        streamed.rows,
        streamed.elapsed_s,
    )
