"""Changes to the curated files, each checked by `stancekg validate`'s code before it is written.

Every operation computes the file's new content, validates it as if written (`pending`), and
writes it atomically only when no error is found; otherwise nothing changes on disk and the
problems come back, each with the field it concerns (`by_field`), for a form to show beside
its input. The YAML files stay the single record: these functions are what the explorer's
Curate page calls, and what a script could call too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from kg.check.validation import validate
from kg.curation import read_corpus, scaffold
from kg.curation.drafts import (
    EntityDraft,
    ReportedDraft,
    StatementDraft,
    entity_node,
    reported_node,
    statement_node,
)
from kg.curation.problems import Problem, errors
from kg.curation.records import Entity
from kg.curation.yamlfile import insert_item, parse, remove_item, replace_item
from kg.store.files import atomic_write

ENTITY_SECTIONS = {"actor": "actors", "topic": "topics"}
_BEFORE = {"actors": ("topics", "things", "reported", "statements"), "topics": ("things", "reported", "statements"),
           "reported": ("statements",)}


@dataclass
class Outcome:
    """What a save did: `written` only when validation found no error."""

    written: bool
    problems: list[Problem]
    path: Path | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)


def _commit(data_dir: Path, files: dict[Path, str], *, reasoner: bool = True) -> Outcome:
    """Validate the source file(s) in `files` as if written; write them (text first) if valid."""
    yaml_paths = [p for p in files if p.suffix == ".yaml"]
    result = validate(Path(data_dir), yaml_paths, reasoner=reasoner, pending=files)
    mine = [p for p in result.problems if p.path.resolve() in {y.resolve() for y in yaml_paths}
            or p.severity == "error"]
    if result.errors:
        return Outcome(False, mine, yaml_paths[0], result.notes)
    if len(files) > 1:
        scaffold.write(files)
    else:
        for path, text in files.items():
            atomic_write(path, text)
    return Outcome(True, mine, yaml_paths[0], result.notes)


def _statement_index(text: str, ident: str) -> int:
    statements = (parse(text) or {}).get("statements") or []
    for i, node in enumerate(statements):
        if isinstance(node, dict) and str(node.get("id")) == ident:
            return i
    raise KeyError(f"no statement '{ident}' in this file")


def _with_entities(text: str, entities: list[EntityDraft]) -> str:
    for entity in entities:
        section = ENTITY_SECTIONS[entity.kind]
        text = insert_item(text, section, entity_node(entity), before=_BEFORE[section])
    return text


def save_statement(data_dir: Path, path: Path, draft: StatementDraft, *, replace: str | None = None,
                   reasoner: bool = True) -> Outcome:
    """Add `draft` to the source file at `path` (or rewrite statement `replace` with it), with the
    new actors and topics it declares, if the whole file then validates."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    if replace is None:
        text = insert_item(text, "statements", statement_node(draft))
    else:
        index = _statement_index(text, replace)
        old = parse(text)["statements"][index]
        text = replace_item(text, "statements", index, statement_node(draft, old))
    return _commit(data_dir, {path: _with_entities(text, draft.new_entities)}, reasoner=reasoner)


def delete_statement(data_dir: Path, path: Path, ident: str, *, reasoner: bool = True) -> Outcome:
    """Remove statement `ident` from the file, if the file still validates without it."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    return _commit(data_dir, {path: remove_item(text, "statements", _statement_index(text, ident))},
                   reasoner=reasoner)


def add_reported(data_dir: Path, path: Path, draft: ReportedDraft, *, reasoner: bool = True) -> Outcome:
    """List a source this one reports (a post, a book...), so statements can be stated in it."""
    path = Path(path)
    text = insert_item(path.read_text(encoding="utf-8"), "reported", reported_node(draft), before=_BEFORE["reported"])
    return _commit(data_dir, {path: text}, reasoner=reasoner)


def create_source(data_dir: Path, new: scaffold.NewSource, reported: list[ReportedDraft] = (), *,
                  reasoner: bool = True) -> Outcome:
    """What `stancekg new-source` writes, plus the sources it reports, if all of it validates."""
    yaml_path, _ = scaffold.paths(data_dir, new.id or "x")
    try:
        files = scaffold.prepare(new, Path(data_dir))
    except scaffold.ScaffoldError as exc:
        return Outcome(False, [Problem(yaml_path, 0, _scaffold_field(p), p) for p in exc.problems], yaml_path)
    text_path, yaml_path = files
    text = files[yaml_path]
    for draft in reported:
        text = insert_item(text, "reported", reported_node(draft), before=_BEFORE["reported"])
    return _commit(data_dir, {text_path: files[text_path], yaml_path: text}, reasoner=reasoner)


def _scaffold_field(message: str) -> str:
    """`--title is empty: ...` -> `source.title`; `/x/y.yaml already exists` -> `source.id`."""
    m = re.match(r"--(\w+)", message)
    return f"source.{m.group(1)}" if m else "source.id"


# ----------------------------------------------------------------------------- problems by field


def by_field(problems: list[Problem], statement: str | None = None,
             entities: dict[str, str] | None = None) -> dict[str, list[Problem]]:
    """Problems keyed by the form field they concern: `stances.holder`, `claim`, `quotes.exact`,
    `actor.label` (a new actor), `source.title`, `reported.kind`...; '' for the rest.

    `statement` is the id of the statement being saved (other statements' problems go under '');
    `entities` maps the ids of new actors and topics to their kind.
    """
    entities = entities or {}
    out: dict[str, list[Problem]] = {}
    for p in problems:
        key = ""
        m = re.match(r"statement\[(.*?)\]\.?([\w.]*)", p.field)
        e = re.match(r"(actors?|topics?)\[(.*?)\]\.?([\w.]*)", p.field) or re.match(r"(actors|topics)\.(id)", p.field)
        if m and m.group(1) == statement:
            key = re.sub(r"^claim\.\w+$", "claim", m.group(2)) or "statement"
        elif e and (e.lastindex == 2 or e.group(2) in entities):
            kind, rest = e.group(1).rstrip("s"), e.group(e.lastindex)
            key = f"{kind}.{rest}" if rest else kind
        elif re.match(r"(source|reported)\b", p.field):
            key = re.sub(r"\[.*?\]", "", p.field)
        out.setdefault(key, []).append(p)
    return out


def known_entities(data_dir: Path, path: Path | None = None) -> list[Entity]:
    """What a statement in the source file `path` can name: the registry and the file's own entries."""
    corpus = read_corpus(Path(data_dir), [Path(path)] if path else [])
    return list(corpus.all_entities().values())
