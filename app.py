"""The explorer (placeholder until the explorer issue lands): a summary of the built graph."""

import streamlit as st

from kg.builder import build_default
from kg.summary import summarise

st.set_page_config(page_title="ai-stance-kg", layout="wide")


@st.cache_resource
def _build():
    return build_default()


st.title("ai-stance-kg")
st.caption("Who stands where on AI safety, with every statement's source.")
st.json(summarise(_build()), expanded=True)
