"""Sources page: each document's text with every quoted passage highlighted and linked to its statement."""

import html

import streamlit as st

from explorer import cite, common, table
from explorer.i18n import _
from kg import explore

STYLE = """<style>
.srctext { font-size: 1.02rem; line-height: 1.7; max-width: 60rem; }
.srctext a.q { color: inherit; text-decoration: none; }
.srctext mark { background: #fff3b0; color: #1a1a1a; padding: 0 1px; border-radius: 2px; }
.srctext a.sel mark { background: #ffb74d; outline: 2px solid #e65100; }
.srctext sup { color: #5d4037; font-size: 0.7rem; margin-left: 1px; }
</style>"""

lang = common.lang()
key = common.store_key()
docs = common.sources(key, lang)
by_id = {d.id: d for d in docs}
st.header(_("Sources: every fact back to the words it rests on"))
if not docs:
    st.info(_("The graph holds no source documents."))
    st.stop()

doc = by_id[common.url_select(_("Source"), list(by_id), key="src_source", param="source",
                              format_func=lambda i: by_id[i].title)]
cited = common.citations(key, lang)


def source_detail(row: dict) -> None:
    st.markdown(":material/menu_book: " + cite.citation(cited.of_source(row["id"]), claim=False))
    st.page_link("explorer/sources.py", label=_("Read this source"), icon=":material/article:",
                 query_params={"source": row["id"], "lang": lang})


with st.expander(_("All {count} sources").format(count=len(docs))):
    table.paged([{"id": d.id, "title": d.title, "kind": d.type_label, "date": d.date,
                  "publisher": cited.sources[d.id].publisher if d.id in cited.sources else "",
                  "passages": len(d.passages)} for d in docs],
                {"title": _("Title"), "kind": _("Kind"), "date": _("Date"), "publisher": _("Publisher"),
                 "passages": _("Quoted passages")}, prefix="so", detail=source_detail, default_sort="title",
                csv_name="sources.csv", wide=("title",))
whole = cited.of_source(doc.id)
st.markdown(":material/menu_book: " + (cite.citation(whole, claim=False) or common.md(doc.title)))
language = {"en": _("English"), "es": _("Spanish")}.get(doc.language, doc.language or "?")  # else the code as written
st.caption(_("Language of the text: {language}").format(language=common.md(language)))
if doc.url:
    st.link_button(_("Open the original"), doc.url)
if doc.reported_in:
    reporter = by_id[doc.reported_in].title if doc.reported_in in by_id else doc.reported_in
    st.info(_("Known only through the report in «{source}»: its statements are quoted there.").format(
        source=common.md(reporter)), icon=":material/info:")
    stated_here = [p for d in docs for p in d.passages if p.stated_in_id == doc.id]
    if stated_here:
        st.dataframe([{_("Statement"): p.ident, _("Claim"): p.claim, _("Quote"): p.exact, _("English gloss"): p.gloss}
                      for p in stated_here], hide_index=True, width="stretch")
    st.stop()
signed = explore.signatories(common.store(), doc.id, lang)
if signed:
    with st.expander(f"Signed by {len(signed):,}: each holds the stances of the text, asserted by signing",
                     expanded=len(signed) <= 50):
        st.dataframe([{"signatory": s.name, "affiliation": s.affiliation, "signed": s.date, "stances": s.stances}
                      for s in signed], hide_index=True, width="stretch")
if not doc.text:
    st.warning(_("The graph holds no text for this source."))
    st.stop()

idents = {p.statement: f"{p.ident} · {p.claim}" for p in doc.passages}
chosen = common.url_select(_("Statement"), [""] + sorted(idents, key=lambda s: (len(idents[s].split(" ")[0]),
                                                                                 idents[s])),
                           key="src_statement", param="statement",
                           format_func=lambda s: idents.get(s) or _("— click a highlight, or pick one —"))
if chosen:
    passages = [p for p in doc.passages if p.statement == chosen]
    with st.container(border=True, key="src_selected"):
        first = passages[0]
        st.markdown(f"**{common.md(first.ident)}** · {common.md(first.claim)}")
        origin = explore.provenance(common.store(), chosen, lang)
        if origin:
            st.caption(common.md(_("{kinds} · asserted by {who}").format(kinds=origin.kinds, who=origin.asserted_by)))
        cite.show(chosen, claim=False)
        common.quotes(explore.Quote(p.exact, p.gloss) for p in passages)
        for note in origin.notes if origin else ():
            written = common.curator_texts(key).translate(note, lang)
            if written.lang == lang:
                st.caption(":material/edit_note: " + _("Curator: {note}").format(note=common.md(written.text)))
            else:
                common.library_text(note, prefix=_("Curator: {note}").format(note=""))

st.caption(_("{passages} quoted passages of {statements} statements are highlighted; click one to see its "
             "statement.").format(passages=len(doc.passages), statements=len(idents)))
text = explore.highlighted_html(doc, selected=chosen or "",
                                link=lambda p: common.link(source=doc.id, statement=p.statement))
st.html(f'{STYLE}<div class="srctext" lang="{html.escape(doc.language, quote=True)}">{text}</div>')
st.subheader(_("All quoted passages"))
table.paged([{"statement": p.ident, "quote": p.exact, "gloss": p.gloss, "claim": p.claim,
              "offsets": p.start, "id": p.statement} for p in doc.passages],
            {"statement": _("Statement"), "quote": _("Quote"), "gloss": _("English gloss"), "claim": _("Claim"),
             "offsets": _("Starts at character")}, prefix="pa", default_sort="offsets",
            csv_name=f"{doc.id}-passages.csv", wide=("quote", "gloss", "claim"))
