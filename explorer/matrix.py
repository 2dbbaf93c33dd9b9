"""Stance matrix page: actors by topics, a page of actors at a time, coloured by polarity; the
chosen actor's stances, with their words and citations, beside the table."""

import streamlit as st

from explorer import cite, common, dates, table
from explorer.i18n import _
from kg.explore import within

COLOURS = {"supports": "#1b5e20", "opposes": "#b71c1c", "concerned": "#8a3c00", "mixed": "#4a148c"}

lang = common.lang()
key = common.store_key()
st.header(_("Stance matrix: who stands where on each topic"))
words = {"supports": _("supports"), "opposes": _("opposes"), "concerned": _("is concerned about")}
st.caption(_("Green: supports · red: opposes · brown: is concerned about · purple: mixed. "
             "Choose a row to read the quotes each cell rests on."))
cols = st.columns([1, 1, 2])
since, until = dates.range_filter("mx", cols[:2])
matrix = common.stance_matrix(key, lang, since, until)
if not matrix.cells:
    st.info(_("The graph holds no stances yet.") if not (since or until) else _("No stance is dated in this range."))
    st.stop()
topic_names = dict(matrix.topics)
chosen = common.url_multiselect(_("Topics (columns)"), list(topic_names), key="mx_topics", param="topics",
                                format_func=topic_names.get, placeholder=_("all topics"), container=cols[2])
topics = chosen or list(topic_names)


def cell(actor: str, topic: str) -> str:
    polarities = matrix.cells.get((actor, topic), ())
    return " / ".join(words.get(p, p) for p in polarities)


def colour(text) -> str:
    parts = str(text).split(" / ")
    if not text or not all(p in words.values() for p in parts):
        return ""
    kind = "mixed" if len(parts) > 1 else next(p for p, w in words.items() if w == text)
    return f"background-color: {COLOURS[kind]}; color: #ffffff; font-weight: 600"


def evidence(row: dict) -> None:
    actor = row["id"]
    stances = [s for s in common.profile(key, actor, lang).stances
               if s.topic in topics and within(s.date, since, until)]
    on_topics = sorted({s.topic for s in stances}, key=lambda t: topic_names.get(t, t).casefold())
    topic = common.url_select(_("Topic"), [""] + on_topics, key=f"mx_topic_{actor}", param="topic",
                              format_func=lambda t: topic_names.get(t, _("every topic")))
    who = common.md(row["actor"])
    st.subheader(_("Evidence: {actor} on {topic}").format(actor=who, topic=common.md(topic_names[topic])) if topic
                 else _("Evidence: {actor}").format(actor=who))
    for s in stances:
        if topic and s.topic != topic:
            continue
        st.markdown(f"**{common.md(s.polarity_label)}** · {common.md(s.topic_label)}")
        common.quotes(s.quotes)
        st.caption(common.stance_how(s))
        cite.show(s.statement)
        cite.in_source(s.source, s.statement)
        st.divider()


columns = {"actor": _("Actor"), **{t: topic_names[t] for t in topics}, "count": _("Stances")}
actors_with = {a for a, t in matrix.cells if t in topics}
rows = [{"id": a, "actor": label, **{t: cell(a, t) for t in topics},
         "count": sum(matrix.counts.get((a, t), 0) for t in topics)}
        for a, label in matrix.actors if a in actors_with]
table.paged(rows, columns, prefix="mx", detail=evidence, ident="id", param="actor", default_sort="actor",
            csv_name="stance-matrix.csv", style=colour, first=True)
