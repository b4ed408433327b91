"""Heat maps in AppTest: each point layer on the map can be drawn as points or as a heat map,
weighted by one of its numeric attributes; other layers are not offered."""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import pytest
from shapely import Point
from streamlit.testing.v1 import AppTest

import layers
from geo.load import Layer
from geo.webmap.heat import HeatOptions
from tests.conftest import APP, run
from tests.specs import user_spec
from ui import state


@pytest.fixture
def app(calls):
    return run(AppTest.from_file(APP, default_timeout=60))


def test_only_point_layers_are_offered_and_points_is_the_default(app, calls):
    assert calls["map"][-1]["heat"] == {}
    offered = {r.key.removeprefix("heat_display_") for r in app.radio if r.key and r.key.startswith("heat_display_")}
    on_map = set(calls["map"][-1]["ids"])
    points = {spec.id for spec in layers.LAYERS if spec.geometry == "Point"}
    assert offered == on_map & points and "reception_communities" in offered
    assert all(app.radio(key=state.HEAT_DISPLAY.key(i)).value == "points" for i in offered)


def test_a_users_survey_drawn_as_heat_weighted_by_its_column(app, calls):
    frame = gpd.GeoDataFrame(
        {"people": [3, 10], "source": ["Uploaded file: s.csv"] * 2, "confidence": ["reported"] * 2},
        geometry=[Point(-77.7, 8.2), Point(-77.6, 8.3)],
        crs=4326,
    )
    frame["licence"] = "as stated"
    spec = dataclasses.replace(user_spec("user_1", "Point", "encuesta"), tooltip=("people",))
    app.session_state[state.USER_LAYERS.key] = [Layer(spec, frame)]
    run(app)
    app.radio(key=state.HEAT_DISPLAY.key("user_1")).set_value("heat")
    run(app)
    assert calls["map"][-1]["heat"] == {"user_1": HeatOptions()}
    app.selectbox(key=state.HEAT_WEIGHT.key("user_1")).set_value("people")
    app.slider(key=state.HEAT_RADIUS.key("user_1")).set_value(30)
    run(app)
    assert calls["map"][-1]["heat"] == {"user_1": HeatOptions(weight="people", radius=30)}
    app.radio(key=state.HEAT_DISPLAY.key("user_1")).set_value("points")
    run(app)
    assert calls["map"][-1]["heat"] == {}
