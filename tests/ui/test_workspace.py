"""Workspaces in the app (AppTest): a link reopens the settings, the layers (every feature), the
view and the drawn area; a view-only link cannot change anything; bad links and parameters get a
plain notice; a stale save offers a reload; a store that fails says the change was not saved.

Each test runs on both backends: a GeoPackage file in tmp_path and a fresh PostGIS database on
the session's throwaway cluster (`postgis` in tests/conftest.py)."""

from __future__ import annotations

import itertools

import pytest
from geopandas.testing import assert_geodataframe_equal
from streamlit.testing.v1 import AppTest

import ui.mapview
import ui.workspace
from geo.errors import StoreUnavailable, WorkspaceNotFound, WorkspaceReadOnly
from geo.store import open_store
from tests import files
from tests.conftest import APP, run

SQUARE = {"type": "Polygon", "coordinates": [[[-77.9, 8.0], [-77.6, 8.0], [-77.6, 8.3], [-77.9, 8.3], [-77.9, 8.0]]]}
SQUARE_2 = {"type": "Polygon", "coordinates": [[[-77.5, 8.0], [-77.4, 8.0], [-77.4, 8.1], [-77.5, 8.0]]]}
AREA = [(-78.0, 8.0), (-77.5, 8.1), (-77.7, 8.5)]
VIEW = {"lat": 8.25, "lng": -77.75, "zoom": 11.0}
_numbers = itertools.count()


@pytest.fixture(params=["sqlite", "postgis"])
def target(request, tmp_path, monkeypatch):
    """DARIEN_STORE for this test: a new file, or a new PostGIS database."""
    if request.param == "sqlite":
        where = str(tmp_path / "workspaces.gpkg")
    else:
        where = request.getfixturevalue("postgis").create_database(f"ui_ws_{next(_numbers)}")
    monkeypatch.setenv("DARIEN_STORE", where)
    return where


@pytest.fixture
def direct(target):
    """The same store, reached directly (as another app process would)."""
    opened = open_store(target)
    yield opened
    opened.close()


def app(token: str | None = None, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if token:
        at.query_params["ws"] = token
    at.query_params.update(params)
    return run(at)


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key=f"upload_{at.session_state['upload_round']}").set_value(
        (name, data, "application/octet-stream")
    )
    run(at)
    at.button(key="import_add").click()
    return run(at)


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def links(at: AppTest) -> list[str]:
    """The links the Workspace section shows: edit first (when there is one), then view-only."""
    return [c.value.split("?ws=", 1)[1] for c in at.sidebar.code]


@pytest.fixture
def saved(target):
    """A workspace made as a person would: English, towns off, reach 20 km, one uploaded layer with
    a unique value, an area drawn and the map moved. (tokens, the layer as the session had it)"""
    at = app()
    assert at.query_params == {} and links(at) == []  # nothing saved before the first change
    at.radio(key="lang").set_value("en")
    run(at)
    edit = at.query_params["ws"]
    at.checkbox(key="layer_towns").uncheck()
    at.slider(key="analysis_reach_km").set_value(20)
    run(at)
    data = files.feature_collection(
        files.feature(SQUARE, name="señal única 7f3a", count=3, ok=True),
        files.feature(SQUARE_2, name="b", count=None, ok=False),
    )
    upload(at, "única.geojson", data)
    layer = at.session_state["user_layers"][0]
    at.session_state["drawn_area"] = list(AREA)  # what clicks in draw mode leave
    at.session_state["map_view"] = dict(VIEW)  # what the map reports after a pan
    run(at)
    assert at.query_params["ws"] == edit  # the address bar keeps the edit link
    assert links(at)[0] == edit
    return {"edit": edit, "view": links(at)[1], "layer": layer}


def test_a_link_reopens_settings_layers_area_and_view(saved, calls):
    at = app(saved["edit"])
    assert at.radio(key="lang").value == "en" and at.title[0].value == "Darién corridor map"
    assert at.checkbox(key="layer_towns").value is False
    assert at.slider(key="analysis_reach_km").value == 20
    (restored,) = at.session_state["user_layers"]
    assert restored.spec == saved["layer"].spec
    assert_geodataframe_equal(restored.frame, saved["layer"].frame, check_like=False)
    assert restored.frame["name"].tolist()[0] == "señal única 7f3a"
    assert at.checkbox(key=f"layer_{restored.spec.id}").value is True
    choices = at.session_state["ws_imports"][restored.spec.id]  # the import report's choices, kept
    assert choices["file"] == "única.geojson" and choices["confidence"] == "reported" and choices["repair"] is False
    assert [tuple(v) for v in at.session_state["drawn_area"]] == AREA
    assert at.session_state["map_view"] == VIEW
    assert "towns" not in calls["map"][-1]["ids"] and restored.spec.id in calls["map"][-1]["ids"]
    assert calls["map"][-1]["lang"] == "en"
    assert at.query_params == {"ws": saved["edit"]}


def test_the_view_only_link_shows_everything_and_cannot_change_it(saved, direct):
    at = app(saved["view"])
    assert at.radio(key="lang").value == "en"
    (restored,) = at.session_state["user_layers"]
    assert_geodataframe_equal(restored.frame, saved["layer"].frame)
    assert any("View-only link" in text for text in texts(at.info))
    assert links(at) == [saved["view"]]  # the edit token is never shown to a viewer
    assert at.file_uploader(key=f"upload_{at.session_state['upload_round']}").disabled
    assert at.checkbox(key="draw_mode").disabled and at.button(key="draw_clear").disabled
    assert at.button(key=f"remove_{restored.spec.id}").disabled
    version = direct.version(saved["edit"])
    at.radio(key="lang").set_value("es")  # looking around locally is allowed...
    at.slider(key="analysis_reach_km").set_value(5)
    run(at)
    assert at.title[0].value == "Mapa del corredor del Darién"
    assert direct.version(saved["edit"]) == version  # ...and never saved
    assert app(saved["edit"]).radio(key="lang").value == "en"
    with pytest.raises(WorkspaceReadOnly):
        direct.save_settings(saved["view"], version, {})


def test_removing_a_layer_is_saved(saved):
    at = app(saved["edit"])
    layer_id = at.session_state["user_layers"][0].spec.id
    at.button(key=f"remove_{layer_id}").click()
    run(at)
    assert at.session_state["user_layers"] == []
    assert app(saved["edit"]).session_state["user_layers"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"zoom": "abc"},
        {"layers": "../../etc/passwd"},
        {"x" * 10_000: "y" * 10_000},
        {"lang": "<img src=x onerror=alert(1)>", "ws_extra": "1"},
    ],
)
def test_garbage_in_the_query_is_ignored_with_a_notice(target, params, calls):
    at = app(**params)
    notices = texts(at.warning)
    assert any("Partes del enlace no se entendieron y se ignoraron" in n for n in notices)
    assert all(len(n) < 1000 and "<img" not in n for n in notices)  # names cut short and escaped
    assert at.query_params == {}  # the address bar is cleaned
    assert calls["map"][-1]["lang"] == "es"  # nothing taken from them


@pytest.mark.parametrize("how", ["unknown", "malformed", "huge", "tampered", "deleted"])
def test_a_bad_token_gives_a_plain_message_and_a_fresh_map(direct, how, calls):
    if how in ("tampered", "deleted"):
        made = direct.create({"format": 1, "values": {"lang": "en"}})
        token = made.tokens.edit
        if how == "deleted":
            direct.delete(token)
        else:
            token = token[:-1] + ("A" if token[-1] != "A" else "B")
    else:
        token = {"unknown": "A" * 43, "malformed": "../../etc/passwd", "huge": "a" * 10_000}[how]
    at = app(token)
    assert any("Este enlace no es válido o el espacio de trabajo fue eliminado" in n for n in texts(at.warning))
    assert not at.exception and at.query_params == {}
    assert calls["map"][-1]["lang"] == "es"
    at.radio(key="lang").set_value("en")  # the fresh map is saved as a new workspace
    run(at)
    assert at.query_params["ws"] != token


def test_a_stale_save_is_refused_with_a_reload_that_opens_the_latest_version(saved):
    first, second = app(saved["edit"]), app(saved["edit"])
    first.slider(key="analysis_reach_km").set_value(30)
    run(first)
    second.radio(key="lang").set_value("es")
    run(second)
    assert any("Otra persona guardó este espacio de trabajo" in e for e in texts(second.error))
    assert app(saved["edit"]).radio(key="lang").value == "en"  # the first one's save is kept
    second.button(key="ws_reload_button").click()
    run(second)
    assert second.slider(key="analysis_reach_km").value == 30 and second.radio(key="lang").value == "en"
    assert not texts(second.error)
    second.radio(key="lang").set_value("es")  # from the latest version, saving works again
    run(second)
    reopened = app(saved["edit"])
    assert reopened.radio(key="lang").value == "es" and reopened.slider(key="analysis_reach_km").value == 30


def test_deleting_needs_a_confirmation_and_leaves_a_fresh_map(saved, direct):
    at = app(saved["edit"])
    at.button(key="ws_delete").click()
    run(at)
    assert any("No se puede deshacer" in w or "cannot be undone" in w for w in texts(at.sidebar.warning))
    at.button(key="ws_delete_no").click()
    run(at)
    direct.open(saved["edit"])  # still there
    at.button(key="ws_delete").click()
    run(at)
    at.button(key="ws_delete_yes").click()
    run(at)
    assert at.query_params == {} and at.session_state["user_layers"] == []
    assert any("fue eliminado" in s for s in texts(at.success))
    for token in (saved["edit"], saved["view"]):
        with pytest.raises(WorkspaceNotFound):
            direct.open(token)
    assert any("no es válido" in w for w in texts(app(saved["view"]).warning))


class Unreachable:
    """A store that has gone away: every call fails as the backends fail then."""

    kind = "down"

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise StoreUnavailable()

        return fail


def test_a_store_that_fails_says_the_change_was_not_saved_and_the_app_keeps_working(saved, monkeypatch, calls):
    at = app(saved["edit"])
    monkeypatch.setattr(ui.workspace, "store", Unreachable)
    at.checkbox(key="layer_towns").check()
    run(at)
    assert any("No se pudo guardar" in e or "Could not save" in e for e in texts(at.error))
    assert "towns" in calls["map"][-1]["ids"]  # the map follows the change all the same
    monkeypatch.undo()
    run(at)  # the store is back: the change is saved on the next run
    assert app(saved["edit"]).checkbox(key="layer_towns").value is True


def test_a_layer_over_the_quota_is_refused_and_not_shown(target, monkeypatch):
    monkeypatch.setenv("DARIEN_QUOTA_MB", "0.000001")
    at = app()
    upload(at, "grande.geojson", files.geojson_bytes(files.SAMPLE))
    assert at.session_state["user_layers"] == []
    assert any("no se añadió" in e for e in texts(at.error))


def test_the_map_opens_at_the_saved_view_and_a_pan_alone_never_builds_it_again(saved, monkeypatch):
    seen = []  # per run: the view handed to the live map (ui.mapview._view_for), and the map's page
    real = ui.mapview.st_folium

    def spy(fmap, **kwargs):
        centre = kwargs.get("center")
        seen.append((list(centre) if centre else None, kwargs.get("zoom"), list(fmap.location)))
        return real(fmap, **kwargs)

    monkeypatch.setattr(ui.mapview, "st_folium", spy)
    app()
    assert seen[-1][:2] == (None, None)  # no view yet: the map fits the corridor
    at = app(saved["edit"])
    assert seen[-1][:2] == ([VIEW["lat"], VIEW["lng"]], VIEW["zoom"])  # the saved view
    page = seen[-1][2]
    at.session_state["map_view"] = {"lat": 8.0, "lng": -78.0, "zoom": 9.0}  # what a pan reports
    run(at)
    # The same value again (streamlit-folium moves the map only to a new one), the same page.
    assert seen[-1] == ([VIEW["lat"], VIEW["lng"]], VIEW["zoom"], page)
    at.radio(key="lang").set_value("es")  # a map in other words: handed where the map is now
    run(at)
    assert seen[-1][:2] == ([8.0, -78.0], 9.0)
