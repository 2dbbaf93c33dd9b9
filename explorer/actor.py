"""Actor profile page: everything about one actor — stances with their words, relations, disagreements, timeline."""

import streamlit as st

from explorer import common

BADGE = {"supports": "green", "opposes": "red", "concerned": "orange"}

lang = common.lang()
key = common.store_key()
people = [e for e in common.entities(key, lang) if e.kind in ("person", "organisation")]
if not people:
    st.info("The graph holds no actors.")
    st.stop()
names = {e.id: e.label for e in people}
actor = common.url_select("Actor", list(names), key="actor_actor", param="actor", format_func=names.get,
                          default="elon-musk")
profile = common.profile(key, actor, lang)

st.header(common.md(profile.entity.label))
facts = [common.md(profile.entity.type_label)]
if profile.entity.wikidata:
    facts.append(f"[Wikidata {common.md(profile.entity.wikidata.rsplit('/', 1)[-1])}]({profile.entity.wikidata})")
st.markdown(" · ".join(facts))
cols = st.columns(4)
cols[0].metric("Stances", len(profile.stances))
cols[1].metric("Relations", len(profile.relations))
cols[2].metric("Disagreements", len(profile.disagreements))
cols[3].metric("Dated items", len(profile.timeline))

st.subheader("Stances")
if not profile.stances:
    st.caption("No source in the graph gives a stance of this actor.")
for s in profile.stances:
    with st.container(border=True):
        strength = f" ({common.md(s.strength)})" if s.strength else ""
        st.markdown(f":{BADGE.get(s.polarity, 'gray')}-badge[{common.md(s.polarity_label)}]{strength} "
                    f"**{common.md(s.topic_label)}**")
        common.quotes(s.quotes)
        how = s.basis + (f" by {s.attributed_by}" if s.attributed_by else "")
        st.caption(common.md(" · ".join(x for x in (how, f"in {s.source_title}", s.date, s.claim) if x)))
        if s.curator_reading:
            st.caption(":material/psychology: The curator's reading of the text, not stated in it.")
        common.bundle_download(s.id, key=f"bundle-{s.id}")

st.subheader("Relations")
if profile.relations:
    st.dataframe([{"relation": f"{r.from_label} {r.relation} {r.to_label}",
                   "date": r.date or " – ".join(x for x in (r.start, r.end) if x), "reason": r.reason,
                   "quote": " | ".join(q.exact for q in r.quotes), "gloss": " | ".join(q.gloss for q in r.quotes),
                   "source": r.source_title} for r in profile.relations],
                 hide_index=True, width="stretch")
else:
    st.caption("No relations recorded.")

st.subheader("Disagreements")
if profile.disagreements:
    for d in profile.disagreements:
        how = "inferred from opposite stances" if d.inferred else f"stated in {d.source_title}"
        what = "criticises" if d.kind == "criticism" else "disagrees with"
        on = f" on {common.md(d.topics)}" if d.topics else ""
        st.markdown(f"- **{common.md(d.a_label)}** {what} **{common.md(d.b_label)}**{on} — {common.md(how)}")
    st.page_link("explorer/disagreements.py", label="Both sides' words, side by side",
                 icon=":material/compare_arrows:", query_params={"actor": actor, "lang": lang})
else:
    st.caption("No disagreements recorded.")

st.subheader("Timeline")
if profile.timeline:
    st.dataframe([{"date": t.date + (" (curator's inference)" if t.inferred else ""), "what": t.what,
                   "kind": t.kind, "source": t.source_title} for t in profile.timeline],
                 hide_index=True, width="stretch")
else:
    st.caption("Nothing dated involves this actor yet.")
