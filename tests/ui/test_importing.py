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


def test_the_report_ends_with_what_was_kept(app):
    upload(app, "puestos.geojson", files.geojson_bytes())
    assert "**Lo que se conserva**" in [m.value for m in app.markdown]
    totals = next(d.value for d in app.dataframe if "Qué" in d.value.columns)
    assert dict(zip(totals["Qué"], totals["Cuántos"])) == {
        "elementos en el archivo": 3,
        "elementos importados": 3,
    }
    geometry = next(d.value for d in app.dataframe if "En el archivo" in d.value.columns)
    assert geometry.to_dict("records") == [{"Tipo": "Point", "En el archivo": 3, "Importados": 3}]
    fields = next(d.value for d in app.dataframe if "Campo" in d.value.columns)
    by_field = {row["Campo"]: row for row in fields.to_dict("records")}
    assert by_field["code"]["Estado"] == "conservado" and by_field["code"]["Tipo"] == "texto"
    assert by_field["count"]["Tipo"] == "entero"
    assert by_field["source"]["Estado"] == "añadido"


GC_POINT_AND_LINE = {
    "type": "GeometryCollection",
    "geometries": [
        {"type": "Point", "coordinates": [-77.6, 8.3]},
        {"type": "LineString", "coordinates": [[-77.7, 8.2], [-77.5, 8.4]]},
    ],
}


def test_a_geometry_collection_split_by_type_becomes_two_layers(app, calls):
    upload(app, "mixto.geojson", files.feature_collection(files.feature(GC_POINT_AND_LINE, name="paso <b>1</b>")))
    assert app.button(key="import_add").disabled  # a collection is never collapsed without a choice
    choice = app.selectbox(key="import_collections")
    assert choice.label == "Colecciones de geometrías" and choice.value is None
    choice.set_value("separate")
    run(app)
    assert not app.button(key="import_add").disabled
    app.button(key="import_add").click()
    run(app)
    added = [i for i in calls["map"][-1]["ids"] if i.startswith("user_")]
    assert len(added) == 2
    assert [calls["map"][-1]["features"][i] for i in added] == [1, 1]
    mine = {
        f["geometry"]["type"]: f["properties"]
        for f in calls["export"][-1]["doc"]["features"]
        if f["properties"]["layer"] in added
    }
    assert set(mine) == {"LineString", "Point"}
    assert all(p["name"] == "paso <b>1</b>" and p["collection_feature"] == 1 for p in mine.values())


def test_an_unknown_encoding_shows_a_preview_and_the_chosen_one_decodes_the_values(app):
    text = "lon,lat,lugar\n-77.6,8.3,Metetí\n-77.4,8.1,Yaviza – Bajo Chiquito\n"
    upload(app, "puestos.csv", text.encode("cp850", errors="replace"))
    assert app.button(key="import_add").disabled
    preview = next(d.value for d in app.dataframe if "Codificación" in d.value.columns)
    readings = dict(zip(preview["Codificación"], preview["Cómo se lee el texto"]))
    assert readings["cp850"].startswith("-77.6,8.3,Metetí")
    assert readings["cp1252"].startswith("-77.6,8.3,Metet¡")  # what Windows-1252 would make of it
    app.selectbox(key="import_encoding").set_value("cp850")
    run(app)
    assert not app.button(key="import_add").disabled
    app.button(key="import_add").click()
    run(app)
    frame = app.session_state["user_layers"][0].frame
    assert frame["lugar"].tolist() == ["Metetí", "Yaviza ? Bajo Chiquito"]  # cp850 has no en dash


def test_a_csv_without_coordinates_is_kept_as_a_table_to_see_and_download(app, calls):
    upload(app, "cifras.csv", "año,personas,nota\n2023,520085,=1+1\n2024,302203,<b>x</b>\n".encode())
    assert app.button(key="import_add").label == "Guardar la tabla"
    totals = next(d.value for d in app.dataframe if "Qué" in d.value.columns)
    assert "elementos conservados como tabla (sin geometría)" in totals["Qué"].tolist()
    app.button(key="import_add").click()
    run(app)
    assert not any(i.startswith("user_") for i in calls["map"][-1]["ids"])  # nothing drawn
    assert "**Tabla sin geometría: cifras\\.csv**" in [m.value for m in app.markdown]
    shown = next(d.value for d in app.dataframe if "personas" in d.value.columns)
    assert shown[["año", "personas", "nota"]].values.tolist() == [
        ["2023", "520085", "=1+1"],
        ["2024", "302203", "<b>x</b>"],
    ]
    (serial,) = app.session_state["user_tables"]
    button = next(b for b in app.get("download_button") if b.proto.id.endswith(f"table_download_{serial}"))
    assert button.proto.label == "Descargar la tabla (CSV)"
    assert button.proto.deferred_file_id  # made when it is clicked
    app.radio(key="lang").set_value("en")
    run(app)
    assert "**Table without geometry: cifras\\.csv**" in [m.value for m in app.markdown]
    button = next(b for b in app.get("download_button") if b.proto.id.endswith(f"table_download_{serial}"))
    assert button.proto.label == "Download the table (CSV)"
    app.button(key=f"table_remove_{serial}").click()
    run(app)
    assert app.session_state["user_tables"] == {}
    assert not any(m.value.startswith("**Table without geometry") for m in app.markdown)


def test_another_file_in_the_uploader_starts_with_no_choice_of_the_last(app):
    upload(app, "puestos.csv", "lon,lat,lugar\n-77.6,8.3,Metetí\n".encode("cp850"))
    app.selectbox(key="import_encoding").set_value("cp850")
    run(app)
    app.file_uploader(key="upload_0").set_value(("otro.csv", "lon,lat,lugar\n-77.6,8.3,Metetí\n".encode(), "text/csv"))
    run(app)
    assert not any(s.key == "import_encoding" for s in app.selectbox)  # UTF-8: nothing to choose
    assert app.text_input(key="import_name").value == "otro.csv"


def test_a_date_column_picked_in_the_report_puts_the_layer_on_the_as_of_clock(app, calls):
    text = (
        "lon,lat,lugar,fecha,fin\n"
        "-77.6,8.3,Metetí,2023-05-14,2023-06-30\n"  # held until 30 June, included
        "-77.4,8.1,Yaviza,no sabe,\n"
        "-77.9,8.45,Bajo Chiquito,2023-07-02,\n"
    )
    upload(app, "puestos.csv", text.encode())
    start, end = app.selectbox(key="import_valid_from"), app.selectbox(key="import_valid_to")
    assert (start.label, end.label) == ("Válido desde (columna)", "Válido hasta (columna)")
    assert start.value is None and end.value is None  # nothing is chosen unless the user picks it
    assert start.options == ["(ninguna)", "fecha", "fin"]
    start.set_value("fecha")
    end.set_value("fin")
    run(app)
    summary = next(d.value for d in app.dataframe if "Problema" in d.value.columns)
    assert any(p.startswith("1 elementos tienen en una columna de tiempo") for p in summary["Problema"])
    fields = next(d.value for d in app.dataframe if "Campo" in d.value.columns)
    assert {"valid_from", "valid_to", "dated"} <= set(fields["Campo"][fields["Estado"] == "añadido"])
    app.button(key="import_add").click()
    run(app)
    (layer,) = app.session_state["user_layers"]
    assert layer.frame["dated"].tolist() == [True, False, True]  # the unreadable one kept, undated
    assert layer.frame["valid_to"].tolist() == ["2023-07-01", None, None]

    def mine():
        doc = calls["export"][-1]["doc"]
        return [f["properties"]["lugar"] for f in doc["features"] if f["properties"]["layer"] == layer.spec.id]

    assert mine() == ["Metetí", "Yaviza", "Bajo Chiquito"]  # every period
    app.select_slider(key="as_of_month").set_value("2023-05")
    run(app)
    assert mine() == ["Metetí", "Yaviza"]  # the undated one is shown (marked) by default
    app.radio(key="as_of_undated").set_value("hide")
    run(app)
    assert mine() == ["Metetí"]
    app.select_slider(key="as_of_month").set_value("2023-06")
    run(app)
    assert mine() == ["Metetí"]
    app.select_slider(key="as_of_month").set_value("2023-07")
    run(app)
    assert mine() == ["Bajo Chiquito"]
