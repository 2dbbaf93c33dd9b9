"""The network drawing as a Streamlit component, and the evidence panel a click on it opens.

The drawing is a small component served from `kg/viz/web` (vis-network and a page of plain
JavaScript speaking Streamlit's component protocol): unlike an HTML string in an iframe it can
send a click back, and it stays loaded between reruns, so a new focus only swaps its data.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json

import streamlit as st
import streamlit.components.v1 as components

from explorer.common import md
from explorer.i18n import _
from kg.viz import drawing as network
from kg.viz import view
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


def draw(data: NetworkData, lang: str) -> None:
    """Draw `data` (already focused, merged and labelled); clicks land in session state."""
    nodes, edges = network.drawable(data)
    payload = {
        "nodes": nodes,
        "edges": edges,
        "options": network.vis_options(len(nodes)),
        "legend": network.legend_spec(data, lang),
        "alt": view.text_alternative(data, lang),
        "height": HEIGHT,
        "lang": lang,
    }
    version = hashlib.sha1(json.dumps(payload, sort_keys=True).encode(), usedforsecurity=False).hexdigest()[:16]
    _drawing(**payload, version=version, key="net_canvas", default=None, on_change=_clicked, tab_index=0)


def _line(edge: dict) -> None:
    """One line's evidence: what it says, the claim, the quote as printed, its gloss, the citation."""
    st.markdown(f"**{md(edge.get('summary') or edge.get('name') or edge['kind'])}**")
    if edge.get("claim") and edge["claim"] != edge.get("summary"):
        st.markdown(md(edge["claim"]))
    if edge.get("quote"):
        st.markdown(f"> {md(edge['quote'])}" + (f"  \n> *{md(edge['gloss'])}*" if edge.get("gloss") else ""))
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


def csv_of(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out.getvalue()
