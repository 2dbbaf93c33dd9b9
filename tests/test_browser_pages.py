"""Every explorer page in Chromium, in English and Spanish: accessible by axe-core, wholly
translated, long views paged and sorted on a generated graph of hundreds of actors, and a name
typed in the network's short boxes found again.

axe-core is vendored (tests/vendor/axe-core, from npm) and injected into the page, so the check
runs offline; the `page` fixture fails a test on any request to another host. Screenshots of
each page in both languages go to test-artifacts/.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from babel.messages.pofile import read_po
from test_browser import ARTIFACTS, SETTLED, App, browser, chromium, drawn_ids, network_frame, page, shoot, visit  # noqa: F401 - fixtures

from benchmarks.generate import write
from explorer import i18n
from kg import explore
from kg.store import open_store

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
PAGES = {  # name: (path, a heading it shows in English)
    "network": ("", "Who stands where"), "actor": ("actor?actor=elon-musk", "Elon Musk"),
    "disagreements": ("disagreements", "Who disagrees with whom"),
    "matrix": ("matrix?actor=elon-musk&topic=digital-superintelligence",
               "Evidence: Elon Musk on digital superintelligence"),
    "agreement": ("agreement", "Agreement: who agrees"),
    "sources": ("sources?statement=xai-memphis-article-c11", "Sources: every fact back to the words"),
    "sparql": ("sparql", "Ask the graph in SPARQL"), "export": ("export", "Download the graph")}
SERIOUS = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
    .filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => `${v.id} (${v.nodes.length}): ${v.nodes[0].html.slice(0, 160)}`)"""


# the page's text less what it marks as English on purpose (a query's description, an untranslated note)
ENGLISH_REMOVED = """() => [...document.querySelectorAll('[lang=en]')]
    .reduce((text, e) => text.replace(e.innerText, ''), document.body.innerText)"""


@pytest.fixture(scope="module")
def pages_app(chromium):
    app = App("pages", None).wait()
    yield app
    app.stop()


@pytest.fixture(scope="module")
def generated_app(chromium, tmp_path_factory):
    """The explorer on a generated graph of 20,000 triples (400 actors, 230 with stances)."""
    where = tmp_path_factory.mktemp("generated")
    write(where / "graph.nq", 20_000, seed=7)
    store = open_store(f"oxigraph:{where / 'store'}")
    store.load_file(where / "graph.nq")
    actors = {e.id: e.label for e in explore.entities(store) if e.kind in ("person", "organisation")}
    store.close()
    app = App("generated", None, env={"STANCEKG_STORE": f"oxigraph:{where / 'store'}"}).wait()
    app.actors = actors  # what the graph names, to compare with what a page lists
    yield app
    app.stop()


def english_phrases() -> list[str]:
    """Phrases of the interface's English that its Spanish does not contain (markup and
    placeholders taken out): none of them may remain on a page shown in Spanish."""
    with i18n.po_path("es").open("rb") as po:
        catalog = read_po(po, locale="es")
    phrases = set()
    for m in catalog:
        if not m.id or not m.string:
            continue
        for piece in re.split(r"\{[a-z_]*\}|\*\*|[*`«»()]", m.id):
            piece = piece.strip(" .,:;·—-")
            if len(piece) >= 10 and " " in piece and piece not in m.string:
                phrases.add(piece)
    return sorted(phrases)


def test_every_page_in_both_languages_is_accessible_and_translated(page, pages_app):
    """In Spanish the reader's system prefers a dark theme: the page must stay as readable."""
    english, problems = english_phrases(), []
    for lang, scheme in (("en", "light"), ("es", "dark")):
        page.emulate_media(color_scheme=scheme)
        for name, (path, heading) in PAGES.items():
            visit(page, f"{pages_app.url}/{path}{'&' if '?' in path else '?'}lang={lang}",
                  text=heading if lang == "en" else None)
            if page.locator("[data-testid='stException']").count():
                problems.append(f"{name} {lang}: {page.locator('[data-testid=stException]').first.inner_text()}")
            shoot(page, f"page-{name}-{lang}")
            page.add_script_tag(path=str(AXE))
            problems += [f"{name} {lang} ({scheme} system theme): axe {v}" for v in page.evaluate(SERIOUS)]
            if lang == "es":
                shown = page.evaluate(ENGLISH_REMOVED)
                problems += [f"{name}: English left in Spanish: {p!r}" for p in english if p in shown]
    assert not problems, "\n".join(problems)


# Streamlit's own hints: the element's text, whether it is seen, and what CSS draws in its place
HINTS = """() => [...document.querySelectorAll('[data-testid=InputInstructions] > span:first-child')]
    .map(e => [e.textContent, getComputedStyle(e).visibility, getComputedStyle(e, '::after').content])"""


def test_streamlits_own_hints_are_in_spanish(page, pages_app):
    """The hints Streamlit writes under a field being typed in ("Press Enter to apply") have no
    Spanish of their own: the explorer draws the catalog's in their place, and hides the English."""
    es = i18n.translations("es").gettext
    visit(page, f"{pages_app.url}/sparql?lang=es&mode=own", text=es("Ask the graph in SPARQL"))
    for label, english in ((es("Search"), "Press Enter to apply"), (es("Your query"), "Press Ctrl+Enter to apply")):
        page.get_by_label(label, exact=True).type("mus")  # a hint shows while the field is being typed in
        page.wait_for_function(f"() => ({HINTS})().length", timeout=30_000)
        page.wait_for_function(SETTLED, timeout=60_000)
        assert page.evaluate(HINTS) == [[english, "hidden", json.dumps(es(english))]] and es(english) != english
        shown = page.evaluate(ENGLISH_REMOVED)
        assert "Press" not in shown and es(english) not in shown  # what CSS draws is not the page's text
        shoot(page, f"hint-{english.split()[1].lower()}-es")


# what CSS draws in place of an element's text (hidden): [visibility, the ::after content]
DRAWN = """(sel) => { const e = document.querySelector(sel);
    return e && [getComputedStyle(e).visibility, getComputedStyle(e, '::after').content]; }"""


def test_streamlits_lists_menu_and_table_tooltips_are_in_spanish(page, pages_app):
    """A choice list with no match, the menu, a table's toolbar tooltip: Streamlit's English is hidden
    and the catalog's Spanish drawn in its place."""
    es = i18n.translations("es").gettext
    visit(page, f"{pages_app.url}/sparql?lang=es&q=graph-sizes", text=es("Ask the graph in SPARQL"))
    page.get_by_role("combobox", name=es("Question")).click()
    page.keyboard.type("zzqx")
    empty = '[role="listbox"][data-empty="true"] [role="option"] > span'
    page.wait_for_selector(empty, state="attached")  # hidden: its text is drawn by CSS
    assert page.evaluate(DRAWN, empty) == ["hidden", json.dumps(es("No results"))] and es("No results") != "No results"
    shoot(page, "no-results-es")
    page.keyboard.press("Escape")
    page.locator("[data-testid='stDataFrame']").first.hover()
    page.locator("[data-testid='stBaseButton-elementToolbar'][aria-label='Download as CSV']").hover()
    tip = "[data-testid='stTooltipContent'] p"
    page.wait_for_selector(tip, state="attached")  # hidden: its text is drawn by CSS
    assert page.evaluate(DRAWN, tip) == ["hidden", json.dumps(es("Download as CSV"))]
    shoot(page, "table-tooltip-es")
    page.mouse.move(5, 5)
    page.locator("[data-testid='stMainMenu'] button").click()
    label = "[data-testid='stMainMenuItem-print'] [data-testid='stMainMenuItemLabel']"
    page.wait_for_selector(label, state="attached")  # hidden: its text is drawn by CSS
    assert page.evaluate(DRAWN, label) == ["hidden", json.dumps(es("Print"))]
    shown = page.evaluate(ENGLISH_REMOVED)
    assert not {"Print", "Record screen", "No results"} & set(shown.splitlines())
    shoot(page, "menu-es")


def test_the_matrix_pages_sorts_and_keeps_its_view_in_the_url(page, generated_app, browser):
    visit(page, f"{generated_app.url}/matrix", text="Evidence:")
    counted = re.search(r"([\d,]+) of ([\d,]+) match", page.get_by_text(" match.").first.inner_text())
    matches = int(counted[1].replace(",", ""))
    assert matches > 100 and counted[1] == counted[2]
    assert page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight") < 10_000  # the scroller
    first = page.get_by_role("heading", name=re.compile("^Evidence: ")).inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV of this view").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert len(rows) == matches + 1 and rows[0][0] == "Actor"
    names = sorted((r[0] for r in rows[1:]), key=str.casefold)
    assert first == f"Evidence: {names[0]}"
    page.get_by_text("↓", exact=True).click()  # descending
    page.get_by_role("heading", name=f"Evidence: {names[-1]}").wait_for(timeout=30_000)
    page.evaluate("window.__stayed = 1")  # choosing a page reruns the table, never reloads the app
    page.get_by_role("combobox", name=re.compile("^Page")).click()
    page.get_by_role("option", name="2", exact=True).click()
    page.get_by_role("heading", name=f"Evidence: {names[-26]}").wait_for(timeout=30_000)
    assert page.evaluate("window.__stayed") == 1
    assert "mxdir=desc" in page.url and "mxpage=2" in page.url
    shoot(page, "matrix-generated")
    fresh = browser.new_context(viewport={"width": 1400, "height": 1000})
    again = fresh.new_page()
    visit(again, page.url, text="Evidence:")
    assert again.get_by_role("heading", name=f"Evidence: {names[-26]}").is_visible()
    fresh.close()


# every option of an open dropdown: it builds only those in sight, so it is scrolled to the end
LISTED = """async () => {
    const box = document.querySelector('[role=listbox]'), seen = new Set();
    for (let top = 0; ; top += box.clientHeight) {
        box.scrollTop = top;
        await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
        box.querySelectorAll('[role=option]').forEach(o => seen.add(o.innerText));
        if (top + box.clientHeight >= box.scrollHeight) return [...seen];
    } }"""


def focused(page) -> list[str]:
    return parse_qs(urlparse(page.url).query).get("focus", [])


def test_a_name_typed_in_a_short_box_of_the_network_focuses_it(page, generated_app):
    """Past 200 nodes the focus box lists only the busiest: any other actor is typed, in any case."""
    visit(page, generated_app.url, text="Who stands where")
    drawn = drawn_ids(network_frame(page))
    box = page.get_by_role("combobox", name="Show the neighbourhood of")
    box.click()
    listed = set(page.evaluate(LISTED))
    page.keyboard.press("Escape")
    assert 20 < len(listed) < 100 and "everything" in listed  # short: the hubs, not the 400 actors
    actor, name = next((i, n) for i, n in sorted(generated_app.actors.items()) if i in drawn and n not in listed)
    box.click()
    page.keyboard.type(name.swapcase())  # "rOSA bRANDT 7": no option has this text
    offer = '[data-key="__creatable__"] [data-item-hl]'  # Streamlit's "Add: …": the name is looked up, not added
    page.wait_for_selector(offer, state="attached")  # hidden: its text is drawn by CSS
    assert page.evaluate(DRAWN, offer) == ["hidden", json.dumps("Look up the name typed")]
    page.keyboard.press("Enter")
    caption = page.get_by_text(f"Focus: {name}, 1 line(s) away.")
    caption.wait_for(timeout=30_000)
    page.wait_for_selector("[data-test-script-state='notRunning']", timeout=60_000)
    assert focused(page) == [actor] and box.input_value() == name
    box.click()
    page.keyboard.type("zzqx nobody")
    page.keyboard.press("Enter")
    page.get_by_text("No match for this search. «zzqx nobody»").wait_for(timeout=30_000)
    page.wait_for_selector("[data-test-script-state='notRunning']", timeout=60_000)
    assert focused(page) == [actor] and caption.is_visible() and box.input_value() == name
    shoot(page, "network-typed-name")
