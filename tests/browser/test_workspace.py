"""Workspaces as a person uses them, in Chromium, against real app processes (tests/browser/servers.py).

For each backend (a GeoPackage file, a PostGIS database): upload a layer with a unique value,
draw an area, switch the language, pan; copy the URL; `kill -9` the server; start it again; the
URL opened in a fresh browser context shows the same features, area, language and view, and
the view-only link shows them and cannot change them. On PostGIS: two app processes serve one
workspace, and two browser sessions on one workspace meet a stale save and reload.
"""

from __future__ import annotations

import itertools
import json
import uuid

import pytest

from geo.i18n import t
from geo.importing.pipeline import USER_COLOURS
from geo.store import open_store
from tests.browser.conftest import ARTIFACTS, Page, wait_idle
from tests.browser.js import js
from tests.browser.servers import AppServer
from tests.browser.test_app import MAP_FRAME, settled_map

pytestmark = pytest.mark.browser

USER_PATH = f'path.leaflet-interactive[stroke="{USER_COLOURS[0]}"]'  # the first uploaded layer's colour
DRAWN_PATH = 'path[stroke="#d81b60"]'  # the drawn area (geo.webmap.build.drawn_area_group)
SIDEBAR = '[data-testid="stSidebar"]'
AREA = [(8.45, -78.6), (8.45, -78.05), (7.85, -78.35)]  # lat, lon: three clicks in draw mode
DRAW_VIEW = (8.15, -78.3, 9)  # lat, lon, zoom: every vertex well inside the map
PAN = (8.3, -77.7, 10)  # lat, lon, zoom
_numbers = itertools.count()


@pytest.fixture(params=["sqlite", "postgis"])
def store_target(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "workspaces.gpkg")
    return request.getfixturevalue("postgis").create_database(f"browser_ws_{next(_numbers)}")


@pytest.fixture
def pages(chromium, request):
    """Fresh browser contexts (nothing shared: no cookies, no storage), closed at the end."""
    made = []

    def new() -> Page:
        made.append(Page(chromium))
        return made[-1]

    yield new
    for n, page in enumerate(made):
        page.page.screenshot(path=str(ARTIFACTS / f"workspace-{request.node.name}-{n}.png"), full_page=True)
        page.context.close()


def open_map(browser_page: Page, url: str):
    page = browser_page.page
    page.goto(url)
    page.wait_for_selector(MAP_FRAME, timeout=90_000)
    frame = settled_map(page)
    frame.locator(".leaflet-container").first.wait_for(timeout=90_000)
    wait_idle(page)
    return page, frame


def upload(page, name: str, value: str) -> None:
    square = [[-77.9, 8.0], [-77.6, 8.0], [-77.6, 8.3], [-77.9, 8.3], [-77.9, 8.0]]
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"name": value}, "geometry": {"type": "Polygon", "coordinates": [square]}}
        ],
    }
    page.locator('input[type="file"]').set_input_files(
        files=[{"name": name, "mimeType": "application/geo+json", "buffer": json.dumps(collection).encode()}]
    )
    add = page.get_by_role("button", name=t("import.add", "es"))
    add.wait_for(timeout=90_000)
    wait_idle(page)
    add.click()
    page.wait_for_function(js("map_frame_holds_one"), arg=[MAP_FRAME, USER_PATH], timeout=90_000)
    wait_idle(page)


def draw(page, frame) -> None:
    page.get_by_text(t("draw.mode", "es")).click()
    wait_idle(page)
    for n, (lat, lon) in enumerate(AREA, 1):
        close = frame.locator(".leaflet-popup-close-button")
        if close.count():  # the last click's popup (it opens on the feature clicked) would take this click
            close.first.click()
        page.evaluate(js("map_frame_move_to"), [MAP_FRAME, *DRAW_VIEW])  # a popup may have panned the map
        wait_idle(page)
        x, y = page.evaluate(js("map_frame_point"), [MAP_FRAME, lat, lon])
        frame.locator(".leaflet-container").first.click(position={"x": x, "y": y}, force=True)
        page.get_by_text(t("draw.vertices", "es", n=n)).wait_for(timeout=60_000)
        wait_idle(page)


def switch_language(page, name: str) -> None:
    page.locator(SIDEBAR).get_by_text(name, exact=True).click()
    wait_idle(page)


def pan(page) -> None:
    page.evaluate(js("map_frame_move_to"), [MAP_FRAME, *PAN])
    wait_idle(page)


def shows_the_workspace(page, frame, value: str) -> None:
    """English, the uploaded feature with its value, the three-vertex area, the view after the pan."""
    assert page.locator("h1").first.inner_text() == t("app.title", "en")
    frame.locator(USER_PATH).first.wait_for(state="attached", timeout=60_000)
    lat, lng, zoom = page.evaluate(js("map_frame_view"), MAP_FRAME)  # before a popup pans the map
    assert (lat, lng, zoom) == (pytest.approx(PAN[0], abs=1e-3), pytest.approx(PAN[1], abs=1e-3), PAN[2])
    assert frame.locator(USER_PATH).count() == 1
    frame.locator(USER_PATH).first.hover(force=True)  # a tooltip: a popup could pan (and save) the view
    tooltip = frame.locator(".leaflet-tooltip").first
    tooltip.wait_for(timeout=20_000)
    assert value in tooltip.text_content()
    frame.locator(DRAWN_PATH).first.wait_for(state="attached", timeout=30_000)
    assert page.get_by_text(t("draw.vertices", "en", n=len(AREA))).count() == 1


def links(page) -> list[str]:
    """The Workspace section's links (edit first, when shown), as their copy buttons copy them."""
    return [code.inner_text().strip() for code in page.locator(SIDEBAR).locator("code").all()]


def test_a_workspace_survives_kill_9_and_its_links_reopen_it(pages, store_target):
    value = f"señal-{uuid.uuid4()}"
    server = AppServer(store_target).start()
    try:
        first = pages()
        page, frame = open_map(first, server.url)
        upload(page, "mi_capa.geojson", value)
        draw(page, settled_map(page))
        switch_language(page, "English")
        pan(page)
        url = page.url
        assert "?ws=" in url
        edit, view = links(page)
        assert edit == url and view != edit and "?ws=" in view
        assert first.foreign_requests() == []
        server.kill()
        server.start()  # the same port: the copied link is the same address

        again = pages()
        page, frame = open_map(again, url)
        shows_the_workspace(page, frame, value)
        assert page.url == url

        viewer = pages()
        page, frame = open_map(viewer, view)
        shows_the_workspace(page, frame, value)
        assert page.get_by_text(t("ws.view_only", "en")).count() == 1
        assert page.locator('input[type="file"]').is_disabled()
        assert page.get_by_role("checkbox", name=t("draw.mode", "en")).is_disabled()
        assert links(page) == [view]  # the edit link is never shown to a viewer
        token = url.split("?ws=", 1)[1]
        store = open_store(store_target)
        try:
            before = store.version(token)
            switch_language(page, "Español")  # looking around is local...
            pan(page)
            assert store.version(token) == before  # ...and never saved
        finally:
            store.close()
        page, frame = open_map(pages(), url)
        shows_the_workspace(page, frame, value)
    finally:
        server.kill()


def test_two_app_processes_on_one_postgis_serve_the_same_workspace(pages, postgis):
    database = postgis.create_database(f"browser_ws_{next(_numbers)}")
    value = f"dos-procesos-{uuid.uuid4()}"
    with AppServer(database, name="one") as one, AppServer(database, name="two") as two:
        page, _frame = open_map(pages(), one.url)
        upload(page, "compartida.geojson", value)
        token = page.url.split("?ws=", 1)[1]
        page, frame = open_map(pages(), f"{two.url}/?ws={token}")
        frame.locator(USER_PATH).first.hover(force=True)
        frame.locator(".leaflet-tooltip").first.wait_for(timeout=20_000)
        assert value in frame.locator(".leaflet-tooltip").first.text_content()
        switch_language(page, "English")  # saved through the second process...
        page, _frame = open_map(pages(), f"{one.url}/?ws={token}")
        assert page.locator("h1").first.inner_text() == t("app.title", "en")  # ...seen through the first


def test_a_stale_save_in_a_second_browser_is_refused_and_reloads_the_latest(pages, postgis):
    database = postgis.create_database(f"browser_ws_{next(_numbers)}")
    with AppServer(database, name="stale") as server:
        page_a, _frame = open_map(pages(), server.url)
        switch_language(page_a, "English")
        url = page_a.url
        page_b, _frame = open_map(pages(), url)
        assert page_b.locator("h1").first.inner_text() == t("app.title", "en")
        switch_language(page_a, "Español")  # A saves first
        page_b.locator(SIDEBAR).get_by_text("Towns", exact=True).click()  # B's change, from the older version
        page_b.get_by_text(t("ws.stale", "en")).wait_for(timeout=60_000)
        wait_idle(page_b)
        page_b.get_by_role("button", name=t("ws.reload", "en")).click()
        page_b.get_by_text(t("ws.reloaded", "es")).wait_for(timeout=60_000)
        assert page_b.locator("h1").first.inner_text() == t("app.title", "es")
        assert page_b.get_by_text(t("ws.stale", "es")).count() == 0
        assert (
            page_b.locator(SIDEBAR).get_by_role("checkbox", name="Poblados").is_checked()
        )  # B's change: lost, as said
