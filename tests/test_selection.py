"""Choosing what to export: filters and clipping, on cases with known answers."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely import LineString, Point, Polygon

from geo.errors import (
    BoundsInvalid,
    ClipAreaInvalid,
    DrawnAreaInvalid,
    DrawnAreaTooSmall,
    GeoError,
    LayerNotVisible,
    ViewUnknown,
)
from geo.load import Layer
from geo.measure import geodesic_length_km
from geo.selection import FilteredCache, Filters, apply_filters, bbox_area, clip_layers, drawn_area, what_to_export
from geo.spec import LayerSpec, Style


def layer(geometries, **columns) -> Layer:
    spec = LayerSpec(
        id="t",
        title={"es": "t", "en": "t"},
        geometry="Polygon",
        required=("source", "confidence", "licence"),
        style=Style(color="#000000"),
        tooltip=(),
        source="s",
        licence="l",
        attribution=("a",),
        origin="user",
    )
    frame = gpd.GeoDataFrame(columns, geometry=geometries, crs="EPSG:4326")
    return Layer(spec, frame)


SQUARE = Polygon([(-78, 8), (-77, 8), (-77, 9), (-78, 9), (-78, 8)])


def test_a_square_cut_in_half_keeps_half_and_says_it_was_clipped():
    [out] = clip_layers([layer([SQUARE], name=["sq"])], bbox_area((-77.5, 7.0, -76.0, 10.0)))
    piece = out.frame.geometry.iloc[0]
    assert piece.equals(Polygon([(-77.5, 8), (-77, 8), (-77, 9), (-77.5, 9), (-77.5, 8)]))
    assert out.frame["clipped"].tolist() == [True] and out.frame["name"].tolist() == ["sq"]


def test_features_inside_are_kept_whole_and_outside_left_out():
    inside, outside = Point(-77.2, 8.5), Point(-79, 8.5)
    crossing = LineString([(-78.0, 8.5), (-77.0, 8.5)])
    [out] = clip_layers([layer([inside, outside, crossing], n=[1, 2, 3])], bbox_area((-77.5, 8.0, -76.5, 9.0)))
    assert out.frame["n"].tolist() == [1, 3]
    assert out.frame["clipped"].tolist() == [False, True]
    cut = out.frame.geometry.iloc[1]
    assert cut.equals(LineString([(-77.5, 8.5), (-77.0, 8.5)]))
    assert geodesic_length_km(cut) == pytest.approx(55.05, abs=0.01)  # half a degree of longitude at 8.5° N


def test_a_line_touching_the_area_only_at_a_point_keeps_its_family():
    touching = LineString([(-78.0, 8.0), (-77.5, 8.0), (-77.5, 7.5)])
    [out] = clip_layers([layer([touching], n=[1])], SQUARE)
    assert out.frame.geometry.iloc[0].geom_type in ("LineString", "MultiLineString")


def test_clipping_to_a_drawn_triangle():
    triangle = Polygon([(-78, 8), (-77, 8), (-78, 9), (-78, 8)])
    [out] = clip_layers([layer([SQUARE], n=[1])], triangle)
    assert out.frame.geometry.iloc[0].area == pytest.approx(0.5)


def test_features_without_geometry_lie_nowhere_and_are_not_exported_by_area():
    [out] = clip_layers([layer([None, Point(-77.5, 8.5)], n=[1, 2])], SQUARE)
    assert out.frame["n"].tolist() == [2]


def test_an_inverted_or_empty_area_is_refused():
    with pytest.raises(GeoError, match="west < east"):
        bbox_area((-77, 8, -78, 9))
    with pytest.raises(GeoError, match="not a valid polygon"):
        clip_layers([], Polygon([(0, 0), (1, 1), (1, 0), (0, 1), (0, 0)]))


def test_confidence_and_year_filters():
    data = layer(
        [SQUARE] * 4,
        confidence=["official", "approximate", "illustrative", "reported"],
        valid_from=["2021-01-01", None, "2023-06-02", "2025-01-01"],
        valid_to=["2024-12-31", None, None, "2025-12-31"],
    )
    [only_sure] = apply_filters([data], Filters(confidence=frozenset({"official", "reported"})))
    assert only_sure.frame["confidence"].tolist() == ["official", "reported"]
    [in_2022] = apply_filters([data], Filters(year=2022))
    assert in_2022.frame["confidence"].tolist() == ["official", "approximate"]
    [in_2025] = apply_filters([data], Filters(year=2025))
    assert in_2025.frame["confidence"].tolist() == ["approximate", "illustrative", "reported"]
    assert apply_filters([data], Filters())[0] is data
    assert apply_filters([data], Filters(year=2024))[0].frame is not data.frame
    everything_passes = Filters(confidence=frozenset({"official", "approximate", "illustrative"}), year=2024)
    assert apply_filters([data], everything_passes)[0].frame["confidence"].tolist() == [
        "official",
        "approximate",
        "illustrative",
    ]


def test_the_filtered_cache_hands_back_the_same_frames_until_the_data_or_filters_change():
    from geo.webmap.compact import PreparedCache

    data = layer([SQUARE] * 4, confidence=["official", "approximate", "illustrative", "reported"])
    cache, prepared = FilteredCache(), PreparedCache()
    sure = Filters(confidence=frozenset({"official", "reported"}))
    first = cache.apply([data], sure)[0]
    again = cache.apply([data], sure)[0]
    assert again is first and first.frame["confidence"].tolist() == ["official", "reported"]
    prepared.get(first, "es")
    prepared.get(again, "es")
    assert (prepared.hits, prepared.misses) == (1, 1)  # a rerun with the same filters prepares nothing
    other = cache.apply([data], Filters(confidence=frozenset({"official"})))[0]
    assert other.frame["confidence"].tolist() == ["official"]
    replaced = layer([SQUARE] * 2, confidence=["reported", "approximate"])  # same id, other data
    assert cache.apply([replaced], sure)[0].frame["confidence"].tolist() == ["reported"]
    assert cache.apply([data], Filters())[0] is data


def test_filters_on_bundled_routes_by_year(bundled):
    routes = [layer for layer in bundled if layer.spec.id == "migration_routes"]
    [in_2025] = apply_filters(routes, Filters(year=2025))
    assert set(in_2025.frame["route"]) == {"return_by_sea_2025", "caribbean_puerto_obaldia"}  # the latter is open-ended


def test_what_to_export_each_choice(bundled):
    visible = [layer for layer in bundled if layer.spec.id in ("migration_routes", "reception_communities")]
    sure = Filters(confidence=frozenset({"reported"}))
    assert what_to_export("visible", visible, sure) == visible
    filtered = what_to_export("filtered", visible, sure)
    assert [len(layer.frame) for layer in filtered] == [0, 13]
    assert what_to_export("layer", visible, sure, layer_id="migration_routes") == visible[:1]
    view = what_to_export("view", visible, Filters(), view=(-78.2, 8.0, -77.5, 8.7))
    assert all(layer.frame.geometry.within(bbox_area((-78.2, 8.0, -77.5, 8.7)).buffer(1e-9)).all() for layer in view)
    drawn = what_to_export("drawn", visible, Filters(), drawn=[(-78.2, 8.0), (-77.5, 8.0), (-77.5, 8.7)])
    assert 0 < sum(len(layer.frame) for layer in drawn) < sum(len(layer.frame) for layer in view)
    with pytest.raises(GeoError, match="not visible"):
        what_to_export("layer", visible, sure, layer_id="towns")
    with pytest.raises(GeoError, match="at least 3 vertices"):
        what_to_export("drawn", visible, sure, drawn=[(-78, 8)])
    with pytest.raises(GeoError, match="view is not known"):
        what_to_export("view", visible, sure)


BOW_TIE = [(-78, 8), (-77, 9), (-77, 8), (-78, 9)]


@pytest.mark.parametrize(
    ("vertices", "error"),
    [
        (None, DrawnAreaTooSmall),
        ([], DrawnAreaTooSmall),
        ([(-78, 8), (-77, 8)], DrawnAreaTooSmall),
        (BOW_TIE, DrawnAreaInvalid),  # crosses itself
        ([(-78, 8), (-77, 9), (-76, 10)], DrawnAreaInvalid),  # on one line: encloses nothing
        ([(-78, 8), (-77, 8), (-78, 8)], DrawnAreaInvalid),  # back and forth
    ],
)
def test_a_drawn_area_is_refused_where_it_is_made(vertices, error):
    with pytest.raises(error):
        drawn_area(vertices)


def test_a_drawn_area_is_kept_as_drawn_never_repaired():
    assert drawn_area([(-78, 8), (-77, 8), (-78, 9)]).equals(Polygon([(-78, 8), (-77, 8), (-78, 9)]))


#: Each failure the user can cause when choosing what to export: its class and its words.
CANNOT_CHOOSE = [
    ({"what": "layer", "layer_id": "towns"}, LayerNotVisible, "the layer 'towns' is not visible", "no está visible"),
    ({"what": "view"}, ViewUnknown, "the map's view is not known yet", "la vista del mapa aún no se conoce"),
    ({"what": "drawn", "drawn": [(-78, 8)]}, DrawnAreaTooSmall, "at least 3 vertices", "al menos 3 vértices"),
    ({"what": "drawn", "drawn": BOW_TIE}, DrawnAreaInvalid, "crosses itself", "se cruza a sí misma"),
    ({"what": "view", "view": (-77.0, 8.0, -78.0, 9.0)}, BoundsInvalid, "expected west < east", "oeste < este"),
]


@pytest.mark.parametrize(("choice", "error", "english", "spanish"), CANNOT_CHOOSE)
def test_each_failure_to_choose_what_to_export_has_its_own_class_and_message(bundled, choice, error, english, spanish):
    visible = [layer for layer in bundled if layer.spec.id == "migration_routes"]
    with pytest.raises(error, match=english) as raised:
        what_to_export(visible=visible, filters=Filters(), **choice)
    others = {row[1] for row in CANNOT_CHOOSE} - {error}
    assert not isinstance(raised.value, tuple(others))
    assert english in raised.value.message("en") and spanish in raised.value.message("es")


def test_clipping_refuses_an_area_that_is_not_a_valid_polygon():
    with pytest.raises(ClipAreaInvalid):
        clip_layers([], Polygon(BOW_TIE))
    with pytest.raises(ClipAreaInvalid):
        clip_layers([], None)


def test_an_unknown_choice_is_a_programming_error_not_a_users():
    with pytest.raises(ValueError, match="expected one of filtered, visible"):
        what_to_export("everything", [], Filters())
