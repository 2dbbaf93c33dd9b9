"""The explorer's library: one function per view, returning plain data (strings, numbers, lists).

Every fact comes from a named query run through `kg.sparql.runner.run_named` (the explorer's own are
`kg/sparql/queries/explorer-*.rq`), so the app holds no SPARQL and no rdflib. Nodes are named by short
ids (`elon-musk`, not the full IRI), which is what the app puts in its URLs. Labels come in the
language asked for, falling back to English, then to the id.
"""

from kg.explore.agreement import (
    AgreementMatrix,
    Cell,
    TopicEvidence,
    agreement_evidence,
    agreement_html,
    agreement_matrix,
    cluster_order,
)
from kg.explore.base import (
    EDGE_FILTERS,
    KINDS,
    LANGS,
    POLARITY,
    Entity,
    Labels,
    entities,
    expand,
    labels,
    short,
)
from kg.explore.citation import Citation, Citations, Cited, citations
from kg.explore.export import Download, export, export_formats
from kg.explore.graph import MAX_DRAWN_NODES, edge_table, filter_network, network, network_data
from kg.explore.matrix import Matrix, matrix_html, stance_matrix
from kg.explore.profile import (
    Dated,
    Disagreement,
    Profile,
    Quote,
    Relation,
    Stance,
    disagreements,
    profile,
    relations_of,
    stances_of,
    timeline_of,
)
from kg.explore.signatories import Signatory, signatories
from kg.explore.sources import Passage, Provenance, SourceDoc, highlighted_html, provenance, sources
from kg.explore.sparql import QueryInfo, QueryParam, Table, named_queries, param_choices, run_named_table, run_sparql
from kg.explore.texts import CuratorTexts, Written, curator_texts
from kg.explore.when import within

__all__ = [
    "Citation", "Citations", "Cited", "CuratorTexts", "Written", "citations", "curator_texts", "within",
    "AgreementMatrix", "Cell", "TopicEvidence", "agreement_evidence", "agreement_html", "agreement_matrix",
    "cluster_order",
    "EDGE_FILTERS", "KINDS", "LANGS", "MAX_DRAWN_NODES", "POLARITY", "Dated", "Disagreement", "Download",
    "Entity", "Labels", "Matrix", "Passage", "Profile", "Provenance", "QueryInfo", "QueryParam", "Quote",
    "Relation", "SourceDoc", "Stance", "Table", "disagreements", "edge_table", "entities", "expand", "export",
    "export_formats", "filter_network", "highlighted_html", "labels", "matrix_html", "named_queries",
    "network", "network_data", "param_choices", "profile", "provenance", "relations_of",
    "run_named_table", "run_sparql", "short", "Signatory", "signatories", "sources", "stance_matrix", "stances_of",
    "timeline_of",
]
