"""The corridor data of record: reproducible, internally consistent, true to its sources."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
import shapely
from pyproj import Geod
from shapely import LineString, Point

import layers
from geo.crossing_figures import load_crossings, monthly, yearly
from geo.measure import buffer_km, geodesic_area_km2, geodesic_length_km
from layers.migration_routes import MODES
from layers.patrol_zones import PATROL_MODES
from layers.reception_communities import RECEPTION_KINDS
from scripts import build_data, gazetteer

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
PARKS = json.loads((SOURCES / "parks.json").read_text(encoding="utf-8"))
CITATIONS = pd.read_csv(SOURCES / "citations.csv", dtype=str, keep_default_na=False)
GEOD = Geod(ellps="WGS84")

#: Sites that copy others' material (a video share page, a currency site, a content farm):
#: never the source of a figure of the series, at most of another source's figure.
AGGREGATORS = ("videoshare.biz", "dolartoday.com", "curiocity21.com")


def frame_of(bundled, layer_id):
    return next(layer.frame for layer in bundled if layer.spec.id == layer_id)


def feature(frame, column, value):
    rows = frame[frame[column] == value]
    assert len(rows) == 1, (column, value)
    return rows.iloc[0]


def as_date(value) -> dt.date | None:
    """A period bound as read back from the data (string or timestamp), or None."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


def valid_on(row, day: dt.date) -> bool:
    """The reference reading of a period: half-open [valid_from, valid_to); an undated
    feature is valid on no particular day (callers decide how to show it)."""
    if not row["dated"]:
        return False
    start, end = as_date(row["valid_from"]), as_date(row["valid_to"])
    return start <= day and (end is None or day < end)


def test_data_folder_is_exactly_what_the_build_script_makes():
    built = build_data.build()
    for name, text in built.items():
        assert (ROOT / "data" / name).read_text(encoding="utf-8") == text, f"data/{name} is stale: run `make data`"
    on_disk = {p.name for p in (ROOT / "data").iterdir() if p.is_file() and p.name != "README.md"}
    assert on_disk == set(built), "a file in data/ is not produced by the build"


def test_the_build_is_deterministic():
    assert build_data.build() == build_data.build()


# --- sources --------------------------------------------------------------------------


def test_every_citation_names_publisher_title_and_url_or_says_why_not():
    assert CITATIONS["id"].is_unique
    for c in CITATIONS.itertuples():
        assert c.publisher.strip() and c.title.strip() and c.note.strip(), c.id
        assert c.url.startswith("http") or "No URL" in c.note, c.id
        assert not c.date or c.date[:4].isdigit(), c.id


def test_every_citation_is_used_and_every_used_one_exists():
    used = set()
    for name in ("places.csv", "routes.csv", "periods.csv", "crossings_snm.csv", "gazetteer_names.csv"):
        table = pd.read_csv(SOURCES / name, dtype=str, keep_default_na=False)
        for column in ("cite", "other_cite"):
            if column in table:
                used |= {i for cell in table[column] for i in cell.split(";") if i}
    for park in PARKS.values():
        used |= set(park["cite"].split(";"))
    used.add(gazetteer.GEONAMES_CITATION)
    known = set(CITATIONS["id"])
    assert used <= known, used - known
    unused = known - used - {"reuters_choco_2023", "osm_countrylevels", "natural_earth"}
    assert unused == set(), "cited nowhere: " + ", ".join(sorted(unused))


def test_the_data_readme_lists_every_source():
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    missing = [c.id for c in CITATIONS.itertuples() if (c.url or c.id) not in readme]
    assert missing == []


def test_no_data_file_cites_an_aggregator_as_the_source_of_a_feature(bundled):
    for layer in bundled:
        if "source" in layer.frame:
            text = " ".join(layer.frame["source"].astype(str))
            assert not any(a in text for a in AGGREGATORS), layer.spec.id


# --- periods: dates, not years ---------------------------------------------------------


@pytest.mark.parametrize("layer_id", [spec.id for spec in layers.LAYERS if spec.origin == "bundled"])
def test_every_feature_is_dated_with_sourced_bounds_or_marked_undated(bundled, layer_id):
    frame = frame_of(bundled, layer_id)
    for column in build_data.PERIOD_COLUMNS:
        assert column in frame.columns, column
    for row in frame.to_dict("records"):
        if not row["dated"]:
            assert all(row[c] is None or pd.isna(row[c]) for c in build_data.PERIOD_COLUMNS[1:]), row
            continue
        start, end = as_date(row["valid_from"]), as_date(row["valid_to"])
        assert start is not None and row["valid_from_basis"] in build_data.FROM_BASES
        assert row["valid_from_precision"] in build_data.PRECISIONS
        assert row["valid_to_basis"] in build_data.TO_BASES
        for bound in ("valid_from", "valid_to"):
            text = row[f"{bound}_source"]
            assert "http" in text or "shared/seeds/" in text, f"{bound} has no source: {row}"
        if end is None:
            assert row["valid_to_basis"] in ("open", "unknown") and pd.isna(row["valid_to_precision"])
        else:
            assert row["valid_to_basis"] in ("stated", "attested") and end > start
        # a bound of precision month or year covers its whole unit
        for day, precision in ((start, row["valid_from_precision"]), (end, row["valid_to_precision"])):
            if day is not None and precision in ("month", "year"):
                assert day.day == 1 and (precision == "month" or day.month == 1), row


def test_context_layers_are_undated_not_always(bundled):
    for layer_id in ("countries", "colombia_panama_border", "coastline", "rivers", "towns", "provinces_comarcas"):
        frame = frame_of(bundled, layer_id)
        assert not frame["dated"].any(), layer_id
        assert frame["valid_from"].isna().all() and frame["valid_to"].isna().all()


def test_periods_are_half_open_at_their_edges(bundled):
    places = frame_of(bundled, "reception_communities")
    lajas = feature(places, "id", "erm_lajas_blancas")
    assert valid_on(lajas, dt.date(2025, 5, 13)) and not valid_on(lajas, dt.date(2025, 5, 14))  # closed 14 May
    assert valid_on(lajas, dt.date(2009, 1, 1)) and not valid_on(lajas, dt.date(2008, 12, 31))  # "since 2009"
    vicente = feature(places, "id", "erm_san_vicente")
    assert valid_on(vicente, dt.date(2022, 11, 25)) and not valid_on(vicente, dt.date(2022, 11, 24))
    routes = frame_of(bundled, "migration_routes")
    cuban = feature(routes, "segment_id", "caribbean_puerto_obaldia-02")
    assert valid_on(cuban, dt.date(2016, 5, 8)) and not valid_on(cuban, dt.date(2016, 5, 9))
    assert valid_on(cuban, dt.date(2015, 1, 1)) and not valid_on(cuban, dt.date(2014, 12, 31))
    canaan = feature(routes, "segment_id", "canaan_membrillo-03")  # attested to the year 2022
    assert valid_on(canaan, dt.date(2022, 12, 31)) and not valid_on(canaan, dt.date(2023, 1, 1))
    bajo = feature(routes, "segment_id", "acandi_bajo_chiquito-03")  # to the month of April 2025
    assert valid_on(bajo, dt.date(2025, 4, 30)) and not valid_on(bajo, dt.date(2025, 5, 1))
    back = feature(routes, "segment_id", "return_by_sea_2025-01")  # from February 2025, still open
    assert valid_on(back, dt.date(2025, 2, 1)) and not valid_on(back, dt.date(2025, 1, 31))
    assert valid_on(back, dt.date(2030, 1, 1)) and back["valid_to_basis"] == "open"
    town = feature(places, "id", "necocli")
    assert not town["dated"] and not valid_on(town, dt.date(2023, 1, 1))


def test_the_period_parser_widens_months_and_years():
    assert build_data._parse("2016", "year") == (dt.date(2016, 1, 1), dt.date(2017, 1, 1))
    assert build_data._parse("2024-12", "month") == (dt.date(2024, 12, 1), dt.date(2025, 1, 1))
    assert build_data._parse("2024-02", "month") == (dt.date(2024, 2, 1), dt.date(2024, 3, 1))
    assert build_data._parse("2025-05-13", "day") == (dt.date(2025, 5, 13), dt.date(2025, 5, 14))
    with pytest.raises(SystemExit):
        build_data._parse("2025-05", "day")


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
    for segment in routes.itertuples():
        lon, lat = zip(*segment.geometry.coords)
        independent = GEOD.line_length(lon, lat) / 1000
        assert segment.length_km == pytest.approx(independent, abs=0.01)
        assert segment.length_km == pytest.approx(geodesic_length_km(segment.geometry), abs=0.01)


def km_over_land(line, land) -> float:
    inside = line.intersection(land)
    return 0.0 if inside.is_empty else geodesic_length_km(inside)


def test_boat_segments_stay_at_sea(bundled):
    routes = frame_of(bundled, "migration_routes")
    land = shapely.union_all(list(frame_of(bundled, "countries").geometry))
    boats = routes[routes["mode"] == "boat"]
    assert len(boats) >= 10
    for segment in boats.itertuples():
        assert km_over_land(segment.geometry, land) <= 0.5, segment.segment_id
        if isinstance(segment.drawn_via, str):
            assert "offshore" in segment.caveat and "not reported places" in segment.caveat


def test_the_sea_test_catches_straight_lines_across_land(bundled):
    """The old straight segments (issue: 10 km, 8 km and 6 km over land) fail the test above."""
    places = frame_of(bundled, "reception_communities").set_index("id").geometry
    land = shapely.union_all(list(frame_of(bundled, "countries").geometry))
    for a, b in (("capurgana", "puerto_obaldia"), ("puerto_obaldia", "necocli"), ("turbo", "capurgana")):
        assert km_over_land(LineString([places[a], places[b]]), land) > 0.5, (a, b)


def test_the_flow_shifts_over_time_are_in_the_network(bundled):
    routes = frame_of(bundled, "migration_routes")
    assert set(routes["route"]) == {
        "acandi_bajo_chiquito",
        "capurgana_bajo_chiquito",
        "canaan_membrillo",
        "caribbean_puerto_obaldia",
        "return_by_sea_2025",
    }
    first = routes.sort_values("seq").groupby("route").first()
    assert as_date(first.loc["caribbean_puerto_obaldia", "valid_from"]) == dt.date(2015, 1, 1)
    assert as_date(first.loc["caribbean_puerto_obaldia", "valid_to"]) == dt.date(2016, 5, 9)
    assert as_date(first.loc["canaan_membrillo", "valid_from"]) <= dt.date(2021, 1, 1)
    assert as_date(first.loc["acandi_bajo_chiquito", "valid_to"]) == dt.date(2025, 5, 1)


def test_the_canaan_membrillo_way_is_reached_from_the_caribbean_side(bundled):
    canaan = frame_of(bundled, "migration_routes").query("route == 'canaan_membrillo'").sort_values("seq")
    assert "Acandí" not in set(canaan["from_place"]) | set(canaan["to_place"])
    trek = canaan[canaan["to_place"] == "Canaán Membrillo"].iloc[0]
    assert trek["from_place"] == "Puerto Obaldía" and trek["mode"] == "foot"
    assert "Armila" in trek["source"] and "Carreto" in trek["source"]
    assert canaan.iloc[0]["valid_from_basis"] == "attested" and "2021" in canaan.iloc[0]["valid_from_source"]


def test_the_2025_reverse_flow_follows_the_reported_way(bundled):
    back = frame_of(bundled, "migration_routes").query("route == 'return_by_sea_2025'").sort_values("seq")
    assert (back["direction"] == "south").all()
    stops = [back.iloc[0]["from_place"], *back["to_place"]]
    assert stops == [
        "Miramar",
        "Gardi Sugdub (Cartí Sugdup)",
        "Puerto Obaldía",
        "La Miel",
        "Sapzurro",
        "Capurganá",
        "Necoclí",
    ]
    foot = back[back["mode"] == "foot"]
    assert foot[["from_place", "to_place"]].values.tolist() == [["La Miel", "Sapzurro"]]
    assert (back["valid_from"].map(as_date) == dt.date(2025, 2, 1)).all()
    assert (back["valid_to_basis"] == "open").all()


def test_the_trek_crosses_the_border_where_a_segment_ends(bundled):
    routes = frame_of(bundled, "migration_routes")
    border = frame_of(bundled, "colombia_panama_border").geometry.iloc[0]
    treks = routes[routes["stage"] == "mountain_trek"]
    assert len(treks) == 2
    for segment in treks.itertuples():
        assert Point(segment.geometry.coords[-1]).distance(border) < 1e-4


def test_route_sources_do_not_attribute_distances_to_wikipedia(bundled):
    routes = frame_of(bundled, "migration_routes")
    assert not routes["source"].str.contains("wikipedia", case=False).any()
    places = frame_of(bundled, "reception_communities")
    assert not places["placed_from"].fillna("").str.contains(r"\b31 km|14 km", regex=True).any()


# --- reception communities ---------------------------------------------------------


def test_communities_have_kinds_countries_and_admin_units_they_really_lie_in(bundled):
    places = frame_of(bundled, "reception_communities")
    admin = frame_of(bundled, "provinces_comarcas").set_index("name")
    assert set(places["kind"]) <= set(RECEPTION_KINDS)
    for place in places.itertuples():
        unit = admin.loc[place.admin_unit]
        assert unit["country"] == place.country
        # coarse polygons put some harbours and islands offshore: the build's stated tolerance
        assert unit.geometry.intersects(buffer_km(place.geometry, build_data.COAST_TOLERANCE_KM)), place.name


def test_the_places_a_migrant_passes_are_there_and_honestly_placed(bundled):
    places = frame_of(bundled, "reception_communities").set_index("id")
    for pid in ("bajo_chiquito", "canaan_membrillo", "erm_lajas_blancas", "erm_san_vicente", "la_miel", "sapzurro"):
        place = places.loc[pid]
        assert place["confidence"] == "approximate"
        assert len(place["placed_from"]) > 40 and "approximate" in place["caveat"]
    assert places.loc["bajo_chiquito", "admin_unit"] == "Comarca Emberá-Wounaan"
    assert places.loc["erm_san_vicente", "kind"] == "reception_station"
    assert set(places[places["confidence"] == "reported"].index) >= {"necocli", "turbo", "meteti", "miramar"}


def test_the_stations_dates_and_places(bundled):
    places = frame_of(bundled, "reception_communities").set_index("id")
    vicente, lajas = places.loc["erm_san_vicente"], places.loc["erm_lajas_blancas"]
    assert as_date(vicente["valid_from"]) == dt.date(2022, 11, 25) and vicente["valid_from_precision"] == "day"
    assert vicente["valid_from_basis"] == "stated" and "inaugurates" in vicente["valid_from_source"]
    meteti = places.loc["meteti"].geometry
    _, _, metres = GEOD.inv(meteti.x, meteti.y, vicente.geometry.x, vicente.geometry.y)
    assert metres / 1000 == pytest.approx(8, abs=0.1)  # AFP: 8 km from Metetí (the old point was 3 km)
    assert "AFP" in vicente["source"] and "Pan-American Highway" in vicente["placed_from"]
    assert as_date(lajas["valid_to"]) == dt.date(2025, 5, 14) and lajas["valid_to_basis"] == "stated"
    assert "clausura" in lajas["valid_to_source"] and "cnnespanol" not in lajas["source"]
    assert lajas["valid_from_precision"] == "year" and "2020" in lajas["valid_from_source"]  # the conflict is said


# --- parks -------------------------------------------------------------------------------


def pirre_station() -> Point:
    """Pirre (Rancho Frío) station, 13 km south of El Real (Wikipedia: 8.13 N, 77.71 W), as
    Lonely Planet describes it; computed here independently of the build."""
    lon, lat, _ = GEOD.fwd(-77.71, 8.13, 180, 13_000)
    return Point(lon, lat)


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


def test_darien_park_reaches_its_published_west_edge_sapo_the_pacific_and_pirre(bundled):
    park = frame_of(bundled, "darien_national_park").geometry.iloc[0]
    coast = shapely.union_all(list(frame_of(bundled, "coastline").geometry))
    assert park.bounds[0] == pytest.approx(-78.4167, abs=0.01)  # 78°25′W; the old shape stopped near -78.09
    assert park.intersects(buffer_km(Point(PARKS["darien_national_park"]["cerro_sapo"]), 2))  # Serranía del Sapo
    pacific = coast.intersection(shapely.box(-78.45, 7.2, -77.85, 8.0))
    assert geodesic_length_km(pacific.intersection(buffer_km(park, 0.5))) >= 100  # a stretch of the Pacific coast
    assert park.contains(pirre_station())
    park_record = frame_of(bundled, "darien_national_park").iloc[0]
    assert bool(park_record["dated"]) and park_record["valid_from"] == "1980-09-27"  # Decree 21 of 27 Sep 1980


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
        for item in frame_of(bundled, layer_id).itertuples():
            assert item.area_km2 == pytest.approx(geodesic_area_km2(item.geometry), abs=0.06), layer_id


# --- patrol zones and licences ------------------------------------------------------------


def test_patrol_zones_are_an_illustrative_scenario_on_every_feature(bundled):
    zones = frame_of(bundled, "patrol_zones")
    assert (zones["confidence"] == "illustrative").all()
    assert zones["caveat"].str.contains("not real patrol sectors").all()
    assert zones["name"].str.contains("ilustrativo").all() and zones["name_en"].str.contains("illustrative").all()
    assert set(zones["mode"]) <= set(PATROL_MODES)
    assert zones["agency"].str.len().gt(0).all()
    assert (zones["valid_from"].map(as_date) == dt.date(2023, 6, 2)).all()
    assert (zones["valid_to_basis"] == "unknown").all()
    assert zones["source"].str.contains("Reuters").all()


def test_what_derives_from_openstreetmap_is_odbl(bundled):
    assert (frame_of(bundled, "provinces_comarcas")["licence"] == build_data.ODBL).all()
    zones = frame_of(bundled, "patrol_zones")
    assert zones["drawn_from"].str.contains("OpenStreetMap").any()
    assert (zones["licence"] == build_data.ODBL).all()  # one database: share-alike as a whole
    for layer_id in ("migration_routes", "darien_national_park", "los_katios_national_park"):
        frame = frame_of(bundled, layer_id)
        assert not frame["source"].str.contains("OpenStreetMap").any(), layer_id


# --- crossing statistics --------------------------------------------------------------


def test_one_snm_series_every_year_from_2010_to_2025():
    years = yearly(load_crossings())
    assert years["year"].tolist() == list(range(2010, 2026))
    value = years.set_index("year")["value"]
    assert value[2010] == 559 and value[2011] == 283 and value[2014] == 6175 and value[2020] == 8594
    assert value[2012] == 1777 and value[2013] == 3051 and value[2015] == 29289
    assert value[2023] == 520085 and value[2024] == 302203 and value[2025] == 3091
    # the SNM total for 2010-2020 reported in Nov 2021
    assert value.loc[2010:2020].sum() == 117_887
    assert (years["publisher"].str.contains("Servicio Nacional de Migración") | (years["year"] == 2025)).all()


def test_other_sources_figures_are_kept_apart_and_conflicts_flagged():
    figures = load_crossings()
    year = yearly(figures).set_index("year")
    assert year.loc[2020, "other_values"] == "6465" and year.loc[2020, "conflicting_figures"]
    assert year.loc[2012, "other_values"] == "3430" and year.loc[2013, "other_values"] == "3140"
    assert not year.loc[2014, "conflicting_figures"] and not year.loc[2024, "conflicting_figures"]
    for row in figures.itertuples():
        others = [int(v) for v in str(row.other_values).split(";")] if isinstance(row.other_values, str) else []
        assert row.conflicting_figures == any(v != row.value for v in others), row.period
        assert (row.other_sources is None or isinstance(row.other_sources, str)) or pd.isna(row.other_sources)
    assert "29298" not in (ROOT / "data" / "darien_crossings.csv").read_text(encoding="utf-8")
    assert (figures["period"] + figures["period_type"]).is_unique


def test_every_figure_names_its_sources_and_none_is_an_aggregator():
    figures = load_crossings()
    assert figures["source"].str.contains("http").all()
    for text in figures["source"]:
        assert not any(a in text for a in AGGREGATORS), text


def test_monthly_figures_where_a_source_gives_them():
    months = monthly(load_crossings()).set_index("period")
    assert months.loc["2023-08", "value"] == 81946 and months.loc["2022-10", "value"] == 59773
    assert "2025-05" not in months.index  # no source gives May 2025 alone: left empty
    assert (months["period_start"].str[8:] == "01").all() and (months["period_end"] > months["period_start"]).all()
    assert months.index.is_unique
