"""The standalone HTML map opens from a file, offline, with its layers, legend and title."""

from __future__ import annotations

import pytest

from geo.exporting.export import export

pytestmark = pytest.mark.browser


def test_standalone_html_draws_every_feature_with_no_network(bundled, tmp_path, browser_page):
    mission = [layer for layer in bundled if layer.spec.mission]
    result = export(mission, "html", "en")
    page_file = tmp_path / result.filename
    page_file.write_bytes(result.data)
    assert b'src="http' not in result.data and b"__dc_inline__" not in result.data

    page = browser_page.page
    page.goto(page_file.as_uri())
    page.wait_for_selector("path.leaflet-interactive", state="attached")
    drawn = page.locator("path.leaflet-interactive").count()
    assert drawn == sum(len(layer.frame) for layer in mission)
    assert "Darién corridor map" in page.locator(".dc-title").text_content()
    assert "Approximate, not an official boundary." in page.locator(".dc-legend").text_content()
    icon = page.evaluate("getComputedStyle(document.querySelector('.leaflet-control-layers-toggle')).backgroundImage")
    assert icon.startswith('url("data:image/png;base64,')
    assert browser_page.foreign_requests() == [] and browser_page.errors == []
    assert all(url.startswith("file://") for url in browser_page.requests)
