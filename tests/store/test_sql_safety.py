"""PostGIS schema as promised, and no SQL text built from data: every statement the store runs
is a constant of the source (or a migration file of the package); values go as parameters."""

from __future__ import annotations

import ast
from pathlib import Path

import psycopg
import pytest

from geo.store import open_store
from tests.store.conftest import NASTY, every_type_layer

STORE = Path(__file__).resolve().parent.parent.parent / "geo" / "store"
RUNS_SQL = {"execute", "executemany", "executescript", "copy"}
# The migration runners' texts: the package's own .sql files and the schema_version DDL constant.
ALLOWED_NAMES = {"statement", "migrate.SCHEMA_VERSION_TABLE[self.kind]", "step.sql.encode('utf-8')"}


def _constant(node) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _constant(node.left) and _constant(node.right)
    if isinstance(node, ast.IfExp):
        return _constant(node.body) and _constant(node.orelse)
    return ast.unparse(node) in ALLOWED_NAMES


@pytest.mark.parametrize("module", ["sqlite.py", "postgis.py"])
def test_every_statement_is_a_constant_of_the_source(module):
    tree = ast.parse((STORE / module).read_text())
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RUNS_SQL
    ]
    assert calls
    built = [ast.unparse(c) for c in calls if c.args and not _constant(c.args[0])]
    # The one exception: SQLite's busy timeout, an int from our own configuration, set per connection.
    assert built == (
        ["conn.execute(f'PRAGMA busy_timeout={int(self.timeout * 1000)}')"] if module == "sqlite.py" else []
    )


def test_postgis_keeps_geometry_in_4326_columns_with_a_gist_index(postgis):
    url = postgis.create_database("schema_check")
    store = open_store(url)
    try:
        snap = store.create({})
        store.add_layer(snap.tokens.edit, 1, every_type_layer(marker=NASTY))
    finally:
        store.close()
    with psycopg.connect(url) as conn:
        columns = conn.execute(
            "SELECT f_geometry_column, type, srid, coord_dimension FROM geometry_columns"
            " WHERE f_table_name = 'workspace_features' ORDER BY f_geometry_column"
        ).fetchall()
        assert columns == [("geom", "GEOMETRY", 4326, 2), ("geom_z", "GEOMETRY", 4326, 3)]
        indexes = conn.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'workspace_features' AND indexdef LIKE '%gist%'"
        ).fetchall()
        assert len(indexes) == 1 and "(geom)" in indexes[0][0]
        # Z features: 2-D footprint in geom (indexed), the whole geometry in geom_z.
        z_rows = conn.execute(
            "SELECT ST_AsText(geom), ST_AsText(geom_z) FROM workspace_features WHERE geom_z IS NOT NULL ORDER BY position"
        ).fetchall()
        assert z_rows[0] == ("POINT(-77.4 8.3)", "POINT Z (-77.4 8.3 12.5)")
        # A bounding-box query finds features through the index.
        conn.execute("SET enable_seqscan = off")
        plan = " ".join(
            r[0]
            for r in conn.execute(
                "EXPLAIN SELECT id FROM workspace_features WHERE geom && ST_MakeEnvelope(-78, 7, -76, 9, 4326)"
            ).fetchall()
        )
        assert "workspace_features_geom" in plan
        assert conn.execute("SELECT COUNT(*) FROM workspaces").fetchone() == (1,)
