"""A query worker: a long-lived process that checks and evaluates users' SPARQL, cut off from the network.

Started by `kg.sparql.pool` as `python -m kg.sparql.worker READ_FD WRITE_FD` (a fresh interpreter, never a fork
of the caller). Before any library is imported it enters a network namespace of its own with no
interface, so even a query that slipped past the checks reaches no address; it then opens a
read-only view of the store (its own copy of an in-memory store's snapshot, or a read-only
RocksDB checkpoint) and answers requests one at a time:

    request   {"text": ..., "table": "json"|"xml"|"csv"|"tsv", "graph": "turtle"|..., "max_rows": N}
    answer    {"ok": true, "form": ..., "vars": [...], "truncated": bool, "boolean": ..., "format": ...}
              followed by the result, serialised by Oxigraph in the asked format
    refusal   {"ok": false, "kind": "refused"|"failed", "message": "one line"}

Only JSON and bytes cross the pipe: nothing a worker sends is unpickled by its parent.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import signal
import sys
from multiprocessing.connection import Connection

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


def isolate_network() -> str | None:
    """Enter a new, empty network namespace; None when done, else why it could not be.

    As root a network namespace alone; otherwise a user namespace too, which Linux allows
    unprivileged processes where `kernel.unprivileged_userns_clone` (or the distribution's
    equivalent) permits. Must run before any thread exists: a user namespace needs a
    single-threaded process.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        flags = CLONE_NEWNET if os.geteuid() == 0 else CLONE_NEWUSER | CLONE_NEWNET
        if libc.unshare(flags) != 0:
            code = ctypes.get_errno()
            return f"unshare failed: {errno.errorcode.get(code, code)} ({os.strerror(code)})"
    except (OSError, AttributeError) as exc:  # no libc with unshare (not Linux)
        return f"no network namespaces here: {exc}"
    return None


def main(argv: list[str]) -> int:
    read_fd, write_fd = int(argv[0]), int(argv[1])
    inbox, outbox = Connection(read_fd, writable=False), Connection(write_fd, readable=False)
    config = json.loads(inbox.recv_bytes())
    why_not = isolate_network() if config.get("isolate", True) else "not asked (a remote store needs the network)"
    # The libraries are imported only now, inside the namespace and before any of them starts a thread.
    from kg.sparql.evaluate import Engine, answer_request

    try:
        engine = Engine.open(config)
    except Exception as exc:  # noqa: BLE001 - the parent shows why its worker could not start
        outbox.send_bytes(json.dumps({"ready": False, "message": f"{type(exc).__name__}: {exc}"}).encode())
        return 1
    outbox.send_bytes(json.dumps({"ready": True, "isolated": why_not is None,
                                  "isolation": why_not or "network namespace with no interface"}).encode())
    while True:
        try:
            request = json.loads(inbox.recv_bytes())
        except EOFError:
            return 0
        # a last resort should the parent be gone: SIGALRM's default action ends the process
        signal.setitimer(signal.ITIMER_REAL, float(request.get("timeout_s") or 0) + 30)
        header, body = answer_request(engine, request)
        signal.setitimer(signal.ITIMER_REAL, 0)
        outbox.send_bytes(json.dumps(header).encode())
        outbox.send_bytes(body)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
