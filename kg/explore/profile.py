"""An actor's profile: stances with their quotes, relations, disagreements and a timeline."""

from __future__ import annotations

from dataclasses import dataclass

from kg.explore.base import (
    POLARITY_BY_LABEL,
    Entity,
    Labels,
    _select,
    entities,
    expand,
    id_param,
    labels,
    short,
    truthy,
)


@dataclass(frozen=True)
class Quote:
    exact: str  # as printed, in the source's language
    gloss: str  # in English


def _quotes(exact: str | None, gloss: str | None) -> tuple[Quote, ...]:
    """The library joins several quotes with " | "; "(none...)" means the source gave no words."""
    if not exact or exact.startswith("(none"):
        return ()
    glosses = (gloss or "").split(" | ")
    return tuple(Quote(q, glosses[i] if i < len(glosses) and glosses[i] != "(none)" else "")
                 for i, q in enumerate(exact.split(" | ")))


@dataclass(frozen=True)
class Stance:
    id: str
    holder: str
    holder_label: str
    topic: str
    topic_label: str
    polarity: str  # supports, opposes, concerned
    polarity_label: str
    strength: str
    basis: str  # stated by the holder, or attributed by another
    attributed_by: str
    quotes: tuple[Quote, ...]
    statement: str
    claim: str
    source: str
    source_title: str
    date: str
    curator_reading: bool  # the curator's reading, not read in the text


@dataclass(frozen=True)
class Relation:
    id: str
    from_id: str
    from_label: str
    relation: str
    to_id: str
    to_label: str
    date: str
    start: str
    end: str
    reason: str
    quotes: tuple[Quote, ...]
    statement: str
    source_title: str


@dataclass(frozen=True)
class Disagreement:
    id: str
    a: str
    a_label: str
    b: str
    b_label: str
    inferred: bool  # derived from two opposite stances; no source states it
    kind: str  # disagreement, or criticism
    topics: str
    quotes_a: tuple[Quote, ...]
    quotes_b: tuple[Quote, ...]
    explanation: str
    reason: str
    date: str
    source_title: str


@dataclass(frozen=True)
class Dated:
    date: str
    kind: str
    what: str
    inferred: bool  # the date is the curator's inference
    statement: str
    source_title: str


@dataclass(frozen=True)
class Profile:
    entity: Entity
    stances: list[Stance]
    relations: list[Relation]
    disagreements: list[Disagreement]
    timeline: list[Dated]



def stances_of(store, actor: str, lang: str = "en", names: Labels | None = None) -> list[Stance]:
    names = names or labels(store, lang)
    out = []
    for r in _select(store, "stances-of-actor", {"actor": id_param(actor)}):
        out.append(Stance(
            short(r["stance"]), actor, names.get(expand(actor), lang), short(r["topic"]),
            names.get(r["topic"], lang), POLARITY_BY_LABEL.get(r["polarity"] or "", ""),
            names.translate(r["polarity"], lang), names.translate(r["strength"], lang),
            names.translate(r["basis"], lang), r["attributedBy"] or "", _quotes(r["quote"], r["gloss"]),
            short(r["statement"]), names.get(r["statement"], lang), short(r["source"]),
            names.get(r["source"], lang), r["date"] or "", truthy(r["curatorReading"])))
    return out


def relations_of(store, actor: str, lang: str = "en", names: Labels | None = None) -> list[Relation]:
    names = names or labels(store, lang)
    return [Relation(short(r["relationship"]), short(r["from"]), names.get(r["from"], lang),
                     names.get(r["relation"], lang), short(r["to"]), names.get(r["to"], lang), r["date"] or "",
                     r["startDate"] or "", r["endDate"] or "", r["reason"] or "", _quotes(r["quote"], r["gloss"]),
                     short(r["statement"]), names.get(r["source"], lang))
            for r in _select(store, "actor-relations", {"actor": id_param(actor)})]


def disagreements(store, lang: str = "en", actor: str = "", names: Labels | None = None) -> list[Disagreement]:
    """Every pair that disagrees (or one criticising the other), with both sides' words."""
    names = names or labels(store, lang)
    rows = _select(store, "disagreements", {"actor": id_param(actor)} if actor else {})
    out = []
    for r in rows:
        topics = ", ".join(names.translate(t, lang) for t in (r["topicLabel"] or "").split(", ") if t)
        out.append(Disagreement(
            short(r["disagreement"]), short(r["actorA"]), names.get(r["actorA"], lang), short(r["actorB"]),
            names.get(r["actorB"], lang), r["basis"] == "inferred", r["kind"] or "disagreement", topics,
            _quotes(r["quoteA"], r["glossA"]), _quotes(r["quoteB"], r["glossB"]), r["explanation"] or "",
            r["reason"] or "", r["date"] or "", names.get(r["source"], lang)))
    return out


def timeline_of(store, actor: str, lang: str = "en", names: Labels | None = None) -> list[Dated]:
    names = names or labels(store, lang)
    return [Dated(r["date"], r["kind"], names.get(r["item"], lang), truthy(r["dateInferred"]),
                  short(r["statement"]), names.get(r["source"], lang))
            for r in _select(store, "explorer-actor-timeline", {"actor": id_param(actor)})]


def profile(store, actor: str, lang: str = "en") -> Profile | None:
    """Everything about one actor; None if there is no such actor."""
    names = labels(store, lang)
    entity = next((e for e in entities(store, lang, names) if e.id == actor
                   and e.kind in ("person", "organisation")), None)
    if entity is None:
        return None
    return Profile(entity, stances_of(store, actor, lang, names), relations_of(store, actor, lang, names),
                   disagreements(store, lang, actor, names), timeline_of(store, actor, lang, names))
