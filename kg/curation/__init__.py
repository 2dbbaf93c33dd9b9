"""Reading curated YAML into checked records, with every problem tied to file, line and field.

The reader never stops at the first mistake: it collects all of them, so one `validate` run
shows a curator everything to fix. Records keep their file and line so that later checks
(SHACL, the reasoner) can point back at the YAML too.
"""

from __future__ import annotations

from pathlib import Path

from kg.curation.fields import WHERE, Reader, load_yaml, slug
from kg.curation.located import LDict
from kg.curation.problems import Problem
from kg.curation.records import ID_RE, LANG_RE, Corpus, Entity, Item, Loc, Quote, Source, Statement
from kg.curation.registry import REGISTRY_FILES, check_duplicates, read_inline, read_registry, same_entry
from kg.curation.sources import read_source


def source_files(data_dir: Path) -> list[Path]:
    return sorted((data_dir / "sources").glob("*.yaml"))


def read_corpus(data_dir: Path, only: list[Path] | None = None,
                pending: dict[Path, str] | None = None) -> Corpus:
    """Read the registries and every source file under `data_dir` (or just `only`).

    Two passes: first every file's inline entries (so two files declaring one id can be checked
    to agree, and a hint can say where an id lives), then each source against the registry plus
    its own entries. With `only`, the other source files are still glanced at, so that a new
    file reusing an id already taken elsewhere is caught before it is built with the rest.
    `pending` maps files not yet written (a source file, its text) to their contents, so an edit
    is checked exactly as it would be once saved, before anything is written.
    """
    pending = {Path(k): v for k, v in (pending or {}).items()}
    problems: list[Problem] = []
    entities = read_registry(data_dir, problems)
    chosen = [Path(p) for p in only] if only is not None else source_files(data_dir)
    given = {p.resolve() for p in chosen}
    others = [p for p in source_files(data_dir) if p.resolve() not in given]
    outside_ids, declared = _glance(others, entities)  # declared: first inline entry of each id
    files = []
    for path in chosen:
        doc = load_yaml(path, problems, pending)
        if doc is None:
            continue
        inline = read_inline(Reader(path, problems), doc, entities) if isinstance(doc, LDict) else {}
        for ident, entity in inline.items():
            first = declared.setdefault(ident, entity)
            differs = same_entry(entity, first) if first is not entity else None
            if differs:
                problems.append(Problem(
                    path, entity.loc.line, f"{entity.kind}s[{ident}].{differs}",
                    f"'{ident}' is also declared in {first.loc.path.name}:{first.loc.line} with a different {differs}",
                    f"one id is one {first.kind}: make the entries the same, or move one to "
                    f"{WHERE[first.kind][0]} and delete both"))
        files.append((path, doc, inline))
    near: list[Problem] = []
    check_duplicates([*entities.values(), *declared.values()], near)
    problems += [p for p in near if p.path.resolve() not in {o.resolve() for o in others}]
    sources: list[Source] = []
    events: dict[str, Item] = {}
    seen: dict[str, Loc] = dict(outside_ids)
    for path, doc, inline in files:
        elsewhere = {i: e for i, e in declared.items() if i not in inline}
        src = read_source(path, entities, problems, events, doc=doc, inline=inline, elsewhere=elsewhere,
                          pending=pending)
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
        doc = load_yaml(path, [])
        if not isinstance(doc, LDict):
            continue
        for node in [doc.get("source"), *(doc.get("reported") or [])]:
            if isinstance(node, LDict) and isinstance(node.get("id"), str):
                ids.setdefault(node["id"], Loc(path, node.line))
        for ident, entity in read_inline(Reader(path, []), doc, registry).items():
            inline.setdefault(ident, entity)
    return ids, inline


__all__ = [
    "Corpus", "Entity", "ID_RE", "Item", "LANG_RE", "Loc", "Quote", "REGISTRY_FILES", "Source",
    "Statement", "read_corpus", "read_registry", "read_source", "slug", "source_files",
]
