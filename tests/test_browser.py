"""The explorer in a real browser: Debian's Chromium driven by Playwright, against `streamlit run app.py`.

Every test records every request the browser makes and fails on any to a host other than the
app's own. Each page is kept as a screenshot in test-artifacts/. Chromium missing: the tests
skip on a workstation and fail under CI (CI=true), where `make system` installs it.
"""

from __future__ import annotations

import csv
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import FIXTURES
from rdflib import Graph
from serving import start_server

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("STANCEKG_CHROMIUM", "/usr/bin/chromium"))  # Debian's, never a download
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
NETWORK_FRAME = "iframe[title='explorer.netview.network']"  # the drawing component
HOSTILE_ADA = '<img src=x onerror="window.__xss=1">Ada Quill'


# fixtures: the app, the browser, a page that watches its own requests --------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class App:
    """`streamlit run app.py` on a free local port, with the graph built from `data`."""

    def __init__(self, name: str, data: Path | None, *, address: str = "127.0.0.1", env: dict | None = None):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("STANCEKG_CURATE")},
               "PYTHONUNBUFFERED": "1", **(env or {})}
        env.pop("STANCEKG_DATA", None)
        if data is not None:
            env["STANCEKG_DATA"] = str(data)
        self.log = ARTIFACTS / f"streamlit-{name}.log"
        ARTIFACTS.mkdir(exist_ok=True)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
             "--server.address", address, "--server.port", str(self.port), "--browser.gatherUsageStats",
             "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT)

    def wait(self, timeout: float = 90) -> App:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited ({self.process.returncode}):\n{self.log.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise TimeoutError(f"streamlit did not answer on {self.url} within {timeout} s:\n{self.log.read_text()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: `make system` installs Debian's chromium"
        if os.environ.get("CI"):  # as tests/test_reasoner.py: under CI a missing tool is a failure
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def seed_app(chromium):
    app = App("seed", None).wait()
    yield app
    app.stop()


@pytest.fixture(scope="module")
def hostile_app(chromium):
    app = App("hostile", FIXTURES / "hostile").wait()
    yield app
    app.stop()


@pytest.fixture()
def page(browser):
    """A fresh browser page; the test fails if it requested any host but 127.0.0.1 or opened a dialog."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    tab = context.new_page()
    tab.requested, tab.dialogs = [], []
    tab.on("request", lambda request: tab.requested.append(request.url))
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()
    foreign = [url for url in tab.requested
               if urlparse(url).scheme not in ("data", "blob", "about") and urlparse(url).hostname != "127.0.0.1"]
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not tab.dialogs, f"dialogs opened: {tab.dialogs}"


# the script is still and nothing on the page is faded as stale (Streamlit fades what a run is redoing)
SETTLED = """() => document.querySelector("[data-test-script-state='notRunning']")
    && !document.querySelector('[data-stale=true]')"""


def visit(page, url: str, *, text: str | None = None) -> None:
    """Open a URL and wait until the script has finished running (and `text` is shown). A network
    drawing, once on screen, asks for one more run: that one is waited for too."""
    page.goto(url)
    page.wait_for_selector("[data-test-script-state='notRunning']", timeout=60_000)
    if text:
        page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
    if page.locator(NETWORK_FRAME).count():
        network_frame(page)
        page.wait_for_timeout(500)  # the run it asks for starts
    page.wait_for_function(SETTLED, timeout=60_000)


def shoot(page, name: str) -> None:
    """Keep a screenshot of the whole page, once it has finished running and painting."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_selector("[data-test-script-state='notRunning']", timeout=60_000)
    page.wait_for_timeout(600)  # tables and fonts paint after the script ends
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def network_frame(page):
    frame = page.frame_locator(NETWORK_FRAME)
    frame.locator("body[data-drawn='1']").wait_for(timeout=30_000)
    return frame


def point(page, frame, *ids: str) -> tuple[float, float]:
    """Where on the page a node is (one id), or the middle of the line between two."""
    box = page.locator(NETWORK_FRAME).bounding_box()
    spots = [frame.locator("body").evaluate(
        "(body, id) => window.network.canvasToDOM(window.network.getPositions([id])[id])", i) for i in ids]
    return (box["x"] + sum(s["x"] for s in spots) / len(spots), box["y"] + sum(s["y"] for s in spots) / len(spots))


def tooltip(page, frame, *ids: str) -> str:
    """The tooltip shown when hovering a node (one id) or the line between two nodes."""
    page.mouse.move(0, 0)
    page.mouse.move(*point(page, frame, *ids))
    tip = frame.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5_000)
    return tip.inner_text()


def drawn_ids(frame) -> set[str]:
    return set(frame.locator("body").evaluate("() => window.network.body.data.nodes.getIds()"))


# the tests ----------------------------------------------------------------------------------------------

def test_network_canvas_is_drawn(page, seed_app):
    visit(page, seed_app.url, text="Who stands where")
    frame = network_frame(page)
    inked = frame.locator("canvas").evaluate("""canvas => {
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3] > 0 && pixels[i] < 200) inked++;
        return inked; }""")
    assert inked > 2000  # nodes and lines, not a blank canvas
    assert len(drawn_ids(frame)) == 20  # the two nodes with no line are listed under the drawing instead
    assert frame.locator("body").evaluate("() => window.network.physics.options.enabled") is False
    alternative = frame.locator("#mynetwork").get_attribute("aria-label")
    assert alternative.startswith("Network of 20 nodes") and "Elon Musk" in alternative
    assert tooltip(page, frame, "elon-musk") == "person: Elon Musk"
    line = tooltip(page, frame, "elon-musk", "larry-page")
    assert "su desacuerdo con las opiniones del ex CEO de Google, Larry Page" in line  # the quote as printed
    assert "his disagreement with the views of former Google CEO Larry Page" in line  # its gloss
    assert "«Musk crea un gigante de la supercomputación" in line  # its source
    merged = tooltip(page, frame, "elon-musk", "openai")
    assert merged.startswith("6 lines: ") and all(k in merged.split("\n")[0] for k in
                                                  ("disagrees with", "co-founded", "left", "funded"))
    shoot(page, "network")
    page.mouse.click(*point(page, frame, "elon-musk"))
    page.wait_for_url("**node=elon-musk**")
    panel = page.get_by_text("la IA debe basarse en principios", exact=False).first
    panel.wait_for(timeout=30_000)
    assert page.get_by_text("AI must be based on", exact=False).first.is_visible()  # the gloss
    assert page.get_by_text("«Musk crea un gigante de la supercomputación", exact=False).first.is_visible()
    shoot(page, "network-panel")


def test_search_focus_and_the_url_reopen_the_same_view(page, seed_app, browser):
    visit(page, f"{seed_app.url}/sources", text="quoted passages")
    search = page.get_by_role("textbox", name="Search")
    search.fill("LARRY")
    search.press("Enter")
    page.get_by_role("button", name="Larry Page").click()
    page.wait_for_url("**focus=larry-page**")
    frame = network_frame(page)
    assert drawn_ids(frame) == {"larry-page", "elon-musk", "google"}
    before = frame.locator("body").get_attribute("data-version")
    page.get_by_text("2 hops").click()
    page.wait_for_url("**hops=2**")
    frame.locator(f"body[data-drawn='1']:not([data-version='{before}'])").wait_for(timeout=30_000)
    url, expected = page.url, drawn_ids(frame)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    fresh = context.new_page()
    try:
        visit(fresh, url, text="Who stands where")
        assert drawn_ids(network_frame(fresh)) == expected
        assert "openai" in expected and "gpt-4" not in expected
        fresh.get_by_text("Evidence for").wait_for()
        shoot(fresh, "network-focus")
    finally:
        context.close()
    visit(page, f"{seed_app.url}/?lang=es&node=elon-musk")
    assert "apoya" in network_frame(page).locator("#legend").inner_text()
    shoot(page, "network-es")


def test_sources_highlights_link_to_their_statement(page, seed_app):
    visit(page, f"{seed_app.url}/sources", text="quoted passages")
    highlight = page.locator("a.q", has_text="expresó preocupaciones crecientes").first
    highlight.click()
    page.wait_for_url("**statement=xai-memphis-article-c11**")
    page.get_by_text("Musk has growing concerns about AI safety").first.wait_for()


def test_named_query_runs_and_downloads_csv(page, seed_app):
    visit(page, f"{seed_app.url}/sparql?q=stances-of-actor&actor=id:elon-musk", text="5 rows in")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert len(rows) == 5 and "AI safety" in {r["topicLabel"] for r in rows}


def test_custom_query_runs_and_refusals_are_plain(page, seed_app):
    visit(page, f"{seed_app.url}/sparql?mode=own", text="Your query")
    editor = page.get_by_label("Your query")
    editor.fill("SELECT ?topic ?label WHERE { ?topic a ask:Topic ; rdfs:label ?label }")
    editor.press("Control+Enter")
    page.get_by_text("12 rows in").wait_for(timeout=30_000)
    assert "sparql=SELECT" in page.url
    shoot(page, "sparql-own")
    editor.fill("DELETE WHERE { ?s ?p ?o }")
    editor.press("Control+Enter")
    page.get_by_text("updates are not allowed").wait_for(timeout=30_000)


def test_turtle_download_parses(page, seed_app):
    visit(page, f"{seed_app.url}/export", text="Download Turtle")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download Turtle").click()
    assert download.value.suggested_filename == "ai-stance-kg.ttl"
    graph = Graph().parse(download.value.path(), format="turtle")
    assert len(graph) > 2000


def test_a_shared_url_opens_the_same_view(page, seed_app):
    visit(page, f"{seed_app.url}/?actor=larry-page&kind=asserted&lang=es", text="Se muestran")
    page.get_by_text("Se muestran 2 de 22 nodos y 1 de 23 líneas.").wait_for()
    assert page.get_by_role("radio", name="Español").is_checked()
    legend = network_frame(page).locator("#legend").inner_text()
    assert "desacuerdo afirmado por una fuente" in legend
    visit(page, f"{seed_app.url}/actor?actor=larry-page", text="Larry Page")
    page.get_by_text("English", exact=True).click()
    page.get_by_text("Español", exact=True).click()
    page.wait_for_url("**lang=es**")
    assert "actor=larry-page" in page.url


@pytest.mark.parametrize("path", ["", "actor?actor=ada-quill", "actor?actor=cobalt-institute",
                                  "disagreements", "matrix", "sources?statement=harbor-daily-f02",
                                  "?lang=es", "sparql?q=disagreements"])
def test_hostile_labels_do_not_run(page, hostile_app, path):
    visit(page, f"{hostile_app.url}/{path}")
    if not path or path.startswith("?"):
        frame = network_frame(page)
        assert tooltip(page, frame, "ada-quill").endswith(HOSTILE_ADA)
        assert HOSTILE_ADA in tooltip(page, frame, "ada-quill", "borealis-labs")  # a merged line
    if not path:  # the side panel and the search's matches show the label as text
        page.mouse.click(*point(page, frame, "ada-quill"))
        page.get_by_role("heading", name=HOSTILE_ADA).wait_for(timeout=30_000)
        search = page.get_by_role("textbox", name="Search")
        search.fill("quill")
        search.press("Enter")
        page.get_by_role("button", name=HOSTILE_ADA).wait_for(timeout=30_000)
    if path.startswith("actor?actor=ada"):
        assert page.get_by_role("heading", name=HOSTILE_ADA).is_visible()  # shown as text
    if path in ("disagreements", "matrix"):  # the first row's evidence panel names her, as text
        page.get_by_text(HOSTILE_ADA).filter(visible=True).first.wait_for(timeout=30_000)  # not the grid's hidden cells
    page.wait_for_timeout(500)
    for frame in page.frames:
        assert frame.evaluate("() => typeof window.__xss") == "undefined", frame.url
    assert page.evaluate("() => document.querySelectorAll('img[src=x], svg[onload]').length") == 0
    if path in ("", "actor?actor=ada-quill", "sources?statement=harbor-daily-f02"):
        shoot(page, "hostile-" + (path.split("?")[0] or "network"))


# the endpoint's SPARQL editor -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def endpoint(chromium):
    yield from start_server()


def test_the_endpoint_editor_runs_a_named_query_offline(page, endpoint):
    """YASGUI, served by `stancekg serve` from its own files, runs a named query against the endpoint
    (the page fixture fails the test on any request to another host)."""
    page.goto(endpoint.replace("/sparql", "/"))
    page.get_by_role("tab", name="Disagreements", exact=True).click()
    visible = page.locator(".tabPanel.active")
    visible.locator(".CodeMirror").wait_for(timeout=30_000)
    assert "PREFIX ask:" in visible.locator(".CodeMirror").inner_text()
    visible.locator(".yasqe_queryButton").click()
    visible.locator(".yasr table tbody tr").first.wait_for(timeout=30_000)
    results = visible.locator(".yasr").inner_text()
    assert "elon-musk" in results and "larry-page" in results
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "endpoint-editor.png"), full_page=True)
