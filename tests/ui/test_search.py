"""The search box in AppTest: a result chosen becomes the map's focus (centre, zoom, highlight)."""

from __future__ import annotations

import dataclasses

import geopandas as gpd
import pytest
from shapely import Point
from streamlit.testing.v1 import AppTest

from geo.escape import markdown_text
from geo.load import Layer
from tests.conftest import APP, run
from tests.specs import user_spec
from ui import state


@pytest.fixture
def app(views):
    return run(AppTest.from_file(APP, default_timeout=60))


def pick(app, i=0):
    return app.button(key=state.SEARCH_PICK.key(i))


def test_typing_canaan_lists_canaan_membrillo_and_choosing_it_centres_and_highlights_it(app, views):
    assert views[-1]["center"] is None and "search_focus" not in views[-1]["groups"]
    app.text_input(key=state.SEARCH_QUERY.key).input("canaan")
    run(app)
    assert pick(app).label == "Canaán Membrillo"
    pick(app).click()
    run(app)
    lat, lng = views[-1]["center"]
    assert lat == pytest.approx(8.6, abs=1e-6) and lng == pytest.approx(-77.62, abs=1e-6)
    assert views[-1]["zoom"] == 12
    assert "search_focus" in views[-1]["groups"]
    assert "Canaán Membrillo" in " ".join(c.value for c in app.caption)
    # chosen again after the map moved away: a new centre, so the map goes back there
    first = views[-1]["center"]
    pick(app).click()
    run(app)
    assert views[-1]["center"] != first and views[-1]["center"][0] == pytest.approx(8.6, abs=1e-6)


def test_a_wide_place_is_shown_whole_and_clearing_forgets_it(app, views):
    app.text_input(key=state.SEARCH_QUERY.key).input("guna yala")
    run(app)
    pick(app).click()
    run(app)
    assert views[-1]["zoom"] < 12  # the comarca, not a point
    app.button(key=state.SEARCH_CLEAR.key).click()
    run(app)
    assert "search_focus" not in views[-1]["groups"]
    assert app.text_input(key=state.SEARCH_QUERY.key).value == ""


def test_no_match_is_said_in_the_language_chosen(app):
    app.radio(key=state.LANG.key).set_value("en")
    run(app)
    app.text_input(key=state.SEARCH_QUERY.key).input("zzqx")
    run(app)
    assert any("No place matches" in c.value for c in app.caption)
    assert app.text_input(key=state.SEARCH_QUERY.key).label == "Find a place"


def test_the_users_own_layer_is_searched_by_its_names(app, views):
    spec = dataclasses.replace(
        user_spec("user_1", "Point"), title={"es": "encuesta", "en": "survey"}, tooltip=("nombre",)
    )
    frame = gpd.GeoDataFrame(
        {"nombre": ["Albergue **Ñeque**"], "source": ["Uploaded file: a.csv"], "confidence": ["reported"]},
        geometry=[Point(-77.31, 8.11)],
        crs=4326,
    )
    frame["licence"] = "as stated"
    app.session_state[state.USER_LAYERS.key] = [Layer(spec, frame)]
    app.text_input(key=state.SEARCH_QUERY.key).input("neque")
    run(app)
    assert pick(app).label == "Albergue \\*\\*Ñeque\\*\\*"  # Markdown escaped
    assert markdown_text("Uploaded file: a.csv") in pick(app).help and "elemento de su capa" in pick(app).help
    pick(app).click()
    run(app)
    assert views[-1]["center"][1] == pytest.approx(-77.31)
