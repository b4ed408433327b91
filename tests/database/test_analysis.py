"""The corridor analysis in SQL for database layers gives the figures geo/analysis gives on
GeoDataFrames of the same rows (within a tolerance for the geodesic arithmetic)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geo.analysis import roles
from geo.analysis.crossings import border_crossings
from geo.analysis.inside import length_inside_km
from geo.analysis.reach import nearest_route_km, reach_pairs
from geo.database.analysis import measure
from geo.measure import geodesic_lengths_km

REACH_KM = 10.0


@pytest.fixture(scope="module")
def reference(bundled):
    found = roles(bundled)
    return found.union("park"), found.frame("routes"), found.union("border")


def _frame(conn, table: str) -> gpd.GeoDataFrame:
    rows = conn.execute(f"SELECT id, ST_AsBinary(geom) FROM {table} ORDER BY id").fetchall()  # the test's own names
    return gpd.GeoDataFrame({"id": [r[0] for r in rows]}, geometry=shapely.from_wkb([r[1] for r in rows]), crs=4326)


def test_lines_lengths_in_the_park_and_border_crossings_equal_the_geopandas_answers(conn, tracks_layer, reference):
    park, _routes, border = reference
    rng = np.random.default_rng(13)
    conn.execute("TRUNCATE tracks")
    starts = rng.uniform((-78.5, 7.2), (-76.8, 8.8), (300, 2))
    coords = starts[:, None, :] + np.cumsum(rng.normal(0, 0.05, (300, 6, 2)), axis=1)
    for line in shapely.linestrings(coords):
        conn.execute("INSERT INTO tracks (name, geom) VALUES ('t', ST_GeomFromWKB(%s, 4326))", (shapely.to_wkb(line),))
    frame = _frame(conn, "tracks")
    got = measure(conn, tracks_layer, park=park, border=border)
    assert got.features == 300
    assert got.total_km == pytest.approx(float(geodesic_lengths_km(frame.geometry.values).sum()), rel=1e-6)
    expected_park = float(length_inside_km(frame, park).sum())
    assert expected_park > 100  # the test means something: many tracks cross the park
    assert got.in_park_km == pytest.approx(expected_park, rel=1e-5)
    expected_crossings = len(border_crossings(frame, border, "id"))
    assert expected_crossings > 5 and got.border_crossings == expected_crossings


def test_points_in_the_park_and_within_reach_of_the_routes_equal_the_geopandas_answers(conn, points_layer, reference):
    park, routes, _border = reference
    rng = np.random.default_rng(7)
    candidates = gpd.GeoDataFrame(geometry=shapely.points(rng.uniform((-78.6, 7.1), (-76.6, 8.9), (2000, 2))), crs=4326)
    km, _nearest = nearest_route_km(candidates, routes)
    keep = np.abs(km - REACH_KM) > 0.2  # none on the edge of the reach, where two exact methods may disagree
    conn.execute("TRUNCATE survey_points")
    for point in candidates.geometry[keep]:
        conn.execute(
            "INSERT INTO survey_points (name, kind, geom) VALUES ('p', 'k', ST_GeomFromWKB(%s, 4326))",
            (shapely.to_wkb(point),),
        )
    frame = _frame(conn, "survey_points")
    got = measure(conn, points_layer, park=park, routes=shapely.union_all(routes.geometry.values), reach_km=REACH_KM)
    assert got.features == len(frame) == int(keep.sum())
    in_park = int(frame.intersects(park).sum())
    assert 50 < in_park < len(frame) and got.in_park == in_park
    in_reach = reach_pairs(frame, routes, REACH_KM)["community"].nunique()
    assert 50 < in_reach < len(frame) and got.in_reach == in_reach
    conn.execute("TRUNCATE survey_points")
