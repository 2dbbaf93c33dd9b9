"""What the curator wrote in words (reasons, explanations, notes) in the reader's language.

The curator may write any of them in English and Spanish; where the reader's language is
missing, the English text is given and marked as such, never silently.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from kg.explore.base import _select, short


@dataclass(frozen=True)
class Written:
    text: str
    lang: str  # the language it is in: not the one asked for when it fell back to English


@dataclass(frozen=True)
class CuratorTexts:
    texts: dict[tuple[str, str], dict[str, tuple[str, ...]]]  # (node id, kind) -> lang -> texts

    def get(self, node: str, kind: str, lang: str) -> tuple[Written, ...]:
        """`kind`: reason, explanation or note."""
        by_lang = self.texts.get((short(node), kind), {})
        for choice in (lang, "en", ""):
            if by_lang.get(choice):
                return tuple(Written(t, choice or "en") for t in by_lang[choice])
        return ()

    def translate(self, english: str, lang: str) -> Written:
        """A text the library gave in English (a provenance note) in `lang` where the curator wrote it."""
        for by_lang in self.texts.values():
            if lang != "en" and by_lang.get("en") == (english,) and len(by_lang.get(lang, ())) == 1:
                return Written(by_lang[lang][0], lang)
        return Written(english, "en")


def curator_texts(store) -> CuratorTexts:
    out: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in _select(store, "explorer-curator-text"):
        out[(short(r["node"]), r["kind"])][r["lang"] or ""].append(r["text"])
    return CuratorTexts({k: {lang: tuple(sorted(v)) for lang, v in d.items()} for k, d in out.items()})
