"""The explorer: `streamlit run app.py`. A thin entry point: the pages live in explorer/, the data in kg.explore."""

import streamlit as st

from explorer import common, search

# An emoji favicon is drawn in the browser; a :material/...: one would be fetched from Google Fonts.
st.set_page_config(page_title="ai-stance-kg explorer", page_icon="🕸", layout="wide")
page = st.navigation(common.pages(), position="top")
with st.sidebar:
    st.markdown("**ai-stance-kg** · who stands where on AI safety, with every statement's source.")
    common.language_switch()
    search.search_box()
page.run()
