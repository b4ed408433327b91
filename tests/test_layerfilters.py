"""Filters for each layer (geo.layerfilters), alone and inside geo.selection.Filters, on small
frames with known answers."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely import Point

from geo.layerfilters import (
    CATEGORY_MAX,
    Category,
    Contains,
    LayerFilters,
    Range,
    choices,
    passing,
)
from geo.load import Layer
from geo.selection import FilteredCache, Filters, apply_filters, what_to_export
from tests.specs import user_spec


def stations(layer_id: str = "t", **extra) -> Layer:
    """Four points with a kind, a number, a name, a confidence and a period (one undated)."""
    columns = {
        "kind": ["station", "community", None, "station"],
        "beds": [10, 250, np.nan, 40],
        "name": ["Lajas Blancas", "Canaán Membrillo", "Bajo Chiquito", "Puerto Obaldía"],
        "confidence": ["reported", "approximate", "reported", "reported"],
        "dated": [True, True, True, False],
        "valid_from": ["2021-01-01", "2019-01-01", "2023-01-01", None],
        "valid_to": ["2025-05-14", None, None, None],
        **extra,
    }
    frame = gpd.GeoDataFrame(columns, geometry=[Point(-77.5 + i / 10, 8.2) for i in range(4)], crs="EPSG:4326")
    return Layer(user_spec(layer_id, "Point"), frame)


def kept(layer: Layer, *conditions) -> list:
    return layer.frame["name"][LayerFilters.of(conditions).keep(layer)].tolist()


@pytest.mark.parametrize(
    ("condition", "names"),
    [
        (Category("t", "kind", frozenset({"station"})), ["Lajas Blancas", "Puerto Obaldía"]),
        (Category("t", "kind", frozenset({"station", None})), ["Lajas Blancas", "Bajo Chiquito", "Puerto Obaldía"]),
        (Category("t", "kind", frozenset()), []),
        (Range("t", "beds", 20, 300), ["Canaán Membrillo", "Puerto Obaldía"]),
        (Range("t", "beds", None, 40), ["Lajas Blancas", "Puerto Obaldía"]),
        (Range("t", "beds", 10, 10), ["Lajas Blancas"]),  # inclusive at both ends
        (Contains("t", "name", "canaan"), ["Canaán Membrillo"]),  # accents and case aside
        (Contains("t", "name", "BAJO"), ["Bajo Chiquito"]),
        (Contains("t", "name", "zz"), []),
        (
            Contains("t", "name", "  "),
            ["Lajas Blancas", "Canaán Membrillo", "Bajo Chiquito", "Puerto Obaldía"],
        ),  # empty: all
    ],
)
def test_each_kind_of_condition_keeps_what_it_says(condition, names):
    assert kept(stations(), condition) == names


def test_conditions_on_one_layer_all_apply_and_other_layers_conditions_do_not():
    layer = stations()
    both = (Category("t", "kind", frozenset({"station"})), Range("t", "beds", 0, 20))
    assert kept(layer, *both) == ["Lajas Blancas"]
    assert kept(layer, Category("other", "kind", frozenset())) == layer.frame["name"].tolist()


def test_a_condition_on_an_attribute_the_layer_lacks_keeps_nothing():
    assert kept(stations(), Contains("t", "operator", "iom")) == []


def test_missing_values_never_pass_a_range_nor_a_text_and_pass_a_category_only_when_asked():
    layer = stations(note=[None, math.nan, "", "ok"])
    assert layer.frame["note"][LayerFilters.of([Contains("t", "note", "o")]).keep(layer)].tolist() == ["ok"]
    assert kept(layer, Range("t", "beds", -1e9, 1e9)) == ["Lajas Blancas", "Canaán Membrillo", "Puerto Obaldía"]
    kinds = Category("t", "kind", frozenset({None}))
    assert kept(layer, kinds) == ["Bajo Chiquito"]


def test_a_range_refuses_low_above_high():
    with pytest.raises(ValueError, match="low 5 is above high 1"):
        Range("t", "beds", 5, 1)


def test_the_same_choices_make_equal_hashable_filters_whatever_their_order():
    a = LayerFilters.of([Range("t", "beds", 1, 2), Category("t", "kind", frozenset({"b", "a"}))])
    b = LayerFilters.of(
        [Category("t", "kind", frozenset({"a", "b"})), Range("t", "beds", 1, 2), Contains("t", "x", "")]
    )
    assert a == b and hash(a) == hash(b)
    assert Filters(per_layer=a) == Filters(per_layer=b) and hash(Filters(per_layer=a)) == hash(Filters(per_layer=b))
    assert LayerFilters.of([Range("t", "beds", 1, 3)]) != a
    assert not LayerFilters.of([Contains("t", "x", " ")])  # an empty text is no condition


def test_per_layer_filters_combine_with_confidence_and_the_month():
    layer = stations()
    boats = LayerFilters.of([Category("t", "kind", frozenset({"station", "community", None}))])
    names = lambda filters: apply_filters([layer], filters)[0].frame["name"].tolist()  # noqa: E731
    assert names(Filters(per_layer=boats)) == ["Lajas Blancas", "Canaán Membrillo", "Bajo Chiquito", "Puerto Obaldía"]
    assert names(Filters(confidence=frozenset({"reported"}), per_layer=boats)) == [
        "Lajas Blancas",
        "Bajo Chiquito",
        "Puerto Obaldía",
    ]
    # June 2025: Lajas Blancas closed on 14 May; Bajo Chiquito open since 2023; the undated one shown, then hidden.
    assert names(Filters(as_of="2025-06", per_layer=boats)) == ["Canaán Membrillo", "Bajo Chiquito", "Puerto Obaldía"]
    assert names(Filters(as_of="2025-06", undated="hide", per_layer=boats)) == ["Canaán Membrillo", "Bajo Chiquito"]
    few = LayerFilters.of([Range("t", "beds", 0, 100)])
    assert names(Filters(as_of="2025-05", confidence=frozenset({"reported"}), per_layer=few)) == [
        "Lajas Blancas",
        "Puerto Obaldía",
    ]


def test_the_map_is_built_without_the_month_but_with_each_layers_filters():
    few = LayerFilters.of([Range("t", "beds", 0, 100)])
    filters = Filters(confidence=frozenset({"reported"}), as_of="2025-06", undated="hide", per_layer=few)
    assert filters.but_time() == Filters(confidence=frozenset({"reported"}), per_layer=few)
    assert Filters(per_layer=few).active() and not Filters().active()


def test_exports_of_what_the_map_shows_follow_each_layers_filters_and_every_feature_ignores_them():
    layer = stations()
    filters = Filters(per_layer=LayerFilters.of([Contains("t", "name", "chiquito")]))
    assert [len(x.frame) for x in what_to_export("filtered", [layer], filters)] == [1]
    assert [len(x.frame) for x in what_to_export("view", [layer], filters, view=(-80, 7, -76, 9))] == [1]
    assert [len(x.frame) for x in what_to_export("visible", [layer], filters)] == [4]


def test_the_cache_answers_the_same_frames_for_equal_filters_and_new_ones_for_others():
    cache, layer = FilteredCache(), stations()
    one = Filters(per_layer=LayerFilters.of([Range("t", "beds", 0, 100)]))
    again = Filters(per_layer=LayerFilters.of([Range("t", "beds", 0.0, 100.0)]))
    first = cache.apply([layer], one)[0]
    assert cache.apply([layer], again)[0].frame is first.frame
    other = cache.apply([layer], Filters(per_layer=LayerFilters.of([Range("t", "beds", 0, 20)])))[0]
    assert other.frame is not first.frame and len(other.frame) == 1 and len(first.frame) == 2


def test_choices_of_an_uploaded_layer_come_from_its_own_columns():
    many = [f"place {i}" for i in range(CATEGORY_MAX + 1)]
    frame = gpd.GeoDataFrame(
        {
            "kind": ["a", "b", None] + ["a"] * (CATEGORY_MAX - 2),
            "count": pd.array([1, None, 3] + [2] * (CATEGORY_MAX - 2), dtype="Int64"),
            "share": [0.5, 0.25, np.nan] + [0.5] * (CATEGORY_MAX - 2),
            "flat": [7] * (CATEGORY_MAX + 1),
            "ok": [True, False, True] + [True] * (CATEGORY_MAX - 2),
            "place": many,
            "confidence": ["reported"] * (CATEGORY_MAX + 1),
            "valid_from": [None] * (CATEGORY_MAX + 1),
        },
        geometry=[Point(-77, 8)] * (CATEGORY_MAX + 1),
        crs="EPSG:4326",
    )
    found = {c.attribute: c for c in choices(Layer(user_spec(), frame))}
    assert set(found) == {
        "kind",
        "count",
        "share",
        "ok",
        "place",
    }  # nothing to filter in a constant; time and confidence have their controls
    assert found["kind"].kind == "category" and found["kind"].values == ("a", "b", None)
    assert (found["count"].kind, found["count"].low, found["count"].high, found["count"].integer) == (
        "range",
        1,
        3,
        True,
    )
    assert (found["share"].kind, found["share"].low, found["share"].high, found["share"].integer) == (
        "range",
        0.25,
        0.5,
        False,
    )
    assert found["ok"].kind == "category" and found["ok"].values == ("False", "True")
    assert found["place"].kind == "text"


def test_choices_of_a_bundled_layer_follow_its_vocabulary_in_declared_order(bundled):
    routes = next(layer for layer in bundled if layer.spec.id == "migration_routes")
    found = {c.attribute: c for c in choices(routes)}
    declared = tuple(routes.spec.vocabulary["mode"])
    assert found["mode"].kind == "category" and found["mode"].values[: len(declared)] == declared
    assert set(routes.frame["mode"].dropna()) <= set(found["mode"].values)
    assert found["length_km"].kind == "range"
    assert found["length_km"].low == routes.frame["length_km"].min()


def test_passing_counts_each_layers_features():
    a, b = stations("a"), stations("b")
    filters = LayerFilters.of([Category("a", "kind", frozenset({"station"}))])
    assert passing([a, b], filters) == {"a": 2, "b": 4}


def test_the_fast_fold_of_a_column_equals_fold_on_every_kind_of_text():
    import random

    from geo.layerfilters import fold, fold_column

    chars = [chr(c) for c in range(0x20, 0x3000) if not 0xD800 <= c < 0xE000]
    rng = random.Random(16)
    texts = ["Canaán", "Cana\u0301an", "ÑANDÚ", "Straße", "Ελλάδα", "東京", "", "  x  "]
    texts += ["".join(rng.choice(chars) for _ in range(8)) for _ in range(5000)]
    assert fold_column(pd.Series(texts)).tolist() == [fold(text) for text in texts]
    assert fold_column(pd.Series([None, math.nan, 7], dtype=object)).tolist() == ["", "", "7"]
