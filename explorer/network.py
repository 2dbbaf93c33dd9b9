"""Network page: the graph as an interactive drawing, a focus on one node's neighbourhood, filters,
the evidence of whatever is clicked, and the lines as a table."""

import streamlit as st

from explorer import common, netpick, netview, search
from explorer.i18n import _
from kg import explore
from kg.viz.drawing import NetworkData

lang = common.lang()
key = common.store_key()
everything = common.entities(key, lang)
names = {e.id: e.label for e in everything}
data = common.network_data(key, lang)
source_ids = sorted({s for e in data.edges for s in e["sources"]})
source_names = {d.id: d.title for d in common.sources(key, lang)} if source_ids else {}
node_ids = [n["id"] for n in sorted(data.nodes, key=lambda n: (n["name"].casefold(), n["id"]))]

actor_ids = [e.id for e in everything if e.kind in ("person", "organisation")]
topic_ids = [e.id for e in everything if e.kind == "topic"]
# A name typed in a short box (see netpick) becomes the node it names, before anything reads the choices.
node_labels = lambda: search.labels(key)  # noqa: E731 - asked for only when a name was typed
unmatched = [netpick.resolve(state, ids, node_labels) for state, ids in (
    ("net_focus", node_ids), ("net_node", node_ids), ("net_actors", actor_ids), ("net_topics", topic_ids))]
unmatched.append(netpick.resolve("net_sources", source_ids, lambda: {s: (source_names.get(s, s),) for s in source_ids}))
# The choices, from the session or the URL, before their widgets: the drawing is sent first, then the
# sidebar (thousands of options in its boxes), so the browser starts loading the drawing sooner.
focus = common.url_value("net_focus", "focus", ["", *node_ids])
hops = common.url_value("net_hops", "hops", ["1", "2"])
node_choice = common.url_value("net_node", "node", ["", *node_ids])
chosen_actors = common.url_values("net_actors", "actor", actor_ids)
chosen_topics = common.url_values("net_topics", "topic", topic_ids)
chosen_kinds = common.url_values("net_kinds", "kind", list(explore.EDGE_FILTERS))
chosen_sources = common.url_values("net_sources", "source", source_ids)

st.header(_("Who stands where, and who relates to whom"))

keep = [*chosen_actors, *chosen_topics]
base = netview.drawing(key, lang, *map(tuple, (chosen_actors, chosen_topics, chosen_kinds, chosen_sources)),
                       limit=explore.MAX_DRAWN_NODES)
if focus:
    current, payload = netview.focus_view(base, data, focus, int(hops), lang, keep)
else:
    current, payload = base, base.payload
matching, connected, alone, shown, drawn = (current.matching, current.connected, current.alone, current.shown,
                                            current.drawn)

st.caption(_("{shown} of {nodes} nodes and {lines} of {all_lines} lines shown.").format(
    shown=len(shown.nodes), nodes=len(data.nodes), lines=len(shown.edges), all_lines=len(data.edges))
    + " " + (_("Focus: {name}, {hops} line(s) away.").format(name=common.md(names.get(focus, focus)), hops=hops)
             if focus else "")
    + " " + _("Click a node or line to read its evidence."))
if shown is not connected:
    st.info(_("{matching:,} nodes match: the {shown:,} with the most lines are drawn. Search for an actor or "
              "choose actors, topics, kinds or sources to see the others.").format(
        matching=len(connected.nodes), shown=len(shown.nodes)))

by_id = {e["id"]: e for e in matching.edges}
line_choice = st.session_state.get("net_line") or st.query_params.get("line", "")
line = next((e for e in drawn.edges if e["id"] == line_choice), by_id.get(line_choice)) if not node_choice else None
common._publish("line", line["id"] if line else "")
chosen_node = next((n for n in data.nodes if n["id"] == node_choice), None)

canvas, panel = st.columns([3, 2]) if (chosen_node or line) else (st.container(), None)
with canvas:
    if drawn.nodes:
        netview.draw(payload, lang)
    else:
        st.info(_("Nothing matches these filters."))
if panel is not None:
    with panel, st.container(height=netview.HEIGHT, border=True):
        if chosen_node:
            touching = [e for e in data.edges if node_choice in (e["from"], e["to"])]
            netview.node_panel(chosen_node, touching, lang)
        else:
            netview.line_panel(line, [by_id[m] for m in line.get("members", []) if m in by_id], names)

# On a big graph the sidebar's boxes and the lists below wait for the drawing: the browser would build
# them first (a second at 2,000 actors under load). The component asks for one more run once it holds
# the drawing, and they come then; the URL's choices are already in force. Should it never speak (its
# script blocked), the reader asks for them.
if (drawn.nodes and len(node_ids) > netpick.FULL_LIST_MAX and not netview.holds_drawing()
        and not st.session_state.get("net_filters_now")):
    st.sidebar.caption(_("The filters appear once the drawing is drawn."))
    st.sidebar.button(_("Show the filters now"), key="net_filters_button",
                      on_click=lambda: st.session_state.update(net_filters_now=True))
    st.stop()

with st.sidebar:  # the same choices as widgets, which also keep them in the URL
    st.subheader(_("Focus"))
    # option texts made now, in this run's language (AppTest finds a choice again by its text)
    whole, nothing, hop_names = _("everything"), _("nothing chosen"), {"1": _("1 hop"), "2": _("2 hops")}
    hubs = netpick.hubs(drawn)
    options, typing = netpick.short(["", *node_ids], [focus], hubs)
    if typing:
        st.caption(_("This graph is big: the boxes list what is chosen and the {count} most connected nodes drawn; "
                     "type any other name in them, or search.").format(count=netpick.HUBS))
    common.url_select(_("Show the neighbourhood of"), options, key="net_focus", param="focus",
                      format_func=lambda i: names.get(i, i) if i else whole, **typing)
    common.url_radio(_("Lines away"), ["1", "2"], key="net_hops", param="hops", horizontal=True,
                     format_func=hop_names.get)
    options, typing = netpick.short(["", *node_ids], [node_choice], hubs)
    common.url_select(_("Evidence for"), options, key="net_node", param="node",
                      format_func=lambda i: names.get(i, i) if i else nothing,
                      help=_("The same as clicking a node in the drawing."), **typing)
    if any(unmatched):
        st.caption(_("No match for this search.") + " " + ", ".join(f"«{common.md(t)}»" for t in unmatched if t))
    st.subheader(_("Filters"))
    options, typing = netpick.short(actor_ids, chosen_actors, hubs)
    common.url_multiselect(_("Actors"), options, key="net_actors", param="actor", format_func=names.get,
                           placeholder=_("all actors"), **typing)
    options, typing = netpick.short(topic_ids, chosen_topics, hubs)
    common.url_multiselect(_("Topics"), options, key="net_topics", param="topic", format_func=names.get,
                           placeholder=_("all topics"), **typing)
    kind_names = {"stance": _("stances"), "relation": _("relations"), "asserted": _("disagreements stated by a source"),
                  "inferred": _("disagreements inferred from stances")}
    common.url_multiselect(_("Kinds of line"), list(explore.EDGE_FILTERS), key="net_kinds", param="kind",
                           format_func=kind_names.get, placeholder=_("all kinds"))
    options, typing = netpick.short(source_ids, chosen_sources, [])
    common.url_multiselect(_("Sources"), options, key="net_sources", param="source",
                           format_func=lambda s: source_names.get(s, s), placeholder=_("all sources"), **typing)

# Both lists are sent only when opened: on a big graph they are hundreds of kilobytes the browser
# would take in, on every visit and every focus, before the drawing is ready.
if alone:
    with st.expander(_("{count} with no lines are not drawn").format(count=len(alone)), key="net_alone",
                     on_change="rerun") as listed:
        if listed.open:
            st.caption(_("A source names them, but no stance, relation or disagreement of theirs is recorded, "
                         "so they have no line to draw. Topics here are named by disagreements (see "
                         "Disagreements) or by curators, not yet by any stance."))
            st.markdown("\n".join(f"- {common.md(n['name'])} ({common.md(n['title'].split(':', 1)[0])})"
                                  for n in alone[:100]))
            if len(alone) > 100:
                st.caption(_("…and {count:,} more.").format(count=len(alone) - 100))
TABLE_ROWS = 500  # a bigger table is megabytes for the browser: narrow the view, or download it whole
few = len(shown.edges) <= 30
with st.expander(_("The {count} lines as a table").format(count=len(shown.edges)), expanded=few,
                 key=f"net_table_{few}", on_change="rerun") as table:
    if table.open:
        if len(shown.edges) > TABLE_ROWS:
            st.caption(_("The first {rows:,} of {count:,} lines: focus on a node or filter to see the others, or "
                         "download them all.").format(rows=TABLE_ROWS, count=len(shown.edges)))
        st.dataframe(netview.line_rows(NetworkData(shown.nodes, shown.edges[:TABLE_ROWS])), hide_index=True,
                     width="stretch")
        st.download_button(_("Download the lines (CSV)"), data=lambda: netview.csv_of(netview.line_rows(shown)),
                           file_name="lines.csv", mime="text/csv", on_click="ignore", key="net_lines_csv")
