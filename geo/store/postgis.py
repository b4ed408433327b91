"""The team store: PostgreSQL 15 + PostGIS 3 (DARIEN_STORE=postgresql://...), with psycopg 3.

Same behaviour as the embedded store (geo.store.api). Features live in `workspace_features`:
`geom geometry(Geometry, 4326)` with a GiST index (2-D: such a column refuses Z), and, for a
geometry with Z, the whole geometry in `geom_z geometry(GeometryZ, 4326)` so nothing is lost.

Connections come from a psycopg_pool.ConnectionPool (DARIEN_PG_POOL connections at most,
default 8), shared by every session (thread) of the app process and checked before use, so a
restarted database is reconnected to. Every statement is a constant string with `%s`
parameters; there is no dynamic identifier (the table names are fixed; were one ever needed it
would go through psycopg.sql.Identifier). Nothing from a URL, an upload or the settings becomes
SQL text: values travel as parameters or through COPY's data stream.

Each change runs in one transaction: `UPDATE workspaces SET version = version + 1 WHERE id = %s
AND version = %s` first (it also locks the row, so two changes to one workspace queue up), then
the change; a row count of 0 means someone saved first (StaleSave) and everything rolls back.
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager

import numpy as np
import psycopg
import shapely
from psycopg_pool import ConnectionPool

from geo.errors import StaleSave, StoreUnavailable, UnknownLayerError, WorkspaceNotFound, WorkspaceReadOnly
from geo.store import common, migrate
from geo.store.api import Snapshot, Tokens, quota_bytes, store_timeout


def pool_size() -> int:
    try:
        return max(1, int(os.environ.get("DARIEN_PG_POOL", "8")))
    except ValueError:
        return 8


def _ewkb_columns(geoms) -> tuple[list, list]:
    """Hex EWKB (SRID 4326) for `geom` (2-D) and, for a geometry with Z, for `geom_z` too."""
    array = np.asarray(list(geoms), dtype=object)
    present = np.array([g is not None for g in array], dtype=bool)
    flat: list = [None] * len(array)
    whole: list = [None] * len(array)
    if present.any():
        values = shapely.set_srid(array[present], 4326)
        has_z = shapely.has_z(values)
        flat_hex = shapely.to_wkb(
            shapely.set_srid(shapely.force_2d(values), 4326), hex=True, include_srid=True, flavor="extended"
        )
        whole_hex = shapely.to_wkb(values, hex=True, include_srid=True, flavor="extended")
        for k, index in enumerate(np.flatnonzero(present)):
            flat[index] = flat_hex[k]
            if has_z[k]:
                whole[index] = whole_hex[k]
    return flat, whole


class PostgisStore:
    """geo.store.api.Store on PostgreSQL + PostGIS."""

    kind = "postgis"

    def __init__(self, url: str, timeout: float | None = None):
        self.timeout = store_timeout() if timeout is None else timeout
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=pool_size(),
            open=False,
            timeout=self.timeout,
            check=ConnectionPool.check_connection,
            kwargs={
                "connect_timeout": max(1, int(self.timeout)),
                "application_name": "darien-map",
                # A change that waits for a lock longer than the store's timeout is refused
                # (StoreUnavailable) instead of hanging the user's session.
                "options": f"-c lock_timeout={int(self.timeout * 1000)}",
            },
            name="darien-workspaces",
        )
        try:
            self._pool.open(wait=True, timeout=self.timeout)
        except (psycopg.OperationalError, psycopg.InterfaceError):
            self._pool.close()
            # The URL may carry a password: never repeat it, nor the driver's message that may quote it.
            raise StoreUnavailable("the PostgreSQL workspace store cannot be reached") from None
        try:
            self.migrate()
        except psycopg.Error as error:
            self._pool.close()
            # E.g. no right to create the PostGIS extension or the tables: an operator's matter.
            raise StoreUnavailable(
                f"the PostgreSQL workspace store could not be prepared ({error.__class__.__name__}, "
                f"SQLSTATE {error.sqlstate})"
            ) from None
        except BaseException:
            self._pool.close()
            raise

    @contextmanager
    def _transaction(self):
        """One transaction on a pooled connection: committed at the end, rolled back on any error."""
        try:
            with self._pool.connection() as conn, conn.cursor() as cur:
                yield cur
        except (psycopg.OperationalError, psycopg.InterfaceError) as error:
            raise StoreUnavailable(f"the workspace store is unavailable ({error.__class__.__name__})") from None

    def migrate(self, upto: int | None = None) -> int:
        """Apply the migrations not yet applied (up to `upto`, all when None); the schema version.
        Under a transaction-level advisory lock: a second process starting at once waits, then
        finds nothing left to do."""
        known = migrate.migrations(self.kind)
        with self._transaction() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (migrate.ADVISORY_LOCK_KEY,))
            cur.execute(migrate.SCHEMA_VERSION_TABLE[self.kind])
            cur.execute("SELECT version FROM schema_version")
            done = {row[0] for row in cur.fetchall()}
            if done and max(done) > len(known):
                raise StoreUnavailable(f"the store's schema ({max(done)}) is newer than this program knows")
            for step in known:
                if step.number in done or (upto is not None and step.number > upto):
                    continue
                cur.execute(step.sql.encode("utf-8"))  # a constant file of the package, several statements
                cur.execute("INSERT INTO schema_version (version, name) VALUES (%s, %s)", (step.number, step.name))
            cur.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version")
            return cur.fetchone()[0]

    # lookups

    @staticmethod
    def _find(cur, token: str, lock: bool = False) -> tuple[int, int, bool]:
        digest = common.token_hash(token)
        cur.execute(
            "SELECT id, version, edit_hash = %s FROM workspaces WHERE edit_hash = %s OR view_hash = %s"
            + (" FOR UPDATE" if lock else ""),
            (digest, digest, digest),
        )
        row = cur.fetchone()
        if row is None:
            raise WorkspaceNotFound()
        return row[0], row[1], bool(row[2])

    def _change(self, cur, token: str, base_version) -> tuple[int, int]:
        base_version = common.check_base_version(base_version)
        workspace, _, can_edit = self._find(cur, token)
        if not can_edit:
            raise WorkspaceReadOnly()
        cur.execute(
            "UPDATE workspaces SET version = version + 1, updated_at = now() WHERE id = %s AND version = %s",
            (workspace, base_version),
        )
        if cur.rowcount != 1:
            raise StaleSave()
        return workspace, base_version + 1

    # the contract

    def create(self, settings: dict) -> Snapshot:
        text = common.settings_text(settings)
        edit = common.new_edit_token()
        view = common.view_token_for(edit)
        with self._transaction() as cur:
            cur.execute(
                "INSERT INTO workspaces (edit_hash, view_hash, version, settings) VALUES (%s, %s, 1, %s::json)",
                (common.token_hash(edit), common.token_hash(view), text),
            )
        return Snapshot(1, json.loads(text), [], Tokens(edit, view), True)

    def open(self, token: str) -> Snapshot:
        with self._transaction() as cur:
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            workspace, version, can_edit = self._find(cur, token)
            cur.execute("SELECT settings::text FROM workspaces WHERE id = %s", (workspace,))
            (settings,) = cur.fetchone()
            cur.execute(
                "SELECT id, spec::text, replaces, columns::text FROM workspace_layers"
                " WHERE workspace_id = %s ORDER BY position",
                (workspace,),
            )
            stored = cur.fetchall()
            layers = []
            for ref, spec, replaces, columns in stored:
                cur.execute(
                    "SELECT ST_AsBinary(COALESCE(geom_z, geom)), properties::text FROM workspace_features"
                    " WHERE layer_ref = %s ORDER BY position",
                    (ref,),
                )
                rows = cur.fetchall()
                geometries = [None if r[0] is None else shapely.from_wkb(bytes(r[0])) for r in rows]
                layers.append(common.decode_layer(spec, replaces, columns, geometries, [r[1] for r in rows]))
        tokens = Tokens(token if can_edit else None, common.view_token_for(token) if can_edit else token)
        return Snapshot(version, json.loads(settings), layers, tokens, can_edit)

    def version(self, token: str) -> int:
        with self._transaction() as cur:
            return self._find(cur, token)[1]

    def save_settings(self, token: str, base_version: int, settings: dict) -> int:
        text = common.settings_text(settings)
        with self._transaction() as cur:
            workspace, version = self._change(cur, token, base_version)
            cur.execute("UPDATE workspaces SET settings = %s::json WHERE id = %s", (text, workspace))
        return version

    def add_layer(self, token: str, base_version: int, layer) -> int:
        encoded = common.encode_layer(layer)
        geometries, with_z = _ewkb_columns(encoded.geometries)
        quota = quota_bytes()
        with self._transaction() as cur:
            workspace, version = self._change(cur, token, base_version)
            cur.execute(
                "SELECT id, position, bytes FROM workspace_layers WHERE workspace_id = %s AND layer_id = %s",
                (workspace, encoded.layer_id),
            )
            existing = cur.fetchone()
            cur.execute("SELECT COALESCE(SUM(bytes), 0) FROM workspace_layers WHERE workspace_id = %s", (workspace,))
            (stored,) = cur.fetchone()
            common.check_quota(int(stored) - (existing[2] if existing else 0), encoded.nbytes, quota)
            if existing:
                cur.execute("DELETE FROM workspace_layers WHERE id = %s", (existing[0],))
                position = existing[1]
            else:
                cur.execute(
                    "SELECT COALESCE(MAX(position), 0) + 1 FROM workspace_layers WHERE workspace_id = %s", (workspace,)
                )
                (position,) = cur.fetchone()
            cur.execute(
                "INSERT INTO workspace_layers (workspace_id, position, layer_id, spec, replaces, columns, bytes)"
                " VALUES (%s, %s, %s, %s::json, %s, %s::json, %s) RETURNING id",
                (
                    workspace,
                    position,
                    encoded.layer_id,
                    encoded.spec,
                    encoded.replaces,
                    encoded.columns,
                    encoded.nbytes,
                ),
            )
            (ref,) = cur.fetchone()
            # COPY's data stream: each value is data, never SQL; geometries as hex EWKB (SRID 4326).
            with cur.copy("COPY workspace_features (layer_ref, position, geom, geom_z, properties) FROM STDIN") as copy:
                for i, (geom, geom_z, props) in enumerate(zip(geometries, with_z, encoded.properties)):
                    copy.write_row((ref, i, geom, geom_z, props))
        return version

    def remove_layer(self, token: str, base_version: int, layer_id: str) -> int:
        with self._transaction() as cur:
            workspace, version = self._change(cur, token, base_version)
            cur.execute(
                "DELETE FROM workspace_layers WHERE workspace_id = %s AND layer_id = %s", (workspace, str(layer_id))
            )
            if cur.rowcount != 1:
                raise UnknownLayerError(f"the workspace has no layer {layer_id!r}")
        return version

    def delete(self, token: str) -> None:
        with self._transaction() as cur:
            workspace, _, can_edit = self._find(cur, token, lock=True)
            if not can_edit:
                raise WorkspaceReadOnly()
            cur.execute("DELETE FROM workspaces WHERE id = %s", (workspace,))

    def close(self) -> None:
        self._pool.close()

    def __repr__(self) -> str:
        return "PostgisStore()"  # never the URL: it may carry a password
