"""In Chromium against the app served with a database layer (DARIEN_DB_LAYERS, a throwaway
PostGIS): switched on, the layer shows counts per cell in the wide opening view, with its note
on the map; after a zoom in, the points of the new view themselves, read from the database."""

from __future__ import annotations

import psycopg
import pytest

from bench.browser import AppServer
from geo.database.config import parse_layer
from geo.database.overviews import ensure_overviews
from geo.i18n import t
from tests.browser.conftest import ARTIFACTS, wait_idle
from tests.browser.js import js
from tests.browser.test_app import MAP_FRAME, settled_map
from tests.conftest import ROOT
from tests.database.conftest import POINTS_SQL, layer_entry
from tests.database.test_app import _toml

pytestmark = pytest.mark.browser

POINT_STROKE = 'path.leaflet-interactive[stroke="#0b7a75"]'  # the layer's colour, no bundled layer's


@pytest.fixture(scope="module")
def db_app_url(postgis, tmp_path_factory):
    url = postgis.create_database("browser_layers")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(POINTS_SQL)
        # A 40 x 40 grid 0.01 degree apart, and 6,400 points 0.0005 apart in a small square: 8,000.
        conn.execute(
            "INSERT INTO survey_points (name, kind, geom) SELECT 'g' || i || '-' || j, 'grid',"
            " ST_SetSRID(ST_MakePoint(-78 + i * 0.01, 8 + j * 0.01), 4326)"
            " FROM generate_series(0, 39) i, generate_series(0, 39) j"
        )
        conn.execute(
            "INSERT INTO survey_points (name, kind, geom) SELECT 'd' || i || '-' || j, 'dense',"
            " ST_SetSRID(ST_MakePoint(-77.2 + i * 0.0005, 8.5 + j * 0.0005), 4326)"
            " FROM generate_series(0, 79) i, generate_series(0, 79) j"
        )
        ensure_overviews(conn, parse_layer(layer_entry()))
    config = tmp_path_factory.mktemp("db-layers") / "layers.toml"
    config.write_text(_toml(layer_entry(color="#0b7a75")), encoding="utf-8")
    server = AppServer(
        ROOT / "app.py", env={"DARIEN_DB_LAYERS": str(config), "DARIEN_DB_URL": url}, log=ARTIFACTS / "streamlit-db.log"
    )
    try:
        server.start(timeout_s=60)
    except RuntimeError as error:
        pytest.fail(str(error))
    yield server.url
    server.stop()


def test_the_layer_shows_cells_when_wide_and_the_points_of_the_view_after_a_zoom(browser_page, db_app_url):
    page = browser_page.page
    page.goto(db_app_url)
    page.wait_for_selector(MAP_FRAME, timeout=60_000)
    wait_idle(page)
    page.get_by_text("Puntos de encuesta", exact=True).click()  # the switch, in the sidebar
    frame = settled_map(page)
    note = frame.locator(".dc-db-note")
    note.wait_for(timeout=60_000)
    assert note.text_content() == t("db.cells", "es", layer="Puntos de encuesta", total=8000)
    cells = frame.locator(POINT_STROKE).count()
    assert 0 < cells < 200  # counts per cell, not 8,000 points
    wait_idle(page)
    # Zoom in on the grid's corner: 0.01-degree spacing, a few dozen points in view.
    page.evaluate(js("map_frame_set_map_view"), [MAP_FRAME, 8.05, -77.95, 14])
    page.get_by_text("Puntos de encuesta: los", exact=False).wait_for(timeout=60_000)
    wait_idle(page)
    frame = settled_map(page)
    assert frame.locator(".dc-db-note").count() == 0  # all of the view's points, nothing to say on the map
    caption = page.get_by_text("Puntos de encuesta: los", exact=False).text_content()
    shown = int(caption.split("los ")[1].split(" ")[0].replace(",", ""))
    assert 20 < shown < 400 and frame.locator(POINT_STROKE).count() == shown
    assert browser_page.errors == [] and browser_page.foreign_requests() == []
