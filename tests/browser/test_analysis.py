"""A person clicks the map next to a community and the app names it as the nearest."""

from __future__ import annotations

import json

import pytest
from pyproj import Geod

from tests.browser.conftest import wait_idle
from tests.browser.test_app import MAP_FRAME, open_app
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

STATION = 'path.leaflet-interactive[stroke="#ad4c00"][fill-opacity="0.9"]'  # migrant reception stations


def spanish_number(text: str) -> float:
    """A number as the Spanish page writes it (1.234,5; −77,1) read back."""
    return float(text.replace(".", "").replace(",", ".").replace("−", "-"))


def test_clicking_beside_a_station_names_the_nearest_community(browser_page, app_url):
    page, frame = open_app(browser_page, app_url)
    marker = frame.locator(STATION).first
    box = marker.bounding_box()
    iframe = page.locator(MAP_FRAME).bounding_box()
    assert box and iframe
    # a few pixels beside the marker, on the map itself
    page.mouse.click(box["x"] + box["width"] + 6, box["y"] + box["height"] / 2)
    page.get_by_text("Punto elegido en el mapa").wait_for(timeout=30_000)
    wait_idle(page)
    point = page.get_by_text("Punto elegido en el mapa").inner_text()
    # Spanish numbers (8,41260; −77,12345): the decimal comma, the typographic minus, a semicolon between
    lat, lon = (spanish_number(v) for v in point.split(": ", 1)[1].split("; "))
    sentence = page.get_by_text("Comunidad receptora más cercana:").inner_text(timeout=10_000)
    name, km = sentence.split(": ", 1)[1].rsplit(", a ", 1)
    km = spanish_number(km.split(" km")[0])
    # independently: pyproj's Geod from the clicked point to every community in the data file
    features = json.loads((ROOT / "data" / "reception_communities.geojson").read_text())["features"]
    distances = {
        f["properties"]["name"]: Geod(ellps="WGS84").inv(lon, lat, *f["geometry"]["coordinates"])[2] / 1000
        for f in features
    }
    best = min(distances.values())
    assert km == pytest.approx(best, abs=0.02)  # 5-decimal coordinates shown, 2-decimal km
    assert distances[name] == pytest.approx(best, abs=0.02)
    assert "Lajas Blancas" in name or "San Vicente" in name  # beside a station
    assert browser_page.foreign_requests() == [] and browser_page.dialogs == []
