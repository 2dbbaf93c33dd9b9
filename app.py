"""The explorer: `streamlit run app.py`. A thin entry point: the pages live in explorer/, the data in kg.explore."""

import streamlit as st

from explorer import chrome, common, search
from explorer.i18n import _

# Text at least 4.5:1 against white: Streamlit draws quotes and captions in a paler grey.
STYLE = """<style>
blockquote, blockquote p { color: #31333f !important; opacity: 1 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p {
  color: #4a4d59 !important; opacity: 1 !important; }
p.library-text { color: #4a4d59; font-size: 0.875rem; margin: 0; }
[data-testid="stWidgetLabel"] p, [data-testid="stMarkdownContainer"] small { color: #31333f; }
</style>"""

# An emoji favicon is drawn in the browser; a :material/...: one would be fetched from Google Fonts.
st.set_page_config(page_title=_("ai-stance-kg explorer"), page_icon="🕸", layout="wide")
st.html(STYLE)
page = st.navigation(common.pages(), position="top")
with st.sidebar:
    st.markdown(_("**ai-stance-kg** · who stands where on AI safety, with every statement's source."))
    common.language_switch()
chrome.translate()  # Streamlit's own texts (input hints, the uploader's) in the chosen language
loading = st.empty()  # shown from the first paint until the graph is loaded (a cold start takes seconds)
loading.info(_("Loading the graph… the first visit takes a few seconds."), icon=":material/hourglass_top:")
common.store()
loading.empty()
with st.sidebar:
    search.search_box()
page.run()
