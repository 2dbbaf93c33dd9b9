"""A joint statement and its signatories: the CSV import (matches, duplicates, bad lines) and the
stance each signatory asserts by signing, in the built graph with its quote and source."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES
from rdflib.namespace import DCTERMS

from kg import explore
from kg.build import builder
from kg.build.stored import connect
from kg.cli import main
from kg.rdf.namespaces import ASK, ID
from kg.sparql.runner import run_named

LETTER = FIXTURES / "signatories"
QUOTE = "We, the undersigned, call for binding caps on the compute used to train frontier models."


def with_letter(data: Path) -> Path:
    for name in ("lantern-pledge.yaml", "lantern-pledge.txt"):
        shutil.copy(LETTER / name, data / "sources" / name)
    return data


def run(data: Path, *args: str):
    return CliRunner().invoke(main, ["--data", str(data), *args], catch_exceptions=False)


def files(data: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data)): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}


def test_a_bad_list_names_every_line_and_writes_nothing(fictional_dir):
    data = with_letter(fictional_dir)
    before = files(data)
    result = run(data, "import-signatories", "lantern-pledge", str(LETTER / "signatories-bad.csv"))
    assert result.exit_code == 1
    err = result.stderr
    assert "signatories-bad.csv:4: error: column wikidata: 'Q12x' is not a Wikidata item ID" in err
    assert "signatories-bad.csv:5: error: column name: 'juno  MARSH' duplicates line 3 (the same name)" in err
    assert "signatories-bad.csv:6: error: column date: 'June 2031' is not a date" in err
    assert "signatories-bad.csv:7: error: column (line): 5 values where the header has 4" in err
    assert ":2:" not in err and ":3:" not in err  # the good lines are not blamed
    assert "nothing was written" in err
    assert files(data) == before


def test_a_name_shared_by_two_actors_is_not_guessed(fictional_dir, tmp_path):
    data = with_letter(fictional_dir)
    with (data / "actors.yaml").open("a") as fh:
        fh.write("- id: ada-quill-2\n  type: person\n  label: {en: Ada Quill, es: Ada Quill}\n")
    csv = tmp_path / "list.csv"
    csv.write_text("name,date\nAda Quill,2031-06-02\n")
    result = run(data, "import-signatories", "lantern-pledge", str(csv))
    assert result.exit_code == 1
    assert "list.csv:2: error: column name: 'Ada Quill' names 2 actors: ada-quill, ada-quill-2" in result.stderr
    assert not (data / "sources" / "lantern-pledge.signatories.yaml").exists()


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    data = tmp_path_factory.mktemp("letter") / "data"
    shutil.copytree(FIXTURES / "fictional", data)
    with_letter(data)
    result = run(data, "import-signatories", "lantern-pledge", str(LETTER / "signatories.csv"))
    assert result.exit_code == 0, result.output
    return data, result.output


def test_the_import_matches_known_actors_and_declares_new_people(imported):
    data, output = imported
    assert "3 signatories: 1 known actors, 2 new people" in output
    written = (data / "sources" / "lantern-pledge.signatories.yaml").read_text()
    assert (
        '  - {"actor": "ada-quill", "name": "Ada Quill", "affiliation": "Borealis Labs", "date": "2031-06-02", '
        '"row": 2}'
    ) in written
    assert '  - {"actor": "tamsin-vale-phd", "new": "person", "name": "Tamsin Vale, PhD", "row": 4}' in written
    kept = data / "sources" / "lantern-pledge.signatories.csv"
    assert kept.read_bytes() == (LETTER / "signatories.csv").read_bytes()
    again = run(data, "import-signatories", "lantern-pledge", str(LETTER / "signatories.csv"))
    assert again.exit_code == 0 and "1 known actors, 2 new people" in again.output  # importing again is the same
    assert (data / "sources" / "lantern-pledge.signatories.yaml").read_text() == written


def test_each_signatory_asserts_the_stance_by_signing(imported):
    data, _ = imported
    ds = builder.build(data).union()
    stance = ID["lantern-pledge-s01-juno-marsh-stance-1"]
    statement = ID["lantern-pledge-s01-juno-marsh"]
    assert ds.value(stance, ASK.holder) == ID["juno-marsh"]
    assert ds.value(stance, ASK.basis) == ASK.selfStated  # the signatory's own stance
    assert str(ds.value(stance, ASK.date)) == "2031-06-03"  # the date signed
    assert ds.value(statement, ASK.assertedBy) == ID["juno-marsh"]
    assert ds.value(statement, ASK.statedIn) == ID["lantern-pledge"]
    assert ds.value(statement, DCTERMS.source) == ID["lantern-pledge-signatories"]  # the list says who signed
    signature = ds.value(statement, ASK.bySigning)
    signed = (ds.value(signature, ASK.signer), ds.value(signature, ASK.signed))
    assert signed == (ID["juno-marsh"], ID["lantern-pledge"])
    assert str(ds.value(signature, ASK.affiliation)) == "Harbor University"
    # undated on the list: the stance takes the letter's date
    assert ds.value(ID["lantern-pledge-s01-tamsin-vale-phd-stance-1"], ASK.date) is None

    store = connect("oxigraph", data)
    rows = run_named(store, "signatories", {"letter": "The Lantern Pledge"}).rows
    assert [
        (
            str(r["signatoryLabel"]),
            str(r["affiliation"] or ""),
            str(r["topicLabel"]),
            str(r["polarity"]),
            str(r["quote"]),
        )
        for r in rows
    ] == [
        ("Ada Quill", "Borealis Labs", "compute caps", "supports", QUOTE),
        ("Juno Marsh", "Harbor University", "compute caps", "supports", QUOTE),
        ("Tamsin Vale, PhD", "", "compute caps", "supports", QUOTE),
    ]
    rows = run_named(store, "stances-of-actor", {"actor": "Juno Marsh"}).rows
    assert [(str(r["quote"]), str(r["source"])) for r in rows] == [(QUOTE, str(ID["lantern-pledge-signatories"]))]
    assert [s.name for s in explore.signatories(store, "lantern-pledge")] == [
        "Ada Quill",
        "Juno Marsh",
        "Tamsin Vale, PhD",
    ]
    (doc,) = [d for d in explore.sources(store) if d.id == "lantern-pledge"]
    assert len(doc.passages) == 1  # one quote, however many signed it
