"""Reading curated YAML into checked records, with every problem tied to file, line and field.

The reader never stops at the first mistake: it collects all of them, so one `validate` run
shows a curator everything to fix. Records keep their file and line so that later checks
(SHACL, the reasoner) can point back at the YAML too.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal

from kg import dates, located, quotes, vocab
from kg.located import LDict, LList
from kg.problems import Problem
from kg.suggestions import Named, closest, describe, did_you_mean, near_duplicates, words

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
    note: str | None = None

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
    note: str | None
    loc: Loc


@dataclass
class Source:
    id: str
    kind: str
    title: dict
    language: str
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
    note: str | None = None
    inferred: dict = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    reported: list[Source] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)  # declared inline, for this file only


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


class _Reader:
    """Field access that records a problem instead of raising."""

    def __init__(self, path: Path, problems: list[Problem], elsewhere: dict[str, Entity] | None = None):
        self.path, self.problems = path, problems
        self.elsewhere = elsewhere or {}  # entities declared inline in other source files

    def problem(self, line: int, fld: str, message: str, suggestion: str = "",
                severity: str = "error") -> None:
        self.problems.append(Problem(self.path, line, fld, message, suggestion, severity))

    def line(self, node, key=None) -> int:
        if isinstance(node, LDict) and key in node.lines:
            return node.lines[key]
        return getattr(node, "line", 0)

    def mapping(self, node, fld: str, line: int) -> LDict | None:
        if isinstance(node, LDict):
            return node
        self.problem(line, fld, f"expected a mapping (key: value lines), got {_shown(node)}",
                     "check the indentation: each field on its own line as 'name: value', "
                     "list entries starting with '- '")
        return None

    def seq(self, node, key: str, fld: str) -> list[tuple[object, int]]:
        value = node.get(key)
        if value is None:
            return []
        if not isinstance(value, LList):
            value = LList([value])
            value.lines = [self.line(node, key)]
        return list(zip(value, value.lines, strict=True))

    def text(self, node: LDict, key: str, fld: str, required: bool = True) -> str | None:
        value = node.get(key)
        if value is None or value == "":
            if required:
                self.problem(self.line(node, key) if key in node else node.line, fld,
                             f"'{key}' is required", f"add '{key}: ...' to this entry")
            return None
        if isinstance(value, (dict, list)):
            self.problem(self.line(node, key), fld, f"expected text, got {_shown(value)}",
                         f"write '{key}: some text' on one line (quote it if it contains ': ')")
            return None
        return str(value)

    def langs(self, node: LDict, key: str, fld: str, need=("en",), required=True,
              plain: str = "en") -> dict:
        """A {en: ..., es: ...} mapping; plain text counts as language `plain` (English by default)."""
        value = node.get(key)
        line = self.line(node, key)
        example = "{" + ", ".join(f"{lang}: ..." for lang in need or ("en",)) + "}"
        if value is None:
            if required:
                self.problem(node.line, fld, f"'{key}' is required (with {', '.join(need)})",
                             f"add '{key}: {example}'")
            return {}
        if isinstance(value, str):
            value = {plain: value}
        if not isinstance(value, dict):
            self.problem(line, fld, f"expected text or {{en: ..., es: ...}}, got {_shown(value)}",
                         f"write '{key}: {example}'")
            return {}
        out = {}
        for lang, text in value.items():
            if isinstance(lang, str) and text is None and not LANG_RE.match(lang):
                # `{en: Yes, but no}` reads as {en: Yes, "but no": null}: the comma ended the text
                self.problem(line, fld, f"the text was cut at a comma: '{lang}' was read as a language",
                             "put the whole text in double quotes: {en: \"..., ...\"}, or write it "
                             "on its own line under the language")
            elif not isinstance(lang, str) or not LANG_RE.match(lang):
                self.problem(line, f"{fld}.{lang}", f"'{lang}' is not a language tag such as en or es",
                             "use a lower-case ISO 639 code: en, es, fr, de, zh...")
            elif not isinstance(text, (str, int, float)) or str(text).strip() == "":
                self.problem(line, f"{fld}.{lang}", "expected non-empty text",
                             f"write the {lang} text after '{lang}:', or remove '{lang}:'")
            else:
                out[lang] = str(text).strip()
        for lang in need:
            if lang not in out:
                self.problem(line, fld, f"missing the '{lang}' text",
                             f"add '{lang}: ...' ({_LANGUAGE_NAMES.get(lang, lang)}) to {key}")
        return out

    def ident(self, node: LDict, key: str, fld: str) -> str | None:
        value = self.text(node, key, fld)
        if value is not None and not ID_RE.match(value):
            self.problem(self.line(node, key), fld,
                         f"'{value}' is not an identifier: use lower-case letters, digits and hyphens",
                         f"for example '{slug(value)}'")
            return None
        return value

    def choice(self, node: LDict, key: str, fld: str, table: dict, required=True) -> str | None:
        value = self.text(node, key, fld, required)
        if value is not None and value not in table:
            self.problem(self.line(node, key), fld, f"'{value}' is not one of: {', '.join(table)}",
                         did_you_mean(value, table) or "copy one of the listed values exactly")
            return None
        return value

    def unknown_keys(self, node: LDict, allowed: set[str], fld: str) -> None:
        """Report fields the format does not have, and fields written twice (YAML keeps the last)."""
        for key, line, first in getattr(node, "duplicates", ()):
            self.problem(line, f"{fld}.{key}" if fld else str(key),
                         f"'{key}' is written twice in this entry (first at line {first}); only this one is kept",
                         "merge the two into one (a list under a single key, if there are several)")
        for key in node:
            if key not in allowed:
                self.problem(self.line(node, key), f"{fld}.{key}" if fld else str(key),
                             f"unknown field '{key}'",
                             did_you_mean(str(key), allowed) or f"fields here: {', '.join(sorted(allowed))}")


def _shown(value) -> str:
    return {dict: "a mapping", LDict: "a mapping", list: "a list", LList: "a list"}.get(
        type(value), repr(value))


def slug(text: str) -> str:
    """An identifier made from a name: `Peña Nieto` -> `pena-nieto`."""
    return "-".join(words(str(text))) or "x"


_LANGUAGE_NAMES = {"en": "English", "es": "Spanish"}
DATE_EXAMPLES = "for example 2024, 2024-07, 2024-07-22 or 2024-07-22T04:20:00-05:00"


# ----------------------------------------------------------------------------- registries

REGISTRY_FILES = {"actor": "actors.yaml", "topic": "topics.yaml", "thing": "things.yaml"}
INLINE_SECTIONS = {"actors": "actor", "topics": "topic", "things": "thing"}  # in a source file
_ENTITY_KEYS = {"id", "type", "label", "wikidata", "wikidata_evidence", "note", "definition",
                "broader"}


def _load_yaml(path: Path, problems: list[Problem]):
    try:
        return located.load(path)
    except located.YamlSyntaxError as exc:
        problems.append(Problem(path, exc.line, "(file)", exc.message,
                                "check the indentation of this line and the one before, and put text "
                                "containing ': ', ' #', or starting with a quote, '[' or '{' in quotes"))
    except UnicodeDecodeError:
        problems.append(Problem(path, 0, "(file)", "the file is not UTF-8 text",
                                "save it again as UTF-8 in your editor"))
    except OSError as exc:
        problems.append(Problem(path, 0, "(file)", f"cannot read: {exc.strerror}",
                                "check that the file exists and is readable"))
    return None


def _entity(r: _Reader, node: LDict, line: int, kind: str, name: str) -> Entity | None:
    """One registry entry (the same fields whether in actors.yaml or inline in a source)."""
    ident = r.ident(node, "id", f"{name}.id")
    fld = f"{name}[{ident}]" if ident else name
    r.unknown_keys(node, _ENTITY_KEYS, fld)
    types = {"actor": vocab.ACTOR_TYPES, "thing": vocab.THING_TYPES}.get(kind)
    etype = r.choice(node, "type", f"{fld}.type", types) if types else "topic"
    label = r.langs(node, "label", f"{fld}.label", need=("en", "es"))
    wikidata = r.text(node, "wikidata", f"{fld}.wikidata", required=False)
    if wikidata and not re.match(r"^Q[1-9]\d*$", wikidata):
        r.problem(r.line(node, "wikidata"), f"{fld}.wikidata",
                  f"'{wikidata}' is not a Wikidata item ID such as Q317521",
                  "copy the Q-number from the item's Wikidata page, or leave 'wikidata' out")
        wikidata = None
    if ident is None or etype is None:
        return None
    entity = Entity(ident, kind, etype, label, Loc(r.path, line), wikidata,
                    note=r.text(node, "note", f"{fld}.note", required=False))
    if kind == "topic":
        entity.definition = r.langs(node, "definition", f"{fld}.definition", required=False)
        entity.broader = r.text(node, "broader", f"{fld}.broader", required=False)
    return entity


def _entries(r: _Reader, doc, kind: str, known: dict[str, Entity], name: str) -> list[Entity]:
    """A list of registry entries; an id already in `known` (or earlier in the list) is an error."""
    if not isinstance(doc, LList):
        r.problem(getattr(doc, "line", 1), "(file)" if name == kind else name,
                  "expected a list of entries, each starting with '- id:'",
                  f"write each {kind} as '- id: ...' followed by its fields, indented")
        return []
    out: list[Entity] = []
    for node, line in zip(doc, doc.lines, strict=True):
        node = r.mapping(node, name, line)
        entity = _entity(r, node, line, kind, name) if node is not None else None
        if entity is None:
            continue
        first = known.get(entity.id) or next((e for e in out if e.id == entity.id), None)
        if first is not None:
            r.problem(line, f"{name}[{entity.id}].id",
                      f"'{entity.id}' is already defined at {first.loc.path.name}:{first.loc.line}",
                      f"if it is the same {first.kind}, delete this entry and use '{entity.id}'; "
                      "if not, give one of them another id")
            continue
        out.append(entity)
    return out


def read_registry(data_dir: Path, problems: list[Problem]) -> dict[str, Entity]:
    """The shared actors, topics and things: ids unique across the three files."""
    entities: dict[str, Entity] = {}
    for kind, name in REGISTRY_FILES.items():
        path = data_dir / name
        if not path.exists():
            continue
        doc = _load_yaml(path, problems)
        if doc is None:
            continue
        for entity in _entries(_Reader(path, problems), doc, kind, entities, kind):
            entities[entity.id] = entity
    _check_broader(entities.values(), entities, problems)
    return entities


def _check_broader(topics, known: dict[str, Entity], problems: list[Problem]) -> None:
    for entity in topics:
        if entity.broader and (entity.broader not in known or known[entity.broader].kind != "topic"):
            pool = [e.named() for e in known.values() if e.kind == "topic"]
            close = closest(entity.broader, pool)
            _Reader(entity.loc.path, problems).problem(
                entity.loc.line, f"topic[{entity.id}].broader", f"unknown topic '{entity.broader}'",
                f"did you mean {describe(close)}?" if close else "name a topic from topics.yaml")


def _check_duplicates(entities: list[Entity], problems: list[Problem]) -> None:
    """Warn about entries that look like one entity written twice; one Wikidata item, one id."""
    for later, earlier, why in near_duplicates([e.named() for e in entities]):
        a = next(e for e in entities if e.id == later.id)
        b = next(e for e in entities if e.id == earlier.id)
        problems.append(Problem(
            a.loc.path, a.loc.line, f"{a.kind}[{a.id}].label",
            f"{why}: '{a.id}' may be the same {b.kind} as '{b.id}' ({b.loc.path.name}:{b.loc.line})",
            f"if they are the same, delete '{a.id}' and write '{b.id}' wherever '{a.id}' is used",
            "warning"))
    by_item: dict[str, Entity] = {}
    for e in entities:
        if e.wikidata and by_item.setdefault(e.wikidata, e) is not e:
            b = by_item[e.wikidata]
            problems.append(Problem(
                e.loc.path, e.loc.line, f"{e.kind}[{e.id}].wikidata",
                f"Wikidata item {e.wikidata} is already the item of '{b.id}' ({b.loc.path.name}:{b.loc.line})",
                f"one item is one entity: use '{b.id}' instead of '{e.id}', or correct the Q-number"))


def _inline(r: _Reader, doc: LDict, registry: dict[str, Entity]) -> dict[str, Entity]:
    """Actors, topics and things declared in a source file: for that file only."""
    out: dict[str, Entity] = {}
    for section, kind in INLINE_SECTIONS.items():
        if doc.get(section) is None:
            continue
        value = doc[section]
        if not isinstance(value, LList):
            value = LList([value])
            value.line, value.lines = r.line(doc, section), [r.line(doc, section)]
        for entity in _entries(r, value, kind, {**registry, **out}, section):
            out[entity.id] = entity
    _check_broader([e for e in out.values() if e.kind == "topic"], {**registry, **out}, r.problems)
    return out


def _same_entry(a: Entity, b: Entity) -> str | None:
    """The first field on which two inline declarations of one id disagree, or None."""
    for name in ("kind", "type", "label", "wikidata", "definition", "broader"):
        if getattr(a, name) != getattr(b, name):
            return name
    return None


# ----------------------------------------------------------------------------- sources

_SOURCE_KEYS = {"id", "kind", "title", "language", "text", "author", "publisher", "date", "url",
                "note", "inferred"}
_REPORTED_KEYS = {"id", "kind", "title", "author", "platform", "date", "participants",
                  "reported_in", "note", "inferred", "url"}
_STATEMENT_KEYS = {"id", "kind", "asserted_by", "stated_in", "claim", "quotes", "note", "about",
                   "stances", "relations", "disagreements", "facts", "events", "comparisons"}
_ITEM_KEYS = {
    "stances": {"holder", "topic", "polarity", "strength", "attributed_by", "date", "note",
                "inferred"},
    "relations": {"from", "relation", "to", "date", "start", "end", "reason", "topics", "note",
                  "inferred"},
    "disagreements": {"from", "to", "topics", "date", "reason", "note", "inferred"},
    "events": {"id", "label", "date", "duration", "involves", "note", "inferred"},
    "comparisons": {"compares", "against", "dimension", "factor", "approximate", "outcome",
                    "note", "inferred"},
    "facts": {"subject", "note", "inferred", *vocab.FACT_PROPERTIES},
}


def read_source(path: Path, entities: dict[str, Entity], problems: list[Problem],
                events: dict[str, Item] | None = None, *, doc=None,
                inline: dict[str, Entity] | None = None,
                elsewhere: dict[str, Entity] | None = None) -> Source | None:
    """Read one source file (and the text beside it), checking every reference and quote.

    `entities` is the shared registry; the file may add its own entries (`actors:`, `topics:`,
    `things:`), visible to it alone. `elsewhere` (entries other files declare) only improves hints.
    """
    if doc is None:
        doc = _load_yaml(path, problems)
        if doc is None:
            return None
    r = _Reader(path, problems, elsewhere)
    doc = r.mapping(doc, "(file)", 1)
    if doc is None:
        return None
    r.unknown_keys(doc, {"source", "reported", "statements", *INLINE_SECTIONS}, "")
    if inline is None:
        inline = _inline(r, doc, entities)
    entities = {**entities, **inline}
    node = r.mapping(doc.get("source"), "source", r.line(doc, "source")) if "source" in doc else None
    if node is None:
        if "source" not in doc:
            r.problem(1, "source", "'source' is required: the document's id, kind, title, language and text",
                      "start the file with 'source:' (`stancekg new-source` writes one for you)")
        return None
    r.unknown_keys(node, _SOURCE_KEYS, "source")
    ident = r.ident(node, "id", "source.id")
    kind = r.choice(node, "kind", "source.kind", vocab.SOURCE_KINDS)
    language = r.text(node, "language", "source.language")
    plain = language if language and LANG_RE.match(language) else "en"
    title = r.langs(node, "title", "source.title", need=(), plain=plain)  # a plain title is in the text's language
    if language and not LANG_RE.match(language):
        r.problem(r.line(node, "language"), "source.language", f"'{language}' is not a language tag such as es",
                  "use the lower-case ISO 639 code of the text's language: en, es, fr, de, zh...")
    src = Source(ident or "", kind or "other", title, language or "und", Loc(path, node.line))
    src.entities = inline
    src.note = r.text(node, "note", "source.note", required=False)
    src.url = r.text(node, "url", "source.url", required=False)
    src.publisher = r.text(node, "publisher", "source.publisher", required=False)
    src.author = _ref(r, node, "author", "source.author", entities, {"actor"}, required=False)
    src.date = _date(r, node, "date", "source.date")
    src.inferred = _inferred(r, node, "source")
    text_name = r.text(node, "text", "source.text")
    if text_name:
        src.text_file = path.parent / text_name
        try:
            src.text = src.text_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = getattr(exc, "strerror", None) or "it is not UTF-8 text"
            near = did_you_mean(text_name, [p.name for p in path.parent.glob("*.txt")])
            r.problem(r.line(node, "text"), "source.text",
                      f"cannot read the source text '{text_name}': {reason}",
                      near or "put the text file (UTF-8) beside the YAML file and give its name here")
    known_sources = {src.id: src}
    for rnode, line in r.seq(doc, "reported", "reported"):
        rnode = r.mapping(rnode, "reported", line)
        if rnode is None:
            continue
        rep = _reported(r, rnode, entities, src)
        if rep:
            if rep.id in known_sources:
                r.problem(line, "reported.id", f"source id '{rep.id}' is used twice",
                          "give each reported source its own id")
            known_sources[rep.id] = rep
            src.reported.append(rep)
    _check_chains(r, src, known_sources)
    events = events if events is not None else {}
    seen_ids: set[str] = set()
    statement_nodes = r.seq(doc, "statements", "statements")
    if not statement_nodes:
        r.problem(doc.lines.get("statements", doc.line), "statements", "a source needs at least one statement",
                  "uncomment one of the examples under 'statements:' and fill it in", severity="warning")
    for snode, line in statement_nodes:
        snode = r.mapping(snode, "statements", line)
        if snode is None:
            continue
        stmt = _statement(r, snode, entities, src, known_sources, events)
        if stmt is None:
            continue
        if stmt.id in seen_ids:
            r.problem(line, f"statement[{stmt.id}].id", f"statement id '{stmt.id}' is used twice",
                      "number the statements S01, S02, ... with each id once")
            continue
        seen_ids.add(stmt.id)
        src.statements.append(stmt)
    return src if ident and kind else None


def _check_chains(r: _Reader, src: Source, known: dict[str, Source]) -> None:
    """Every reported source must lead, through `reported_in`, back to the file's own source."""
    for rep in src.reported:
        if rep.reported_in not in known:
            r.problem(rep.loc.line, f"reported[{rep.id}].reported_in", f"unknown source '{rep.reported_in}'",
                      did_you_mean(rep.reported_in, known) or
                      f"name '{src.id}' or another source listed under 'reported:'")
            continue
        chain, at = [rep.id], rep
        while at.reported_in != src.id and at.reported_in in known:
            at = known[at.reported_in]
            if at.id in chain:
                r.problem(rep.loc.line, f"reported[{rep.id}].reported_in",
                          f"reported_in goes round in a loop: {' -> '.join([*chain, at.id])}",
                          f"the first link of the chain must be reported_in '{src.id}'")
                break
            chain.append(at.id)


def _reported(r: _Reader, node: LDict, entities, parent: Source) -> Source | None:
    r.unknown_keys(node, _REPORTED_KEYS, "reported")
    ident = r.ident(node, "id", "reported.id")
    fld = f"reported[{ident}]"
    kind = r.choice(node, "kind", f"{fld}.kind", vocab.SOURCE_KINDS)
    title = r.langs(node, "title", f"{fld}.title")
    if not ident or not kind:
        return None
    rep = Source(ident, kind, title, parent.language, Loc(r.path, node.line))
    rep.author = _ref(r, node, "author", f"{fld}.author", entities, {"actor"}, required=False)
    rep.platform = _ref(r, node, "platform", f"{fld}.platform", entities, {"actor"}, required=False)
    rep.participants = _refs(r, node, "participants", f"{fld}.participants", entities, {"actor"})
    rep.date = _date(r, node, "date", f"{fld}.date")
    rep.url = r.text(node, "url", f"{fld}.url", required=False)
    rep.note = r.text(node, "note", f"{fld}.note", required=False)
    rep.reported_in = r.text(node, "reported_in", f"{fld}.reported_in", required=False) or parent.id
    rep.inferred = _inferred(r, node, fld)
    return rep
def _statement(r: _Reader, node: LDict, entities, src: Source, sources: dict,
               events: dict[str, Item]) -> Statement | None:
    ident = r.text(node, "id", "statement.id")
    fld = f"statement[{ident}]"
    r.unknown_keys(node, _STATEMENT_KEYS, fld)
    kinds = []
    for value, line in r.seq(node, "kind", f"{fld}.kind"):
        if value not in vocab.STATEMENT_KINDS:
            r.problem(line, f"{fld}.kind", f"'{value}' is not a statement kind: "
                      f"{', '.join(vocab.STATEMENT_KINDS)}",
                      did_you_mean(str(value), vocab.STATEMENT_KINDS) or "copy one of the listed kinds exactly")
        else:
            kinds.append(value)
    if "kind" not in node:
        r.problem(node.line, f"{fld}.kind", "'kind' is required (fact, estimate, plan, stance, ...)",
                  "add 'kind: [stance]', listing every kind that applies")
    asserted_by = r.text(node, "asserted_by", f"{fld}.asserted_by")
    if asserted_by and asserted_by != "source":
        asserted_by = _check_ref(r, asserted_by, r.line(node, "asserted_by"), f"{fld}.asserted_by",
                                 entities, {"actor"}, extra=("source",))
    stated_in = r.text(node, "stated_in", f"{fld}.stated_in", required=False) or src.id
    if stated_in not in sources:
        r.problem(r.line(node, "stated_in"), f"{fld}.stated_in", f"unknown source '{stated_in}'",
                  did_you_mean(stated_in, sources) or
                  f"list the post, interview, book or speech under 'reported:' first (known here: "
                  f"{', '.join(sources)})")
    claim = r.langs(node, "claim", f"{fld}.claim")
    qs = []
    quote_nodes = r.seq(node, "quotes", f"{fld}.quotes")
    if not quote_nodes:
        r.problem(node.line, f"{fld}.quotes", "every statement needs at least one quote from the source",
                  "add 'quotes:' with '- exact: words copied from the text' and 'gloss: their English'")
    for qnode, line in quote_nodes:
        qnode = r.mapping(qnode, f"{fld}.quotes", line)
        if qnode is None:
            continue
        r.unknown_keys(qnode, {"exact", "gloss"}, f"{fld}.quotes")
        exact = r.text(qnode, "exact", f"{fld}.quotes.exact")
        gloss = r.text(qnode, "gloss", f"{fld}.quotes.gloss")
        if exact is None or not src.text:
            continue
        where = quotes.locate(src.text, exact)
        if where is None:
            r.problem(r.line(qnode, "exact"), f"{fld}.quotes.exact",
                      f"quote not found verbatim in {src.text_file.name if src.text_file else 'the text'}",
                      _nearest_passage(src, exact))
            continue
        if gloss:
            qs.append(Quote(exact, gloss, where, Loc(r.path, line)))
    items: list[Item] = []
    for key in ("stances", "relations", "disagreements", "facts", "events", "comparisons"):
        for inode, line in r.seq(node, key, f"{fld}.{key}"):
            inode = r.mapping(inode, f"{fld}.{key}", line)
            if inode is None:
                continue
            item = _item(r, key, inode, f"{fld}.{key}", entities, events)
            if item:
                items.append(item)
                if key == "events":
                    events[item.data["id"]] = item
    about = _refs(r, node, "about", f"{fld}.about", entities, None, events=events)
    if ident is None or asserted_by is None:
        return None
    return Statement(ident, kinds, asserted_by, stated_in, claim, qs, items, about,
                     r.text(node, "note", f"{fld}.note", required=False), Loc(r.path, node.line))


def _nearest_passage(src: Source, exact: str) -> str:
    """`closest passage: "..." (line 3 of x.txt)`, so the curator can copy the text as printed."""
    near = quotes.closest_passage(src.text, exact)
    marks = "\"'“”‘’«»"
    if near and near[0] in marks and exact[:1] not in marks:  # words keep their quotation marks
        near = near[1:]
    if near and near[-1] in marks and exact[-1:] not in marks:
        near = near[:-1]
    name = src.text_file.name if src.text_file else "the text"
    if not near:
        return f"copy the words exactly as they are in {name}"
    line = src.text.count("\n", 0, src.text.find(near)) + 1
    return f"closest passage: \"{near}\" (line {line} of {name})"


def _item(r: _Reader, key: str, node: LDict, fld: str, entities, events) -> Item | None:
    r.unknown_keys(node, _ITEM_KEYS[key], fld)
    ok = True
    data: dict = {"note": r.text(node, "note", f"{fld}.note", required=False)}

    def need(value):
        nonlocal ok
        ok = ok and value is not None
        return value

    actor = {"actor"}
    if key == "stances":
        data["holder"] = need(_ref(r, node, "holder", f"{fld}.holder", entities, actor))
        data["topic"] = need(_ref(r, node, "topic", f"{fld}.topic", entities, {"topic"}))
        data["polarity"] = need(r.choice(node, "polarity", f"{fld}.polarity", vocab.POLARITIES))
        data["strength"] = r.choice(node, "strength", f"{fld}.strength", vocab.STRENGTHS, required=False)
        data["attributed_by"] = _ref(r, node, "attributed_by", f"{fld}.attributed_by", entities,
                                     actor, required=False)
        data["date"] = _date(r, node, "date", f"{fld}.date")
    elif key == "relations":
        data["from"] = need(_ref(r, node, "from", f"{fld}.from", entities, actor))
        data["relation"] = need(r.choice(node, "relation", f"{fld}.relation", vocab.RELATIONS))
        data["to"] = need(_ref(r, node, "to", f"{fld}.to", entities, None, events=events))
        for k in ("date", "start", "end"):
            data[k] = _date(r, node, k, f"{fld}.{k}")
        data["reason"] = r.langs(node, "reason", f"{fld}.reason", required=False)
        data["topics"] = _refs(r, node, "topics", f"{fld}.topics", entities, {"topic"})
        if data["start"] is not None and data["end"] is not None and _after(data["start"], data["end"]):
            r.problem(r.line(node, "end"), f"{fld}.end", f"ends ({data['end']}) before it starts ({data['start']})",
                      "swap start and end, or correct one of the dates")
    elif key == "disagreements":
        data["from"] = need(_ref(r, node, "from", f"{fld}.from", entities, actor))
        data["to"] = need(_ref(r, node, "to", f"{fld}.to", entities, actor))
        if data["from"] and data["from"] == data["to"]:
            r.problem(r.line(node, "to"), f"{fld}.to", f"'{data['to']}' cannot disagree with itself",
                      "a change of mind is two dated stances, not a disagreement")
            ok = False
        data["topics"] = _refs(r, node, "topics", f"{fld}.topics", entities, {"topic"})
        data["date"] = _date(r, node, "date", f"{fld}.date")
        data["reason"] = r.langs(node, "reason", f"{fld}.reason", required=False)
    elif key == "events":
        data["id"] = need(r.ident(node, "id", f"{fld}.id"))
        if data["id"] and (data["id"] in entities or data["id"] in events):
            first = entities.get(data["id"]) or events[data["id"]]
            r.problem(r.line(node, "id"), f"{fld}.id",
                      f"id '{data['id']}' is already used at {first.loc.path.name}:{first.loc.line}",
                      "give this event another id, or refer to the existing one under 'about:'")
            ok = False
        data["label"] = r.langs(node, "label", f"{fld}.label", need=("en", "es"))
        data["date"] = _date(r, node, "date", f"{fld}.date")
        data["duration"] = None
        if node.get("duration") is not None:
            try:
                data["duration"] = dates.parse_duration(node["duration"])
            except ValueError as exc:
                r.problem(r.line(node, "duration"), f"{fld}.duration", str(exc),
                          "for example P19D (19 days), P3M (3 months), P2Y (2 years) or PT4H (4 hours)")
        data["involves"] = _refs(r, node, "involves", f"{fld}.involves", entities, None, events=events)
    elif key == "comparisons":
        data["compares"] = need(_ref(r, node, "compares", f"{fld}.compares", entities, None, events=events))
        data["against"] = _ref(r, node, "against", f"{fld}.against", entities, None, required=False,
                               events=events)
        data["dimension"] = r.langs(node, "dimension", f"{fld}.dimension")
        data["outcome"] = r.langs(node, "outcome", f"{fld}.outcome", required=False)
        data["factor"] = _number(r, node, "factor", f"{fld}.factor")
        approx = node.get("approximate")
        if approx is not None and not isinstance(approx, bool):
            r.problem(r.line(node, "approximate"), f"{fld}.approximate", "expected true or false",
                      "write 'approximate: true' when the source says about, nearly or some")
            approx = None
        data["approximate"] = approx
    elif key == "facts":
        data["subject"] = need(_ref(r, node, "subject", f"{fld}.subject", entities, None, events=events))
        values = {}
        for prop, (_, kind) in vocab.FACT_PROPERTIES.items():
            if prop not in node:
                continue
            v = node[prop]
            line = r.line(node, prop)
            if kind == "int":
                if isinstance(v, bool) or not isinstance(v, int):
                    r.problem(line, f"{fld}.{prop}", f"expected a whole number, got {_shown(v)}",
                              "write the digits alone, without quotes or separators: 100000")
                    continue
            elif kind == "text":
                v = r.langs(node, prop, f"{fld}.{prop}")
            elif kind == "ref":
                v = _check_ref(r, str(v), line, f"{fld}.{prop}", entities, None, events=events)
                if v is None:
                    continue
            elif kind == "money":
                v = _money(r, node, prop, f"{fld}.{prop}")
                if v is None:
                    continue
            values[prop] = v
        if not values:
            r.problem(node.line, fld, f"a fact needs at least one of: {', '.join(vocab.FACT_PROPERTIES)}",
                      "add the property the quote gives, e.g. 'gpu_count: 100000'; "
                      "a statement with no figure can still have a claim and quotes alone")
            ok = False
        data["values"] = values
    item = Item(key, data, Loc(r.path, node.line), _inferred(r, node, fld))
    return item if ok else None


def _inferred(r: _Reader, node: LDict, fld: str) -> dict:
    """`inferred:` is either a note on the whole item or {field: note} for single values."""
    value = node.get("inferred")
    if value is None:
        return {}
    if isinstance(value, str):
        return {"": value}
    if isinstance(value, dict):
        out = {}
        for k, note in value.items():
            if not isinstance(note, str) or not note.strip():
                r.problem(r.line(node, "inferred"), f"{fld}.inferred.{k}", "expected a note saying why",
                          f"write '{k}: why the curator reads it so' (what the text does and does not say)")
            elif k not in node and k not in vocab.INFERABLE_FIELDS:
                fields = sorted(set(node) - {"inferred", "note"} | set(vocab.INFERABLE_FIELDS))
                r.problem(r.line(node, "inferred"), f"{fld}.inferred.{k}",
                          f"'{k}' is not a field of this entry",
                          did_you_mean(str(k), fields) or "name one of the entry's fields, or write "
                          "'inferred: note' when the whole entry is the curator's reading")
            else:
                out[k] = note.strip()
        return out
    r.problem(r.line(node, "inferred"), f"{fld}.inferred", "expected a note, or {field: note}",
              "write 'inferred: why the curator reads it so', or 'inferred: {date: why}' for one field")
    return {}


def _date(r: _Reader, node: LDict, key: str, fld: str) -> Literal | None:
    if node.get(key) is None:
        return None
    try:
        return dates.parse_date(node[key])
    except ValueError as exc:
        r.problem(r.line(node, key), fld, str(exc), DATE_EXAMPLES)
        return None


def _after(a: Literal, b: Literal) -> bool:
    """Whether date `a` is later than `b`, comparing only the precision both have (2019 vs 2019-05)."""
    x, y = str(a)[:10], str(b)[:10]
    n = min(len(x), len(y))
    return x[:n] > y[:n]


def _number(r: _Reader, node: LDict, key: str, fld: str):
    v = node.get(key)
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        r.problem(r.line(node, key), fld, f"expected a number, got {_shown(v)}",
                  "write a plain number without quotes, such as 20 or 0.1")
        return None
    return v


def _money(r: _Reader, node: LDict, key: str, fld: str):
    v = node.get(key)
    forms = "write {min: 3000000000, max: 4000000000, currency: USD} or {value: 500000, currency: EUR}"
    if not isinstance(v, dict):
        r.problem(r.line(node, key), fld, "expected {min: N, max: N, currency: USD} or {value: N, currency: USD}",
                  forms)
        return None
    out = {}
    for k in ("min", "max", "value"):
        if k in v:
            if isinstance(v[k], bool) or not isinstance(v[k], (int, float)):
                r.problem(r.line(node, key), f"{fld}.{k}", f"expected a number, got {_shown(v[k])}",
                          "write the digits alone: 3000000000, not '3 billion'")
                return None
            out[k] = v[k]
    cur = v.get("currency")
    if not isinstance(cur, str) or not re.match(r"^[A-Z]{3}$", cur):
        r.problem(r.line(node, key), f"{fld}.currency", "expected an ISO 4217 code such as USD",
                  "three capital letters: USD, EUR, GBP, MXN...")
        return None
    if not out:
        r.problem(r.line(node, key), fld, "give min and max, or value", forms)
        return None
    out["currency"] = cur
    return out


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


_WHERE = {"actor": ("actors.yaml", "actors"), "topic": ("topics.yaml", "topics"),
          "thing": ("things.yaml", "things")}


def _check_ref(r: _Reader, value: str, line: int, fld: str, entities, kinds, extra=(), events=None):
    """`value` if it names a known entity of one of `kinds` (None: any, or an event), else a problem.

    The suggestion names the closest ids with their labels, so `Musk` or `elon` leads to
    `'elon-musk' (Elon Musk)`; an id declared only inline in another file says so.
    """
    if value in extra:
        return value
    entity = entities.get(value)
    if entity is not None and (kinds is None or entity.kind in kinds):
        return value
    if entity is None and events is not None and value in events and kinds is None:
        return value
    what = " or ".join(sorted(kinds)) if kinds else "actor, topic, thing or event"
    pool = [e.named() for e in entities.values() if kinds is None or e.kind in kinds]
    pool += [Named(x, ()) for x in extra]
    if kinds is None and events:
        pool += [Named(i, tuple(ev.data["label"].values()), "event") for i, ev in events.items()]
    close = closest(value, pool)
    other = r.elsewhere.get(value)
    known = ", ".join(nm.id for nm in pool[:8]) or "none yet"
    if re.fullmatch(r"[A-Z][A-Z0-9]*-ID", value):  # a placeholder left from `stancekg new-source`
        hint = f"replace the placeholder {value} with the id of a known {what}: {known}"
    elif close:
        hint = f"did you mean {describe(close)}?"
    elif entity is not None:
        hint = f"name {_a(what)} here, such as {known}"
    elif other is not None and (kinds is None or other.kind in kinds):
        hint = (f"'{value}' is declared only in {other.loc.path.name}:{other.loc.line}, for that file alone: "
                f"move the entry to {_WHERE[other.kind][0]} to share it")
    else:
        kinds_here = sorted(kinds or _WHERE)
        hint = ("add it to " + " or ".join(_WHERE[k][0] for k in kinds_here) + ", or under '" +
                "' or '".join(_WHERE[k][1] for k in kinds_here) + ":' in this file")
    if entity is not None:
        r.problem(line, fld, f"'{value}' is a {entity.kind}, expected {_a(what)}", hint)
    else:
        r.problem(line, fld, f"unknown {what} '{value}'", hint)
    return None


def _ref(r, node, key, fld, entities, kinds, required=True, events=None):
    value = r.text(node, key, fld, required)
    if value is None:
        return None
    return _check_ref(r, value, r.line(node, key), fld, entities, kinds, events=events)


def _refs(r, node, key, fld, entities, kinds, events=None) -> list[str]:
    out = []
    for value, line in r.seq(node, key, fld):
        checked = _check_ref(r, str(value), line, fld, entities, kinds, events=events)
        if checked:
            out.append(checked)
    return out


def source_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "sources").glob("*.yaml"))


def read_corpus(data_dir: Path, only: list[Path] | None = None) -> Corpus:
    """Read the registries and every source file under `data_dir` (or just `only`).

    Two passes: first every file's inline entries (so two files declaring one id can be checked
    to agree, and a hint can say where an id lives), then each source against the registry plus
    its own entries. With `only`, the other source files are still glanced at, so that a new
    file reusing an id already taken elsewhere is caught before it is built with the rest.
    """
    problems: list[Problem] = []
    entities = read_registry(data_dir, problems)
    chosen = [Path(p) for p in only] if only is not None else source_files(data_dir)
    given = {p.resolve() for p in chosen}
    others = [p for p in source_files(data_dir) if p.resolve() not in given]
    outside_ids, declared = _glance(others, entities)  # declared: first inline entry of each id
    files = []
    for path in chosen:
        doc = _load_yaml(path, problems)
        if doc is None:
            continue
        inline = _inline(_Reader(path, problems), doc, entities) if isinstance(doc, LDict) else {}
        for ident, entity in inline.items():
            first = declared.setdefault(ident, entity)
            differs = _same_entry(entity, first) if first is not entity else None
            if differs:
                problems.append(Problem(
                    path, entity.loc.line, f"{entity.kind}s[{ident}].{differs}",
                    f"'{ident}' is also declared in {first.loc.path.name}:{first.loc.line} with a different {differs}",
                    f"one id is one {first.kind}: make the entries the same, or move one to "
                    f"{_WHERE[first.kind][0]} and delete both"))
        files.append((path, doc, inline))
    near: list[Problem] = []
    _check_duplicates([*entities.values(), *declared.values()], near)
    problems += [p for p in near if p.path.resolve() not in {o.resolve() for o in others}]
    sources: list[Source] = []
    events: dict[str, Item] = {}
    seen: dict[str, Loc] = dict(outside_ids)
    for path, doc, inline in files:
        elsewhere = {i: e for i, e in declared.items() if i not in inline}
        src = read_source(path, entities, problems, events, doc=doc, inline=inline, elsewhere=elsewhere)
        if src is None:
            continue
        for s in [src, *src.reported]:
            taken = seen.get(s.id) or getattr(entities.get(s.id) or declared.get(s.id), "loc", None)
            if taken is not None:
                problems.append(Problem(s.loc.path, s.loc.line, "source.id",
                                        f"id '{s.id}' is already used at {taken.path.name}:{taken.line}",
                                        "give this source another id: ids name one thing across all files"))
        seen.update({s.id: s.loc for s in [src, *src.reported]})
        sources.append(src)
    return Corpus(entities, sources, problems, events)


def _glance(paths: list[Path], registry: dict[str, Entity]) -> tuple[dict[str, Loc], dict[str, Entity]]:
    """The source ids and inline entries of files not being read, without checking them."""
    ids: dict[str, Loc] = {}
    inline: dict[str, Entity] = {}
    for path in paths:
        doc = _load_yaml(path, [])
        if not isinstance(doc, LDict):
            continue
        for node in [doc.get("source"), *(doc.get("reported") or [])]:
            if isinstance(node, LDict) and isinstance(node.get("id"), str):
                ids.setdefault(node["id"], Loc(path, node.line))
        for ident, entity in _inline(_Reader(path, []), doc, registry).items():
            inline.setdefault(ident, entity)
    return ids, inline


def fingerprint(data_dir: Path) -> str:
    """A digest of every curated file's name and content: it changes exactly when a rebuild would.

    Callers that cache a build (the explorer, a persistent store) key the cache on it, so adding,
    editing or removing a source is picked up without a restart.
    """
    digest = hashlib.sha256()
    data_dir = Path(data_dir)
    paths = [data_dir / name for name in REGISTRY_FILES.values()]
    paths += sorted(p for p in (data_dir / "sources").glob("*") if p.is_file() and not p.name.startswith("."))
    for path in paths:
        if path.exists():
            digest.update(str(path.relative_to(data_dir)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
