"""The feature table's core (geo.featuretable): rows, labels, what is in view, search, which
feature a click lands on, and where the map goes for a feature."""

from __future__ import annotations

import csv
import io
import math

import geopandas as gpd
import pytest
import shapely
from shapely import LineString, Point, Polygon, box

from geo.exporting.csv import table_csv
from geo.featuretable import TableCache, feature_at, focus_of, in_view, locate, matching, table
from geo.i18n import field_label, label
from geo.load import Layer
from tests.specs import user_spec

BIG = box(-78.0, 8.0, -77.0, 9.0)
SMALL = box(-77.6, 8.4, -77.4, 8.6)  # inside BIG
LINE = LineString([(-76.8, 8.0), (-76.8, 9.0)])


def shapes() -> Layer:
    frame = gpd.GeoDataFrame(
        {"name": ["big", "small", "line", "nowhere"], "confidence": ["reported", "approximate", "official", None]},
        geometry=[BIG, SMALL, LINE, None],
        crs="EPSG:4326",
    )
    return Layer(user_spec("shapes", "Polygon"), frame)


def test_the_table_has_a_row_per_feature_with_labels_translated_values_and_where_it_is(bundled):
    communities = next(layer for layer in bundled if layer.spec.id == "reception_communities")
    rows = table(communities, "en")
    assert len(rows) == len(communities.frame) and list(rows.index) == list(range(len(communities.frame)))
    assert field_label("name", "en") in rows.columns and field_label("kind", "en") in rows.columns
    kinds = [label("kind", v, "en") for v in communities.frame["kind"]]
    assert rows[field_label("kind", "en")].tolist() == kinds
    assert rows[field_label("lon", "en")].tolist() == [round(g.x, 5) for g in communities.frame.geometry]
    assert "valid_from_source" not in rows.columns and field_label("valid_from", "en") in rows.columns
    spanish = table(communities, "es")
    assert spanish[field_label("kind", "es")].tolist() == [label("kind", v, "es") for v in communities.frame["kind"]]


def test_a_polygon_is_placed_on_its_surface_and_a_missing_geometry_nowhere():
    rows = table(shapes(), "en")
    lon, lat = rows[field_label("lon", "en")], rows[field_label("lat", "en")]
    assert BIG.covers(Point(lon[0], lat[0])) and SMALL.covers(Point(lon[1], lat[1]))
    assert math.isnan(lon[3]) and math.isnan(lat[3])


def test_two_attributes_with_one_label_are_told_apart():
    frame = gpd.GeoDataFrame({"name": ["a"], "Nombre": ["b"]}, geometry=[Point(0, 0)], crs="EPSG:4326")
    columns = list(table(Layer(user_spec("t", "Point"), frame), "es").columns)
    assert columns[:2] == ["Nombre (name)", "Nombre (Nombre)"]


def test_in_view_keeps_what_touches_the_view_and_everything_without_one():
    layer = shapes()
    assert in_view(layer, (-77.55, 8.45, -77.5, 8.5)).tolist() == [True, True, False, False]
    assert in_view(layer, (-76.9, 7.0, -76.0, 8.1)).tolist() == [False, False, True, False]
    assert in_view(layer, None).tolist() == [True] * 4


def test_search_finds_text_in_any_column_without_accents_or_case():
    rows = table(shapes(), "es")
    assert matching(rows, "SMA").tolist() == [False, True, False, False]
    assert matching(rows, label("confidence", "official", "es").upper()).tolist() == [False, False, True, False]
    assert matching(rows, "").all()


@pytest.mark.parametrize(
    ("lon", "lat", "rows", "expected"),
    [
        (-77.5, 8.5, [0, 1, 2, 3], 1),  # inside both polygons: the smaller one
        (-77.9, 8.1, [0, 1, 2, 3], 0),
        (-77.5, 8.5, [0, 2], 0),  # the small one is not in the table
        (-76.805, 8.5, [0, 1, 2, 3], 2),  # beside the line, within the tolerance
        (-76.7, 8.5, [0, 1, 2, 3], None),  # too far from everything
        (-77.5, 8.5, [], None),
    ],
)
def test_a_click_lands_on_the_feature_under_it_or_the_nearest_within_the_tolerance(lon, lat, rows, expected):
    assert feature_at(shapes(), rows, lon, lat, tolerance=0.01) == expected


def test_of_two_features_at_one_place_a_click_lands_on_the_one_drawn_on_top():
    frame = gpd.GeoDataFrame(
        {"name": ["village", "elsewhere", "station"]},
        geometry=[Point(-77.5, 8.5), Point(-77.0, 8.0), Point(-77.5, 8.5)],
        crs="EPSG:4326",
    )
    layer = Layer(user_spec("t", "Point"), frame)
    assert feature_at(layer, [0, 1, 2], -77.5001, 8.5, tolerance=0.01) == 2
    assert feature_at(layer, [0, 1], -77.5001, 8.5, tolerance=0.01) == 0


def test_focus_centres_the_feature_and_zooms_to_its_size():
    point = focus_of(Point(-77.5, 8.25))
    assert (point["lat"], point["lng"], point["zoom"]) == (8.25, -77.5, 13)
    small, big = focus_of(SMALL), focus_of(BIG)
    assert small["zoom"] > big["zoom"]
    for geometry, where in ((SMALL, small), (BIG, big)):
        assert geometry.covers(Point(where["lng"], where["lat"])) and where["bounds"] == list(geometry.bounds)
        # the feature fits the map's frame (480 px) at that zoom, and would not at the next one
        pixels = lambda z, g=geometry: 256 * 2**z * (g.bounds[2] - g.bounds[0]) * 1.1 / 360  # noqa: E731
        assert pixels(where["zoom"]) <= 480 * 1.1 < pixels(where["zoom"] + 1) * 1.1 or where["zoom"] in (5, 15)
    ring = Polygon([(0, 0), (3, 0), (3, 3), (0, 3)], [[(0.5, 0.5), (2.5, 0.5), (2.5, 2.5), (0.5, 2.5)]])
    assert ring.covers(Point(focus_of(ring)["lng"], focus_of(ring)["lat"]))


def test_a_feature_is_found_again_by_its_geometry_in_another_frame():
    layer = shapes()
    reordered = Layer(layer.spec, layer.frame.iloc[[2, 1, 0]].reset_index(drop=True))
    assert locate(reordered, shapely.to_wkb(SMALL)) == 1
    assert locate(reordered, shapely.to_wkb(box(0, 0, 1, 1))) is None


def test_the_table_cache_answers_per_frame_and_language():
    cache, layer = TableCache(), shapes()
    assert cache.get(layer, "es") is cache.get(layer, "es")
    assert cache.get(layer, "en") is not cache.get(layer, "es")
    copy = Layer(layer.spec, layer.frame.copy())
    assert cache.get(copy, "es") is not cache.get(layer, "es")


def test_the_table_downloads_as_csv_excel_reads_with_accents_and_formulas_kept_as_text():
    frame = gpd.GeoDataFrame(
        {"name": ["Canaán", '=HYPERLINK("http://x")'], "confidence": ["reported", "reported"]},
        geometry=[Point(-77.5, 8.5), Point(-77.4, 8.6)],
        crs="EPSG:4326",
    )
    rows = table(Layer(user_spec("t", "Point"), frame), "es")
    data = table_csv(rows)
    assert data.startswith("\ufeff".encode())
    read = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert read[0] == list(rows.columns)
    assert read[1][0] == "Canaán" and read[1][1] == label("confidence", "reported", "es")
    assert read[2][0] != frame["name"][1] and read[2][0].endswith(frame["name"][1])  # not a formula any more
