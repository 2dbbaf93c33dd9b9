"""Curate page: add a source, and statements quoted from it, without writing YAML.

Thin over kg.curation: passages come from `passages.suggest`, entries from `drafts`, and every
save goes through `edits`, which validates as `stancekg validate` does and writes atomically only
when valid. The quote is always a slice of the source text, chosen with two range sliders
(sentences, then words) or by clicking a suggested passage, so it is verbatim by construction.
"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from explorer import common
from explorer.curate_entities import NEW_ACTOR, NEW_TOPIC, choose, new_entity
from explorer.curate_passage import passage_picker, pick, suggestions
from explorer.curate_widgets import field, flash, label, page_words, problems_at
from kg.curation import access, drafts, edits, read_corpus, scaffold, yamlfile
from kg.curation.problems import Problem
from kg.rdf import vocab

NEW_SOURCE = "+source"
lang = common.lang()
T = page_words()
data_dir = Path(common.store_key()[0])
state = st.session_state


# ----------------------------------------------------------------------------- who may write

address = st.get_option("server.address")
if access.refused(address):
    st.header(T["header"])
    st.error(T["refused"].format(address=address or T["every address"]), icon=":material/block:")
    st.stop()
if access.password() and not state.get("cur_authorised"):
    st.header(T["header"])
    given = st.text_input(T["password"], type="password", key="cur_password")
    if given and access.password_ok(given):
        state["cur_authorised"] = True
        st.rerun()
    if given:
        st.error(T["wrong password"])
    st.stop()

st.header(T["header"])
st.caption(T["intro"])
if "cur_flash" in state:
    kind, message = state.pop("cur_flash")
    (st.success if kind == "ok" else st.error)(message)

# ----------------------------------------------------------------------------- which source

files = {p.stem: p for p in sorted((data_dir / "sources").glob("*.yaml"))}
if state.get("cur_next_source") in files:  # a source was just created: open it
    state["cur_source"] = state.pop("cur_next_source")
if state.get("cur_source") not in [NEW_SOURCE, *files]:
    state["cur_source"] = st.query_params.get("source") if st.query_params.get("source") in files else NEW_SOURCE
chosen = st.selectbox(T["source"], [NEW_SOURCE, *files], key="cur_source",
                      format_func=lambda s: T["new source"] if s == NEW_SOURCE else s)


def new_source_form() -> None:
    known = [e for e in edits.known_entities(data_dir) if e.kind == "actor"]
    actor_names = {e.id: e.label.get(lang) or e.label.get("en", e.id) for e in known}
    with st.form("cur_new_source"):
        st.text_area(T["paste"], key="ns_text", height=220)
        st.file_uploader(T["upload"], type=["txt", "text", "md"], key="ns_file")
        problems_at("source.text")
        c1, c2 = st.columns(2)
        with c1:
            st.text_input(T["title"], key="ns_title")
            problems_at("source.title")
            st.selectbox(T["kind"], list(vocab.SOURCE_KINDS), key="ns_kind")
            problems_at("source.kind")
            state.setdefault("ns_language", "en")
            st.text_input(T["language"], key="ns_language")
            problems_at("source.language")
            st.text_input(T["id"], key="ns_id")
            problems_at("source.id")
        with c2:
            st.text_input(T["date"], key="ns_date")
            problems_at("source.date")
            st.text_input(T["publisher"], key="ns_publisher")
            st.text_input(T["url"], key="ns_url")
            problems_at("source.url")
        with st.expander(T["reports"]):
            r1, r2 = st.columns(2)
            r1.text_input(T["reported title"], key="ns_r_title")
            r1.selectbox(T["reported kind"], list(vocab.SOURCE_KINDS), key="ns_r_kind", index=None,
                         placeholder=T["choose"])
            r1.text_input(T["reported id"], key="ns_r_id")
            r2.selectbox(T["reported author"], list(actor_names), key="ns_r_author", index=None,
                         format_func=actor_names.get, placeholder=T["choose"])
            r2.text_input(T["reported date"], key="ns_r_date")
            r2.text_input(T["reported url"], key="ns_r_url")
            for key in ("reported", "reported.id", "reported.kind", "reported.title", "reported.date",
                        "reported.author", "reported.reported_in"):
                problems_at(key)
        submitted = st.form_submit_button(T["create"], type="primary")
    if submitted:
        _create_source()


def _create_source() -> None:
    """The form's fields as a new source (and the source it reports), written if valid."""
    text = state.get("ns_text") or ""
    upload = state.get("ns_file")
    if upload is not None:
        try:
            text = scaffold.decode(upload.getvalue(), upload.name)
        except scaffold.ScaffoldError as exc:
            state["cur_problems"] = {"source.text": [_plain(str(exc))]}
            st.rerun()
    title = (state.get("ns_title") or "").strip()
    taken = scaffold.taken_ids(data_dir)
    ident = (state.get("ns_id") or "").strip() or scaffold.suggest_id(title, taken)
    new = scaffold.NewSource(ident, title, (state.get("ns_language") or "").strip(), state.get("ns_kind"), text,
                             (state.get("ns_url") or "").strip() or None,
                             (state.get("ns_publisher") or "").strip() or None,
                             (state.get("ns_date") or "").strip() or None)
    reported = []
    if (state.get("ns_r_title") or "").strip() or state.get("ns_r_kind"):
        r_title = state["ns_r_title"].strip()
        reported.append(drafts.ReportedDraft(
            (state.get("ns_r_id") or "").strip() or scaffold.suggest_id(r_title or "reported", {*taken, ident}),
            state.get("ns_r_kind") or "", r_title, state.get("ns_r_author"), state.get("ns_r_date"),
            (state.get("ns_r_url") or "").strip() or None))
    with st.spinner(T["saving"]):
        outcome = edits.create_source(data_dir, new, reported)
    _after(outcome, T["created"].format(path=outcome.path.name if outcome.path else ""))
    if outcome.written:
        state["cur_next_source"] = ident
    st.rerun()


def _plain(message: str):
    return Problem(Path("-"), 0, "", message)


def _after(outcome: edits.Outcome, message: str, statement: str | None = None, entities=None) -> None:
    """Show what a save did; on success, rebuild the graph for every page."""
    state["cur_problems"] = {} if outcome.written else edits.by_field(outcome.problems, statement, entities)
    if outcome.written:
        common.refresh()
        flash("ok", message)
    else:
        flash("error", T["not saved"])


if chosen == NEW_SOURCE:
    new_source_form()
    problems_at("")
    st.stop()

# ----------------------------------------------------------------------------- the chosen source

path = files[chosen]
corpus = read_corpus(data_dir, [path])
src = corpus.sources[0] if corpus.sources else None
broken = [p for p in corpus.problems if p.severity == "error"]
if src is None or broken:
    st.error(T["broken"])
    st.code("\n".join(str(p) for p in broken) or "?", language=None)
    st.stop()
st.query_params["source"] = chosen
entities = corpus.all_entities()
text = src.text
actors = {e.id: e for e in entities.values() if e.kind == "actor"}
topics = {e.id: e for e in entities.values() if e.kind == "topic"}


state.setdefault("cur_mode", "add")
mode = st.segmented_control(T["mode"], ["add", "list", "chain"], key="cur_mode", format_func=T.get, required=True)


# ----------------------------------------------------------------------------- the statement form

def statement_form(start: int, end: int) -> None:
    editing = state.get("cur_editing")
    if editing:
        st.info(T["editing"].format(ident=editing))
        st.button(T["cancel"], on_click=_reset_form)
    with field("kind"):
        state.setdefault("cur_kinds", ["stance"])
        kinds = st.multiselect(T["kinds"], list(vocab.STATEMENT_KINDS), key="cur_kinds", placeholder=T["choose"])
        problems_at("kind")
    c1, c2 = st.columns(2)
    with c1:
        asserted = choose(T["asserted_by"], "cur_asserted", actors, new=NEW_ACTOR,
                          extra={"source": T["the text itself"]}, problem="asserted_by")
    with c2:
        places = {src.id: f"{src.id} ({T['this text']})",
                  **{r.id: f"{r.id}: {r.title.get('en', '')}" for r in src.reported}}
        if state.get("cur_stated_in") not in places:
            state["cur_stated_in"] = src.id
        with field("stated_in"):
            stated_in = st.selectbox(T["stated_in"], list(places), key="cur_stated_in", format_func=places.get)
            problems_at("stated_in")
    with field("claim"):
        claim_en = st.text_input(T["claim"], key="cur_claim_en")
        claim_es = st.text_input(T["claim es"], key="cur_claim_es")
        problems_at("claim")
    with field("quotes.gloss"):
        gloss = st.text_area(T["gloss"], key="cur_gloss", height=68,
                             help=T["gloss hint"] if src.language.startswith("en") else None)
        problems_at("quotes.gloss")
    note = st.text_input(T["note"], key="cur_note")
    stance = _stance_fields() if "stance" in kinds else None
    relation = _relation_fields() if "relation" in kinds else None
    picked = [asserted, *(v for part in (stance, relation) if part is not None for v in vars(part).values())]
    new_entities = []
    if NEW_ACTOR in picked:
        new_entities.append(new_entity("actor", entities, data_dir))
    if NEW_TOPIC in picked:
        new_entities.append(new_entity("topic", entities, data_dir))
    problems_at("statement")
    if st.button(T["save"], type="primary", key="cur_save"):
        _save(editing, kinds, asserted, stated_in, {"en": claim_en, "es": claim_es}, gloss, note, stance, relation,
              [e for e in new_entities if e], text[start:end])


def _stance_fields() -> drafts.StanceDraft:
    st.markdown(f"**{T['stance']}**")
    c1, c2 = st.columns(2)
    with c1:
        holder = choose(T["holder"], "cur_holder", actors, new=NEW_ACTOR, problem="stances.holder")
        with field("stances.polarity"):
            state.setdefault("cur_polarity", None)
            polarity = st.radio(T["polarity"], list(vocab.POLARITIES), key="cur_polarity", horizontal=True,
                                format_func=T["polarities"].get)
            problems_at("stances.polarity")
        attributed = choose(T["attributed_by"], "cur_attributed", actors, problem="stances.attributed_by")
    with c2:
        topic = choose(T["topic"], "cur_topic", topics, new=NEW_TOPIC, problem="stances.topic")
        with field("stances.strength"):
            state.setdefault("cur_strength", None)
            strength = st.selectbox(T["strength"], list(vocab.STRENGTHS), key="cur_strength")
        with field("stances.date"):
            when = st.text_input(T["stance date"], key="cur_stance_date")
            problems_at("stances.date")
    return drafts.StanceDraft(holder, topic, polarity, strength, when, attributed)


def _relation_fields() -> drafts.RelationDraft:
    st.markdown(f"**{T['relation']}**")
    c1, c2, c3 = st.columns(3)
    with c1:
        rel_from = choose(T["rel from"], "cur_rel_from", actors, new=NEW_ACTOR, problem="relations.from")
    with c2, field("relations.relation"):
        state.setdefault("cur_rel_type", None)
        rel_type = st.selectbox(T["rel type"], list(vocab.RELATIONS), key="cur_rel_type")
        problems_at("relations.relation")
    with c3:
        rel_to = choose(T["rel to"], "cur_rel_to", dict(entities), new=NEW_ACTOR, problem="relations.to")
    c1, c2, c3 = st.columns(3)
    dates = [c.text_input(T[f"rel {k}"], key=f"cur_rel_{k}")
             for c, k in zip((c1, c2, c3), ("date", "start", "end"), strict=True)]
    for k in ("date", "start", "end"):
        problems_at(f"relations.{k}")
    return drafts.RelationDraft(rel_from, rel_type, rel_to, *dates)


def _save(editing, kinds, asserted, stated_in, claim, gloss, note, stance, relation, new_entities, quote) -> None:
    """Write the statement (new ids for new actors and topics filled in), then show what happened."""
    made = {e.kind: e.id for e in new_entities}

    def resolve(value):
        return made.get("actor") if value == NEW_ACTOR else made.get("topic") if value == NEW_TOPIC else value

    for part in (p for p in (stance, relation) if p is not None):
        for name in vars(part):
            setattr(part, name, resolve(getattr(part, name)))
    ident = editing or drafts.next_statement_id([s.id for s in src.statements] + _raw_ids())
    draft = drafts.StatementDraft(
        ident, kinds, resolve(asserted), None if stated_in == src.id else stated_in, claim, quote,
        gloss.strip() or (quote if src.language.startswith("en") else ""), note, stance, relation, new_entities)
    with st.spinner(T["saving"]):
        outcome = edits.save_statement(data_dir, path, draft, replace=editing)
    _after(outcome, T["saved"].format(ident=ident, path=path.name), ident,
           {e.id: e.kind for e in draft.new_entities})
    if outcome.written:
        state["cur_clear"] = True
    st.rerun()


def _raw_ids() -> list[str]:
    return [str(n.get("id")) for n in (yamlfile.parse(path.read_text(encoding="utf-8")) or {}).get("statements") or []
            if isinstance(n, dict)]


FORM_KEYS = ("cur_kinds", "cur_asserted", "cur_stated_in", "cur_claim_en", "cur_claim_es", "cur_gloss", "cur_note",
             "cur_holder", "cur_polarity", "cur_attributed", "cur_topic", "cur_strength", "cur_stance_date",
             "cur_rel_from", "cur_rel_type", "cur_rel_to", "cur_rel_date", "cur_rel_start", "cur_rel_end",
             "cur_na_en", "cur_na_es", "cur_na_type", "cur_nt_en", "cur_nt_es", "cur_nt_def", "cur_editing")


def _reset_form() -> None:
    for key in FORM_KEYS:
        state.pop(key, None)
    state.pop("cur_problems", None)


def _load(node) -> None:
    """Fill the form with a statement to edit it."""
    _reset_form()
    d = drafts.draft_from(node)
    state.update({"cur_editing": d.id, "cur_kinds": [k for k in d.kinds if k in vocab.STATEMENT_KINDS],
                  "cur_asserted": d.asserted_by, "cur_stated_in": d.stated_in or src.id,
                  "cur_claim_en": d.claim.get("en", ""), "cur_claim_es": d.claim.get("es", ""),
                  "cur_gloss": d.gloss, "cur_note": d.note, "cur_mode": "add"})
    if d.stance:
        state.update({"cur_holder": d.stance.holder, "cur_topic": d.stance.topic, "cur_polarity": d.stance.polarity,
                      "cur_strength": d.stance.strength, "cur_stance_date": d.stance.date or "",
                      "cur_attributed": d.stance.attributed_by})
    if d.relation:
        state.update({"cur_rel_from": d.relation.from_, "cur_rel_type": d.relation.relation,
                      "cur_rel_to": d.relation.to, "cur_rel_date": d.relation.date or "",
                      "cur_rel_start": d.relation.start or "", "cur_rel_end": d.relation.end or ""})
    span = drafts.quote_span(text, d.exact)
    if span:
        pick(text, *span)


def _delete(ident: str) -> None:
    outcome = edits.delete_statement(data_dir, path, ident)
    _after(outcome, T["deleted"].format(ident=ident), ident)


def statement_list() -> None:
    nodes = [n for n in (yamlfile.parse(path.read_text(encoding="utf-8")) or {}).get("statements") or []
             if isinstance(n, dict)]
    if not nodes:
        st.caption(T["no statements"])
    for node in nodes:
        d = drafts.draft_from(node)
        with st.container(border=True, key=f"cur-stmt-{re.sub(r'[^a-z0-9]+', '-', d.id.lower())}"):
            st.markdown(f"**{common.md(d.id)}** · {common.md(', '.join(d.kinds))} · "
                        f"{common.md(d.claim.get(lang) or d.claim.get('en', ''))}")
            if d.exact:
                st.markdown(f"> {common.md(d.exact)}")
            c1, c2, c3 = st.columns([1, 1, 4])
            c1.button(T["edit"], key=f"cur_edit_{d.id}", on_click=_load, args=(node,))
            if c3.checkbox(T["confirm delete"].format(ident=d.id), key=f"cur_confirm_{d.id}"):
                c2.button(T["delete"], key=f"cur_delete_{d.id}", on_click=_delete, args=(d.id,), type="primary")


def reported_list() -> None:
    if not src.reported:
        st.caption(T["no reported"])
    for r in src.reported:
        st.markdown(f"- **{common.md(r.id)}** ({common.md(r.kind)}): {common.md(r.title.get('en', ''))}"
                    f" · {T['reported in']} {common.md(r.reported_in or src.id)}")
    st.markdown(f"**{T['add reported']}**")
    places = [src.id, *(r.id for r in src.reported)]
    with st.form("cur_reported"):
        c1, c2 = st.columns(2)
        c1.text_input(T["reported title"], key="rp_title")
        problems_at("reported.title")
        c1.selectbox(T["reported kind"], list(vocab.SOURCE_KINDS), key="rp_kind")
        c1.text_input(T["reported id"], key="rp_id")
        problems_at("reported.id")
        c2.selectbox(T["reported author"], list(actors), key="rp_author", index=None,
                     format_func=lambda i: label(actors[i]), placeholder=T["choose"])
        c2.text_input(T["reported date"], key="rp_date")
        problems_at("reported.date")
        c2.selectbox(T["reported in"], places, key="rp_in")
        problems_at("reported.reported_in")
        if st.form_submit_button(T["add reported"]):
            title = (state.get("rp_title") or "").strip()
            ident = (state.get("rp_id") or "").strip() or scaffold.suggest_id(title or "reported",
                                                                                scaffold.taken_ids(data_dir))
            draft = drafts.ReportedDraft(ident, state["rp_kind"], title, state.get("rp_author"),
                                         state.get("rp_date"), None,
                                         None if state.get("rp_in") == src.id else state.get("rp_in"))
            with st.spinner(T["saving"]):
                outcome = edits.add_reported(data_dir, path, draft)
            _after(outcome, T["created"].format(path=path.name))
            st.rerun()


if state.pop("cur_clear", False):
    _reset_form()
if mode == "list":
    statement_list()
elif mode == "chain":
    reported_list()
else:
    left, right = st.columns([3, 2], gap="large")
    with right:
        suggestions(text, entities)
    with left:
        start, end = passage_picker(text, src.language)
    statement_form(start, end)
if mode == "add" and (state.get("cur_problems") or {}).get(""):
    with st.expander(T["other problems"], expanded=True):
        problems_at("")
