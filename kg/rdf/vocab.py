"""The curation format's words and the ontology terms they stand for.

Curators write `polarity: supports`; the graph says `ask:supports`. Keeping the mapping in one
table lets the reader check values, the builder emit IRIs and the docs list what is allowed.
"""

from __future__ import annotations

from kg.rdf.namespaces import ASK, SCHEMA

ACTOR_TYPES = {
    "person": ASK.Person,
    "organisation": ASK.Organization,
    "company": ASK.Company,
    "non-profit": ASK.NonProfit,
    "platform": ASK.Platform,
}

THING_TYPES = {
    "ai-system": ASK.AISystem,
    "ai-model": ASK.AIModel,
    "compute-cluster": ASK.ComputeCluster,
    "hardware": ASK.Hardware,
}

SOURCE_KINDS = {
    "news-article": ASK.NewsArticle,
    "social-media-post": ASK.SocialMediaPost,
    "interview": ASK.Interview,
    "book": ASK.Book,
    "speech": ASK.Speech,
    "joint-statement": ASK.JointStatement,
    "other": ASK.Source,
}

STATEMENT_KINDS = {
    "event": ASK.EventReport,
    "fact": ASK.FactStatement,
    "estimate": ASK.Estimate,
    "plan": ASK.PlanOrPrediction,
    "prediction": ASK.PlanOrPrediction,
    "self-assessment": ASK.SelfAssessment,
    "stance": ASK.StanceStatement,
    "relation": ASK.RelationStatement,
    "comparison": ASK.ComparisonStatement,
}

POLARITIES = {
    "supports": ASK.supports,
    "opposes": ASK.opposes,
    "concerned-about": ASK.concernedAbout,
}

STRENGTHS = {"weak": ASK.weak, "moderate": ASK.moderate, "strong": ASK.strong}

RELATIONS = {
    "founded": ASK.founded,
    "cofounded": ASK.cofounded,
    "left": ASK.left,
    "funded": ASK.funded,
    "built": ASK.built,
    "developed": ASK.developed,
    "disagrees-with": ASK.disagreesWith,
    "criticises": ASK.criticises,
    "considers-legal-action-against": ASK.considersLegalActionAgainst,
    "former-ceo-of": ASK.formerChiefExecutiveOf,
}

# fact key -> (property, value kind); kinds: int, text (en/es), ref (any known id), money
FACT_PROPERTIES = {
    "gpu_count": (ASK.gpuCount, "int"),
    "gpu_model": (ASK.gpuModel, "ref"),
    "cooling": (ASK.cooling, "text"),
    "interconnect": (ASK.interconnect, "text"),
    "estimated_value": (ASK.estimatedValue, "money"),
    "trained_on": (ASK.trainedOn, "ref"),
    "developed_by": (ASK.developedBy, "ref"),
    "powered_by": (ASK.poweredBy, "ref"),
    "version_of": (ASK.versionOf, "ref"),
    "job_title": (SCHEMA.jobTitle, "text"),
}

# a curator-inference note on field F of a resource records which property it concerns
INFERABLE_FIELDS = {
    "date": ASK.date,
    "factor": ASK.factor,
    "estimated_value": ASK.estimatedValue,
    "start": ASK.startDate,
    "end": ASK.endDate,
}
