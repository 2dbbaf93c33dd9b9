"""What a curator fills in, as plain records, and the YAML entries they become.

A form (the explorer's Curate page) fills a `StatementDraft`; `statement_node` turns it into
the entry a person would write, keys in the order of docs/curation.md. Editing updates the old
entry in place, so what the form does not show (other quotes, facts, notes, inferences, inline
comments) is kept. Empty fields are left out rather than written empty, so a missing holder is
reported by validation as the missing `holder` it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from kg.curation import quotes as quoting
from kg.curation.fields import slug
from kg.curation.records import Entity, Loc
from kg.curation.suggestions import Named, near_duplicates
from kg.curation.yamlfile import Date, flow

STATEMENT_ORDER = ("id", "kind", "asserted_by", "stated_in", "claim", "quotes", "about", "note", "stances",
                   "relations", "disagreements", "facts", "events", "comparisons")
STANCE_ORDER = ("holder", "topic", "polarity", "strength", "date", "attributed_by", "note", "inferred")
RELATION_ORDER = ("from", "relation", "to", "date", "start", "end", "reason", "topics", "note", "inferred")
REPORTED_ORDER = ("id", "kind", "title", "author", "platform", "participants", "date", "url", "reported_in",
                  "note", "inferred")


@dataclass
class StanceDraft:
    holder: str | None = None
    topic: str | None = None
    polarity: str | None = None
    strength: str | None = None
    date: str | None = None
    attributed_by: str | None = None


@dataclass
class RelationDraft:
    from_: str | None = None
    relation: str | None = None
    to: str | None = None
    date: str | None = None
    start: str | None = None
    end: str | None = None


@dataclass
class EntityDraft:
    """A new actor or topic, declared in the source file (for that source alone)."""

    kind: str  # actor | topic
    id: str
    label: dict  # {en: ..., es: ...}
    type: str = "person"  # actors only
    definition: dict = field(default_factory=dict)  # topics only

    def named(self) -> Named:
        english_first = sorted(self.label.items(), key=lambda kv: kv[0] != "en")
        return Named(self.id, tuple(t for _, t in english_first if t), self.type if self.kind == "actor" else "topic")


@dataclass
class StatementDraft:
    id: str
    kinds: list[str] = field(default_factory=lambda: ["stance"])
    asserted_by: str | None = None  # an actor id, or "source": the text's own voice
    stated_in: str | None = None  # a reported source's id; None: the file's own source
    claim: dict = field(default_factory=dict)  # {en: ..., es: ...}
    exact: str = ""  # the quote: always a slice of the source text
    gloss: str = ""
    note: str = ""
    stance: StanceDraft | None = None
    relation: RelationDraft | None = None
    new_entities: list[EntityDraft] = field(default_factory=list)


@dataclass
class ReportedDraft:
    """A source this one reports: a post, an interview, a book, a speech."""

    id: str
    kind: str
    title: str  # in English
    author: str | None = None
    date: str | None = None
    url: str | None = None
    reported_in: str | None = None  # None: the file's own source


# ----------------------------------------------------------------------------- values


def date_value(text: str | None):
    """A date as a person writes it: `2031` a number, `2031-03-05` plain, anything else as text."""
    text = (text or "").strip()
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return Date(text)
    return text or None


def _clean(value):
    return (value.strip() or None) if type(value) is str else value  # a Date keeps its type


def _put(node: CommentedMap, key: str, value, order: tuple[str, ...]) -> None:
    """Set `key` (or remove it when `value` is empty), a new key at its place in `order`."""
    value = _clean(value)
    if value in (None, "", [], {}):
        node.pop(key, None)
        return
    if key in node:
        node[key] = value
        return
    later = order[order.index(key) + 1:] if key in order else ()
    position = next((i for i, k in enumerate(node) if k in later), len(node))
    node.insert(position, key, value)


def _langs(old, values: dict):
    """`{en: ..., es: ...}` on one line, updating an old mapping in place (a plain text is English)."""
    values = {k: _clean(v) for k, v in values.items() if _clean(v)}
    if isinstance(old, CommentedMap):
        for lang in list(old):
            if lang in ("en", "es") and lang not in values:
                del old[lang]
        for lang, text in values.items():
            old[lang] = text
        return old if old else None
    return flow(values) if values else None


def _item(old, values: dict, order: tuple[str, ...]):
    node = old if isinstance(old, CommentedMap) else flow({})
    for key in order:
        if key in values:
            _put(node, key, values[key], order)
    return node


def _first(node: CommentedMap, key: str, item, order: tuple[str, ...]) -> None:
    """Put `item` as the first entry of the list `key` (replacing the old first one), or remove it."""
    items = node.get(key)
    if item is None:
        if isinstance(items, list) and items:
            del items[0]
            if not items:
                del node[key]
        return
    if isinstance(items, CommentedSeq) and items:
        items[0] = item
    else:
        _put(node, key, CommentedSeq([item]), order)


# ----------------------------------------------------------------------------- entries


def statement_node(draft: StatementDraft, old: CommentedMap | None = None) -> CommentedMap:
    """The YAML entry for `draft`; with `old`, that entry updated in place."""
    node = old if old is not None else CommentedMap()
    _put(node, "id", draft.id, STATEMENT_ORDER)
    kinds = [k for k in draft.kinds if k]
    if list(node.get("kind") or []) != kinds:
        _put(node, "kind", flow(kinds) if kinds else None, STATEMENT_ORDER)
    _put(node, "asserted_by", draft.asserted_by, STATEMENT_ORDER)
    _put(node, "stated_in", draft.stated_in, STATEMENT_ORDER)
    _put(node, "claim", _langs(node.get("claim"), draft.claim), STATEMENT_ORDER)
    old_quotes = node.get("quotes")
    if draft.exact:
        first = old_quotes[0] if isinstance(old_quotes, CommentedSeq) and old_quotes else None
        block = first if isinstance(first, CommentedMap) else CommentedMap()
        block["exact"] = draft.exact  # verbatim: never stripped or re-spaced
        _put(block, "gloss", draft.gloss, ("exact", "gloss"))
        _first(node, "quotes", block, STATEMENT_ORDER)
    else:
        _first(node, "quotes", None, STATEMENT_ORDER)
    _put(node, "note", draft.note, STATEMENT_ORDER)
    old_stances = node.get("stances") or [None]
    stance = None
    if draft.stance is not None:
        s = draft.stance
        stance = _item(old_stances[0], {"holder": s.holder, "topic": s.topic, "polarity": s.polarity,
                                        "strength": s.strength, "date": date_value(s.date),
                                        "attributed_by": s.attributed_by}, STANCE_ORDER)
    if stance is not None or "stance" not in kinds:
        _first(node, "stances", stance, STATEMENT_ORDER)
    old_relations = node.get("relations") or [None]
    relation = None
    if draft.relation is not None:
        r = draft.relation
        relation = _item(old_relations[0], {"from": r.from_, "relation": r.relation, "to": r.to,
                                            "date": date_value(r.date), "start": date_value(r.start),
                                            "end": date_value(r.end)}, RELATION_ORDER)
    if relation is not None or "relation" not in kinds:
        _first(node, "relations", relation, STATEMENT_ORDER)
    return node


def entity_node(draft: EntityDraft) -> CommentedMap:
    node = CommentedMap()
    node["id"] = draft.id
    if draft.kind == "actor":
        node["type"] = draft.type
    node["label"] = flow({k: _clean(v) for k, v in draft.label.items() if _clean(v)})
    definition = {k: _clean(v) for k, v in draft.definition.items() if _clean(v)}
    if definition:
        node["definition"] = flow(definition)
    return node


def reported_node(draft: ReportedDraft) -> CommentedMap:
    node = CommentedMap()
    for key, value in (("id", draft.id), ("kind", draft.kind), ("title", flow({"en": draft.title}) if
                       _clean(draft.title) else None), ("author", draft.author), ("date", date_value(draft.date)),
                       ("url", draft.url), ("reported_in", draft.reported_in)):
        _put(node, key, value, REPORTED_ORDER)
    return node


# ----------------------------------------------------------------------------- reading back


def _text(value) -> str:
    return "" if value is None else str(value)


def draft_from(node: CommentedMap) -> StatementDraft:
    """The form's view of an entry: the first quote, the first stance and the first relation."""
    claim = node.get("claim")
    claim = dict(claim) if isinstance(claim, dict) else ({"en": str(claim)} if claim else {})
    q = (node.get("quotes") or [{}])[0]
    q = q if isinstance(q, dict) else {}
    draft = StatementDraft(
        id=_text(node.get("id")), kinds=[str(k) for k in (node.get("kind") or [])],
        asserted_by=node.get("asserted_by"), stated_in=node.get("stated_in"),
        claim={k: _text(v) for k, v in claim.items()}, exact=_text(q.get("exact")), gloss=_text(q.get("gloss")),
        note=_text(node.get("note")))
    s = (node.get("stances") or [None])[0]
    if isinstance(s, dict):
        draft.stance = StanceDraft(s.get("holder"), s.get("topic"), s.get("polarity"), s.get("strength"),
                                   _text(s.get("date")) or None, s.get("attributed_by"))
    r = (node.get("relations") or [None])[0]
    if isinstance(r, dict):
        draft.relation = RelationDraft(r.get("from"), r.get("relation"), r.get("to"), _text(r.get("date")) or None,
                                       _text(r.get("start")) or None, _text(r.get("end")) or None)
    return draft


def quote_span(text: str, exact: str) -> tuple[int, int] | None:
    """Where a quote sits in the source text, as the checks find it (its first occurrence)."""
    where = quoting.locate(text, exact) if exact else None
    return (where.start, where.end) if where else None


# ----------------------------------------------------------------------------- ids and duplicates


def next_statement_id(existing: list[str]) -> str:
    """The next id in the file's own numbering (`F06` after `F05`); `S01` in a new file."""
    parsed = [m.groups() for m in (re.fullmatch(r"([A-Za-z]*)(\d+)", i or "") for i in existing) if m]
    if not parsed:
        return "S01"
    prefixes = [p for p, _ in parsed]
    prefix = max(set(prefixes), key=prefixes.count)
    width = max(2, *(len(n) for p, n in parsed if p == prefix))
    number = max(int(n) for p, n in parsed if p == prefix) + 1
    ident = f"{prefix}{number:0{width}d}"
    while ident in existing:
        number += 1
        ident = f"{prefix}{number:0{width}d}"
    return ident


def new_id(label: str, taken) -> str:
    """An id from a label (`Peña Nieto` -> `pena-nieto`), numbered if it is taken."""
    base = slug(label)
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    return ident


def lookalikes(draft: EntityDraft, known: list[Entity]) -> list[tuple[Entity, str]]:
    """Known entries that may be the one being created, with why: the check `validate` warns with."""
    candidate = Entity(draft.id, draft.kind, draft.type if draft.kind == "actor" else "topic",
                       {k: v for k, v in draft.label.items() if v}, Loc(None, 0))  # type: ignore[arg-type]
    same_kind = [e for e in known if e.kind == draft.kind and e.id != draft.id]
    found = []
    for later, earlier, why in near_duplicates([*(e.named() for e in same_kind), candidate.named()]):
        if later.id == draft.id:
            found.append((next(e for e in same_kind if e.id == earlier.id), why))
    taken = next((e for e in known if e.id == draft.id), None)
    if taken is not None:
        found.insert(0, (taken, f"the id '{draft.id}' is already used"))
    return found
