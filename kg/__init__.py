"""ai-stance-kg: an open knowledge graph of who stands where on AI safety.

The public API is small: `build()` reads the curated files into an RDF dataset, `rdfio`
reads and writes it, `shacl` and `reasoner` check it.
"""

from kg.builder import Build, build, build_corpus
from kg.problems import CurationError, Problem

__all__ = ["Build", "build", "build_corpus", "CurationError", "Problem"]
__version__ = "0.1.0"
