"""RDF vocabulary: namespaces, the curation words for ontology terms, the generated files."""
