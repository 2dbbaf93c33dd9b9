"""The whole graph as a download, in any standard RDF format."""

from __future__ import annotations

from dataclasses import dataclass

from kg.store import rdfio


@dataclass(frozen=True)
class Download:
    data: bytes
    filename: str
    media_type: str


def export(store, fmt: str = "turtle") -> Download:
    """The whole graph in an RDF format (Turtle, N-Triples and RDF/XML merge the named graphs)."""
    f = rdfio.get_format(fmt)
    return Download(store.export(f.name), f"ai-stance-kg{f.suffix}", f.media_type)


def export_formats() -> dict[str, str]:
    """Format name -> what a person would call it."""
    names = {"turtle": "Turtle", "nt": "N-Triples", "xml": "RDF/XML", "trig": "TriG (keeps named graphs)",
             "nquads": "N-Quads (keeps named graphs)", "json-ld": "JSON-LD (keeps named graphs)"}
    return {name: names.get(name, name) for name in rdfio.FORMATS}
