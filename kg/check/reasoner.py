"""Consistency checking with the HermiT reasoner (through owlready2, which needs Java)."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import owlready2
from rdflib import Graph

import ontology


class JavaMissing(RuntimeError):
    """HermiT runs on Java; without it the reasoner check cannot run (and says so)."""


@dataclass
class Consistency:
    consistent: bool
    detail: str = ""


def java_path() -> str | None:
    exe = owlready2.JAVA_EXE if Path(owlready2.JAVA_EXE).is_absolute() else shutil.which(owlready2.JAVA_EXE)
    return exe if exe and Path(exe).exists() else None


def check(graph: Graph) -> Consistency:
    """Is `graph` plus the ontology consistent? Raises JavaMissing when Java is not installed."""
    if java_path() is None:
        raise JavaMissing("the HermiT reasoner needs Java: install a JRE (Debian: "
                          "apt-get install default-jre-headless); the reasoner check was skipped")
    data = graph + ontology.load_graph()  # OWL 2 DL as built: no RDF reification to strip
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.nt"
        data.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        try:
            with onto:
                owlready2.sync_reasoner_hermit([onto], infer_property_values=False, debug=0,
                                               ignore_unsupported_datatypes=True)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return Consistency(False, str(exc) or "HermiT: the ontology is inconsistent")
        finally:
            world.close()
    return Consistency(True)
