"""One statement of a source file: its kinds, who asserts it, its quotes, and what it says.

Each entry kind (stances, relations, ...) has its reader; a reader reads every field, so that one
pass reports every problem, and returns None when a required field is missing or wrong.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.curation import dates, quotes
from kg.curation.fields import (
    Reader,
    check_ref,
    date_after,
    read_date,
    read_inferred,
    read_money,
    read_number,
    read_ref,
    read_refs,
    shown,
)
from kg.curation.located import LDict
from kg.curation.records import Item, Loc, Quote, Source, Statement
from kg.curation.signatories import SIGNATORIES
from kg.curation.suggestions import did_you_mean
from kg.rdf import vocab

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
_ACTOR = {"actor"}


def read_statement(r: Reader, node: LDict, entities, src: Source, sources: dict,
                   events: dict[str, Item]) -> Statement | None:
    """A statement; `sources` are the file's own and reported sources, `events` grows as read."""
    ident = r.text(node, "id", "statement.id")
    fld = f"statement[{ident}]"
    r.unknown_keys(node, _STATEMENT_KEYS, fld)
    kinds = _kinds(r, node, fld)
    asserted_by = _asserter(r, node, fld, entities, src)
    signed = asserted_by == SIGNATORIES
    stated_in = r.text(node, "stated_in", f"{fld}.stated_in", required=False) or src.id
    if stated_in not in sources:
        r.problem(r.line(node, "stated_in"), f"{fld}.stated_in", f"unknown source '{stated_in}'",
                  did_you_mean(stated_in, sources) or
                  f"list the post, interview, book or speech under 'reported:' first (known here: "
                  f"{', '.join(sources)})")
    claim = r.langs(node, "claim", f"{fld}.claim")
    qs = _quotes(r, node, fld, src)
    items: list[Item] = []
    for key, read in _READERS.items():
        for inode, line in r.seq(node, key, f"{fld}.{key}"):
            inode = r.mapping(inode, f"{fld}.{key}", line)
            if inode is None:
                continue
            r.unknown_keys(inode, _ITEM_KEYS[key], f"{fld}.{key}")
            note = r.note(inode, f"{fld}.{key}.note")
            data = read(r, inode, f"{fld}.{key}", entities, events, signed)
            inferred = read_inferred(r, inode, f"{fld}.{key}")
            if data is None:
                continue
            item = Item(key, {"note": note, **data}, Loc(r.path, inode.line), inferred)
            items.append(item)
            if key == "events":
                events[item.data["id"]] = item
    about = read_refs(r, node, "about", f"{fld}.about", entities, None, events=events)
    if ident is None or asserted_by is None:
        return None
    return Statement(ident, kinds, asserted_by, stated_in, claim, qs, items, about,
                     r.note(node, f"{fld}.note"), Loc(r.path, node.line))


def _kinds(r: Reader, node: LDict, fld: str) -> list[str]:
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
    return kinds


def _asserter(r: Reader, node: LDict, fld: str, entities, src: Source) -> str | None:
    """An actor, 'source' (the text's own voice) or, in a joint statement, its signatories."""
    asserted_by = r.text(node, "asserted_by", f"{fld}.asserted_by")
    if asserted_by == SIGNATORIES and src.kind != "joint-statement":
        r.problem(r.line(node, "asserted_by"), f"{fld}.asserted_by",
                  "only a joint statement (source kind: joint-statement) is asserted by its signatories",
                  "name the actor who says it, or 'source'")
    elif asserted_by and asserted_by not in ("source", SIGNATORIES):
        asserted_by = check_ref(r, asserted_by, r.line(node, "asserted_by"), f"{fld}.asserted_by",
                                entities, {"actor"}, extra=("source",))
    return asserted_by


def _quotes(r: Reader, node: LDict, fld: str, src: Source) -> list[Quote]:
    """Each quote found verbatim in the source's text, with its place; a missing one is a problem."""
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
    return qs


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


def _complete(data: dict, required: tuple[str, ...], ok: bool = True) -> dict | None:
    return data if ok and all(data[k] is not None for k in required) else None


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


def _stance(r: Reader, node: LDict, fld: str, entities, events, signed: bool) -> dict | None:
    data = {
        "holder": _holder(r, node, fld, entities, signed),
        "topic": read_ref(r, node, "topic", f"{fld}.topic", entities, {"topic"}),
        "polarity": r.choice(node, "polarity", f"{fld}.polarity", vocab.POLARITIES),
        "strength": r.choice(node, "strength", f"{fld}.strength", vocab.STRENGTHS, required=False),
        "attributed_by": read_ref(r, node, "attributed_by", f"{fld}.attributed_by", entities, _ACTOR,
                                  required=False),
        "date": read_date(r, node, "date", f"{fld}.date"),
    }
    return _complete(data, ("holder", "topic", "polarity"))


def _relation(r: Reader, node: LDict, fld: str, entities, events, signed: bool) -> dict | None:
    data = {
        "from": read_ref(r, node, "from", f"{fld}.from", entities, _ACTOR),
        "relation": r.choice(node, "relation", f"{fld}.relation", vocab.RELATIONS),
        "to": read_ref(r, node, "to", f"{fld}.to", entities, None, events=events),
        **{k: read_date(r, node, k, f"{fld}.{k}") for k in ("date", "start", "end")},
        "reason": r.langs(node, "reason", f"{fld}.reason", required=False),
        "topics": read_refs(r, node, "topics", f"{fld}.topics", entities, {"topic"}),
    }
    if data["start"] is not None and data["end"] is not None and date_after(data["start"], data["end"]):
        r.problem(r.line(node, "end"), f"{fld}.end", f"ends ({data['end']}) before it starts ({data['start']})",
                  "swap start and end, or correct one of the dates")
    return _complete(data, ("from", "relation", "to"))


def _disagreement(r: Reader, node: LDict, fld: str, entities, events, signed: bool) -> dict | None:
    data = {
        "from": read_ref(r, node, "from", f"{fld}.from", entities, _ACTOR),
        "to": read_ref(r, node, "to", f"{fld}.to", entities, _ACTOR),
    }
    itself = bool(data["from"]) and data["from"] == data["to"]
    if itself:
        r.problem(r.line(node, "to"), f"{fld}.to", f"'{data['to']}' cannot disagree with itself",
                  "a change of mind is two dated stances, not a disagreement")
    data["topics"] = read_refs(r, node, "topics", f"{fld}.topics", entities, {"topic"})
    data["date"] = read_date(r, node, "date", f"{fld}.date")
    data["reason"] = r.langs(node, "reason", f"{fld}.reason", required=False)
    data["other_side"] = r.text(node, "other_side", f"{fld}.other_side", required=False)
    return _complete(data, ("from", "to"), ok=not itself)


def _event(r: Reader, node: LDict, fld: str, entities, events, signed: bool) -> dict | None:
    data = {"id": r.ident(node, "id", f"{fld}.id")}
    taken = bool(data["id"]) and (data["id"] in entities or data["id"] in events)
    if taken:
        first = entities.get(data["id"]) or events[data["id"]]
        r.problem(r.line(node, "id"), f"{fld}.id",
                  f"id '{data['id']}' is already used at {first.loc.path.name}:{first.loc.line}",
                  "give this event another id, or refer to the existing one under 'about:'")
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
    return _complete(data, ("id",), ok=not taken)


def _comparison(r: Reader, node: LDict, fld: str, entities, events, signed: bool) -> dict | None:
    data = {
        "compares": read_ref(r, node, "compares", f"{fld}.compares", entities, None, events=events),
        "against": read_ref(r, node, "against", f"{fld}.against", entities, None, required=False,
                            events=events),
        "dimension": r.langs(node, "dimension", f"{fld}.dimension"),
        "outcome": r.langs(node, "outcome", f"{fld}.outcome", required=False),
        "factor": read_number(r, node, "factor", f"{fld}.factor"),
    }
    approx = node.get("approximate")
    if approx is not None and not isinstance(approx, bool):
        r.problem(r.line(node, "approximate"), f"{fld}.approximate", "expected true or false",
                  "write 'approximate: true' when the source says about, nearly or some")
        approx = None
    data["approximate"] = approx
    return _complete(data, ("compares",))


def _fact(r: Reader, node: LDict, fld: str, entities, events, signed: bool) -> dict | None:
    data = {"subject": read_ref(r, node, "subject", f"{fld}.subject", entities, None, events=events)}
    values = {}
    for prop, (_, kind) in vocab.FACT_PROPERTIES.items():
        if prop in node:
            value = _fact_value(r, node, prop, kind, f"{fld}.{prop}", entities, events)
            if value is not None:
                values[prop] = value
    if not values:
        r.problem(node.line, fld, f"a fact needs at least one of: {', '.join(vocab.FACT_PROPERTIES)}",
                  "add the property the quote gives, e.g. 'gpu_count: 100000'; "
                  "a statement with no figure can still have a claim and quotes alone")
    data["values"] = values
    return _complete(data, ("subject",), ok=bool(values))


def _fact_value(r: Reader, node: LDict, prop: str, kind: str, fld: str, entities, events):
    v = node[prop]
    if kind == "int":
        if isinstance(v, bool) or not isinstance(v, int):
            r.problem(r.line(node, prop), fld, f"expected a whole number, got {shown(v)}",
                      "write the digits alone, without quotes or separators: 100000")
            return None
        return v
    if kind == "text":
        return r.langs(node, prop, fld)
    if kind == "ref":
        return check_ref(r, str(v), r.line(node, prop), fld, entities, None, events=events)
    if kind == "money":
        return read_money(r, node, prop, fld)
    return v


_READERS: dict[str, Callable[..., dict | None]] = {
    "stances": _stance, "relations": _relation, "disagreements": _disagreement,
    "facts": _fact, "events": _event, "comparisons": _comparison,
}
