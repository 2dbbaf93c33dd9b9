"""One source file: its metadata, the sources it reports, and its statements with their quotes."""

from __future__ import annotations

from pathlib import Path

from kg.curation import dates, quotes
from kg.curation.fields import (
    Reader,
    check_ref,
    date_after,
    load_yaml,
    not_utf8,
    read_date,
    read_inferred,
    read_money,
    read_number,
    read_ref,
    read_refs,
    shown,
)
from kg.curation.located import LDict
from kg.curation.problems import Problem
from kg.curation.records import LANG_RE, Entity, Item, Loc, Quote, Source, Statement
from kg.curation.registry import INLINE_SECTIONS, read_inline
from kg.curation.signatories import SIGNATORIES, read_signatures
from kg.curation.suggestions import did_you_mean
from kg.rdf import vocab

# ----------------------------------------------------------------------------- sources

_SOURCE_KEYS = {"id", "kind", "title", "language", "text", "author", "publisher", "date", "url",
                "note", "inferred"}
_REPORTED_KEYS = {"id", "kind", "title", "language", "author", "platform", "date", "participants",
                  "reported_in", "note", "inferred", "url"}
_STATEMENT_KEYS = {"id", "kind", "asserted_by", "stated_in", "claim", "quotes", "note", "about",
                   "stances", "relations", "disagreements", "facts", "events", "comparisons"}
_ITEM_KEYS = {
    "stances": {"holder", "topic", "polarity", "strength", "attributed_by", "date", "note",
                "inferred"},
    "relations": {"from", "relation", "to", "date", "start", "end", "reason", "topics", "note",
                  "inferred"},
    "disagreements": {"from", "to", "topics", "date", "reason", "other_side", "note", "inferred"},
    "events": {"id", "label", "date", "duration", "involves", "note", "inferred"},
    "comparisons": {"compares", "against", "dimension", "factor", "approximate", "outcome",
                    "note", "inferred"},
    "facts": {"subject", "note", "inferred", *vocab.FACT_PROPERTIES},
}


def read_source(path: Path, entities: dict[str, Entity], problems: list[Problem],
                events: dict[str, Item] | None = None, *, doc=None,
                inline: dict[str, Entity] | None = None,
                elsewhere: dict[str, Entity] | None = None,
                pending: dict[Path, str] | None = None) -> Source | None:
    """Read one source file (and the text beside it), checking every reference and quote.

    `entities` is the shared registry; the file may add its own entries (`actors:`, `topics:`,
    `things:`), visible to it alone. `elsewhere` (entries other files declare) only improves hints.
    `pending` holds contents of files not yet written (see `read_corpus`).
    """
    if doc is None:
        doc = load_yaml(path, problems, pending)
        if doc is None:
            return None
    r = Reader(path, problems, elsewhere)
    doc = r.mapping(doc, "(file)", 1)
    if doc is None:
        return None
    r.unknown_keys(doc, {"source", "reported", "statements", *INLINE_SECTIONS}, "")
    if inline is None:
        inline = read_inline(r, doc, entities)
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
    src.note = r.note(node, "source.note")
    src.url = r.url(node, "url", "source.url")
    src.publisher = r.text(node, "publisher", "source.publisher", required=False)
    src.author = read_ref(r, node, "author", "source.author", entities, {"actor"}, required=False)
    src.date = read_date(r, node, "date", "source.date")
    src.inferred = read_inferred(r, node, "source")
    text_name = r.text(node, "text", "source.text")
    if text_name:
        src.text_file = path.parent / text_name
        try:
            waiting = (pending or {}).get(Path(src.text_file))
            src.text = waiting if waiting is not None else src.text_file.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            r.problem(r.line(node, "text"), "source.text",
                      f"the source text '{text_name}' is not UTF-8: {not_utf8(src.text_file, exc)}",
                      "save the text file again as UTF-8 in your editor")
        except OSError as exc:
            others = [p.name for p in path.parent.glob("*.txt") if p.name != text_name]
            r.problem(r.line(node, "text"), "source.text",
                      f"cannot read the source text '{text_name}': {exc.strerror}",
                      did_you_mean(text_name, others) or "put the text file (UTF-8) beside the YAML file and give "
                      "its name here")
    known_sources, first_lines = {src.id: src}, {src.id: node.line}
    for rnode, line in r.seq(doc, "reported", "reported"):
        rnode = r.mapping(rnode, "reported", line)
        if rnode is None:
            continue
        rep = _reported(r, rnode, entities, src)
        if rep:
            if rep.id in known_sources:
                r.problem(line, "reported.id",
                          f"source id '{rep.id}' is used twice (first at line {first_lines[rep.id]})",
                          "give each reported source its own id")
            known_sources[rep.id] = rep
            first_lines.setdefault(rep.id, line)
            src.reported.append(rep)
    _check_chains(r, src, known_sources)
    events = events if events is not None else {}
    seen_ids: dict[str, int] = {}  # id -> line of its first use
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
            r.problem(line, f"statement[{stmt.id}].id",
                      f"statement id '{stmt.id}' is used twice (first at line {seen_ids[stmt.id]})",
                      "number the statements S01, S02, ... with each id once")
            continue
        seen_ids[stmt.id] = line
        src.statements.append(stmt)
    if kind == "joint-statement":
        read_signatures(path, src, entities, r.problems, pending)
    _check_other_sides(r, src, seen_ids)
    return src if ident and kind else None


def _check_other_sides(r: Reader, src: Source, ids: dict[str, int]) -> None:
    """A disagreement's `other_side` names a statement of the same file."""
    for stmt in src.statements:
        for item in stmt.items:
            other = item.data.get("other_side")
            if item.kind == "disagreements" and other is not None and other not in ids:
                r.problem(item.loc.line, f"statement[{stmt.id}].disagreements.other_side",
                          f"no statement '{other}' in this file",
                          did_you_mean(other, ids) or "name the id of the statement that gives the other side's words")


def _check_chains(r: Reader, src: Source, known: dict[str, Source]) -> None:
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


def _reported(r: Reader, node: LDict, entities, parent: Source) -> Source | None:
    r.unknown_keys(node, _REPORTED_KEYS, "reported")
    ident = r.ident(node, "id", "reported.id")
    fld = f"reported[{ident}]"
    kind = r.choice(node, "kind", f"{fld}.kind", vocab.SOURCE_KINDS)
    title = r.langs(node, "title", f"{fld}.title")
    if not ident or not kind:
        return None
    language = r.text(node, "language", f"{fld}.language", required=False)  # unknown unless a source says
    if language and not LANG_RE.match(language):
        r.problem(r.line(node, "language"), f"{fld}.language", f"'{language}' is not a language tag such as es",
                  "use the lower-case ISO 639 code of the language it was in: en, es, fr, de, zh...")
        language = None
    rep = Source(ident, kind, title, language, Loc(r.path, node.line))
    rep.author = read_ref(r, node, "author", f"{fld}.author", entities, {"actor"}, required=False)
    rep.platform = read_ref(r, node, "platform", f"{fld}.platform", entities, {"actor"}, required=False)
    rep.participants = read_refs(r, node, "participants", f"{fld}.participants", entities, {"actor"})
    rep.date = read_date(r, node, "date", f"{fld}.date")
    rep.url = r.url(node, "url", f"{fld}.url")
    rep.note = r.note(node, f"{fld}.note")
    rep.reported_in = r.text(node, "reported_in", f"{fld}.reported_in", required=False) or parent.id
    rep.inferred = read_inferred(r, node, fld)
    return rep
def _statement(r: Reader, node: LDict, entities, src: Source, sources: dict,
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
    signed = asserted_by == SIGNATORIES
    if signed and src.kind != "joint-statement":
        r.problem(r.line(node, "asserted_by"), f"{fld}.asserted_by",
                  "only a joint statement (source kind: joint-statement) is asserted by its signatories",
                  "name the actor who says it, or 'source'")
    elif asserted_by and asserted_by not in ("source", SIGNATORIES):
        asserted_by = check_ref(r, asserted_by, r.line(node, "asserted_by"), f"{fld}.asserted_by",
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
            item = _item(r, key, inode, f"{fld}.{key}", entities, events, signed)
            if item:
                items.append(item)
                if key == "events":
                    events[item.data["id"]] = item
    about = read_refs(r, node, "about", f"{fld}.about", entities, None, events=events)
    if ident is None or asserted_by is None:
        return None
    return Statement(ident, kinds, asserted_by, stated_in, claim, qs, items, about,
                     r.note(node, f"{fld}.note"), Loc(r.path, node.line))


def _holder(r: Reader, node: LDict, fld: str, entities, signed: bool) -> str | None:
    """In a statement asserted by a joint statement's signatories, each signatory holds the stance."""
    if not signed:
        return read_ref(r, node, "holder", f"{fld}.holder", entities, {"actor"})
    if node.get("holder") != SIGNATORIES or node.get("attributed_by") is not None:
        r.problem(r.line(node, "holder"), f"{fld}.holder",
                  "a stance the signatories assert is held by each of them: write 'holder: signatories' "
                  "and no attributed_by", "a stance of someone else goes in a statement of its own")
        return None
    return SIGNATORIES


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


def _item(r: Reader, key: str, node: LDict, fld: str, entities, events, signed=False) -> Item | None:
    r.unknown_keys(node, _ITEM_KEYS[key], fld)
    ok = True
    data: dict = {"note": r.note(node, f"{fld}.note")}

    def need(value):
        nonlocal ok
        ok = ok and value is not None
        return value

    actor = {"actor"}
    if key == "stances":
        data["holder"] = need(_holder(r, node, fld, entities, signed))
        data["topic"] = need(read_ref(r, node, "topic", f"{fld}.topic", entities, {"topic"}))
        data["polarity"] = need(r.choice(node, "polarity", f"{fld}.polarity", vocab.POLARITIES))
        data["strength"] = r.choice(node, "strength", f"{fld}.strength", vocab.STRENGTHS, required=False)
        data["attributed_by"] = read_ref(r, node, "attributed_by", f"{fld}.attributed_by", entities,
                                     actor, required=False)
        data["date"] = read_date(r, node, "date", f"{fld}.date")
    elif key == "relations":
        data["from"] = need(read_ref(r, node, "from", f"{fld}.from", entities, actor))
        data["relation"] = need(r.choice(node, "relation", f"{fld}.relation", vocab.RELATIONS))
        data["to"] = need(read_ref(r, node, "to", f"{fld}.to", entities, None, events=events))
        for k in ("date", "start", "end"):
            data[k] = read_date(r, node, k, f"{fld}.{k}")
        data["reason"] = r.langs(node, "reason", f"{fld}.reason", required=False)
        data["topics"] = read_refs(r, node, "topics", f"{fld}.topics", entities, {"topic"})
        if data["start"] is not None and data["end"] is not None and date_after(data["start"], data["end"]):
            r.problem(r.line(node, "end"), f"{fld}.end", f"ends ({data['end']}) before it starts ({data['start']})",
                      "swap start and end, or correct one of the dates")
    elif key == "disagreements":
        data["from"] = need(read_ref(r, node, "from", f"{fld}.from", entities, actor))
        data["to"] = need(read_ref(r, node, "to", f"{fld}.to", entities, actor))
        if data["from"] and data["from"] == data["to"]:
            r.problem(r.line(node, "to"), f"{fld}.to", f"'{data['to']}' cannot disagree with itself",
                      "a change of mind is two dated stances, not a disagreement")
            ok = False
        data["topics"] = read_refs(r, node, "topics", f"{fld}.topics", entities, {"topic"})
        data["date"] = read_date(r, node, "date", f"{fld}.date")
        data["reason"] = r.langs(node, "reason", f"{fld}.reason", required=False)
        data["other_side"] = r.text(node, "other_side", f"{fld}.other_side", required=False)
    elif key == "events":
        data["id"] = need(r.ident(node, "id", f"{fld}.id"))
        if data["id"] and (data["id"] in entities or data["id"] in events):
            first = entities.get(data["id"]) or events[data["id"]]
            r.problem(r.line(node, "id"), f"{fld}.id",
                      f"id '{data['id']}' is already used at {first.loc.path.name}:{first.loc.line}",
                      "give this event another id, or refer to the existing one under 'about:'")
            ok = False
        data["label"] = r.langs(node, "label", f"{fld}.label", need=("en", "es"))
        data["date"] = read_date(r, node, "date", f"{fld}.date")
        data["duration"] = None
        if node.get("duration") is not None:
            try:
                data["duration"] = dates.parse_duration(node["duration"])
            except ValueError as exc:
                r.problem(r.line(node, "duration"), f"{fld}.duration", str(exc),
                          "for example P19D (19 days), P3M (3 months), P2Y (2 years) or PT4H (4 hours)")
        data["involves"] = read_refs(r, node, "involves", f"{fld}.involves", entities, None, events=events)
    elif key == "comparisons":
        data["compares"] = need(read_ref(r, node, "compares", f"{fld}.compares", entities, None, events=events))
        data["against"] = read_ref(r, node, "against", f"{fld}.against", entities, None, required=False,
                               events=events)
        data["dimension"] = r.langs(node, "dimension", f"{fld}.dimension")
        data["outcome"] = r.langs(node, "outcome", f"{fld}.outcome", required=False)
        data["factor"] = read_number(r, node, "factor", f"{fld}.factor")
        approx = node.get("approximate")
        if approx is not None and not isinstance(approx, bool):
            r.problem(r.line(node, "approximate"), f"{fld}.approximate", "expected true or false",
                      "write 'approximate: true' when the source says about, nearly or some")
            approx = None
        data["approximate"] = approx
    elif key == "facts":
        data["subject"] = need(read_ref(r, node, "subject", f"{fld}.subject", entities, None, events=events))
        values = {}
        for prop, (_, kind) in vocab.FACT_PROPERTIES.items():
            if prop not in node:
                continue
            v = node[prop]
            line = r.line(node, prop)
            if kind == "int":
                if isinstance(v, bool) or not isinstance(v, int):
                    r.problem(line, f"{fld}.{prop}", f"expected a whole number, got {shown(v)}",
                              "write the digits alone, without quotes or separators: 100000")
                    continue
            elif kind == "text":
                v = r.langs(node, prop, f"{fld}.{prop}")
            elif kind == "ref":
                v = check_ref(r, str(v), line, f"{fld}.{prop}", entities, None, events=events)
                if v is None:
                    continue
            elif kind == "money":
                v = read_money(r, node, prop, f"{fld}.{prop}")
                if v is None:
                    continue
            values[prop] = v
        if not values:
            r.problem(node.line, fld, f"a fact needs at least one of: {', '.join(vocab.FACT_PROPERTIES)}",
                      "add the property the quote gives, e.g. 'gpu_count: 100000'; "
                      "a statement with no figure can still have a claim and quotes alone")
            ok = False
        data["values"] = values
    item = Item(key, data, Loc(r.path, node.line), read_inferred(r, node, fld))
    return item if ok else None
