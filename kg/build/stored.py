"""The configured store, filled from the curated files: what the command line, explorer and tests open."""

from __future__ import annotations

from pathlib import Path

from kg.build.builder import DEFAULT_DATA_DIR, build
from kg.store import Store, open_store


def connect(spec: str | None = None, data_dir: Path | None = None) -> Store:
    """The configured store, filled from the curated data when it starts empty and can be written."""
    store = open_store(spec)
    if store.writable and store.is_empty():
        store.load(build(data_dir or DEFAULT_DATA_DIR).dataset)
    return store
