"""The app with a configured database layer (AppTest): its switch in the sidebar, its features
from the current view on the map with the note, and nothing at all without a configuration."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

import ui.database
import ui.mapview
from geo.escape import markdown_text
from geo.i18n import t
from tests.conftest import APP, run
from tests.database.conftest import layer_entry
from ui import state

TITLE = {"es": "Puntos x'); DROP TABLE survey_points; --", "en": "Points x'); DROP TABLE survey_points; --"}


def _toml(entry: dict) -> str:
    lines = ["[[layer]]"]
    for key, value in entry.items():
        if isinstance(value, dict):
            inner = ", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in value.items())
            lines.append(f"{key} = {{ {inner} }}")
        else:
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def configured(db_url, conn, tmp_path, monkeypatch):
    conn.execute("TRUNCATE survey_points")
    conn.execute(
        "INSERT INTO survey_points (name, kind, geom)"
        " SELECT 'p' || i || '-' || j, 'grid', ST_SetSRID(ST_MakePoint(-78 + i * 0.01, 8 + j * 0.01), 4326)"
        " FROM generate_series(0, 39) i, generate_series(0, 39) j"
    )
    conn.execute(
        "INSERT INTO survey_points (name, kind, geom) VALUES ('far', 'x', ST_SetSRID(ST_MakePoint(-70, 0), 4326))"
    )
    path = tmp_path / "darien-db-layers.toml"
    path.write_text(_toml(layer_entry(title=TITLE)), encoding="utf-8")
    monkeypatch.setenv("DARIEN_DB_LAYERS", str(path))
    monkeypatch.setenv("DARIEN_DB_URL", db_url)
    ui.database.configured.clear()
    drawn = []
    real = ui.database.database_group

    def spy(views, lang):
        drawn.append(views)
        return real(views, lang)

    monkeypatch.setattr(ui.database, "database_group", spy)
    yield drawn
    ui.database.configured.clear()
    conn.execute("TRUNCATE survey_points")


def test_a_configured_layer_is_switched_on_and_shows_only_what_is_in_view(configured, conn, calls):
    app = run(AppTest.from_file(APP, default_timeout=60))
    assert t("db.heading", "es") in [h.value for h in app.sidebar.subheader]
    switch = app.checkbox(key=state.LAYER.key("survey_points"))
    assert switch.label.startswith("Puntos x") and not switch.value  # the title is a value, shown as text
    assert configured == []  # off: nothing queried
    switch.check()
    run(app)
    ((_layer, view),) = configured[-1]
    assert view.kind == "features" and view.total == 1600  # the opening view: the grid, not the far point
    note = markdown_text(t("db.all", "es", layer=TITLE["es"], total=1600))  # "1.600": its point escaped
    assert note in [c.value for c in app.caption]
    # A pan: the map reports a view holding a tenth of the grid.
    app.session_state[state.MAP.key] = {
        "bounds": {"_southWest": {"lat": 8.0, "lng": -78.0}, "_northEast": {"lat": 8.095, "lng": -77.61}},
        "zoom": 13,
    }
    run(app)
    ((_layer, view),) = configured[-1]
    assert view.total == 40 * 10 and view.zoom == 13
    assert all(-78.0 <= f["geometry"]["coordinates"][0] <= -77.61 for f in view.features())
    assert conn.execute("SELECT count(*) FROM survey_points").fetchone()[0] == 1601  # nothing dropped
    (download,) = [b for b in app.download_button if b.key == state.DB_EXPORT.key("survey_points")]
    assert download.label == t("db.download", "es", layer=markdown_text(TITLE["es"]))


def test_without_a_configuration_there_is_no_database_layer_anywhere(monkeypatch, calls):
    monkeypatch.delenv("DARIEN_DB_LAYERS", raising=False)
    ui.database.configured.clear()
    app = run(AppTest.from_file(APP, default_timeout=60))
    assert t("db.heading", "es") not in [h.value for h in app.sidebar.subheader]
    assert not any(c.key and c.key.startswith("layer_survey") for c in app.checkbox)


def _analysis_tables(app):
    return [d for d in app.dataframe if t("db.analysis.in_reach", "es", km="10") in d.value.columns]


def test_the_database_analysis_runs_on_demand_and_gives_the_sql_measures(configured, db_url, calls):
    from geo.analysis import roles
    from geo.database import measure_layer
    from geo.database.config import parse_layer

    app = run(AppTest.from_file(APP, default_timeout=60))
    app.checkbox(key=state.LAYER.key("survey_points")).check()
    run(app)
    assert configured  # the layer is on the map
    assert not _analysis_tables(app)  # not before it is asked for
    app.button(key=state.DB_ANALYSE.key).click()
    run(app)
    (table,) = _analysis_tables(app)
    row = table.value.iloc[0]
    assert row[t("db.analysis.features", "es")] == 1601
    found = roles(ui.mapview.visible_layers({"darien_national_park", "migration_routes", "colombia_panama_border"}))
    import psycopg

    with psycopg.connect(db_url) as conn:
        expected = measure_layer(
            conn, parse_layer(layer_entry()), park=found.union("park"), routes=found.union("routes"), reach_km=10.0
        )
    assert row[t("db.analysis.in_park", "es")] == expected.in_park
    assert row[t("db.analysis.in_reach", "es", km="10")] == expected.in_reach > 0
    run(app)  # another run (the map reporting its view, say): the answer stays
    assert len(_analysis_tables(app)) == 1
    app.slider(key=state.REACH_KM.key).set_value(20)
    run(app)  # another reach: the old answer is not shown as if it were this one
    assert not _analysis_tables(app)


def test_a_configured_table_that_does_not_exist_is_said_in_the_sidebar_and_the_app_works(
    db_url, tmp_path, monkeypatch, calls
):
    path = tmp_path / "bad.toml"
    path.write_text(_toml(layer_entry(table="public.no_such_table")), encoding="utf-8")
    monkeypatch.setenv("DARIEN_DB_LAYERS", str(path))
    monkeypatch.setenv("DARIEN_DB_URL", db_url)
    ui.database.configured.clear()
    app = run(AppTest.from_file(APP, default_timeout=60))
    ui.database.configured.clear()
    (error,) = [e.value for e in app.sidebar.error]
    assert error.startswith("la configuración de las capas") and "no\\_such\\_table" in error
    assert db_url.split("@")[-1] not in error  # never the database's address
    assert [e.value for e in app.error] == [error]  # said once, and only there: the page works
    assert calls["map"] and app.title[0].value == t("app.title", "es")


def test_a_database_that_cannot_be_reached_is_said_without_its_address_and_the_app_works(tmp_path, monkeypatch, calls):
    from scripts.pgcluster import free_port

    path = tmp_path / "layers.toml"
    path.write_text(_toml(layer_entry()), encoding="utf-8")
    monkeypatch.setenv("DARIEN_DB_LAYERS", str(path))
    monkeypatch.setenv("DARIEN_DB_URL", f"postgresql://secret_user@127.0.0.1:{free_port()}/nothing")
    ui.database.configured.clear()
    app = run(AppTest.from_file(APP, default_timeout=60))
    ui.database.configured.clear()
    assert [e.value for e in app.error] == [t("error.db_unreachable", "es")]
    assert "secret_user" not in str([e.value for e in app.error]) and calls["map"]
