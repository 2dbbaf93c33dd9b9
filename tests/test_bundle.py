"""Evidence bundles on the fictional fixtures: hash, round trip through an empty store, tampering."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner
from conftest import FICTIONAL
from rdflib import Dataset

from kg.build.stored import connect
from kg.cli import main
from kg.publish.bundle import BUNDLE_NS, NP, BundleError, make_bundle, verify
from kg.rdf.namespaces import ASK
from kg.sparql.runner import run_named
from kg.store import open_store

WHEN = dt.datetime(2033, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def full():
    return connect("oxigraph", FICTIONAL)


def provenance(store, statement: str) -> set[tuple]:
    return {tuple(str(v) if v is not None else None for v in row.values())
            for row in run_named(store, "provenance", {"statement": f"id:{statement}"}).rows}


def loaded(bundle) -> object:
    store = open_store("oxigraph")
    store.load(bundle.dataset)
    return store


def test_the_iri_is_the_hash_of_the_content(full, tmp_path):
    a, b = make_bundle(full, "harbor-daily-f01", WHEN), make_bundle(full, "harbor-daily-f01", WHEN)
    assert a.iri == b.iri and str(a.iri).startswith(BUNDLE_NS + "RA") and len(str(a.iri)) == len(BUNDLE_NS) + 45
    assert make_bundle(full, "harbor-daily-f01", WHEN + dt.timedelta(seconds=1)).iri != a.iri  # pubinfo counts
    path = tmp_path / "f01.trig"
    path.write_text(a.trig(), encoding="utf-8")
    verdict = verify(path, FICTIONAL)
    assert verdict.problems == [] and verdict.artefact_ok and verdict.quotes_checked == 1
    graphs = {str(g.identifier).rsplit("#", 1)[-1] for g in a.dataset.graphs() if len(g)}
    assert graphs == {"Head", "assertion", "provenance", "pubinfo"}


@pytest.mark.parametrize("ident, statements", [
    ("harbor-daily-f01", ["harbor-daily-f01"]),
    ("id:harbor-daily-f02-stance-1", ["harbor-daily-f02"]),
    ("ada-quill", ["harbor-daily-f01", "harbor-daily-f03", "harbor-daily-f04", "beacon-weekly-b01"]),
])
def test_provenance_from_the_bundle_alone_is_the_same_as_from_the_whole_graph(full, ident, statements):
    alone = loaded(make_bundle(full, ident, WHEN))
    for statement in statements:
        expected = provenance(full, statement)
        assert expected and provenance(alone, statement) == expected, statement


def test_derived_claims_carry_the_stances_and_statements_they_rest_on(full):
    change = next(full.dataset.subjects(ASK.earlierStance, None))
    disagreement = next(full.dataset.subjects(ASK.conflictingStance, None))
    for node, statements in ((change, ["harbor-daily-f01", "beacon-weekly-b01"]),
                             (disagreement, ["harbor-daily-f01", "harbor-daily-f02"])):
        bundle = make_bundle(full, str(node), WHEN)
        alone = loaded(bundle)
        for statement in statements:
            assert provenance(alone, statement) == provenance(full, statement)
        assertion = bundle.dataset.graph(bundle.iri + "#assertion")
        assert set(assertion.subjects()) == {node}


def test_a_tampered_bundle_fails_and_says_why(full, tmp_path):
    text = make_bundle(full, "harbor-daily-f01", WHEN).trig()
    forged = tmp_path / "forged.trig"
    forged.write_text(text.replace("she firmly supports caps", "she never supported caps"), encoding="utf-8")
    result = CliRunner().invoke(main, ["--data", str(FICTIONAL), "verify", str(forged)])
    assert result.exit_code == 1
    assert "the bundle was changed after it was made" in result.stderr
    assert "quote 'she never supported caps on training compute' is not at characters 160-204 of " \
           "harbor-daily.txt nor anywhere in it" in result.stderr
    moved = tmp_path / "moved.trig"  # the hash is recomputed over every quad, so a moved quote fails too
    moved.write_text(text.replace('oa:start 160', 'oa:start 161'), encoding="utf-8")
    verdict = verify(moved, FICTIONAL)
    assert not verdict.artefact_ok and any("(it is at 160-204)" in p for p in verdict.problems)


def test_a_changed_source_text_fails_the_quote_check_not_the_hash(full, tmp_path, fictional_dir):
    path = tmp_path / "f01.trig"
    path.write_text(make_bundle(full, "harbor-daily-f01", WHEN).trig(), encoding="utf-8")
    text = fictional_dir / "sources" / "harbor-daily.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("firmly", "strongly"), encoding="utf-8")
    verdict = verify(path, fictional_dir)
    assert verdict.artefact_ok and len(verdict.problems) == 1 and "nor anywhere in it" in verdict.problems[0]


def test_the_command_line_writes_and_verifies(tmp_path):
    out = tmp_path / "b01.trig"
    made = CliRunner().invoke(main, ["--data", str(FICTIONAL), "bundle", "beacon-weekly-b01", "-o", str(out)])
    assert made.exit_code == 0, made.output
    ds = Dataset()
    ds.parse(out, format="trig")
    assert len(list(ds.quads((None, None, NP.Nanopublication, None)))) == 1
    checked = CliRunner().invoke(main, ["--data", str(FICTIONAL), "verify", str(out)])
    assert checked.exit_code == 0 and checked.stdout.startswith("ok: https://w3id.org/ai-stance-kg/bundle/RA")
    unknown = CliRunner().invoke(main, ["--data", str(FICTIONAL), "bundle", "nobody-at-all"])
    assert unknown.exit_code == 1 and "names no statement, stance, disagreement" in unknown.stderr
    with pytest.raises(BundleError):
        verify(tmp_path / "missing.trig", FICTIONAL)
