"""Where the graph lives: stores (`spec` opens one by name), RDF files in and out, atomic writes.

The names most callers need are imported here; `kg.build.stored.connect` opens a store filled
from the curated files.
"""

from kg.store.base import CONFIG_ENV, CONFIG_FILE, DEFAULT_SPEC, OX_FORMATS, STORE_ENV, Store, StoreError
from kg.store.oxigraph import OxigraphStore
from kg.store.remote import STANDARD, VIRTUOSO, Engine, RemoteStore, query_form
from kg.store.spec import configured_spec, is_empty, open_store, read_config

__all__ = ["CONFIG_ENV", "CONFIG_FILE", "DEFAULT_SPEC", "OX_FORMATS", "STORE_ENV", "STANDARD", "VIRTUOSO", "Engine",
           "OxigraphStore", "RemoteStore", "Store", "StoreError", "configured_spec", "is_empty", "open_store",
           "query_form", "read_config"]
