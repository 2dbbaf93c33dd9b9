"""Reading and writing RDF in the standard formats, safely.

Writing: Turtle, N-Triples and RDF/XML hold one graph (the union of all named graphs);
TriG, N-Quads and JSON-LD keep the named graphs. Reading RDF/XML refuses any DOCTYPE, so an
input file cannot pull in local files through external entities or explode through nested ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph

from kg.files import atomic_write
from kg.namespaces import bind_prefixes


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
    from xml.sax.handler import ContentHandler

    import defusedxml.sax
    from defusedxml import DefusedXmlException

    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        defusedxml.sax.parseString(raw, ContentHandler(), forbid_dtd=True,
                                   forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UnsafeXml(f"RDF/XML refused: {exc} (DOCTYPE and entities are not allowed)") from exc
    except Exception as exc:  # noqa: BLE001 - a SAX error: broken XML
        raise ValueError(f"broken RDF/XML: {exc}") from exc


def loads(data: str | bytes, fmt: str = "turtle") -> Dataset:
    """Parse RDF text into a dataset (triple formats land in the default graph)."""
    f = get_format(fmt)
    if f.name == "xml":
        check_xml_safe(data)
    ds = Dataset()
    if f.quads:
        ds.parse(data=data, format=f.rdflib)
    else:
        ds.default_context.parse(data=data, format="xml" if f.name == "xml" else f.rdflib)
    return ds


def load(path: Path, fmt: str | None = None) -> Dataset:
    f = get_format(fmt) if fmt else format_for_path(Path(path))
    return loads(Path(path).read_bytes(), f.name)
