"""Agreement page: actors by actors, coloured by net agreement and ordered by clustering; a cell
shows the topics two actors share and both sides' words."""

import streamlit as st

from explorer import cite, common
from explorer.i18n import LANGS, N_, _, translations
from kg import explore
from kg.viz.view import fold

STYLE = """<style>
table.agreement { border-collapse: collapse; font-size: 0.92rem; }
table.agreement th, table.agreement td { border: 1px solid #cfd8dc; padding: 6px 10px; text-align: center; }
table.agreement thead th, table.agreement tbody th { background: #eceff1; font-weight: 600; white-space: nowrap; }
table.agreement td a { color: #102027; text-decoration: none; font-weight: 600; display: block; }
table.agreement td.sel { outline: 3px solid #263238; outline-offset: -3px; }
</style>"""

lang = common.lang()
key = common.store_key()
RELATION = {"agree": ":green-badge[" + _("agree") + "]", "oppose": ":red-badge[" + _("oppose each other") + "]",
            "neither": ":gray-badge[" + _("neither agree nor oppose") + "]"}
st.header(_("Agreement: who agrees with whom, topic by topic"))
st.caption(_("Each cell counts the topics two actors both take a stance on: +agree / −oppose each other. Green: "
             "they mostly agree, red: they mostly oppose. Actors are ordered by hierarchical clustering of their "
             "agreement, so allies sit together. Click a cell for the topics and quotes behind it."))
cols = st.columns(2)
basis_names = {"stated": _("stances the actors stated"), "attributed": _("stances attributed to them by others")}
basis = common.url_radio(_("Compare"), list(basis_names), key="ag_basis", param="basis", format_func=basis_names.get,
                         horizontal=True, container=cols[0])
# the field's words in every language (a shared link keeps the words typed, whatever the reader's language)
WORDS = {fold(translations(lg).gettext(word)): word for lg in LANGS for word in (N_("latest"), N_("ever"))}
typed = common.url_text(_("As of (latest, ever, or a date such as 2024-06)"), key="ag_date", param="date",
                        container=cols[1]).strip()
date = WORDS.get(fold(typed), typed) or "latest"
try:
    matrix = common.agreement_matrix(key, lang, basis, date)
except ValueError as exc:  # a date the query cannot use
    st.error(_("The date is not understood: {error}").format(error=common.md(str(exc))))
    st.stop()
if not matrix.cells:
    st.info(_("No two actors take stances on a shared topic with these settings."))
    st.stop()
names = dict(matrix.actors)
pairs = sorted({a for a, _other in matrix.cells})
cols = st.columns(2)
actor = common.url_select(_("Actor"), pairs, key="ag_actor", param="actor", format_func=names.get, container=cols[0])
others = [b for b, _label in matrix.actors if (actor, b) in matrix.cells]
other = common.url_select(_("and"), others, key="ag_other", param="other", format_func=names.get, container=cols[1])
tip = _("{a} / {b}: agree on {agree}, oppose on {oppose}, neither on {neither}; only {a}: {only_a}, "
        "only {b}: {only_b}")
table = explore.agreement_html(matrix, lang=lang, selected=(actor, other), tip=tip,
                               link=lambda a, b: common.link(actor=a, other=b, basis=basis, date=date))
st.html(STYLE + f'<div style="overflow-x: auto">{table}</div>')

cell = matrix.cells[(actor, other)]
st.subheader(_("{actor} and {other}").format(actor=common.md(names[actor]), other=common.md(names[other])))
st.markdown(_("Agree on **{agree}**, oppose each other on **{oppose}**, neither on **{neither}**; only {actor} "
              "speaks to **{only_a}**, only {other} to **{only_b}**.").format(
    agree=cell.agree, oppose=cell.oppose, neither=cell.neither, actor=common.md(names[actor]),
    other=common.md(names[other]), only_a=cell.only_a, only_b=cell.only_b))
for t in common.agreement_evidence(key, actor, other, lang, basis, date):
    with st.container(border=True):
        st.markdown(f"{RELATION.get(t.relation, '')} **{common.md(t.topic_label)}**")
        left, right = st.columns(2)
        for col, label, polarity, when, quotes, stance in (
                (left, names[actor], t.polarity_a, t.date_a, t.quotes_a, t.stance_a),
                (right, names[other], t.polarity_b, t.date_b, t.quotes_b, t.stance_b)):
            with col:
                st.markdown(f"**{common.md(label)}** {common.md(polarity)}" + (f" · {common.md(when)}" if when else ""))
                common.quotes(quotes)
                cite.show(item=stance)
