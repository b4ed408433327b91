"""The analysis panel in AppTest: the summary, the reach, the derived layers, a clicked point."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP, run


@pytest.fixture
def app(calls):
    return run(AppTest.from_file(APP, default_timeout=90))


def summary(app):
    return next(d.value for d in app.dataframe if "En brechas (km)" in d.value.columns)


def test_the_summary_lists_every_route_with_its_figures(app):
    table = summary(app)
    # Every period is shown when the app opens: every route, in the order of data/sources/routes.csv.
    assert table["Ruta"].tolist() == [
        "Vía caribeña de los cubanos (2015–2016)",
        "Necoclí–Acandí–Bajo Chiquito",
        "Necoclí–Capurganá–Bajo Chiquito",
        "Vía Canaán Membrillo",
        "Regreso por mar (2025)",
    ]
    assert (table["En el parque (km)"] <= table["Longitud (km)"]).all()
    assert any("confianza ilustrativa" in c.value for c in app.caption)


def test_a_wider_reach_shrinks_the_gaps(app):
    before = summary(app)["En brechas (km)"].sum()
    app.slider(key="analysis_reach_km").set_value(40)
    run(app)
    assert summary(app)["En brechas (km)"].sum() < before


def test_derived_layers_go_on_the_map_and_into_exports_when_switched_on(app, calls):
    assert "coverage_gaps" not in calls["map"][-1]["ids"]
    app.checkbox(key="layer_coverage_gaps").check()
    run(app)
    assert calls["map"][-1]["ids"][-1] == "coverage_gaps"
    assert calls["map"][-1]["features"]["coverage_gaps"] > 0
    exported = {f["properties"]["layer"] for f in calls["export"][-1]["doc"]["features"]}
    assert "coverage_gaps" in exported


def test_without_routes_the_panel_says_what_to_do(app):
    app.checkbox(key="layer_migration_routes").uncheck()
    run(app)
    assert any("Active la capa de rutas" in i.value for i in app.info)


def test_a_clicked_point_shows_the_nearest_communities(monkeypatch, calls):
    import ui.mapview

    yaviza = {"lat": 8.15286, "lng": -77.69731}
    monkeypatch.setattr(ui.mapview, "st_folium", lambda *a, **k: {"bounds": None, "last_clicked": yaviza})
    app = run(AppTest.from_file(APP, default_timeout=90))
    nearest = next(
        d.value
        for d in app.dataframe
        if "Distancia (km)" in d.value.columns and "Nombre" in d.value.columns and len(d.value) == 3
    )
    assert nearest["Nombre"].iloc[0] == "Yaviza" and nearest["Distancia (km)"].iloc[0] == 0.0
    assert any(c.value.startswith("Tramo de ruta más cercano") for c in app.caption)
    assert any(m.value == "Comunidad receptora más cercana: Yaviza, a 0 km." for m in app.markdown)


def test_a_rerun_that_changes_no_data_analyses_nothing_again(monkeypatch):
    import ui.analysis

    calls = []
    real = ui.analysis.analyse

    def counted(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(ui.analysis, "analyse", counted)
    app = run(AppTest.from_file(APP, default_timeout=90))
    app.checkbox(key="draw_mode").check()  # a widget elsewhere: no data changes
    run(app)
    assert len(calls) == 1
    app.slider(key="analysis_reach_km").set_value(40)
    run(app)
    app.checkbox(key="layer_patrol_zones").uncheck()
    run(app)
    assert calls[1:] == [40, 40] and len(calls) == 3
