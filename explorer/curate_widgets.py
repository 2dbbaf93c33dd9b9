"""The Curate page's small widgets: a field with its problems below it, messages kept across a rerun.

Read at call time (`st.session_state`, the page's language), never at import: Streamlit imports
this module once and reruns the page script on every interaction.
"""

from __future__ import annotations

import re

import streamlit as st

from explorer import common
from explorer.curate_text import WORDS
from explorer.i18n import _

STYLE = """<style>
.curtext { font-size: 1rem; line-height: 1.65; max-height: 22rem; overflow-y: auto; white-space: pre-wrap;
           border: 1px solid #ddd; border-radius: 6px; padding: .6rem .9rem; }
.curtext mark { background: #ffcc80; outline: 2px solid #e65100; border-radius: 2px; }
</style>"""



def page_words(words: dict = WORDS) -> dict:
    """The page's words in the language the sidebar chose, from the catalog."""
    return {k: page_words(v) if isinstance(v, dict) else _(v) for k, v in words.items()}


def problems_at(key: str) -> None:
    """The validation problems of one field, shown right below it."""
    for p in st.session_state.get("cur_problems", {}).get(key, []):
        hint = f" ({p.suggestion})" if p.suggestion and not p.suggestion.startswith("add '") else ""
        (st.error if p.severity == "error" else st.warning)(common.md(p.message + hint), icon=":material/error:")


def field(key: str):
    """A container for one field and its problems (`st-key-cur-f-...` in the page, for tests)."""
    return st.container(key="cur-f-" + re.sub(r"[^a-z0-9]+", "-", key.lower()))


def flash(kind: str, message: str) -> None:
    st.session_state["cur_flash"] = (kind, message)


def label(entity) -> str:
    """Both languages, so the search box finds an actor by its English or its Spanish name."""
    en, es = entity.label.get("en", entity.id), entity.label.get("es")
    return f"{en} · {es}" if es and es != en else en
