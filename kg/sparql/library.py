"""The library of named queries: one `kg/sparql/queries/NAME.rq` file each, described by its header.

The CLI and the explorer pick queries by name and hold no SPARQL. A header is the file's
leading comment lines:

    # title: Stances of an actor
    # description: Every stance the actor holds, with the quote...
    #   (a description may continue on lines indented after the #)
    # param: actor (actor) The actor: a label in English or Spanish, a CURIE or an IRI.
    # param: lang (text, optional) ...
    # default: lang=en
    # pivot: actorLabel topicLabel polarity

Parameter kinds: actor, topic, entity, text, kind (of statement), statement. A parameter is
required unless it is marked optional or has a default. `pivot` names the row, column and cell
variables of a query best read as a matrix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

QUERIES_DIR = Path(__file__).resolve().parent / "queries"
KINDS = ("actor", "topic", "entity", "text", "kind", "statement")


@dataclass
class Param:
    name: str
    kind: str  # one of KINDS
    description: str
    required: bool = True
    default: str | None = None


@dataclass
class NamedQuery:
    name: str
    title: str
    description: str
    params: list[Param]
    text: str
    pivot: tuple[str, str, str] | None = None  # row, column, cell variables
    path: Path | None = field(default=None, compare=False)


class QueryFileError(ValueError):
    """A query file whose header cannot be read; the message names the file and line."""


_PARAM = re.compile(r"^(\w+)\s+\((\w+)(\s*,\s*optional)?\)\s*(.*)$")


def parse_header(name: str, text: str, path: Path | None = None) -> NamedQuery:
    """A NamedQuery from a .rq file's text."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    defaults: dict[str, str] = {}
    last = None
    where = path or name
    for number, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            break
        body = line[1:]
        m = re.match(r"^ (\w+):\s*(.*)$", body)
        if m:
            key, value = m.group(1), m.group(2).strip()
            if key == "param":
                pm = _PARAM.match(value)
                if not pm or pm.group(2) not in KINDS:
                    raise QueryFileError(f"{where}:{number}: write '# param: NAME (KIND) description' "
                                         f"with KIND one of {', '.join(KINDS)}")
                params.append(Param(pm.group(1), pm.group(2), pm.group(4), required=not pm.group(3)))
                last = params[-1]
            elif key == "default":
                pname, eq, pvalue = value.partition("=")
                if not eq:
                    raise QueryFileError(f"{where}:{number}: write '# default: NAME=VALUE'")
                defaults[pname.strip()] = pvalue.strip()
                last = None
            else:
                fields[key] = value
                last = key
        elif body.startswith("   ") and last is not None:  # a continuation line
            if isinstance(last, Param):
                last.description += " " + body.strip()
            else:
                fields[last] += " " + body.strip()
    if "title" not in fields:
        raise QueryFileError(f"{where}:1: the header needs a '# title: ...' line")
    for pname, value in defaults.items():
        param = next((p for p in params if p.name == pname), None)
        if param is None:
            raise QueryFileError(f"{where}: default for undeclared parameter '{pname}'")
        param.default, param.required = value, False
    for p in params:
        if not re.search(rf"[?$]{p.name}\b", text):
            raise QueryFileError(f"{where}: parameter '{p.name}' is not used as ?{p.name} in the query")
    pivot = tuple(fields["pivot"].split()) if "pivot" in fields else None
    if pivot is not None and len(pivot) != 3:
        raise QueryFileError(f"{where}: write '# pivot: ROW COLUMN CELL' (three variable names)")
    return NamedQuery(name, fields["title"], fields.get("description", ""), params, text, pivot, path)


@lru_cache(maxsize=4)
def load_queries(folder: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """Every named query in the folder, by name (the file name without .rq), read once."""
    queries = {}
    for path in sorted(Path(folder).glob("*.rq")):
        queries[path.stem] = parse_header(path.stem, path.read_text(encoding="utf-8"), path)
    return queries


def extract_messages(fileobj, keywords, comment_tags, options):
    """A Babel extractor (babel.cfg): a query's title and descriptions are interface text, translated
    in the explorer by the same catalog as its pages; the .rq file stays in English."""
    text = fileobj.read().decode("utf-8")
    query = parse_header(Path(getattr(fileobj, "name", "query.rq")).stem, text)
    lines: dict[str, list[int]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        for key in ("title", "description", "param"):
            if line.startswith(f"# {key}:"):
                lines.setdefault(key, []).append(number)
    yield lines["title"][0], None, query.title, []
    if query.description:
        yield lines["description"][0], None, query.description, []
    for p, number in zip(query.params, lines.get("param", []), strict=True):
        yield number, None, p.description, []
