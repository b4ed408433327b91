"""The Streamlit app, driven by streamlit.testing.v1.AppTest.

The map and the export functions are wrapped by recording spies that call
the real ones (the `calls` fixture in conftest.py), so the tests see exactly
which layers the app put on the map and into each download.
"""

from __future__ import annotations

import pytest
import shapely
import shapely.geometry
from streamlit.testing.v1 import AppTest

import layers
import ui.exporting
import ui.mapview
from geo.errors import LayerDataError
from geo.escape import markdown_text
from tests.conftest import APP, run


@pytest.fixture
def app(calls):
    return run(AppTest.from_file(APP, default_timeout=60))


def test_app_runs_in_spanish_with_every_default_layer_on_the_map(app, calls):
    assert app.title[0].value == "Mapa del corredor del Darién"
    assert calls["map"][-1]["ids"] == [s.id for s in layers.LAYERS if s.visible]
    assert calls["map"][-1]["lang"] == "es" and calls["map"][-1]["basemap"] == "offline"


def test_switching_a_layer_off_removes_it_from_the_map_and_the_download(app, calls):
    app.checkbox(key="layer_patrol_zones").uncheck()
    run(app)
    assert "patrol_zones" not in calls["map"][-1]["ids"]
    assert "migration_routes" in calls["map"][-1]["ids"]
    everything = calls["export"][-1]  # what the export panel offers by default: what the map shows
    assert everything["ids"] == calls["map"][-1]["ids"]
    exported = {f["properties"]["layer"] for f in everything["doc"]["features"]}
    assert exported == set(calls["map"][-1]["ids"])


def test_single_layer_download_offers_only_visible_layers(app, calls):
    app.checkbox(key="layer_towns").uncheck()
    run(app)
    app.selectbox(key="export_what").set_value("layer")
    run(app)
    choice = app.selectbox(key="export_layer")
    titles = {s.id: s.title["es"] for s in layers.LAYERS}
    assert "Poblados" not in choice.options
    assert choice.options == [titles[i] for i in calls["map"][-1]["ids"]]
    choice.set_value("reception_communities")
    run(app)
    one = calls["export"][-1]
    assert one["ids"] == ["reception_communities"]
    assert {f["properties"]["layer"] for f in one["doc"]["features"]} == {"reception_communities"}


def test_filters_change_the_map_and_what_is_exported(app, calls, bundled):
    app.multiselect(key="filter_confidence").set_value(["official", "reported"])
    run(app)
    shown = calls["map"][-1]["features"]
    communities = next(layer.frame for layer in bundled if layer.spec.id == "reception_communities")
    reported = int((communities["confidence"] == "reported").sum())  # the data: 15 reported, 6 approximate
    assert "patrol_zones" in shown and shown["patrol_zones"] == 0 and shown["reception_communities"] == reported
    confidences = {f["properties"]["confidence"] for f in calls["export"][-1]["doc"]["features"]}
    assert confidences == {"reported"}
    app.selectbox(key="export_what").set_value("visible")
    run(app)
    assert "illustrative" in {f["properties"]["confidence"] for f in calls["export"][-1]["doc"]["features"]}


def exported(calls, layer_id: str, column: str) -> set:
    return {
        f["properties"][column] for f in calls["export"][-1]["doc"]["features"] if f["properties"]["layer"] == layer_id
    }


def test_the_month_changes_what_is_exported_and_the_map_keeps_every_period(app, calls):
    everything = calls["map"][-1]["features"]
    app.select_slider(key="as_of_month").set_value("2016-01")
    run(app)
    app.radio(key="as_of_undated").set_value("hide")  # offered once a month is chosen
    run(app)
    # January 2016: the Cuban route by the Caribbean and Lajas Blancas station, no patrol zone yet.
    assert exported(calls, "migration_routes", "route") == {"caribbean_puerto_obaldia"}
    assert exported(calls, "reception_communities", "id") == {"erm_lajas_blancas"}
    assert exported(calls, "patrol_zones", "id") == set()
    assert exported(calls, "countries", "name") == {"Colombia", "Panama"}  # not about time: whole
    assert calls["map"][-1]["features"] == everything  # the month is applied in the page
    app.select_slider(key="as_of_month").set_value("2023-09")
    run(app)
    assert exported(calls, "migration_routes", "route") == {"acandi_bajo_chiquito", "capurgana_bajo_chiquito"}
    assert exported(calls, "reception_communities", "id") == {"erm_lajas_blancas", "erm_san_vicente"}
    assert len(exported(calls, "patrol_zones", "id")) == 4  # Operación Chocó, from June 2023


def test_exporting_the_view_clips_to_what_the_browser_reports(monkeypatch, calls):
    view = {
        "bounds": {"_southWest": {"lat": 8.0, "lng": -78.2}, "_northEast": {"lat": 8.7, "lng": -77.5}},
        "center": {"lat": 8.35, "lng": -77.85},
        "zoom": 10,
        "last_clicked": None,
    }
    monkeypatch.setattr(ui.mapview, "st_folium", lambda *args, **kwargs: view)
    app = run(AppTest.from_file(APP, default_timeout=60))
    app.selectbox(key="export_what").set_value("view")
    run(app)
    assert app.session_state["map_bounds"] == (-78.2, 8.0, -77.5, 8.7)
    doc = calls["export"][-1]["doc"]
    for feature in doc["features"]:
        xy = shapely.get_coordinates(shapely.geometry.shape(feature["geometry"]))
        assert (xy[:, 0] >= -78.2 - 1e-9).all() and (xy[:, 0] <= -77.5 + 1e-9).all()
    assert doc["features"] and all(f["properties"]["layer"] for f in doc["features"])
    assert any(f["properties"].get("clipped") for f in doc["features"])
    assert any("cortados en el borde" in c.value for c in app.caption)


def test_drawing_an_area_by_clicking_and_exporting_inside_it(monkeypatch, calls):
    clicks = iter([(8.0, -78.2), (8.0, -77.5), (8.7, -77.5), (8.7, -77.5)])
    state = {"click": None}

    def fake_map(*args, **kwargs):
        return {"bounds": None, "center": None, "zoom": None, "last_clicked": state["click"]}

    monkeypatch.setattr(ui.mapview, "st_folium", fake_map)
    app = run(AppTest.from_file(APP, default_timeout=60))
    app.checkbox(key="draw_mode").check()
    run(app)
    for _ in range(4):  # the fourth report repeats the third click: no new vertex
        lat, lng = next(clicks)
        state["click"] = {"lat": lat, "lng": lng}
        run(app)
    assert app.session_state["drawn_area"] == [(-78.2, 8.0), (-77.5, 8.0), (-77.5, 8.7)]
    app.selectbox(key="export_what").set_value("drawn")
    run(app)
    triangle = shapely.Polygon(app.session_state["drawn_area"]).buffer(1e-9)
    features = calls["export"][-1]["doc"]["features"]
    assert features and all(triangle.covers(shapely.geometry.shape(f["geometry"])) for f in features)
    app.button(key="draw_clear").click()
    run(app)
    assert app.session_state["drawn_area"] == []


def test_a_drawn_area_that_crosses_itself_is_refused_with_its_own_message(monkeypatch, calls):
    reported = {"click": None}
    monkeypatch.setattr(
        ui.mapview, "st_folium", lambda *args, **kwargs: {"bounds": None, "last_clicked": reported["click"]}
    )
    app = run(AppTest.from_file(APP, default_timeout=60))
    app.checkbox(key="draw_mode").check()
    run(app)
    bow_tie = [(-78.0, 8.0), (-77.0, 9.0), (-77.0, 8.0), (-78.0, 9.0)]
    for lng, lat in bow_tie:  # clicked on the map, as in draw mode
        reported["click"] = {"lat": lat, "lng": lng}
        run(app)
    assert app.session_state["drawn_area"] == bow_tie
    exports_before = len(calls["export"])
    app.selectbox(key="export_what").set_value("drawn")
    run(app)
    assert any("el área dibujada se cruza a sí misma" in e.value for e in app.error)
    assert not any("al menos 3 vértices" in i.value for i in app.info)  # not mistaken for too few vertices
    assert not any(b.key == "download_export" for b in app.get("download_button"))
    assert len(calls["export"]) == exports_before  # nothing exported
    assert app.file_uploader  # the import panel below is still there
    app.radio(key="lang").set_value("en")
    run(app)
    assert any("the drawn area crosses itself" in e.value for e in app.error)


def test_shapefile_export_tells_what_changed(app):
    app.selectbox(key="export_format").set_value("shapefile")
    run(app)
    assert any("se llama" in c.value for c in app.caption)


def test_switching_language_changes_the_labels_and_keeps_the_choices(app, calls):
    app.checkbox(key="layer_rivers").uncheck()
    run(app)
    app.radio(key="lang").set_value("en")
    run(app)
    assert app.title[0].value == "Darién corridor map"
    assert app.checkbox(key="layer_patrol_zones").label == "Patrol zones"
    assert app.sidebar.subheader[0].value == "Corridor layers"
    assert app.checkbox(key="layer_rivers").value is False
    assert "rivers" not in calls["map"][-1]["ids"]
    assert calls["map"][-1]["lang"] == "en"


def test_caveats_of_approximate_and_illustrative_layers_are_shown(app):
    warning = app.warning[0].value
    assert markdown_text("Aproximado, no es un límite oficial.") in warning  # Markdown-escaped, shown as written
    assert markdown_text("no son sectores de patrullaje reales") in warning
    app.checkbox(key="layer_patrol_zones").uncheck()
    run(app)
    assert "patrullaje" not in app.warning[0].value


def test_an_online_basemap_is_an_explicit_choice(app, calls):
    assert calls["map"][-1]["basemap"] == "offline"
    app.selectbox(key="basemap").set_value("osm")
    run(app)
    assert calls["map"][-1]["basemap"] == "osm"


def test_no_layer_visible_says_so_instead_of_offering_an_empty_file(app, calls):
    for spec in layers.LAYERS:
        app.checkbox(key=f"layer_{spec.id}").uncheck()
    run(app)
    assert calls["map"][-1]["ids"] == []
    assert any("No hay capas visibles" in i.value for i in app.info)


def test_an_export_that_fails_says_so_and_the_rest_of_the_page_still_works(app, monkeypatch):
    from geo.errors import ExportError

    def refuse(*args, **kwargs):
        raise ExportError("layer 'towns' cannot be written")

    monkeypatch.setattr(ui.exporting, "export", refuse)
    app.selectbox(key="export_format").set_value("kml")
    run(app)
    assert any(e.value.endswith(markdown_text("layer 'towns' cannot be written")) for e in app.error)
    assert not any(b.key == "download_export" for b in app.get("download_button"))
    assert app.file_uploader  # the import panel below is still there


def test_a_user_error_is_shown_as_a_plain_message_without_traceback(monkeypatch, calls):
    def broken(*args, **kwargs):
        raise LayerDataError("layer 'x': feature 3: no geometry")

    monkeypatch.setattr(ui.mapview, "build_map", broken)
    at = run(AppTest.from_file(APP, default_timeout=60))
    # the message is Markdown-escaped: whatever it quotes shows as written
    assert at.error[0].value == "No se pudo completar: " + markdown_text("layer 'x': feature 3: no geometry")
    assert at.error[0].value.endswith("layer 'x'\\: feature 3\\: no geometry")
    assert "Traceback" not in at.error[0].value and "/" not in at.error[0].value


def test_crossings_chart_has_its_source_under_it(app):
    assert any("Servicio Nacional de Migración" in c.value for c in app.caption)


def test_the_data_page_lists_each_layers_source_licence_period_and_confidence(app):
    table = next(d.value for d in app.dataframe if "Capa" in d.value.columns)
    row = table[table["Capa"] == "Zonas de patrullaje"].iloc[0]
    assert row["Confianza"] == "ilustrativa (4)"
    assert row["Periodo"] == "2 jun. 2023 – abierto"  # a day as Spanish writes it
    assert "Reuters" in row["Fuente"] and row["Licencia"] == "ODbL 1.0"  # one zone is cut from OSM admin units
    assert len(table) == sum(1 for s in layers.LAYERS if s.visible)


def _panels(at: AppTest) -> dict:
    """What the panels under the map put on the page: downloads, tables, the uploader."""
    return {
        "downloads": len(at.get("download_button")),
        "tables": len(at.dataframe),
        "uploaders": len(at.get("file_uploader")),
    }


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_first_run_draws_the_map_and_leaves_the_panels_for_the_next_run(calls, lang):
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = lang  # as a saved workspace restores it
    at.run()  # the first run of a session, alone (tests.conftest.run adds the map's rerun)
    assert not at.exception
    assert len(calls["map"]) == 1  # the map is on the page
    assert _panels(at) == {"downloads": 0, "tables": 0, "uploaders": 0}
    waiting = {"es": "en cuanto se dibuja el mapa", "en": "once the map is drawn"}[lang]
    assert any(waiting in caption.value for caption in at.caption)
    at.run()  # what the map's first report does in a browser
    assert not at.exception
    shown = _panels(at)
    assert shown["downloads"] >= 1 and shown["tables"] >= 1 and shown["uploaders"] == 1
    assert not any(waiting in caption.value for caption in at.caption)
    assert not [b for b in at.button if b.key == "panels_now"]


def test_show_them_now_draws_the_panels_when_the_map_has_not_reported(calls):
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert _panels(at)["uploaders"] == 0
    at.button(key="panels_now").click()
    at.run()
    assert not at.exception
    assert _panels(at)["uploaders"] == 1 and _panels(at)["downloads"] >= 1


def _order(monkeypatch) -> list[str]:
    """What each run draws, in order: "sidebar" (all of it) and "map"."""
    import ui.sidebar

    order = []
    real_sidebar, real_map = ui.sidebar.sidebar, ui.mapview.corridor_map
    monkeypatch.setattr(ui.sidebar, "sidebar", lambda: order.append("sidebar") or real_sidebar())
    monkeypatch.setattr(ui.mapview, "corridor_map", lambda *a, **k: order.append("map") or real_map(*a, **k))
    return order


def test_a_new_visitors_first_run_draws_the_map_from_what_the_sidebar_starts_from(calls, monkeypatch):
    order = _order(monkeypatch)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert order == ["map"]  # a note in the sidebar, the map in Spanish; the controls wait
    assert not [r for r in at.radio if r.key == "lang"] and not at.sidebar.checkbox
    assert any("en cuanto se dibuja el mapa" in c.value for c in at.sidebar.caption)
    assert at.title[0].value == "Mapa del corredor del Darién"
    assert at.text_input(key="search_query").value == ""  # the search box, in its place above the map
    at.run()  # the run the map's first report makes: the sidebar, then the same map
    assert not at.exception
    assert order[1:] == ["sidebar", "map"]
    assert at.radio(key="lang").value == "es"
    assert at.checkbox(key="layer_patrol_zones").value and not any("controles" in c.value for c in at.sidebar.caption)
    first, second = calls["map"]
    assert first == second  # the sidebar's own answers are what the first map was built from


def test_a_wrong_guess_of_the_sidebars_choices_is_replaced_by_the_next_run(calls, monkeypatch):
    import dataclasses

    import ui.sidebar

    real = ui.sidebar.defaults
    monkeypatch.setattr(ui.sidebar, "defaults", lambda: dataclasses.replace(real(), basemap="osm"))
    run(AppTest.from_file(APP, default_timeout=60))
    assert [c["basemap"] for c in calls["map"]] == ["osm", "offline"]


def test_a_session_with_choices_already_made_draws_the_sidebar_before_the_map(calls, monkeypatch):
    order = _order(monkeypatch)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["layer_towns"] = False  # as a workspace link restores it
    at.run()
    assert not at.exception
    assert order == ["sidebar", "map"] and "towns" not in calls["map"][-1]["ids"]
    assert _panels(at)["uploaders"] == 0  # the panels still wait for the next run


def test_the_maps_report_waits_for_its_paint_in_every_run(monkeypatch):
    """The map's first report reruns the app; its answer must come once the map is on screen
    (geo.webmap.view.ReportWhenPainted, tests/browser/test_report_when_painted.py)."""
    from geo.webmap.view import ReportWhenPainted

    held = []
    real = ui.mapview.st_folium

    def st_folium(fmap, **kwargs):
        held.append(sum(isinstance(child, ReportWhenPainted) for child in fmap._children.values()))
        assert "window.dcReportWhenPainted(" in fmap.get_root().render()
        return real(fmap, **kwargs)

    monkeypatch.setattr(ui.mapview, "st_folium", st_folium)
    at = run(AppTest.from_file(APP, default_timeout=60))
    assert not at.exception
    assert held == [1, 1]  # the first run and the one the map's report makes
