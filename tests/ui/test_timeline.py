"""The "as of" month in the app (streamlit.testing.v1.AppTest): it filters what is exported and
analysed, its file names say it, the undated choice works, the language switch keeps it, playing
runs month by month, the crossings chart says the figure of the month; and the map component gets
the same map for every month, only a different call (so the browser never builds it again)."""

from __future__ import annotations

import re

import pytest
import streamlit_folium
from streamlit.testing.v1 import AppTest

from geo import timeline
from geo.escape import markdown_text
from tests.conftest import APP, run


@pytest.fixture
def component(monkeypatch):
    """What streamlit-folium hands its browser component on each run: `key` (a new key mounts a
    new map), `script` (the map) and `feature_group` (the overlays run on the live map)."""
    sent = []
    real = streamlit_folium._component_func

    def spy(**kwargs):
        sent.append({name: kwargs[name] for name in ("key", "script", "feature_group")})
        return real(**kwargs)

    monkeypatch.setattr(streamlit_folium, "_component_func", spy)
    return sent


@pytest.fixture
def app(calls, component):
    return run(AppTest.from_file(APP, default_timeout=60))


def month(app, value: str):
    app.select_slider(key="as_of_month").set_value(value)
    return run(app)


def exported(calls, layer_id: str, column: str) -> list:
    doc = calls["export"][-1]["doc"]
    return [f["properties"][column] for f in doc["features"] if f["properties"]["layer"] == layer_id]


def download_label(app) -> str:
    return next(b for b in app.get("download_button") if b.key == "download_export").proto.label


def test_every_month_has_the_same_map_and_only_the_call_changes(app, component):
    first = component[-1]
    assert '"month": null' in first["feature_group"]  # every period: the call undoes any month
    for value in ("2015-06", "2023-09", "all"):
        month(app, value)
        assert component[-1]["key"] == first["key"] and component[-1]["script"] == first["script"], value
    calls = [c["feature_group"] for c in component]
    assert any('window.dcSetAsOf({"month": "2015-06"' in c for c in calls)
    assert any('window.dcSetAsOf({"month": "2023-09"' in c for c in calls)
    assert calls[-1] == first["feature_group"]


def test_the_month_filters_the_export_and_its_file_name_says_it(app, calls, bundled):
    month(app, "2021-06")
    routes = next(layer.frame for layer in bundled if layer.spec.id == "migration_routes")
    held = set(routes["segment_id"][timeline.valid_in_month(routes, "2021-06")])
    assert set(exported(calls, "migration_routes", "segment_id")) == held
    assert calls["export"][-1]["as_of"] == "2021-06"
    assert calls["export"][-1]["doc"]["as_of"]["month"] == "2021-06"
    # 10 of the 11 layers: the patrol zones (from June 2023) have no feature in June 2021 (#15).
    assert re.match(r"Descargar darien-corridor_10-layers_asof-2021-06_\d{8}-\d{4}\.geojson$", download_label(app))
    app.selectbox(key="export_what").set_value("visible")  # every feature of the month, whatever its confidence
    run(app)
    assert "_asof-2021-06_" in download_label(app) and calls["export"][-1]["as_of"] == "2021-06"
    assert set(exported(calls, "migration_routes", "segment_id")) == held
    month(app, "all")
    assert "asof" not in download_label(app) and calls["export"][-1]["as_of"] is None
    assert set(exported(calls, "migration_routes", "segment_id")) == set(routes["segment_id"])


def test_undated_features_are_shown_or_hidden_as_chosen(app, calls, bundled, component):
    communities = next(layer.frame for layer in bundled if layer.spec.id == "reception_communities")
    no_period = set(communities["id"][timeline.undated(communities)])
    held = set(communities["id"][timeline.valid_in_month(communities, "2023-09")])
    assert no_period and held
    month(app, "2023-09")
    assert set(exported(calls, "reception_communities", "id")) == held | no_period
    assert '"undated": "show"' in component[-1]["feature_group"]
    app.radio(key="as_of_undated").set_value("hide")
    run(app)
    assert set(exported(calls, "reception_communities", "id")) == held
    assert '"undated": "hide"' in component[-1]["feature_group"]
    assert len(exported(calls, "towns", "name")) == len(next(x for x in bundled if x.spec.id == "towns").frame)


def test_the_language_switch_keeps_the_month_and_the_choice(app, component):
    month(app, "2023-09")
    app.radio(key="as_of_undated").set_value("hide")
    run(app)
    app.radio(key="lang").set_value("en")
    run(app)
    assert app.select_slider(key="as_of_month").value == "2023-09"
    assert app.select_slider(key="as_of_month").label == "As of"
    assert app.radio(key="as_of_undated").value == "hide"
    assert '"heading": "As of Sep 2023"' in component[-1]["feature_group"]
    assert any(c.value.startswith(markdown_text("As of Sep 2023: 75,268 crossings that month")) for c in app.caption)


def test_playing_moves_a_month_per_run_and_stops_at_the_last(app):
    options = ["all", *timeline.months(timeline.FIRST_MONTH, timeline.latest_month())]
    app.selectbox(key="as_of_speed").set_value(0.5)
    month(app, options[-3])
    app.button(key="as_of_play").click()
    run(app)  # plays: each run asks for the next, until the last month
    assert app.select_slider(key="as_of_month").value == options[-1]
    assert app.session_state["as_of_playing"] is False
    assert app.button(key="as_of_play").label == "▶ Reproducir"


def test_the_crossings_chart_says_the_figure_of_the_month_or_that_none_is_published(app):
    assert not any(c.value.startswith("Situación a") for c in app.caption)  # every period: the chart as it was
    month(app, "2023-09")
    said = [c.value for c in app.caption if c.value.startswith("Situación a")]
    assert said == [
        "Situación a sep\\. 2023\\: 75\\.268 cruces ese mes \\(Ministerio de Seguridad Pública\\)\\. "
        "520\\.085 cruces en 2023 \\(Servicio Nacional de Migración \\(SNM\\)\\)\\."
    ]
    month(app, "2021-06")
    said = [c.value for c in app.caption if c.value.startswith("Situación a")]
    assert said[0].startswith(
        "Situación a jun\\. 2021\\: no hay cifra publicada para ese mes\\. 133\\.726 cruces en 2021"
    )


def test_the_analysis_follows_the_month(app, bundled):
    routes = next(layer.frame for layer in bundled if layer.spec.id == "migration_routes")
    for value in ("2015-06", "2021-06", "2023-09"):
        month(app, value)
        table = next(d.value for d in app.dataframe if "En brechas (km)" in d.value.columns)
        held = routes["route"][timeline.valid_in_month(routes, value)].unique()
        assert len(table) == len(held) > 0, value
    month(app, "2010-01")  # no route in use yet: the panel says so
    assert not any("En brechas (km)" in d.value.columns for d in app.dataframe)
