"""A store that cannot be reached, is full or stays locked: StoreUnavailable, and what was saved stays."""

from __future__ import annotations

import sqlite3
import threading

import psycopg
import pytest

from geo.errors import StoreUnavailable
from geo.store import open_store
from scripts.pgcluster import free_port
from tests.store.conftest import small_layer


def _hold_write_lock(target: str):
    """Another client takes the write lock on the workspaces; returns a function releasing it."""
    if target.startswith("postgresql://"):
        conn = psycopg.connect(target)
        conn.execute("LOCK TABLE workspaces IN ACCESS EXCLUSIVE MODE")
        return conn.rollback, conn.close
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    return (lambda: conn.execute("ROLLBACK")), conn.close


def test_a_store_locked_beyond_the_timeout_refuses_the_change_and_keeps_what_was_saved(target, monkeypatch):
    monkeypatch.setenv("DARIEN_STORE_TIMEOUT", "0.5")
    store = open_store(target)
    try:
        snap = store.create({"saved": 1})
        store.add_layer(snap.tokens.edit, 1, small_layer(n=3))
        release, close = _hold_write_lock(target)
        try:
            with pytest.raises(StoreUnavailable) as refused:
                store.save_settings(snap.tokens.edit, 2, {"saved": 2})
            assert "no se guardó" in refused.value.message("es")
            assert "not saved" in refused.value.message("en")
        finally:
            release()
            close()
        opened = store.open(snap.tokens.edit)
        assert (opened.version, opened.settings, len(opened.layers[0].frame)) == (2, {"saved": 1}, 3)
        assert store.save_settings(snap.tokens.edit, 2, {"saved": 2}) == 3  # the same change, once free
    finally:
        store.close()


def test_a_full_disk_refuses_the_change_and_keeps_what_was_saved(tmp_path):
    """SQLite's own 'database or disk is full' (SQLITE_FULL), made with max_page_count."""
    store = open_store(str(tmp_path / "w.gpkg"))
    try:
        snap = store.create({"saved": 1})
        conn = store._conn()  # this thread's connection: the file may grow only a little
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        with pytest.raises(StoreUnavailable):
            store.add_layer(snap.tokens.edit, 1, small_layer(n=5000))
        opened = store.open(snap.tokens.edit)  # a fresh connection, without the limit
        assert (opened.version, opened.settings, opened.layers) == (1, {"saved": 1}, [])
        assert store.add_layer(snap.tokens.edit, 1, small_layer(n=5000)) == 2
    finally:
        store.close()
    check = sqlite3.connect(tmp_path / "w.gpkg")
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()


def test_a_database_that_cannot_be_reached_is_store_unavailable_without_the_url(monkeypatch):
    monkeypatch.setenv("DARIEN_STORE_TIMEOUT", "1")
    url = f"postgresql://someone:s3cret-pw@127.0.0.1:{free_port()}/nowhere"
    with pytest.raises(StoreUnavailable) as refused:
        open_store(url)
    text = str(refused.value) + refused.value.message("en") + refused.value.message("es")
    assert "s3cret-pw" not in text and "nowhere" not in text


def test_a_file_that_is_not_a_store_is_store_unavailable(tmp_path):
    path = tmp_path / "garbage.gpkg"
    path.write_bytes(b"this is not an SQLite database, " * 200)
    with pytest.raises(StoreUnavailable) as refused:
        open_store(str(path))
    assert str(tmp_path) not in refused.value.message("en")
    assert path.read_bytes().startswith(b"this is not")  # left as it was


def test_postgis_connections_cut_by_the_server_are_replaced_and_nothing_is_lost(postgis):
    url = postgis.create_database("cut_connections")
    store = open_store(url)
    try:
        snap = store.create({"saved": 1})
        store.add_layer(snap.tokens.edit, 1, small_layer(n=7))
        postgis.psql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'darien-map'",
            database="postgres",
        )
        opened = store.open(snap.tokens.view)  # the pool checks its connections and reconnects
        assert (opened.version, opened.settings, len(opened.layers[0].frame)) == (2, {"saved": 1}, 7)
        assert store.save_settings(snap.tokens.edit, 2, {"saved": 2}) == 3
    finally:
        store.close()


def test_many_threads_share_one_store(store):
    """The app keeps one store per process for all its sessions (threads)."""
    snap = store.create({"n": 0})
    results, errors = [], []

    def work(i):
        try:
            other = store.create({"i": i})
            store.add_layer(other.tokens.edit, 1, small_layer(n=20, value=str(i)))
            results.append(store.open(other.tokens.view).layers[0].frame["value"].tolist() == [str(i)] * 20)
            store.open(snap.tokens.view)
        except Exception as error:  # collected, asserted below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and results == [True] * 8


def test_a_database_where_the_schema_cannot_be_made_is_store_unavailable(postgis):
    """A role without the right to create tables (nor PostGIS): refused at start, nothing half-made."""
    url = postgis.create_database("no_rights")
    postgis.psql("DROP ROLE IF EXISTS visitor; CREATE ROLE visitor LOGIN", database="no_rights")
    postgis.psql("REVOKE CREATE ON SCHEMA public FROM PUBLIC", database="no_rights")
    with pytest.raises(StoreUnavailable) as refused:
        open_store(url.replace("postgres@", "visitor@"))
    assert "InsufficientPrivilege" in str(refused.value)
    with psycopg.connect(url) as conn:
        tables = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
    assert ("workspaces",) not in tables and ("schema_version",) not in tables
