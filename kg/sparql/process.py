"""One query worker process seen from the pool: started fresh with `subprocess`, asked over two pipes,
watched for its deadline and memory, and killed when it passes either."""

from __future__ import annotations

import fcntl
import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection

log = logging.getLogger(__name__)

MAX_ANSWER_BYTES = 1 << 30
POLL_S = 0.02
PIPE_BYTES = 1 << 20
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
        try:  # a bigger pipe: fewer switches between the worker writing an answer and its reader
            fcntl.fcntl(from_child, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        except (AttributeError, OSError):  # not Linux, or over /proc/sys/fs/pipe-max-size
            pass
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
        self.next_check = 0.0  # when its memory is next read while an answer streams

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

    def stream(
        self, request: dict, timeout_s: float, max_memory: int, long_after_s: float | None = None, on_long=None
    ) -> Iterator[dict | bytes]:
        """The worker's messages for one request as they come (see `kg.sparql.worker`): its head,
        then, if that says ok, the answer's chunks and its trailer; all within the deadline."""
        start_rss = rss(self.proc.pid)
        try:
            self.outbox.send_bytes(json.dumps({**request, "timeout_s": timeout_s}).encode())
        except OSError:  # it died while idle
            raise WorkerDied(self.proc.poll()) from None
        started = time.monotonic()
        long_at = [started + long_after_s] if long_after_s is not None else [None]
        limit, deadline = start_rss + max_memory, started + timeout_s
        head = json.loads(self._receive(deadline, limit, long_at, on_long))
        yield head
        if not head.get("ok"):
            return
        while chunk := self._receive(deadline, limit, long_at, on_long):
            yield chunk
        yield json.loads(self._receive(deadline, limit, long_at, on_long))

    def _receive(self, deadline: float, rss_limit: int, long_at: list, on_long) -> bytes:
        if not self._poll(deadline, rss_limit, long_at, on_long):
            raise WorkerTimeout(deadline)
        return self.inbox.recv_bytes(MAX_ANSWER_BYTES)

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

    def _poll(self, deadline: float, rss_limit: int | None, long_at: list | None = None, on_long=None) -> bool:
        """Wait for the worker's next message until the deadline; False when it did not come.
        `long_at` holds when the query becomes long (emptied to None once it has)."""
        if self.inbox.poll(0):  # already there: memory read at most every POLL_S while chunks flow
            now = time.monotonic()
            if rss_limit is not None and now >= self.next_check:
                self.next_check = now + POLL_S
                if rss(self.proc.pid) > rss_limit:
                    raise WorkerMemory(rss_limit)
            return True
        while True:
            now = time.monotonic()
            left = deadline - now
            if left <= 0:
                return False
            if long_at and long_at[0] is not None and now >= long_at[0]:
                long_at[0] = None
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
