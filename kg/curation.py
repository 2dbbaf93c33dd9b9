"""Reading curated YAML into checked records, with every problem tied to file, line and field.

The reader never stops at the first mistake: it collects all of them, so one `validate` run
shows a curator everything to fix. Records keep their file and line so that later checks
(SHACL, the reasoner) can point back at the YAML too.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal

from kg import dates, located, quotes, vocab
from kg.located import LDict, LList
from kg.problems import Problem

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


@dataclass
class Corpus:
    entities: dict[str, Entity]
    sources: list[Source]
    problems: list[Problem]
    events: dict[str, Item] = field(default_factory=dict)


class _Reader:
    """Field access that records a problem instead of raising."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path, self.problems = path, problems

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
        self.problem(line, fld, f"expected a mapping (key: value lines), got {_shown(node)}")
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
                             f"'{key}' is required")
            return None
        if isinstance(value, (dict, list)):
            self.problem(self.line(node, key), fld, f"expected text, got {_shown(value)}")
            return None
        return str(value)

    def langs(self, node: LDict, key: str, fld: str, need=("en",), required=True) -> dict:
        """A {en: ..., es: ...} mapping; plain text counts as English."""
        value = node.get(key)
        line = self.line(node, key)
        if value is None:
            if required:
                self.problem(node.line, fld, f"'{key}' is required (with {', '.join(need)})")
            return {}
        if isinstance(value, str):
            value = {"en": value}
        if not isinstance(value, dict):
            self.problem(line, fld, f"expected text or {{en: ..., es: ...}}, got {_shown(value)}")
            return {}
        out = {}
        for lang, text in value.items():
            if not isinstance(lang, str) or not LANG_RE.match(lang):
                self.problem(line, f"{fld}.{lang}", f"'{lang}' is not a language tag such as en or es")
            elif not isinstance(text, (str, int, float)) or str(text).strip() == "":
                self.problem(line, f"{fld}.{lang}", "expected non-empty text")
            else:
                out[lang] = str(text).strip()
        for lang in need:
            if lang not in out:
                self.problem(line, fld, f"missing the '{lang}' text")
        return out

    def ident(self, node: LDict, key: str, fld: str) -> str | None:
        value = self.text(node, key, fld)
        if value is not None and not ID_RE.match(value):
            self.problem(self.line(node, key), fld,
                         f"'{value}' is not an identifier: use lower-case letters, digits and hyphens",
                         f"for example '{_slug(value)}'")
            return None
        return value

    def choice(self, node: LDict, key: str, fld: str, table: dict, required=True) -> str | None:
        value = self.text(node, key, fld, required)
        if value is not None and value not in table:
            self.problem(self.line(node, key), fld, f"'{value}' is not one of: {', '.join(table)}",
                         _did_you_mean(value, table))
            return None
        return value

    def unknown_keys(self, node: LDict, allowed: set[str], fld: str) -> None:
        for key in node:
            if key not in allowed:
                self.problem(self.line(node, key), f"{fld}.{key}" if fld else str(key),
                             f"unknown field '{key}'", _did_you_mean(str(key), allowed))


def _shown(value) -> str:
    return {dict: "a mapping", LDict: "a mapping", list: "a list", LList: "a list"}.get(
        type(value), repr(value))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def _did_you_mean(value: str, known) -> str:
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.5)
    return ("did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close else ""


# ----------------------------------------------------------------------------- registries

REGISTRY_FILES = {"actor": "actors.yaml", "topic": "topics.yaml", "thing": "things.yaml"}
_ENTITY_KEYS = {"id", "type", "label", "wikidata", "wikidata_evidence", "note", "definition",
                "broader"}


def _load_yaml(path: Path, problems: list[Problem]):
    try:
        return located.load(path)
    except located.YamlSyntaxError as exc:
        problems.append(Problem(path, exc.line, "(file)", exc.message))
    except OSError as exc:
        problems.append(Problem(path, 0, "(file)", f"cannot read: {exc.strerror}"))
    return None


def read_registry(data_dir: Path, problems: list[Problem]) -> dict[str, Entity]:
    entities: dict[str, Entity] = {}
    for kind, name in REGISTRY_FILES.items():
        path = data_dir / name
        if not path.exists():
            continue
        doc = _load_yaml(path, problems)
        if doc is None:
            continue
        r = _Reader(path, problems)
        if not isinstance(doc, LList):
            r.problem(1, "(file)", "expected a list of entries, each starting with '- id:'")
            continue
        types = {"actor": vocab.ACTOR_TYPES, "thing": vocab.THING_TYPES}.get(kind)
        for node, line in zip(doc, doc.lines, strict=True):
            node = r.mapping(node, kind, line)
            if node is None:
                continue
            ident = r.ident(node, "id", f"{kind}.id")
            fld = f"{kind}[{ident}]" if ident else kind
            r.unknown_keys(node, _ENTITY_KEYS, fld)
            etype = r.choice(node, "type", f"{fld}.type", types) if types else "topic"
            label = r.langs(node, "label", f"{fld}.label", need=("en", "es"))
            wikidata = r.text(node, "wikidata", f"{fld}.wikidata", required=False)
            if wikidata and not re.match(r"^Q[1-9]\d*$", wikidata):
                r.problem(r.line(node, "wikidata"), f"{fld}.wikidata",
                          f"'{wikidata}' is not a Wikidata item ID such as Q317521")
                wikidata = None
            if ident is None or etype is None:
                continue
            if ident in entities:
                first = entities[ident].loc
                r.problem(line, f"{fld}.id", f"'{ident}' is already defined at {first.path.name}:{first.line}")
                continue
            entity = Entity(ident, kind, etype, label, Loc(path, line), wikidata,
                            note=r.text(node, "note", f"{fld}.note", required=False))
            if kind == "topic":
                entity.definition = r.langs(node, "definition", f"{fld}.definition", required=False)
                entity.broader = r.text(node, "broader", f"{fld}.broader", required=False)
            entities[ident] = entity
        _warn_near_duplicates(entities, kind, r)
    for entity in entities.values():
        if entity.broader and (entity.broader not in entities or entities[entity.broader].kind != "topic"):
            _Reader(entity.loc.path, problems).problem(
                entity.loc.line, f"topic[{entity.id}].broader", f"unknown topic '{entity.broader}'",
                _did_you_mean(entity.broader, [e for e in entities if entities[e].kind == "topic"]))
    return entities


def _norm(label: str) -> str:
    return re.sub(r"[^a-z0-9]", "", label.lower())


def _warn_near_duplicates(entities: dict[str, Entity], kind: str, r: _Reader) -> None:
    """Two entries whose labels are nearly the same are probably one entity written twice."""
    seen: list[Entity] = []
    for entity in (e for e in entities.values() if e.kind == kind and e.loc.path == r.path):
        for other in seen:
            a, b = _norm(entity.label.get("en", "")), _norm(other.label.get("en", ""))
            if a and b and (a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.9):
                r.problem(entity.loc.line, f"{kind}[{entity.id}].label",
                          f"label '{entity.label['en']}' is nearly the same as '{other.label['en']}' "
                          f"({other.id}, line {other.loc.line})",
                          f"if they are the same {kind}, use the id '{other.id}'", "warning")
        seen.append(entity)


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
                events: dict[str, Item] | None = None) -> Source | None:
    """Read one source file (and the text beside it), checking every reference and quote."""
    doc = _load_yaml(path, problems)
    if doc is None:
        return None
    r = _Reader(path, problems)
    doc = r.mapping(doc, "(file)", 1)
    if doc is None:
        return None
    r.unknown_keys(doc, {"source", "reported", "statements"}, "")
    node = r.mapping(doc.get("source"), "source", r.line(doc, "source")) if "source" in doc else None
    if node is None:
        if "source" not in doc:
            r.problem(1, "source", "'source' is required: the document's id, kind, title, language and text")
        return None
    r.unknown_keys(node, _SOURCE_KEYS, "source")
    ident = r.ident(node, "id", "source.id")
    kind = r.choice(node, "kind", "source.kind", vocab.SOURCE_KINDS)
    title = r.langs(node, "title", "source.title", need=())
    language = r.text(node, "language", "source.language")
    if language and not LANG_RE.match(language):
        r.problem(r.line(node, "language"), "source.language", f"'{language}' is not a language tag such as es")
    src = Source(ident or "", kind or "other", title, language or "und", Loc(path, node.line))
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
        except OSError as exc:
            r.problem(r.line(node, "text"), "source.text",
                      f"cannot read the source text '{text_name}': {exc.strerror}",
                      "put the text file beside the YAML file")
    known_sources = {src.id: src}
    for rnode, line in r.seq(doc, "reported", "reported"):
        rnode = r.mapping(rnode, "reported", line)
        if rnode is None:
            continue
        rep = _reported(r, rnode, entities, src)
        if rep:
            if rep.id in known_sources:
                r.problem(line, "reported.id", f"source id '{rep.id}' is used twice")
            known_sources[rep.id] = rep
            src.reported.append(rep)
    for rep in src.reported:
        if rep.reported_in not in known_sources:
            r.problem(rep.loc.line, f"reported[{rep.id}].reported_in",
                      f"unknown source '{rep.reported_in}'", _did_you_mean(rep.reported_in, known_sources))
    events = events if events is not None else {}
    seen_ids: set[str] = set()
    statement_nodes = r.seq(doc, "statements", "statements")
    if not statement_nodes:
        r.problem(doc.line, "statements", "a source needs at least one statement", severity="warning")
    for snode, line in statement_nodes:
        snode = r.mapping(snode, "statements", line)
        if snode is None:
            continue
        stmt = _statement(r, snode, entities, src, known_sources, events)
        if stmt is None:
            continue
        if stmt.id in seen_ids:
            r.problem(line, f"statement[{stmt.id}].id", f"statement id '{stmt.id}' is used twice")
            continue
        seen_ids.add(stmt.id)
        src.statements.append(stmt)
    return src if ident and kind else None


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
                      f"{', '.join(vocab.STATEMENT_KINDS)}", _did_you_mean(str(value), vocab.STATEMENT_KINDS))
        else:
            kinds.append(value)
    if "kind" not in node:
        r.problem(node.line, f"{fld}.kind", "'kind' is required (fact, estimate, plan, stance, ...)")
    asserted_by = r.text(node, "asserted_by", f"{fld}.asserted_by")
    if asserted_by and asserted_by != "source":
        asserted_by = _check_ref(r, asserted_by, r.line(node, "asserted_by"), f"{fld}.asserted_by",
                                 entities, {"actor"}, extra=("source",))
    stated_in = r.text(node, "stated_in", f"{fld}.stated_in", required=False) or src.id
    if stated_in not in sources:
        r.problem(r.line(node, "stated_in"), f"{fld}.stated_in", f"unknown source '{stated_in}'",
                  _did_you_mean(stated_in, sources))
    claim = r.langs(node, "claim", f"{fld}.claim")
    qs = []
    quote_nodes = r.seq(node, "quotes", f"{fld}.quotes")
    if not quote_nodes:
        r.problem(node.line, f"{fld}.quotes", "every statement needs at least one quote from the source")
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
            near = quotes.closest_passage(src.text, exact)
            r.problem(r.line(qnode, "exact"), f"{fld}.quotes.exact",
                      f"quote not found verbatim in {src.text_file.name if src.text_file else 'the text'}",
                      f"closest passage: \"{near}\"" if near else "")
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
    elif key == "disagreements":
        data["from"] = need(_ref(r, node, "from", f"{fld}.from", entities, actor))
        data["to"] = need(_ref(r, node, "to", f"{fld}.to", entities, actor))
        data["topics"] = _refs(r, node, "topics", f"{fld}.topics", entities, {"topic"})
        data["date"] = _date(r, node, "date", f"{fld}.date")
        data["reason"] = r.langs(node, "reason", f"{fld}.reason", required=False)
    elif key == "events":
        data["id"] = need(r.ident(node, "id", f"{fld}.id"))
        if data["id"] and (data["id"] in entities or data["id"] in events):
            r.problem(r.line(node, "id"), f"{fld}.id", f"id '{data['id']}' is already used")
            ok = False
        data["label"] = r.langs(node, "label", f"{fld}.label", need=("en", "es"))
        data["date"] = _date(r, node, "date", f"{fld}.date")
        data["duration"] = None
        if node.get("duration") is not None:
            try:
                data["duration"] = dates.parse_duration(node["duration"])
            except ValueError as exc:
                r.problem(r.line(node, "duration"), f"{fld}.duration", str(exc))
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
            r.problem(r.line(node, "approximate"), f"{fld}.approximate", "expected true or false")
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
                    r.problem(line, f"{fld}.{prop}", f"expected a whole number, got {_shown(v)}")
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
            r.problem(node.line, fld, f"a fact needs at least one of: {', '.join(vocab.FACT_PROPERTIES)}")
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
                r.problem(r.line(node, "inferred"), f"{fld}.inferred.{k}", "expected a note saying why")
            elif k not in node and k not in vocab.INFERABLE_FIELDS:
                r.problem(r.line(node, "inferred"), f"{fld}.inferred.{k}",
                          f"'{k}' is not a field of this entry")
            else:
                out[k] = note.strip()
        return out
    r.problem(r.line(node, "inferred"), f"{fld}.inferred", "expected a note, or {field: note}")
    return {}


def _date(r: _Reader, node: LDict, key: str, fld: str) -> Literal | None:
    if node.get(key) is None:
        return None
    try:
        return dates.parse_date(node[key])
    except ValueError as exc:
        r.problem(r.line(node, key), fld, str(exc))
        return None


def _number(r: _Reader, node: LDict, key: str, fld: str):
    v = node.get(key)
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        r.problem(r.line(node, key), fld, f"expected a number, got {_shown(v)}")
        return None
    return v


def _money(r: _Reader, node: LDict, key: str, fld: str):
    v = node.get(key)
    if not isinstance(v, dict):
        r.problem(r.line(node, key), fld, "expected {min: N, max: N, currency: USD} or {value: N, currency: USD}")
        return None
    out = {}
    for k in ("min", "max", "value"):
        if k in v:
            if isinstance(v[k], bool) or not isinstance(v[k], (int, float)):
                r.problem(r.line(node, key), f"{fld}.{k}", f"expected a number, got {_shown(v[k])}")
                return None
            out[k] = v[k]
    cur = v.get("currency")
    if not isinstance(cur, str) or not re.match(r"^[A-Z]{3}$", cur):
        r.problem(r.line(node, key), f"{fld}.currency", "expected an ISO 4217 code such as USD")
        return None
    if not out:
        r.problem(r.line(node, key), fld, "give min and max, or value")
        return None
    out["currency"] = cur
    return out


def _check_ref(r: _Reader, value: str, line: int, fld: str, entities, kinds, extra=(), events=None):
    if value in extra:
        return value
    entity = entities.get(value)
    if entity is not None and (kinds is None or entity.kind in kinds):
        return value
    if entity is None and events is not None and value in events and kinds is None:
        return value
    what = " or ".join(sorted(kinds)) if kinds else "actor, topic, thing or event"
    pool = [e.id for e in entities.values() if kinds is None or e.kind in kinds] + list(extra)
    if kinds is None and events:
        pool += list(events)
    labels = {e.label.get("en", e.id).lower(): e.id for e in entities.values()
              if kinds is None or e.kind in kinds}
    close = difflib.get_close_matches(value, pool, n=3, cutoff=0.5)
    close += [labels[m] for m in difflib.get_close_matches(value.lower(), list(labels), n=2, cutoff=0.6)
              if labels[m] not in close]
    hint = ("did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close else \
        "add it to actors.yaml, topics.yaml or things.yaml first"
    if entity is not None:
        r.problem(line, fld, f"'{value}' is a {entity.kind}, expected a {what}", hint)
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
    """Read the registries and every source file under `data_dir` (or just `only`)."""
    problems: list[Problem] = []
    entities = read_registry(data_dir, problems)
    sources: list[Source] = []
    events: dict[str, Item] = {}
    seen: dict[str, Source] = {}
    for path in (only if only is not None else source_files(data_dir)):
        src = read_source(Path(path), entities, problems, events)
        if src is None:
            continue
        for s in [src, *src.reported]:
            if s.id in seen or s.id in entities:
                where = seen[s.id].loc if s.id in seen else entities[s.id].loc
                problems.append(Problem(s.loc.path, s.loc.line, "source.id",
                                        f"id '{s.id}' is already used at {where.path.name}:{where.line}"))
        seen.update({s.id: s for s in [src, *src.reported]})
        sources.append(src)
    return Corpus(entities, sources, problems, events)
