"""Write every file generated from the ontology source: `python -m kg.rdf.generate`.

The ontology package renders them (`ontology.generate`); this adds the seed graph, built from the
committed curated files, for the vocabulary reference's examples, and writes atomically.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic

from kg.build.builder import build_default
from kg.store.files import atomic_write
from ontology.generate import rendered


def expected() -> dict[Path, str]:
    """What each generated file should hold, with examples from the seed graph."""
    return rendered(build_default().union())


def _same_rdf(path: Path, text: str) -> bool:
    fmt = "xml" if path.suffix == ".owl" else "turtle"
    return isomorphic(Graph().parse(path, format=fmt), Graph().parse(data=text, format=fmt))


def main() -> int:
    for path, text in expected().items():
        if path.exists() and (
            path.read_text(encoding="utf-8") == text or (path.suffix in (".owl", ".ttl") and _same_rdf(path, text))
        ):
            print(f"unchanged {path}")  # blank-node labels differ from run to run
            continue
        atomic_write(path, text)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
