"""The interface's messages in each language: standard gettext catalogs, read with Babel.

One catalog serves the explorer's pages and the texts the library draws itself (the network's
legend, tooltips and text alternative). Strings are marked with `_()`, `N_()` or `ngettext()` and
extracted by `make messages` (`pybabel extract -F babel.cfg`) into `kg/locale/messages.pot`; each
language's translations are `kg/locale/LANG/LC_MESSAGES/messages.po`, compiled in memory on first
use, so a fresh clone runs with no build step and the repository holds no binary catalog.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

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


def N_(message: str) -> str:  # noqa: N802 - the standard name the extractor looks for
    """Marks a string for extraction where it is defined; it is translated where it is shown."""
    return message
