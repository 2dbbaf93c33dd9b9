"""Reading and writing RDF in the standard formats, safely.

Writing: Turtle, N-Triples and RDF/XML hold one graph (the union of all named graphs);
TriG, N-Quads and JSON-LD keep the named graphs. Reading RDF/XML refuses any DOCTYPE, so an
input file cannot pull in local files through external entities or explode through nested ones;
reading JSON-LD refuses a context named by address (`http:`, `file:`...), which rdflib would
fetch: a request to any server, or a file read from disk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from xml.sax.handler import ContentHandler

import defusedxml.sax
from defusedxml import DefusedXmlException
from rdflib import Dataset, Graph

from kg.rdf.namespaces import bind_prefixes
from kg.store.files import atomic_write


@dataclass(frozen=True)
class Format:
    name: str
    rdflib: str
    suffix: str
    media_type: str
    quads: bool  # keeps named graphs


FORMATS = {f.name: f for f in [
    Format("turtle", "turtle", ".ttl", "text/turtle", False),
    Format("nt", "nt", ".nt", "application/n-triples", False),
    Format("xml", "xml", ".rdf", "application/rdf+xml", False),
    Format("trig", "trig", ".trig", "application/trig", True),
    Format("nquads", "nquads", ".nq", "application/n-quads", True),
    Format("json-ld", "json-ld", ".jsonld", "application/ld+json", True),
]}
ALIASES = {"ttl": "turtle", "ntriples": "nt", "n-triples": "nt", "rdfxml": "xml", "rdf": "xml",
           "owl": "xml", "jsonld": "json-ld", "nq": "nquads", "n-quads": "nquads"}


class UnsafeXml(ValueError):
    """RDF/XML with a DOCTYPE (entities) was refused."""


class UnsafeJsonLd(ValueError):
    """JSON-LD naming a context by address was refused."""


def get_format(name: str) -> Format:
    key = ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        raise ValueError(f"unknown RDF format '{name}': use one of {', '.join(FORMATS)}")
    return FORMATS[key]


def format_for_path(path: Path) -> Format:
    for fmt in FORMATS.values():
        if str(path).endswith(fmt.suffix):
            return fmt
    return get_format(Path(path).suffix.lstrip(".") or "turtle")


def union_graph(dataset: Dataset) -> Graph:
    graph = bind_prefixes(Graph())
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def dumps(dataset: Dataset, fmt: str = "turtle") -> str:
    """Serialise a dataset in `fmt`; triple formats get the union of its graphs."""
    f = get_format(fmt)
    target = dataset if f.quads else union_graph(dataset)
    bind_prefixes(target)
    kwargs = {"auto_compact": True} if f.name == "json-ld" else {}
    return target.serialize(format=f.rdflib, **kwargs)


def dump(dataset: Dataset, path: Path, fmt: str | None = None) -> None:
    """Write atomically: on any error the old file stays as it was."""
    f = get_format(fmt) if fmt else format_for_path(Path(path))
    atomic_write(Path(path), dumps(dataset, f.name))


def check_xml_safe(data: bytes | str) -> None:
    """Refuse XML with a DOCTYPE before any parser sees it (no entities, no external files)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        defusedxml.sax.parseString(raw, ContentHandler(), forbid_dtd=True,
                                   forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UnsafeXml(f"RDF/XML refused: {exc} (DOCTYPE and entities are not allowed)") from exc
    except Exception as exc:  # noqa: BLE001 - a SAX error: broken XML
        raise ValueError(f"broken RDF/XML: {exc}") from exc


_CONTEXT_KEYS = ("@context", "@import")  # JSON-LD 1.1: a context may import another by address


def check_jsonld_safe(data: bytes | str) -> None:
    """Refuse JSON-LD whose `@context` (or a context's `@import`) is an address, at any depth and
    in every copy of a repeated key, before any parser sees it: contexts must be written inline."""
    def pairs(items: list[tuple]) -> dict:
        for key, value in items:
            if key in _CONTEXT_KEYS:
                named = [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
                if named:
                    raise UnsafeJsonLd(f"{_line_of(data, named[0])}JSON-LD {key} \"{named[0]}\" refused: "
                                       "contexts named by address are not fetched (no network, no local "
                                       "files); write the context inline as a JSON object")
        return dict(items)

    try:
        json.loads(data, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise ValueError(f"line {exc.lineno}, column {exc.colno}: not valid JSON: {exc.msg}") from exc
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def _line_of(data: bytes | str, value: str) -> str:
    """'line N: ' where the value is first written as a JSON string, or '' if it is written otherwise."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    at = text.find(json.dumps(value, ensure_ascii=False))
    return f"line {text.count(chr(10), 0, at) + 1}: " if at >= 0 else ""


def check_safe(data: bytes | str, fmt: str) -> None:
    """The refusals that come before parsing: DOCTYPEs in RDF/XML, contexts by address in JSON-LD."""
    name = get_format(fmt).name
    if name == "xml":
        check_xml_safe(data)
    elif name == "json-ld":
        check_jsonld_safe(data)


def loads(data: str | bytes, fmt: str = "turtle") -> Dataset:
    """Parse RDF text into a dataset (triple formats land in the default graph)."""
    f = get_format(fmt)
    check_safe(data, f.name)
    ds = Dataset()
    if f.quads:
        ds.parse(data=data, format=f.rdflib)
    else:
        ds.default_context.parse(data=data, format="xml" if f.name == "xml" else f.rdflib)
    return ds


def load(path: Path, fmt: str | None = None) -> Dataset:
    f = get_format(fmt) if fmt else format_for_path(Path(path))
    return loads(Path(path).read_bytes(), f.name)
