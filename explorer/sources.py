"""Sources page: each document's text with every quoted passage highlighted and linked to its statement."""

import streamlit as st

from explorer import common
from kg import explore

STYLE = """<style>
.srctext { font-size: 1.02rem; line-height: 1.7; max-width: 60rem; }
.srctext a.q { color: inherit; text-decoration: none; }
.srctext mark { background: #fff3b0; padding: 0 1px; border-radius: 2px; }
.srctext a.sel mark { background: #ffb74d; outline: 2px solid #e65100; }
.srctext sup { color: #6d4c41; font-size: 0.7rem; margin-left: 1px; }
</style>"""

lang = common.lang()
docs = common.sources(common.store_key(), lang)
by_id = {d.id: d for d in docs}
st.header("Sources: every fact back to the words it rests on")
if not docs:
    st.info("The graph holds no source documents.")
    st.stop()

doc = by_id[common.url_select("Source", list(by_id), key="src_source", param="source",
                              format_func=lambda i: by_id[i].title)]
facts = [f"**{common.md(doc.type_label)}**", f"language: {common.md(doc.language or '?')}"]
if doc.date:
    facts.append(f"date: {common.md(doc.date)}")
if doc.creator:
    facts.append(f"by {common.md(doc.creator)}")
st.markdown(" · ".join(facts))
if doc.url:
    st.link_button("Open the original", doc.url)
if doc.reported_in:
    reporter = by_id[doc.reported_in].title if doc.reported_in in by_id else doc.reported_in
    st.info(f"Known only through the report in «{common.md(reporter)}»: its statements are quoted there.",
            icon=":material/info:")
    stated_here = [p for d in docs for p in d.passages if p.stated_in_id == doc.id]
    if stated_here:
        st.dataframe([{"statement": p.ident, "claim": p.claim, "quote": p.exact, "gloss": p.gloss}
                      for p in stated_here], hide_index=True, width="stretch")
    st.stop()
signed = explore.signatories(common.store(), doc.id, lang)
if signed:
    with st.expander(f"Signed by {len(signed):,}: each holds the stances of the text, asserted by signing",
                     expanded=len(signed) <= 50):
        st.dataframe([{"signatory": s.name, "affiliation": s.affiliation, "signed": s.date, "stances": s.stances}
                      for s in signed], hide_index=True, width="stretch")
if not doc.text:
    st.warning("The graph holds no text for this source.")
    st.stop()

idents = {p.statement: p.ident for p in doc.passages}
chosen = common.url_select("Statement", [""] + sorted(idents, key=lambda s: (len(idents[s]), idents[s])),
                           key="src_statement", param="statement",
                           format_func=lambda s: idents.get(s) or "— click a highlight, or pick one —")
if chosen:
    passages = [p for p in doc.passages if p.statement == chosen]
    with st.container(border=True, key="src_selected"):
        first = passages[0]
        st.markdown(f"**{common.md(first.ident)}** · {common.md(first.claim)}")
        origin = explore.provenance(common.store(), chosen, lang)
        if origin:
            where = f"{origin.stated_in} ({origin.stated_in_date})" if origin.stated_in_date else origin.stated_in
            if origin.reported_in:
                where += f", reported in {origin.reported_in}"
            st.caption(common.md(f"{origin.kinds} · asserted by {origin.asserted_by} · stated in {where} · "
                                 f"{origin.statement}"))
        common.quotes(explore.Quote(p.exact, p.gloss) for p in passages)
        for note in origin.notes if origin else ():
            st.caption(f":material/edit_note: Curator: {common.md(note)}")

st.caption(f"{len(doc.passages)} quoted passages of {len(idents)} statements are highlighted; "
           "click one to see its statement.")
text = explore.highlighted_html(doc, selected=chosen or "",
                                link=lambda p: common.link(source=doc.id, statement=p.statement))
st.html(f'{STYLE}<div class="srctext" lang="{doc.language}">{text}</div>')
with st.expander("All quoted passages as a table"):
    st.dataframe([{"statement": p.ident, "quote": p.exact, "gloss": p.gloss, "claim": p.claim,
                   "offsets": f"{p.start}–{p.end}"} for p in doc.passages],
                 hide_index=True, width="stretch")
