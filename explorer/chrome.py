"""Streamlit's own words (input hints, the file uploader's, the top bar's "more") in the reader's language.

Streamlit writes them in English and has no way to translate them (streamlit/streamlit#1353). In
another language each is hidden (from sight and from `innerText`, as from screen readers) and the
catalog's translation drawn in its place by CSS. Placeholders of empty choices are given in the
widgets' own calls instead.
"""

from __future__ import annotations

import json

import streamlit as st

from explorer.i18n import N_, _, current

_HINT = '[data-testid="InputInstructions"] > span:first-child'
_FORM = '[data-testid="stForm"] '
# an element whose text is all Streamlit's: the English it shows, as the catalog holds it
TEXTS = {
    f'[data-testid="stTextInput"] {_HINT}': N_("Press Enter to apply"),
    f'[data-testid="stTextArea"] {_HINT}': N_("Press Ctrl+Enter to apply"),
    f'{_FORM}[data-testid="stTextInput"] {_HINT}': N_("Press Enter to submit form"),
    f'{_FORM}[data-testid="stTextArea"] {_HINT}': N_("Press Ctrl+Enter to submit form"),
    '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p': N_("Upload"),
    # the top bar's last item, "N more", when the pages do not fit (the only section: pages have none)
    '[data-testid="stTopNavSection"] [data-testid="stMarkdownContainer"] p': N_("More"),
}
UPLOAD_LIMIT = '[data-testid="stFileUploaderDropzoneInstructions"] span'


def _rule(selector: str, text: str, anchor: str) -> str:
    content = json.dumps(text, ensure_ascii=False)  # a CSS string: JSON escapes quotes and backslashes as CSS does
    return (f"{selector} {{ visibility: hidden; position: relative; white-space: nowrap; }}\n"
            f"{selector}::after {{ content: {content}; visibility: visible; position: absolute; "
            f"{anchor}: 0; top: 0; }}\n")


def style() -> str:
    """The stylesheet that redraws Streamlit's texts in the current language ('' in English)."""
    if current() == "en":
        return ""
    rules = [_rule(sel, _(text), "right" if "InputInstructions" in sel else "left") for sel, text in TEXTS.items()]
    limit = _("Up to {size} MB per file").format(size=st.get_option("server.maxUploadSize"))
    rules.append(_rule(UPLOAD_LIMIT, limit, "left"))
    return "<style>\n" + "".join(rules).replace("</", "<\\/") + "</style>"


def translate() -> None:
    """Redraw Streamlit's own texts in the reader's language, on every page."""
    css = style()
    if css:
        st.html(css)
