"""What the endpoint serves besides query results: the graph's IRIs as documents, the dataset's
description and the SPARQL editor's page.

Content negotiation follows the client's Accept header: HTML for a browser that asks for it,
else Turtle, JSON-LD, N-Triples or RDF/XML. An entity's document is the named query `describe`
run through the same worker pool as any query; the ontology's is the generated file itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
from jinja2 import Environment, FileSystemLoader, select_autoescape
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

from kg.rdf.namespaces import GRAPH_BASE, bind_prefixes
from kg.sparql.evaluate import GRAPH_FORMATS
from kg.sparql.library import load_queries
from kg.sparql.runner import Limits, QueryRefused, run_answer, run_query, to_result
from ontology import OWL_PATH, TTL_PATH
from ontology.terms import ID_NS, ONTOLOGY_IRI, PREFIXES, TERMS, VERSION

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
YASGUI = "yasgui-4.6.2"
BASE = ID_NS.rsplit("/id/", 1)[0]  # https://w3id.org/ai-stance-kg: a path here is an IRI there
VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
RDF_TYPES = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt",
             "application/rdf+xml": "xml", "text/plain": "nt"}
MEDIA = {"turtle": "text/turtle", "json-ld": "application/ld+json", "nt": "application/n-triples",
         "xml": "application/rdf+xml", "html": "text/html"}
DEFAULT_QUERY = ('SELECT ?actor ?name WHERE {\n  ?actor a ask:Actor ; rdfs:label ?name .\n'
                 '  FILTER (LANG(?name) = "en")\n}\nORDER BY ?name\n')
_templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))


def accepted(accept: str) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, q=0 dropped)."""
    ranked = []
    for position, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, position, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def negotiate(accept: str) -> str:
    """html, turtle, json-ld, nt or xml: HTML only when the client names it before any RDF type."""
    for media in accepted(accept or "*/*"):
        if media in ("text/html", "application/xhtml+xml"):
            return "html"
        if media in RDF_TYPES:
            return RDF_TYPES[media]
        if media in ("*/*", "text/*", "application/*"):
            break
    return "turtle"


def local(iri: str) -> str:
    """Where an IRI of this graph is served here (`/id/elon-musk`); other IRIs as they are."""
    return iri[len(BASE):] if iri.startswith(BASE + "/") else iri


def describe(store, kind: str, path: str, accept: str, limits: Limits, endpoint: str) -> tuple[bytes, str] | None:
    """The document for a path (`entity`, `ontology` or `void`) in the negotiated format, or None."""
    fmt = negotiate(accept)
    if kind == "ontology":
        return _ontology(fmt)
    if kind == "void":
        graph = void_graph(store, endpoint, limits)
        if fmt == "html":
            return _page("Dataset description", BASE, graph), MEDIA["html"]
        return graph.serialize(format=fmt, encoding="utf-8"), MEDIA[fmt]
    iri = BASE + path
    try:
        answer = run_answer(store, load_queries()["describe"].text, graph="nt", limits=limits,
                            bindings={"entity": URIRef(iri)})
    except QueryRefused as exc:
        if "not a usable IRI" in str(exc):
            return None
        raise
    if not answer.rows:
        return None
    graph = to_result(answer).graph
    if fmt == "html":
        return _page(_label(graph, URIRef(iri)) or iri, iri, graph), MEDIA["html"]
    triples = ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=PREFIXES if fmt != "nt" else None), MEDIA[fmt]


def _label(graph: Graph, node: URIRef) -> str | None:
    labels = {o.language: str(o) for o in graph.objects(node, RDFS.label) if isinstance(o, Literal)}
    return labels.get("en") or labels.get("es") or next(iter(labels.values()), None)


def _page(title: str, iri: str, graph: Graph) -> bytes:
    """An HTML table of a graph's triples about `iri`, every link pointing here when it can."""
    node = URIRef(iri)
    rows = []
    for p, o in sorted(graph.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
        row = {"property": graph.namespace_manager.normalizeUri(p), "property_href": local(str(p)),
               "text": str(o), "lang": getattr(o, "language", None), "value_href": None}
        if isinstance(o, URIRef):
            row.update(text=_label(graph, o) or graph.namespace_manager.normalizeUri(o), value_href=local(str(o)))
        rows.append(row)
    links = [{"label": label, "href": f"{local(iri) if iri != BASE else '/void'}?format={fmt}"}
             for label, fmt in (("Turtle", "turtle"), ("JSON-LD", "json-ld"), ("N-Triples", "nt"))]
    html = _templates.get_template("entity.html").render(title=title, iri=iri, rows=rows, links=links)
    return html.encode("utf-8")


def _ontology(fmt: str) -> tuple[bytes, str]:
    """The generated ontology file (Turtle, RDF/XML) or a conversion of it."""
    turtle = TTL_PATH.read_bytes()
    if fmt == "turtle":
        return turtle, MEDIA["turtle"]
    if fmt == "xml":
        return OWL_PATH.read_bytes(), MEDIA["xml"]
    if fmt == "html":
        terms = [{"name": t.name, "kind": t.kind, "en": t.en, "es": t.es, "comment": t.comment_en} for t in TERMS]
        html = _templates.get_template("ontology.html").render(iri=ONTOLOGY_IRI, version=VERSION, terms=terms)
        return html.encode("utf-8"), MEDIA["html"]
    triples = ox.parse(turtle, format=ox.RdfFormat.TURTLE, base_iri=ONTOLOGY_IRI)
    return ox.serialize(triples, format=GRAPH_FORMATS[fmt]), MEDIA[fmt]


def void_graph(store, endpoint: str, limits: Limits) -> Graph:
    """VoID and SPARQL Service Description of what the store holds (one subset a named graph)."""
    graph = bind_prefixes(Graph())
    graph.bind("void", VOID)
    graph.bind("sd", SD)
    dataset, service = URIRef(BASE + "/void#dataset"), URIRef(BASE + "/void#service")
    sizes = run_query(store, load_queries()["graph-sizes"].text, limits=limits).rows
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("ai-stance-kg: who stands where on AI safety", lang="en")))
    graph.add((dataset, DCTERMS.title, Literal("ai-stance-kg: quién opina qué sobre la seguridad de la IA", lang="es")))
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(BASE + endpoint)))
    graph.add((dataset, VOID.uriSpace, Literal(ID_NS)))
    graph.add((dataset, VOID.vocabulary, URIRef(ONTOLOGY_IRI)))
    graph.add((dataset, VOID.triples, Literal(sum(int(r["triples"]) for r in sizes), datatype=XSD.integer)))
    for row in sizes:
        subset = URIRef(str(row["graph"]) + "#void")
        graph.add((dataset, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, SD.name, row["graph"]))
        graph.add((subset, VOID.triples, Literal(int(row["triples"]), datatype=XSD.integer)))
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(BASE + endpoint)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for fmt in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "RDF_XML", "JSON-LD"):
        graph.add((service, SD.resultFormat, URIRef(f"http://www.w3.org/ns/formats/{fmt}")))
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, SKOS.note, Literal(f"Queries run at most {limits.timeout_s:g} s and return at most "
                                           f"{limits.max_rows:,} rows; SERVICE, FROM, LOAD and updates are "
                                           "refused.", lang="en")))
    graph.add((URIRef(GRAPH_BASE), RDFS.comment, Literal("Every named graph of the dataset starts here.", lang="en")))
    return graph


def declared(text: str) -> str:
    """The query with PREFIX lines for the project prefixes it uses: YASGUI's editor checks them."""
    used = [p for p in PREFIXES if re.search(rf"(?<![\w:]){p}:", text)]
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used) + text


def editor_page(endpoint: str, limits: Limits) -> bytes:
    """YASGUI, offline, with one tab per named query (the explorer's internal ones left out)."""
    tabs = [{"name": q.title, "query": declared(q.text)} for q in load_queries().values()
            if not q.name.startswith("explorer-")]
    html = _templates.get_template("yasgui.html").render(default=json.dumps(declared(DEFAULT_QUERY)),
        endpoint=endpoint, tabs=json.dumps(tabs).replace("<", "\\u003c"), static=f"/static/{YASGUI}",
        timeout=f"{limits.timeout_s:g}", max_rows=f"{limits.max_rows:,}")
    return html.encode("utf-8")
