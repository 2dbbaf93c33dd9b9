"""Disagreements page: each pair, on what, both sides' words side by side, stated or inferred."""

import streamlit as st

from explorer import common

lang = common.lang()
key = common.store_key()
everyone = common.disagreements(key, lang)
names = {}
for d in everyone:
    names.setdefault(d.a, d.a_label)
    names.setdefault(d.b, d.b_label)

st.header("Who disagrees with whom, in their own words")
st.caption("A disagreement is **stated** when a source reports it, **inferred** when two actors take opposite "
           "stances on one topic and no source says they disagree.")
cols = st.columns(2)
actor = common.url_select("Actor", [""] + sorted(names, key=lambda i: names[i].casefold()), key="dis_actor",
                          param="actor", format_func=lambda i: names.get(i, "everyone"), container=cols[0])
basis_names = {"all": "stated and inferred", "asserted": "stated by a source", "inferred": "inferred from stances"}
basis = common.url_radio("Show", list(basis_names), key="dis_basis", param="basis", format_func=basis_names.get,
                         horizontal=True, container=cols[1])
shown = [d for d in everyone if (not actor or actor in (d.a, d.b))
         and (basis == "all" or d.inferred == (basis == "inferred"))]
st.caption(f"{len(shown)} of {len(everyone)} shown.")


def side(label: str, quotes) -> None:
    st.markdown(f"**{common.md(label)}**")
    if not quotes:
        st.caption(common.md(f"The source gives no words of {label} on this."))
    common.quotes(quotes)


for d in shown:
    with st.container(border=True):
        verb = "criticises" if d.kind == "criticism" else "disagrees with"
        badge = ":violet-badge[inferred]" if d.inferred else ":blue-badge[stated by a source]"
        on = f" — on *{common.md(d.topics)}*" if d.topics else ""
        st.markdown(f"{badge} **{common.md(d.a_label)}** {verb} **{common.md(d.b_label)}**{on}")
        left, right = st.columns(2)
        with left:
            side(d.a_label, d.quotes_a)
        with right:
            side(d.b_label, d.quotes_b)
        notes = [d.explanation, f"reason: {d.reason}" if d.reason else "", d.date,
                 f"source: {d.source_title}" if d.source_title else ""]
        st.caption(common.md(" · ".join(n for n in notes if n)))
        common.bundle_download(d.id, key=f"bundle-{d.id}")
if not shown:
    st.info("No disagreement matches.")
