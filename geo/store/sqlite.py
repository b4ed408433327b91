"""The embedded store: ONE SQLite file that is also a valid GeoPackage (no set-up, `make run`).

Written with the standard library's sqlite3 only. Features are GeoPackage geometry blobs (the
"GP" header with an envelope, then ISO WKB from shapely) in the `workspace_features` feature
table, registered in gpkg_contents / gpkg_geometry_columns, so GDAL, QGIS and geopandas open
the file. The workspaces, their layers' declarations and the schema version are plain tables
next to it.

Durability: WAL journal, `synchronous=FULL` (a change is on disk when the call returns), each
change in one `BEGIN IMMEDIATE` transaction (checked against `base_version` and the version
bumped inside it), `secure_delete` so a deleted workspace's bytes do not linger in free pages.
A `kill -9` at any moment leaves the last committed version (tests/store/test_crash.py).

Threads: the app keeps one store per process and calls it from many sessions (threads); each
thread gets its own connection. Processes: several app processes may share the file; SQLite's
locks serialise writers and each waits up to the busy timeout (DARIEN_STORE_TIMEOUT seconds,
default 10) before the change is refused with StoreUnavailable.
"""

from __future__ import annotations

import json
import sqlite3
import struct
import threading
from contextlib import contextmanager, suppress
from pathlib import Path

import numpy as np
import shapely

from geo.errors import StaleSave, StoreUnavailable, UnknownLayerError, WorkspaceNotFound, WorkspaceReadOnly
from geo.store import common, migrate
from geo.store.api import Snapshot, Tokens, quota_bytes, store_timeout

SRS_ID = 4326
_ENVELOPE_DOUBLES = {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}


# --- GeoPackage geometry blobs (OGC 12-128, "GeoPackageBinary") -------------------------------


def to_gpkg(geom) -> bytes | None:
    """A shapely geometry as a GeoPackage blob: 'GP', version 0, flags, srs_id, envelope, ISO WKB."""
    if geom is None:
        return None
    wkb = shapely.to_wkb(geom, flavor="iso", byte_order=1)
    if geom.is_empty:
        flags = 0b0001_0001  # little-endian, no envelope, empty
        return b"GP\x00" + bytes([flags]) + struct.pack("<i", SRS_ID) + wkb
    has_z = shapely.has_z(geom)
    if has_z:
        coords = shapely.get_coordinates(geom, include_z=True)
        zs = coords[:, 2]
        minx, miny, maxx, maxy = geom.bounds
        envelope = struct.pack("<6d", minx, maxx, miny, maxy, float(zs.min()), float(zs.max()))
        flags = 0b0000_0101  # little-endian, xyz envelope
    else:
        minx, miny, maxx, maxy = geom.bounds
        envelope = struct.pack("<4d", minx, maxx, miny, maxy)
        flags = 0b0000_0011  # little-endian, xy envelope
    return b"GP\x00" + bytes([flags]) + struct.pack("<i", SRS_ID) + envelope + wkb


def to_gpkg_many(geoms) -> list[bytes | None]:
    """`to_gpkg` of every geometry, with shapely's vectorised functions (a layer at a time)."""
    array = np.asarray(list(geoms), dtype=object)
    present = np.array([g is not None for g in array], dtype=bool)
    out: list[bytes | None] = [None] * len(array)
    if not present.any():
        return out
    values = array[present]
    wkbs = shapely.to_wkb(values, flavor="iso", byte_order=1)
    empty = shapely.is_empty(values)
    has_z = shapely.has_z(values)
    bounds = shapely.bounds(values)
    srs = struct.pack("<i", SRS_ID)
    for k, index in enumerate(np.flatnonzero(present)):
        if empty[k] or has_z[k]:
            out[index] = to_gpkg(values[k])  # rare: the one-by-one path
            continue
        minx, miny, maxx, maxy = bounds[k]
        out[index] = b"GP\x00\x03" + srs + struct.pack("<4d", minx, maxx, miny, maxy) + wkbs[k]
    return out


def from_gpkg(blob: bytes | None):
    """The shapely geometry of a GeoPackage blob (None for NULL)."""
    if blob is None:
        return None
    blob = bytes(blob)
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    flags = blob[3]
    envelope = (flags >> 1) & 0b111
    if envelope not in _ENVELOPE_DOUBLES:
        raise ValueError(f"GeoPackage blob with an unknown envelope code {envelope}")
    start = 8 + 8 * _ENVELOPE_DOUBLES[envelope]
    return shapely.from_wkb(blob[start:])


def from_gpkg_many(blobs) -> list:
    """`from_gpkg` of every blob, parsed by shapely in one call."""
    wkbs: list = []
    for blob in blobs:
        if blob is None:
            wkbs.append(None)
            continue
        blob = bytes(blob)
        envelope = (blob[3] >> 1) & 0b111
        if blob[:2] != b"GP" or envelope not in _ENVELOPE_DOUBLES:
            raise ValueError("not a GeoPackage geometry blob")
        wkbs.append(blob[8 + 8 * _ENVELOPE_DOUBLES[envelope] :])
    return list(shapely.from_wkb(np.asarray(wkbs, dtype=object))) if wkbs else []


# --- the store --------------------------------------------------------------------------------


class SqliteStore:
    """geo.store.api.Store on one SQLite/GeoPackage file."""

    kind = "sqlite"

    def __init__(self, path: Path | str, timeout: float | None = None):
        self.path = Path(path)
        self.timeout = store_timeout() if timeout is None else timeout
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreUnavailable(f"cannot create the store's directory: {error.strerror}") from None
        self.migrate()

    # connections and transactions

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            with self._errors():
                conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False)
                try:
                    conn.execute("PRAGMA journal_mode=WAL").fetchone()
                    conn.execute("PRAGMA synchronous=FULL")
                    conn.execute("PRAGMA foreign_keys=ON")
                    conn.execute("PRAGMA secure_delete=ON")
                    conn.execute(f"PRAGMA busy_timeout={int(self.timeout * 1000)}")
                except BaseException:
                    conn.close()
                    raise
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def _forget(self) -> None:
        """Drop this thread's connection after a failure (the next call opens a fresh one)."""
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            with self._lock:
                if conn in self._connections:
                    self._connections.remove(conn)
            with suppress(sqlite3.Error):
                conn.close()

    @contextmanager
    def _errors(self):
        try:
            yield
        except (sqlite3.OperationalError, sqlite3.DatabaseError) as error:
            if isinstance(error, (sqlite3.IntegrityError, sqlite3.ProgrammingError)):
                raise
            self._forget()
            raise StoreUnavailable(f"the workspace store is unavailable ({error.__class__.__name__})") from None

    @contextmanager
    def _transaction(self, write: bool):
        """One transaction: BEGIN IMMEDIATE (takes the write lock now) or a read snapshot."""
        with self._errors():
            conn = self._conn()
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def migrate(self, upto: int | None = None) -> int:
        """Apply the migrations not yet applied (up to `upto`, all when None); the schema version."""
        known = migrate.migrations(self.kind)
        with self._transaction(write=True) as conn:
            conn.execute(migrate.SCHEMA_VERSION_TABLE[self.kind])
            done = {row[0] for row in conn.execute("SELECT version FROM schema_version")}
            if done and max(done) > len(known):
                raise StoreUnavailable(f"the store's schema ({max(done)}) is newer than this program knows")
            for step in known:
                if step.number in done or (upto is not None and step.number > upto):
                    continue
                for statement in migrate.sqlite_statements(step.sql):
                    conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                    (step.number, step.name, common.now()),
                )
            return conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]

    # lookups

    @staticmethod
    def _find(conn, token: str) -> tuple[int, int, bool]:
        digest = common.token_hash(token)
        row = conn.execute(
            "SELECT id, version, edit_hash = ? FROM workspaces WHERE edit_hash = ? OR view_hash = ?",
            (digest, digest, digest),
        ).fetchone()
        if row is None:
            raise WorkspaceNotFound()
        return row[0], row[1], bool(row[2])

    def _change(self, conn, token: str, base_version) -> tuple[int, int]:
        """Check the edit token and the base version, bump the version: (workspace id, new version)."""
        base_version = common.check_base_version(base_version)
        workspace, _, can_edit = self._find(conn, token)
        if not can_edit:
            raise WorkspaceReadOnly()
        bumped = conn.execute(
            "UPDATE workspaces SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
            (common.now(), workspace, base_version),
        )
        if bumped.rowcount != 1:
            raise StaleSave()
        return workspace, base_version + 1

    # the contract

    def create(self, settings: dict) -> Snapshot:
        text = common.settings_text(settings)
        edit = common.new_edit_token()
        view = common.view_token_for(edit)
        stamp = common.now()
        with self._transaction(write=True) as conn:
            conn.execute(
                "INSERT INTO workspaces (edit_hash, view_hash, version, settings, created_at, updated_at)"
                " VALUES (?, ?, 1, ?, ?, ?)",
                (common.token_hash(edit), common.token_hash(view), text, stamp, stamp),
            )
        return Snapshot(1, json.loads(text), [], Tokens(edit, view), True)

    def open(self, token: str) -> Snapshot:
        with self._transaction(write=False) as conn:
            workspace, version, can_edit = self._find(conn, token)
            (settings,) = conn.execute("SELECT settings FROM workspaces WHERE id = ?", (workspace,)).fetchone()
            stored = conn.execute(
                "SELECT id, spec, replaces, columns FROM workspace_layers WHERE workspace_id = ? ORDER BY position",
                (workspace,),
            ).fetchall()
            layers = []
            for ref, spec, replaces, columns in stored:
                rows = conn.execute(
                    "SELECT geom, properties FROM workspace_features WHERE layer_ref = ? ORDER BY position", (ref,)
                ).fetchall()
                layers.append(
                    common.decode_layer(
                        spec, replaces, columns, from_gpkg_many(r[0] for r in rows), [r[1] for r in rows]
                    )
                )
        tokens = Tokens(token if can_edit else None, common.view_token_for(token) if can_edit else token)
        return Snapshot(version, json.loads(settings), layers, tokens, can_edit)

    def version(self, token: str) -> int:
        with self._transaction(write=False) as conn:
            return self._find(conn, token)[1]

    def save_settings(self, token: str, base_version: int, settings: dict) -> int:
        text = common.settings_text(settings)
        with self._transaction(write=True) as conn:
            workspace, version = self._change(conn, token, base_version)
            conn.execute("UPDATE workspaces SET settings = ? WHERE id = ?", (text, workspace))
        return version

    def add_layer(self, token: str, base_version: int, layer) -> int:
        encoded = common.encode_layer(layer)
        blobs = to_gpkg_many(encoded.geometries)
        quota = quota_bytes()
        with self._transaction(write=True) as conn:
            workspace, version = self._change(conn, token, base_version)
            existing = conn.execute(
                "SELECT id, position, bytes FROM workspace_layers WHERE workspace_id = ? AND layer_id = ?",
                (workspace, encoded.layer_id),
            ).fetchone()
            (stored,) = conn.execute(
                "SELECT COALESCE(SUM(bytes), 0) FROM workspace_layers WHERE workspace_id = ?", (workspace,)
            ).fetchone()
            common.check_quota(stored - (existing[2] if existing else 0), encoded.nbytes, quota)
            if existing:
                conn.execute("DELETE FROM workspace_layers WHERE id = ?", (existing[0],))
                position = existing[1]
            else:
                (position,) = conn.execute(
                    "SELECT COALESCE(MAX(position), 0) + 1 FROM workspace_layers WHERE workspace_id = ?", (workspace,)
                ).fetchone()
            ref = conn.execute(
                "INSERT INTO workspace_layers (workspace_id, position, layer_id, spec, replaces, columns, bytes)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    workspace,
                    position,
                    encoded.layer_id,
                    encoded.spec,
                    encoded.replaces,
                    encoded.columns,
                    encoded.nbytes,
                ),
            ).lastrowid
            conn.executemany(
                "INSERT INTO workspace_features (geom, layer_ref, position, properties) VALUES (?, ?, ?, ?)",
                ((blob, ref, i, props) for i, (blob, props) in enumerate(zip(blobs, encoded.properties))),
            )
            conn.execute(
                "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
                " WHERE table_name = 'workspace_features'"
            )
        return version

    def remove_layer(self, token: str, base_version: int, layer_id: str) -> int:
        with self._transaction(write=True) as conn:
            workspace, version = self._change(conn, token, base_version)
            removed = conn.execute(
                "DELETE FROM workspace_layers WHERE workspace_id = ? AND layer_id = ?", (workspace, str(layer_id))
            )
            if removed.rowcount != 1:
                raise UnknownLayerError(f"the workspace has no layer {layer_id!r}")
        return version

    def delete(self, token: str) -> None:
        with self._transaction(write=True) as conn:
            workspace, _, can_edit = self._find(conn, token)
            if not can_edit:
                raise WorkspaceReadOnly()
            conn.execute("DELETE FROM workspaces WHERE id = ?", (workspace,))

    def close(self) -> None:
        with self._lock:
            connections, self._connections = self._connections, []
        for conn in connections:
            with suppress(sqlite3.Error):
                conn.close()
        self._local = threading.local()

    def __repr__(self) -> str:
        return f"SqliteStore({self.path.name!r})"


__all__ = ["SqliteStore", "from_gpkg", "from_gpkg_many", "to_gpkg", "to_gpkg_many"]
