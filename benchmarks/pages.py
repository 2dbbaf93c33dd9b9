"""The explorer's long views on a generated graph, measured in Chromium: how long each page takes
to show its table and its first row's evidence, and how tall it is.

Generates a graph (`--triples`, 100,000 by default: 2,000 actors), loads it into an Oxigraph
store, starts `streamlit run app.py` on it and, beside it, a bare Streamlit page holding one 15-row
table. Opens each page once to warm its caches, then `--repeat` times, alternating with the bare
page, and prints the medians of three figures: from navigation to a drawn table and a still script
in a fresh browser (nothing cached), the same in a new tab of a browser that has the page's files,
and from a click on the page's name in the top bar (from the Export page) to the same; and the
page's height in pixels.

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


BARE = """import pandas as pd
import streamlit as st
st.header("A bare page")
st.dataframe(pd.DataFrame({"a": range(15), "b": [f"x{i}" for i in range(15)]}), hide_index=True)
"""


def _shown(tab) -> None:
    tab.wait_for_selector("[data-testid='stDataFrame']", timeout=120_000)
    tab.wait_for_selector("[data-test-script-state='notRunning']", timeout=120_000)


def open_page(context, url: str) -> tuple[float, int]:
    """Seconds from navigation to a drawn table with the script done, and the page's height."""
    tab = context.new_page()
    began = time.perf_counter()
    tab.goto(url)
    _shown(tab)
    seconds = time.perf_counter() - began
    height = tab.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")  # Streamlit's scroller
    tab.close()
    return seconds, height


def fresh(browser, url: str) -> tuple[float, int]:
    """`open_page` in a new browser context: nothing cached."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        return open_page(context, url)
    finally:
        context.close()


def by_top_bar(context, base: str, page: str) -> float:
    """Seconds from a click on the page's name in the top bar (on the Export page) to its table drawn."""
    tab = context.new_page()
    tab.goto(f"{base}/export")
    tab.wait_for_selector("[data-test-script-state='notRunning']", timeout=120_000)
    link = tab.locator(f"[data-testid='stTopNavLink'][href$='/{page}']")
    link.wait_for(timeout=60_000)
    began = time.perf_counter()
    link.click()
    tab.wait_for_url(f"**/{page}**", timeout=60_000)
    _shown(tab)
    seconds = time.perf_counter() - began
    tab.close()
    return seconds


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
        (where / "bare.py").write_text(BARE)
        proc, url = start(spec, where / "streamlit.log")
        bare, bare_url = serve(where / "bare.py", {"PATH": "/usr/bin:/bin"})
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                     args=["--no-sandbox", "--disable-gpu"])
                measure(browser, url, bare_url, busiest, args.repeat)
                browser.close()
        finally:
            for process in (proc, bare):
                process.terminate()
                process.wait(10)


def measure(browser, url: str, bare_url: str, busiest: str, repeat: int) -> None:
    """One line per page; the bare page is visited before each of its visits, in the same way."""
    cached = browser.new_context(viewport={"width": 1400, "height": 1000})
    print(f"{'page':<22} {'cold s':>7} {'fresh s':>8} {'bare s':>7} {'new tab s':>10} {'bare s':>7} "
          f"{'top bar s':>10} {'height px':>10}")
    for path in PAGES:
        page = f"{url}/{path.format(busiest=busiest)}"
        cold, _height = fresh(browser, page)
        open_page(cached, page)
        open_page(cached, bare_url)
        runs: dict[str, list[float]] = {k: [] for k in ("fresh", "bare", "tab", "bare_tab", "nav")}
        heights = []
        for _ in range(repeat):
            runs["bare"].append(fresh(browser, bare_url)[0])
            seconds, height = fresh(browser, page)
            runs["fresh"].append(seconds)
            heights.append(height)
            runs["bare_tab"].append(open_page(cached, bare_url)[0])
            runs["tab"].append(open_page(cached, page)[0])
            if "?" not in path:  # the top bar opens a page without its parameters
                runs["nav"].append(by_top_bar(cached, url, path))
        m = {k: statistics.median(v) if v else float("nan") for k, v in runs.items()}
        name = path.split("=")[-1] if "sparql" in path else path.split("?")[0]
        print(f"{name:<22} {cold:7.2f} {m['fresh']:8.2f} {m['bare']:7.2f} {m['tab']:10.2f} {m['bare_tab']:7.2f} "
              f"{m['nav']:10.2f} {max(heights):10,}")
    cached.close()

if __name__ == "__main__":
    main()
