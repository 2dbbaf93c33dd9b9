"""Actors, topics and things: the shared registry files and entries declared inside a source file."""

from __future__ import annotations

import re
from pathlib import Path

from kg.curation.fields import Reader, load_yaml
from kg.curation.located import LDict, LList
from kg.curation.problems import Problem
from kg.curation.records import Entity, Loc
from kg.curation.suggestions import closest, describe, near_duplicates
from kg.rdf import vocab

# ----------------------------------------------------------------------------- registries

REGISTRY_FILES = {"actor": "actors.yaml", "topic": "topics.yaml", "thing": "things.yaml"}
INLINE_SECTIONS = {"actors": "actor", "topics": "topic", "things": "thing"}  # in a source file
_ENTITY_KEYS = {"id", "type", "label", "wikidata", "wikidata_evidence", "note", "definition",
                "broader"}




def _entity(r: Reader, node: LDict, line: int, kind: str, name: str) -> Entity | None:
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


def _entries(r: Reader, doc, kind: str, known: dict[str, Entity], name: str) -> list[Entity]:
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
        doc = load_yaml(path, problems)
        if doc is None:
            continue
        for entity in _entries(Reader(path, problems), doc, kind, entities, kind):
            entities[entity.id] = entity
    _check_broader(entities.values(), entities, problems)
    return entities


def _check_broader(topics, known: dict[str, Entity], problems: list[Problem]) -> None:
    for entity in topics:
        if entity.broader and (entity.broader not in known or known[entity.broader].kind != "topic"):
            pool = [e.named() for e in known.values() if e.kind == "topic"]
            close = closest(entity.broader, pool)
            Reader(entity.loc.path, problems).problem(
                entity.loc.line, f"topic[{entity.id}].broader", f"unknown topic '{entity.broader}'",
                f"did you mean {describe(close)}?" if close else "name a topic from topics.yaml")


def check_duplicates(entities: list[Entity], problems: list[Problem]) -> None:
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


def read_inline(r: Reader, doc: LDict, registry: dict[str, Entity]) -> dict[str, Entity]:
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


def same_entry(a: Entity, b: Entity) -> str | None:
    """The first field on which two inline declarations of one id disagree, or None."""
    for name in ("kind", "type", "label", "wikidata", "definition", "broader"):
        if getattr(a, name) != getattr(b, name):
            return name
    return None
