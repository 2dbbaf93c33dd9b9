"""The interface's Spanish catalog against the code: every string the explorer marks for
translation (extracted as `make messages` does) has a Spanish translation with the same
placeholders, and the catalog the app compiles at run time gives it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from explorer import i18n

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def extracted() -> dict[str, str]:
    """msgid -> where it is, from the code, by babel.cfg (what `pybabel extract` reads)."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = {}
    for filename, line, message, _comments, _context in extract_from_dir(ROOT, method_map, options_map):
        for msgid in message if isinstance(message, tuple) else (message,):
            found.setdefault(msgid, f"{filename}:{line}")
    return found


@pytest.fixture(scope="module")
def spanish():
    with i18n.po_path("es").open("rb") as po:
        return read_po(po, locale="es")


def test_every_interface_string_has_a_spanish_translation(spanish):
    code = extracted()
    assert len(code) > 100  # the extraction found the pages' strings
    missing = [f"{where}: {msgid!r}" for msgid, where in code.items()
               if msgid not in spanish or not spanish[msgid].string or spanish[msgid].fuzzy]
    assert not missing, "no Spanish translation (run `make messages`, then translate):\n" + "\n".join(missing)
    wrong = [msgid for msgid in code if sorted(PLACEHOLDER.findall(msgid)) !=
             sorted(PLACEHOLDER.findall(spanish[msgid].string))]
    assert not wrong, f"placeholders differ between English and Spanish: {wrong}"
    stale = [m.id for m in spanish if m.id and m.id not in code]
    assert not stale, f"translations of strings the code no longer has: {stale}"


def test_the_app_reads_the_catalog_it_ships():
    spanish = i18n.translations("es")
    assert spanish.gettext("Network") == "Red"
    assert spanish.gettext("{shown} of {total} match.").format(shown=3, total=7) == "3 de 7 coinciden."
    assert i18n.translations("en").gettext("Network") == "Network"
