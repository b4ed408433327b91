"""Importing in the app (AppTest): report, decisions, adding, replacing, and session isolation."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.escape import markdown_text
from tests import files
from tests.conftest import APP, run

BOWTIE = {"type": "Polygon", "coordinates": [[[-78, 8], [-77, 9], [-77, 8], [-78, 9], [-78, 8]]]}


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key=f"upload_{at.session_state['upload_round']}").set_value(
        (name, data, "application/octet-stream")
    )
    return run(at)


@pytest.fixture
def app(calls):
    return run(AppTest.from_file(APP, default_timeout=90))


def test_uploading_shows_the_report_and_adding_puts_the_layer_on_the_map(app, calls):
    data = files.feature_collection(files.feature(BOWTIE, name="official park"))
    upload(app, "parque_oficial.geojson", data)
    summary = next(d.value for d in app.dataframe if "Problema" in d.value.columns)
    assert "1 elementos tienen geometría inválida." in summary["Problema"].tolist()
    app.checkbox(key="import_repair").check()
    run(app)
    changes = next(d.value for d in app.dataframe if "Cambio" in d.value.columns)
    assert changes["Cambio"].iloc[0].startswith("Polygon → MultiPolygon")
    app.button(key="import_add").click()
    run(app)
    added = [i for i in calls["map"][-1]["ids"] if i.startswith("user_")]
    assert len(added) == 1
    assert app.checkbox(key=f"layer_{added[0]}").label == "parque\\_oficial\\.geojson"
    everything = calls["export"][-1]["doc"]
    mine = [f for f in everything["features"] if f["properties"]["layer"] == added[0]]
    assert mine[0]["properties"]["name"] == "official park"
    assert mine[0]["geometry"]["type"] == "MultiPolygon"


def test_a_user_layer_can_take_the_place_of_the_approximate_park(app, calls):
    upload(app, "pnd.geojson", files.geojson_bytes(files.SAMPLE_POLYGONS))
    app.selectbox(key="import_replaces").set_value("darien_national_park")
    run(app)
    app.button(key="import_add").click()
    run(app)
    ids = calls["map"][-1]["ids"]
    assert "darien_national_park" not in ids
    user_id = next(i for i in ids if i.startswith("user_"))
    assert ids.index(user_id) == ids.index("patrol_zones") - 1  # drawn where the park was


def test_blocking_problems_disable_adding_until_resolved(app):
    utm = files.feature_collection(files.feature({"type": "Point", "coordinates": [225000.0, 905000.0]}))
    upload(app, "utm.geojson", utm)
    assert app.button(key="import_add").disabled
    assert any("Resuelva lo que bloquea" in w.value for w in app.warning)
    app.text_input(key="import_crs").input("EPSG:32618")
    run(app)
    assert not app.button(key="import_add").disabled


def test_a_refused_file_shows_a_plain_message_and_the_app_keeps_working(app, calls):
    upload(app, "evil.zip", files.zip_of({"../../etc/x.shp": b"x"}))
    message = app.error[0].value
    assert message == "Archivo rechazado: " + markdown_text(
        "la entrada '../../etc/x.shp' del archivo comprimido apunta fuera del archivo; no se abrió"
    )
    assert "Traceback" not in message
    assert calls["map"][-1]["ids"]  # the map is still drawn
    app.radio(key="lang").set_value("en")
    run(app)
    assert app.error[0].value == "File refused: " + markdown_text(
        "the archive entry '../../etc/x.shp' points outside the archive; it was not opened"
    )


def test_cancel_forgets_the_file(app, calls):
    upload(app, "x.geojson", files.geojson_bytes())
    app.button(key="import_cancel").click()
    run(app)
    assert not any(i.startswith("user_") for i in calls["map"][-1]["ids"])
    assert app.session_state["upload_round"] == 1


def test_two_sessions_uploading_the_same_file_name_each_see_only_their_own(calls):
    alice, bob = (run(AppTest.from_file(APP, default_timeout=90)) for _ in range(2))
    mine = {"alice": files.SAMPLE.iloc[:1], "bob": files.SAMPLE.iloc[1:]}
    for at, who in ((alice, "alice"), (bob, "bob")):
        upload(at, "puestos.geojson", files.geojson_bytes(mine[who]))
        at.button(key="import_add").click()
        run(at)
    for at, who in ((alice, "alice"), (bob, "bob")):
        at.run()
        layers = at.session_state["user_layers"]
        assert len(layers) == 1
        assert layers[0].frame["name"].tolist() == mine[who]["name"].tolist()
    names_in_maps = [c for c in calls["export"] if any(i.startswith("user_") for i in c["ids"])]
    for call in names_in_maps:
        names = {
            f["properties"].get("name") for f in call["doc"]["features"] if f["properties"]["layer"].startswith("user_")
        }
        assert names in ({"Sector Norte"}, {"Puesto <b>2</b>", "{{ 7*7 }}"})


def test_a_big_layer_under_a_filter_is_prepared_once_across_reruns(app, calls):
    import numpy as np

    rng = np.random.default_rng(1)
    n = 8000  # half of it is still above geo.webmap.compact.COMPACT_THRESHOLD: drawn by the canvas layer
    survey = files.feature_collection(
        *(
            files.feature(
                {"type": "Point", "coordinates": [float(x), float(y)]},
                name=f"p{i}",
                confidence="official" if i % 2 else "reported",
            )
            for i, (x, y) in enumerate(rng.uniform((-78.5, 7.5), (-77.0, 8.8), (n, 2)))
        )
    )
    upload(app, "survey.geojson", survey)
    app.button(key="import_add").click()
    run(app)
    app.multiselect(key="filter_confidence").set_value(["official"])
    run(app)
    user_id = next(i for i in calls["map"][-1]["ids"] if i.startswith("user_"))
    assert calls["map"][-1]["features"][user_id] == n // 2
    misses, hits = app.session_state["prepared_cache"].misses, app.session_state["prepared_cache"].hits
    app.slider(key="analysis_reach_km").set_value(20)  # a widget elsewhere: no data changes
    run(app)
    app.checkbox(key="layer_towns").uncheck()  # another layer switched off
    run(app)
    prepared = app.session_state["prepared_cache"]
    assert prepared.misses == misses and prepared.hits == hits + 2


def test_the_file_under_review_is_validated_again_only_when_a_choice_changes(app, monkeypatch):
    import ui.importing

    calls = []
    real = ui.importing.preview

    def counted(*args, **kwargs):
        calls.append(args[3])
        return real(*args, **kwargs)

    monkeypatch.setattr(ui.importing, "preview", counted)
    upload(app, "x.geojson", files.geojson_bytes())
    app.checkbox(key="draw_mode").check()  # a widget elsewhere
    run(app)
    assert len(calls) == 1
    app.checkbox(key="import_swap").check()
    run(app)
    assert len(calls) == 2 and calls[1].swap_xy
