"""Passages of a source text worth quoting, found locally: no network, no model.

A statement's quote must be words copied exactly from the text, so every passage here is a
character range of the text itself (`text[start:end]`), never a rewritten string. What is
suggested: words inside quotation marks, sentences with a reporting or stance verb (English and
Spanish), and sentences that name a known actor or topic by one of its labels.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from kg.curation.suggestions import Named

# Quotation marks, opening -> closing; straight quotes open after a space or bracket, so the
# apostrophe in "don't" opens nothing.
_PAIRS = [("«", "»"), ("“", "”"), ("„", "“"), ("‘", "’"), ('"', '"'), ("'", "'")]
_QUOTED = re.compile("|".join(
    (rf"(?:(?<=^)|(?<=[\s(\[—–-])){re.escape(a)}(?P<q{i}>[^{re.escape(a + b)}\n]{{2,600}}?){re.escape(b)}(?!\w)"
     if a in "\"'" else rf"{re.escape(a)}(?P<q{i}>[^{re.escape(b)}\n]{{2,600}}?){re.escape(b)}")
    for i, (a, b) in enumerate(_PAIRS)))

# Said, wrote, according to...; supports, opposes, worried...: folded (lower case, no accents).
REPORTING = {
    "en": ["said", "says", "say", "saying", "told", "tells", "tell", "added", "adds", "argued", "argues",
           "warned", "warns", "wrote", "writes", "stated", "states", "claimed", "claims", "believes",
           "believed", "thinks", "thought", "insisted", "insists", "explained", "explains", "noted",
           "announced", "announces", "posted", "tweeted", "admitted", "admits", "acknowledged", "urged",
           "urges", "predicted", "predicts", "asserted", "declared", "declares", "suggested", "replied",
           "responded", "according to", "called for", "calls for", "in an interview", "in a post"],
    "es": ["dijo", "dice", "dicen", "decia", "afirmo", "afirma", "declaro", "declara", "senalo", "senala",
           "aseguro", "asegura", "explico", "explica", "anadio", "anade", "agrego", "advirtio", "advierte",
           "sostuvo", "sostiene", "escribio", "escribe", "segun", "opino", "opina", "cree", "creia",
           "considera", "considero", "expreso", "expresa", "indico", "comento", "manifesto", "publico",
           "reconocio", "insistio", "subrayo", "destaco", "admitio", "anuncio", "predijo", "pidio",
           "en una entrevista", "en una publicacion"],
}
STANCE_WORDS = {
    "en": ["supports", "supported", "support", "opposes", "opposed", "oppose", "worried", "worries",
           "concerned", "concerns", "fears", "feared", "backs", "backed", "against", "in favour of",
           "in favor of", "criticised", "criticized", "criticises", "criticizes", "disagrees"],
    "es": ["apoya", "apoyo", "apoyan", "respalda", "respaldo", "se opone", "se opuso", "contra",
           "a favor de", "preocupa", "preocupado", "preocupada", "preocupacion", "teme", "temia",
           "critico", "critica", "discrepa"],
}
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "sr", "sra", "srta", "st", "jr", "vs", "etc", "no",
                  "inc", "ltd", "co", "gen", "gov", "sen", "rep", "dra", "lic", "ing", "ee", "uu", "approx"}
_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(¿¡\[]?[A-ZÁÉÍÓÚÑÜ0-9])|\n\s*\n|\n")


@dataclass(frozen=True)
class Passage:
    """`text[start:end]`, suggested for a reason."""

    start: int
    end: int
    kind: str  # quoted | reporting | stance | mention
    why: str  # the verb, or the label, that made it a suggestion
    mentions: tuple[str, ...] = ()  # ids of known actors and topics the passage names


def fold(text: str) -> str:
    """Lower case without accents, one character for one, so offsets in it are offsets in `text`."""
    out = []
    for ch in text:
        bare = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
        out.append(bare if len(bare) == 1 else ch.lower()[:1] or ch)
    return "".join(out)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The range without the white space at its ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: ends at . ! ? … before a capital, and at line breaks."""
    out, start = [], 0
    for m in _END.finditer(text):
        before = re.search(r"(\w+)\.*$", text[start:m.start() + 1])
        word = before.group(1).lower() if before else ""
        if m.group(0).startswith(".") and (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())):
            continue  # "Dr. Quill", "J. Smith": not an end
        cut = m.end() if not m.group(0).startswith("\n") else m.start()
        span = trim(text, start, cut)
        if span[1] > span[0]:
            out.append(span)
        start = m.end()
    span = trim(text, start, len(text))
    if span[1] > span[0]:
        out.append(span)
    return out


def _phrases(words: Iterable[str]) -> re.Pattern:
    alternatives = sorted({w for w in words}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in alternatives) + r")(?!\w)")


_REPORTING = _phrases(w for ws in REPORTING.values() for w in ws)
_STANCE = _phrases(w for ws in STANCE_WORDS.values() for w in ws)


def mentions(text: str, names: Iterable[Named]) -> list[tuple[int, int, Named]]:
    """Where the text names a known actor or topic: any label, or a person's surname alone."""
    folded = fold(text)
    found = []
    for name in names:
        forms = {fold(label).strip() for label in name.labels if len(label.strip()) >= 3}
        if name.type == "person":
            forms |= {fold(label).split()[-1] for label in name.labels
                      if len(label.split()) > 1 and len(label.split()[-1]) >= 4}
        for form in sorted(forms, key=len, reverse=True):
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", folded):
                found.append((m.start(), m.end(), name))
    return sorted(found, key=lambda t: (t[0], -t[1]))


def suggest(text: str, names: Iterable[Named] = ()) -> list[Passage]:
    """Passages to quote, in reading order: quoted words first where they start a sentence's words."""
    names = list(names)
    found: list[Passage] = []
    named = mentions(text, names)

    def named_in(start: int, end: int) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n.id for s, e, n in named if s >= start and e <= end))

    for m in _QUOTED.finditer(text):
        group = next(g for g in m.groupdict() if m.group(g) is not None)
        start, end = trim(text, m.start(group), m.end(group))
        while end > start and text[end - 1] in ",;:":  # "...we have," Quill said: the comma is not the words'
            end -= 1
        if len(text[start:end].split()) >= 2:
            found.append(Passage(start, end, "quoted", m.group(0)[0] + "…" + m.group(0)[-1], named_in(start, end)))
    folded = fold(text)
    for start, end in sentences(text):
        sentence = folded[start:end]
        verb = _REPORTING.search(sentence)
        stance = _STANCE.search(sentence)
        if verb:
            found.append(Passage(start, end, "reporting", text[start + verb.start():start + verb.end()],
                                 named_in(start, end)))
        elif stance:
            found.append(Passage(start, end, "stance", text[start + stance.start():start + stance.end()],
                                 named_in(start, end)))
        elif named_in(start, end):
            labels = [next(n.labels[0] for n in names if n.id == i) for i in named_in(start, end)]
            found.append(Passage(start, end, "mention", ", ".join(labels), named_in(start, end)))
    return sorted(found, key=lambda p: (p.start, p.kind != "quoted", -p.end))
