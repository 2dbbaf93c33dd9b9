"""Finding quotes in a source text, and the nearest passage when a quote is not there."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

CONTEXT = 32  # characters of prefix/suffix kept in a TextQuoteSelector


@dataclass(frozen=True)
class Located:
    start: int
    end: int
    prefix: str
    suffix: str


def locate(text: str, exact: str) -> Located | None:
    """Where `exact` first occurs in `text` (character offsets), or None."""
    start = text.find(exact)
    if start < 0 or not exact:
        return None
    end = start + len(exact)
    return Located(start, end, text[max(0, start - CONTEXT):start], text[end:end + CONTEXT])


def closest_passage(text: str, exact: str) -> str:
    """The passage of `text` most like `exact`, to show a curator what they probably meant."""
    words = [m for m in re.finditer(r"\S+", text)]
    n = max(1, len(exact.split()))
    best, best_ratio = "", 0.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(exact)
    for size in {max(1, n - 1), n, n + 1}:
        for i in range(0, max(1, len(words) - size + 1)):
            chunk = words[i:i + size]
            if not chunk:
                continue
            candidate = text[chunk[0].start():chunk[-1].end()]
            matcher.set_seq1(candidate)
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio = candidate, ratio
    return best
