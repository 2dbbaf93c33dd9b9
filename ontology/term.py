"""What one declared term is, and short constructors that keep the term tables readable."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One declared term. `parents` are superclasses (classes) or super-properties.

    `word` is the term's name in the curation format (`polarity: concerned-about`) and `table`
    the curation table it belongs to (`kg.vocab` reads both); a property with several ranges
    that are datatypes takes any one of them.
    """

    name: str
    kind: str  # class | object | data | annotation | individual
    en: str
    es: str
    comment_en: str
    comment_es: str
    parents: tuple[str, ...] = ()
    domain: tuple[str, ...] = ()  # a union when several
    range: tuple[str, ...] = ()  # a union when several
    functional: bool = False
    symmetric: bool = False
    inverse: str | None = None
    types: tuple[str, ...] = ()  # for individuals
    scheme: str | None = None  # the skos:ConceptScheme a value or kind belongs to
    word: str | None = None
    table: str | None = None
    inferable: bool = False  # a curator may note this field's value as their own reading


def c(name, en, es, cen, ces, parents=(), **kw) -> Term:
    return Term(name, "class", en, es, cen, ces, parents=tuple(parents), **kw)


def o(name, en, es, cen, ces, domain=(), range=(), parents=(), **kw) -> Term:  # noqa: A002
    return Term(
        name, "object", en, es, cen, ces, parents=tuple(parents), domain=tuple(domain), range=tuple(range), **kw
    )


def d(name, en, es, cen, ces, domain=(), range=(), parents=(), **kw) -> Term:  # noqa: A002
    return Term(name, "data", en, es, cen, ces, parents=tuple(parents), domain=tuple(domain), range=tuple(range), **kw)


def a(name, en, es, cen, ces, **kw) -> Term:
    return Term(name, "annotation", en, es, cen, ces, **kw)


def i(name, types, en, es, cen, ces, **kw) -> Term:
    return Term(name, "individual", en, es, cen, ces, types=tuple(types), **kw)
