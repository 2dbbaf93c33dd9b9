"""The network page in Chromium on a generated graph: time to a drawn canvas against a bare Streamlit
page's first paint, time to redraw a focus on one actor, and the page's height.

Both servers are warmed first (one visit each, so the graph is loaded and laid out); each figure is
the median of `--repeat` visits in fresh browser contexts. Each is taken twice: by the clock of this
script, which sees a change only when Playwright's polling does (every 100-500 ms once a wait is
long), and by the page's own clocks (navigation start or the key press, to the bare page's heading
being on screen or the drawing's `afterDrawing` event). Prints one line per figure.

    .venv/bin/python benchmarks/generate.py --triples 100000 -o build/bench/g100k.nq
    .venv/bin/stancekg --store oxigraph:build/bench/ox100k load build/bench/g100k.nq
    .venv/bin/python benchmarks/network_page.py --store oxigraph:build/bench/ox100k
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.streamlit_app import serve

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("STANCEKG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]
FRAME = "iframe[title='explorer.netview.network']"
# In every frame: when the bare page's heading is first painted, and when Enter was pressed.
MARKS = """
(() => {
  const now = () => performance.timeOrigin + performance.now();
  document.addEventListener("keydown", e => { if (e.key === "Enter") window.__enterAt = now(); }, true);
  const seen = new MutationObserver(() => {
    if (window.__headingAt || !document.querySelector("[data-testid='stHeading']")) return;
    requestAnimationFrame(() => { window.__headingAt = now(); });
    seen.disconnect();
  });
  document.addEventListener("DOMContentLoaded", () => seen.observe(document.body, {childList: true, subtree: true}));
})();
"""
DRAWN_AT = "() => performance.timeOrigin + window.__drawnMs"  # in the drawing's frame: epoch ms
BARE = 'import streamlit as st\nst.set_page_config(layout="wide")\nst.header("A bare page")\n'


def timed_visit(browser, url: str, ready) -> tuple[float, object, object]:
    """Seconds from navigation to `ready(page)` returning, in a fresh context; the page stays open."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(MARKS)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    ready(page)
    return time.perf_counter() - start, page, context


def canvas_drawn(page) -> None:
    page.frame_locator(FRAME).locator("body[data-drawn='1']").wait_for(timeout=120_000)


def bare_painted(page) -> None:
    page.get_by_text("A bare page").wait_for(timeout=120_000)


def in_page(page, drawn: bool) -> float:
    """Seconds from navigation start to the drawing drawn (or the bare page's heading painted), by the page."""
    if drawn:
        at = page.frame_locator(FRAME).locator("body").evaluate(DRAWN_AT)
    else:
        page.wait_for_function("() => window.__headingAt")
        at = page.evaluate("() => window.__headingAt")
    return (at - page.evaluate("() => performance.timeOrigin")) / 1000


def focus_redraw(page, actor_label: str) -> tuple[float, float]:
    """Seconds from choosing an actor in the focus box to the neighbourhood drawn: by this script's
    clock, and by the page's (from the key press to the drawing's `afterDrawing`)."""
    frame = page.frame_locator(FRAME)
    before = frame.locator("body").get_attribute("data-version")
    box = page.get_by_role("combobox", name="Show the neighbourhood of")
    box.click()
    box.fill(actor_label)
    start = time.perf_counter()
    page.keyboard.press("Enter")
    frame.locator(f"body[data-drawn='1']:not([data-version='{before}'])").wait_for(timeout=60_000)
    seconds = time.perf_counter() - start
    return seconds, (frame.locator("body").evaluate(DRAWN_AT) - page.evaluate("() => window.__enterAt")) / 1000


def page_height(page) -> int:
    return page.evaluate("""() => Math.max(document.documentElement.scrollHeight,
        ...Array.from(document.querySelectorAll('[data-testid="stMain"], section.main'), e => e.scrollHeight))""")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="the store spec holding the generated graph")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--actor", default="", help="the actor to focus on (default: the busiest drawn)")
    args = parser.parse_args()
    env = {**os.environ, "STANCEKG_STORE": args.store, "PYTHONUNBUFFERED": "1"}
    with tempfile.TemporaryDirectory() as work:
        bare_script = Path(work) / "bare.py"
        bare_script.write_text(BARE)
        app, app_url = serve(ROOT / "app.py", env)
        bare, bare_url = serve(bare_script, env)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
                run(browser, app_url, bare_url, args)
                browser.close()
        finally:
            for process in (app, bare):
                process.terminate()
                process.wait(10)


def run(browser, app_url: str, bare_url: str, args) -> None:
    warm = time.perf_counter()
    _, page, context = timed_visit(browser, app_url, canvas_drawn)
    print(f"cold start (graph loaded and laid out, first drawing): {time.perf_counter() - warm:.2f} s")
    actor = args.actor or page.frame_locator(FRAME).locator("body").evaluate(
        """() => { const ids = window.network.body.data.nodes.get({filter: n => n.shape === 'dot'});
                   const deg = id => window.network.getConnectedEdges(id).length;
                   ids.sort((a, b) => deg(b.id) - deg(a.id)); return ids[0].label || ids[0].id; }"""
    )
    context.close()
    timed_visit(browser, bare_url, bare_painted)[2].close()
    figures: dict[str, list[float]] = {k: [] for k in ("bare", "network", "focus", "bare_page", "network_page",
                                                        "focus_page")}
    heights = []
    for _ in range(args.repeat):
        seconds, page, context = timed_visit(browser, bare_url, bare_painted)
        figures["bare"].append(seconds)
        figures["bare_page"].append(in_page(page, drawn=False))
        context.close()
        seconds, page, context = timed_visit(browser, app_url, canvas_drawn)
        figures["network"].append(seconds)
        figures["network_page"].append(in_page(page, drawn=True))
        page.wait_for_selector("[data-test-script-state='notRunning']", timeout=60_000)
        heights.append(page_height(page))
        for key, seconds in zip(("focus", "focus_page"), focus_redraw(page, actor), strict=True):
            figures[key].append(seconds)
        page.wait_for_selector("[data-test-script-state='notRunning']", timeout=60_000)
        heights.append(page_height(page))
        context.close()
    m = {k: statistics.median(v) for k, v in figures.items()}
    for clock, suffix in (("this script's clock", ""), ("the page's clocks", "_page")):
        b, n, f = m["bare" + suffix], m["network" + suffix], m["focus" + suffix]
        print(f"by {clock}, median of {args.repeat} visits:")
        print(f"  bare Streamlit page, first paint: {b:.2f} s")
        print(f"  network page to drawn canvas: {n:.2f} s ({n / b:.2f}x the bare page)")
        print(f"  focus on {actor!r} redrawn: {f:.2f} s (max {max(figures['focus' + suffix]):.2f} s)")
    print(f"page height: at most {max(heights):,} px")
    print(f"{os.cpu_count()} cores; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; store {args.store}")


if __name__ == "__main__":
    main()
