"""The interface's language: standard gettext catalogs, read with Babel.

Interface strings are marked with `_()` (or `N_()` where they are defined before a language is
known) and extracted by `make messages` (`pybabel extract -F babel.cfg`) into
`explorer/locale/messages.pot`; each language's translations are `explorer/locale/LANG/LC_MESSAGES/messages.po`.
The .po file is compiled in memory on first use, so a fresh clone runs with no build step and the
repository holds no binary catalog. The language is the page's `lang` (session, else URL), as the
sidebar's switch sets it.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

import streamlit as st
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"
LANGS = ("en", "es")  # English is the source language: its catalog is the msgids themselves


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of `lang` (fuzzy entries left out, as msgfmt does)."""
    path = po_path(lang)
    if lang == "en" or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def current() -> str:
    """The chosen language: the switch's value in this session, else the URL's `lang`."""
    lang = st.session_state.get("lang") or st.query_params.get("lang")
    return lang if lang in LANGS else "en"


def _(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the standard name the extractor looks for
    """Marks a string for extraction where it is defined; `_()` translates it where it is shown."""
    return message
