"""Build the OWL ontology with owlready2 from the term table in `ontology.terms`."""

from __future__ import annotations

import owlready2 as owl

from ontology import terms as T

_XSD = {
    "xsd:integer": int,
    "xsd:decimal": float,
    "xsd:boolean": bool,
    "xsd:string": str,
}


def _split(curie: str) -> tuple[str, str]:
    prefix, local = curie.split(":", 1)
    return T.PREFIXES[prefix], local


def build_ontology(world: owl.World | None = None) -> owl.Ontology:
    """Return the ontology as an owlready2 Ontology in `world` (a fresh one by default)."""
    world = world or owl.World()
    onto = world.get_ontology(T.ONTOLOGY_IRI)
    namespaces: dict[str, owl.Namespace] = {}
    entities: dict[str, object] = {}

    def ns(base: str) -> owl.Namespace:
        if base not in namespaces:
            namespaces[base] = onto if base == T.NS else onto.get_namespace(base)
        return namespaces[base]

    def external_class(curie: str):
        if curie not in entities:
            base, local = _split(curie)
            with ns(base):
                entities[curie] = owl.types.new_class(local, (owl.Thing,))
        return entities[curie]

    def resolve(curie: str):
        return entities[curie] if curie in entities else external_class(curie)

    def describe(entity, term: T.Term) -> None:
        entity.label = [owl.locstr(term.en, "en"), owl.locstr(term.es, "es")]
        entity.comment = [owl.locstr(term.comment_en, "en"), owl.locstr(term.comment_es, "es")]
        entity.isDefinedBy = [onto]

    with onto:
        onto.metadata.label = [owl.locstr("AI stance knowledge graph ontology", "en"),
                               owl.locstr("Ontología del grafo de posturas sobre la IA", "es")]
        onto.metadata.comment = [owl.locstr(
            "Actors, topics, stances, relations, events, AI systems and compute, and the "
            "sources every statement comes from.", "en"), owl.locstr(
            "Actores, temas, posturas, relaciones, acontecimientos, sistemas de IA y cómputo, "
            "y las fuentes de las que procede cada afirmación.", "es")]
        onto.metadata.versionInfo = [T.VERSION]

        for term in T.CLASSES:  # ordered so parents come first
            parents = tuple(resolve(p) for p in term.parents) or (owl.Thing,)
            cls = owl.types.new_class(term.name, parents)
            entities["ask:" + term.name] = cls
            describe(cls, term)

        def ranges(term):
            return [resolve(r) for r in term.range]

        def domains(term):
            classes = [resolve(d) for d in term.domain]
            return [owl.Or(classes)] if len(classes) > 1 else classes

        for term in T.OBJECT_PROPERTIES:
            bases = [owl.ObjectProperty]
            if term.functional:
                bases.append(owl.FunctionalProperty)
            if term.symmetric:
                bases.append(owl.SymmetricProperty)
            for parent in term.parents:
                if parent.startswith("ask:"):
                    bases.insert(0, entities[parent])
            prop = owl.types.new_class(term.name, tuple(bases))
            entities["ask:" + term.name] = prop
            for parent in term.parents:
                if not parent.startswith("ask:"):
                    base, local = _split(parent)
                    with ns(base):
                        ext = owl.types.new_class(local, (owl.ObjectProperty,))
                    prop.is_a.append(ext)
            prop.domain = domains(term)
            rng = ranges(term)
            prop.range = [owl.Or(rng)] if len(rng) > 1 else rng
            if term.inverse:
                prop.inverse_property = entities[term.inverse]
            describe(prop, term)

        for term in T.DATA_PROPERTIES:
            bases = [owl.DataProperty] + ([owl.FunctionalProperty] if term.functional else [])
            prop = owl.types.new_class(term.name, tuple(bases))
            entities["ask:" + term.name] = prop
            prop.domain = domains(term)
            prop.range = [_XSD[r] for r in term.range if r in _XSD]
            describe(prop, term)

        for term in T.ANNOTATION_PROPERTIES:
            prop = owl.types.new_class(term.name, (owl.AnnotationProperty,))
            entities["ask:" + term.name] = prop
            describe(prop, term)

        for term in T.INDIVIDUALS:
            first, *rest = [entities[t] for t in term.types]
            ind = first(term.name)
            ind.is_a.extend(rest)
            entities["ask:" + term.name] = ind
            describe(ind, term)
        for a, b in T.OPPOSITES:
            entities[a].oppositeOf.append(entities[b])

        for group in T.DISJOINT:
            owl.AllDisjoint([entities[c] for c in group])
    return onto
