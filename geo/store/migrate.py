"""Versioned schema migrations: numbered SQL files per backend, applied in order, recorded.

    geo/store/migrations/sqlite/001_geopackage_and_workspaces.sql, 002_saved_at.sql, ...
    geo/store/migrations/postgis/001_workspaces.sql, 002_saved_at.sql, ...

Why plain SQL files run by psycopg 3 / sqlite3 rather than Alembic + SQLAlchemy + GeoAlchemy2:
the store has three tables and no ORM use; the SQL a reviewer reads is exactly what runs; the
same mechanism serves both backends (Alembic's SQLite support needs batch mode for ALTERs); and
it adds no dependency beyond the database drivers (psycopg, psycopg_pool) the store needs anyway.

Each backend's `open` applies every file whose number is not yet in its `schema_version` table,
all in ONE transaction with the record of each: a failed migration leaves the schema as it was.
On PostGIS a transaction-level advisory lock makes a second app process starting at the same
moment wait, then find the work done; on SQLite `BEGIN IMMEDIATE` does the same.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_NAME = re.compile(r"(\d{3})_([a-z0-9_]+)\.sql")

#: The key of PostgreSQL's advisory lock held while migrating (any constant bigint; "darien13").
ADVISORY_LOCK_KEY = 0x6461726965_6E13

SCHEMA_VERSION_TABLE = {
    "sqlite": "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    "postgis": "CREATE TABLE IF NOT EXISTS schema_version ("
    "version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
}


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    sql: str


def migrations(kind: str) -> list[Migration]:
    """The backend's migrations, in order; numbered 1, 2, 3... without gaps (checked)."""
    found = []
    for path in sorted((MIGRATIONS_DIR / kind).glob("*.sql")):
        match = _NAME.fullmatch(path.name)
        if not match:
            raise RuntimeError(f"migration file name {path.name!r} is not NNN_name.sql")
        found.append(Migration(int(match[1]), path.stem, path.read_text(encoding="utf-8")))
    numbers = [m.number for m in found]
    if numbers != list(range(1, len(found) + 1)):
        raise RuntimeError(f"{kind} migrations must be numbered 1, 2, 3... without gaps; found {numbers}")
    return found


def latest(kind: str) -> int:
    return len(migrations(kind))


def sqlite_statements(script: str) -> list[str]:
    """Split an SQLite script into statements (semicolons in strings, comments and triggers respected)."""
    statements, buffer = [], ""
    *pieces, tail = script.split(";")
    for piece in pieces:
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if _code(buffer[:-1]):
                statements.append(buffer.strip())
            buffer = ""
    rest = _code(buffer + tail)
    if rest:
        raise RuntimeError(f"an SQL migration ends with an unfinished statement: {rest[:80]!r}")
    return statements


def _code(text: str) -> str:
    """`text` without its `--` comment lines and blank space (what SQLite would run)."""
    return "\n".join(line for line in text.splitlines() if not line.strip().startswith("--")).strip()
