"""Citations: for any statement, what a reader needs to find the words again.

A claim is said somewhere (an interview, a post) by someone, and reaches the graph through a
document that reports it (an article); each has a title, a date, a publisher and a URL when the
curator knows them. One place builds that chain, so every view cites alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.explore.base import Labels, _select, labels, short
from kg.explore.sources import web_address


@dataclass(frozen=True)
class Cited:
    """A source as a citation names it."""

    id: str
    title: str
    kind: str  # its type's label (news article, interview...)
    date: str
    publisher: str
    url: str  # the original's address, http(s) only
    author: str  # "" when the source names no author
    reported_in: str  # the id of the source that reports this one


@dataclass(frozen=True)
class Citation:
    statement: str  # short id
    ident: str  # the curator's id in its source file (C03)
    claim: str
    speaker: str  # who asserts it; "" when it is the source's own unnamed author
    chain: tuple[Cited, ...]  # where it was said first, then each report of it, outermost last


@dataclass
class Citations:
    sources: dict[str, Cited] = field(default_factory=dict)
    statements: dict[str, Citation] = field(default_factory=dict)
    items: dict[str, str] = field(default_factory=dict)  # a stance or relationship -> its statement

    def of(self, statement: str) -> Citation | None:
        return self.statements.get(short(statement))

    def of_item(self, item: str) -> Citation | None:
        """The citation of what a stance or relationship is expressed by."""
        return self.of(self.items.get(short(item), ""))

    def of_source(self, source: str) -> Citation | None:
        """A citation of a whole source (no statement): its chain of reports."""
        chain = self._chain(short(source))
        return Citation("", "", "", "", chain) if chain else None

    def _chain(self, start: str, quoted_in: str = "") -> tuple[Cited, ...]:
        chain, seen, at = [], set(), start
        while at and at in self.sources and at not in seen:
            seen.add(at)
            chain.append(self.sources[at])
            at = self.sources[at].reported_in
        if quoted_in and quoted_in not in seen and quoted_in in self.sources:
            chain.append(self.sources[quoted_in])
        return tuple(chain)


def citations(store, lang: str = "en", names: Labels | None = None) -> Citations:
    """Every source and statement of the graph, cited (one query)."""
    names = names or labels(store, lang)
    rows = _select(store, "explorer-citations")
    out = Citations()
    for r in rows:
        if r["item"]:
            out.items[short(r["item"])] = short(r["statement"])
        elif r["statement"] is None and r["source"] not in (None, ""):
            ident = short(r["source"])
            creator = short(r["creator"])
            unnamed = not creator or creator == f"{ident}-author"
            out.sources[ident] = Cited(ident, names.get(r["source"], lang), names.get(r["type"], lang),
                                       r["date"] or "", r["publisher"] or "", web_address(r["url"]),
                                       "" if unnamed else names.get(r["creator"], lang), short(r["reportedIn"]))
    for r in rows:
        if r["statement"] is None or r["item"]:
            continue
        source, said = short(r["source"]), short(r["statedIn"]) or short(r["source"])
        asserter = short(r["assertedBy"])
        speaker = "" if asserter in ("", f"{source}-author") else names.get(r["assertedBy"], lang)
        ident = short(r["statement"])
        out.statements[ident] = Citation(ident, r["ident"] or "", names.get(r["statement"], lang), speaker,
                                         out._chain(said, source))
    return out
