"""What every page shares: the graph (loaded once), the language switch and URL-backed widgets.

Each widget's value lives in `st.session_state` under its key and is mirrored into the URL
(`st.query_params`), so a copied link reopens the same view with the same selection: on a new
session the widget starts from the URL, and every change is written back to it.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from explorer.i18n import N_, _
from kg import explore
from kg.build.builder import DEFAULT_DATA_DIR
from kg.build.stored import connect
from kg.curation import access
from kg.publish.bundle import make_bundle
from kg.store import STORE_ENV

DATA_ENV = "STANCEKG_DATA"
LANG_NAMES = {"en": "English", "es": "Español"}

PAGES = [  # (file, title, url path, icon); the first is the default page, served at "/"
    ("explorer/network.py", N_("Network"), "network", ":material/hub:"),
    ("explorer/actor.py", N_("Actor profile"), "actor", ":material/person:"),
    ("explorer/disagreements.py", N_("Disagreements"), "disagreements", ":material/compare_arrows:"),
    ("explorer/matrix.py", N_("Stance matrix"), "matrix", ":material/grid_on:"),
    ("explorer/agreement.py", N_("Agreement"), "agreement", ":material/handshake:"),
    ("explorer/sources.py", N_("Sources"), "sources", ":material/article:"),
    ("explorer/sparql.py", N_("SPARQL"), "sparql", ":material/terminal:"),
    ("explorer/export.py", N_("Export"), "export", ":material/download:"),
]


def pages() -> list[st.Page]:
    out = [st.Page(path, title=_(title), url_path=url, icon=icon, default=i == 0)
           for i, (path, title, url, icon) in enumerate(PAGES)]
    if access.enabled():  # only when started for curation; the page itself checks who may write
        out.append(st.Page("explorer/curate.py", title=_("Curate"), url_path="curate", icon=":material/edit_note:"))
    return out


@st.cache_resource(show_spinner=False)  # app.py says it is loading, in the chosen language
def _store(data_dir: str, spec: str | None):
    return connect(spec, Path(data_dir))


def store_key() -> tuple[str, str | None]:
    """Which graph to show: $STANCEKG_DATA (else the packaged data) in $STANCEKG_STORE."""
    return os.environ.get(DATA_ENV) or str(DEFAULT_DATA_DIR), os.environ.get(STORE_ENV) or None


def store():
    return _store(*store_key())


def refresh() -> None:
    """After the curated files changed: rebuild the graph, and every page's data, on next use."""
    _store.clear()
    network_data.clear()
    citations.clear()
    curator_texts.clear()
    st.cache_data.clear()


@st.cache_resource(show_spinner=False, max_entries=8)
def network_data(key: tuple[str, str | None], lang: str):
    """The full network, laid out once per graph and language (filters reuse its positions).

    A resource, not data: shared as is, not unpickled afresh on every rerun (a third of a second
    at 2,000 actors); the views only ever build new lists from it.
    """
    return explore.network_data(_store(*key), lang)


@st.cache_data(show_spinner=False, max_entries=64)
def profile(key: tuple[str, str | None], actor: str, lang: str) -> explore.Profile:
    return explore.profile(_store(*key), actor, lang)


@st.cache_data(show_spinner=False, max_entries=8)
def disagreements(key: tuple[str, str | None], lang: str, since: str = "",
                  until: str = "") -> list[explore.Disagreement]:
    return explore.disagreements(_store(*key), lang, since=since, until=until)


@st.cache_data(show_spinner=False, max_entries=8)
def stance_matrix(key: tuple[str, str | None], lang: str, since: str = "", until: str = "") -> explore.Matrix:
    return explore.stance_matrix(_store(*key), lang, since=since, until=until)


@st.cache_data(show_spinner=False, max_entries=16)
def agreement_matrix(key: tuple[str, str | None], lang: str, basis: str, date: str) -> explore.AgreementMatrix:
    return explore.agreement_matrix(_store(*key), lang, basis, date)


@st.cache_data(show_spinner=False, max_entries=64)
def agreement_evidence(key: tuple[str, str | None], actor: str, other: str, lang: str, basis: str,
                       date: str) -> list[explore.TopicEvidence]:
    return explore.agreement_evidence(_store(*key), actor, other, lang, basis, date)


@st.cache_data(show_spinner=False, max_entries=8)
def sources(key: tuple[str, str | None], lang: str) -> list[explore.SourceDoc]:
    return explore.sources(_store(*key), lang)


@st.cache_data(show_spinner=False, max_entries=8)
def entities(key: tuple[str, str | None], lang: str) -> list[explore.Entity]:
    return explore.entities(_store(*key), lang)


@st.cache_resource(show_spinner=False, max_entries=8)  # shared, never copied: read many times a run
def citations(key: tuple[str, str | None], lang: str) -> explore.Citations:
    return explore.citations(_store(*key), lang)


@st.cache_resource(show_spinner=False, max_entries=4)
def curator_texts(key: tuple[str, str | None]) -> explore.CuratorTexts:
    return explore.curator_texts(_store(*key))


def curator(node: str, kind: str, fallback: str = "") -> str:
    """The curator's reason, explanation or note on `node` in the chosen language, as markdown;
    English, marked as such, where the curator wrote no translation."""
    written = curator_texts(store_key()).get(node, kind, lang())
    if not written:
        return md(fallback)
    text = " | ".join(md(w.text) for w in written)
    return text if written[0].lang == lang() or lang() == "en" else text + " " + _("(in English)")


def library_text(english: str, prefix: str = "", translated: bool = False) -> None:
    """Text written in English (a query's description, a curator's note): in the reader's language
    when `translated` and the catalog has it, else as English, marked for screen readers
    (lang="en") and, in another language, for the reader."""
    if translated and (lang() == "en" or _(english) != english):
        st.html(f'<p class="library-text">{html.escape(prefix)}{html.escape(_(english))}</p>')
        return
    mark = "" if lang() == "en" else " " + html.escape(_("(in English)"))
    st.html(f'<p class="library-text">{html.escape(prefix)}<span lang="en">{html.escape(english)}</span>{mark}</p>')


def language_switch() -> str:
    """The interface and label language (English or Spanish), kept in the URL as `lang`."""
    return url_radio(_("Language"), list(LANG_NAMES), key="lang", param="lang",
                     format_func=LANG_NAMES.get, horizontal=True, container=st.sidebar, on_change=_language_changed)


def _language_changed() -> None:
    """Every widget is drawn anew in the new language, from the URL, which holds the whole view:
    a widget keeps the text of its choice as first shown, so it would stay in the old language."""
    for key in list(st.session_state):
        if key != "lang":
            del st.session_state[key]


def lang() -> str:
    return st.session_state.get("lang", "en")


# widgets mirrored in the URL ----------------------------------------------------------------------

def _seed(key: str, param: str, options: Sequence[str], default: str | None) -> None:
    if key not in st.session_state or st.session_state[key] not in options:
        wanted = st.query_params.get(param)
        st.session_state[key] = wanted if wanted in options else (
            default if default in options else (options[0] if options else None))


def _url_widget(widget: Callable, label: str, options: Sequence[str], key: str, param: str,
                format_func: Callable, default: str | None, omit: str | None, **kwargs) -> str | None:
    options = list(options)
    _seed(key, param, options, default)
    value = widget(label, options, key=key, format_func=format_func, **kwargs)
    _publish(param, value, omit)
    return value


def url_select(label: str, options: Sequence[str], *, key: str, param: str, format_func: Callable = str,
               default: str | None = None, omit: str | None = None, container=st, **kwargs) -> str | None:
    """A selectbox whose choice is also the URL parameter `param` (left out when it is `omit`)."""
    return _url_widget(container.selectbox, label, options, key, param, format_func, default, omit, **kwargs)


def url_radio(label: str, options: Sequence[str], *, key: str, param: str, format_func: Callable = str,
              default: str | None = None, omit: str | None = None, container=st, **kwargs) -> str | None:
    """Radio buttons whose choice is also the URL parameter `param` (left out when it is `omit`)."""
    return _url_widget(container.radio, label, options, key, param, format_func, default, omit, **kwargs)


def url_multiselect(label: str, options: Sequence[str], *, key: str, param: str,
                    format_func: Callable = str, container=st, **kwargs) -> list[str]:
    """A multiselect whose choices are the repeated URL parameter `param`."""
    options = list(options)
    url_values(key, param, options)
    values = container.multiselect(label, options, key=key, format_func=format_func, **kwargs)
    _publish(param, values)
    return values


def url_value(key: str, param: str, options: Sequence[str], default: str | None = None) -> str | None:
    """What the `url_select` or `url_radio` under `key` will show, known before it is drawn (so a page
    can draw what matters first and its widgets after)."""
    _seed(key, param, list(options), default)
    return st.session_state[key]


def url_values(key: str, param: str, options: Sequence[str]) -> list[str]:
    """What the `url_multiselect` under `key` will show, known before it is drawn."""
    if key not in st.session_state:
        st.session_state[key] = [v for v in st.query_params.get_all(param) if v in options]
    else:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    return st.session_state[key]


def url_text(label: str, *, key: str, param: str, container=st, widget=None, **kwargs) -> str:
    """A text input (or `widget`, e.g. st.text_area) whose text is the URL parameter `param`."""
    if key not in st.session_state:
        st.session_state[key] = st.query_params.get(param, "")
    value = (widget or container.text_input)(label, key=key, **kwargs)
    _publish(param, value)
    return value


def _publish(param: str, value, omit: str | None = None) -> None:
    """`value` into the URL, or out of it when empty or `omit` (a view's default: a shorter link, and
    no change of address for the browser to take in; each is a message and a redraw)."""
    if value in (None, "", []) or (omit is not None and value == omit):
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get_all(param) != ([value] if isinstance(value, str) else list(value)):
        st.query_params[param] = value


def link(**params: str) -> str:
    """A relative URL to this page with these parameters (and the current language)."""
    return "?" + urlencode({"lang": lang(), **{k: v for k, v in params.items() if v}})


# text ---------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md(text: str) -> str:
    """Text from the graph made inert for st.markdown: no markup, link, HTML or LaTeX in it acts."""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def quotes(items) -> None:
    """Quotes as printed (in the source's language), each with its English gloss beneath, marked as
    the gloss. One element for them all: each element is work for the browser."""
    text = "\n\n".join(_quote_md(q.exact, q.gloss) for q in items)
    if text:
        st.markdown(text)


def quote(exact: str, gloss: str = "") -> None:
    """A quote as printed, its English gloss beneath, marked as the gloss."""
    st.markdown(_quote_md(exact, gloss))


def _quote_md(exact: str, gloss: str) -> str:
    english = _("English gloss:") + " "  # in every language: a reader must not quote the gloss as the words
    return f"> {md(exact)}" + (f"  \n> {english}*{md(gloss)}*" if gloss else "")


def stance_how(s: explore.Stance) -> str:
    """How a stance is known, as a caption: stated, attributed (by whom), or the curator's reading of
    the text, which the text does not state (never "stated" and "the curator's reading" at once)."""
    if s.curator_reading:
        return ":material/psychology: " + md(" · ".join(x for x in (
            _("the curator's reading of the text, not stated in it"), s.date) if x))
    how = _("{basis} by {who}").format(basis=s.basis, who=s.attributed_by) if s.attributed_by else s.basis
    return md(" · ".join(x for x in (how, s.date) if x))


def bundle_download(ident: str, key: str) -> None:
    """The evidence bundle (a nanopublication in TriG, `stancekg bundle ID`), made when clicked."""
    graph = store()
    st.download_button(_("Evidence bundle (TriG)"), data=lambda: make_bundle(graph, ident).trig(),
                       file_name=f"{ident}.trig", mime="application/trig", key=key, on_click="ignore",
                       help=_("Everything this rests on, citable and checkable: `stancekg verify FILE`"))
