"""Connections to the database of the layers: a small pool, read-only sessions with a time limit."""

from __future__ import annotations

import psycopg
import psycopg_pool
from psycopg_pool import ConnectionPool

from geo.database.config import DatabaseConfigError

#: No view query may hold a connection longer than this (milliseconds).
STATEMENT_TIMEOUT_MS = 10_000


def pool(url: str, max_size: int = 4) -> ConnectionPool:
    """A pool of autocommit connections to `url`, each with a statement time limit. The layers
    only read, through it; the setup (overviews) uses its own connection."""

    def configure(conn) -> None:
        conn.autocommit = True
        conn.execute("SELECT set_config('statement_timeout', %s, false)", (str(STATEMENT_TIMEOUT_MS),))

    connections = ConnectionPool(url, min_size=1, max_size=max_size, configure=configure, open=True, timeout=10)
    try:
        connections.wait(timeout=10)
    except psycopg_pool.PoolTimeout as error:  # its text may hold the URL: not shown
        connections.close()
        raise DatabaseConfigError(key="db_unreachable") from error
    return connections


def setup_connection(url: str) -> psycopg.Connection:
    """One autocommit connection for the set-up (catalogue checks, overviews), without time limit."""
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as error:  # its text may hold the URL: not shown
        raise DatabaseConfigError(key="db_unreachable") from error
