"""A person uploads a file whose name, fields and values carry payloads: all show as text."""

from __future__ import annotations

import json

import pytest

from tests.conftest import wait_idle
from tests.test_browser_app import MAP_FRAME, open_app, settled_map

pytestmark = pytest.mark.browser

IMG = "<img src=x onerror=alert(1)>"
NAME = f"**{IMG}** :red[x] [a](javascript:alert(3)).geojson"
HOSTILE = {
    "type": "FeatureCollection",
    "features": [{
        "type": "Feature",
        "properties": {"name": IMG, IMG: "{{ 7*7 }}", "note": "</script><script>alert(2)</script>"},
        "geometry": {"type": "Polygon", "coordinates": [[[-77.9, 8.0], [-77.6, 8.0], [-77.6, 8.3], [-77.9, 8.3], [-77.9, 8.0]]]},
    }],
}
USER_PATH = 'path.leaflet-interactive[stroke="#00acc1"]'


def test_uploaded_payloads_show_as_text_and_run_nothing(browser_page, app_url):
    page, _frame = open_app(browser_page, app_url)
    page.locator('input[type="file"]').set_input_files(
        files=[{"name": NAME, "mimeType": "application/geo+json", "buffer": json.dumps(HOSTILE).encode()}])
    page.get_by_role("button", name="Añadir al mapa").wait_for(timeout=60_000)
    wait_idle(page)
    page.get_by_role("button", name="Añadir al mapa").click()
    page.wait_for_function(
        """([frameSel, path]) => {
            const frames = document.querySelectorAll(frameSel);
            return frames.length === 1 && frames[0].contentDocument
                && frames[0].contentDocument.querySelectorAll(path).length === 1;
        }""", arg=[MAP_FRAME, USER_PATH], timeout=60_000)
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
    assert f"User data: {title}" in frame.locator(".leaflet-control-attribution").text_content()
    assert title in page.locator('[data-testid="stSidebar"]').inner_text()

    assert browser_page.dialogs == []
    assert frame.locator('img[src="x"]').count() == 0 and page.locator('img[src="x"]').count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    assert browser_page.foreign_requests() == []
