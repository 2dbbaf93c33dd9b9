"""The benchmark's synthetic graph is deterministic, follows the ontology and exercises every query.

No timings are asserted here: speed is what `benchmarks/run.py` reports, not what tests check.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import URIRef

import ontology
from benchmarks.generate import generate, write
from benchmarks.run import PICKS, query_plan
from kg.build.builder import Build
from kg.check import shacl
from kg.rdf.namespaces import ASK, NS
from kg.store import open_store, rdfio

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "graph.nq"
    write(path, 20_000, seed=7)
    return path


def test_same_seed_same_bytes_other_seed_other_graph():
    assert "".join(generate(3000, 7)) == "".join(generate(3000, 7))
    assert "".join(generate(3000, 7)) != "".join(generate(3000, 8))


def test_size_is_what_was_asked(tmp_path):
    counts = write(tmp_path / "g.nq", 10_000, seed=1)
    lines = (tmp_path / "g.nq").read_text(encoding="utf-8").count("\n")
    assert counts["triples"] == lines and 10_000 <= lines < 11_500
    assert counts["stances"] and counts["relationships"] and counts["inferred disagreements"]


def test_generated_graph_passes_the_shapes_and_uses_only_declared_terms():
    dataset = rdfio.loads("".join(generate(6000, 3)), "nquads")
    assert shacl.validate(Build(dataset)) == []
    declared = {s for s in ontology.load_graph().subjects() if str(s).startswith(NS)}
    used = {p for _, p, _, _ in dataset.quads() if str(p).startswith(NS)}
    used |= {o for _, p, o, _ in dataset.quads() if str(p).endswith("#type") and str(o).startswith(NS)}
    assert used and used <= declared


def test_every_named_query_has_answers_on_the_generated_graph(generated):
    store = open_store("oxigraph")
    store.load_file(generated)
    picks = {kind: str(next(iter(store.query(q)))[0]) for kind, q in PICKS.items()}
    assert URIRef(picks["topic"]) in set(store.dataset.subjects(None, ASK.Topic))
    plan = query_plan(picks)
    assert {"stances-of-actor", "topic-positions", "explorer-stance-edges"} <= set(plan)
    empty = [name for name, text in plan.items() if not list(store.query(text))]
    # the generator makes no facts, comparisons, AI systems or joint statements, and derives no stance
    # changes: those queries may be empty
    assert set(empty) <= {"explorer-fact-edges", "ai-systems", "provenance", "search", "statements-by-kind",
                          "explorer-actor-timeline", "stance-changes", "stance-changes[actor]", "signatories"}, empty


def test_benchmark_prints_and_writes_one_record_per_store_and_step(tmp_path):
    out = tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--triples", "3000", "--stores", "oxigraph,memory",
         "--repeat", "1", "--load-repeat", "1", "--no-network",
         "--queries", "stances-of-actor,explorer-sources", "--query-timeout", "20", "--work", str(tmp_path),
         "--json", str(out)],
        capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "targets:" in result.stdout and "rdflib memory runs only up to" in result.stdout
    data = json.loads(out.read_text())
    assert data["peak_rss_mb"] > 0
    stores = {r["store"] for r in data["records"]}
    assert stores == {"pyoxigraph", "oxigraph", "memory"}
    load = next(r for r in data["records"] if r["store"] == "oxigraph" and r["step"] == "load")
    assert set(load) >= {"store", "step", "median_s", "ratio_vs_pyoxigraph", "peak_rss_mb"}
    assert any(r["step"] == "q:stances-of-actor" for r in data["records"] if r["store"] == "memory")
    ours = {r["step"]: r for r in data["records"] if r["store"] == "oxigraph"}
    raw = {r["step"]: r for r in data["records"] if r["store"] == "pyoxigraph"}
    for name in ("stances-of-actor", "explorer-sources"):  # terms and text read the same values
        assert ours[f"q:{name}"]["values"] == ours[f"text:{name}"]["values"] > 0
        # the safe path (a worker writing SPARQL JSON) beside raw pyoxigraph doing the same
        assert ours[f"safe:{name}"]["median_s"] > 0 and raw[f"json:{name}"]["median_s"] > 0
        assert ours[f"safe:{name}"]["ratio_vs_pyoxigraph"] == pytest.approx(
            ours[f"safe:{name}"]["median_s"] / raw[f"json:{name}"]["median_s"])


def test_benchmark_skips_the_sparql_store_with_a_message_when_oxigraph_is_not_installed(tmp_path):
    """A Python environment without the `oxigraph` binary (beside it or on PATH) that still imports
    the project: a bare virtual environment reading this one's packages."""
    import site
    import venv

    bare = tmp_path / "bare"
    venv.EnvBuilder(symlinks=True, with_pip=False).create(bare)
    python = bare / "bin" / "python"
    packages = subprocess.run([python, "-c", "import site; print(site.getsitepackages()[0])"],
                              capture_output=True, text=True, check=True).stdout.strip()
    (Path(packages) / "parent.pth").write_text(f"import site; site.addsitedir({site.getsitepackages()[0]!r})\n")
    env = {"PATH": f"{bare / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path)}
    assert subprocess.run(["sh", "-c", "command -v oxigraph"], env=env).returncode != 0
    out = tmp_path / "results.json"
    result = subprocess.run(
        [python, str(ROOT / "benchmarks" / "run.py"), "--triples", "2000", "--stores", "oxigraph,sparql",
         "--repeat", "1", "--load-repeat", "1", "--no-network", "--queries", "stances-of-actor",
         "--work", str(tmp_path), "--json", str(out)],
        capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "sparql skipped: the oxigraph server binary is not installed" in result.stderr
    assert {r["store"] for r in json.loads(out.read_text())["records"]} == {"pyoxigraph", "oxigraph"}
