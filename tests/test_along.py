"""Measure along a route between two points on it, against pyproj's Geod on known cases and on
the bundled routes (whose segment lengths the data build computed on their own)."""

from __future__ import annotations

import pytest
from pyproj import Geod
from shapely import LineString, Point

from geo.along import ROUTE_LAYER, length_along_km, route_line, route_stops

GEOD = Geod(ellps="WGS84")


def segments_of(bundled):
    return next(layer.frame for layer in bundled if layer.spec.id == ROUTE_LAYER)


def test_between_two_points_of_a_straight_line_is_their_geodesic_distance():
    line = LineString([(-78.0, 8.0), (-77.0, 8.0)])
    km, part = length_along_km(line, Point(-77.8, 8.0), Point(-77.3, 8.0))
    assert km == pytest.approx(GEOD.inv(-77.8, 8.0, -77.3, 8.0)[2] / 1000, rel=1e-4)
    assert part.coords[0] == pytest.approx((-77.8, 8.0), abs=1e-6)
    assert part.coords[-1] == pytest.approx((-77.3, 8.0), abs=1e-6)


def test_points_beside_the_route_fall_where_it_passes_nearest_and_order_does_not_matter():
    bend = LineString([(-78.0, 8.0), (-77.5, 8.0), (-77.5, 8.5)])
    km, _ = length_along_km(bend, Point(-77.7, 8.05), Point(-77.45, 8.3))
    expected = (GEOD.inv(-77.7, 8.0, -77.5, 8.0)[2] + GEOD.inv(-77.5, 8.0, -77.5, 8.3)[2]) / 1000
    assert km == pytest.approx(expected, rel=2e-3)
    assert length_along_km(bend, Point(-77.45, 8.3), Point(-77.7, 8.05))[0] == pytest.approx(km)
    assert length_along_km(bend, Point(-77.6, 8.0), Point(-77.6, 8.0)) == (0.0, LineString())


def test_along_a_bundled_route_the_parts_add_up_to_the_segments_the_build_measured(bundled):
    segments = segments_of(bundled)
    for route in segments["route"].unique():
        line = route_line(segments, route)
        stops = route_stops(segments, route)
        rows = segments[segments["route"] == route].sort_values("seq")
        assert [name for name, _ in stops] == [rows["from_place"].iloc[0], *rows["to_place"]]
        whole, _ = length_along_km(line, stops[0][1], stops[-1][1])
        assert whole == pytest.approx(rows["length_km"].sum(), rel=1e-3), route
        for i, row in enumerate(rows.itertuples()):  # stop to next stop: that segment
            km, _ = length_along_km(line, stops[i][1], stops[i + 1][1])
            assert km == pytest.approx(row.length_km, rel=1e-3, abs=0.01), (route, row.seq)


def test_bajo_chiquito_to_lajas_blancas_on_the_acandi_route(bundled):
    segments = segments_of(bundled)
    stops = dict(route_stops(segments, "acandi_bajo_chiquito"))
    line = route_line(segments, "acandi_bajo_chiquito")
    km, part = length_along_km(line, stops["Bajo Chiquito"], stops["Estación de Recepción Migratoria San Vicente"])
    row = segments[(segments["route"] == "acandi_bajo_chiquito") & (segments["seq"] >= 4)]
    assert km == pytest.approx(row["length_km"].sum(), rel=1e-3)
    assert km == pytest.approx(GEOD.geometry_length(part) / 1000, rel=1e-9)
