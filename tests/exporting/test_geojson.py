"""GeoJSON follows RFC 7946 and round-trips without losing features or values."""

from __future__ import annotations

import io
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely import LineString, Point, Polygon

from geo.errors import CRSMismatchError, ExportError
from geo.exporting.geojson import collection_text, dumps, feature_collection
from tests.rfc7946 import problems, signed_area, strict_loads

CLOCKWISE_WITH_CCW_HOLE = Polygon(
    [(-78, 8), (-78, 8.5), (-77.5, 8.5), (-77.5, 8), (-78, 8)],
    [[(-77.9, 8.1), (-77.6, 8.1), (-77.6, 8.4), (-77.9, 8.4), (-77.9, 8.1)]],
)


def frame(**columns):
    geometry = columns.pop("geometry")
    return gpd.GeoDataFrame(columns, geometry=geometry, crs="EPSG:4326")


def test_rings_are_rewound_counter_clockwise_with_clockwise_holes():
    assert signed_area(list(CLOCKWISE_WITH_CCW_HOLE.exterior.coords)) < 0  # the input is wrong
    doc = feature_collection([("zones", frame(name=["a"], geometry=[CLOCKWISE_WITH_CCW_HOLE]))])
    exterior, hole = doc["features"][0]["geometry"]["coordinates"]
    assert signed_area(exterior) > 0
    assert signed_area(hole) < 0
    assert problems(doc) == []


def test_no_crs_member_and_positions_are_lon_lat_pairs():
    doc = feature_collection([("p", frame(name=["x"], geometry=[Point(-77.5, 8.25)]))])
    assert "crs" not in doc
    assert doc["features"][0]["geometry"] == {"type": "Point", "coordinates": [-77.5, 8.25]}


def test_nan_and_infinity_become_null_and_the_text_is_strict_json():
    doc = feature_collection([("p", frame(v=[math.nan, math.inf, 1.5], geometry=[Point(-77, 8)] * 3))])
    text = dumps(doc)
    assert "NaN" not in text and "Infinity" not in text
    values = [f["properties"]["v"] for f in strict_loads(text)["features"]]
    assert values == [None, None, 1.5]


def test_each_feature_is_tagged_with_its_layer_and_order_is_kept():
    a = frame(name=["a1", "a2"], geometry=[Point(-77, 8), Point(-77.1, 8.1)])
    b = frame(name=["b1"], geometry=[LineString([(-77, 8), (-76.9, 8.2)])])
    doc = feature_collection([("first", a), ("second", b)])
    assert [(f["properties"]["layer"], f["properties"]["name"]) for f in doc["features"]] == [
        ("first", "a1"),
        ("first", "a2"),
        ("second", "b1"),
    ]


def test_a_frame_in_another_crs_is_refused_with_the_fix():
    projected = frame(name=["a"], geometry=[Point(500000, 900000)]).set_crs(32617, allow_override=True)
    with pytest.raises(CRSMismatchError, match="to_crs\\(4326\\)"):
        feature_collection([("p", projected)])


def test_an_own_layer_attribute_is_not_silently_overwritten():
    with pytest.raises(ExportError, match="rename"):
        feature_collection([("p", frame(layer=["mine"], geometry=[Point(-77, 8)]))])


def test_precision_rounds_coordinates():
    doc = feature_collection([("p", frame(n=[1], geometry=[Point(-77.123456789, 8.987654321)]))], precision=5)
    assert doc["features"][0]["geometry"]["coordinates"] == [-77.12346, 8.98765]


def test_values_of_every_kind_survive_a_round_trip_through_gdal():
    source = frame(
        name=["Metetí", "<b>Yaviza</b>", "zero"],
        count=np.array([1, 2, 0], dtype="int64"),
        share=[0.25, None, 1e-9],
        flag=[True, False, True],
        geometry=[Point(-77.97897, 8.49909), LineString([(-77.7, 8.1), (-77.6, 8.2)]), CLOCKWISE_WITH_CCW_HOLE],
    )
    text = dumps(feature_collection([("mixed", source)]))
    parsed = strict_loads(text)
    assert problems(parsed) == []
    assert [f["properties"]["name"] for f in parsed["features"]] == source["name"].tolist()
    assert [f["properties"]["count"] for f in parsed["features"]] == [1, 2, 0]
    assert [f["properties"]["share"] for f in parsed["features"]] == [0.25, None, 1e-9]
    assert [f["properties"]["flag"] for f in parsed["features"]] == [True, False, True]

    reread = pyogrio.read_dataframe(io.BytesIO(text.encode("utf-8")))
    assert len(reread) == len(source)
    assert reread["name"].tolist() == source["name"].tolist()
    for before, after in zip(source.geometry, reread.geometry):
        assert shapely.equals_exact(shapely.normalize(before), shapely.normalize(after), tolerance=1e-6)


def test_the_fast_writer_equals_the_reference_writer_for_every_geometry_kind_and_value():
    from shapely import GeometryCollection, MultiLineString, MultiPoint, MultiPolygon

    holed = Polygon([(0, 0), (0, 4), (4, 4), (4, 0)], [[(1, 1), (2, 1), (2, 2), (1, 2)]])  # clockwise shell
    geoms = [
        Point(-77.1234567891, 8.5),
        LineString([(0, 0), (1, 1.00000049), (2, 0)]),
        holed,
        MultiPoint([(0, 0), (1, 1)]),
        MultiLineString([[(0, 0), (1, 1)], [(2, 2), (3, 3), (4, 2)]]),
        MultiPolygon([holed, Polygon([(10, 10), (11, 10), (11, 11)])]),
        None,
        Polygon(),
        Point(1, 2, 30.5),
        GeometryCollection([Point(0, 0), LineString([(0, 0), (1, 0)])]),
    ]
    frame = gpd.GeoDataFrame(
        {
            "name": [f"f{i}" for i in range(len(geoms))],
            "count": np.arange(len(geoms)),
            "ratio": [0.5, math.nan, math.inf, 1.0, None, 2.25, -0.0, 3.0, 4.0, 5.0],
            "when": pd.to_datetime([f"2024-01-0{i % 9 + 1}" for i in range(len(geoms))]),
            "flag": [True, False] * 5,
            "note": ["<b>", None, pd.NA, "ñandú", "{{ x }}", 1, 2.5, "", "x", "y"],
        },
        geometry=geoms,
        crs=4326,
    )
    for layer_id in ("mine", None):
        pairs = [(layer_id, frame)]
        fast, reference = collection_text(pairs), dumps(feature_collection(pairs))
        assert strict_loads(fast) == strict_loads(reference)
        assert problems(strict_loads(fast)) == []
    features = strict_loads(collection_text([(None, frame)]))["features"]
    assert [f["geometry"] and f["geometry"]["type"] for f in features] == [
        "Point",
        "LineString",
        "Polygon",
        "MultiPoint",
        "MultiLineString",
        "MultiPolygon",
        None,
        None,
        "Point",
        "GeometryCollection",
    ]
    assert features[8]["geometry"]["coordinates"] == [1.0, 2.0, 30.5]  # Z kept
    assert signed_area(features[2]["geometry"]["coordinates"][0]) > 0  # exterior counter-clockwise
    assert features[1]["geometry"]["coordinates"][1] == [1.0, 1.0]  # rounded to 6 decimals
