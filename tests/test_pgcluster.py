"""The throwaway PostGIS cluster the store tests run on: it starts, has PostGIS, and answers."""

from __future__ import annotations

import psycopg


def test_cluster_has_postgis_and_answers(postgis):
    with psycopg.connect(postgis.url) as conn:
        version = conn.execute("SELECT postgis_lib_version()").fetchone()[0]
        assert version.startswith("3.")
        assert conn.execute("SELECT current_setting('server_version_num')::int / 10000").fetchone()[0] == 15


def test_a_fresh_database_has_postgis(postgis):
    url = postgis.create_database("fresh_for_test")
    with psycopg.connect(url) as conn:
        point = conn.execute("SELECT ST_AsText(ST_SetSRID(ST_MakePoint(-77.5, 8.2), 4326))").fetchone()[0]
    assert point == "POINT(-77.5 8.2)"
