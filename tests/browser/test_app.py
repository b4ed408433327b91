"""What a person does, in Debian's Chromium against the app on localhost.

Every host but localhost is unresolvable for this browser, and every request
is recorded: the test proves the default map needs nothing from the internet.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, wait_idle
from tests.browser.js import js
from tests.conftest import ROOT
from tests.rfc7946 import problems, strict_loads

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
AIR_PATROL = (
    'path.leaflet-interactive[stroke="#915677"][stroke-dasharray="8 4 2 4"]'  # only the illustrative aerial zone
)
ROUTE_BOAT = 'path.leaflet-interactive[stroke="#006eac"]'


def settled_map(page):
    """The map's frame once the rerun is over (Streamlit keeps the old map until the new one mounts)."""
    page.wait_for_function(js("one_map_frame"), arg=MAP_FRAME, timeout=60_000)
    return page.frame_locator(MAP_FRAME)


def open_app(browser_page, app_url):
    page = browser_page.page
    page.goto(app_url)
    page.wait_for_selector(MAP_FRAME, timeout=60_000)
    frame = settled_map(page)
    frame.locator(AIR_PATROL).first.wait_for(state="attached", timeout=60_000)
    wait_idle(page)
    return page, frame


def test_the_map_draws_offline_and_a_layer_switched_off_disappears(browser_page, app_url):
    page, frame = open_app(browser_page, app_url)
    assert frame.locator(AIR_PATROL).count() == 1
    assert frame.locator(ROUTE_BOAT).count() >= 1
    assert frame.locator(".dc-legend").first.text_content().count("Zonas de patrullaje") == 1
    assert "Natural Earth" in frame.locator(".leaflet-control-attribution").text_content()

    shot = ROOT / "docs" / "screenshot.png" if os.environ.get("UPDATE_SCREENSHOT") else ARTIFACTS / "screenshot.png"
    shot.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(shot))

    page.locator('[data-testid="stSidebar"]').get_by_text("Zonas de patrullaje", exact=True).click()
    page.wait_for_function(js("map_frame_swapped"), arg=[MAP_FRAME, AIR_PATROL, ROUTE_BOAT], timeout=30_000)
    frame = settled_map(page)
    assert frame.locator(AIR_PATROL).count() == 0
    assert "Zonas de patrullaje" not in frame.locator(".dc-legend").first.text_content()
    assert browser_page.foreign_requests() == []


def test_hovering_a_community_shows_its_source_and_confidence(browser_page, app_url):
    _page, frame = open_app(browser_page, app_url)
    station = frame.locator(
        'path.leaflet-interactive[stroke="#ad4c00"][fill-opacity="0.9"]'
    ).first  # a reception station
    station.hover(force=True)
    tooltip = frame.locator(".leaflet-tooltip").first
    tooltip.wait_for(timeout=10_000)
    text = tooltip.text_content()
    assert "Estación de Recepción Migratoria" in text
    assert "Confianza" in text and "aproximada" in text and "Fuente" in text
    assert browser_page.foreign_requests() == []


def test_the_download_button_yields_valid_geojson_of_the_visible_layers(browser_page, app_url, tmp_path):
    page, _frame = open_app(browser_page, app_url)
    page.locator('[data-testid="stSidebar"]').get_by_text("Poblados", exact=True).click()
    wait_idle(page)  # the rerun replaces the download payload
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name=re.compile(r"^Descargar darien-corridor_")).click()
    download = info.value
    assert download.suggested_filename.startswith("darien-corridor_10-layers_")
    assert download.suggested_filename.endswith(".geojson")
    path = tmp_path / "export.geojson"
    download.save_as(path)
    doc = strict_loads(Path(path).read_text(encoding="utf-8"))
    assert problems(doc) == []
    exported = {f["properties"]["layer"] for f in doc["features"]}
    assert "towns" not in exported and {"migration_routes", "patrol_zones"} <= exported
    assert browser_page.foreign_requests() == []
