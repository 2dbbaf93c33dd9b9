"""SPARQL page: run a named query (its parameters as form fields) or your own, and download the answer."""

import streamlit as st

from explorer import common
from kg import explore
from kg.sparql.safety import QueryRefused

RESERVED = {"lang", "mode", "q", "sparql"}  # URL parameters the page itself uses

lang = common.lang()
store = common.store()
queries = {q.name: q for q in explore.named_queries()}

st.header("Ask the graph in SPARQL")
st.caption("Only reading queries run (SELECT, ASK, CONSTRUCT, DESCRIBE) on this graph alone, for at most "
           "10 seconds and 10,000 rows. The prefixes ask:, id:, rdfs:, skos:, oa:, dcterms:, schema:… "
           "are declared for you.")
modes = {"named": "A ready-made question", "own": "Write your own"}
mode = common.url_radio("Mode", list(modes), key="sq_mode", param="mode", format_func=modes.get, horizontal=True,
                        label_visibility="collapsed")


def show(table: explore.Table) -> None:
    """The answer as a table (or yes/no, or Turtle) with its downloads."""
    if table.form == "ASK":
        if table.boolean:
            st.success("Yes (true)")
        else:
            st.warning("No (false)")
    elif table.turtle:
        st.code(table.turtle, language="turtle")
        st.download_button("Download Turtle", table.turtle, "answer.ttl", "text/turtle", key="sq_ttl")
        return
    else:
        st.dataframe(table.rows, hide_index=True, width="stretch", column_order=table.columns)
    more = " — cut at the row limit: narrow the query" if table.truncated else ""
    st.caption(f"{len(table.rows)} rows in {table.elapsed_s:.2f} s{more}")
    cols = st.columns([1, 1, 4])
    cols[0].download_button("Download CSV", table.csv, "answer.csv", "text/csv", key="sq_csv")
    cols[1].download_button("Download JSON", table.json, "answer.json", "application/json", key="sq_json")


def refused(exc: QueryRefused) -> None:
    first, _, rest = str(exc).partition("\n")
    st.error(f"The query was not run: {common.md(first)}", icon=":material/block:")
    if rest:
        st.code(rest, language=None)


if mode == "named":
    name = common.url_select("Question", list(queries), key="sq_name", param="q",
                             format_func=lambda n: queries[n].title, default="disagreements")
    query = queries[name]
    st.caption(common.md(query.description))
    values = {}
    for p in query.params:
        label = f"{p.name} ({'required' if p.required else 'optional'}): {p.description}"
        param = p.name if p.name not in RESERVED else f"p_{p.name}"
        widget_key = f"sq_{name}_{p.name}"
        choices = dict(explore.param_choices(store, p.kind, lang)) if p.kind != "text" else {}
        if choices:
            values[p.name] = common.url_select(label, [""] + list(choices), key=widget_key, param=param,
                                               format_func=lambda v, c=choices: c.get(v, "— choose —"),
                                               default=p.default)
        else:
            values[p.name] = common.url_text(label, key=widget_key, param=param, placeholder=p.default)
    missing = [p.name for p in query.params if p.required and not values.get(p.name)]
    if missing:
        st.info(f"Choose {', '.join(missing)} to run this question.")
    else:
        try:
            show(explore.run_named_table(store, name, values))
        except QueryRefused as exc:
            refused(exc)
    with st.expander("The SPARQL behind this question"):
        st.code(query.text, language="sparql")
else:
    def load_example() -> None:
        st.session_state["sq_text"] = queries[st.session_state["sq_example"]].text

    cols = st.columns([3, 1], vertical_alignment="bottom")
    cols[0].selectbox("Start from an example", list(queries), key="sq_example",
                      format_func=lambda n: queries[n].title)
    cols[1].button("Load into the editor", key="sq_load", on_click=load_example)
    text = common.url_text("Your query", key="sq_text", param="sparql", widget=st.text_area, height=240,
                           placeholder="SELECT ?actor ?label WHERE { ?actor a ask:Actor ; rdfs:label ?label }")
    st.button("Run", key="sq_run", type="primary")
    if text.strip():
        try:
            show(explore.run_sparql(store, text))
        except QueryRefused as exc:
            refused(exc)
