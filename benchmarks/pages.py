"""The explorer's long views on a generated graph, measured in Chromium: how long each page takes
to show its table and its first row's evidence, and how tall it is.

Generates a graph (`--triples`, 100,000 by default: 2,000 actors), loads it into an Oxigraph
store, starts `streamlit run app.py` on it, opens each page once to warm its caches, then opens
it `--repeat` times in fresh tabs and prints the median time from navigation to a drawn table
and a still script, and the page's height in pixels.

    .venv/bin/python benchmarks/pages.py --triples 100000

A script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.generate import write
from benchmarks.streamlit_app import serve
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# the long views, and for reference a page with one small table (a named query's 15-row answer)
PAGES = ("matrix", "disagreements", "actor?actor={busiest}", "sparql?q=graph-sizes")


def start(store: str, log: Path) -> tuple[subprocess.Popen, str]:
    return serve(ROOT / "app.py", {"STANCEKG_STORE": store, "PATH": "/usr/bin:/bin", "PYTHONUNBUFFERED": "1"}, log)


def open_page(browser, url: str) -> tuple[float, int]:
    """Seconds from navigation to a drawn table with the script done, and the page's height."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    began = time.perf_counter()
    tab.goto(url)
    tab.wait_for_selector("[data-testid='stDataFrame']", timeout=120_000)
    tab.wait_for_selector("[data-test-script-state='notRunning']", timeout=120_000)
    seconds = time.perf_counter() - began
    height = tab.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")  # Streamlit's scroller
    context.close()
    return seconds, height


def busiest_actor(spec: str) -> str:
    store = open_store(spec)
    try:
        _vars, rows = store.select_text(
            "PREFIX ask: <https://w3id.org/ai-stance-kg/ontology#> SELECT ?a (COUNT(*) AS ?n) "
            "WHERE { ?s ask:holder ?a } GROUP BY ?a ORDER BY DESC(?n) LIMIT 1")
        return rows[0][0].rsplit("/", 1)[-1]
    finally:
        store.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="stancekg-pages-") as tmp:
        where = Path(tmp)
        counts = write(where / "graph.nq", args.triples)
        spec = f"oxigraph:{where / 'store'}"
        store = open_store(spec)
        store.load_file(where / "graph.nq")
        store.close()
        busiest = busiest_actor(spec)
        print(f"graph: {counts['triples']:,} triples, {counts['actors']:,} actors, {counts['stances']:,} stances, "
              f"{counts['inferred disagreements']:,} inferred disagreements")
        proc, url = start(spec, where / "streamlit.log")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                     args=["--no-sandbox", "--disable-gpu"])
                print(f"{'page':<28} {'cold s':>7} {'warm s (median)':>16} {'height px':>10}")
                for path in PAGES:
                    page = f"{url}/{path.format(busiest=busiest)}"
                    cold, _height = open_page(browser, page)
                    runs = [open_page(browser, page) for _ in range(args.repeat)]
                    name = path.split("=")[-1] if "sparql" in path else path.split("?")[0]
                    print(f"{name:<28} {cold:7.2f} {statistics.median(s for s, _ in runs):16.2f} "
                          f"{max(h for _, h in runs):10,}")
                browser.close()
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()
