"""The Curate page's passage picker: a quote chosen as a slice of the source text (sentences, then
words, or a suggested passage), so it is verbatim by construction."""

from __future__ import annotations

import html
import re

import streamlit as st

from explorer import common
from explorer.curate_widgets import STYLE, field, label, page_words, problems_at
from kg.curation import passages

state = st.session_state


def sentence_spans(text: str) -> list[tuple[int, int]]:
    return passages.sentences(text) or [(0, len(text))]


TOKEN = re.compile(r"\w[\w'’.-]*\w|\w|[^\w\s]")


def tokens(text: str, a: int, b: int) -> list[tuple[int, int]]:
    return [(m.start() + a, m.end() + a) for m in TOKEN.finditer(text[a:b])] or [(a, b)]


def pick(text: str, start: int, end: int) -> None:
    """Select text[start:end]: the sentences that hold it, then its first and last words."""
    sentences = sentence_spans(text)
    first = next((i for i, (a, b) in enumerate(sentences) if b > start), 0)
    last = max(first, next((i for i, (a, b) in enumerate(sentences) if b >= end), len(sentences) - 1))
    words = tokens(text, sentences[first][0], sentences[last][1])
    w1 = next((i for i, (a, b) in enumerate(words) if b > start), 0)
    w2 = next((i for i, (a, b) in enumerate(words) if b >= end), len(words) - 1)
    _select((first, last), (w1, max(w1, w2)))


def _select(sents: tuple[int, int], words: tuple[int, int] | None) -> None:
    """Keep the selection in our own state; new slider keys make the sliders show it.

    A range slider only stays a range when it is created with a range `value`, and a widget's
    value cannot be both a `value` argument and set through its key; so each programmatic
    selection gets fresh widget keys.
    """
    state["cur_sel"] = (tuple(sents), tuple(words) if words else None)
    state["cur_pick"] = state.get("cur_pick", 0) + 1


def _slid(which: str, key: str) -> None:
    sents, words = state["cur_sel"]
    value = tuple(state[key])
    state["cur_sel"] = (value, None) if which == "sentences" else (sents, value)


def short(text: str, a: int, b: int, n: int = 48) -> str:
    chunk = " ".join(text[a:b].split())
    return chunk if len(chunk) <= n else chunk[:n - 1] + "…"


def _span_in(value, n: int) -> bool:
    """Whether a range slider's value (a tuple, or a list from the browser) is a range of n options."""
    return isinstance(value, (tuple, list)) and len(value) == 2 and 0 <= value[0] <= value[1] < n


def passage_picker(text: str, language: str) -> tuple[int, int]:
    """The quote's (start, end) in the text, chosen by sliders or a suggestion, with a live preview."""
    T, sentences = page_words(), sentence_spans(text)
    n = len(sentences)
    sents, chosen_words = state.get("cur_sel") or ((0, 0), None)
    if not _span_in(sents, n):
        sents, chosen_words = (0, 0), None
    pick_no = state.get("cur_pick", 0)
    if n > 1:
        key = f"cur_sent_{pick_no}"
        st.select_slider(T["sentences"], options=list(range(n)), value=sents, key=key, on_change=_slid,
                         args=("sentences", key), format_func=lambda i: f"{i + 1}. {short(text, *sentences[i], n=28)}")
    s1, s2 = sents
    words = tokens(text, sentences[s1][0], sentences[s2][1])
    if not _span_in(chosen_words, len(words)):
        chosen_words = (0, len(words) - 1)
    state["cur_sel"] = (sents, chosen_words)
    if len(words) > 1:
        key = f"cur_words_{pick_no}_{s1}_{s2}"
        st.select_slider(T["words"], options=list(range(len(words))), value=chosen_words, key=key,
                         on_change=_slid, args=("words", key), format_func=lambda i: text[words[i][0]:words[i][1]])
    w1, w2 = chosen_words
    start, end = words[w1][0], words[w2][1]
    with field("quotes.exact"):
        st.markdown(f"**{T['quote']}**")
        st.html(f'{STYLE}<div class="curtext" lang="{html.escape(language)}">{html.escape(text[:start])}'
                f'<mark id="cur-quote">{html.escape(text[start:end])}</mark>{html.escape(text[end:])}</div>')
        problems_at("quotes.exact")
        problems_at("quotes")
    return start, end


def suggestions(text: str, entities: dict) -> None:
    T = page_words()
    found = passages.suggest(text, [e.named() for e in entities.values() if e.kind in ("actor", "topic")])
    st.markdown(f"**{T['suggestions']}**")
    if not found:
        st.caption(T["no suggestions"])
    with st.container(height=260, key="cur-suggestions"):
        for i, p in enumerate(found):
            names = ", ".join(label(entities[m]) for m in p.mentions if m in entities)
            why = T["why"][p.kind] + (f" «{p.why}»" if p.kind in ("reporting", "stance") else f" {p.why}")
            st.button(common.md(short(text, p.start, p.end, 90)), key=f"cur_sug_{i}", on_click=_use,
                      args=(text, entities, p), help=common.md(why + (f" · {names}" if names else "")), width="stretch")


def _use(text: str, entities: dict, p: passages.Passage) -> None:
    """A suggestion clicked: select it, and name the one actor and one topic it mentions."""
    pick(text, p.start, p.end)
    named_actors = [m for m in p.mentions if m in entities and entities[m].kind == "actor"]
    named_topics = [m for m in p.mentions if m in entities and entities[m].kind == "topic"]
    if len(named_actors) == 1 and not state.get("cur_holder"):
        state["cur_holder"] = named_actors[0]
        if not state.get("cur_asserted"):
            state["cur_asserted"] = named_actors[0]
    if len(named_topics) == 1 and not state.get("cur_topic"):
        state["cur_topic"] = named_topics[0]
