"""Adding a source without touching code: scaffold, curate, validate, rebuild, remove.

Every test works on a temporary copy of the fictional corpus plus the fixture sources in
tests/fixtures/curation (valid) and tests/fixtures/invalid (one mistake each); all actors are
fictional.
"""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from kg.build import builder
from kg.cli import main
from kg.curation import scaffold
from kg.curation.suggestions import Named, closest
from kg.rdf.namespaces import ASK, ID, INFERRED_GRAPH, REGISTRY_GRAPH, source_graph
from tests.conftest import FICTIONAL, FIXTURES, edit

CURATION = FIXTURES / "curation"
GUIDE = Path(__file__).resolve().parent.parent / "docs" / "curation.md"
INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))


def run(data_dir, *args, input=None):
    return CliRunner().invoke(main, ["--data", str(data_dir), *map(str, args)], input=input,
                              catch_exceptions=False)


def add(data_dir, *names):
    """Copy fixture sources (YAML and text) into the data folder."""
    for name in names:
        for path in CURATION.glob(f"{name}.*"):
            shutil.copy(path, data_dir / "sources" / path.name)


def stances_of(graph, holder, topic):
    return {s: (graph.value(s, ASK.polarity), graph.value(s, ASK.date))
            for s in graph.subjects(ASK.holder, ID[holder]) if graph.value(s, ASK.topic) == ID[topic]}


def statement(graph, source, claim_id):
    return ID[f"{source}-{claim_id.lower()}"]


# ----------------------------------------------------------------------------- the format


@pytest.fixture(scope="module")
def rich_build(tmp_path_factory):
    """The fictional corpus plus the chain and the profile, built once: these tests only read it."""
    data = tmp_path_factory.mktemp("rich") / "data"
    shutil.copytree(FICTIONAL, data)
    add(data, "tidewater-review", "northgate-profile")
    return builder.build(data)


def test_two_level_report_chain_article_book_speech(rich_build):
    """What Quill said at a forum reaches us through a book that a review reports."""
    g = rich_build.union()
    r01 = statement(g, "tidewater-review", "R01")
    speech, book, review = ID["lowlands-keynote"], ID["the-long-brake"], ID["tidewater-review"]
    assert g.value(r01, ASK.statedIn) == speech
    assert g.value(r01, DCTERMS.source) == review
    assert g.value(r01, ASK.assertedBy) == ID["ada-quill"]
    assert (speech, ASK.reportedIn, book) in g and (speech, RDF.type, ASK.Speech) in g
    assert (book, ASK.reportedIn, review) in g and (book, RDF.type, ASK.Book) in g
    assert (book, DCTERMS.creator, ID["tamsin-quarrendale"]) in g
    assert (speech, ASK.participant, ID["ada-quill"]) in g
    assert g.value(review, ASK.reportedIn) is None


def test_a_stance_that_changes_over_time_is_dated_and_no_disagreement_with_oneself(rich_build):
    g = rich_build.union()
    held = set(stances_of(g, "ada-quill", "open-weights").values())
    assert (ASK.supports, Literal("2026", datatype=XSD.gYear)) in held
    assert (ASK.supports, Literal("2027", datatype=XSD.gYear)) in held
    assert (ASK.opposes, Literal("2031", datatype=XSD.gYear)) in held
    strong = [s for s in stances_of(g, "ada-quill", "open-weights") if g.value(s, ASK.strength) == ASK.strong]
    assert len(strong) == 2  # N01 (supports, 2026) and N03 (concerned-about, 2031)
    inferred = rich_build.dataset.graph(INFERRED_GRAPH)
    for d in inferred.subjects(RDF.type, ASK.InferredDisagreement):
        assert inferred.value(d, ASK["from"]) != inferred.value(d, ASK.to)


def test_stances_held_versus_attributed(rich_build):
    """Self-stated when the holder speaks; attributed by the asserter, or by `attributed_by`."""
    g = rich_build.union()

    def stance(source, claim_id):
        return next(g.subjects(ASK.expressedBy, statement(g, source, claim_id)))

    assert g.value(stance("northgate-profile", "N03"), ASK.basis) == ASK.selfStated
    by_author = stance("northgate-profile", "N01")
    assert g.value(by_author, ASK.basis) == ASK.attributed
    assert g.value(by_author, ASK.attributedBy) == URIRef(str(ID["northgate-profile"]) + "-author")
    relayed = stance("northgate-profile", "N05")  # the weekly reports Quill's attribution
    assert g.value(relayed, ASK.attributedBy) == ID["ada-quill"]
    assert g.value(relayed, ASK.holder) == ID["cobalt-institute"]
    reported = stance("tidewater-review", "R02")  # the book's author attributes it
    assert g.value(reported, ASK.attributedBy) == ID["tamsin-quarrendale"]


def test_relation_period_stated_disagreement_notes_and_inferences(rich_build):
    g = rich_build.union()
    funded = next(r for r in g.subjects(ASK.relation, ASK.funded) if g.value(r, ASK["from"]) == ID["borealis-labs"])
    assert g.value(funded, ASK.startDate) == Literal("2022", datatype=XSD.gYear)
    assert g.value(funded, ASK.endDate) == Literal("2025", datatype=XSD.gYear)
    assert (ID["borealis-labs"], ASK.funded, ID["cobalt-institute"]) in g
    n06 = statement(g, "northgate-profile", "N06")
    dispute = next(g.subjects(ASK.expressedBy, n06))
    assert (dispute, RDF.type, ASK.AssertedDisagreement) in g
    assert g.value(dispute, ASK.topic) == ID["open-weights"]
    assert "which side began" in str(g.value(n06, ASK.curatorNote))
    assert g.value(g.value(dispute, ASK.hasInference), ASK.inferredProperty) == ASK.date
    r03 = next(g.subjects(ASK.expressedBy, statement(g, "tidewater-review", "R03")))
    assert g.value(r03, ASK.inferredByCurator).toPython() is True
    assert g.value(r03, ASK.strength) == ASK.moderate


def test_the_same_actor_in_four_sources_is_one_node(rich_build):
    g = rich_build.union()
    quill = ID["ada-quill"]
    assert len([lbl for lbl in g.objects(quill, RDFS.label) if lbl.language == "en"]) == 1
    graphs = {getattr(ctx, "identifier", ctx) for *_, ctx in rich_build.dataset.quads((None, ASK.holder, quill, None))}
    graphs.discard(INFERRED_GRAPH)  # her derived stance changes name her as their holder too
    assert graphs == {source_graph(s)
                      for s in ("harbor-daily", "beacon-weekly", "tidewater-review", "northgate-profile")}


def test_an_inline_actor_lives_in_its_source_graph_not_the_registry(rich_build):
    tamsin = ID["tamsin-quarrendale"]
    assert (tamsin, RDF.type, ASK.Person) in rich_build.dataset.graph(source_graph("tidewater-review"))
    assert not list(rich_build.dataset.graph(REGISTRY_GRAPH).triples((tamsin, None, None)))
    assert {lbl.language for lbl in rich_build.union().objects(tamsin, RDFS.label)} == {"en", "es"}


# ----------------------------------------------------------------------------- rebuild and removal


def test_removing_a_source_removes_exactly_its_graph_and_the_inferences_that_needed_it(fictional_dir):
    add(fictional_dir, "tidewater-review", "northgate-profile")
    with_it = builder.build(fictional_dir).dataset
    (fictional_dir / "sources" / "tidewater-review.yaml").unlink()
    without = builder.build(fictional_dir).dataset
    before = {g.identifier: set(g) for g in with_it.graphs() if len(g)}
    after = {g.identifier: set(g) for g in without.graphs() if len(g)}
    gone = source_graph("tidewater-review")
    assert set(before) - set(after) == {gone}
    for name in after:
        if name != INFERRED_GRAPH:
            assert before[name] == after[name], name
    # the inferred graph lost exactly the disagreements and stance changes resting on a stance from the
    # removed source
    removed_stances = set(with_it.graph(gone).subjects(RDF.type, ASK.Stance))
    inferred = with_it.graph(INFERRED_GRAPH)
    dependent = {d for d in set(inferred.subjects())
                 if {o for p in (ASK.conflictingStance, ASK.earlierStance, ASK.laterStance)
                     for o in inferred.objects(d, p)} & removed_stances}
    kinds = sorted(str(c) for d in dependent for c in inferred.objects(d, RDF.type)
                   if c in (ASK.InferredDisagreement, ASK.StanceChange))
    # disagreements with Borealis's and Ada Quill's two stances on caps, and Ada's on weights; Ada's change
    # on open weights (supports in the review, 2027; opposes in the profile, 2031)
    assert kinds == [str(ASK.InferredDisagreement)] * 4 + [str(ASK.StanceChange)]
    # (explanations quote one of several quotes, picked by SAMPLE(), so they are left out)
    kept = {t for t in before[INFERRED_GRAPH] if t[0] not in dependent and t[1] != ASK.explanation}
    assert kept == {t for t in after[INFERRED_GRAPH] if t[1] != ASK.explanation}
    # nothing the source introduced (its inline actor) is left anywhere
    assert not any(ID["tamsin-quarrendale"] in quad[:3] for quad in without.quads((None, None, None, None)))


def test_build_after_adding_a_source_updates_graph_and_inferred_disagreements(fictional_dir, tmp_path):
    out = tmp_path / "graph.trig"
    first = run(fictional_dir, "build", "-o", out)
    add(fictional_dir, "tidewater-review")
    second = run(fictional_dir, "build", "-o", out)
    assert first.exit_code == second.exit_code == 0

    def count(result, key):
        return int(re.search(rf"^{key} +(\d+)$", result.stdout, re.M).group(1))

    assert count(first, "inferred disagreements") == 1
    assert count(second, "inferred disagreements") == 5  # Tamsin supports caps, Ada (2030), Borealis,
    # Cobalt and Ada (2032, beacon-weekly) take the sides
    assert count(second, "sources") == count(first, "sources") + 3  # the review, the book, the keynote
    assert "graph/source/tidewater-review" in out.read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- shared actors


def test_near_duplicate_actor_and_spanish_topic_label_warn_and_name_the_existing_entry(fictional_dir):
    add(fictional_dir, "quil-gazette")
    result = run(fictional_dir, "validate", "--no-reasoner")
    assert result.exit_code == 0, result.output
    path = fictional_dir / "sources" / "quil-gazette.yaml"
    assert (f"{path}:13: warning: actor[ada-quil].label: 'Ada Quil' is spelt almost like 'Ada Quill': "
            "'ada-quil' may be the same actor as 'ada-quill' (actors.yaml:2) "
            "(if they are the same, delete 'ada-quil' and write 'ada-quill'") in result.stdout
    assert (f"{path}:18: warning: topic[pesos-abiertos].label: 'Pesos abiertos' and 'pesos abiertos' "
            "are the same name: 'pesos-abiertos' may be the same topic as 'open-weights'") in result.stdout


def test_near_duplicates_across_registry_files_and_shared_wikidata_items(fictional_dir):
    edit(fictional_dir / "things.yaml", "- id: lantern", "- id: cobalt\n  type: ai-model\n"
         "  label: {en: Cobalt-Institute, es: Cobalt}\n  wikidata: Q42\n- id: lantern")
    edit(fictional_dir / "actors.yaml", "  label: {en: Ada Quill, es: Ada Quill}",
         "  label: {en: Ada Quill, es: Ada Quill}\n  wikidata: Q42")
    result = run(fictional_dir, "validate", "--no-reasoner")
    assert result.exit_code == 1
    things = fictional_dir / "things.yaml"
    assert (f"{things}:1: warning: thing[cobalt].label: 'Cobalt-Institute' and 'Cobalt Institute' are the same "
            "name: 'cobalt' may be the same actor as 'cobalt-institute' (actors.yaml:9)") in result.stdout
    assert (f"{things}:1: error: thing[cobalt].wikidata: Wikidata item Q42 is already the item of 'ada-quill' "
            "(actors.yaml:2) (one item is one entity: use 'ada-quill' instead of 'cobalt'") in result.stderr


def test_an_inline_actor_declared_in_two_sources_is_one_node_if_they_agree(fictional_dir):
    add(fictional_dir, "tidewater-review")
    second = fictional_dir / "sources" / "second-review.yaml"
    text = (CURATION / "tidewater-review.yaml").read_text(encoding="utf-8")
    second.write_text(text.replace("id: tidewater-review", "id: second-review")
                      .replace("the-long-brake", "brake-2").replace("lowlands-keynote", "keynote-2"), encoding="utf-8")
    build = builder.build(fictional_dir)
    tamsin = ID["tamsin-quarrendale"]
    for name in ("tidewater-review", "second-review"):
        assert (tamsin, RDF.type, ASK.Person) in build.dataset.graph(source_graph(name))
    assert len([lbl for lbl in build.union().objects(tamsin, RDFS.label) if lbl.language == "en"]) == 1
    edit(second, "label: {en: Tamsin Quarrendale,", "label: {en: T. Quarrendale,")
    result = run(fictional_dir, "validate", "--no-reasoner")
    assert result.exit_code == 1  # files are read in name order: the second one read is blamed
    assert (f"{fictional_dir / 'sources' / 'tidewater-review.yaml'}:14: error: actors[tamsin-quarrendale].label: "
            "'tamsin-quarrendale' is also declared in second-review.yaml:14 with a different label "
            "(one id is one actor: make the entries the same, or move one to actors.yaml and delete both)"
            ) in result.stderr


def test_an_inline_actor_is_for_its_own_file_and_the_error_says_where_it_is(fictional_dir):
    add(fictional_dir, "tidewater-review")
    edit(fictional_dir / "sources" / "harbor-daily.yaml", "asserted_by: cobalt-institute",
         "asserted_by: tamsin-quarrendale")
    result = run(fictional_dir, "validate", "--no-reasoner")
    assert result.exit_code == 1
    assert ("error: statement[F04].asserted_by: unknown actor 'tamsin-quarrendale' ('tamsin-quarrendale' is "
            "declared only in tidewater-review.yaml:14, for that file alone: move the entry to actors.yaml "
            "to share it)") in result.stderr


@pytest.mark.parametrize("typed, meant", [("Musk", "elon-musk"), ("elon", "elon-musk"), ("Elon Musk", "elon-musk"),
                                          ("ada-quil", "ada-quill"), ("Quill", "ada-quill"),
                                          ("Instituto Cobalto", "cobalt-institute")])
def test_a_name_typed_as_read_finds_the_id(typed, meant):
    """Curators type names as printed; ids and labels in any language are searched by word and spelling."""
    names = [Named("elon-musk", ("Elon Musk",), "person"), Named("ada-quill", ("Ada Quill",), "person"),
             Named("cobalt-institute", ("Cobalt Institute", "Instituto Cobalto"), "non-profit"),
             Named("xai", ("xAI",), "company")]
    assert closest(typed, names)[0].id == meant


# ----------------------------------------------------------------------------- invalid files


def _expectation(path):
    field, message, suggestion = (p.strip() for p in path.read_text(encoding="utf-8").splitlines()[0]
                                  .removeprefix("# expect:").split(" | "))
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "# <-" in text)
    return line, field, message, suggestion


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_each_invalid_file_is_explained_at_its_line_with_a_suggestion(fictional_dir, path):
    """The problem names file, line and field; every problem printed carries a suggestion."""
    target = fictional_dir / "sources" / path.name
    shutil.copy(path, target)
    line, field, message, suggestion = _expectation(path)
    result = run(fictional_dir, "validate", "--no-reasoner", target)
    assert result.exit_code == 1
    problems = [p for p in result.stderr.splitlines() if ": error: " in p]
    ours = [p for p in problems if p.startswith(f"{target}:{line}: error: {field}: ")]
    assert ours, f"expected {target.name}:{line} {field}; got:\n{result.stderr}"
    assert any(message in p and suggestion in p.split(message, 1)[1] for p in ours), ours
    for p in problems:
        assert re.search(r"\(.+\)$", p), f"no suggestion: {p}"


# ----------------------------------------------------------------------------- new-source


@pytest.fixture()
def text_file(tmp_path):
    path = tmp_path / "interview.txt"
    path.write_text('Quill Weekly (fictional)\n\nAda Quill said: "Open weights are a gift to everyone '
                    'who builds." Borealis Labs disagreed.\n', encoding="utf-8")
    return path


NEW = ("new-source", "--title", 'Quill: "on weights"', "--kind", "interview", "--language", "en",
       "--date", "2030-06", "--url", "https://example.org/quill", "--publisher", "Quill Weekly")


def test_new_source_writes_a_valid_scaffold_and_copies_the_text(fictional_dir, text_file):
    result = run(fictional_dir, *NEW, "--text", text_file)
    assert result.exit_code == 0, result.output
    yaml_path, copied = scaffold.paths(fictional_dir, "quill-on-weights")
    assert copied.read_text(encoding="utf-8") == text_file.read_text(encoding="utf-8")
    assert f"2. stancekg --data {fictional_dir} validate {yaml_path}" in result.stdout
    checked = run(fictional_dir, "validate", yaml_path)  # with the reasoner, as a curator runs it
    assert checked.exit_code == 0, checked.output
    assert "ok: 1 source file, 0 statements, no errors (1 warnings)" in checked.stdout
    assert "warning: statements: a source needs at least one statement (uncomment one of the examples" in checked.stdout
    g = builder.build(fictional_dir).union()
    node = ID["quill-on-weights"]
    assert (node, RDF.type, ASK.Interview) in g
    assert g.value(node, DCTERMS.title) == Literal('Quill: "on weights"', lang="en")
    assert g.value(node, DCTERMS.date) == Literal("2030-06", datatype=XSD.gYearMonth)
    assert str(g.value(node, DCTERMS.publisher)) == "Quill Weekly"


def test_every_commented_example_in_the_scaffold_is_valid_once_filled_in(fictional_dir, text_file):
    """Uncommenting the examples and replacing the placeholders gives a file with no errors."""
    run(fictional_dir, *NEW, "--id", "quill", "--text", text_file)
    path = fictional_dir / "sources" / "quill.yaml"
    text = re.sub(r"^#(?!#) ?", "", path.read_text(encoding="utf-8"), flags=re.M)
    for placeholder, value in {"PERSON-ID": "ada-quill", "ORG-ID": "borealis-labs", "TOPIC-ID": "compute-caps",
                               "THING-ID": "lantern", scaffold.QUOTE_PLACEHOLDER: "Open weights are a gift"}.items():
        text = text.replace(placeholder, value)
    path.write_text(text, encoding="utf-8")
    result = run(fictional_dir, "validate", "--no-reasoner", path)
    assert result.exit_code == 0, result.output
    assert "ok: 1 source file, 7 statements, no errors (0 warnings)" in result.stdout
    g = builder.build(fictional_dir).union()
    assert (ID["quill-speech"], ASK.reportedIn, ID["quill-book"]) in g
    assert (ID["new-person-id"], RDF.type, ASK.Person) in g


def test_new_source_refuses_to_overwrite_or_reuse_an_id(fictional_dir, text_file):
    assert run(fictional_dir, *NEW, "--id", "quill", "--text", text_file).exit_code == 0
    path = fictional_dir / "sources" / "quill.yaml"
    before = path.read_text(encoding="utf-8")
    again = run(fictional_dir, *NEW, "--id", "quill", "--text", text_file)
    assert again.exit_code == 1
    assert f"error: {path} already exists: choose another --id" in again.stderr
    assert "nothing was written." in again.stderr
    assert path.read_text(encoding="utf-8") == before
    taken = run(fictional_dir, *NEW, "--id", "ada-quill", "--text", text_file)
    assert taken.exit_code == 1
    assert "error: --id 'ada-quill' is already used at actors.yaml:2: choose another --id" in taken.stderr
    assert not (fictional_dir / "sources" / "ada-quill.txt").exists()


def test_new_source_reports_every_bad_value_and_writes_nothing(fictional_dir, text_file):
    result = run(fictional_dir, "new-source", "--title", "T", "--kind", "book", "--language", "English",
                 "--date", "2030-13", "--url", "example.org", "--text", text_file)
    assert result.exit_code == 1
    assert "--language 'English' is not a language tag" in result.stderr
    assert "--date: month 13 is not 01-12" in result.stderr
    assert "--url 'example.org' is not a web address: give it with http:// or https://" in result.stderr
    assert sorted(p.name for p in (fictional_dir / "sources").iterdir()) == [
        "beacon-weekly.txt", "beacon-weekly.yaml", "harbor-daily.txt", "harbor-daily.yaml"]


def test_new_source_without_a_terminal_names_the_missing_options(fictional_dir):
    result = run(fictional_dir, "new-source", "--title", "T")
    assert result.exit_code == 2
    assert "missing --kind, --language, --text: give them as options" in result.output


def test_new_source_asks_for_what_is_missing_and_reads_the_text_from_stdin(fictional_dir, text_file):
    answers = "\n".join(["Quill speaks", "", "en", "", "", "31/12/2030", "2030-12-31", ""]) + "\n"
    result = run(fictional_dir, "new-source", "--prompt", "--kind", "speech", "--text", text_file, input=answers)
    assert result.exit_code == 0, result.output
    assert "is not a date" in result.output  # the bad date was refused and asked again
    path = fictional_dir / "sources" / "quill-speaks.yaml"
    assert "  date: 2030-12-31\n" in path.read_text(encoding="utf-8")
    piped = run(fictional_dir, "new-source", "--no-prompt", "--title", "Piped", "--kind", "other",
                "--language", "es", "--text", "-", input="Texto en español, con ñ.\n")
    assert piped.exit_code == 0, piped.output
    assert (fictional_dir / "sources" / "piped.txt").read_text(encoding="utf-8") == "Texto en español, con ñ.\n"
    assert "title: {es: \"Piped\"}" in (fictional_dir / "sources" / "piped.yaml").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- the guide


def _guide_block(marker):
    return re.search(rf"<!-- {marker} -->\n```\w*\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S).group(1)


def test_the_worked_example_in_the_guide_runs_as_written(tmp_path):
    """docs/curation.md's example: its command, statements and error messages are what the tool does."""
    data, text = tmp_path / "try", tmp_path / "quill-interview.txt"
    text.write_text(_guide_block("worked-example-text"), encoding="utf-8")
    shutil.copytree(FICTIONAL, data)  # the guide's `cp -r tests/fixtures/fictional /tmp/try`
    command = _guide_block("worked-example-command").replace("\\\n", " ").splitlines()[-1]
    command = command.replace("/tmp/try", str(data)).replace("/tmp/quill-interview.txt", str(text))
    args = shlex.split(command)
    created = CliRunner().invoke(main, args[args.index(".venv/bin/stancekg") + 1:], catch_exceptions=False)
    assert created.exit_code == 0, created.output
    path = data / "sources" / "quill-interview.yaml"
    curated = path.read_text(encoding="utf-8").replace(
        "statements:\n", "statements:\n" + _guide_block("worked-example-statements"), 1)
    path.write_text(curated, encoding="utf-8")
    assert "ok: 1 source file, 2 statements, no errors" in run(data, "validate", "--no-reasoner", path).stdout
    built = run(data, "build", "-o", tmp_path / "graph.trig")
    assert re.search(r"^inferred disagreements +2$", built.stdout, re.M)
    edit(path, "{holder: ada-quill, topic: open-weights", "{holder: Quill, topic: open-weights")
    edit(path, "- exact: I no longer think open weights are safe.", "- exact: I no longer think open weights are safe!")
    errors = run(data, "validate", "--no-reasoner", path).stderr.splitlines()[:-1]
    assert errors == _guide_block("worked-example-errors").replace("/tmp/try", str(data)).splitlines()
