"""Sources with their text and quoted passages, and where each statement comes from."""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass

from kg.explore.base import _select, id_param, labels, short


def web_address(url: str | None) -> str:
    """The URL if it is an http(s) address, else "": a link made from a graph that was loaded
    (not curated) may hold anything, `javascript:` included."""
    return url if url and url.lower().startswith(("http://", "https://")) and " " not in url else ""


@dataclass(frozen=True)
class Passage:
    """One quote of one statement, located in its source's text."""

    statement: str  # short id of the statement (xai-memphis-article-c01)
    ident: str  # the curator's id (C01)
    claim: str
    exact: str
    start: int
    end: int
    gloss: str
    asserted_by: str
    stated_in: str
    stated_in_id: str


@dataclass(frozen=True)
class SourceDoc:
    id: str
    title: str
    type_label: str
    language: str
    date: str
    url: str
    creator: str
    text: str
    reported_in: str  # short id of the source that reports this one
    passages: tuple[Passage, ...] = ()


def sources(store, lang: str = "en") -> list[SourceDoc]:
    """Every source, with its text and the quoted passages in text order."""
    names = labels(store, lang)
    passages: dict[str, list[Passage]] = defaultdict(list)
    for row in _select(store, "explorer-quotes"):
        passages[row["source"]].append(Passage(
            short(row["statement"]), row["ident"], names.get(row["statement"], lang), row["exact"],
            int(row["start"]), int(row["end"]), row["gloss"] or "", names.get(row["assertedBy"], lang),
            names.get(row["statedIn"], lang), short(row["statedIn"])))
    docs = {}
    for row in _select(store, "explorer-sources"):
        iri = row["source"]
        if iri in docs:
            continue
        docs[iri] = SourceDoc(
            short(iri), names.get(iri, lang), names.get(row["type"], lang), row["language"] or "",
            row["date"] or "", web_address(row["url"]), names.get(row["creator"], lang), row["text"] or "",
            short(row["reportedIn"]), tuple(sorted(passages.get(iri, []), key=lambda p: (p.start, p.end))))
    return sorted(docs.values(), key=lambda d: (not d.text, d.title.casefold()))


def highlighted_html(doc: SourceDoc, *, selected: str = "", link=lambda passage: "") -> str:
    """The source's text as escaped HTML, each quoted passage marked and linked to its statement.

    Overlapping quotes are split at every boundary; a piece covered by several quotes links to
    the first. `selected` (a statement id) marks that statement's passages more strongly.
    """
    text = doc.text
    cuts = sorted({0, len(text)} | {p.start for p in doc.passages} | {p.end for p in doc.passages})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = html.escape(text[a:b]).replace("\n", "<br>")
        covering = [p for p in doc.passages if p.start <= a and b <= p.end]
        if not covering:
            out.append(piece)
            continue
        first = covering[0]
        cls = "q sel" if any(p.statement == selected for p in covering) else "q"
        tip = html.escape(" / ".join(f"{p.ident}: {p.claim}" for p in covering), quote=True)
        href = html.escape(link(first), quote=True)
        starting = "".join(f"<sup>{html.escape(p.ident)}</sup>" for p in covering if p.start == a)
        out.append(f'<a class="{cls}" href="{href}" title="{tip}"><mark>{piece}</mark>{starting}</a>')
    return "".join(out)


@dataclass(frozen=True)
class Provenance:
    """Where a statement comes from, as the `provenance` named query tells it."""

    statement: str  # its CURIE (id:xai-memphis-article-c11)
    kinds: str
    asserted_by: str
    stated_in: str
    stated_in_date: str
    reported_in: str
    notes: tuple[str, ...]  # the curator's notes and reasoning


def provenance(store, statement: str, lang: str = "en") -> Provenance | None:
    rows = _select(store, "provenance", {"statement": id_param(statement)})
    if not rows:
        return None
    names = labels(store, lang)
    r = rows[0]
    notes = tuple(n for n in (r["curatorNotes"] or "").split(" | ") if n)
    return Provenance(id_param(statement), r["kinds"] or "", r["assertedByLabel"] or "", names.get(r["statedIn"], lang),
                      r["statedInDate"] or "", names.get(r["reportedIn"], lang), notes)
