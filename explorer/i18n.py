"""The explorer's language: the page's `lang` (session, else URL), as the sidebar's switch sets
it, looked up in the project's gettext catalog (`kg.i18n`)."""

from __future__ import annotations

import streamlit as st

from kg.i18n import LANGS, N_, po_path, translations

__all__ = ["LANGS", "N_", "_", "current", "ngettext", "po_path", "translations"]


def current() -> str:
    """The chosen language: the switch's value in this session, else the URL's `lang`."""
    lang = st.session_state.get("lang") or st.query_params.get("lang")
    return lang if lang in LANGS else "en"


def _(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)
