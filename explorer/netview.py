"""The network drawing as a Streamlit component, and the evidence panel a click on it opens.

The drawing is a small component served from `kg/viz/web` (vis-network and a page of plain
JavaScript speaking Streamlit's component protocol): unlike an HTML string in an iframe it can
send a click back, and it stays loaded between reruns. The whole drawing of a set of filters is
made once (cached) and sent as compact columns; a focus on one of its nodes is drawn by the
component from it, so a new focus costs a rerun of cheap steps and no new drawing here.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass

import streamlit as st
import streamlit.components.v1 as components

from explorer.common import md, network_data, quote
from explorer.i18n import _
from kg import explore
from kg.viz import drawing as network
from kg.viz import view
from kg.viz.compact import compact
from kg.viz.drawing import NetworkData

_drawing = components.declare_component("network", path=str(network.STATIC))
HEIGHT = 620


def _clicked() -> None:
    """A node or line was clicked: its evidence goes in the panel (and its id in the URL)."""
    value = st.session_state.get("net_canvas") or {}
    if value.get("node"):
        st.session_state["net_node"], st.session_state["net_line"] = value["node"], ""
    elif value.get("edge"):
        st.session_state["net_node"], st.session_state["net_line"] = "", value["edge"]


@dataclass(frozen=True)
class Drawing:
    """One set of filters' view of the graph: what matches, what is drawn, and the component's data."""

    matching: NetworkData  # the lines the filters keep, their ends and the chosen actors and topics
    matching_ids: frozenset[str]
    connected: NetworkData  # without the nodes that have no line
    alone: list[dict]
    shown: NetworkData  # at most explore.MAX_DRAWN_NODES of them
    drawn: NetworkData  # parallel lines merged, the largest nodes labelled
    payload: dict  # what the component gets (data, version, options, legend, text alternative)

    def draws_focus_of(self, node: str) -> bool:
        """Whether the component can draw `node`'s neighbourhood from this drawing: the node is in
        it, and the drawing is not cut to the busiest nodes (a neighbour could be missing)."""
        return self.shown is self.connected and any(n["id"] == node for n in self.drawn.nodes)


def _views(matching: NetworkData, lang: str, keep: list[str], focus: str, limit: int) -> tuple:
    """`matching`'s nodes with lines (and those in `keep`), those without, the `limit` busiest, and
    those as drawn: parallel lines merged, the largest nodes (and the focus) labelled."""
    connected, alone = view.split_isolated(matching, keep=keep)
    shown = connected.busiest(limit or explore.MAX_DRAWN_NODES)
    drawn = view.label_largest(view.merge_parallel(shown, lang, labelled=True), always=[focus] if focus else ())
    return connected, alone, shown, drawn


def drawing_of(matching: NetworkData, lang: str, keep: list[str], focus: str = "", limit: int = 0) -> Drawing:
    """`matching` as drawn: alone nodes left out (unless in `keep`), the `limit` busiest kept, lines merged."""
    connected, alone, shown, drawn = _views(matching, lang, keep, focus, limit)
    data = compact(drawn, label_edges=len(shown.edges) <= network.LABELLED_EDGES_MAX)
    version = hashlib.sha1(json.dumps(data, sort_keys=True).encode(), usedforsecurity=False).hexdigest()[:16]
    return Drawing(matching, frozenset(n["id"] for n in matching.nodes), connected, alone, shown, drawn,
                   {"data": data, "version": version, **_dressing(drawn, lang)})


def _dressing(drawn: NetworkData, lang: str) -> dict:
    """What a view needs beside the data: options for its size, its legend and text alternative."""
    return {"options": network.vis_options(len(drawn.nodes)), "legend": network.legend_spec(drawn, lang),
            "alt": view.text_alternative(drawn, lang)}


@st.cache_resource(show_spinner=False, max_entries=16)  # shared, never copied: views only read it
def drawing(key: tuple[str, str | None], lang: str, actors: tuple[str, ...], topics: tuple[str, ...],
            kinds: tuple[str, ...], sources: tuple[str, ...], limit: int) -> Drawing:
    """The whole drawing for these filters, made once per graph, language, filters and size limit."""
    matching = explore.filter_network(network_data(key, lang), actors=actors, topics=topics, kinds=kinds,
                                      sources=sources)
    return drawing_of(matching, lang, keep=[*actors, *topics], limit=limit)


def focus_view(base: Drawing, whole: NetworkData, focus: str, hops: int, lang: str,
               keep: list[str]) -> tuple[Drawing, dict]:
    """`focus`'s neighbourhood (in what matches, else in the whole graph) and the component's arguments:
    the whole drawing and the focus when the component can draw it from that, else a drawing of its own."""
    around = view.neighbourhood(base.matching if focus in base.matching_ids else whole, focus, hops)
    if not base.draws_focus_of(focus):
        own = drawing_of(around, lang, keep=[*keep, focus], focus=focus)
        return own, own.payload
    focused = Drawing(around, frozenset(), *_views(around, lang, [*keep, focus], focus, 0), {})
    return focused, {**base.payload, **_dressing(focused.drawn, lang), "focus": focus, "hops": hops}


def holds_drawing() -> bool:
    """Whether the component has spoken in this session (it does once it has drawn, or to ask for data)."""
    return st.session_state.get("net_canvas") is not None


def draw(payload: dict, lang: str) -> None:
    """Draw a view (`Drawing.payload`, or `focus_view`'s arguments); clicks land in session state.

    The drawing's data is left out when the component says it holds that version already (a new
    focus or hops on the same drawing); a new frame without it asks for it (one more rerun).
    """
    held = (st.session_state.get("net_canvas") or {}).get("have")
    data = None if held == payload["version"] else payload["data"]
    _drawing(**{"focus": "", "hops": 1, **payload, "data": data}, height=HEIGHT, lang=lang, key="net_canvas",
             default=None, on_change=_clicked, tab_index=0)


def _line(edge: dict) -> None:
    """One line's evidence: what it says, the claim, the quote as printed, its gloss, the citation."""
    st.markdown(f"**{md(edge.get('summary') or edge.get('name') or edge['kind'])}**")
    if edge.get("claim") and edge["claim"] != edge.get("summary"):
        st.markdown(md(edge["claim"]))
    if edge.get("quote"):
        quote(edge["quote"], edge.get("gloss", ""))
    if edge.get("citation"):
        st.caption(md(edge["citation"]))


def _group(title: str, edges: list[dict]) -> None:
    if edges:
        st.markdown(f"##### {title} ({len(edges)})")
        for edge in edges:
            _line(edge)


def node_panel(node: dict, lines: list[dict], lang: str) -> None:
    """A node's stances, relations and disagreements, each with its quote, gloss and citation."""
    st.subheader(md(node.get("name", node["label"])))
    st.caption(md(node["title"].split(":", 1)[0]))
    if node["kind"] in ("person", "organisation"):
        st.page_link(
            "explorer/actor.py",
            label=_("Full profile"),
            icon=":material/person:",
            query_params={"actor": node["id"], "lang": lang},
        )
    st.button(_("Show only its neighbourhood"), key="net_focus_here", on_click=_focus, args=(node["id"],))
    if not lines:
        st.info(_("No line touches it: sources name it, but record no stance, relation or disagreement for it."))
    _group(_("Stances"), [e for e in lines if e["kind"] == "stance"])
    _group(_("Relations"), [e for e in lines if e["kind"] == "relation"])
    _group(_("Disagreements"), [e for e in lines if e["kind"] == "disagreement"])


def line_panel(edge: dict, members: list[dict], names: dict[str, str]) -> None:
    """A line (or merged lines) between two nodes, each with its evidence."""
    st.subheader(f"{md(names.get(edge['from'], edge['from']))} — {md(names.get(edge['to'], edge['to']))}")
    if edge["kind"] == "merged":
        st.caption(md(edge["name"]))
    for member in members or [edge]:
        _line(member)


def _focus(node: str) -> None:
    st.session_state["net_focus"] = node


def line_rows(data: NetworkData) -> list[dict[str, str]]:
    """The lines as table rows, their column names in the chosen language."""
    columns = {"from": _("from"), "line": _("line"), "to": _("to"), "details": _("details")}
    return [{columns[k]: v for k, v in row.items()} for row in explore.edge_table(data)]


def csv_of(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()
