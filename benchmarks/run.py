"""Load time, named-query latency and peak memory for each store, against raw pyoxigraph.

For each store (the project default `oxigraph`, rdflib `memory` up to `--rdflib-max` triples,
a real `oxigraph serve` through `sparql:` (skipped with a message when the binary is not installed),
and with `--stores` also `oxigraph-disk`, i.e.
`oxigraph:DIR`) it measures, on the synthetic graph from `benchmarks/generate.py`: loading the
N-Quads file, each named query in `kg/sparql/queries/` (median of repeated runs after a warm-up, every
value read), the same read as text (`Store.select_text`, as the explorer reads), the same
through the safe path (a query worker writing SPARQL JSON, against raw pyoxigraph doing
the same), the explorer's network data, and the process's
peak RSS. The same work on raw pyoxigraph is the anchor every figure is divided by. Each store
runs in its own process, so peak memory is its own. A script that prints figures, not a test:

    .venv/bin/python benchmarks/run.py --triples 1000000 --json build/bench/results.json
"""

from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORKER_TIMEOUT_S = 1800  # a bound on each store's run, whatever happens
SLOW_S = 5.0  # a query slower than this is timed once rather than `--repeat` times (rdflib: 1 s)
AGGREGATE = re.compile(r"\bGROUP\s+BY\b|\b(COUNT|SUM|AVG|MIN|MAX|GROUP_CONCAT|SAMPLE)\s*\(", re.IGNORECASE)


def is_aggregate(text: str) -> bool:
    """Whether a query groups or aggregates (its header comments aside): the issue's comparison."""
    return bool(AGGREGATE.search(re.sub(r"(?m)^\s*#.*$", "", text)))


# the plan: which queries, with which parameter values ------------------------------------------
def query_plan(picks: dict[str, str], only: list[str] | None = None) -> dict[str, str]:
    """Each named query's full text (or those `only` names), parameters bound to `picks` with VALUES
    as the runner binds them."""
    from rdflib import URIRef

    from kg.rdf.namespaces import sparql_prologue
    from kg.sparql.library import load_queries
    from kg.sparql.runner import bind_values

    plan = {}
    for name, q in sorted(load_queries().items()):
        if (only and name not in only) or (not only and name in PAIRWISE):
            continue
        required = {p.name: URIRef(picks[p.kind]) for p in q.params if p.required and p.kind in picks}
        if len(required) < sum(p.required for p in q.params):
            continue  # a parameter kind the generated graph has no value for
        plan[name] = sparql_prologue() + (bind_values(q.text, required) if required else q.text)
        optional = {p.name: URIRef(picks[p.kind]) for p in q.params if not p.required and p.kind in picks}
        if optional:
            plan[f"{name}[{','.join(optional)}]"] = sparql_prologue() + bind_values(q.text, optional)
    return plan


# Queries that compare every pair of actors: slow at benchmark sizes (README, "Agreement"); run
# them with --queries.
PAIRWISE = {"agreement", "agreement-matrix"}

PICKS = {  # the busiest actor and top-level topic, so parametrised queries have work to do
    "actor": "SELECT ?x WHERE { ?s <https://w3id.org/ai-stance-kg/ontology#holder> ?x } "
             "GROUP BY ?x ORDER BY DESC(COUNT(?s)) ?x LIMIT 1",
    "topic": "SELECT ?x WHERE { ?c <http://www.w3.org/2004/02/skos/core#hasTopConcept> ?x . "
             "?s <https://w3id.org/ai-stance-kg/ontology#topic> ?x } GROUP BY ?x ORDER BY DESC(COUNT(?s)) ?x LIMIT 1",
}


# workers: one process per store ----------------------------------------------------------------
def _timed(fn, repeat: int) -> tuple[float, list[float], object]:
    """Median seconds over `repeat` runs after one untimed warm-up."""
    out = fn()
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs), runs, out


def _bounded(fn, timeout_s: float) -> tuple[float, object] | None:
    """Seconds one run of `fn` takes in a forked child, with what it returned; None if it passes
    `timeout_s` (then the child is killed).

    Neither pyoxigraph nor rdflib can be interrupted mid-query, and a benchmark must end.
    """
    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)

    def child():
        started = time.perf_counter()
        out = fn()
        sender.send((time.perf_counter() - started, out))

    proc = ctx.Process(target=child)  # not a daemon: the safe runner forks children of its own
    proc.start()
    sender.close()
    try:
        return receiver.recv() if receiver.poll(timeout_s) else None
    except EOFError:
        return None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()


def _measure(fn, repeat: int, timeout_s: float, slow_s: float = SLOW_S) -> dict:
    """The median time of a query, bounded: stopped past the timeout, timed once past `slow_s`,
    three times past a second, and more than `repeat` times (up to half a second's worth) when
    it is fast, since a median of a few 10 ms runs is mostly noise."""
    bounded = _bounded(fn, timeout_s)
    if bounded is None:
        return {"median_s": None, "runs": [], "note": f"stopped after {timeout_s:g} s"}
    first, cells = bounded
    if first > slow_s:
        return {"median_s": first, "runs": [first], "cells": cells, "note": "slow: timed once"}
    if first > 1:
        _, runs, cells = _timed(fn, 2)
        runs = [first, *runs]
        return {"median_s": statistics.median(runs), "runs": runs, "cells": cells}
    median, runs, cells = _timed(fn, max(repeat, min(25, int(0.5 / max(first, 1e-3)))))
    return {"median_s": median, "runs": runs, "cells": cells}


def _measure_here(fn, repeat: int) -> dict:
    """`_measure` without a fork, for work that stops itself at its deadline (the safe path)."""
    first = time.perf_counter()
    fn()
    first = time.perf_counter() - first
    count = 2 if first > 1 else max(repeat, min(25, int(0.5 / max(first, 1e-3))))
    median, runs, _ = _timed(fn, count)
    return {"median_s": median, "runs": runs}


def _serialized(store, text: str) -> bytes:
    """Raw pyoxigraph doing the endpoint's work: evaluate, then write SPARQL JSON or Turtle."""
    import pyoxigraph as ox

    result = store.query(text, use_default_graph_as_union=True)
    if isinstance(result, ox.QueryTriples):
        return ox.serialize(result, format=ox.RdfFormat.TURTLE)
    return result.serialize(format=ox.QueryResultsFormat.JSON)


def _rss_mb(pid: int) -> float | None:
    try:
        line = next(x for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("VmRSS:"))
        return int(line.split()[1]) / 1024
    except (OSError, StopIteration):
        return None


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def worker(kind: str, path: Path, plan: dict[str, str], repeat: int, load_repeat: int, spec: str | None,
           network: bool, timeout_s: float, only: list[str] | None = None) -> dict:
    import pyoxigraph as ox

    from kg.store import open_store

    records: dict[str, dict] = {}
    out = {"records": records}
    # Each timed load goes into a fresh, empty store made beforehand, and ends by counting the
    # quads (as `Store.load_file` does), on raw pyoxigraph too.
    if kind == "pyoxigraph":
        def empty():
            return ox.Store()

        def load(store):
            store.load(path=str(path), format=ox.RdfFormat.N_QUADS)
            return len(store)

        def run(text):
            result = store.query(text, use_default_graph_as_union=True)
            if isinstance(result, ox.QueryBoolean):
                return 1
            if isinstance(result, ox.QueryTriples):
                return 3 * sum(1 for t in result if (t.subject, t.predicate, t.object))
            return sum(1 for row in result for _ in tuple(row))
    else:
        def empty():
            if kind == "oxigraph-disk":
                target = Path(tempfile.mkdtemp(prefix="stancekg-bench-"))
                shutil.rmtree(target)
                return open_store(f"oxigraph:{target}")
            store = open_store(spec or kind)
            store.clear()
            return store

        def load(store):
            return store.load_file(path)

        def run(text):
            result = store.query(text)
            if result.type == "ASK":
                return 1
            rows = result.graph if result.type in ("CONSTRUCT", "DESCRIBE") else result
            return sum(1 for row in rows for _ in row)

    loads = []
    for attempt in range(load_repeat):
        store = empty()
        started = time.perf_counter()
        triples = load(store)
        loads.append(time.perf_counter() - started)
        if attempt < load_repeat - 1:
            if kind == "oxigraph-disk":
                store.close()
            del store
            gc.collect()  # rdflib's Dataset holds reference cycles: free the last store before the next
    records["load"] = {"median_s": statistics.median(loads), "runs": loads, "triples": triples}
    rss = out["rss_mb"] = {"load": _peak_rss_mb()}  # the peak so far, after each phase
    if kind == "pyoxigraph":  # the anchor chooses the parameter values everyone else uses
        picks = {k: str(next(iter(store.query(q, use_default_graph_as_union=True)))[0].value)
                 for k, q in PICKS.items()}
        plan = out["plan"] = query_plan(picks, only)
    for name, text in plan.items():
        records[f"q:{name}"] = _measure(lambda t=text: run(t), repeat, timeout_s, 1.0 if kind == "memory" else SLOW_S)
    rss["q"] = _peak_rss_mb()
    if kind == "pyoxigraph":  # what the endpoint does: evaluate and write SPARQL JSON (graphs as Turtle)
        for name, text in plan.items():
            if records[f"q:{name}"]["median_s"] is not None:
                records[f"json:{name}"] = _measure(lambda t=text: len(_serialized(store, t)), repeat, timeout_s)
        rss["json"] = _peak_rss_mb()
    if kind == "oxigraph":  # the same queries read as text, as the explorer reads them
        for name, text in plan.items():
            if records[f"q:{name}"]["median_s"] is not None:
                records[f"text:{name}"] = _measure(
                    lambda t=text: sum(map(len, store.select_text(t)[1])), repeat, timeout_s)
        rss["text"] = _peak_rss_mb()
        if network:
            out["network"] = _network(store, repeat)
            rss["network"] = _peak_rss_mb()
        # The safe path comes last: its pool has threads and worker processes, and the forked
        # measurements above must not copy them. The pool's own deadline bounds each run.
        from kg.sparql.pool import pool_for
        from kg.sparql.runner import Limits, QueryRefused, run_answer

        limits = Limits(timeout_s=timeout_s, max_rows=None)
        pool = pool_for(store)
        pool.warm()
        for name, text in plan.items():
            if records[f"q:{name}"]["median_s"] is None:
                continue
            try:
                records[f"safe:{name}"] = _measure_here(
                    lambda t=text: len(run_answer(store, t, table="json", graph="turtle", limits=limits).body), repeat)
            except QueryRefused as exc:
                records[f"safe:{name}"] = {"median_s": None, "runs": [], "note": str(exc)[:80]}
        rss["safe"] = _peak_rss_mb()
        out["worker_rss_mb"] = max(_rss_mb(w.proc.pid) for w in pool._idle) if pool._idle else None
        pool.close()
    return out


def _network(store, repeat: int) -> dict:
    """The explorer's network view prepared from this store, and `kg.viz.drawing.prepare` at 2,000 nodes.

    Either is reported as not measured (with the reason) when the explorer's code cannot run.
    """
    out = {}
    try:
        from kg import explore

        median, runs, data = _timed(lambda: explore.network_data(store), max(1, repeat // 2))
        out["explore.network_data"] = {"median_s": median, "runs": runs,
                                       "note": f"{len(data.nodes):,} nodes, {len(data.edges):,} edges"}
    except Exception as exc:  # noqa: BLE001 - a benchmark reports what it could not measure
        out["explore.network_data"] = {"median_s": None, "note": f"not measured: {type(exc).__name__}: {exc}"}
    try:
        from kg.viz import drawing as net

        nodes, edges = net.synthetic(2000)
        median, runs, data = _timed(lambda: net.prepare(nodes, edges), repeat)
        out["network.prepare(2000)"] = {"median_s": median, "runs": runs,
                                        "note": f"{len(data.nodes):,} nodes, {len(data.edges):,} edges"}
    except Exception as exc:  # noqa: BLE001
        out["network.prepare(2000)"] = {"median_s": None, "note": f"not measured: {type(exc).__name__}: {exc}"}
    return out


def _worker_main(args) -> None:
    plan = json.loads(args.plan.read_text()) if args.plan else {}
    result = worker(args.worker, args.file, plan, args.repeat, args.load_repeat, args.spec, args.measure_network,
                    args.query_timeout, args.queries.split(",") if args.queries else None)
    result["peak_rss_mb"] = _peak_rss_mb()
    args.out.write_text(json.dumps(result))


# the driver --------------------------------------------------------------------------------------
def _spawn(kind: str, path: Path, work: Path, plan: dict | None, args, spec: str | None = None,
           network: bool = False, repeat: int | None = None) -> dict:
    out = work / f"result-{kind}-{path.stem}.json"
    plan_file = work / "plan.json"
    if plan is not None:
        plan_file.write_text(json.dumps(plan))
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--file", str(path),
           "--out", str(out), "--repeat", str(repeat or args.repeat),
           "--load-repeat", str(1 if kind == "oxigraph-disk" else args.load_repeat),  # 9 s a load at 1M
           "--query-timeout", str(args.query_timeout)]
    if plan is not None:
        cmd += ["--plan", str(plan_file)]
    if spec:
        cmd += ["--spec", spec]
    if args.queries:
        cmd += ["--queries", args.queries]
    if network:
        cmd.append("--explorer")
    print(f"  {kind} on {path.name} ...", file=sys.stderr, flush=True)
    subprocess.run(cmd, check=True, timeout=WORKER_TIMEOUT_S)
    return json.loads(out.read_text())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _oxigraph_binary() -> str | None:
    """The `oxigraph` server beside this Python (a virtual environment's), else on PATH, else None."""
    found = Path(sys.executable).parent / "oxigraph"
    return str(found) if found.exists() else shutil.which("oxigraph")


def _measure_remote(binary: str, path: Path, work: Path, plan: dict, args) -> tuple[dict, float | None]:
    port = _free_port()
    server = subprocess.Popen([binary, "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("oxigraph serve did not start") from None
                time.sleep(0.1)
        base = f"http://127.0.0.1:{port}"
        result = _spawn("sparql", path, work, plan, args, spec=f"sparql:{base}/query,{base}/update,{base}/store")
        server_peak = None
        status = Path(f"/proc/{server.pid}/status")
        if status.exists():
            line = next((x for x in status.read_text().splitlines() if x.startswith("VmHWM:")), "")
            server_peak = int(line.split()[1]) / 1024 if line else None
        return result, server_peak
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def measure_size(path: Path, triples: int, work: Path, args, stores: list[str], network: bool) -> list[dict]:
    """Every store at one graph size; one record per (store, step)."""
    anchor = _spawn("pyoxigraph", path, work, None, args)
    base = anchor["records"]
    # a query raw pyoxigraph cannot finish in time is not asked of the others
    plan = {name: text for name, text in anchor["plan"].items() if base[f"q:{name}"]["median_s"] is not None}
    results = {"pyoxigraph": anchor}
    for kind in stores:
        if kind == "memory" and triples > args.rdflib_max:
            continue
        if kind == "sparql":
            binary = _oxigraph_binary()
            if binary is None:
                print("  sparql skipped: the oxigraph server binary is not installed (pip install oxigraph, "
                      "or put it on PATH)", file=sys.stderr, flush=True)
                continue
            results[kind], server_peak = _measure_remote(binary, path, work, plan, args)
            results[kind]["server_peak_rss_mb"] = server_peak
        else:
            results[kind] = _spawn(kind, path, work, plan, args, network=(kind == "oxigraph" and network),
                                   repeat=min(args.repeat, 3) if kind == "memory" else None)
    records = []
    for kind, result in results.items():
        rss = result["rss_mb"]
        for step, rec in result["records"].items():
            peak = rss[step.split(":")[0]]  # the process's peak by the end of that phase
            prefix = "json:" if step.startswith(("safe:", "json:")) else "q:"
            anchor_step = base.get("load" if step == "load" else prefix + step.split(":", 1)[1])
            if "cells" in rec and anchor_step and step.startswith(("q:", "text:")) \
                    and rec["cells"] != anchor_step.get("cells", rec["cells"]):
                print(f"WARNING: {kind} {step} read {rec['cells']} values, pyoxigraph {anchor_step['cells']}",
                      file=sys.stderr)
            ratio = rec["median_s"] / anchor_step["median_s"] \
                if rec["median_s"] and anchor_step and anchor_step["median_s"] else None
            name = step.split(":", 1)[-1]
            records.append({"store": kind, "triples": base["load"]["triples"], "step": step,
                            "median_s": rec["median_s"], "runs": rec["runs"], "ratio_vs_pyoxigraph": ratio,
                            "values": rec.get("cells"), "aggregate": is_aggregate(plan.get(name, "")),
                            "peak_rss_mb": peak, "server_peak_rss_mb": result.get("server_peak_rss_mb"),
                            "worker_rss_mb": result.get("worker_rss_mb") if step.startswith("safe:") else None,
                            "note": rec.get("note")})
        for step, rec in (result.get("network") or {}).items():
            records.append({"store": kind, "triples": base["load"]["triples"], "step": step,
                            "median_s": rec["median_s"], "runs": rec.get("runs"), "ratio_vs_pyoxigraph": None,
                            "peak_rss_mb": rss["network"], "note": rec["note"]})
    return records


def print_table(records: list[dict], args) -> None:
    print(f"\n{'triples':>10}  {'store':<14} {'step':<38} {'values':>8} {'median s':>9} {'vs pyox':>8} "
          f"{'peak MB':>8}")
    for r in records:
        median = "-" if r["median_s"] is None else f"{r['median_s']:.4f}"
        ratio = "" if r.get("ratio_vs_pyoxigraph") is None else f"{r['ratio_vs_pyoxigraph']:.2f}x"
        peak = f"{r['peak_rss_mb']:.0f}"
        if r.get("server_peak_rss_mb"):
            peak += f" (+{r['server_peak_rss_mb']:.0f} server)"
        note = f"  {r['note']}" if r.get("note") else ""
        values = "" if r.get("values") is None else f"{r['values']:,}"
        print(f"{r['triples']:>10,}  {r['store']:<14} {r['step']:<38} {values:>8} {median:>9} {ratio:>8} "
              f"{peak:>8}{note}")
    print(f"\nrdflib memory runs only up to {args.rdflib_max:,} triples (its load and queries take minutes "
          "beyond); its figures and the comparison with it are at that size.")
    _print_targets(records, args.query_timeout)


def _print_targets(records: list[dict], timeout_s: float) -> None:
    by = {(r["store"], r["triples"], r["step"]): r for r in records}
    biggest = max(r["triples"] for r in records)
    lines = []
    for r in records:
        if r["store"] == "oxigraph" and r["triples"] == biggest and r.get("ratio_vs_pyoxigraph"):
            name = r["step"].split(":", 1)[-1]
            heavy = name == "timeline" or name.startswith("explorer-")
            if r["step"] == "load" or r["step"].startswith(("q:", "text:")):
                limit = 1.5 if heavy and r["step"] != "load" else 1.2
                ok = r["ratio_vs_pyoxigraph"] <= limit
                lines.append(f"  {'ok ' if ok else 'MISS'} oxigraph {r['step']}: {r['ratio_vs_pyoxigraph']:.2f}x "
                             f"raw pyoxigraph (target <= {limit}x)")
            elif r["step"].startswith("safe:"):
                raw = by[("pyoxigraph", r["triples"], "json:" + name)]["median_s"]
                ok = r["median_s"] <= 1.2 * raw + 0.005
                lines.append(f"  {'ok ' if ok else 'MISS'} oxigraph {r['step']}: {r['median_s']:.4f} s against raw "
                             f"{raw:.4f} s evaluating and writing JSON ({r['ratio_vs_pyoxigraph']:.2f}x; target "
                             "<= 1.2x + 5 ms)")
    for (store, triples, step), r in by.items():
        ours = by.get(("oxigraph", triples, step))
        if store == "memory" and step.startswith("q:") and r["aggregate"] and ours and ours["median_s"]:
            # a query rdflib did not finish counts at the time it was stopped: a lower bound
            speedup = (r["median_s"] or timeout_s) / ours["median_s"]
            at_least = "at least " if r["median_s"] is None else ""
            lines.append(f"  {'ok ' if speedup >= 20 else 'MISS'} oxigraph {step} at {triples:,}: {at_least}"
                         f"{speedup:.0f}x faster than rdflib memory (target >= 20x on aggregate queries)")
    for r in records:
        if r["step"] in ("network.prepare(2000)", "explore.network_data") and r["median_s"] is None:
            lines.append(f"  ---  {r['step']} {r['note']}")
        elif r["step"] in ("network.prepare(2000)", "explore.network_data"):
            lines.append(f"  {'ok ' if r['median_s'] < 1 else 'MISS'} {r['step']} at {r['triples']:,} "
                         f"({r['note']}): {r['median_s']:.3f} s (target < 1 s)")
    print("\ntargets:\n" + "\n".join(lines))
    print("\nA store's extra time on a query grows with the values it returns (the values column): each "
          "distinct one becomes an rdflib term (about 0.5 us, more for dates and numbers), where raw "
          "pyoxigraph hands back its own objects; text: rows read the values as plain strings instead. safe: rows "
          "are the endpoint's path (screened, sent to a worker process that checks, evaluates and writes SPARQL "
          "JSON, piped back), against raw pyoxigraph evaluating and writing JSON (json: rows).")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--json", type=Path, help="write one record per (store, step) here")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query (median)")
    parser.add_argument("--load-repeat", type=int, default=3, help="timed loads, each into a fresh store (median)")
    parser.add_argument("--query-timeout", type=float, default=10.0,
                        help="seconds after which a query is stopped (and not asked of other stores)")
    parser.add_argument("--rdflib-max", type=int, default=100_000, help="largest graph rdflib memory is given")
    parser.add_argument("--stores", default="oxigraph,memory,sparql",
                        help="which of oxigraph, oxigraph-disk, memory, sparql to measure besides raw "
                             "pyoxigraph (always measured: it is the anchor)")
    parser.add_argument("--queries", help="only these named queries (comma-separated; default: all)")
    parser.add_argument("--no-network", dest="network", action="store_false", help="skip the explorer's timing")
    parser.add_argument("--work", type=Path, default=Path("build") / "bench", help="generated graphs and scratch")
    # internal: one store's measurements in a process of its own
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--plan", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--spec", help=argparse.SUPPRESS)
    parser.add_argument("--explorer", dest="measure_network", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker_main(args)
        return

    sys.path.insert(0, str(HERE))
    from generate import write

    args.work.mkdir(parents=True, exist_ok=True)
    sizes = sorted({args.triples, min(args.triples, args.rdflib_max)})
    started = time.perf_counter()
    records = []
    for size in sizes:
        path = args.work / f"graph-{size}-seed{args.seed}.nq"
        if not path.exists():
            print(f"generating {size:,} triples -> {path}", file=sys.stderr)
            write(path, size, args.seed)
        stores = args.stores.split(",")
        if size != args.triples:  # the small size is only there to compare with rdflib memory
            stores = [s for s in stores if s in ("oxigraph", "memory")]
        # the explorer's view at the smaller size: 100,000 triples hold about 2,000 actors and topics
        records += measure_size(path, size, args.work, args, stores, args.network and size == sizes[0])
    print_table(records, args)
    meta = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "command": " ".join(["benchmarks/run.py", *(argv if argv is not None else sys.argv[1:])]),
            "seconds": round(time.perf_counter() - started, 1),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in records)}
    print(f"\n{meta['machine']}; whole run {meta['seconds']} s; peak RSS of any store process "
          f"{meta['peak_rss_mb']:.0f} MB")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({**meta, "records": records}, indent=1))
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
