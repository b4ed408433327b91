"""In a real browser, values carrying script or template payloads show as text and run nothing."""

from __future__ import annotations

import pytest

from geo.webmap import assets
from geo.webmap.build import build_map
from tests.browser.js import js
from tests.webmap.test_map import IMG, JINJA_EXPR, JINJA_STMT, SCRIPT, hostile_layer

pytestmark = pytest.mark.browser


@pytest.fixture
def hostile_page(tmp_path, browser_page):
    assets.provision(tmp_path)
    fmap = build_map([hostile_layer("Polygon"), hostile_layer("Point")], "es", asset_urls=assets.served_urls("."))
    (tmp_path / "index.html").write_text(fmap.get_root().render(), encoding="utf-8")
    page = browser_page.page
    page.goto((tmp_path / "index.html").as_uri())
    page.wait_for_selector("path.leaflet-interactive", state="attached")
    return browser_page


def text_of(page, selector: str) -> str:
    return page.locator(selector).first.text_content() or ""


def test_tooltip_popup_legend_control_and_credits_show_payloads_as_text(hostile_page):
    page = hostile_page.page
    marker = page.locator("path.leaflet-interactive").last  # the point, drawn last
    marker.hover()
    page.wait_for_selector(".leaflet-tooltip")
    tooltip = text_of(page, ".leaflet-tooltip")
    assert IMG in tooltip and JINJA_STMT in tooltip and JINJA_EXPR in tooltip

    marker.click()
    page.wait_for_selector(".leaflet-popup-content")
    popup = text_of(page, ".leaflet-popup-content")
    assert SCRIPT in popup and JINJA_STMT in popup and "49" not in popup

    assert f"Capa {IMG}" in text_of(page, ".dc-legend")
    labels = page.locator(".leaflet-control-layers-overlays label").all_text_contents()
    assert any(f"Capa {IMG}" in label for label in labels)
    assert f"credit {IMG}" in text_of(page, ".leaflet-control-attribution")


def test_no_payload_ran_and_no_markup_was_created(hostile_page):
    page = hostile_page.page
    page.locator("path.leaflet-interactive").last.hover()
    page.locator("path.leaflet-interactive").last.click()
    page.wait_for_selector(".leaflet-popup-content")
    assert hostile_page.dialogs == []
    assert hostile_page.errors == []
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    scripts = page.evaluate(js("script_texts"))
    assert "alert(2)</script>" not in scripts
    assert hostile_page.foreign_requests() == []
