"""Saved workspaces (issue #13): an embedded GeoPackage file by default, PostGIS for teams.
The contract is api.py; `open_store` chooses the backend."""

from __future__ import annotations

import os
from pathlib import Path

from geo.store.api import DEFAULT_QUOTA_BYTES, DEFAULT_STORE_PATH, Snapshot, Store, Tokens
from geo.store.postgis import PostgisStore
from geo.store.sqlite import SqliteStore

__all__ = ["DEFAULT_QUOTA_BYTES", "Snapshot", "Store", "Tokens", "open_store"]


def open_store(target: str | None = None) -> Store:
    """target None: os.environ DARIEN_STORE, else ./var/workspaces.gpkg (directory created).
    A path -> the embedded SQLite/GeoPackage store; 'postgresql://...' -> PostGIS. Runs migrations."""
    if target is None:
        target = os.environ.get("DARIEN_STORE", "").strip() or str(DEFAULT_STORE_PATH)
    target = str(target)
    if target.startswith(("postgresql://", "postgres://")):
        return PostgisStore(target)
    return SqliteStore(Path(target))
