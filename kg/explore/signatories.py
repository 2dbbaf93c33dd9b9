"""Who signed a joint statement, for the Sources page (from the `signatories` named query)."""

from __future__ import annotations

from dataclasses import dataclass

from kg.explore.base import _select, id_param, labels, short


@dataclass(frozen=True)
class Signatory:
    id: str
    name: str
    affiliation: str
    date: str
    stances: str  # "supports compute caps; ..."


def signatories(store, source: str, lang: str = "en") -> list[Signatory]:
    """The signatories of `source` (a short id) in the list's order of names, one entry each."""
    rows = _select(store, "signatories", {"letter": id_param(source)})
    if not rows:
        return []
    names = labels(store, lang)
    found: dict[str, tuple[str, str, list[str]]] = {}
    for r in rows:
        aff, date, stances = found.setdefault(r["signatory"], (r["affiliation"] or "", r["date"] or "", []))
        if r["topicLabel"]:
            stance = f"{r['polarity']} {r['topicLabel']}"
            if stance not in stances:
                stances.append(stance)
    return [
        Signatory(short(iri), names.get(iri, lang), aff, date, "; ".join(stances))
        for iri, (aff, date, stances) in found.items()
    ]
