"""SPARQL page: run a named query (its parameters as form fields) or your own, and download the answer."""

import streamlit as st

from explorer import common, table
from explorer.i18n import _
from kg import explore
from kg.sparql.safety import QueryRefused

RESERVED = {"lang", "mode", "q", "sparql"}  # URL parameters the page itself uses

lang = common.lang()
store = common.store()
queries = {q.name: q for q in explore.named_queries()}

st.header(_("Ask the graph in SPARQL"))
st.caption(_("Only reading queries run (SELECT, ASK, CONSTRUCT, DESCRIBE) on this graph alone, for at most "
             "10 seconds and 10,000 rows. The prefixes ask:, id:, rdfs:, skos:, oa:, dcterms:, schema:… "
             "are declared for you."))
modes = {"named": _("A ready-made question"), "own": _("Write your own")}
mode = common.url_radio(_("Mode"), list(modes), key="sq_mode", param="mode", format_func=modes.get, horizontal=True,
                        label_visibility="collapsed")


def show(answer: explore.Table) -> None:
    """The answer as a paged table (or yes/no, or Turtle) with its downloads."""
    if answer.form == "ASK":
        if answer.boolean:
            st.success(_("Yes (true)"))
        else:
            st.warning(_("No (false)"))
    elif answer.turtle:
        st.code(answer.turtle, language="turtle")
        st.download_button(_("Download Turtle"), answer.turtle, "answer.ttl", "text/turtle", key="sq_ttl")
        return
    more = " — " + _("cut at the row limit: narrow the query") if answer.truncated else ""
    st.caption(_("{rows} rows in {seconds} s").format(rows=len(answer.rows), seconds=f"{answer.elapsed_s:.2f}") + more)
    if answer.form != "ASK":
        table.paged([{c: "" if r.get(c) is None else r[c] for c in answer.columns} for r in answer.rows],
                    {c: c for c in answer.columns}, prefix="sqr", csv_name="answer-view.csv", beside=False)
    cols = st.columns([1, 1, 4])
    cols[0].download_button(_("Download CSV"), answer.csv, "answer.csv", "text/csv", key="sq_csv")
    cols[1].download_button(_("Download JSON"), answer.json, "answer.json", "application/json", key="sq_json")


def refused(exc: QueryRefused) -> None:
    first, _sep, rest = str(exc).partition("\n")
    st.error(_("The query was not run: {reason}").format(reason=common.md(first)), icon=":material/block:")
    if rest:
        st.code(rest, language=None)


if mode == "named":
    name = common.url_select(_("Question"), list(queries), key="sq_name", param="q",
                             format_func=lambda n: _(queries[n].title), default="disagreements")
    query = queries[name]
    common.library_text(query.description, translated=True)
    values = {}
    for p in query.params:
        label = (_("{name} (required): {description}") if p.required else
                 _("{name} (optional): {description}")).format(name=p.name, description=_(p.description))
        param = p.name if p.name not in RESERVED else f"p_{p.name}"
        widget_key = f"sq_{name}_{p.name}"
        choices = dict(explore.param_choices(store, p.kind, lang)) if p.kind != "text" else {}
        if choices:
            values[p.name] = common.url_select(label, [""] + list(choices), key=widget_key, param=param,
                                               format_func=lambda v, c=choices: c.get(v, _("— choose —")),
                                               default=p.default)
        else:
            values[p.name] = common.url_text(label, key=widget_key, param=param, placeholder=p.default)
    missing = [p.name for p in query.params if p.required and not values.get(p.name)]
    if missing:
        st.info(_("Choose {names} to run this question.").format(names=", ".join(missing)))
    else:
        try:
            show(explore.run_named_table(store, name, values))
        except QueryRefused as exc:
            refused(exc)
    with st.expander(_("The SPARQL behind this question")):
        st.code(query.text, language="sparql")
else:
    def load_example() -> None:
        st.session_state["sq_text"] = queries[st.session_state["sq_example"]].text

    cols = st.columns([3, 1], vertical_alignment="bottom")
    cols[0].selectbox(_("Start from an example"), list(queries), key="sq_example",
                      format_func=lambda n: _(queries[n].title))
    cols[1].button(_("Load into the editor"), key="sq_load", on_click=load_example)
    text = common.url_text(_("Your query"), key="sq_text", param="sparql", widget=st.text_area, height=240,
                           placeholder="SELECT ?actor ?label WHERE { ?actor a ask:Actor ; rdfs:label ?label }")
    st.button(_("Run"), key="sq_run", type="primary")
    if text.strip():
        try:
            show(explore.run_sparql(store, text))
        except QueryRefused as exc:
            refused(exc)
