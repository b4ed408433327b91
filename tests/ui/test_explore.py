"""Filters for each layer and the feature table, in the app (streamlit.testing.v1.AppTest).

The map, the legend and the export are seen through recording spies that call the real
functions (`calls` in tests/conftest.py; the legend's items below)."""

from __future__ import annotations

import json

import pytest
import shapely
from streamlit.testing.v1 import AppTest

import geo.webmap.build
import ui.mapview
from geo.escape import markdown_text
from geo.featuretable import focus_of
from geo.i18n import field_label
from tests.conftest import APP, run


@pytest.fixture
def legends(monkeypatch):
    """The legend items of every map the app builds, as the page receives them."""
    seen = []
    real = geo.webmap.build.Legend

    class Recording(real):
        def __init__(self, items, title, note):
            super().__init__(items, title, note)
            seen.append(json.loads(json.dumps(items)))

    monkeypatch.setattr(geo.webmap.build, "Legend", Recording)
    return seen


@pytest.fixture
def map_calls(monkeypatch):
    """What st_folium was given on each run (centre, zoom, overlays)."""
    seen = []
    real = ui.mapview.st_folium

    def st_folium(fmap, **kwargs):
        seen.append(kwargs)
        return real(fmap, **kwargs)

    monkeypatch.setattr(ui.mapview, "st_folium", st_folium)
    return seen


@pytest.fixture
def app(calls, legends, map_calls):
    return run(AppTest.from_file(APP, default_timeout=90))


def by_id(bundled, layer_id):
    return next(layer for layer in bundled if layer.spec.id == layer_id)


def filter_routes_to_boats(app):
    app.multiselect(key="filter_on_migration_routes").set_value(["mode"])
    run(app)
    modes = app.multiselect(key="filter_by_migration_routes:mode")
    assert len(modes.value) == len(modes.options) and "boat" in modes.value  # every mode kept until one is left out
    modes.set_value(["boat"])
    run(app)


def test_a_layer_filter_changes_the_map_the_legend_and_the_export_the_same_way(app, calls, legends, bundled):
    routes = by_id(bundled, "migration_routes").frame
    boats = int((routes["mode"] == "boat").sum())
    assert 0 < boats < len(routes)
    before = calls["map"][-1]["features"]["migration_routes"]
    assert before == len(routes)
    filter_routes_to_boats(app)
    assert calls["map"][-1]["features"]["migration_routes"] == boats
    assert calls["map"][-1]["features"]["reception_communities"] == len(by_id(bundled, "reception_communities").frame)
    [count] = [item["count"] for item in legends[-1] if item["count"]["id"] == "migration_routes"]
    assert (count["shown"], count["total"]) == (boats, len(routes))
    assert count["text"].replace("{n}", str(boats)) == f"{boats} de {len(routes)} pasan los filtros"
    exported = [f for f in calls["export"][-1]["doc"]["features"] if f["properties"]["layer"] == "migration_routes"]
    assert len(exported) == boats and {f["properties"]["mode"] for f in exported} == {"boat"}
    caption = [c.value for c in app.sidebar.caption if "pasan los filtros" in c.value]
    assert caption == [f"{boats} de {len(routes)} elementos pasan los filtros"]
    # In English the filter stays, and the legend says it in English.
    app.radio(key="lang").set_value("en")
    run(app)
    assert calls["map"][-1]["features"]["migration_routes"] == boats and calls["map"][-1]["lang"] == "en"
    [count] = [item["count"] for item in legends[-1] if item["count"]["id"] == "migration_routes"]
    assert count["text"].replace("{n}", str(boats)) == f"{boats} of {len(routes)} pass the filters"


def test_a_layer_filter_follows_the_month_and_the_confidence(app, calls, bundled):
    filter_routes_to_boats(app)
    app.select_slider(key="as_of_month").set_value("2016-03")
    run(app)
    routes = by_id(bundled, "migration_routes").frame
    exported = [f for f in calls["export"][-1]["doc"]["features"] if f["properties"]["layer"] == "migration_routes"]
    from geo.timeline import valid_in_month

    held = valid_in_month(routes, "2016-03") & (routes["mode"] == "boat").to_numpy()
    assert len(exported) == int(held.sum()) + int(((routes["mode"] == "boat") & ~routes["dated"].astype(bool)).sum())
    assert calls["map"][-1]["features"]["migration_routes"] == int(
        (routes["mode"] == "boat").sum()
    )  # the month travels apart


def test_the_table_rows_are_the_filtered_features_in_the_readers_language(app, bundled):
    app.selectbox(key="table_layer").set_value("migration_routes")
    run(app)
    filter_routes_to_boats(app)
    routes = by_id(bundled, "migration_routes").frame
    rows = app.dataframe(key="feature_table").value
    segment = rows.columns[0]  # the table keeps the frame's column order
    assert routes.columns[0] == "segment_id" and segment.startswith(field_label("segment_id", "es"))
    assert rows[segment].tolist() == routes.loc[routes["mode"] == "boat", "segment_id"].tolist()
    assert set(rows[field_label("mode", "es")]) == {"lancha"}  # values in the reader's language
    app.text_input(key="table_search").set_value(rows[segment].iloc[0])
    run(app)
    assert app.dataframe(key="feature_table").value[segment].tolist() == [rows[segment].iloc[0]]
    app.radio(key="lang").set_value("en")
    run(app)
    assert app.dataframe(key="feature_table").value.columns[0] == field_label("segment_id", "en")


def test_choosing_a_row_focuses_the_map_on_its_feature_and_a_click_on_the_map_chooses_the_row(app, map_calls, bundled):
    app.selectbox(key="table_layer").set_value("reception_communities")
    run(app)
    communities = by_id(bundled, "reception_communities").frame
    app.session_state["feature_table"] = {"selection": {"rows": [3], "columns": []}}  # what a click on the row sends
    run(app)
    where = focus_of(communities.geometry.iloc[3])
    centre, zoom = map_calls[-1]["center"], map_calls[-1]["zoom"]
    assert centre == pytest.approx((where["lat"], where["lng"]), abs=1e-6) and zoom == where["zoom"]
    assert [group.layer_name for group in map_calls[-1]["feature_group_to_add"]][-1] == "focus"
    # A click on the map beside another community selects its row, and the map stays where it is.
    places = communities.geometry.to_numpy()
    near = shapely.distance(places[:, None], places[None, :]) < 0.05  # degrees: within a click's reach
    alone = [i for i in range(len(places)) if i != 3 and near[i].sum() == 1]
    other = alone[0]  # a community with no other within the click's reach
    point = communities.geometry.iloc[other]
    app.session_state["map"] = {"last_clicked": {"lat": point.y + 0.002, "lng": point.x}, "bounds": None}
    run(app)
    assert list(app.session_state["feature_table"]["selection"]["rows"]) == [other]
    chosen = f"**Elegido:** fila {other + 1} de la tabla: {markdown_text(communities['name'].iloc[other])}"
    assert chosen in [m.value for m in app.markdown]
    # ... given the centre and zoom it was given before (streamlit-folium moves only to a new one)
    assert (map_calls[-1]["center"], map_calls[-1]["zoom"]) == (map_calls[-2]["center"], map_calls[-2]["zoom"])
    # Searching the table away from the chosen feature lets it go.
    app.text_input(key="table_search").set_value("zzzz no such place")
    run(app)
    assert len(app.dataframe(key="feature_table").value) == 0 and app.session_state["focus"] is None


HOSTILE = "**bold** [x](javascript:alert(1))"


def test_an_uploaded_layers_filters_come_from_its_own_columns(calls):
    import geopandas as gpd
    from shapely import Point

    from geo.load import Layer
    from tests.specs import user_spec

    frame = gpd.GeoDataFrame(
        {
            "site": [f"Sitio {i}" for i in range(40)],
            HOSTILE: [f"<img src=x onerror=alert({i})>" for i in range(40)],
            "people": list(range(0, 400, 10)),
            "kind": ["camp", "shelter"] * 20,
            "source": ["survey"] * 40,
            "confidence": ["reported"] * 40,
            "licence": ["CC0"] * 40,
        },
        geometry=[Point(-77.5 + i / 100, 8.5) for i in range(40)],
        crs="EPSG:4326",
    )
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["user_layers"] = [Layer(user_spec("user_1_survey", "Point", "Survey"), frame)]
    run(at)
    by = at.multiselect(key="filter_on_user_1_survey")
    own = ["site", HOSTILE, "people", "kind", "source", "licence"]  # its own columns (confidence has its own control)
    assert by.options == [field_label(c, "es") for c in own]
    by.set_value(["people", "kind", HOSTILE])
    run(at)
    assert at.text_input(key=f"filter_by_user_1_survey:{HOSTILE}").label == markdown_text(f"{HOSTILE} contiene")
    at.text_input(key=f"filter_by_user_1_survey:{HOSTILE}").set_value("alert(")
    run(at)
    assert at.slider(key="filter_by_user_1_survey:people").value == (0, 390)
    at.slider(key="filter_by_user_1_survey:people").set_value((100, 200))
    at.multiselect(key="filter_by_user_1_survey:kind").set_value(["camp"])
    run(at)
    expected = int(((frame["people"] >= 100) & (frame["people"] <= 200) & (frame["kind"] == "camp")).sum())
    assert calls["map"][-1]["features"]["user_1_survey"] == expected == 6
    assert calls["map"][-1]["totals"]["user_1_survey"] == 40


def test_a_big_table_sends_the_first_rows_and_says_so(monkeypatch, calls):
    import ui.featuretable

    monkeypatch.setattr(ui.featuretable, "MAX_ROWS", 5)
    at = run(AppTest.from_file(APP, default_timeout=90))
    assert len(at.dataframe(key="feature_table").value) == 5
    assert any("primeras 5 filas" in c.value for c in at.caption)


def test_the_analysis_follows_a_layer_filter(monkeypatch, calls, bundled):
    import ui.analysis

    seen = []
    real = ui.analysis.analyse

    def analyse(found, reach):
        routes = found.frame("routes")
        seen.append(None if routes is None else sorted(set(routes["mode"])))
        return real(found, reach)

    monkeypatch.setattr(ui.analysis, "analyse", analyse)
    at = run(AppTest.from_file(APP, default_timeout=90))
    assert seen[-1] == sorted(set(by_id(bundled, "migration_routes").frame["mode"]))
    filter_routes_to_boats(at)
    assert seen[-1] == ["boat"]
