"""The Curate page in Debian's Chromium: a journalist adds a source and a stance without YAML.

Each app runs on its own copy of the fictional corpus. The files the page writes are read back
by `stancekg validate` and `stancekg query`, and the stance is looked up on the actor's profile.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FICTIONAL
from test_browser import App, browser, chromium, page, shoot, visit  # noqa: F401 - fixtures

STORY = ("Quill's colleague speaks out\n\nAdam Quill, who runs the Lantern Letter, said on Monday: "
         "\"I no longer think open weights are safe.\" He added that compute caps are overdue.\n")
HOSTILE = ('<script>window.__xss=1</script><img src=x onerror="window.__xss=2"> Ada Quill said: '
           '"<b onmouseover=window.__xss=3>open weights</b> are fine" <svg onload="window.__xss=4">\n')


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    data = tmp_path_factory.mktemp("curate") / "data"
    shutil.copytree(FICTIONAL, data)
    return data


@pytest.fixture(scope="module")
def curate_app(chromium, corpus):
    app = App("curate", corpus, env={"STANCEKG_CURATE": "1"}).wait()
    yield app
    app.stop()


def settle(page) -> None:
    page.wait_for_timeout(400)
    page.wait_for_selector("[data-test-script-state='notRunning']", timeout=90_000)


def choose(page, key: str, option: str) -> None:
    """Pick `option` in the searchable choice inside the field container `key`, by typing it."""
    box = page.locator(f".st-key-cur-f-{key} [data-testid='stSelectbox']")
    box.click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option).first.click()
    settle(page)


def type_in(page, label: str, text: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(text)
    field.press("Tab")
    settle(page)


def create_source(page, app, text: str, title: str) -> None:
    visit(page, f"{app.url}/curate", text="Create the source")
    page.get_by_label("Paste the source's text, exactly as published").fill(text)
    page.get_by_label("Title (as printed)").fill(title)
    page.get_by_label("Date (YYYY, YYYY-MM or YYYY-MM-DD)").fill("2031-03")
    page.get_by_role("button", name="Create the source").click()
    page.get_by_text("Saved ").first.wait_for(timeout=90_000)
    settle(page)


def stancekg(data, *args) -> subprocess.CompletedProcess:
    command = Path(sys.executable).with_name("stancekg")  # the installed command, as a curator runs it
    return subprocess.run([str(command), "--data", str(data), *args], capture_output=True, text=True, timeout=300)


def test_a_journalist_adds_a_source_and_a_stance_with_a_new_actor(page, curate_app, corpus):
    create_source(page, curate_app, STORY, "Quill's colleague speaks out")
    assert (corpus / "sources" / "quill-s-colleague-speaks-out.txt").read_text(encoding="utf-8") == STORY
    shoot(page, "curate-source-created")

    # a suggested passage, one click away; then one word fewer with the keyboard on the slider
    page.locator("[class*='st-key-cur_sug_']").get_by_role("button", name="I no longer think open weights are safe.",
                                                           exact=True).click()
    settle(page)
    assert page.locator("#cur-quote").inner_text() == "I no longer think open weights are safe."
    last = page.locator("[data-testid='stSlider']").last.get_by_role("slider").last
    last.focus()
    last.press("ArrowLeft")
    settle(page)
    assert page.locator("#cur-quote").inner_text() == "I no longer think open weights are safe"
    last.press("ArrowRight")
    settle(page)

    choose(page, "asserted-by", "+ New actor…")
    choose(page, "stances-holder", "+ New actor…")
    type_in(page, "Name in English", "Adam Quill")
    warning = page.get_by_text("is spelt almost like 'Ada Quill'")
    warning.wait_for(timeout=30_000)  # the near-duplicate warning, before anything is saved
    assert "It will be adam-quill" in page.locator(".st-key-cur-new-actor").inner_text()
    choose(page, "stances-topic", "open weights · pesos abiertos")
    page.locator(".st-key-cur-f-stances-polarity").get_by_text("opposes", exact=True).click()
    settle(page)
    type_in(page, "The claim in English, one sentence", "Adam Quill no longer thinks open weights are safe.")
    type_in(page, "When held (optional)", "2031-03")
    shoot(page, "curate-statement-form")
    page.get_by_role("button", name="Save the statement").click()
    page.get_by_text("Saved S01 in quill-s-colleague-speaks-out.yaml").wait_for(timeout=90_000)
    settle(page)

    path = corpus / "sources" / "quill-s-colleague-speaks-out.yaml"
    checked = stancekg(corpus, "validate", str(path))
    assert checked.returncode == 0, checked.stderr
    assert "ok: 1 source file, 1 statements" in checked.stdout
    answer = stancekg(corpus, "query", "stances-of-actor", "Adam Quill", "--format", "csv")
    assert answer.returncode == 0, answer.stderr
    assert "open weights,opposes" in answer.stdout and "I no longer think open weights are safe." in answer.stdout

    visit(page, f"{curate_app.url}/actor?actor=adam-quill", text="Adam Quill")  # the graph was rebuilt
    page.get_by_text("I no longer think open weights are safe.").first.wait_for(timeout=30_000)
    assert "Quill's colleague speaks out" in page.locator("[data-testid='stMain']").inner_text()
    shoot(page, "curate-profile-after-save")


def test_an_invalid_save_shows_the_error_at_the_field_and_writes_nothing(page, curate_app, corpus):
    path = corpus / "sources" / "harbor-daily.yaml"
    before = path.read_bytes()
    visit(page, f"{curate_app.url}/curate?source=harbor-daily", text="Save the statement")
    page.locator("[class*='st-key-cur_sug_']").get_by_role("button", name="Caps would freeze progress.",
                                                           exact=True).click()
    settle(page)
    choose(page, "asserted-by", "Borealis Labs · Laboratorios Borealis")
    page.locator(".st-key-cur-f-stances-polarity").get_by_text("opposes", exact=True).click()
    settle(page)
    type_in(page, "The claim in English, one sentence", "Borealis Labs says caps would freeze progress.")
    page.get_by_role("button", name="Save the statement").click()
    page.get_by_text("Nothing was written").wait_for(timeout=90_000)
    settle(page)
    holder = page.locator(".st-key-cur-f-stances-holder")
    assert "'holder' is required" in holder.inner_text()
    assert "'holder' is required" not in page.locator(".st-key-cur-f-claim").inner_text()
    assert path.read_bytes() == before
    shoot(page, "curate-invalid-save")


# the file uploader's words: the element's own text, whether it is seen, and what CSS draws in its place
UPLOADER = """() => [...document.querySelectorAll('[data-testid=stFileUploaderDropzone] button p, '
    + '[data-testid=stFileUploaderDropzoneInstructions] span, [data-testid=stTopNavSection] p')]
    .map(e => [e.textContent, getComputedStyle(e).visibility, getComputedStyle(e, '::after').content])"""


def test_the_page_in_spanish(page, curate_app):
    visit(page, f"{curate_app.url}/curate?lang=es", text="Curar: añadir lo que dice una fuente")
    page.locator("[data-testid=stFileUploaderDropzoneInstructions]").wait_for()
    words = page.evaluate(UPLOADER)  # Streamlit's own, hidden, and the catalog's drawn in their place
    assert [(seen, drawn) for _, seen, drawn in words] == [
        ("hidden", '"Más"'), ("hidden", '"Subir"'), ("hidden", '"Hasta 200 MB por archivo"')]
    # 9 pages do not fit in 1,400 px: the last two are under "2 more"
    assert [text.split(" • ")[0] for text, _, _ in words] == ["2 more", "Upload", "200MB per file"]
    assert "per file" not in page.locator("[data-testid=stFileUploader]").inner_text()
    shoot(page, "curate-new-source-es")
    visit(page, f"{curate_app.url}/curate?lang=es&source=harbor-daily", text="Curar: añadir lo que dice una fuente")
    page.get_by_text("Pasajes sugeridos").wait_for()
    shoot(page, "curate-es")


def test_hostile_text_pasted_as_a_source_stays_inert(page, curate_app, corpus):
    create_source(page, curate_app, HOSTILE, "Hostile paste")
    assert (corpus / "sources" / "hostile-paste.txt").read_text(encoding="utf-8") == HOSTILE
    shown = page.locator(".curtext")
    shown.wait_for(timeout=30_000)
    assert "<script>window.__xss=1</script>" in shown.inner_text()  # shown as text
    page.locator("[class*='st-key-cur_sug_']").first.click()
    settle(page)
    page.wait_for_timeout(500)
    for frame in page.frames:
        assert frame.evaluate("() => typeof window.__xss") == "undefined", frame.url
    assert page.evaluate("() => document.querySelectorAll('img[src=x], svg[onload], b[onmouseover]').length") == 0
    shoot(page, "curate-hostile")


def test_the_page_is_absent_when_curation_is_off(page, chromium, corpus):
    app = App("curate-off", corpus).wait()
    try:
        visit(page, f"{app.url}/curate")
        page.get_by_text("Who stands where").first.wait_for(timeout=30_000)  # the default page instead
        assert page.get_by_role("link", name="Curate").count() == 0
        assert page.get_by_text("Create the source").count() == 0
    finally:
        app.stop()


def test_curation_is_refused_on_a_public_address_without_a_password(page, chromium, corpus):
    app = App("curate-public", corpus, address="0.0.0.0", env={"STANCEKG_CURATE": "1"}).wait()  # noqa: S104
    try:
        visit(page, f"{app.url}/curate", text="Curation is refused")
        assert page.get_by_text("Create the source").count() == 0
        assert page.get_by_label("Paste the source's text, exactly as published").count() == 0
        shoot(page, "curate-refused")
    finally:
        app.stop()
