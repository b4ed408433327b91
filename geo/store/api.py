"""The workspace store's contract (issue #13): what the interface may call, nothing more.

A workspace is one person's (or one team's) saved map: its settings (a JSON-able dict the
store never interprets) and its uploaded layers, feature by feature. It is reached only by
one of its two tokens: the edit token (may change it) and the view token (may only read it).
Tokens are unguessable (`secrets.token_urlsafe(32)`, 256 bits), stored as sha256 hashes only,
and never listed: no method lists workspaces.

Every change names the version it was made from (`base_version`); the store checks it and
bumps the version in the same transaction, so a change made from an older version is refused
with `StaleSave` (optimistic concurrency: no lost updates between two editors).

Two backends, chosen by `geo.store.open_store(target)` (in the package's __init__, so that this
contract imports no backend and the backends import only it):
- a file path: one SQLite file that is a valid GeoPackage (geo.store.sqlite), the default
  `./var/workspaces.gpkg`, or the file named by the environment variable DARIEN_STORE;
- a `postgresql://` URL: PostgreSQL 15 + PostGIS 3 (geo.store.postgis).

Errors (geo.errors): WorkspaceNotFound, WorkspaceReadOnly, StaleSave, QuotaExceeded, StoreUnavailable.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from geo.load import Layer

#: Stored layer bytes allowed per workspace unless DARIEN_QUOTA_MB says otherwise.
DEFAULT_QUOTA_BYTES = 100 * 1024 * 1024

#: Where the embedded store lives when neither the caller nor DARIEN_STORE says.
DEFAULT_STORE_PATH = Path("var") / "workspaces.gpkg"

#: Seconds a change may wait for a lock (SQLite's busy timeout, PostgreSQL's lock_timeout).
DEFAULT_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Tokens:
    """The workspace's two capabilities. `edit` is None when it was opened with its view token."""

    edit: str | None
    view: str


@dataclass(frozen=True)
class Snapshot:
    """A workspace as saved at one version."""

    version: int  # increases by one per saved change
    settings: dict  # JSON-able; the store never interprets it
    layers: list[Layer]  # the uploaded layers, in order, every feature and attribute as added
    tokens: Tokens
    can_edit: bool


@runtime_checkable
class Store(Protocol):
    """What both backends do. Every change needs the edit token (a view token: WorkspaceReadOnly),
    runs in one transaction, and is refused with StaleSave when base_version is not current."""

    kind: str  # "sqlite" or "postgis"

    def create(self, settings: dict) -> Snapshot:
        """A new workspace at version 1, with fresh tokens."""
        ...

    def open(self, token: str) -> Snapshot:
        """The workspace behind `token`; WorkspaceNotFound if unknown, deleted or malformed."""
        ...

    def version(self, token: str) -> int:
        """The current version (cheap)."""
        ...

    def save_settings(self, token: str, base_version: int, settings: dict) -> int:
        """Replace the settings; returns the new version."""
        ...

    def add_layer(self, token: str, base_version: int, layer: Layer) -> int:
        """Append an uploaded layer (QuotaExceeded over the quota; nothing stored then). A layer
        with the id of one already in the workspace replaces it, keeping its place."""
        ...

    def remove_layer(self, token: str, base_version: int, layer_id: str) -> int:
        """Remove the layer `layer_id`; returns the new version."""
        ...

    def delete(self, token: str) -> None:
        """Delete the workspace and everything in it (edit token only). Its tokens stop working."""
        ...

    def close(self) -> None:
        """Release connections / file handles."""
        ...


def quota_bytes() -> int:
    """The per-workspace quota: DARIEN_QUOTA_MB (a positive number of MB) or DEFAULT_QUOTA_BYTES."""
    raw = os.environ.get("DARIEN_QUOTA_MB", "").strip()
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_QUOTA_BYTES
    if not math.isfinite(value) or value <= 0:
        return DEFAULT_QUOTA_BYTES
    return int(value * 1024 * 1024)


def store_timeout() -> float:
    """DARIEN_STORE_TIMEOUT (a positive number of seconds) or DEFAULT_TIMEOUT_S."""
    try:
        value = float(os.environ.get("DARIEN_STORE_TIMEOUT", str(DEFAULT_TIMEOUT_S)))
    except ValueError:
        return DEFAULT_TIMEOUT_S
    return value if math.isfinite(value) and value > 0 else DEFAULT_TIMEOUT_S
