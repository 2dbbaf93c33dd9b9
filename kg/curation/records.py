"""The checked records a curation file becomes; each keeps its file and line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal

from kg.curation import quotes
from kg.curation.problems import Problem
from kg.curation.suggestions import Named

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")


@dataclass
class Loc:
    path: Path
    line: int


@dataclass
class Entity:
    """An actor, topic or thing from a registry file."""

    id: str
    kind: str  # actor | topic | thing
    type: str
    label: dict
    loc: Loc
    wikidata: str | None = None
    definition: dict = field(default_factory=dict)
    broader: str | None = None
    note: dict = field(default_factory=dict)  # language -> the curator's note

    def named(self) -> Named:
        english_first = sorted(self.label.items(), key=lambda kv: kv[0] != "en")
        return Named(self.id, tuple(text for _, text in english_first), self.type)


@dataclass
class Quote:
    exact: str
    gloss: str
    where: quotes.Located
    loc: Loc


@dataclass
class Item:
    """A stance, relation, disagreement, fact, event or comparison inside a statement."""

    kind: str
    data: dict
    loc: Loc
    inferred: dict = field(default_factory=dict)  # field -> note ("" key: the whole item)


@dataclass
class Statement:
    id: str
    kinds: list[str]
    asserted_by: str  # an actor id, or "source"
    stated_in: str  # a source id
    claim: dict
    quotes: list[Quote]
    items: list[Item]
    about: list[str]
    note: dict  # language -> the curator's note
    loc: Loc


@dataclass
class Signature:
    """One line of a joint statement's signatory list, as `import-signatories` wrote it."""

    actor: str
    name: str  # as the list prints it
    row: int  # the line of the signatories CSV
    loc: Loc
    affiliation: str | None = None
    date: Literal | None = None


@dataclass
class Source:
    id: str
    kind: str
    title: dict
    language: str | None  # None: not known (a reported source whose language no source states)
    loc: Loc
    text: str = ""
    text_file: Path | None = None
    author: str | None = None
    publisher: str | None = None
    date: Literal | None = None
    url: str | None = None
    platform: str | None = None
    participants: list[str] = field(default_factory=list)
    reported_in: str | None = None
    note: dict = field(default_factory=dict)  # language -> the curator's note
    inferred: dict = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    reported: list[Source] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)  # declared inline, for this file only
    signatures: list[Signature] = field(default_factory=list)  # a joint statement's signatories
    signatory_list: Source | None = None  # the document that lists them


@dataclass
class Corpus:
    entities: dict[str, Entity]  # the shared registry
    sources: list[Source]
    problems: list[Problem]
    events: dict[str, Item] = field(default_factory=dict)

    def all_entities(self) -> dict[str, Entity]:
        """The registry plus every source's inline entries (one per id: they agree by now)."""
        out = dict(self.entities)
        for src in self.sources:
            for ident, entity in src.entities.items():
                out.setdefault(ident, entity)
        return out
