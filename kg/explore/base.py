"""What every view shares: short ids, the explorer's query runner, labels and entities."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from kg.rdf.namespaces import ASK, ID
from kg.sparql.runner import named_text

LANGS = ("en", "es")
POLARITY = {str(ASK.supports): "supports", str(ASK.opposes): "opposes", str(ASK.concernedAbout): "concerned"}
# most specific first: the first class an entity has decides its kind and its type label
KINDS = [("Company", "organisation"), ("NonProfit", "organisation"), ("Platform", "organisation"),
         ("Organization", "organisation"), ("Person", "person"), ("Topic", "topic"),
         ("AIModel", "ai-system"), ("AISystem", "ai-system"), ("ComputeCluster", "thing"), ("Hardware", "thing")]
EDGE_FILTERS = ("stance", "relation", "asserted", "inferred")
POLARITY_BY_LABEL = {"supports": "supports", "opposes": "opposes", "is concerned about": "concerned"}


def short(iri: str | None) -> str:
    """`https://w3id.org/ai-stance-kg/id/elon-musk` -> `elon-musk`; other IRIs stay whole."""
    if iri is None:
        return ""
    return iri[len(str(ID)):] if iri.startswith(str(ID)) else iri


def truthy(value: str | None) -> bool:
    """An xsd:boolean read as text: `true` or `1` (Virtuoso answers booleans as 1 and 0)."""
    return value in ("true", "1")


def expand(ident: str) -> str:
    return ident if "://" in ident else str(ID[ident])


def _select(store, name: str, params: dict[str, str] | None = None) -> list[dict[str, str | None]]:
    """Rows of a named query as strings (None where unbound).

    These are the library's own queries, so they run in this process with no row cap, and as
    text, since every view shows text: the time limit and row cap of `kg.sparql.runner` are for queries
    people type (see `run_sparql`).
    """
    variables, rows = store.select_text(named_text(store, name, params))
    return [dict(zip(variables, row, strict=True)) for row in rows]


def id_param(ident: str) -> str:
    """A short id as a parameter value the runner resolves exactly (id:elon-musk)."""
    return ident if "://" in ident else f"id:{ident}"


@dataclass
class Labels:
    """Every label in the graph by IRI and language."""

    texts: dict[str, dict[str, str]] = field(default_factory=dict)

    def get(self, iri: str | None, lang: str = "en") -> str:
        if not iri:
            return ""
        texts = self.texts.get(iri, {})
        return texts.get(lang) or texts.get("en") or next(iter(texts.values()), None) or short(iri)

    @cached_property
    def _by_english(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for iri, texts in sorted(self.texts.items(), key=lambda kv: not kv[0].startswith(str(ASK))):
            if "en" in texts:
                index.setdefault(texts["en"], iri)  # ontology terms first
        return index

    def translate(self, english: str | None, lang: str) -> str:
        """An English label the library's queries return (a polarity, a basis, a topic) in `lang`."""
        if not english or lang == "en":
            return english or ""
        iri = self._by_english.get(english)
        return self.get(iri, lang) if iri else english


def labels(store, lang: str = "en") -> Labels:
    """English labels, and those in `lang` (reading every language costs twice as long)."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for row in _select(store, "explorer-labels", {"language": lang} if lang != "en" else {}):
        out[row["node"]].setdefault(row["lang"], row["label"])
    return Labels(dict(out))


@dataclass(frozen=True)
class Entity:
    id: str
    label: str
    kind: str  # person, organisation, topic, ai-system, thing
    type_label: str  # the most specific class, in the chosen language
    wikidata: str = ""  # the checked Wikidata item's IRI, if any


def entities(store, lang: str = "en", names: Labels | None = None) -> list[Entity]:
    """Every actor, topic and thing, sorted by label."""
    names = names or labels(store, lang)
    types: dict[str, set[str]] = defaultdict(set)
    same: dict[str, str] = {}
    for row in _select(store, "explorer-entities"):
        types[row["entity"]].add(row["type"].rsplit("#", 1)[-1])
        if row.get("sameAs"):
            same[row["entity"]] = row["sameAs"]
    out = []
    for iri, classes in types.items():
        cls, kind = next((c, k) for c, k in KINDS if c in classes)
        out.append(Entity(short(iri), names.get(iri, lang), kind, names.get(str(ASK[cls]), lang), same.get(iri, "")))
    return sorted(out, key=lambda e: (e.label.casefold(), e.id))
