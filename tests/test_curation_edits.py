"""The library behind the Curate page: suggested passages, YAML entries, validated saves.

All on copies of the fictional corpus; every save is checked by the code `stancekg validate`
runs, and the files written are read back by that command and by the graph builder.
"""

from __future__ import annotations

import difflib

import pytest
from click.testing import CliRunner
from conftest import FICTIONAL
from rdflib.namespace import RDF

from kg.build import builder
from kg.cli import main
from kg.curation import edits, passages, read_corpus, scaffold, yamlfile
from kg.curation.drafts import (
    EntityDraft,
    RelationDraft,
    ReportedDraft,
    StanceDraft,
    StatementDraft,
    date_value,
    draft_from,
    lookalikes,
    new_id,
    next_statement_id,
    statement_node,
)
from kg.rdf.namespaces import ASK, ID

TEXT = ("Quill on open weights\n\nAda Quill, who co-founded Borealis Labs, told the Lantern Letter in March 2031: "
        "\"I no longer think open weights are safe.\" Tomas Brine, a lawyer, said he is worried about compute "
        "caps. It's the lab's 'open by default' policy.\n")


def names():
    return [e.named() for e in read_corpus(FICTIONAL, []).all_entities().values()]


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]


# ----------------------------------------------------------------------------- suggested passages


def test_quoted_passages_in_every_kind_of_quotation_mark_are_slices_of_the_text():
    text = ("«La IA no es segura», dijo Pérez. She called it “a real brake” and then \"the only brake we have\"; "
            "don't say 'it will be fine' she added, and isn't it?")
    found = [p for p in passages.suggest(text) if p.kind == "quoted"]
    assert [text[p.start:p.end] for p in found] == [
        "La IA no es segura", "a real brake", "the only brake we have", "it will be fine"]
    assert {p.why for p in found} == {"«…»", "“…”", '"…"', "'…'"}  # no quote opened by "don't"/"isn't"


def test_sentences_with_a_reporting_verb_in_english_and_spanish_and_known_names():
    text = ("El Dr. Pérez dijo que la IA es un riesgo. Según el Instituto Cobalto, nadie lo sabe. "
            "Borealis Labs opposes compute caps. The weather was fine. Quill wrote a book.")
    found = {text[p.start:p.end]: p for p in passages.suggest(text, names())}
    assert found["El Dr. Pérez dijo que la IA es un riesgo."].why == "dijo"  # "Dr." does not end the sentence
    cobalt = found["Según el Instituto Cobalto, nadie lo sabe."]
    assert cobalt.kind == "reporting" and cobalt.why == "Según" and cobalt.mentions == ("cobalt-institute",)
    caps = found["Borealis Labs opposes compute caps."]
    assert caps.kind == "stance" and caps.mentions == ("borealis-labs", "compute-caps")
    assert found["Quill wrote a book."].mentions == ("ada-quill",)  # a person by surname alone
    assert "The weather was fine." not in found


def test_a_sentence_naming_a_known_actor_is_suggested_even_without_a_verb():
    text = "A quiet week. Laboratorios Borealis in the news."
    (only,) = passages.suggest(text, names())
    assert (only.kind, only.mentions, text[only.start:only.end]) == (
        "mention", ("borealis-labs",), "Laboratorios Borealis in the news.")


def test_fold_keeps_offsets():
    text = "Según Peña, ﬁne"
    assert len(passages.fold(text)) == len(text) and passages.fold(text).startswith("segun pena")


# ----------------------------------------------------------------------------- YAML entries


def test_an_entry_is_added_rewritten_and_removed_with_every_other_line_kept(tmp_path):
    original = (FICTIONAL / "sources" / "harbor-daily.yaml").read_text(encoding="utf-8")
    original = original.replace("  - id: F02\n", "  # Borealis's own words\n  - id: F02  # keep me\n")
    node = statement_node(StatementDraft("F06", ["stance"], "ada-quill", claim={"en": "Yes, and no: a claim"},
                                         exact="x", gloss="y", stance=StanceDraft("ada-quill", "open-weights",
                                                                                 "opposes", date="2031-03-05")))
    added = yamlfile.insert_item(original, "statements", node)
    assert changed_lines(original, added) == [
        "+ ", "+   - id: F06", "+     kind: [stance]", "+     asserted_by: ada-quill",
        '+     claim: {en: "Yes, and no: a claim"}', "+     quotes:", "+       - exact: x", "+         gloss: y",
        "+     stances:", "+       - {holder: ada-quill, topic: open-weights, polarity: opposes, date: 2031-03-05}"]
    f02 = yamlfile.parse(added)["statements"][1]
    f02["claim"]["es"] = "Borealis Labs se opone."
    rewritten = yamlfile.replace_item(added, "statements", 1, f02)
    assert changed_lines(added, rewritten) == [
        "-     claim: {en: Borealis Labs opposes compute caps.}",
        "+     claim: {en: Borealis Labs opposes compute caps., es: Borealis Labs se opone.}"]
    assert "  - id: F02  # keep me" in rewritten and "  # Borealis's own words" in rewritten
    assert yamlfile.remove_item(rewritten, "statements", 5) == yamlfile.replace_item(
        original, "statements", 1, f02)


def test_removing_the_only_statement_keeps_the_scaffolds_examples(tmp_path):
    files = scaffold.prepare(scaffold.NewSource("quill", "Quill", "en", "interview", TEXT), FICTIONAL)
    template = files[scaffold.paths(FICTIONAL, "quill")[0]]
    one = yamlfile.insert_item(template, "statements", statement_node(StatementDraft("S01", exact="x")))
    assert one.index("  - id: S01") < one.index("## A stance its holder states")
    assert yamlfile.remove_item(one, "statements", 0) == template


def test_new_entries_keep_the_documented_key_order_and_edits_keep_what_the_form_does_not_show():
    old = yamlfile.parse("statements:\n  - id: N01\n    kind: [stance, fact]\n    asserted_by: source\n"
                         "    claim: {en: Old claim.}\n    quotes:\n      - exact: first words\n        gloss: g1\n"
                         "      - exact: second words\n        gloss: g2\n    note: The curator's note.\n"
                         "    stances:\n      - {holder: ada-quill, topic: open-weights, polarity: supports, "
                         "inferred: {date: why}}\n    facts:\n      - {subject: lantern, gpu_count: 4000}\n")
    entry = old["statements"][0]
    draft = draft_from(entry)
    assert (draft.exact, draft.stance.polarity, draft.kinds) == ("first words", "supports", ["stance", "fact"])
    draft.stance.polarity, draft.stance.date, draft.stated_in = "opposes", "2031", "a-post"
    draft.exact = "other words"
    node = statement_node(draft, entry)
    assert list(node) == ["id", "kind", "asserted_by", "stated_in", "claim", "quotes", "note", "stances", "facts"]
    assert [q["exact"] for q in node["quotes"]] == ["other words", "second words"]
    assert dict(node["stances"][0]) == {"holder": "ada-quill", "topic": "open-weights", "polarity": "opposes",
                                        "date": 2031, "inferred": {"date": "why"}}
    assert node["facts"][0]["gpu_count"] == 4000
    fresh = statement_node(StatementDraft("S01", ["relation"], "source", None, {"en": "c"}, "w", "g",
                                          relation=RelationDraft("ada-quill", "cofounded", "borealis-labs", "2019")))
    assert list(fresh) == ["id", "kind", "asserted_by", "claim", "quotes", "relations"]
    assert dict(fresh["relations"][0]) == {"from": "ada-quill", "relation": "cofounded", "to": "borealis-labs",
                                           "date": 2019}


def test_ids_and_dates_as_a_person_writes_them():
    assert next_statement_id([]) == "S01"
    assert next_statement_id(["F01", "F02", "F05"]) == "F06"
    assert next_statement_id(["C9", "C19", "X01"]) == "C20"
    assert new_id("Tomás Peña", {"tomas-pena"}) == "tomas-pena-2"
    assert (date_value("2031"), date_value("2031-03"), date_value("2031-03-05"), date_value(" ")) == (
        2031, "2031-03", "2031-03-05", None)


def test_a_new_actor_like_a_known_one_is_flagged_as_validate_would():
    known = list(read_corpus(FICTIONAL, []).all_entities().values())
    (hit, why), = lookalikes(EntityDraft("actor", "ada-quil", {"en": "Ada Quil", "es": "Ada Quil"}), known)
    assert hit.id == "ada-quill" and "spelt almost like" in why
    (hit, why), = lookalikes(EntityDraft("actor", "cobalto", {"en": "Cobalt", "es": "instituto cobalto"},
                                         type="non-profit"), known)
    assert hit.id == "cobalt-institute" and "same name" in why
    assert lookalikes(EntityDraft("actor", "tomas-brine", {"en": "Tomas Brine", "es": "Tomás Brine"}), known) == []
    assert lookalikes(EntityDraft("topic", "open-weights", {"en": "Open models", "es": "Modelos abiertos"}),
                      known)[0][1] == "the id 'open-weights' is already used"


# ----------------------------------------------------------------------------- validated saves


@pytest.fixture()
def data(tmp_path):
    import shutil

    target = tmp_path / "data"
    shutil.copytree(FICTIONAL, target)
    return target


def _new_source(data):
    new = scaffold.NewSource("quill-interview", "Quill on open weights", "en", "interview", TEXT, date="2031-03",
                             publisher="Lantern Letter")
    return edits.create_source(data, new, [ReportedDraft("lantern-podcast", "interview", "The Lantern podcast",
                                                         date="2031-02")], reasoner=False)


def test_a_source_and_a_stance_with_a_new_actor_are_written_valid_and_built(data):
    made = _new_source(data)
    assert made.written and not made.errors
    path = data / "sources" / "quill-interview.yaml"
    assert (data / "sources" / "quill-interview.txt").read_text(encoding="utf-8") == TEXT
    start = TEXT.index("Tomas Brine, a lawyer")
    exact = TEXT[start:TEXT.index("caps.", start) + len("caps.")]
    brine = EntityDraft("actor", "tomas-brine", {"en": "Tomas Brine", "es": "Tomás Brine"})
    draft = StatementDraft("S01", ["stance"], "tomas-brine", None, {"en": "Brine is worried about compute caps."},
                           exact, exact, stance=StanceDraft("tomas-brine", "compute-caps", "concerned-about"),
                           new_entities=[brine])
    saved = edits.save_statement(data, path, draft)  # with the reasoner, as `stancekg validate`
    assert saved.written and not saved.errors, saved.problems
    result = CliRunner().invoke(main, ["--data", str(data), "validate", str(path)])
    assert result.exit_code == 0 and "ok: 1 source file, 1 statements" in result.output
    graph = builder.build(data).union()
    stance = next(graph.subjects(ASK.holder, ID["tomas-brine"]))
    assert graph.value(stance, ASK.topic) == ID["compute-caps"] and (ID["tomas-brine"], RDF.type, ASK.Person) in graph
    assert (ID["lantern-podcast"], ASK.reportedIn, ID["quill-interview"]) in graph


def test_an_invalid_save_writes_nothing_and_names_the_field(data):
    _new_source(data)
    path = data / "sources" / "quill-interview.yaml"
    before = path.read_bytes()
    no_holder = StatementDraft("S01", ["stance"], "ada-quill", None, {"en": "c"}, "I no longer think", "g",
                               stance=StanceDraft(None, "open-weights", "opposes"))
    outcome = edits.save_statement(data, path, no_holder, reasoner=False)
    assert not outcome.written and path.read_bytes() == before
    assert [p.message for p in edits.by_field(outcome.problems, "S01")["stances.holder"]] == ["'holder' is required"]
    bad = StatementDraft("S01", ["stance"], "nobody", None, {}, "words not in the text", "",
                         stance=StanceDraft("ada-quill", "open-weights", "maybe"),
                         new_entities=[EntityDraft("actor", "x-y", {"en": "X Y"})])
    fields = edits.by_field(edits.save_statement(data, path, bad, reasoner=False).problems, "S01",
                            {"x-y": "actor"})
    assert {"asserted_by", "claim", "quotes.exact", "stances.polarity", "actor.label"} <= set(fields)
    assert path.read_bytes() == before
    assert not list((data / "sources").glob(".*.tmp"))


def test_a_statement_is_edited_and_deleted_in_place(data):
    path = data / "sources" / "harbor-daily.yaml"
    before = path.read_text(encoding="utf-8")
    draft = draft_from(yamlfile.parse(before)["statements"][1])
    draft.claim["es"] = "Borealis Labs se opone a los límites de cómputo."
    draft.stance.strength = "strong"
    assert edits.save_statement(data, path, draft, replace="F02", reasoner=False).written
    after = path.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "-     claim: {en: Borealis Labs opposes compute caps.}",
        "+     claim: {en: Borealis Labs opposes compute caps., es: Borealis Labs se opone a los límites de cómputo.}",
        "-       - {holder: borealis-labs, topic: compute-caps, polarity: opposes}",
        "+       - {holder: borealis-labs, topic: compute-caps, polarity: opposes, strength: strong}"]
    assert edits.delete_statement(data, path, "F02", reasoner=False).written
    assert "id: F02" not in path.read_text(encoding="utf-8")
    harbor = next(source for source in builder.build(data).corpus.sources if source.id == "harbor-daily")
    assert len(harbor.statements) == 4


def test_a_new_source_with_bad_facts_writes_nothing(data):
    new = scaffold.NewSource("harbor-daily", "", "English", "article", TEXT, date="2031-13")
    outcome = edits.create_source(data, new)
    assert not outcome.written
    assert {"source.id", "source.title", "source.language", "source.kind", "source.date"} <= set(
        edits.by_field(outcome.problems))
    bad_chain = edits.create_source(data, scaffold.NewSource("fresh", "T", "en", "interview", TEXT),
                                    [ReportedDraft("a-post", "tweet", "A post"),
                                     ReportedDraft("a-talk", "speech", "A talk", reported_in="nowhere")],
                                    reasoner=False)
    assert not bad_chain.written and {"reported.kind", "reported.reported_in"} <= set(
        edits.by_field(bad_chain.problems))
    assert not (data / "sources" / "fresh.yaml").exists() and not (data / "sources" / "fresh.txt").exists()


def test_text_that_is_not_utf8_is_refused_with_the_reason():
    with pytest.raises(scaffold.ScaffoldError, match=r"notes.txt is not UTF-8 text \(invalid continuation byte"):
        scaffold.decode("Peña".encode("latin-1"), "notes.txt")
    assert scaffold.decode("\ufeffPeña".encode(), "x") == "Peña"


# ----------------------------------------------------------------------------- who may write


def test_curation_is_off_by_default_and_refused_on_a_public_address_without_a_password():
    from kg.curation import access

    assert not access.enabled({}, {}) and access.enabled({}, {"curate": True})
    assert access.enabled({"STANCEKG_CURATE": "1"}, {}) and not access.enabled({"STANCEKG_CURATE": "0"},
                                                                                {"curate": True})
    for address in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"):
        assert access.is_loopback(address) and not access.refused(address, {})
    for address in (None, "", "0.0.0.0", "::", "192.168.1.20", "example.org"):
        assert not access.is_loopback(address) and access.refused(address, {})
        assert not access.refused(address, {"STANCEKG_CURATE_PASSWORD": "s3cret"})
    assert access.password_ok("s3cret", {"STANCEKG_CURATE_PASSWORD": "s3cret"})
    assert not access.password_ok("s3cre", {"STANCEKG_CURATE_PASSWORD": "s3cret"})
    assert not access.password_ok("", {})  # no password set: no password opens it
