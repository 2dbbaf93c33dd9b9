"""A pool of long-lived query workers (`kg.sparql.worker`), shared by every thread of the process that owns it.

Workers are fresh interpreters started with `subprocess` (never a fork of this process, whose
threads, Streamlit's or a server's or RocksDB's, a fork would copy mid-step). Each holds a
read-only view of a snapshot of the store, taken when the pool starts and again after the store
changes: an N-Quads dump that the worker loads into its own in-memory Oxigraph (or rdflib, for
the `memory` store), or a RocksDB checkpoint of an `oxigraph:DIR` store that it opens read-only.

A query's worker is killed and replaced when the query passes its deadline or grows the worker
by more than its memory allowance; callers wait for a free worker only as long as a query may
run, and no more than `queue_limit` of them wait at once (`PoolBusy`, which the endpoint answers
with 503). Remote (`sparql:`) stores are queried by workers too, but those keep the network,
since the endpoint is on it.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import shutil
import tempfile
import threading
import time
import weakref
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.sparql.process import PoolBusy, PoolError, Worker, rss

log = logging.getLogger(__name__)

WORKERS_ENV = "STANCEKG_WORKERS"
START_TIMEOUT_S = 300.0  # loading a million-triple snapshot takes a few seconds; a slow disk more
SLOW_MEMORY_S = 600.0  # how long a query that ran long is remembered as such
SLOW_MEMORY_SIZE = 10_000
_pools: weakref.WeakSet = weakref.WeakSet()


@dataclass(frozen=True)
class PoolSettings:
    size: int = 0  # 0: $STANCEKG_WORKERS, else the number of cores
    max_memory_mb: int = 1024  # what one query may add to its worker's memory
    queue_limit: int = 64  # callers that may wait for a free worker at once
    long_after_s: float = 1.0  # a query running longer is "long": its worker yields the CPU to others
    burst: int = -1  # extra workers started while long queries hold workers (-1: as many as `size`)

    def workers(self) -> int:
        return self.size or int(os.environ.get(WORKERS_ENV) or 0) or os.cpu_count() or 1

    def extra(self) -> int:
        return self.workers() if self.burst < 0 else self.burst


def _query_key(request: dict) -> str:
    """A query's identity for the slow lane: its text with runs of white space made one."""
    text = " ".join(str(request.get("text", "")).split())
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class QueryPool:
    """Workers for one store; `run` is safe to call from any number of threads."""

    def __init__(self, store, settings: PoolSettings = PoolSettings()):
        self.store, self.settings = store, settings
        self.size = settings.workers()
        self._cond = threading.Condition()
        self._idle: list[Worker] = []
        self._busy: set[Worker] = set()
        self._starting = 0
        self._waiting = 0
        self._start_error: str | None = None
        self._dir = Path(tempfile.mkdtemp(prefix="stancekg-pool-"))
        self._generation = -1
        self._config: dict = {}
        self.isolation: str | None = None  # how the workers are cut off from the network
        self.replaced = 0  # workers killed at a deadline or memory limit, or found dead
        self.slow_lane = max(1, self.size // 2)
        self._slow: dict[str, float] = {}  # query key -> when it last ran long
        self._slow_running = 0
        self.closed = False
        _pools.add(self)

    # snapshots ------------------------------------------------------------------------------
    def _snapshot(self) -> None:
        """Take a snapshot of the store for new workers when the store changed since the last one."""
        generation = getattr(self.store, "generation", 0)
        if generation == self._generation:
            return
        kind = type(self.store).__name__
        target = self._dir / f"snapshot-{generation}"
        if kind == "RemoteStore":
            config = {"engine": "remote", "spec": self.store.spec, "isolate": False}
        elif kind == "OxigraphStore" and self.store.persistent:
            self.store.native.flush()
            self.store.native.backup(str(target))
            config = {"engine": "oxigraph-dir", "path": str(target)}
        elif kind == "OxigraphStore":
            self.store.native.dump(output=str(target), format=ox.RdfFormat.N_QUADS)
            config = {"engine": "oxigraph", "path": str(target)}
        else:
            target.write_bytes(self.store.export("nquads"))
            config = {"engine": "rdflib", "path": str(target)}
        old = self._config.get("path")
        self._config, self._generation = config, generation
        for worker in self._idle:  # workers on the old snapshot end; busy ones end when they return
            worker.kill()
        self._idle.clear()
        if old and Path(old).is_dir():
            shutil.rmtree(old, ignore_errors=True)
        elif old:
            Path(old).unlink(missing_ok=True)

    # workers --------------------------------------------------------------------------------
    def _start_one(self) -> None:
        """Start a worker in the background; it joins the idle list when ready."""
        self._starting += 1
        config, generation = dict(self._config), self._generation
        threading.Thread(target=self._started, args=(config, generation), daemon=True,
                         name="stancekg-worker-start").start()

    def _started(self, config: dict, generation: int) -> None:
        try:
            worker = Worker(config, generation)
            info = worker.wait_ready(START_TIMEOUT_S)
        except (PoolError, OSError) as exc:
            with self._cond:
                self._starting -= 1
                self._start_error = str(exc)
                self._cond.notify_all()
            return
        if self.isolation is None or not info.get("isolated"):
            self.isolation = info.get("isolation")
            if not info.get("isolated") and config.get("isolate", True):
                log.warning("query workers run without network isolation: %s", self.isolation)
        with self._cond:
            self._starting -= 1
            if self.closed or generation != self._generation:
                worker.kill()
            else:
                self._idle.append(worker)
            self._cond.notify_all()

    def warm(self) -> None:
        """Start every worker now rather than when first needed (a server does this at start)."""
        with self._cond:
            self._snapshot()
            while len(self._idle) + len(self._busy) + self._starting < self.size:
                self._start_one()

    def _acquire(self, wait_s: float) -> Worker:
        """A free worker. While workers are starting a caller waits for them (up to START_TIMEOUT_S);
        when every worker is busy with a query it waits at most `wait_s`, then gets PoolBusy."""
        busy_deadline = time.monotonic() + wait_s
        start_deadline = time.monotonic() + START_TIMEOUT_S
        with self._cond:
            if self.closed:
                raise PoolError("the query pool is closed")
            self._snapshot()
            if not self._idle and self._waiting >= self.settings.queue_limit:
                raise PoolBusy(f"{self._waiting} queries are already waiting")
            self._waiting += 1
            try:
                self._start_error = None
                while True:
                    while not self._idle:
                        if len(self._busy) + self._starting < self.size + self._burst_allowed():
                            self._start_one()
                        deadline = start_deadline if self._starting else busy_deadline
                        left = deadline - time.monotonic()
                        if left <= 0:
                            raise PoolBusy(f"all {self.size} query workers stayed busy for {wait_s:g} s")
                        self._cond.wait(left)
                        if self._start_error and not self._idle and not self._starting:
                            raise PoolError(self._start_error)
                    worker = self._idle.pop()
                    if worker.proc.poll() is None:
                        self._busy.add(worker)
                        return worker
                    self.replaced += 1  # it died while idle (killed from outside): start another
                    worker.kill()
            finally:
                self._waiting -= 1

    def _burst_allowed(self) -> int:
        """Extra workers allowed now: one for each worker a long query holds, up to the burst."""
        return min(self.settings.extra(), sum(w.long for w in self._busy))

    def _long_query(self, key: str) -> None:
        with self._cond:
            if len(self._slow) >= SLOW_MEMORY_SIZE:
                self._slow.clear()
            self._slow[key] = time.monotonic()
            self._cond.notify_all()  # waiters may now start a burst worker

    def _release(self, worker: Worker, healthy: bool) -> None:
        restored = worker.restore()
        with self._cond:
            self._busy.discard(worker)
            others = len(self._idle) + len(self._busy) + self._starting
            surplus = others >= self.size + self._burst_allowed()  # a burst worker no long query needs now
            recycle = (not healthy or not restored or self.closed or worker.generation != self._generation or surplus
                       or rss(worker.proc.pid) > worker.baseline + self.settings.max_memory_mb * 2**20)
            if not recycle:
                self._idle.append(worker)
            self._cond.notify_all()
        if recycle:
            worker.kill()
            if not healthy:
                self.replaced += 1
            with self._cond:
                if not self.closed and len(self._idle) + len(self._busy) + self._starting < self.size:
                    self._start_one()  # keep the pool at full strength, ready for the next query

    def run(self, request: dict, timeout_s: float) -> tuple[dict, bytes]:
        """Send one request to a free worker and wait for its answer, at most `timeout_s` seconds.

        A query known to have run long (past `long_after_s`, in the last `SLOW_MEMORY_S`) goes to
        the slow lane: at most `slow_lane` such queries run at once, and one more is refused at
        once (PoolBusy) rather than queued, so that retried runaways cannot take every worker
        from the queries that finish in milliseconds.
        """
        key = _query_key(request)
        slow = self._is_slow(key)
        if slow:
            with self._cond:
                if self._slow_running >= self.slow_lane:
                    raise PoolBusy(f"this query ran long before, and {self._slow_running} such queries are "
                                   "running; it may run when one ends")
                self._slow_running += 1
        try:
            worker = self._acquire(timeout_s)
            healthy = False
            try:
                answer = worker.ask(request, timeout_s, self.settings.max_memory_mb * 2**20,
                                    self.settings.long_after_s, lambda: self._long_query(key))
                healthy = answer[0].get("ok", False) or answer[0].get("kind") != "memory"
                return answer
            finally:
                self._release(worker, healthy)
        finally:
            if slow:
                with self._cond:
                    self._slow_running -= 1

    def _is_slow(self, key: str) -> bool:
        with self._cond:
            seen = self._slow.get(key)
            return seen is not None and time.monotonic() - seen < SLOW_MEMORY_S

    def status(self) -> dict:
        with self._cond:
            return {"workers": self.size, "idle": len(self._idle), "busy": len(self._busy),
                    "long": sum(w.long for w in self._busy), "slow_running": self._slow_running,
                    "starting": self._starting, "waiting": self._waiting, "replaced": self.replaced,
                    "isolation": self.isolation}

    def close(self) -> None:
        with self._cond:
            self.closed = True
            workers = self._idle + list(self._busy)
            self._idle.clear()
            self._cond.notify_all()
        for worker in workers:
            worker.kill()
        shutil.rmtree(self._dir, ignore_errors=True)


_lock = threading.Lock()


def pool_for(store, settings: PoolSettings | None = None) -> QueryPool:
    """The store's pool, made on first use."""
    with _lock:
        pool = store.__dict__.get("_query_pool")
        if pool is None or pool.closed:
            pool = store.__dict__["_query_pool"] = QueryPool(store, settings or PoolSettings())
        return pool


def close_pool(store) -> None:
    pool = store.__dict__.pop("_query_pool", None)
    if pool is not None:
        pool.close()


@atexit.register
def _close_all() -> None:
    for pool in list(_pools):
        pool.close()
