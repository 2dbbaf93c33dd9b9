"""Guessing what a curator meant: the closest known id, label or value to a mistaken one.

Curators type names the way they read them (`Musk`, `elon`, `Ada Quil`), not as identifiers,
so matching runs over ids and every label, by whole words first and by spelling second.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


def did_you_mean(value: str, known: Iterable[str], n: int = 3, cutoff: float = 0.5, key=str) -> str:
    """`did you mean 'a' or 'b'?` for the known values spelt most like `value`, or ''.

    `key` is the spelling compared (for example without case or accents); the known value is shown.
    """
    shown: dict[str, str] = {}
    for name in known:
        shown.setdefault(key(str(name)), str(name))
    close = difflib.get_close_matches(key(str(value)), list(shown), n=n, cutoff=cutoff)
    return ("did you mean " + " or ".join(f"'{shown[c]}'" for c in close) + "?") if close else ""


def fold(text: str) -> str:
    """Lower case without accents, so `Cobalto` matches `cobalto` and `Peña` matches `pena`."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def squash(text: str) -> str:
    """Letters and digits only: `Ada-Quill`, `ada quill` and `AdaQuill` are one spelling."""
    return "".join(words(text))


@dataclass(frozen=True)
class Named:
    """Anything a curator can refer to: its id, its labels (any language) and its kind."""

    id: str
    labels: tuple[str, ...]
    type: str = ""  # person, company, topic, ai-model, event...


def _score(value: str, name: Named) -> float:
    """How likely `value` was meant to be `name`: 1 for the same spelling, 0 for nothing alike."""
    want, want_words = squash(value), set(words(value))
    if not want:
        return 0.0
    best = 0.0
    for key in (name.id, *name.labels):
        have, have_words = squash(key), set(words(key))
        if not have:
            continue
        if want == have:
            return 1.0
        if want_words and want_words <= have_words:  # `musk` or `elon` for `elon-musk`
            best = max(best, 0.9)
        elif have_words and have_words <= want_words:  # `elon-musk-ceo` for `elon-musk`
            best = max(best, 0.8)
        best = max(best, difflib.SequenceMatcher(None, want, have).ratio())
    return best


def closest(value: str, names: Iterable[Named], n: int = 3, cutoff: float = 0.6) -> list[Named]:
    """The `n` names most like `value` (by id or any label), best first."""
    scored = sorted(((_score(value, nm), nm.id, nm) for nm in names), key=lambda t: (-t[0], t[1]))
    return [nm for score, _, nm in scored[:n] if score >= cutoff]


def describe(names: list[Named]) -> str:
    """`'elon-musk' (Elon Musk) or 'xai' (xAI)`: ids to copy, labels to recognise."""
    return " or ".join(f"'{nm.id}' ({nm.labels[0]})" if nm.labels else f"'{nm.id}'" for nm in names)


def near_duplicates(names: list[Named]) -> list[tuple[Named, Named, str]]:
    """Pairs (later, earlier, why) that look like one entity written twice, in list order.

    Same letters and digits in any two labels, or spellings at least 90% alike, count; labels
    that differ in their digits (`Grok 2`, `Grok 3`) are versions, not duplicates. A person
    whose name is part of another person's (`Quill`, `Ada Quill`) is flagged too.
    """
    forms = [[(lbl, squash(lbl), frozenset(words(lbl)), re.findall(r"\d+", lbl)) for lbl in nm.labels
              if squash(lbl)] for nm in names]
    found = []
    for i, later in enumerate(names):
        for j in range(i):
            earlier = names[j]
            if earlier.id == later.id:
                continue
            why = _why_same(forms[i], forms[j], later.type == earlier.type == "person")
            if why:
                found.append((later, earlier, why))
    return found


def _why_same(a, b, people: bool) -> str | None:
    for la, sa, wa, da in a:
        for lb, sb, wb, db in b:
            if sa == sb:
                return f"'{la}' and '{lb}' are the same name"
            if da != db:
                continue
            if 2 * min(len(sa), len(sb)) / (len(sa) + len(sb)) >= 0.9 and \
                    difflib.SequenceMatcher(None, sa, sb).ratio() >= 0.9:
                return f"'{la}' is spelt almost like '{lb}'"
            if people and (wa < wb or wb < wa):
                return f"'{la}' and '{lb}' may name the same person"
    return None
