"""The vocabulary reference (docs/vocabulary.md), generated from the ontology graph.

Example triples come from a seed graph the caller passes (`kg.rdf.generate` builds it from the
committed curated files), so the reference shows real usage.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from ontology.terms import GRAPH_BASE, LICENSE, NS, PREFIXES, SCHEMES, TERMS, VERSION, VERSION_IRI


def _curie(graph: Graph, node) -> str:
    return node.n3(graph.namespace_manager)


def _text(graph: Graph, term, prop, lang) -> str:
    for value in graph.objects(term, prop):
        if getattr(value, "language", None) == lang:
            return str(value)
    return ""


def _class_expr(graph: Graph, node) -> str:
    if isinstance(node, URIRef):
        return _curie(graph, node)
    members = graph.value(node, OWL.unionOf)
    if members is not None:
        return " or ".join(_class_expr(graph, m) for m in Collection(graph, members))
    return "(anonymous)"


def _example(seed: Graph | None, term, kind: str) -> str:
    if seed is None:
        return ""
    if kind == "class":
        triples = seed.triples((None, RDF.type, term))
    elif kind == "individual":
        triples = seed.triples((None, None, term))
    else:
        triples = seed.triples((None, term, None))
    triple = min(triples, default=None)  # deterministic whatever the hash seed
    if triple is None:
        return ""
    s, p, o = triple
    obj = _curie(seed, o) if isinstance(o, URIRef) else o.n3()
    if len(obj) > 90:
        obj = obj[:87] + "…"
    return f"`{_curie(seed, s)} {_curie(seed, p)} {obj}`"


EXAMPLE_QUERY = """\
SELECT ?holder ?topic ?polarity ?quote
WHERE {
  ?stance a ask:Stance ; ask:holder ?holder ; ask:topic ?topic ; ask:polarity ?polarity ;
          ask:expressedBy/ask:evidence/oa:hasTarget/oa:hasSelector/oa:exact ?quote .
}"""


def _writing_queries() -> list[str]:
    """How to query the graph: its named graphs, what the runner allows, one worked example."""
    return [
        "## Writing queries",
        "",
        "All the dataset's graphs together are the default graph; `GRAPH <...> { ... }` reads one:",
        "",
        "| graph | holds |",
        "|---|---|",
        f"| `<{GRAPH_BASE}ontology>` | this ontology |",
        f"| `<{GRAPH_BASE}registry>` | actors, topics and things, shared by every source |",
        f"| `<{GRAPH_BASE}source/ID>` | everything one source contributes (its statements, quotes, "
        "stances...) |",
        f"| `<{GRAPH_BASE}inferred>` | inferred disagreements, re-derived on every build |",
        "",
        "Only SELECT, ASK, CONSTRUCT and DESCRIBE run. SERVICE, LOAD, updates and FROM are refused",
        "before evaluation, and so are FROM NAMED and GRAPH on other graphs; a query stops after",
        "10 s or 10,000 rows (`--timeout`, `--max-rows`). Every stance with its holder, topic,",
        "polarity and quotes:",
        "",
        "```sparql",
        EXAMPLE_QUERY,
        "```",
        "",
        "Run it with `stancekg query --sparql '...'` or `stancekg query --file my.rq`. `stancekg queries`",
        "lists the named queries; their text, in `kg/sparql/queries/*.rq`, shows more patterns (quotes with",
        "glosses, the chain of report, inferred disagreements). Terms below with no example are not",
        "used in the seed graph yet.",
        "",
    ]


def _value_vocabularies() -> list[str]:
    """Each SKOS scheme with its concepts, their labels and the word curators write for them."""
    lines = ["## Value vocabularies (SKOS)", "",
             "Each is a `skos:ConceptScheme`; its concepts carry `skos:prefLabel` in English and Spanish.", ""]
    for scheme in SCHEMES:
        lines += [f"### `ask:{scheme.name}`: {scheme.en} / {scheme.es}", "", "| concept | en | es | curation word |",
                  "|---|---|---|---|"]
        for term in (t for t in TERMS if t.scheme == "ask:" + scheme.name):
            lines.append(f"| `ask:{term.name}` | {term.en} | {term.es} | {f'`{term.word}`' if term.word else ''} |")
        lines.append("")
    return lines


def vocabulary_markdown(graph: Graph, seed: Graph | None = None) -> str:
    """Markdown reference for every class and property the ontology declares, with an example of
    each from `seed` where it uses it."""
    lines = [
        "# Vocabulary reference",
        "",
        "Generated from ontology/terms.py by `python -m kg.rdf.generate`; do not edit by hand.",
        f"Version {VERSION} (`owl:versionIRI <{VERSION_IRI}>`), licence <{LICENSE}>. How IRIs are",
        "made for terms and instances: [iri-policy.md](iri-policy.md).",
        "",
        "Namespace `ask:` = `" + NS + "`. Every SPARQL query run through `stancekg query` or the",
        "explorer knows these prefixes without declaring them:",
        "",
        "| prefix | IRI |",
        "|---|---|",
        *[f"| `{p}:` | `{iri}` |" for p, iri in PREFIXES.items()],
        "",
        *_writing_queries(),
        *_value_vocabularies(),
    ]
    sections = [("Classes", OWL.Class, "class"), ("Object properties", OWL.ObjectProperty, "property"),
                ("Data properties", OWL.DatatypeProperty, "property"),
                ("Annotation properties", OWL.AnnotationProperty, "property"),
                ("Named individuals", OWL.NamedIndividual, "individual")]
    for title, rdf_type, kind in sections:
        terms = sorted(t for t in graph.subjects(RDF.type, rdf_type)
                       if isinstance(t, URIRef) and str(t).startswith(NS))
        if not terms:
            continue
        lines += [f"## {title}", ""]
        for term in terms:
            lines.append(f"### `{_curie(graph, term)}`")
            lines.append("")
            lines.append(f"- label: {_text(graph, term, RDFS.label, 'en')} / "
                         f"{_text(graph, term, RDFS.label, 'es')} (es)")
            lines.append(f"- comment: {_text(graph, term, RDFS.comment, 'en')}")
            lines.append(f"- comentario: {_text(graph, term, RDFS.comment, 'es')}")
            parents = [_class_expr(graph, p) for p in graph.objects(term, RDFS.subClassOf)]
            parents += [_class_expr(graph, p) for p in graph.objects(term, RDFS.subPropertyOf)]
            if parents:
                lines.append(f"- parents: {', '.join(sorted(parents))}")
            domains = [_class_expr(graph, d) for d in graph.objects(term, RDFS.domain)]
            ranges = [_class_expr(graph, r) for r in graph.objects(term, RDFS.range)]
            if domains:
                lines.append(f"- domain: {', '.join(domains)}")
            if ranges:
                lines.append(f"- range: {', '.join(ranges)}")
            if (term, RDF.type, OWL.FunctionalProperty) in graph:
                lines.append("- functional: yes")
            types = [_curie(graph, t) for t in graph.objects(term, RDF.type)
                     if str(t).startswith(NS)]
            if types:
                lines.append(f"- type: {', '.join(sorted(types))}")
            example = _example(seed, term, kind)
            if example:
                lines.append(f"- example: {example}")
            lines.append("")
    return "\n".join(lines)
