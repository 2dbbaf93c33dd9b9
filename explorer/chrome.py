"""Streamlit's own words (input hints, the file uploader's, the top bar's "more", choice lists', the
menu's, a table's tooltips) in the reader's language.

Streamlit writes them in English and has no way to translate them (streamlit/streamlit#1353). In
another language each is hidden (from sight and from `innerText`, as from screen readers) and the
catalog's translation drawn in its place by CSS. Placeholders of empty choices are given in the
widgets' own calls instead. Left in English: the buttons' names read by screen readers
(`aria-label`, which CSS cannot change) and the menu's "Made with Streamlit".
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
# texts in 14px boxes that should fit the translation: drawn in the flow, not over the English
INLINE = {
    '[role="listbox"][data-empty="true"] [role="option"] > span': N_("No results"),
    '[data-key="__select_all__"] [data-item-hl]': N_("Select all"),
    '[data-testid="stMainMenuItem-print"] [data-testid="stMainMenuItemLabel"]': N_("Print"),
    '[data-testid="stMainMenuItem-recordScreencast"] [data-testid="stMainMenuItemLabel"]': N_("Record screen"),
}
# a table's toolbar: its buttons' tooltip (one for the page) while one of them is pointed at or focused
TOOLBAR = (N_("Show/hide columns"), N_("Download as CSV"), N_("Search"), N_("Fullscreen"), N_("Close fullscreen"),
           N_("Clear selection"))
_TOOLBAR_TIP = ('body:has([data-testid="stBaseButton-elementToolbar"][aria-label={label}]:is(:hover, :focus-visible)) '
                '[data-testid="stTooltipContent"] p')
# In every language: the offer of a short box (explorer.netpick) to take the text typed reads "Add: …"
# in Streamlit, but the name typed is looked up among the nodes, never added.
CREATABLE = ('[data-key="__creatable__"] [data-item-hl]', N_("Look up the name typed"))


def _rule(selector: str, text: str, anchor: str) -> str:
    content = json.dumps(text, ensure_ascii=False)  # a CSS string: JSON escapes quotes and backslashes as CSS does
    return (f"{selector} {{ visibility: hidden; position: relative; white-space: nowrap; }}\n"
            f"{selector}::after {{ content: {content}; visibility: visible; position: absolute; "
            f"{anchor}: 0; top: 0; }}\n")


def _inline(selector: str, text: str) -> str:
    content = json.dumps(text, ensure_ascii=False)
    return (f"{selector} {{ visibility: hidden; font-size: 0; }}\n"
            f"{selector}::after {{ content: {content}; visibility: visible; font-size: 0.875rem; }}\n")


def style() -> str:
    """The stylesheet that redraws Streamlit's texts in the current language."""
    rules = [_inline(CREATABLE[0], _(CREATABLE[1]))]
    if current() != "en":
        rules += [_rule(sel, _(text), "right" if "InputInstructions" in sel else "left") for sel, text in TEXTS.items()]
        limit = _("Up to {size} MB per file").format(size=st.get_option("server.maxUploadSize"))
        rules.append(_rule(UPLOAD_LIMIT, limit, "left"))
        rules += [_inline(sel, _(text)) for sel, text in INLINE.items()]
        rules += [_inline(_TOOLBAR_TIP.format(label=json.dumps(label)), _(label)) for label in TOOLBAR]
    return "<style>\n" + "".join(rules).replace("</", "<\\/") + "</style>"


def translate() -> None:
    """Redraw Streamlit's own texts in the reader's language, on every page."""
    st.html(style())
