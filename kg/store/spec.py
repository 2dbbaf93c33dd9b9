"""Where the graph lives: one abstraction over embedded Oxigraph, rdflib memory and any SPARQL endpoint.

A store wraps an rdflib Dataset, so every caller (CLI, explorer, tests) uses one API whatever
the backend; each backend overrides only what it can do much faster natively (bulk loading,
counting). Chosen by a spec string:

- `oxigraph` (the default): embedded Oxigraph in memory; `oxigraph:DIR`: persistent in DIR.
- `memory`: rdflib's own in-memory store, for comparison and tiny graphs.
- `sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]]`: a SPARQL 1.1 endpoint (Oxigraph server, Fuseki,
  GraphDB, Virtuoso, Neptune...). Queries use the Protocol; loading uses the Graph Store
  Protocol at STORE_URL when given, else SPARQL Update at UPDATE_URL; with neither the store is
  read-only. A bare `http(s)://URL` means `sparql:URL`. The endpoint's default graph must be
  the union of its named graphs (Oxigraph: `--union-default-graph`; GraphDB, Virtuoso and
  Neptune do this already; Fuseki: `unionDefaultGraph`), as it is in the embedded stores.
  `$STANCEKG_STORE_USER` and `$STANCEKG_STORE_PASSWORD`, when set, answer an HTTP Basic or
  Digest challenge from UPDATE_URL or STORE_URL (kept out of the spec, which commands print);
  queries never carry them.

Which spec (first found wins): the `--store` option, `$STANCEKG_STORE`, `store = "..."` in
the config file (`$STANCEKG_CONFIG`, else `./stancekg.toml`), then `oxigraph`.
"""


from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pyoxigraph as ox
from oxrdflib import OxigraphStore as _OxrdflibStore
from rdflib import Dataset
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore

from kg.rdf.namespaces import bind_prefixes
from kg.store.base import CONFIG_ENV, CONFIG_FILE, DEFAULT_SPEC, PASSWORD_ENV, STORE_ENV, USER_ENV, Store, StoreError
from kg.store.oxigraph import OxigraphStore
from kg.store.remote import RemoteStore


def read_config(path: Path | None = None) -> dict:
    """The config file's settings ({} when there is none); `$STANCEKG_CONFIG` names another file."""
    named = path or os.environ.get(CONFIG_ENV)
    path = Path(named or CONFIG_FILE)
    if not path.is_file():
        if named:
            raise StoreError(f"config file {path} not found")
        return {}
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise StoreError(f"{path}: not valid TOML: {exc}") from exc


def configured_spec(spec: str | None = None) -> str:
    """The store spec in force: the argument, then $STANCEKG_STORE, the config file, the default."""
    return spec or os.environ.get(STORE_ENV) or str(read_config().get("store") or "") or DEFAULT_SPEC


def open_store(spec: str | None = None) -> Store:
    """Open the store a spec names (see the module docstring for specs and precedence)."""
    spec = configured_spec(spec)
    kind, _, arg = spec.partition(":")
    if kind == "oxigraph":
        return _open_oxigraph(spec, arg)
    if kind == "memory" and not arg:
        return Store(spec, bind_prefixes(Dataset(default_union=True)))
    if kind == "sparql" or kind in ("http", "https"):
        urls = [u.strip() or None for u in (arg if kind == "sparql" else spec).split(",")]
        if not urls[0] or len(urls) > 3 or not all(u.startswith(("http://", "https://")) for u in urls if u):
            raise StoreError(f"bad store '{spec}': use sparql:QUERY_URL[,UPDATE_URL[,STORE_URL]] (http or https)")
        query_url, update_url, store_url = (urls + [None, None])[:3]
        backend = SPARQLUpdateStore(query_url, update_url, method="POST_FORM", returnFormat="json") \
            if update_url else SPARQLStore(query_url, method="POST_FORM", returnFormat="json")
        return RemoteStore(spec, bind_prefixes(Dataset(store=backend, default_union=True)),
                           query_url=query_url, update_url=update_url, store_url=store_url,
                           user=os.environ.get(USER_ENV) or None, password=os.environ.get(PASSWORD_ENV))
    raise StoreError(f"unknown store '{spec}': use oxigraph, oxigraph:DIR, memory or sparql:QUERY_URL[,...]")


def _open_oxigraph(spec: str, directory: str) -> OxigraphStore:
    try:
        native = ox.Store(directory) if directory else ox.Store()
    except OSError as exc:
        raise StoreError(f"cannot open Oxigraph store in {directory}: {exc} (only one process may open "
                         "it: if `stancekg serve` is running, query its endpoint instead)") from exc
    dataset = Dataset(store=_OxrdflibStore(store=native), default_union=True)
    return OxigraphStore(spec, bind_prefixes(dataset), persistent=bool(directory))


def is_empty(store: Store) -> bool:
    return store.is_empty()
