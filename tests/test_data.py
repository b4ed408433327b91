"""The corridor data of record: reproducible, internally consistent, true to its sources."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from pyproj import Geod
from shapely import Point

import layers
from geo.crossing_figures import load_crossings, yearly
from geo.measure import buffer_km, geodesic_area_km2, geodesic_length_km
from layers.migration_routes import MODES
from layers.patrol_zones import PATROL_MODES
from layers.reception_communities import RECEPTION_KINDS
from scripts import build_data

ROOT = Path(__file__).resolve().parent.parent
SHARED_CSV = ROOT.parent / "shared" / "data" / "corridor" / "darien_crossings_reported.csv"
PARKS = json.loads((ROOT / "data" / "sources" / "parks.json").read_text(encoding="utf-8"))


def frame_of(bundled, layer_id):
    return next(layer.frame for layer in bundled if layer.spec.id == layer_id)


def test_data_folder_is_exactly_what_the_build_script_makes():
    built = build_data.build()
    for name, text in built.items():
        assert (ROOT / "data" / name).read_text(encoding="utf-8") == text, f"data/{name} is stale: run `make data`"
    on_disk = {p.name for p in (ROOT / "data").iterdir() if p.is_file() and p.name != "README.md"}
    assert on_disk == set(built), "a file in data/ is not produced by the build"


def test_the_build_is_deterministic():
    assert build_data.build() == build_data.build()


# --- migration routes ---------------------------------------------------------------


def test_route_segments_use_the_declared_vocabularies(bundled):
    routes = frame_of(bundled, "migration_routes")
    assert set(routes["mode"]) <= set(MODES)
    assert set(routes["direction"]) <= {"north", "south"}
    assert routes["segment_id"].is_unique
    assert (routes["confidence"] == "approximate").all()


def test_each_route_read_in_order_has_no_gaps(bundled):
    routes = frame_of(bundled, "migration_routes")
    for route, segments in routes.groupby("route"):
        segments = segments.sort_values("seq")
        assert segments["seq"].tolist() == list(range(1, len(segments) + 1)), route
        pairs = list(zip(segments.itertuples(), segments.iloc[1:].itertuples()))
        for before, after in pairs:
            assert before.to_place == after.from_place, (route, before.segment_id)
            end, start = before.geometry.coords[-1], after.geometry.coords[0]
            assert end == start, f"{route}: gap between {before.segment_id} and {after.segment_id}"


def test_segment_lengths_are_geodesic_and_agree_with_an_independent_method(bundled):
    routes = frame_of(bundled, "migration_routes")
    geod = Geod(ellps="WGS84")
    for segment in routes.itertuples():
        lon, lat = zip(*segment.geometry.coords)
        independent = geod.line_length(lon, lat) / 1000
        assert segment.length_km == pytest.approx(independent, abs=0.01)
        assert segment.length_km == pytest.approx(geodesic_length_km(segment.geometry), abs=0.01)


def test_the_flow_shifts_over_time_are_in_the_network(bundled):
    routes = frame_of(bundled, "migration_routes")
    by_route = routes.groupby("route")
    assert set(by_route.groups) == {
        "acandi_bajo_chiquito",
        "capurgana_bajo_chiquito",
        "canaan_membrillo",
        "caribbean_puerto_obaldia",
        "return_by_sea_2025",
    }
    back = routes[routes["route"] == "return_by_sea_2025"]
    assert (back["direction"] == "south").all()
    assert (back["valid_from"] == "2025-01-01").all()


def test_the_trek_crosses_the_border_where_a_segment_ends(bundled):
    routes = frame_of(bundled, "migration_routes")
    border = frame_of(bundled, "colombia_panama_border").geometry.iloc[0]
    treks = routes[routes["stage"] == "mountain_trek"]
    for segment in treks.itertuples():
        assert Point(segment.geometry.coords[-1]).distance(border) < 1e-4


# --- reception communities ---------------------------------------------------------


def test_communities_have_kinds_countries_and_admin_units_they_really_lie_in(bundled):
    places = frame_of(bundled, "reception_communities")
    admin = frame_of(bundled, "provinces_comarcas").set_index("name")
    assert set(places["kind"]) <= set(RECEPTION_KINDS)
    for place in places.itertuples():
        unit = admin.loc[place.admin_unit]
        assert unit["country"] == place.country
        # coarse polygons put some harbours offshore: the build's stated tolerance
        assert unit.geometry.intersects(buffer_km(place.geometry, build_data.COAST_TOLERANCE_KM)), place.name


def test_the_places_a_migrant_passes_are_there_and_honestly_placed(bundled):
    places = frame_of(bundled, "reception_communities").set_index("id")
    for pid in ("bajo_chiquito", "canaan_membrillo", "erm_lajas_blancas", "erm_san_vicente"):
        place = places.loc[pid]
        assert place["confidence"] == "approximate"
        assert len(place["placed_from"]) > 40 and "approximate" in place["caveat"]
    assert places.loc["bajo_chiquito", "admin_unit"] == "Comarca Emberá-Wounaan"
    assert places.loc["erm_san_vicente", "kind"] == "reception_station"
    assert set(places[places["confidence"] == "reported"].index) >= {"necocli", "turbo", "meteti"}


# --- parks -------------------------------------------------------------------------------


def test_darien_park_matches_the_published_facts(bundled):
    park = frame_of(bundled, "darien_national_park").geometry.iloc[0]
    panama = frame_of(bundled, "countries").set_index("name").geometry["Panama"]
    border = frame_of(bundled, "colombia_panama_border").geometry.iloc[0]
    facts = PARKS["darien_national_park"]
    area = geodesic_area_km2(park)
    assert abs(area - facts["area_km2"]) / facts["area_km2"] < 0.05
    assert geodesic_area_km2(park.difference(panama)) < 0.001 * area  # inside Panama
    e = facts["extent"]
    minx, miny, maxx, maxy = park.bounds
    assert e["min_lon"] <= minx and maxx <= e["max_lon"] and e["min_lat"] <= miny and maxy <= e["max_lat"]
    followed = geodesic_length_km(border.intersection(buffer_km(park.boundary, 1.0)))
    assert followed / geodesic_length_km(border) >= 0.8  # published: about 90 %


def test_los_katios_matches_the_published_facts(bundled):
    park = frame_of(bundled, "los_katios_national_park").geometry.iloc[0]
    colombia = frame_of(bundled, "countries").set_index("name").geometry["Colombia"]
    border = frame_of(bundled, "colombia_panama_border").geometry.iloc[0]
    facts = PARKS["los_katios_national_park"]
    area = geodesic_area_km2(park)
    assert abs(area - facts["area_km2"]) / facts["area_km2"] < 0.05
    assert geodesic_area_km2(park.difference(colombia)) < 0.001 * area
    assert park.distance(border) < 0.01  # reaches the frontier with Panama
    assert park.contains(Point(facts["centre"])) or park.distance(Point(facts["centre"])) < 0.05


@pytest.mark.parametrize("layer_id", ["darien_national_park", "los_katios_national_park"])
def test_parks_say_they_are_approximate(bundled, layer_id):
    park = frame_of(bundled, layer_id).iloc[0]
    assert park["confidence"] == "approximate"
    assert park["caveat"] == "approximate, not an official boundary"
    assert layers.get(layer_id).caveat["es"] == "Aproximado, no es un límite oficial."


def test_stored_areas_are_recomputed_not_typed(bundled):
    for layer_id in ("darien_national_park", "los_katios_national_park", "patrol_zones", "provinces_comarcas"):
        for feature in frame_of(bundled, layer_id).itertuples():
            assert feature.area_km2 == pytest.approx(geodesic_area_km2(feature.geometry), abs=0.06), layer_id


# --- patrol zones ---------------------------------------------------------------------


def test_patrol_zones_are_an_illustrative_scenario_on_every_feature(bundled):
    zones = frame_of(bundled, "patrol_zones")
    assert (zones["confidence"] == "illustrative").all()
    assert zones["caveat"].str.contains("not real patrol sectors").all()
    assert zones["name"].str.contains("ilustrativo").all() and zones["name_en"].str.contains("illustrative").all()
    assert set(zones["mode"]) <= set(PATROL_MODES)
    assert zones["agency"].str.len().gt(0).all() and (zones["valid_from"] == "2023-06-02").all()
    assert zones["source"].str.contains("Reuters").all()


# --- crossing statistics --------------------------------------------------------------


def test_every_figure_has_a_source_and_conflicts_are_flagged():
    figures = load_crossings()
    assert figures["source"].str.startswith("http").all()
    assert figures.loc[figures["period"] == "2020", "conflicting_figures"].item()
    assert not figures.loc[figures["period"] == "2019", "conflicting_figures"].item()


def test_yearly_figures_match_the_reference_csv():
    mine = yearly(load_crossings()).set_index("period")["value"]
    reference = pd.read_csv(
        ROOT / "data" / "sources" / "reference" / "darien_crossings_reported.csv", dtype={"period": str}
    )
    theirs = reference[reference["period_type"] == "year"].set_index("period")["value"]
    assert mine.sort_index().to_dict() == theirs.sort_index().to_dict()
    assert mine["2023"] == 520085 and mine["2025"] == 3091


@pytest.mark.skipif(not SHARED_CSV.exists(), reason="../shared is not beside this checkout")
def test_the_reference_copy_is_the_shared_csv():
    copy = ROOT / "data" / "sources" / "reference" / "darien_crossings_reported.csv"
    assert copy.read_bytes() == SHARED_CSV.read_bytes()
