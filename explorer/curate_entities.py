"""The Curate page's choice of an actor or topic, and the inline form of a new one."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from explorer import common
from explorer.curate_widgets import field, label, page_words, problems_at
from kg.curation import drafts, scaffold
from kg.rdf import vocab

NEW_ACTOR, NEW_TOPIC = "+actor", "+topic"


def choose(title: str, key: str, options: dict, *, new: str | None = None, extra: dict | None = None,
           problem: str | None = None) -> str | None:
    """A searchable choice of a known actor or topic, or `new` to create one below."""
    T, state = page_words(), st.session_state
    opts = {**(extra or {}), **({new: T["new actor" if new == NEW_ACTOR else "new topic"]} if new else {}),
            **{i: label(e) for i, e in sorted(options.items(), key=lambda kv: label(kv[1]).lower())}}
    if state.get(key) not in opts:
        state[key] = None
    with field(problem or key):
        value = st.selectbox(title, list(opts), key=key, format_func=opts.get, placeholder=T["choose"])
        problems_at(problem or key)
    return value


def new_entity(kind: str, entities: dict, data_dir: Path) -> drafts.EntityDraft | None:
    """The inline form of a new actor or topic, with the near-duplicate warning as you type."""
    pre = "cur_na" if kind == "actor" else "cur_nt"
    T = page_words()
    with st.container(border=True, key=f"cur-new-{kind}"):
        st.markdown(f"**{T['new actor head' if kind == 'actor' else 'new topic head']}**")
        c1, c2, c3 = st.columns(3)
        en = c1.text_input(T["label en"], key=f"{pre}_en")
        es = c2.text_input(T["label es"], key=f"{pre}_es")
        etype = (c3.selectbox(T["actor type"], list(vocab.ACTOR_TYPES), key=f"{pre}_type") if kind == "actor"
                 else "topic")
        definition = st.text_input(T["definition"], key=f"{pre}_def") if kind == "topic" else ""
        if not en.strip():
            problems_at(kind)
            problems_at(f"{kind}.label")
            return None
        taken = {*entities, *scaffold.taken_ids(data_dir)}
        draft = drafts.EntityDraft(kind, drafts.new_id(en, taken), {"en": en.strip(), "es": es.strip() or en.strip()},
                                   etype, {"en": definition.strip()} if definition.strip() else {})
        st.caption(T["will be"].format(id=draft.id))
        for entity, why in drafts.lookalikes(draft, list(entities.values())):
            st.warning(T["lookalike"].format(why=common.md(why), label=common.md(label(entity)), id=entity.id),
                       icon=":material/content_copy:")
        for key in (kind, f"{kind}.label", f"{kind}.id", f"{kind}.type"):
            problems_at(key)
        return draft
