"""Export page: the whole graph as a file, in the standard RDF formats."""

import streamlit as st

from explorer import common
from explorer.i18n import _
from kg import explore

st.header(_("Download the graph"))
st.write(_("Everything the explorer shows, as one file any RDF tool can read. Turtle is the most "
           "readable; TriG, N-Quads and JSON-LD also keep which source each fact came from (named graphs)."))
formats = explore.export_formats()
formats = {f: name.replace("(keeps named graphs)", _("(keeps named graphs)")) for f, name in formats.items()}
fmt = common.url_radio(_("Format"), list(formats), key="export_format", param="format", format_func=formats.get)
download = explore.export(common.store(), fmt)
size = f"{len(download.data) / 1024:.0f}"
st.download_button(_("Download {format} ({size} KB)").format(format=formats[fmt], size=size), download.data,
                   file_name=download.filename, mime=download.media_type, key="export_download",
                   icon=":material/download:")
with st.expander(_("Preview (first 60 lines)")):
    st.code("\n".join(download.data.decode("utf-8").splitlines()[:60]), language=None)
