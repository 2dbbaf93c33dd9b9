"""Disagreements page: each pair, on what, stated or inferred, as a paged table; the chosen one
shows both sides' words side by side with its citation."""

import streamlit as st

from explorer import cite, common, dates, table
from explorer.i18n import _
from kg import explore

lang = common.lang()
key = common.store_key()
everyone = common.disagreements(key, lang)
names = {}
for d in everyone:
    names.setdefault(d.a, d.a_label)
    names.setdefault(d.b, d.b_label)

st.header(_("Who disagrees with whom, in their own words"))
st.caption(_("A disagreement is **stated** when a source reports it, **inferred** when two actors take opposite "
             "stances on one topic and no source says they disagree."))
cols = st.columns([2, 2, 1, 1])
actor = common.url_select(_("Actor"), [""] + sorted(names, key=lambda i: names[i].casefold()), key="dis_actor",
                          param="actor", format_func=lambda i: names.get(i, _("everyone")), container=cols[0])
basis_names = {"all": _("stated and inferred"), "asserted": _("stated by a source"),
               "inferred": _("inferred from stances")}
basis = common.url_select(_("Show"), list(basis_names), key="dis_basis", param="basis", format_func=basis_names.get,
                          container=cols[1])
since, until = dates.range_filter("dis", cols[2:])
shown = [d for d in everyone if (not actor or actor in (d.a, d.b))
         and (basis == "all" or d.inferred == (basis == "inferred")) and explore.within(d.date, since, until)]
if not shown:
    st.info(_("No disagreement matches."))
    st.stop()


def side(label: str, quotes) -> None:
    st.markdown(f"**{common.md(label)}**")
    if not quotes:
        st.caption(_("The source gives no words of {actor} on this.").format(actor=common.md(label)))
    common.quotes(quotes)


def evidence(row: dict) -> None:
    d = row["item"]
    badge = ":violet-badge[" + _("inferred") + "]" if d.inferred else ":blue-badge[" + _("stated by a source") + "]"
    verb = _("criticises") if d.kind == "criticism" else _("disagrees with")
    on = " — " + _("on {topics}").format(topics=f"*{common.md(d.topics)}*") if d.topics else ""
    st.markdown(f"{badge} **{common.md(d.a_label)}** {verb} **{common.md(d.b_label)}**{on}")
    left, right = st.columns(2)
    with left:
        side(d.a_label, d.quotes_a)
    with right:
        side(d.b_label, d.quotes_b)
    why = common.curator(d.id, "explanation", d.explanation) if d.inferred else ""
    reason = common.curator(d.id, "reason", d.reason)
    notes = [why, _("reason: {reason}").format(reason=reason) if reason else "", common.md(d.date)]
    st.caption(" · ".join(n for n in notes if n))
    for statement in d.statements:
        cite.show(statement)
    common.bundle_download(d.id, key=f"bundle-{d.id}")


columns = {"a": _("Actor"), "verb": _("Relation"), "b": _("Other actor"), "topics": _("Topics"),
           "basis": _("Basis"), "date": _("Date"), "source": _("Source")}
rows = [{"id": d.id, "item": d, "a": d.a_label,
         "verb": _("criticises") if d.kind == "criticism" else _("disagrees with"),
         "b": d.b_label, "topics": d.topics, "basis": _("inferred") if d.inferred else _("stated by a source"),
         "date": d.date, "source": d.source_title,
         "search": " ".join(q.exact + " " + q.gloss for q in d.quotes_a + d.quotes_b)} for d in shown]
table.paged(rows, columns, prefix="dis", detail=evidence, ident="id", param="disagreement", default_sort="a",
            csv_name="disagreements.csv", wide=("topics", "source"), beside=False, total=len(everyone), first=True)
