"""Saved workspaces (issue #13): an embedded GeoPackage file by default, PostGIS for teams. See api.py."""

from geo.store.api import DEFAULT_QUOTA_BYTES, Snapshot, Store, Tokens, open_store

__all__ = ["DEFAULT_QUOTA_BYTES", "Snapshot", "Store", "Tokens", "open_store"]
