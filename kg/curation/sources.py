"""One source file: its metadata, the sources it reports, and its statements with their quotes."""

from __future__ import annotations

from pathlib import Path

from kg.curation.fields import (
    Reader,
    load_yaml,
    not_utf8,
    read_date,
    read_inferred,
    read_ref,
    read_refs,
)
from kg.curation.located import LDict
from kg.curation.problems import Problem
from kg.curation.records import LANG_RE, Entity, Item, Loc, Source
from kg.curation.registry import INLINE_SECTIONS, read_inline
from kg.curation.signatories import read_signatures
from kg.curation.statements import read_statement
from kg.curation.suggestions import did_you_mean
from kg.rdf import vocab

# ----------------------------------------------------------------------------- sources

_SOURCE_KEYS = {"id", "kind", "title", "language", "text", "author", "publisher", "date", "url",
                "note", "inferred"}
_REPORTED_KEYS = {"id", "kind", "title", "language", "author", "platform", "date", "participants",
                  "reported_in", "note", "inferred", "url"}

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
    src, complete = _source(r, node, entities, pending)
    src.entities = inline
    known_sources = _reported_sources(r, doc, entities, src)
    seen_ids = _statements(r, doc, entities, src, known_sources, events if events is not None else {})
    if src.kind == "joint-statement":
        read_signatures(path, src, entities, r.problems, pending)
    _check_other_sides(r, src, seen_ids)
    return src if complete else None


def _source(r: Reader, node: LDict, entities, pending) -> tuple[Source, bool]:
    """The file's own source, and whether its id and kind were read (else the problem is reported)."""
    r.unknown_keys(node, _SOURCE_KEYS, "source")
    ident = r.ident(node, "id", "source.id")
    kind = r.choice(node, "kind", "source.kind", vocab.SOURCE_KINDS)
    language = r.text(node, "language", "source.language")
    plain = language if language and LANG_RE.match(language) else "en"
    title = r.langs(node, "title", "source.title", need=(), plain=plain)  # a plain title is in the text's language
    if language and not LANG_RE.match(language):
        r.problem(r.line(node, "language"), "source.language", f"'{language}' is not a language tag such as es",
                  "use the lower-case ISO 639 code of the text's language: en, es, fr, de, zh...")
    src = Source(ident or "", kind or "other", title, language or "und", Loc(r.path, node.line))
    src.note = r.note(node, "source.note")
    src.url = r.url(node, "url", "source.url")
    src.publisher = r.text(node, "publisher", "source.publisher", required=False)
    src.author = read_ref(r, node, "author", "source.author", entities, {"actor"}, required=False)
    src.date = read_date(r, node, "date", "source.date")
    src.inferred = read_inferred(r, node, "source")
    text_name = r.text(node, "text", "source.text")
    if text_name:
        _read_text(r, node, src, text_name, pending)
    return src, bool(ident and kind)


def _read_text(r: Reader, node: LDict, src: Source, text_name: str, pending) -> None:
    src.text_file = r.path.parent / text_name
    try:
        waiting = (pending or {}).get(Path(src.text_file))
        src.text = waiting if waiting is not None else src.text_file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        r.problem(r.line(node, "text"), "source.text",
                  f"the source text '{text_name}' is not UTF-8: {not_utf8(src.text_file, exc)}",
                  "save the text file again as UTF-8 in your editor")
    except OSError as exc:
        others = [p.name for p in r.path.parent.glob("*.txt") if p.name != text_name]
        r.problem(r.line(node, "text"), "source.text",
                  f"cannot read the source text '{text_name}': {exc.strerror}",
                  did_you_mean(text_name, others) or "put the text file (UTF-8) beside the YAML file and give "
                  "its name here")


def _reported_sources(r: Reader, doc: LDict, entities, src: Source) -> dict[str, Source]:
    """The sources the file's source reports (interviews, posts...), each id once, chains checked."""
    known_sources, first_lines = {src.id: src}, {src.id: src.loc.line}
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
    return known_sources


def _statements(r: Reader, doc: LDict, entities, src: Source, known_sources, events) -> dict[str, int]:
    """Adds the file's statements to `src`; returns each statement id with the line of its first use."""
    seen_ids: dict[str, int] = {}
    statement_nodes = r.seq(doc, "statements", "statements")
    if not statement_nodes:
        r.problem(doc.lines.get("statements", doc.line), "statements", "a source needs at least one statement",
                  "uncomment one of the examples under 'statements:' and fill it in", severity="warning")
    for snode, line in statement_nodes:
        snode = r.mapping(snode, "statements", line)
        if snode is None:
            continue
        stmt = read_statement(r, snode, entities, src, known_sources, events)
        if stmt is None:
            continue
        if stmt.id in seen_ids:
            r.problem(line, f"statement[{stmt.id}].id",
                      f"statement id '{stmt.id}' is used twice (first at line {seen_ids[stmt.id]})",
                      "number the statements S01, S02, ... with each id once")
            continue
        seen_ids[stmt.id] = line
        src.statements.append(stmt)
    return seen_ids


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
