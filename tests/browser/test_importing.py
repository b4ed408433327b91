"""A person uploads a file whose name, fields and values carry payloads: all show as text."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import wait_idle
from tests.browser.js import js
from tests.browser.test_app import MAP_FRAME, open_app, settled_map

pytestmark = pytest.mark.browser

IMG = "<img src=x onerror=alert(1)>"
NAME = f"**{IMG}** :red[x] [a](javascript:alert(3)).geojson"
HOSTILE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"name": IMG, IMG: "{{ 7*7 }}", "note": "</script><script>alert(2)</script>"},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[-77.9, 8.0], [-77.6, 8.0], [-77.6, 8.3], [-77.9, 8.3], [-77.9, 8.0]]],
            },
        }
    ],
}
USER_PATH = 'path.leaflet-interactive[stroke="#440055"]'


def test_uploaded_payloads_show_as_text_and_run_nothing(browser_page, app_url):
    page, _frame = open_app(browser_page, app_url)
    page.locator('input[type="file"]').set_input_files(
        files=[{"name": NAME, "mimeType": "application/geo+json", "buffer": json.dumps(HOSTILE).encode()}]
    )
    page.get_by_role("button", name="Añadir al mapa").wait_for(timeout=60_000)
    wait_idle(page)
    page.get_by_role("button", name="Añadir al mapa").click()
    page.wait_for_function(js("map_frame_holds_one"), arg=[MAP_FRAME, USER_PATH], timeout=60_000)
    frame = settled_map(page)

    frame.locator(USER_PATH).hover(force=True)
    tooltip = frame.locator(".leaflet-tooltip").first
    tooltip.wait_for(timeout=10_000)
    assert IMG in tooltip.text_content() and "{{ 7*7 }}" in tooltip.text_content()
    frame.locator(USER_PATH).click(force=True)
    popup = frame.locator(".leaflet-popup-content").first
    popup.wait_for(timeout=10_000)
    assert "</script><script>alert(2)</script>" in popup.text_content()

    title = NAME
    assert title in frame.locator(".dc-legend").first.text_content()
    assert any(title in text for text in frame.locator(".leaflet-control-layers-overlays label").all_text_contents())
    assert f"Datos propios: {title}" in frame.locator(".leaflet-control-attribution").text_content()
    assert title in page.locator('[data-testid="stSidebar"]').inner_text()

    assert browser_page.dialogs == []
    assert frame.locator('img[src="x"]').count() == 0 and page.locator('img[src="x"]').count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    assert browser_page.foreign_requests() == []


def test_a_big_uploaded_survey_is_drawn_on_canvas_grouped_and_answers_a_click(browser_page, app_url):
    import numpy as np

    n = 20_000
    rng = np.random.default_rng(7)
    xy = rng.uniform((-78.4, 7.6), (-77.2, 8.6), (n, 2))
    survey = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": f"punto {i}", "note": IMG if i == 0 else "ok"},
                "geometry": {"type": "Point", "coordinates": [round(float(x), 6), round(float(y), 6)]},
            }
            for i, (x, y) in enumerate(xy)
        ],
    }
    page, _frame = open_app(browser_page, app_url)
    page.locator('input[type="file"]').set_input_files(
        files=[{"name": "encuesta.geojson", "mimeType": "application/geo+json", "buffer": json.dumps(survey).encode()}]
    )
    page.get_by_role("button", name="Añadir al mapa").wait_for(timeout=90_000)
    wait_idle(page)
    page.get_by_role("button", name="Añadir al mapa").click()
    page.wait_for_function(js("map_frame_canvas_drawn"), arg=MAP_FRAME, timeout=90_000)
    frame = settled_map(page)
    wait_idle(page)
    # every point is accounted for: grouped with a count, or drawn alone, and the map says so
    note = frame.locator(".dc-cluster-note").first.text_content()
    assert "agrupados" in note and "encuesta.geojson" in note
    drawn = page.evaluate(js("map_frame_canvas_counts"), MAP_FRAME)
    stats, singles = drawn
    assert stats["features"] == n  # the first view holds the whole survey
    assert stats["grouped"] + singles == n and stats["groups"] > 0
    legend = frame.locator(".dc-legend").first.text_content()
    assert "20.000" in legend  # as Spanish writes it
    # zoomed in close, a click on a point opens its attributes, as text, even where the point lies
    # over a bundled shape (a province, a patrol zone) that Leaflet would give the click to
    page.evaluate(js("map_frame_set_view"), [MAP_FRAME, xy[0][1], xy[0][0], 16])
    wait_idle(page)
    point = page.evaluate(js("map_frame_container_point"), [MAP_FRAME, xy[0][1], xy[0][0]])
    frame.locator(".leaflet-container").first.click(position={"x": point[0], "y": point[1]}, force=True)
    popup = frame.locator(".leaflet-popup-content").first
    popup.wait_for(timeout=10_000)
    assert "punto 0" in popup.text_content() and IMG in popup.text_content()
    assert frame.locator('img[src="x"]').count() == 0
    assert browser_page.dialogs == [] and browser_page.foreign_requests() == []
