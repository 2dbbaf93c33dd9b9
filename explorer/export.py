"""Export page: the whole graph as a file, in the standard RDF formats."""

import streamlit as st

from explorer import common
from kg import explore

st.header("Download the graph")
st.write("Everything the explorer shows, as one file any RDF tool can read. Turtle is the most "
         "readable; TriG, N-Quads and JSON-LD also keep which source each fact came from (named graphs).")
formats = explore.export_formats()
fmt = common.url_radio("Format", list(formats), key="export_format", param="format", format_func=formats.get)
download = explore.export(common.store(), fmt)
st.download_button(f"Download {formats[fmt]} ({len(download.data) / 1024:.0f} KB)", download.data,
                   file_name=download.filename, mime=download.media_type, key="export_download",
                   icon=":material/download:")
with st.expander("Preview (first 60 lines)"):
    st.code("\n".join(download.data.decode("utf-8").splitlines()[:60]), language=None)
