"""A layer's declaration and its attribute values written as JSON and read back as they were."""

from __future__ import annotations

import datetime as dt
import json
import math

import numpy as np
import pandas as pd
import pytest

import layers
from geo.spec import LayerSpec, Style
from geo.store.serialize import dumps, spec_from_dict, spec_to_dict, value_from_json, value_to_json
from tests.specs import user_spec


@pytest.mark.parametrize("spec", [*layers.LAYERS, user_spec("user_1_0_x", "Point")], ids=lambda s: s.id)
def test_a_spec_round_trips_exactly(spec):
    data = json.loads(dumps(spec_to_dict(spec)))
    back = spec_from_dict(data)
    assert back == spec
    assert type(back.required) is tuple and type(back.attribution) is tuple and type(back.tooltip) is tuple


def test_a_user_spec_made_by_the_import_round_trips_with_its_numbers_typed():
    spec = LayerSpec(
        id="user_3_0_mi_archivo",
        title={"es": "Mi «archivo» '; --", "en": "My file"},
        geometry="Polygon",
        required=("source", "confidence", "licence"),
        style=Style(color="#123456", weight=2.5, radius=5, fill_opacity=0.25),
        tooltip=("name", "kind"),
        source="Uploaded by the user",
        licence="as stated by whoever uploaded it",
        attribution=("User data: My file",),
        origin="user",
        visible=False,
    )
    back = spec_from_dict(json.loads(dumps(spec_to_dict(spec))))
    assert back == spec
    assert type(back.style.radius) is int and type(back.style.weight) is float


def test_a_spec_with_an_unknown_field_or_format_is_refused():
    data = spec_to_dict(user_spec())
    with pytest.raises(ValueError):
        spec_from_dict({**data, "evil": 1})
    with pytest.raises(ValueError):
        spec_from_dict({**data, "format": 99})


VALUES = [
    None,
    True,
    False,
    0,
    -7,
    2**70,
    1.5,
    -0.0,
    1e-320,
    "",
    "ñandú «» 🐆 '; DROP TABLE x; --",
    {"$": "nan"},  # a user's dict that looks like a tag stays a dict
    [1, "a", None],
    (1, 2),
    {"a": [1, {"b": None}]},
    dt.date(2024, 2, 29),
    dt.datetime(2024, 1, 2, 3, 4, 5, 6),
    dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    pd.Timestamp("2024-01-02T03:04:05.123456789+01:00"),
    dt.time(12, 30),
    pd.Timedelta("1 days 2 hours"),
    b"\x00\xffbytes",
    np.int32(5),
    np.float32(1.25),
    np.bool_(True),
]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: f"{type(v).__name__}:{str(v)[:12]}")
def test_a_value_comes_back_with_its_type(value):
    back = value_from_json(json.loads(dumps(value_to_json(value))))
    assert type(back) is type(value)
    assert back == value
    assert repr(back) == repr(value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), pd.NA, pd.NaT])
def test_missing_and_infinite_values_stay_distinct(value):
    back = value_from_json(json.loads(dumps(value_to_json(value))))
    if value is pd.NA or value is pd.NaT:
        assert back is value
    elif math.isnan(value):
        assert isinstance(back, float) and math.isnan(back)
    else:
        assert back == value
    assert value_from_json(value_to_json(None)) is None  # None is not NaN


def test_an_unknown_tag_is_refused():
    with pytest.raises(ValueError):
        value_from_json({"$": "exec", "v": "os.system('x')"})


def test_columns_whose_names_would_share_a_key_keep_their_own_values():
    import geopandas as gpd
    import shapely

    from geo.load import Layer
    from geo.store.common import decode_layer, encode_layer
    from geo.store.serialize import column_keys

    assert column_keys(["a", 1, "b"]) == ["a", "1", "b"]
    assert column_keys([1, "1"]) == ["0:1", "1:1"]
    frame = gpd.GeoDataFrame(
        {
            1: [10, 20],
            "1": ["ten", "twenty"],
            "source": ["s"] * 2,
            "confidence": ["reported"] * 2,
            "licence": ["l"] * 2,
        },
        geometry=[shapely.Point(0, 0), shapely.Point(1, 1)],
        crs="EPSG:4326",
    )
    encoded = encode_layer(Layer(user_spec("user_1_0_keys", "Point"), frame))
    back = decode_layer(encoded.spec, None, encoded.columns, encoded.geometries, encoded.properties).frame
    assert list(back.columns) == [1, "1", "source", "confidence", "licence", "geometry"]
    assert back[1].tolist() == [10, 20] and back["1"].tolist() == ["ten", "twenty"]
