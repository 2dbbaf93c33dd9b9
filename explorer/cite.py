"""Citations as the pages show them: who said it, where, reported where, with title, publisher,
date and a link to the original; as markdown for the page and as plain text for tables and CSV."""

from __future__ import annotations

import streamlit as st

from explorer import common
from explorer.i18n import _
from kg.explore import Citation, Cited


def _source(src: Cited, markup: bool) -> str:
    esc = common.md if markup else str
    bits = [f"«{esc(src.title)}»"]
    if src.kind:
        bits.append(esc(src.kind))
    if src.author:
        bits.append(_("by {author}").format(author=esc(src.author)))
    if src.publisher:
        bits.append(esc(src.publisher))
    if src.date:
        bits.append(esc(src.date))
    text = ", ".join(bits)
    if src.url:  # only http(s) addresses with no space reach here (kg.explore.sources.web_address)
        url = src.url.replace("(", "%28").replace(")", "%29")
        original = _("original")
        text += f" · [{original}]({url})" if markup else f" <{src.url}>"
    return text


def _unrecorded(src: Cited) -> str:
    """What a citation of the document read lacks, said (else a reader cannot tell a source that
    prints no date from a page that dropped it)."""
    missing = [name for name, value in ((_("publisher"), src.publisher), (_("date"), src.date),
                                         (_("link to the original"), src.url)) if not value]
    return " · " + _("not recorded: {parts}").format(parts=", ".join(missing)) if missing else ""


def citation(c: Citation | None, *, markup: bool = True, claim: bool = True) -> str:
    """"Elon Musk, in «Interview…», interview → reported in «Article», news article, 2024 · original"."""
    if c is None or not c.chain:
        return ""
    esc = common.md if markup else str
    where = _source(c.chain[0], markup)
    text = _("{speaker}, in {source}").format(speaker=esc(c.speaker), source=where) if c.speaker else where
    for src in c.chain[1:]:
        text += " → " + _("reported in {source}").format(source=_source(src, markup))
    if markup:
        text += _unrecorded(c.chain[-1])
    if claim and c.claim:
        label = f"{c.ident}: " if c.ident else ""
        text = _("Claim {claim}").format(claim=esc(label + c.claim)) + " · " + text
    return text


def show(statement: str = "", *, item: str = "", claim: bool = True) -> None:
    """The citation of a statement (or of what expresses a stance or relationship, `item`) as a
    caption; nothing when the graph cannot cite it."""
    cited = common.citations(common.store_key(), common.lang())
    text = citation(cited.of(statement) if statement else cited.of_item(item), claim=claim)
    if text:
        st.caption(":material/menu_book: " + text)


def plain(statement: str) -> str:
    return citation(common.citations(common.store_key(), common.lang()).of(statement), markup=False, claim=False)


def in_source(source: str, statement: str) -> None:
    """A link to the statement's words highlighted in its source's text (the Sources page)."""
    st.page_link("explorer/sources.py", label=_("See the quote in its source"), icon=":material/article:",
                 query_params={"source": source, "statement": statement, "lang": common.lang()})
