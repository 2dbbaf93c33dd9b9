"""The seed article's claims, as triples in the real built graph."""

from __future__ import annotations

import re

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from kg.rdf.namespaces import ASK, DC, ID, OA, ONTOLOGY_GRAPH, SCHEMA, WD
from tests.conftest import FIXTURES

SOURCE = ID["xai-memphis-article"]
AUTHOR = URIRef(str(SOURCE) + "-author")
KIND_CLASSES = {
    "event": ASK.EventReport, "fact": ASK.FactStatement, "estimate": ASK.Estimate,
    "plan/prediction": ASK.PlanOrPrediction, "plan": ASK.PlanOrPrediction,
    "self-assessment": ASK.SelfAssessment, "stance": ASK.StanceStatement,
    "relation": ASK.RelationStatement, "comparison": ASK.ComparisonStatement,
}


def _claims():
    """Rows of the claims table in CLAIMS.md: id, kinds, asserter, quotes."""
    rows = []
    for line in (FIXTURES / "CLAIMS.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| (C\d\d) \| ([^|]+) \| ([^|]+) \| .* \| (.+) \|$", line)
        if m:
            quotes = [q.replace('\\"', '"') for q in re.findall(r'"((?:[^"\\]|\\")*)"', m.group(4))]
            kinds = [k.strip() for k in m.group(2).split(" / ")]
            rows.append(pytest.param(m.group(1), kinds, m.group(3).strip(), quotes, id=m.group(1)))
    return rows


CLAIMS = _claims()
# where the graph departs from the claims table on purpose: C18 states a disagreement (a relation)
# and no position of Musk's on a topic, so it is no stance statement
NOT_KINDS = {"C18": {"stance"}}


def test_claims_table_was_read():
    assert len(CLAIMS) == 21


def _statement(graph, claim_id):
    found = list(graph.subjects(DCTERMS.identifier, Literal(claim_id)))
    found = [s for s in found if (s, DCTERMS.source, SOURCE) in graph]
    assert len(found) == 1, f"{claim_id}: expected one statement, found {found}"
    return found[0]


def _quotes(graph, stmt):
    return [str(q) for q in graph.objects(stmt, ASK.evidence / OA.hasTarget / OA.hasSelector / OA.exact)]


@pytest.mark.parametrize("claim_id, kinds, asserter, quotes", CLAIMS)
def test_every_claim_is_in_the_graph_with_quote_gloss_kind_and_asserter(
        seed_graph, claim_id, kinds, asserter, quotes):
    stmt = _statement(seed_graph, claim_id)
    have = _quotes(seed_graph, stmt)
    for quote in quotes:  # each printed quote is one of the statement's quotes, word for word
        assert quote in have, f"{claim_id}: quote {quote!r} missing; have {have}"
    for ann in seed_graph.objects(stmt, ASK.evidence):
        assert seed_graph.value(ann, OA.motivatedBy) == ASK.evidencing
        bodies = set(seed_graph.objects(ann, OA.hasBody))
        glosses = [b for b in bodies if (b, RDF.type, OA.TextualBody) in seed_graph]
        assert bodies - set(glosses) == {stmt} and len(glosses) == 1
        gloss = seed_graph.value(glosses[0], RDF.value)
        assert gloss.language == "en" and len(gloss) > 5
        assert str(seed_graph.value(glosses[0], DC.language)) == "en"
    for kind in kinds:
        wanted = (stmt, RDF.type, KIND_CLASSES[kind]) in seed_graph
        assert wanted != (kind in NOT_KINDS.get(claim_id, ())), f"{claim_id}: typed {kind} or not as it should"
    who = seed_graph.value(stmt, ASK.assertedBy)
    if asserter == "article":
        assert who == AUTHOR
    elif asserter.startswith("Musk"):
        assert who == ID["elon-musk"]
    else:  # "article / Musk"
        assert who in {AUTHOR, ID["elon-musk"]}
    assert {lbl.language for lbl in seed_graph.objects(stmt, RDFS.label)} >= {"en"}


def test_every_quote_occurs_verbatim_at_its_recorded_position(seed_graph):
    text = str(seed_graph.value(SOURCE, SCHEMA.text))
    selectors = list(seed_graph.subjects(RDF.type, OA.TextQuoteSelector))
    assert len(selectors) >= 30
    for sel in selectors:
        exact = str(seed_graph.value(sel, OA.exact))
        target = seed_graph.value(predicate=OA.hasSelector, object=sel)
        pos = next(p for p in seed_graph.objects(target, OA.hasSelector)
                   if (p, RDF.type, OA.TextPositionSelector) in seed_graph)
        start, end = seed_graph.value(pos, OA.start), seed_graph.value(pos, OA.end)
        assert start.datatype == end.datatype == XSD.nonNegativeInteger
        assert text[int(start):int(end)] == exact
        assert seed_graph.value(sel, OA.exact).language == "es"
        assert {seed_graph.value(sel, p).language for p in (OA.prefix, OA.suffix)} == {"es"}


def test_reported_speech_chain(seed_graph):
    c02 = _statement(seed_graph, "C02")
    post = seed_graph.value(c02, ASK.statedIn)
    assert (post, RDF.type, ASK.SocialMediaPost) in seed_graph
    assert (post, ASK.reportedIn, SOURCE) in seed_graph
    assert (post, ASK.onPlatform, ID["x"]) in seed_graph
    assert (post, DCTERMS.creator, ID["elon-musk"]) in seed_graph
    c06 = _statement(seed_graph, "C06")
    interview = seed_graph.value(c06, ASK.statedIn)
    assert (interview, RDF.type, ASK.Interview) in seed_graph
    assert (interview, ASK.participant, ID["jordan-peterson"]) in seed_graph
    assert seed_graph.value(_statement(seed_graph, "C04"), ASK.statedIn) == SOURCE
    # nothing says what language the post or the interview was in: the article is in Spanish
    for reported in (post, interview):
        assert seed_graph.value(reported, DCTERMS.language) is None
    assert str(seed_graph.value(SOURCE, DCTERMS.language)) == "es"


def test_report_chain_walks_with_prov_alone(seed_graph):
    """From a claim to the document quoting it and to where it was first said, PROV terms only."""
    rows = seed_graph.query("""
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?origin ?document WHERE {
          ?claim dcterms:identifier "C02" ; prov:wasQuotedFrom ?document ; prov:hadPrimarySource ?origin .
          ?document prov:wasDerivedFrom+ ?origin .
          ?claim prov:wasAttributedTo ?who .
        }""")
    assert {(r.origin, r.document) for r in rows} == {(ID["musk-x-post-memphis-cluster"], SOURCE)}


def test_memphis_cluster_figures(seed_graph):
    cluster = ID["memphis-cluster"]
    assert (cluster, ASK.gpuCount, Literal(100000, datatype=XSD.integer)) in seed_graph
    assert (cluster, ASK.gpuModel, ID["h100"]) in seed_graph
    value = seed_graph.value(cluster, ASK.estimatedValue)
    assert float(seed_graph.value(value, SCHEMA.minValue)) == 3e9
    assert float(seed_graph.value(value, SCHEMA.maxValue)) == 4e9
    assert str(seed_graph.value(value, SCHEMA.currency)) == "USD"
    # each figure is a qualified fact the claim that gives it expresses
    facts = {(seed_graph.value(f, ASK.relation), seed_graph.value(f, ASK.factValue))
             for f in seed_graph.subjects(ASK.expressedBy, _statement(seed_graph, "C04"))
             if (f, RDF.type, ASK.QualifiedFact) in seed_graph and seed_graph.value(f, ASK.factSubject) == cluster}
    assert (ASK.gpuCount, Literal(100000, datatype=XSD.integer)) in facts
    # the text compares the cluster with the set-up used to train GPT-4, not with the model
    comparison = next(c for c in seed_graph.subjects(ASK.compares, cluster)
                      if seed_graph.value(c, ASK.against) == ID["gpt-4-training-setup"])
    assert (ID["gpt-4"], ASK.trainedOn, ID["gpt-4-training-setup"]) in seed_graph
    against = {seed_graph.value(c, ASK.against) for c in seed_graph.subjects(ASK.compares, cluster)}
    assert ID["gpt-4"] not in against
    assert float(seed_graph.value(comparison, ASK.factor)) == 20.0
    assert seed_graph.value(comparison, ASK.approximate).toPython() is True


def test_musk_stances(seed_graph):
    stances = {(seed_graph.value(s, ASK.topic), seed_graph.value(s, ASK.polarity))
               for s in seed_graph.subjects(ASK.holder, ID["elon-musk"])}
    assert (ID["ai-safety"], ASK.concernedAbout) in stances
    assert (ID["pro-human-ai"], ASK.supports) in stances
    assert (ID["digital-superintelligence"], ASK.opposes) in stances
    expressed_in = {ID["ai-safety"]: "C11", ID["pro-human-ai"]: "C12", ID["digital-superintelligence"]: "C13",
                    ID["open-source-ai"]: "C20", ID["non-profit-mission"]: "C20"}
    for s in seed_graph.subjects(ASK.holder, ID["elon-musk"]):
        assert seed_graph.value(s, ASK.basis) == ASK.selfStated
        statement = seed_graph.value(s, ASK.expressedBy)
        assert str(seed_graph.value(statement, DCTERMS.identifier)) == expressed_in[seed_graph.value(s, ASK.topic)]


def test_curator_readings_are_flagged(seed_graph):
    c20_stances = [s for s in seed_graph.subjects(ASK.expressedBy, _statement(seed_graph, "C20"))
                   if (s, RDF.type, ASK.Stance) in seed_graph]
    assert len(c20_stances) == 2
    assert all(seed_graph.value(s, ASK.inferredByCurator).toPython() is True for s in c20_stances)
    start = ID["memphis-cluster-training-start"]
    assert seed_graph.value(start, ASK.date) == Literal("2024-07-22T04:20:00-05:00", datatype=XSD.dateTime)
    inference = seed_graph.value(start, ASK.hasInference)
    assert seed_graph.value(inference, ASK.inferredProperty) == ASK.date
    assert "2024" in str(seed_graph.value(inference, RDFS.comment))
    # the "strong" on the pro-human stance is the curator's reading, and says so
    pro_human = next(s for s in seed_graph.subjects(ASK.topic, ID["pro-human-ai"])
                     if (s, RDF.type, ASK.Stance) in seed_graph)
    assert seed_graph.value(pro_human, ASK.strength) == ASK.strong
    noted = {seed_graph.value(i, ASK.inferredProperty) for i in seed_graph.objects(pro_human, ASK.hasInference)}
    assert ASK.strength in noted
    # Musk left OpenAI over ideological differences: calling it a disagreement is the curator's reading
    with_openai = [d for d in seed_graph.subjects(RDF.type, ASK.AssertedDisagreement)
                   if seed_graph.value(d, ASK.to) == ID["openai"]]
    assert len(with_openai) == 1 and seed_graph.value(with_openai[0], ASK.inferredByCurator).toPython() is True


def test_grok_versions_and_no_developer_the_text_does_not_name(seed_graph):
    for version in ("grok-2", "grok-3"):
        assert (ID[version], ASK.versionOf, ID["grok"]) in seed_graph
        noted = {seed_graph.value(i, ASK.inferredProperty) for i in seed_graph.objects(ID[version], ASK.hasInference)}
        assert ASK.versionOf in noted, f"{version}: a version read from the name must be flagged as the curator's"
    assert seed_graph.value(ID["grok"], ASK.developedBy) is None
    assert "does not say who develops it" in str(seed_graph.value(ID["grok"], ASK.curatorNote))


def test_relations_with_dates_and_reasons(seed_graph):
    musk, openai = ID["elon-musk"], ID["openai"]
    for prop in (ASK.cofounded, ASK.left, ASK.funded, ASK.criticises, ASK.considersLegalActionAgainst):
        assert (musk, prop, openai) in seed_graph
    assert (musk, ASK.founded, openai) not in seed_graph  # only the reasoner may derive it

    def rel(prop):
        return next(r for r in seed_graph.subjects(ASK.relation, prop)
                    if seed_graph.value(r, ASK["from"]) == musk and seed_graph.value(r, ASK.to) == openai)

    assert seed_graph.value(rel(ASK.cofounded), ASK.date) == Literal("2015", datatype=XSD.gYear)
    left = rel(ASK.left)
    assert seed_graph.value(left, ASK.date) == Literal("2018", datatype=XSD.gYear)
    assert Literal("ideological differences", lang="en") in set(seed_graph.objects(left, ASK.reason))
    for prop in (ASK.built,):
        builders = set(seed_graph.subjects(prop, ID["memphis-cluster"]))
        assert builders == {ID["xai"], ID["x"], ID["nvidia"]}


def test_disagreement_with_page_holds_no_invented_stance_of_page(seed_graph):
    musk, page = ID["elon-musk"], ID["larry-page"]
    assert (musk, ASK.disagreesWith, page) in seed_graph
    d = next(d for d in seed_graph.subjects(RDF.type, ASK.AssertedDisagreement)
             if seed_graph.value(d, ASK.to) == page)
    assert seed_graph.value(d, ASK["from"]) == musk
    assert seed_graph.value(d, ASK.expressedBy) == _statement(seed_graph, "C18")
    assert list(seed_graph.subjects(ASK.holder, page)) == []
    assert (page, ASK.formerChiefExecutiveOf, ID["google"]) in seed_graph


def test_actors_have_both_labels_and_checked_wikidata_links(seed_graph):
    actors = set(seed_graph.subjects(RDF.type, ASK.Actor))
    assert len(actors) == 8
    for actor in actors:
        langs = {lbl.language for lbl in seed_graph.objects(actor, RDFS.label)}
        assert langs == {"en", "es"}
    assert (ID["elon-musk"], SCHEMA.sameAs, WD["Q317521"]) in seed_graph
    assert (ID["openai"], SCHEMA.sameAs, WD["Q21708200"]) in seed_graph
    assert seed_graph.value(ID["jordan-peterson"], SCHEMA.sameAs) is None  # not verified
    assert (ID["elon-musk"], RDF.type, ASK.Person) in seed_graph
    assert (ID["elon-musk"], RDF.type, SCHEMA.Person) in seed_graph


def test_graph_layout_one_named_graph_per_source(seed_build):
    names = {str(g.identifier) for g in seed_build.dataset.graphs() if len(g)}
    assert "https://w3id.org/ai-stance-kg/graph/source/xai-memphis-article" in names
    assert "https://w3id.org/ai-stance-kg/graph/registry" in names
    assert "https://w3id.org/ai-stance-kg/graph/ontology" in names
    assert not any(isinstance(t, type(None)) for t in seed_build.union())
    from rdflib import BNode

    blank = {q[3] for q in seed_build.dataset.quads() if any(isinstance(x, BNode) for x in q[:3])}
    assert blank == {ONTOLOGY_GRAPH}, "blank nodes outside the ontology (OWL's own) would duplicate on every load"
