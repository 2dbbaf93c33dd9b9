"""Agreement between actors on the fictional fixtures: the derived counts, by date, basis and pair."""

from __future__ import annotations

import pytest
from conftest import FICTIONAL

from kg import explore
from kg.build.stored import connect
from kg.explore.agreement import Cell, cluster_order
from kg.sparql.runner import run_named


@pytest.fixture(scope="module")
def fictional_store():
    return connect("oxigraph", FICTIONAL)


def counts(store, date):
    rows = run_named(store, "agreement-matrix", {"date": date}).rows
    return [(str(r["actorALabel"]), str(r["actorBLabel"]), str(r["basis"]),
             *(int(r[k]) for k in ("agree", "oppose", "neither", "onlyA", "onlyB", "net"))) for r in rows]


def test_latest_stances_agree_as_of_a_date_they_opposed_and_ever_both(fictional_store):
    # Ada Quill supported compute caps (2030-05-01) and opposed them (2032-02-10); Borealis Labs opposes them
    # (2030-05-01). Ada's attributed concern about open weights has no counterpart among attributed stances.
    assert counts(fictional_store, "latest") == [("Ada Quill", "Borealis Labs", "stated", 1, 0, 0, 0, 0, 1)]
    assert counts(fictional_store, "2031") == [("Ada Quill", "Borealis Labs", "stated", 0, 1, 0, 0, 0, -1)]
    assert counts(fictional_store, "2032-02-10") == counts(fictional_store, "latest")
    assert counts(fictional_store, "ever") == [("Ada Quill", "Borealis Labs", "stated", 1, 1, 0, 0, 0, 0)]
    assert counts(fictional_store, "2029") == []  # nothing dated before 2030
    assert counts(fictional_store, "soon") == []  # not a date: the query binds nothing


def test_the_agreement_query_gives_both_quotes_for_each_topic(fictional_store):
    rows = run_named(fictional_store, "agreement", {"actor": "Laboratorios Borealis", "date": "2031"}).rows
    (row,) = rows
    assert (str(row["otherLabel"]), str(row["topicLabel"]), str(row["relation"])) == (
        "Ada Quill", "compute caps", "oppose")
    assert str(row["quoteB"]) == "she firmly supports caps on training compute"
    assert set(str(row["quoteA"]).split(" | ")) == {"Borealis Labs opposes compute caps", "Caps would freeze progress."}
    assert (str(row["dateA"]), str(row["dateB"])) == ("2030-05-01", "2030-05-01")


def test_more_actors_with_attributed_stances_kept_apart(fictional_dir):
    from tests.test_curation_workflow import add

    add(fictional_dir, "tidewater-review", "northgate-profile")
    store = connect("oxigraph", fictional_dir)
    assert counts(store, "latest") == [
        # Ada Quill also speaks (stated) to open weights, which neither of the others does
        ("Ada Quill", "Borealis Labs", "stated", 1, 0, 0, 1, 0, 1),
        ("Ada Quill", "Tamsin Quarrendale", "stated", 0, 1, 0, 1, 0, -1),
        ("Borealis Labs", "Tamsin Quarrendale", "stated", 0, 1, 0, 0, 0, -1),
    ]
    # The Cobalt Institute's stances are all attributed to it (by Tamsin Quarrendale, by Ada Quill), so it is
    # compared with no one's stated stance; no other actor has an attributed stance on compute caps.
    assert "cobalt-institute" not in dict(explore.agreement_matrix(store, basis="stated").actors)
    assert explore.agreement_matrix(store, basis="attributed").cells == {}
    matrix = explore.agreement_matrix(store, basis="stated")
    cell, mirror = matrix.cells[("ada-quill", "tamsin-quarrendale")], matrix.cells[("tamsin-quarrendale", "ada-quill")]
    assert (cell.only_a, cell.only_b) == (mirror.only_b, mirror.only_a) == (1, 0)
    evidence = explore.agreement_evidence(store, "ada-quill", "tamsin-quarrendale")
    assert [(t.topic, t.relation) for t in evidence] == [("compute-caps", "oppose")]


def test_clustering_puts_allies_side_by_side():
    agree, oppose = Cell(3, 0, 0, 0, 0), Cell(0, 3, 0, 0, 0)
    camps = {"a": 1, "b": 2, "c": 1, "d": 2, "e": 1}
    cells = {(x, y): agree if camps[x] == camps[y] else oppose for x in camps for y in camps if x != y}
    order = cluster_order(sorted(camps), cells)
    assert sorted(order) == sorted(camps)
    sides = [camps[x] for x in order]
    assert sides in ([1, 1, 1, 2, 2], [2, 2, 1, 1, 1])  # each camp in one run, not interleaved as a..e are


def test_the_matrix_html_escapes_and_links(fictional_store):
    html = explore.agreement_html(explore.agreement_matrix(fictional_store), link=lambda a, b: f"?actor={a}&other={b}")
    assert "+1 / −0" in html and "?actor=ada-quill&amp;other=borealis-labs" in html
    with pytest.raises(ValueError, match="not latest, ever or a date"):
        explore.agreement_matrix(fictional_store, date="<script>")
