"""Measure along a route in AppTest: the figure shown is the route's own length between the two
places (the sum of the segments the data build measured), in the user's language."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP, run
from ui import state


@pytest.fixture
def app(views):
    return run(AppTest.from_file(APP, default_timeout=60))


def shown_km(app, lang: str) -> float:
    text = next(m.value for m in app.markdown if " km**" in m.value)
    number = re.search(r"\*\*([\d.,]+) km\*\*", text).group(1)
    return float(number.replace(".", "").replace(",", ".") if lang == "es" else number.replace(",", ""))


def test_bajo_chiquito_to_san_vicente_along_the_acandi_route(app, bundled):
    segments = next(layer.frame for layer in bundled if layer.spec.id == "migration_routes")
    app.selectbox(key=state.ALONG_ROUTE.key).set_value("acandi_bajo_chiquito")
    run(app)
    app.selectbox(key=state.ALONG_FROM.key).set_value("Bajo Chiquito")
    app.selectbox(key=state.ALONG_TO.key).set_value("Estación de Recepción Migratoria San Vicente")
    run(app)
    rows = segments[(segments["route"] == "acandi_bajo_chiquito") & (segments["seq"] >= 4)]
    assert shown_km(app, "es") == pytest.approx(rows["length_km"].sum(), abs=0.06)
    assert "geodésica" in next(m.value for m in app.markdown if " km**" in m.value)
    # the whole route, in English
    app.radio(key=state.LANG.key).set_value("en")
    app.selectbox(key=state.ALONG_FROM.key).set_value("Necoclí")
    run(app)
    whole = segments[segments["route"] == "acandi_bajo_chiquito"]["length_km"].sum()
    assert shown_km(app, "en") == pytest.approx(whole, abs=0.06)
    assert "geodesic" in next(m.value for m in app.markdown if " km**" in m.value)


def test_the_measured_stretch_is_highlighted_on_the_map_when_asked(app, views):
    assert "route_part" not in views[-1]["groups"]
    app.selectbox(key=state.ALONG_ROUTE.key).set_value("canaan_membrillo")
    app.checkbox(key=state.ALONG_SHOW.key).check()
    run(app)
    assert "route_part" in views[-1]["groups"] and "search_focus" not in views[-1]["groups"]
    app.checkbox(key=state.ALONG_SHOW.key).uncheck()
    run(app)
    assert "route_part" not in views[-1]["groups"]
