"""The backup and restore of docs/workspaces.md work: a copy taken while the store is in use
opens with every workspace in it (SQLite's backup API; pg_dump / pg_restore on PostGIS)."""

from __future__ import annotations

import sqlite3
import subprocess

import pytest

from geo.errors import WorkspaceNotFound
from geo.store import common, open_store
from scripts.pgcluster import BIN
from tests.store.conftest import assert_same_layer, every_type_layer, sql_rows


def _fill(store):
    snap = store.create({"backed": "up"})
    layer = every_type_layer()
    store.add_layer(snap.tokens.edit, 1, layer)
    return snap, layer


def test_an_online_sqlite_backup_is_a_complete_store(tmp_path):
    live = tmp_path / "workspaces.gpkg"
    store = open_store(str(live))
    snap, layer = _fill(store)
    # What `sqlite3 var/workspaces.gpkg ".backup backup.gpkg"` does, while the app keeps its connection.
    source, copy = sqlite3.connect(live), sqlite3.connect(tmp_path / "backup.gpkg")
    source.backup(copy)
    source.close()
    copy.close()
    store.save_settings(snap.tokens.edit, 2, {"after": "the backup"})
    store.close()
    restored = open_store(str(tmp_path / "backup.gpkg"))
    try:
        opened = restored.open(snap.tokens.view)
        assert (opened.version, opened.settings) == (2, {"backed": "up"})
        assert_same_layer(opened.layers[0], layer)
    finally:
        restored.close()


def test_pg_dump_and_pg_restore_carry_every_workspace(postgis):
    source = postgis.create_database("backup_source")
    store = open_store(source)
    snap, layer = _fill(store)
    store.close()
    dump = subprocess.run(
        [str(BIN / "pg_dump"), "--format=custom", "--dbname", source], check=True, capture_output=True
    ).stdout
    target = postgis.create_database("backup_target")  # PostGIS already created, as the docs say
    subprocess.run(
        [str(BIN / "pg_restore"), "--no-owner", "--dbname", target], input=dump, check=True, capture_output=True
    )
    restored = open_store(target)
    try:
        opened = restored.open(snap.tokens.edit)
        assert (opened.version, opened.settings, opened.can_edit) == (2, {"backed": "up"}, True)
        assert_same_layer(opened.layers[0], layer)
    finally:
        restored.close()


def test_the_documented_purge_by_age_removes_old_workspaces_with_their_features(target):
    """The retention SQL of docs/workspaces.md: only workspaces unchanged for two years go."""
    store = open_store(target)
    old, recent = store.create({"old": True}), store.create({"old": False})
    store.add_layer(old.tokens.edit, 1, every_type_layer())
    store.add_layer(recent.tokens.edit, 1, every_type_layer())
    store.close()
    old_hash = common.token_hash(old.tokens.edit)
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as conn:
            conn.execute(
                "UPDATE workspaces SET updated_at = now() - interval '3 years' WHERE edit_hash = %s", (old_hash,)
            )
            conn.execute("DELETE FROM workspaces WHERE updated_at < now() - interval '2 years'")
    else:
        conn = sqlite3.connect(target, isolation_level=None)  # as the sqlite3 program runs it: autocommit
        conn.execute("UPDATE workspaces SET updated_at = '2020-01-01T00:00:00+00:00' WHERE edit_hash = ?", (old_hash,))
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM workspaces WHERE updated_at < strftime('%Y-%m-%dT%H:%M:%S', 'now', '-2 years')")
        conn.close()
    store = open_store(target)
    try:
        with pytest.raises(WorkspaceNotFound):
            store.open(old.tokens.view)
        assert store.open(recent.tokens.view).settings == {"old": False}
    finally:
        store.close()
    assert sql_rows(target, "SELECT COUNT(*) FROM workspace_features") == [(len(every_type_layer().frame),)]
