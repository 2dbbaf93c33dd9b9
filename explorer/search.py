"""The sidebar's search, on every page: type any label, in English or Spanish, with or without
accents, and jump to that node's neighbourhood on the network page."""

from __future__ import annotations

import streamlit as st

from explorer import common
from explorer.i18n import _
from kg.viz import view

NETWORK_PAGE = "explorer/network.py"


@st.cache_data(show_spinner=False, max_entries=4)
def labels(key: tuple[str, str | None]) -> dict[str, tuple[str, ...]]:
    """Every node's labels in both languages (what a search matches)."""
    both: dict[str, tuple[str, ...]] = {}
    for lang in ("en", "es"):
        for e in common.entities(key, lang):
            both[e.id] = (*both.get(e.id, ()), e.label)
    return both


def search_box() -> None:
    """A search field and its matches as buttons; choosing one focuses the network on it."""
    key = common.store_key()
    query = st.sidebar.text_input(
        _("Search"),
        key="search_q",
        placeholder=_("a name, a topic, a system…"),
        help=_("Any label, in English or Spanish; accents and case do not matter."),
    )
    if not query:
        return
    lang = common.lang()
    names = {e.id: e for e in common.entities(key, lang)}
    hits = [i for i in view.search(labels(key), query) if i in names]
    if not hits:
        st.sidebar.caption(_("No match for this search."))
    for ident in hits:
        entity = names[ident]
        if st.sidebar.button(
            f"{common.md(entity.label)} · {common.md(entity.type_label)}", key=f"search_{ident}", width="stretch"
        ):
            st.session_state.update(net_focus=ident, net_node=ident, net_line="")
            hops = st.session_state.get("net_hops") or st.query_params.get("hops", "1")
            st.switch_page(NETWORK_PAGE, query_params={"lang": lang, "focus": ident, "node": ident, "hops": hops})
