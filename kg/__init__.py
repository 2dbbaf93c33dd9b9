"""ai-stance-kg: an open knowledge graph of who stands where on AI safety.

The public API is small: `build()` reads the curated files into an RDF dataset, `rdfio`
reads and writes it, `shacl` and `reasoner` check it. Its names are imported when first used,
so that `python -m kg.sparql.worker` can cut itself off from the network before any library loads.
"""

from importlib import import_module

__all__ = ["Build", "build", "build_corpus", "CurationError", "Problem"]
__version__ = "0.1.0"
_HOMES = {"Build": "kg.build.builder", "build": "kg.build.builder", "build_corpus": "kg.build.builder",
          "CurationError": "kg.curation.problems", "Problem": "kg.curation.problems"}


def __getattr__(name: str):
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
