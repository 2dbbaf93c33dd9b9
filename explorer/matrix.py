"""Stance matrix page: actors by topics, coloured by polarity; each cell links to the words behind it."""

import streamlit as st

from explorer import common
from kg import explore

STYLE = """<style>
table.matrix { border-collapse: collapse; font-size: 0.92rem; }
table.matrix th, table.matrix td { border: 1px solid #cfd8dc; padding: 6px 10px; text-align: center; }
table.matrix thead th { background: #eceff1; font-weight: 600; max-width: 10rem; }
table.matrix tbody th { text-align: left; background: #eceff1; white-space: nowrap; }
table.matrix td a { color: #fff; text-decoration: none; font-weight: 600; display: block; }
table.matrix td.supports { background: #2e7d32; } table.matrix td.opposes { background: #c62828; }
table.matrix td.concerned { background: #ef6c00; } table.matrix td.mixed { background: #6a1b9a; }
table.matrix td.sel { outline: 3px solid #263238; outline-offset: -3px; }
</style>"""

lang = common.lang()
key = common.store_key()
matrix = common.stance_matrix(key, lang)
st.header("Stance matrix: who stands where on each topic")
if not matrix.cells:
    st.info("The graph holds no stances yet.")
    st.stop()
words = dict(zip(("supports", "opposes", "concerned"), ("supports", "opposes", "is concerned about"), strict=True))
if lang == "es":
    words = {"supports": "apoya", "opposes": "se opone", "concerned": "le preocupa"}
st.caption("Green: supports · red: opposes · orange: is concerned about · purple: mixed. "
           "Click a cell to read the quotes it rests on.")

actor_names, topic_names = dict(matrix.actors), dict(matrix.topics)
filled = sorted(matrix.cells)
cols = st.columns(2)
actor = common.url_select("Actor", list(actor_names), key="mx_actor", param="actor", format_func=actor_names.get,
                          default=filled[0][0], container=cols[0])
topics_of_actor = [t for t in topic_names if (actor, t) in matrix.cells] or list(topic_names)
topic = common.url_select("Topic", topics_of_actor, key="mx_topic", param="topic", format_func=topic_names.get,
                          container=cols[1])
table = explore.matrix_html(matrix, lang=lang, names=words, selected=(actor, topic),
                            link=lambda a, t: common.link(actor=a, topic=t))
st.html(STYLE + f'<div style="overflow-x: auto">{table}</div>')

st.subheader(f"Evidence: {common.md(actor_names[actor])} on {common.md(topic_names[topic])}")
evidence = [s for s in common.profile(key, actor, lang).stances if s.topic == topic]
if not evidence:
    st.caption("No stance of this actor on this topic.")
for s in evidence:
    with st.container(border=True):
        st.markdown(f"**{common.md(s.polarity_label)}** · {common.md(s.claim)}")
        common.quotes(s.quotes)
        st.caption(common.md(" · ".join(x for x in (s.basis, f"in {s.source_title}", s.date) if x)))
        st.page_link("explorer/sources.py", label="See the quote in its source", icon=":material/article:",
                     query_params={"source": s.source, "statement": s.statement, "lang": lang})
