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
from geo.selection import (
    FilteredCache,
    Filters,
    apply_filters,
    bbox_area,
    clip_layers,
    drawn_area,
    timed_ids,
    what_to_export,
)
from tests.specs import user_spec


def layer(geometries, **columns) -> Layer:
    spec = user_spec()
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


def test_confidence_filter():
    data = layer([SQUARE] * 4, confidence=["official", "approximate", "illustrative", "reported"])
    [only_sure] = apply_filters([data], Filters(confidence=frozenset({"official", "reported"})))
    assert only_sure.frame["confidence"].tolist() == ["official", "reported"]
    assert apply_filters([data], Filters())[0] is data
    everything = Filters(confidence=frozenset({"official", "approximate", "illustrative", "reported"}))
    assert apply_filters([data], everything)[0] is data


def periods_layer() -> Layer:
    """Four dated features with the edges that matter, and one undated."""
    return layer(
        [SQUARE] * 5,
        name=["closed 2025-05-14", "opened 2022-11-25", "May 2025 on, open", "2015 to 2016-05-09", "undated"],
        confidence=["reported", "reported", "approximate", "approximate", "reported"],
        dated=[True, True, True, True, False],
        valid_from=["2009-01-01", "2022-11-25", "2025-05-01", "2015-01-01", None],
        valid_to=["2025-05-14", None, None, "2016-05-09", None],
    )


@pytest.mark.parametrize(
    ("month", "held"),
    [
        ("2025-05", ["closed 2025-05-14", "opened 2022-11-25", "May 2025 on, open"]),  # closed mid-May: still in May
        ("2025-06", ["opened 2022-11-25", "May 2025 on, open"]),
        ("2025-04", ["closed 2025-05-14", "opened 2022-11-25"]),  # starts on the 1st of May: not in April
        ("2022-11", ["closed 2025-05-14", "opened 2022-11-25"]),  # opened on the 25th: in November
        ("2022-10", ["closed 2025-05-14"]),
        ("2016-05", ["closed 2025-05-14", "2015 to 2016-05-09"]),  # ends on the 9th, exclusive: May is in
        ("2016-06", ["closed 2025-05-14"]),
        ("2008-12", []),
    ],
)
def test_as_of_a_month_keeps_what_held_in_it_and_the_undated_as_chosen(month, held):
    data = periods_layer()
    [shown] = apply_filters([data], Filters(as_of=month))
    assert shown.frame["name"].tolist() == [*held, "undated"]
    [hidden] = apply_filters([data], Filters(as_of=month, undated="hide"))
    assert hidden.frame["name"].tolist() == held


def test_the_month_and_the_confidence_filter_combine():
    sure = Filters(confidence=frozenset({"reported"}), as_of="2025-06", undated="show")
    assert apply_filters([periods_layer()], sure)[0].frame["name"].tolist() == ["opened 2022-11-25", "undated"]


def test_without_a_month_every_period_is_shown_and_nothing_hidden():
    data = periods_layer()
    assert apply_filters([data], Filters(undated="hide"))[0] is data


def test_a_layer_with_no_dated_feature_is_not_about_time_and_is_shown_whole():
    context = layer([SQUARE] * 2, name=["a", "b"], dated=[False, False], valid_from=[None, None], valid_to=[None] * 2)
    no_time_columns = layer([SQUARE], name=["a user's polygon"])
    for month in ("2010-01", "2025-06"):
        for undated in ("show", "hide"):
            out = apply_filters([context, no_time_columns], Filters(as_of=month, undated=undated))
            assert [len(each.frame) for each in out] == [2, 1]


def test_a_users_layer_dated_by_its_columns_alone_follows_the_month():
    # No `dated` column: a feature with a date is dated; one without is undated.
    data = layer([SQUARE] * 3, n=[1, 2, 3], valid_from=["2021", "2024-03-15T08:00:00-05:00", None])
    assert apply_filters([data], Filters(as_of="2024-02", undated="hide"))[0].frame["n"].tolist() == [1]
    assert apply_filters([data], Filters(as_of="2024-03", undated="hide"))[0].frame["n"].tolist() == [1, 2]
    assert apply_filters([data], Filters(as_of="2024-03"))[0].frame["n"].tolist() == [1, 2, 3]


@pytest.mark.parametrize(
    "wrong", [{"as_of": "2023-9"}, {"as_of": "2023-13"}, {"as_of": "Sep 2023"}, {"undated": "grey"}]
)
def test_a_filter_that_is_not_a_month_or_a_choice_is_refused(wrong):
    with pytest.raises(ValueError):
        Filters(**wrong)


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


def test_the_filtered_cache_tells_months_and_undated_choices_apart():
    data, cache = periods_layer(), FilteredCache()
    may, june = Filters(as_of="2025-05"), Filters(as_of="2025-06")
    assert cache.apply([data], may)[0] is cache.apply([data], may)[0]
    assert len(cache.apply([data], may)[0].frame) == 4 and len(cache.apply([data], june)[0].frame) == 3
    assert len(cache.apply([data], Filters(as_of="2025-06", undated="hide"))[0].frame) == 2


def shown_as_of(bundled, month, undated="show"):
    """layer id -> the frame the map shows of it as of `month`."""
    mission = [
        layer for layer in bundled if layer.spec.id in ("migration_routes", "reception_communities", "patrol_zones")
    ]
    return {layer.spec.id: layer.frame for layer in apply_filters(mission, Filters(as_of=month, undated=undated))}


#: What data/sources/periods.csv says was there, month by month (routes; reception stations).
AS_OF = [
    ("2015-06", {"caribbean_puerto_obaldia"}, {"erm_lajas_blancas"}),  # the Cuban flow, 2015 to 9 May 2016
    ("2016-06", set(), {"erm_lajas_blancas"}),  # Panama closed the border to it in May 2016
    ("2021-06", {"canaan_membrillo"}, {"erm_lajas_blancas"}),  # attested 2021-2022
    (
        "2022-11",
        {"canaan_membrillo", "acandi_bajo_chiquito", "capurgana_bajo_chiquito"},
        {"erm_lajas_blancas", "erm_san_vicente"},
    ),
    ("2023-09", {"acandi_bajo_chiquito", "capurgana_bajo_chiquito"}, {"erm_lajas_blancas", "erm_san_vicente"}),
    ("2025-05", {"return_by_sea_2025"}, {"erm_lajas_blancas", "erm_san_vicente"}),  # Lajas Blancas closed on 14 May
    ("2025-06", {"return_by_sea_2025"}, {"erm_san_vicente"}),
]


@pytest.mark.parametrize(("month", "routes", "stations"), AS_OF)
def test_the_bundled_corridor_as_of_a_month(bundled, month, routes, stations):
    shown = shown_as_of(bundled, month)
    assert set(shown["migration_routes"]["route"]) == routes
    communities = shown["reception_communities"]
    assert set(communities.loc[communities["kind"] == "reception_station", "id"]) == stations
    # Towns and villages have no known period: shown (marked) or hidden, never silently "always".
    undated_places = {i for i, dated in zip(communities["id"], communities["dated"]) if not dated}
    assert len(undated_places) == 19 and not undated_places & stations
    hidden = shown_as_of(bundled, month, "hide")["reception_communities"]
    assert set(hidden["id"]) == stations


def test_operation_choco_zones_appear_in_june_2023(bundled):
    assert len(shown_as_of(bundled, "2023-05")["patrol_zones"]) == 0
    assert len(shown_as_of(bundled, "2023-06")["patrol_zones"]) == 4  # launched on 2 June 2023 (Reuters)


def test_a_route_segment_waits_for_the_station_it_reaches(bundled):
    # The buses to San Vicente cannot run before the station opened (25 Nov 2022).
    routes = shown_as_of(bundled, "2022-10")["migration_routes"]
    assert set(routes["stage"]) == {"gulf_crossing", "coastal_crossing", "jungle_trek"}
    later = shown_as_of(bundled, "2022-11")["migration_routes"]
    assert "road_transport" in set(later["stage"]) and "river_transport" in set(later["stage"])


def test_timed_layers_are_those_with_a_dated_feature(bundled):
    assert timed_ids(bundled) == {
        "los_katios_national_park",
        "darien_national_park",
        "patrol_zones",
        "migration_routes",
        "reception_communities",
    }


def test_what_to_export_each_choice(bundled):
    visible = [layer for layer in bundled if layer.spec.id in ("migration_routes", "reception_communities")]
    sure = Filters(confidence=frozenset({"reported"}))
    assert what_to_export("visible", visible, sure) == visible
    filtered = what_to_export("filtered", visible, sure)
    reported = [int((layer.frame["confidence"] == "reported").sum()) for layer in visible]
    assert [len(layer.frame) for layer in filtered] == reported == [0, 15]
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


@pytest.mark.parametrize("what", ["filtered", "visible", "layer", "view"])
def test_every_export_choice_follows_the_month(bundled, what):
    visible = [layer for layer in bundled if layer.spec.id == "migration_routes"]
    as_of_2016 = Filters(confidence=frozenset({"official", "reported"}), as_of="2016-01")
    chosen = what_to_export(what, visible, as_of_2016, layer_id="migration_routes", view=(-80.5, 6.5, -76.0, 9.6))
    assert set(chosen[0].frame["route"]) == (set() if what in ("filtered", "view") else {"caribbean_puerto_obaldia"})


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
