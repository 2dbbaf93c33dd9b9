"""Actor profile page: everything about one actor — stances with their words, relations, disagreements, timeline."""

import streamlit as st

from explorer import cite, common, table
from explorer.i18n import N_, _

BADGE = {"supports": "green", "opposes": "red", "concerned": "orange"}
KINDS = {"event": N_("event"), "relationship": N_("relationship"), "relationship starts": N_("relationship starts"),
         "relationship ends": N_("relationship ends"), "stance": N_("stance"), "stance change": N_("stance change"),
         "statement": N_("statement")}  # the timeline query's kinds

lang = common.lang()
key = common.store_key()
people = [e for e in common.entities(key, lang) if e.kind in ("person", "organisation")]
if not people:
    st.info(_("The graph holds no actors."))
    st.stop()
names = {e.id: e.label for e in people}
actor = common.url_select(_("Actor"), list(names), key="actor_actor", param="actor", format_func=names.get,
                          default="elon-musk")
profile = common.profile(key, actor, lang)

st.header(common.md(profile.entity.label))
facts = [common.md(profile.entity.type_label)]
if profile.entity.wikidata:
    facts.append(f"[Wikidata {common.md(profile.entity.wikidata.rsplit('/', 1)[-1])}]({profile.entity.wikidata})")
st.markdown(" · ".join(facts))
cols = st.columns(4)
cols[0].metric(_("Stances"), len(profile.stances))
cols[1].metric(_("Relations"), len(profile.relations))
cols[2].metric(_("Disagreements"), len(profile.disagreements))
cols[3].metric(_("Dated items"), len(profile.timeline))

st.subheader(_("Stances"))
if not profile.stances:
    st.caption(_("No source in the graph gives a stance of this actor."))
for s in table.cards(profile.stances, "st"):
    with st.container(border=True):
        strength = f" ({common.md(s.strength)})" if s.strength else ""
        st.markdown(f":{BADGE.get(s.polarity, 'gray')}-badge[{common.md(s.polarity_label)}]{strength} "
                    f"**{common.md(s.topic_label)}**")
        common.quotes(s.quotes)
        st.caption(common.stance_how(s))
        cite.show(s.statement)
        cite.in_source(s.source, s.statement)
        common.bundle_download(s.id, key=f"bundle-{s.id}")


def relation_evidence(row: dict) -> None:
    r = row["item"]
    st.markdown(f"**{common.md(r.from_label)}** {common.md(r.relation)} **{common.md(r.to_label)}**")
    if row["date"]:
        st.caption(common.md(row["date"]))
    reason = common.curator(r.id, "reason", r.reason)
    if reason:
        st.markdown(_("Reason: {reason}").format(reason=reason))
    common.quotes(r.quotes)
    cite.show(r.statement)


st.subheader(_("Relations"))
if profile.relations:
    rows = [{"id": r.id, "item": r, "relation": f"{r.from_label} {r.relation} {r.to_label}",
             "date": r.date or " – ".join(x for x in (r.start, r.end) if x), "reason": r.reason,
             "quote": " | ".join(q.exact for q in r.quotes), "gloss": " | ".join(q.gloss for q in r.quotes),
             "source": cite.plain(r.statement) or r.source_title} for r in profile.relations]
    table.paged(rows, {"relation": _("Relation"), "date": _("Date"), "reason": _("Reason"), "quote": _("Quote"),
                       "gloss": _("English gloss"), "source": _("Source")},
                prefix="rel", detail=relation_evidence, ident="id", param="relation", default_sort="date",
                csv_name=f"{actor}-relations.csv", wide=("relation", "quote"))
else:
    st.caption(_("No relations recorded."))

st.subheader(_("Disagreements"))
if profile.disagreements:
    lines = []  # one element for the page's list: each element is work for the browser
    for d in table.cards(profile.disagreements, "di", size=20):
        how = _("inferred from opposite stances") if d.inferred else \
            _("stated in {source}").format(source=d.source_title)
        what = _("criticises") if d.kind == "criticism" else _("disagrees with")
        on = " " + _("on {topics}").format(topics=common.md(d.topics)) if d.topics else ""
        lines.append(f"- **{common.md(d.a_label)}** {what} **{common.md(d.b_label)}**{on} — {common.md(how)}")
    st.markdown("\n".join(lines))
    st.page_link("explorer/disagreements.py", label=_("Both sides' words, side by side"),
                 icon=":material/compare_arrows:", query_params={"actor": actor, "lang": lang})
else:
    st.caption(_("No disagreements recorded."))


def dated_evidence(row: dict) -> None:
    t = row["item"]
    st.markdown(f"**{common.md(row['date'])}** · {common.md(row['kind'])}")
    st.markdown(common.md(t.what))
    cite.show(t.statement)


st.subheader(_("Timeline"))
if profile.timeline:
    rows = [{"id": t.statement + t.date + t.kind, "item": t,
             "date": t.date + (" " + _("(curator's inference)") if t.inferred else ""), "what": t.what,
             "kind": _(KINDS.get(t.kind, t.kind)), "source": cite.plain(t.statement) or t.source_title}
            for t in profile.timeline]
    table.paged(rows, {"date": _("Date"), "what": _("What"), "kind": _("Kind"), "source": _("Source")},
                prefix="tl", detail=dated_evidence, default_sort="date", csv_name=f"{actor}-timeline.csv",
                wide=("what", "source"))
else:
    st.caption(_("Nothing dated involves this actor yet."))
