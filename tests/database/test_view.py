"""One view of a database layer: only what is in it, capped with the total, simplified per zoom,
and wide views of a big point table as counts per cell kept up to date by the overviews."""

from __future__ import annotations

import json

import pytest
import shapely

from geo.database import ensure_overviews, query_view
from geo.database.overviews import MAX_LEVEL, SCHEMA

WEST_BOX = (-78.0, 8.0, -77.8, 8.2)


@pytest.fixture
def points(conn):
    """A grid of 40 x 40 points in (-78, 8)..(-77.61, 8.39), 0.01 degree apart, and 3 far east."""
    conn.execute("TRUNCATE survey_points")
    conn.execute(
        "INSERT INTO survey_points (name, kind, geom)"
        " SELECT 'p' || i || '-' || j, 'grid', ST_SetSRID(ST_MakePoint(-78 + i * 0.01, 8 + j * 0.01), 4326)"
        " FROM generate_series(0, 39) i, generate_series(0, 39) j"
    )
    conn.execute(
        "INSERT INTO survey_points (name, kind, geom) VALUES"
        " ('east', 'far', ST_SetSRID(ST_MakePoint(-76.5, 8.5), 4326)),"
        " ('east2', 'far', ST_SetSRID(ST_MakePoint(-76.6, 8.6), 4326)),"
        " ('east3', 'far', ST_SetSRID(ST_MakePoint(-76.7, 8.7), 4326))"
    )
    yield conn
    conn.execute("TRUNCATE survey_points")


def _bounds_hold(feature, bounds) -> bool:
    west, south, east, north = bounds
    x, y = feature["geometry"]["coordinates"]
    return west <= x <= east and south <= y <= north


def test_only_the_features_in_view_come_back_with_their_attributes_and_provenance(points, points_layer):
    view = query_view(points, points_layer, WEST_BOX, zoom=12)
    assert view.kind == "features" and not view.capped
    assert len(view.features()) == view.total == 21 * 21  # 0.00..0.20 inclusive on both axes
    assert all(_bounds_hold(f, WEST_BOX) for f in view.features())
    assert "east" not in {f["properties"]["name"] for f in view.features()}
    first = view.features()[0]["properties"]
    assert first["kind"] == "grid" and first["source"] == "Test survey" and first["confidence"] == "reported"
    east = query_view(points, points_layer, (-77.0, 8.4, -76.4, 8.8), zoom=12)
    assert sorted(f["properties"]["name"] for f in east.features()) == ["east", "east2", "east3"]


def test_more_features_than_the_cap_come_back_capped_with_the_exact_total(points, points_layer):
    # Above the finest overview level: the points themselves, capped.
    view = query_view(points, points_layer, WEST_BOX, zoom=13, cap=100)
    assert view.capped and len(view.features()) == 100 and view.total == 441


def test_lines_are_simplified_coarser_at_low_zoom_and_written_with_fewer_decimals(conn, tracks_layer):
    conn.execute("TRUNCATE tracks")
    # A line wiggling at three scales: 0.02, 0.002 and 0.0001 degree; 2,001 vertices 0.0005 degree apart.
    conn.execute(
        "INSERT INTO tracks (name, geom) SELECT 'wiggle', ST_SetSRID(ST_MakeLine(array_agg(ST_MakePoint("
        " -78 + i * 0.0005, 8.1 + 0.02 * sin(i / 200.0) + 0.002 * sin(i / 5.0) + 0.0001 * (i % 2)) ORDER BY i)), 4326)"
        " FROM generate_series(0, 2000) i"
    )
    box = (-78.1, 8.0, -76.9, 8.2)
    vertices, decimals = {}, {}
    for zoom in (7, 12, 17):
        (feature,) = query_view(conn, tracks_layer, box, zoom=zoom).features()
        coords = feature["geometry"]["coordinates"]
        vertices[zoom] = len(coords)
        decimals[zoom] = max(len(repr(x).split(".")[-1]) for xy in coords for x in xy)
    assert vertices[7] < vertices[12] < vertices[17] == 2001
    assert decimals[7] < decimals[17]
    assert shapely.LineString(coords).length > 1.0  # zoom 17 keeps every wiggle: longer than the 1-degree span


def test_a_wide_view_of_a_point_layer_shows_counts_per_cell_that_add_up(points, points_layer):
    ensure_overviews(points, points_layer, rebuild=True)
    wide = query_view(points, points_layer, (-80.5, 6.5, -76.0, 9.6), zoom=8, cap=100)
    assert wide.kind == "cells" and not wide.geometries
    assert wide.total == sum(n for *_xy, n in wide.cells) == 1603
    near = query_view(points, points_layer, (-77.0, 8.4, -76.4, 8.8), zoom=8, cap=100)
    assert near.kind == "features" and near.total == 3  # few points in view: the points themselves


def _cells(conn, layer_id):
    return conn.execute(
        f'SELECT z, ix, iy, n, round(sx::numeric, 6), round(sy::numeric, 6) FROM {SCHEMA}."{layer_id}" ORDER BY 1, 2, 3'
    ).fetchall()


def test_the_overviews_follow_inserts_updates_and_deletes_as_a_rebuild_would(points, points_layer):
    ensure_overviews(points, points_layer, rebuild=True)
    before = _cells(points, points_layer.spec.id)
    assert {z for z, *_ in before} == set(range(MAX_LEVEL + 1))
    points.execute(
        "INSERT INTO survey_points (name, kind, geom) SELECT 'new' || i, 'new',"
        " ST_SetSRID(ST_MakePoint(-77.2 + i * 0.001, 7.5), 4326) FROM generate_series(1, 50) i"
    )
    points.execute("DELETE FROM survey_points WHERE name LIKE 'p1-%'")
    points.execute("UPDATE survey_points SET geom = ST_SetSRID(ST_MakePoint(-79.0, 9.0), 4326) WHERE name = 'east'")
    kept = _cells(points, points_layer.spec.id)
    assert kept != before
    ensure_overviews(points, points_layer, rebuild=True)
    assert kept == _cells(points, points_layer.spec.id)
    top = [row for row in kept if row[0] == 0]
    assert sum(row[3] for row in top) == 1603 + 50 - 40


def test_what_goes_to_the_map_is_strict_json(points, points_layer):
    view = query_view(points, points_layer, WEST_BOX, zoom=12)
    json.dumps(view.features(), allow_nan=False)


def test_a_line_layer_with_overviews_shows_counts_per_cell_in_a_wide_view(conn):
    from geo.database.config import parse_layer
    from tests.database.conftest import TRACKS

    layer = parse_layer(TRACKS | {"id": "tracks_ov", "overviews": True})
    conn.execute("TRUNCATE tracks")
    conn.execute(
        "INSERT INTO tracks (name, geom) SELECT 't' || i, ST_SetSRID(ST_MakeLine("
        " ST_MakePoint(-78 + i * 0.001, 8), ST_MakePoint(-78 + i * 0.001, 8.01)), 4326) FROM generate_series(1, 300) i"
    )
    ensure_overviews(conn, layer)
    wide = query_view(conn, layer, (-80.5, 6.5, -76.0, 9.6), zoom=7, cap=100)
    assert wide.kind == "cells" and wide.total == 300
    close = query_view(conn, layer, (-78.0, 7.99, -77.9505, 8.02), zoom=14, cap=100)
    assert close.kind == "features" and close.total == 49  # x = -77.999 .. -77.951, 0.001 apart
    conn.execute("DELETE FROM tracks WHERE name = 't1'")
    assert query_view(conn, layer, (-80.5, 6.5, -76.0, 9.6), zoom=7, cap=100).total == 299
    conn.execute("TRUNCATE tracks")


def test_a_role_without_the_right_to_make_overviews_is_told_to_run_the_setup(db_url, conn, points_layer):
    import psycopg

    from geo.database.config import DatabaseConfigError

    conn.execute("DO $$ BEGIN CREATE ROLE map_reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO map_reader")
    reader_url = db_url.replace("postgres@", "map_reader@")
    with (
        psycopg.connect(reader_url, autocommit=True) as reader,
        pytest.raises(DatabaseConfigError, match=r"python -m geo\.database setup"),
    ):
        ensure_overviews(reader, points_layer)
