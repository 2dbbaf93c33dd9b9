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
NETWORK_FRAME = "iframe[title='Network of actors, topics and AI systems']"
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


def visit(page, url: str, *, text: str | None = None) -> None:
    """Open a URL and wait until the script has finished running (and `text` is shown)."""
    page.goto(url)
    page.wait_for_selector("[data-test-script-state='notRunning']", timeout=60_000)
    if text:
        page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
    page.wait_for_selector("[data-test-script-state='notRunning']", timeout=60_000)


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
    assert frame.locator("#mynetwork").get_attribute("data-nodes") == "19"
    physics = frame.locator("body").evaluate("() => window.network.physics.options.enabled")
    assert physics is False
    box = page.locator(NETWORK_FRAME).bounding_box()
    where = frame.locator("body").evaluate(
        "() => window.network.canvasToDOM(window.network.getPositions(['elon-musk'])['elon-musk'])")
    page.mouse.move(box["x"] + where["x"], box["y"] + where["y"])
    assert frame.locator("div.vis-tooltip").inner_text(timeout=5_000) == "person: Elon Musk"
    shoot(page, "network")


@pytest.mark.parametrize("path, heading", [
    ("actor?actor=elon-musk", "Elon Musk"),
    ("disagreements", "Who disagrees with whom"),
    ("matrix?actor=elon-musk&topic=digital-superintelligence", "Evidence: Elon Musk on digital superintelligence"),
    ("sources?statement=xai-memphis-article-c11", "Sources: every fact back to the words"),
    ("sparql", "Ask the graph in SPARQL"),
    ("export", "Download the graph"),
])
def test_every_page_renders(page, seed_app, path, heading):
    visit(page, f"{seed_app.url}/{path}", text=heading)
    assert not page.locator("[data-testid='stException']").count()
    shoot(page, path.split("?")[0])


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
    visit(page, f"{seed_app.url}/?actor=larry-page&kind=asserted&lang=es", text="lines shown")
    page.get_by_text("2 of 22 nodes and 1 of 23 lines shown").wait_for()
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
        box = page.locator(NETWORK_FRAME).bounding_box()
        where = frame.locator("body").evaluate(
            "() => window.network.canvasToDOM(window.network.getPositions(['ada-quill'])['ada-quill'])")
        page.mouse.move(box["x"] + where["x"], box["y"] + where["y"])
        assert frame.locator("div.vis-tooltip").inner_text(timeout=5_000).endswith(HOSTILE_ADA)
    if path.startswith("actor?actor=ada"):
        assert page.get_by_role("heading", name=HOSTILE_ADA).is_visible()  # shown as text
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
