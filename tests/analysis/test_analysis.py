"""Corridor analysis on cases with known answers, checked against pyproj's Geod."""

from __future__ import annotations

import geopandas as gpd
import pytest
from pyproj import Geod
from shapely import LineString, Point, box

import layers
from geo.analysis import analyse, derived_layers, roles, segments
from geo.analysis.coverage import coverage_gaps
from geo.analysis.crossings import border_crossings
from geo.analysis.inside import entries_and_exits, length_inside_km
from geo.analysis.reach import communities_within, nearest_to_point
from geo.load import Layer
from geo.selection import Filters, apply_filters
from geo.spec import LayerSpec
from tests.specs import user_spec

GEOD = Geod(ellps="WGS84")
ALONG = LineString([(-78.0, 8.5), (-76.0, 8.5)])  # 2 degrees along a parallel
ZONE = box(-77.5, 8.0, -77.0, 9.0)


def lines(*geoms, **columns) -> gpd.GeoDataFrame:
    columns = columns or {"segment_id": [f"s{i}" for i in range(len(geoms))], "route": ["r"] * len(geoms)}
    return gpd.GeoDataFrame(columns, geometry=list(geoms), crs="EPSG:4326")


def points(named: dict[str, tuple[float, float]]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"name": list(named)}, geometry=[Point(xy) for xy in named.values()], crs="EPSG:4326")


def geod_km(*lonlat) -> float:
    lons, lats = zip(*lonlat)
    return GEOD.line_length(lons, lats) / 1000


def spec(layer_id, geometry) -> LayerSpec:
    return user_spec(layer_id, geometry)


# --- routes and the park ----------------------------------------------------------------


def test_length_inside_a_box_equals_the_geodesic_length_of_the_piece():
    inside = length_inside_km(lines(ALONG), ZONE)[0]
    assert inside == pytest.approx(geod_km((-77.5, 8.5), (-77.0, 8.5)), abs=1e-6)
    assert inside == pytest.approx(55.05, abs=0.01)  # half a degree of longitude at 8.5° N
    assert length_inside_km(lines(ALONG), None)[0] == 0.0


def test_where_a_route_enters_and_leaves_the_park():
    found = entries_and_exits(lines(ALONG), ZONE, "segment_id")
    assert found["kind"].tolist() == ["enter", "leave"]
    assert [p.x for p in found.geometry] == pytest.approx([-77.5, -77.0])
    assert found["along_km"].tolist() == pytest.approx(
        [round(geod_km((-78, 8.5), (-77.5, 8.5)), 2), round(geod_km((-78, 8.5), (-77.0, 8.5)), 2)]
    )


def test_a_route_that_only_touches_the_park_does_not_enter_it():
    touching = LineString([(-77.5, 7.0), (-77.5, 8.0), (-78.0, 8.0)])
    assert entries_and_exits(lines(touching), ZONE, "segment_id").empty


# --- border --------------------------------------------------------------------------------


def test_border_crossing_point():
    found = border_crossings(lines(LineString([(-78, 8), (-77, 9)])), LineString([(-78, 9), (-77, 8)]), "segment_id")
    assert (found["lon"].item(), found["lat"].item()) == (-77.5, 8.5)


def test_bundled_routes_cross_the_border_on_the_trek(bundled):
    found = roles(bundled)
    result = border_crossings(segments(found.frame("routes")), found.union("border"), "segment_id")
    stages = set(segments(found.frame("routes")).set_index("segment_id").loc[result["segment_id"], "stage"])
    assert "descent" in stages or "mountain_trek" in stages
    border = found.union("border")
    assert all(border.distance(p) < 1e-6 for p in result.geometry)


# --- coverage ------------------------------------------------------------------------------


def test_patrol_share_and_gaps_with_a_community_at_the_start():
    zone = gpd.GeoDataFrame(geometry=[ZONE], crs="EPSG:4326")
    town = points({"start": (-78.0, 8.5)})
    gaps = coverage_gaps(lines(ALONG), zone, town, distance_km=10)
    total, patrolled = geod_km((-78, 8.5), (-76, 8.5)), geod_km((-77.5, 8.5), (-77.0, 8.5))
    assert gaps["gap_km"].item() == pytest.approx(total - patrolled - 10, abs=0.05)
    assert length_inside_km(lines(ALONG), ZONE)[0] / total == pytest.approx(0.25, abs=0.001)


def test_no_zones_and_no_communities_means_the_whole_route_is_a_gap():
    gaps = coverage_gaps(lines(ALONG), None, None, distance_km=10)
    assert gaps["gap_km"].item() == pytest.approx(geod_km((-78, 8.5), (-76, 8.5)), abs=0.01)


# --- reach ---------------------------------------------------------------------------------


def north_of(lon, lat, km):
    x, y, _ = GEOD.fwd(lon, lat, 0, km * 1000)
    return (x, y)


def test_communities_within_a_distance_of_the_routes():
    towns = points({"near": north_of(-77.3, 8.5, 5), "far": north_of(-77.3, 8.5, 15), "on": (-76.5, 8.5)})
    within10 = communities_within(towns, lines(ALONG), 10, "segment_id")
    assert within10["name"].tolist() == ["on", "near"]
    assert within10["distance_km"].tolist() == pytest.approx([0.0, 5.0], abs=0.01)
    assert communities_within(towns, lines(ALONG), 20, "segment_id")["name"].tolist() == ["on", "near", "far"]


def test_nearest_communities_and_segment_to_a_clicked_point(bundled):
    found = roles(bundled)
    communities = found.frame("communities")
    yaviza = communities.set_index("name").geometry["Yaviza"]
    nearest, segment = nearest_to_point(yaviza.x, yaviza.y, communities, segments(found.frame("routes")))
    assert nearest["name"].iloc[0] == "Yaviza" and nearest["distance_km"].iloc[0] == 0.0
    second = communities.set_index("name").geometry[nearest["name"].iloc[1]]
    assert nearest["distance_km"].iloc[1] == pytest.approx(
        round(GEOD.inv(yaviza.x, yaviza.y, second.x, second.y)[2] / 1000, 2)
    )
    assert nearest["distance_km"].is_monotonic_increasing
    assert segment["segment_id"] and segment["distance_km"] > 0


# --- the whole analysis ---------------------------------------------------------------------


def test_summary_of_the_bundled_corridor_is_consistent(bundled):
    result = analyse(roles(bundled), 10)
    routes = roles(bundled).frame("routes")
    stored = routes.groupby("route")["length_km"].sum()
    for row in result.summary.itertuples():
        assert row.total_km == pytest.approx(stored[row.route], abs=0.05)
        assert 0 <= row.in_park_km <= row.total_km and 0 <= row.in_patrol_km <= row.total_km
        assert row.in_gaps_km + row.in_patrol_km <= row.total_km + 0.01
    assert result.confidence == "illustrative"  # the patrol zones are a scenario
    trek = result.summary.set_index("route").loc["acandi_bajo_chiquito"]
    assert trek.in_park_km > 0 and "Bajo Chiquito" in trek.communities


def test_a_users_patrol_sectors_replace_the_scenario_and_every_figure_follows(bundled):
    everything = box(-80.5, 6.5, -76.0, 9.6)
    mine = Layer(
        spec("user_sectors", "Polygon"),
        gpd.GeoDataFrame(
            {"source": ["my agency"], "confidence": ["official"], "licence": ["internal"]},
            geometry=[everything],
            crs=4326,
        ),
        replaces="patrol_zones",
    )
    shown = [mine if layer.spec.id == "patrol_zones" else layer for layer in bundled]
    result = analyse(roles(shown), 10)
    assert (result.summary["patrol_share_pct"] == 100.0).all()
    assert (result.summary["in_gaps_km"] == 0).all() and result.gaps.empty
    assert result.confidence == "approximate"  # no illustrative input any more


def test_user_routes_without_route_ids_are_one_route_each():
    routes = Layer(
        spec("user_tracks", "LineString"),
        gpd.GeoDataFrame(
            {
                "name": ["track A", "track B"],
                "source": ["gps"] * 2,
                "confidence": ["official"] * 2,
                "licence": ["x"] * 2,
            },
            geometry=[ALONG, LineString([(-78, 8), (-77.9, 8)])],
            crs=4326,
        ),
        replaces="migration_routes",
    )
    result = analyse(roles([routes]), 10)
    assert result.summary["route"].tolist() == ["track A", "track B"]
    assert result.summary["in_park_km"].tolist() == [0.0, 0.0]


def test_derived_layers_carry_provenance_and_the_weakest_confidence(bundled):
    result = analyse(roles(bundled), 10)
    derived = derived_layers(result, {s.id: s for s in layers.DERIVED}, 10)
    assert [layer.spec.id for layer in derived] == ["coverage_gaps", "park_crossings", "border_crossings"]
    for layer in derived:
        assert (layer.frame["confidence"] == "illustrative").all()
        assert layer.frame["source"].str.startswith("Computed by this project from:").all()
        assert layer.frame["caveat"].str.len().gt(20).all()
    gaps = derived[0].frame
    assert gaps["gap_km"].sum() == pytest.approx(result.summary["in_gaps_km"].sum(), abs=0.05)
    assert (gaps["reach_km"] == 10).all()


def test_no_routes_no_analysis(bundled):
    assert analyse(roles([layer for layer in bundled if layer.spec.id != "migration_routes"]), 10) is None


def test_projected_buffer_agrees_with_geodesic_distance_where_it_decides():
    # A town exactly 10.02 km from the line: outside a 10 km reach, inside 10.05.
    town = points({"edge": north_of(-76.2, 8.5, 10.02)})
    assert communities_within(town, lines(ALONG), 10.0, "segment_id").empty
    assert len(communities_within(town, lines(ALONG), 10.05, "segment_id")) == 1


# --- the analysis follows the month ---------------------------------------------------------


def as_of(bundled, month, undated="show"):
    """The roles of the layers the map shows as of `month`."""
    return roles(apply_filters(bundled, Filters(as_of=month, undated=undated)))


def test_the_analysis_of_a_month_is_of_what_held_in_it(bundled):
    routes = roles(bundled).frame("routes")
    stored = routes.groupby("route")["length_km"].sum()
    before, after = analyse(as_of(bundled, "2016-01"), 10), analyse(as_of(bundled, "2024-01"), 10)
    # January 2016: only the Cuban route by the Caribbean (2015 to 9 May 2016), by sea: no park, and
    # Operación Chocó (June 2023) not yet launched, so no patrol zone and nothing illustrative.
    assert before.summary["route"].tolist() == ["caribbean_puerto_obaldia"]
    assert before.summary["total_km"].item() == pytest.approx(stored["caribbean_puerto_obaldia"], abs=0.05)
    assert before.summary["in_park_km"].item() == 0 and before.summary["in_patrol_km"].item() == 0
    assert before.confidence == "approximate"
    # January 2024: the two routes to Bajo Chiquito (November 2022 to April 2025), through the park,
    # under the Operación Chocó scenario.
    assert after.summary["route"].tolist() == ["acandi_bajo_chiquito", "capurgana_bajo_chiquito"]
    for row in after.summary.itertuples():
        assert row.total_km == pytest.approx(stored[row.route], abs=0.05)  # every segment held then
        assert row.in_park_km > 0 and row.in_patrol_km > 0
    assert after.confidence == "illustrative"


def test_the_undated_choice_reaches_the_analysis(bundled):
    shown, hidden = analyse(as_of(bundled, "2024-01"), 10), analyse(as_of(bundled, "2024-01", "hide"), 10)
    stations = "Estación de Recepción Migratoria Lajas Blancas, Estación de Recepción Migratoria San Vicente"
    # Hidden: only the two reception stations, whose periods are known, count as communities in reach.
    assert hidden.summary["communities"].tolist() == [stations, stations]
    assert (shown.summary["communities_in_reach"] > hidden.summary["communities_in_reach"]).all()
    assert (shown.summary["in_gaps_km"] < hidden.summary["in_gaps_km"]).all()
    assert shown.summary["total_km"].tolist() == hidden.summary["total_km"].tolist()
