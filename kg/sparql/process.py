"""One query worker process seen from the pool: started fresh with `subprocess`, asked over two pipes,
watched for its deadline and memory, and killed when it passes either."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from multiprocessing.connection import Connection

log = logging.getLogger(__name__)

MAX_ANSWER_BYTES = 1 << 30
POLL_S = 0.02
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class PoolError(RuntimeError):
    """A worker could not be started or answered nonsense; the message says why."""


class PoolBusy(PoolError):
    """Every worker is busy and the queue is full, or no worker came free in time."""


class WorkerTimeout(PoolError):
    """The query ran past its deadline; its worker was killed."""


class WorkerMemory(PoolError):
    """The query grew its worker past its memory allowance; the worker was killed."""


class WorkerDied(PoolError):
    """The worker ended without answering."""


def rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            return int(f.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


class Worker:
    """One worker process and its two pipes."""

    def __init__(self, config: dict, generation: int):
        self.generation = generation
        to_child, from_parent = os.pipe()[::-1]  # (write end, read end)
        from_child, to_parent = os.pipe()
        self.proc = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "kg.sparql.worker", str(from_parent), str(to_parent)],
            pass_fds=(from_parent, to_parent), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        os.close(from_parent)
        os.close(to_parent)
        self.outbox = Connection(to_child, readable=False)
        self.inbox = Connection(from_child, writable=False)
        self.outbox.send_bytes(json.dumps(config).encode())
        self.info: dict = {}
        self.baseline = 0
        self.long = False  # its current query has run past `long_after_s`
        self.demoted = False  # its CPU priority was lowered (and could not be raised again)

    def wait_ready(self, timeout_s: float) -> dict:
        if not self._poll(time.monotonic() + timeout_s, None):
            self.kill()
            raise PoolError(f"a query worker did not start within {timeout_s:g} s")
        info = json.loads(self.inbox.recv_bytes())
        if not info.get("ready"):
            self.kill()
            raise PoolError(f"a query worker could not open the store: {info.get('message')}")
        self.info, self.baseline = info, rss(self.proc.pid)
        return info

    def ask(self, request: dict, timeout_s: float, max_memory: int, long_after_s: float | None = None,
            on_long=None) -> tuple[dict, bytes]:
        start_rss = rss(self.proc.pid)
        try:
            self.outbox.send_bytes(json.dumps({**request, "timeout_s": timeout_s}).encode())
        except OSError:  # it died while idle
            raise WorkerDied(self.proc.poll()) from None
        started = time.monotonic()
        long_at = started + long_after_s if long_after_s is not None else None
        if not self._poll(started + timeout_s, start_rss + max_memory, long_at, on_long):
            raise WorkerTimeout(timeout_s)
        header = json.loads(self.inbox.recv_bytes(MAX_ANSWER_BYTES))
        body = self.inbox.recv_bytes(MAX_ANSWER_BYTES)
        return header, body

    def become_long(self) -> None:
        """Lower the worker's CPU priority while a long query runs, so short ones on other workers
        get the cores first."""
        self.long = True
        try:
            os.setpriority(os.PRIO_PROCESS, self.proc.pid, 15)
            self.demoted = True
        except OSError:
            pass

    def restore(self) -> bool:
        """Its normal priority back after a long query; False where that is not allowed."""
        self.long = False
        if self.demoted:
            try:
                os.setpriority(os.PRIO_PROCESS, self.proc.pid, 0)
                self.demoted = False
            except OSError:  # raising a priority takes privileges: this worker stays low, so retire it
                return False
        return True

    def _poll(self, deadline: float, rss_limit: int | None, long_at: float | None = None, on_long=None) -> bool:
        """Wait for the worker's answer until the deadline; False when it did not come."""
        while True:
            now = time.monotonic()
            left = deadline - now
            if left <= 0:
                return False
            if long_at is not None and now >= long_at:
                long_at = None
                self.become_long()
                if on_long is not None:
                    on_long()
            try:
                if self.inbox.poll(min(POLL_S, left)):
                    return True
            except (EOFError, OSError):
                raise WorkerDied(self.proc.poll()) from None
            if self.proc.poll() is not None and not self.inbox.poll(0):
                raise WorkerDied(self.proc.returncode)
            if rss_limit is not None and rss(self.proc.pid) > rss_limit:
                raise WorkerMemory(rss_limit)

    def kill(self) -> None:
        for conn in (self.outbox, self.inbox):
            try:
                conn.close()
            except OSError:
                pass
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            log.warning("query worker %s did not exit after SIGKILL", self.proc.pid)
