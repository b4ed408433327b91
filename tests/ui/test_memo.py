"""ui.memo: the bundled layers' work is shared by every session, a user's stays in the session."""

from __future__ import annotations

import geopandas as gpd
from shapely import Point
from streamlit.testing.v1 import AppTest

import layers
import ui.memo
from geo.load import Layer
from tests.conftest import APP, run
from tests.specs import user_spec

BUNDLED = {spec.id for spec in layers.LAYERS}


def survey(values) -> Layer:
    frame = gpd.GeoDataFrame(
        {"site": values, "source": "survey", "confidence": "reported", "licence": "CC0"},
        geometry=[Point(-77.5 + i / 100, 8.5) for i in range(len(values))],
        crs="EPSG:4326",
    )
    return Layer(user_spec("user_1_survey", "Point", "Survey"), frame)


def test_a_users_layer_is_remembered_in_their_session_only_and_the_bundled_work_is_shared():
    alice, bob = (AppTest.from_file(APP, default_timeout=90) for _ in range(2))
    alice.session_state["user_layers"] = [survey(["secret alice site"])]
    run(alice)
    shared = ui.memo._bundled()
    assert {key[1] for key in shared._items} <= BUNDLED  # (name, layer id, frame id, ...)
    made = {key[0] for key in shared._items}
    assert {"geojson", "legend", "filter_choices"} <= made
    mine = alice.session_state["frame_memo"]
    assert {key[1] for key in mine._items} == {"user_1_survey"}
    assert any("secret alice site" in str(value) for _, value in mine._items.values())
    hits = shared.hits
    run(bob)  # a second visitor: the bundled work is found, not made again
    assert shared.hits > hits
    assert not any("secret alice site" in str(value) for _, value in shared._items.values())
    assert "frame_memo" not in bob.session_state  # nothing of his own was made
