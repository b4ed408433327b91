"""Schema migrations: numbered SQL files per backend, applied once, in order, in one transaction."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import psycopg
import pytest

from geo.errors import StoreUnavailable
from geo.store import common, migrate, open_store
from tests.store.conftest import ROOT, small_layer, sql_rows

KINDS = ("sqlite", "postgis")


def _kind(target: str) -> str:
    return "postgis" if target.startswith("postgresql://") else "sqlite"


@pytest.mark.parametrize("kind", KINDS)
def test_the_migrations_are_numbered_files_shipped_with_the_package(kind):
    steps = migrate.migrations(kind)
    assert [s.number for s in steps] == list(range(1, len(steps) + 1))
    assert len(steps) >= 2
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["geo.store"]
    shipped = {p for pattern in patterns for p in (ROOT / "geo" / "store").glob(pattern)}
    assert set((migrate.MIGRATIONS_DIR / kind).glob("*.sql")) <= shipped


def test_migrations_are_applied_once_and_reopening_changes_nothing(target):
    kind = _kind(target)
    store = open_store(target)
    snap = store.create({"kept": True})
    store.close()
    first = sql_rows(target, "SELECT version, name FROM schema_version ORDER BY version")
    assert first == [(s.number, s.name) for s in migrate.migrations(kind)]
    for _ in range(3):
        again = open_store(target)
        assert again.open(snap.tokens.edit).settings == {"kept": True}
        again.close()
    assert sql_rows(target, "SELECT version, name FROM schema_version ORDER BY version") == first


def _schema_at_version_1(target: str) -> tuple[str, str]:
    """A store as the first release of the schema wrote it, with one workspace in it; its tokens."""
    kind = _kind(target)
    step = migrate.migrations(kind)[0]
    edit = common.new_edit_token()
    view = common.view_token_for(edit)
    row = (common.token_hash(edit), common.token_hash(view), '{"from": "v1"}')
    if kind == "postgis":
        with psycopg.connect(target) as conn:
            conn.execute(migrate.SCHEMA_VERSION_TABLE[kind])
            conn.execute(step.sql.encode())
            conn.execute("INSERT INTO schema_version (version, name) VALUES (1, %s)", (step.name,))
            conn.execute("INSERT INTO workspaces (edit_hash, view_hash, version, settings) VALUES (%s, %s, 1, %s)", row)
    else:
        import sqlite3

        conn = sqlite3.connect(target)
        with conn:
            conn.execute(migrate.SCHEMA_VERSION_TABLE[kind])
            for statement in migrate.sqlite_statements(step.sql):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version VALUES (1, ?, '2026-01-01')", (step.name,))
            conn.execute("INSERT INTO workspaces (edit_hash, view_hash, version, settings) VALUES (?, ?, 1, ?)", row)
        conn.close()
    return edit, view


def test_a_store_of_an_older_schema_is_upgraded_and_keeps_its_workspaces(target):
    edit, view = _schema_at_version_1(target)
    assert sql_rows(target, "SELECT version FROM schema_version") == [(1,)]
    store = open_store(target)
    try:
        assert [v for (v,) in sql_rows(target, "SELECT version FROM schema_version ORDER BY version")] == [1, 2]
        assert store.open(view).settings == {"from": "v1"}
        assert store.add_layer(edit, 1, small_layer()) == 2
        created, updated = sql_rows(target, "SELECT created_at, updated_at FROM workspaces")[0]
        assert created is not None and updated is not None  # filled by 002_saved_at
    finally:
        store.close()


def test_a_schema_newer_than_the_program_is_refused(target):
    open_store(target).close()
    if _kind(target) == "postgis":
        with psycopg.connect(target) as conn:
            conn.execute("INSERT INTO schema_version (version, name) VALUES (999, '999_future')")
    else:
        import sqlite3

        conn = sqlite3.connect(target)
        with conn:
            conn.execute("INSERT INTO schema_version VALUES (999, '999_future', '2030-01-01')")
        conn.close()
    with pytest.raises(StoreUnavailable):
        open_store(target)


def test_two_processes_starting_at_once_migrate_once(target):
    """Two app processes opening a new store at the same moment: the advisory lock (PostGIS) or
    BEGIN IMMEDIATE (SQLite) lets one migrate; the other finds the work done."""
    code = (
        "import sys\n"
        "from geo.store import open_store\n"
        "s = open_store(sys.argv[1]); print(s.create({}).version); s.close()\n"
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", code, target], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], [o[1].decode()[-500:] for o in outputs]
    assert [o[0].strip() for o in outputs] == [b"1"] * 3
    versions = sql_rows(target, "SELECT version FROM schema_version ORDER BY version")
    assert versions == [(s.number,) for s in migrate.migrations(_kind(target))]
    assert sql_rows(target, "SELECT COUNT(*) FROM workspaces") == [(3,)]


def test_sqlite_scripts_split_on_statements_not_on_every_semicolon():
    script = "-- a comment; with a semicolon\nCREATE TABLE a (x TEXT DEFAULT ';');\nINSERT INTO a VALUES ('b;c');\n"
    assert migrate.sqlite_statements(script) == [
        "-- a comment; with a semicolon\nCREATE TABLE a (x TEXT DEFAULT ';');",
        "INSERT INTO a VALUES ('b;c');",
    ]
    with pytest.raises(RuntimeError):
        migrate.sqlite_statements("CREATE TABLE a (x TEXT);\nCREATE TABLE b (")
