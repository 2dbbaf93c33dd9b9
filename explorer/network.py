"""Network page: the whole graph as an interactive drawing, with filters and the lines as a table."""

import streamlit as st

from explorer import common
from kg import explore
from kg.viz import drawing

lang = common.lang()
key = common.store_key()
everything = common.entities(key, lang)
names = {e.id: e.label for e in everything}
data = common.network_data(key, lang)
source_ids = sorted({s for e in data.edges for s in e["sources"]})
source_names = {d.id: d.title for d in common.sources(key, lang)} if source_ids else {}

st.header("Who stands where, and who relates to whom")
with st.sidebar:
    st.subheader("Filters")
    chosen_actors = common.url_multiselect(
        "Actors", [e.id for e in everything if e.kind in ("person", "organisation")],
        key="net_actors", param="actor", format_func=names.get, placeholder="all actors")
    chosen_topics = common.url_multiselect(
        "Topics", [e.id for e in everything if e.kind == "topic"], key="net_topics", param="topic",
        format_func=names.get, placeholder="all topics")
    kind_names = {"stance": "stances", "relation": "relations", "asserted": "disagreements stated by a source",
                  "inferred": "disagreements inferred from stances"}
    chosen_kinds = common.url_multiselect("Kinds of line", list(explore.EDGE_FILTERS), key="net_kinds",
                                          param="kind", format_func=kind_names.get, placeholder="all kinds")
    chosen_sources = common.url_multiselect("Sources", source_ids, key="net_sources", param="source",
                                            format_func=lambda s: source_names.get(s, s), placeholder="all sources")

matching = explore.filter_network(data, actors=chosen_actors, topics=chosen_topics, kinds=chosen_kinds,
                                  sources=chosen_sources)
shown = matching.busiest(explore.MAX_DRAWN_NODES)
st.caption(f"{len(shown.nodes)} of {len(data.nodes)} nodes and {len(shown.edges)} of {len(data.edges)} lines shown. "
           "Lines are coloured by stance; hover one to read its quote.")
if shown is not matching:
    st.info(f"{len(matching.nodes):,} nodes match: the {len(shown.nodes):,} with the most lines are drawn. "
            "Choose actors, topics, kinds or sources to see the others.")
if shown.nodes:
    st.iframe(drawing.render_html(shown, height=620, lang=lang), height=640,
              alt="Network of actors, topics and AI systems")
else:
    st.info("Nothing matches these filters.")

people = [n for n in shown.nodes if n["kind"] in ("person", "organisation")]
if people:
    cols = st.columns([3, 2])
    who = cols[0].selectbox("Open the profile of", [n["id"] for n in people], key="net_profile",
                            format_func=names.get)
    cols[1].page_link("explorer/actor.py", label=f"Profile of {common.md(names.get(who, who))}",
                      icon=":material/person:", query_params={"actor": who, "lang": lang})
with st.expander(f"The {len(shown.edges)} lines as a table", expanded=len(shown.edges) <= 30):
    st.dataframe(explore.edge_table(shown), hide_index=True, width="stretch")
