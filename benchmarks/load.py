"""Load test of `stancekg serve` on 127.0.0.1: concurrent clients, runaway queries, slow sockets.

Two phases against one server, each bounded in time, all traffic to 127.0.0.1:

1. `--clients` clients for `--duration` seconds, `--runaways` of them sending a query that only
   the time limit stops, the others the named queries that take no parameter, one after the
   other: throughput, p50/p95/p99 latency of the normal queries, errors, and the peak memory of
   the server and of the server with its query workers.
2. `--slowloris` sockets that send a header line every few seconds and never finish, while five
   clients send normal queries for `--slow-duration` seconds: the same figures, and how many slow
   sockets the server closed.

    .venv/bin/python benchmarks/load.py --clients 20 --runaways 5 --duration 60 --slowloris 200

A script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def normal_queries() -> list[tuple[str, str]]:
    sys.path.insert(0, str(ROOT))
    from kg.sparql.library import load_queries

    return [(q.name, q.text) for q in load_queries().values() if not q.params] + [("ask", "ASK { ?s a ask:Person }")]


def ask(port: int, text: str, timeout_s: float = 60) -> tuple[int, float, float]:
    """Status (0: no answer), seconds, and the Retry-After the server asked for (0 if none)."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout_s)
    try:
        conn.request("POST", "/sparql", body=text.encode(), headers={
            "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
        response = conn.getresponse()
        response.read()
        retry = float(response.headers.get("Retry-After") or 0)
        return response.status, time.perf_counter() - started, retry
    except OSError:
        return 0, time.perf_counter() - started, 0.0
    finally:
        conn.close()


def tree_rss_mb(pid: int) -> tuple[float, float]:
    """Resident memory of a process, and of it with its children (the query workers), in MB."""
    def rss(p: int) -> float:
        try:
            line = next(x for x in Path(f"/proc/{p}/status").read_text().splitlines() if x.startswith("VmRSS:"))
            return int(line.split()[1]) / 1024
        except (OSError, StopIteration):
            return 0.0

    children = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    own = rss(pid)
    return own, own + sum(rss(c) for c in children)


class Server:
    def __init__(self, args):
        self.port = free_port()
        cmd = [sys.executable, "-c", "from kg.cli import main; main()", "--store", args.store, "serve",
               "--port", str(self.port),
               "--timeout", str(args.timeout)]
        if args.workers:
            cmd += ["--workers", str(args.workers)]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/health", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("stancekg serve did not start")
            time.sleep(0.2)
        self.peak, self.peak_tree, self._stop = 0.0, 0.0, threading.Event()
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        while not self._stop.wait(0.25):
            own, tree = tree_rss_mb(self.proc.pid)
            self.peak, self.peak_tree = max(self.peak, own), max(self.peak_tree, tree)

    def stop(self) -> None:
        self._stop.set()
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def run_clients(port: int, normal: int, runaways: int, duration: float, queries: list) -> dict:
    deadline = time.monotonic() + duration
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    runaway_statuses: dict[int, int] = {}
    lock = threading.Lock()

    def client(index: int) -> None:
        i = index
        while time.monotonic() < deadline:
            status, seconds, _ = ask(port, queries[i % len(queries)][1])
            i += 1
            with lock:
                statuses[status] = statuses.get(status, 0) + 1
                if status == 200:
                    latencies.append(seconds)

    def runaway() -> None:  # a client that retries its slow query, as told by Retry-After
        while time.monotonic() < deadline:
            status, _, retry = ask(port, RUNAWAY)
            with lock:
                runaway_statuses[status] = runaway_statuses.get(status, 0) + 1
            time.sleep(min(retry, max(0.0, deadline - time.monotonic())))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(normal)]
    threads += [threading.Thread(target=runaway) for _ in range(runaways)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [float("nan")] * 99
    return {"seconds": round(elapsed, 1), "answered": len(latencies), "per_second": round(len(latencies) / elapsed, 1),
            "p50_s": round(cuts[49], 4), "p95_s": round(cuts[94], 4), "p99_s": round(cuts[98], 4),
            "statuses": statuses, "runaway_statuses": runaway_statuses}


def slowloris(port: int, sockets: int, duration: float, queries: list) -> dict:
    """`sockets` connections dribbling header lines while five clients query; how many were dropped."""
    held = []
    for _ in range(sockets):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        held.append(s)
    stop = threading.Event()
    closed = [0]

    def dribble() -> None:
        while not stop.wait(3):
            for s in list(held):
                try:
                    s.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    held.remove(s)
                    closed[0] += 1

    dripper = threading.Thread(target=dribble)
    dripper.start()
    result = run_clients(port, 5, 0, duration, queries)
    stop.set()
    dripper.join()
    for s in held:
        s.close()
    return {**result, "slow_sockets": sockets, "closed_by_server": closed[0]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", default="oxigraph", help="the store spec `stancekg serve` uses")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--runaways", type=int, default=5)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--slowloris", type=int, default=200)
    parser.add_argument("--slow-duration", type=float, default=20)
    parser.add_argument("--timeout", type=float, default=10, help="the server's query time limit")
    parser.add_argument("--workers", type=int, default=0, help="the server's workers (default: one a core)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    queries = normal_queries()
    server = Server(args)
    try:
        print(f"server on 127.0.0.1:{server.port}; {len(queries)} normal queries: "
              f"{', '.join(n for n, _ in queries)}", file=sys.stderr)
        load = run_clients(server.port, args.clients - args.runaways, args.runaways, args.duration, queries)
        load.update(server_peak_rss_mb=round(server.peak), with_workers_peak_rss_mb=round(server.peak_tree))
        slow = slowloris(server.port, args.slowloris, args.slow_duration, queries) if args.slowloris else None
    finally:
        server.stop()
    print(f"\n{args.clients} clients ({args.runaways} runaways) for {load['seconds']} s: "
          f"{load['answered']} normal queries answered, {load['per_second']}/s; latency p50 {load['p50_s']:.3f} s, "
          f"p95 {load['p95_s']:.3f} s, p99 {load['p99_s']:.3f} s; statuses {load['statuses']}; runaways "
          f"{load['runaway_statuses']}; peak RSS {load['server_peak_rss_mb']} MB server, "
          f"{load['with_workers_peak_rss_mb']} MB with its workers")
    if slow:
        print(f"{slow['slow_sockets']} slow sockets, 5 clients for {slow['seconds']} s: {slow['answered']} answered, "
              f"p50 {slow['p50_s']:.3f} s, p95 {slow['p95_s']:.3f} s, p99 {slow['p99_s']:.3f} s; statuses "
              f"{slow['statuses']}; {slow['closed_by_server']} slow sockets closed by the server")
    print(f"{os.cpu_count()} cores; store {args.store}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"load": load, "slowloris": slow, "store": args.store}, indent=1))


if __name__ == "__main__":
    main()
