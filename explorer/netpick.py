"""The network page's sidebar boxes kept short on a big graph, and a name typed in one found again.

Every option of a box is an element the browser builds before it shows the drawing's frame: at
2,000 actors three boxes of 2,000 names delayed the first drawing by 0.6-2 s. Past `FULL_LIST_MAX`
options a box lists only the chosen value(s) and the drawing's hubs, and takes any name typed in
it (then its value is the text typed, which `resolve` turns into the node it names before the box
is drawn again). The URL keeps working for every node: its value is checked against all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import streamlit as st

from kg.viz import view
from kg.viz.drawing import NetworkData

FULL_LIST_MAX = 200  # up to this many options a box lists them all
HUBS = 40  # past it, the box lists this many of the drawing's most connected nodes


def hubs(drawn: NetworkData) -> list[str]:
    """The drawn nodes' ids, the most connected first."""
    return [n["id"] for n in drawn.ranked()]


def short(options: Sequence[str], chosen: Iterable[str], busiest: Iterable[str]) -> tuple[list[str], dict]:
    """The options a box lists (in their order) and the arguments that let it take typed names.

    All of them when they are few; else the chosen ones and the first `HUBS` of `busiest`.
    """
    if len(options) <= FULL_LIST_MAX:
        return list(options), {}
    valid = set(options)
    keep = {c for c in chosen if c in valid}
    keep |= set([b for b in busiest if b in valid][:HUBS])
    return [o for o in options if o in keep or o == ""], {"accept_new_options": True}


def _find(text: str, labels: Mapping[str, Iterable[str]]) -> str | None:
    """The option `text` names (one of its labels, accents and case aside; else the first match)."""
    wanted = view.fold(text)
    exact = [i for i, names in labels.items() if any(view.fold(n) == wanted for n in names)]
    hits = sorted(exact) or view.search(labels, text, limit=1)
    return hits[0] if hits else None


def named(value, options: Sequence[str], labels: Callable[[], Mapping[str, Iterable[str]]]) -> tuple[object, str]:
    """A box's value (one choice, or a list) with each name typed in it replaced by the option it
    names, by `labels()` (each option's labels; asked for only when something was typed), and the
    text that named nothing ("" if none): that choice is dropped (a single one becomes None).
    """
    valid = set(options)
    values = value if isinstance(value, list) else [value]
    typed = [v for v in values if isinstance(v, str) and v and v not in valid]
    if not typed:
        return value, ""
    known = {i: names for i, names in labels().items() if i in valid}
    found = {t: _find(t, known) for t in typed}
    unmatched = next((t for t in typed if not found[t]), "")
    if isinstance(value, list):
        return list(dict.fromkeys(found.get(v, v) for v in value if found.get(v, v))), unmatched
    return found[value], unmatched


def resolve(state: str, options: Sequence[str], labels: Callable[[], Mapping[str, Iterable[str]]]) -> str:
    """`named` applied to the box `state` before it is drawn; returns the text that named nothing.
    A single choice that named nothing is forgotten: the box is seeded again from the URL, which
    holds the last choice made."""
    if state not in st.session_state:
        return ""
    value, unmatched = named(st.session_state[state], options, labels)
    if value is None:
        del st.session_state[state]
    else:
        st.session_state[state] = value
    return unmatched
