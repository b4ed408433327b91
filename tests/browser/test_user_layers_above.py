"""A person's own layer is drawn above ours, and a click there reaches it (#15 item 1): their
sites inside the bundled park polygon, as GeoJSON (a few points) and on the canvas (many), and
their own area over it."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point

import layers
from geo.load import Layer, load_layers
from geo.webmap import assets
from geo.webmap.build import build_map
from geo.webmap.compact import COMPACT_THRESHOLD
from tests.browser.js import js
from tests.specs import user_spec


def _park() -> Layer:
    return next(layer for layer in load_layers(layers.LAYERS) if layer.spec.id == "darien_national_park")


def _inside() -> Point:
    return _park().frame.geometry.iloc[0].representative_point()


def _user_layer(geometry: str, shapes: list, title: str, name: str) -> Layer:
    frame = gpd.GeoDataFrame(
        {
            "site": [f"{name} {i}" for i in range(len(shapes))],
            "source": "survey",
            "confidence": "reported",
            "licence": "CC0",
        },
        geometry=shapes,
        crs="EPSG:4326",
    )
    return Layer(user_spec("user_1_sites", geometry, title), frame)


def _map_page(tmp_path, browser_page, shown: list[Layer]):
    assets.provision(tmp_path)
    (tmp_path / "index.html").write_text(build_map(shown, "es", asset_urls=assets.served_urls(".")).get_root().render())
    page = browser_page.page
    page.goto((tmp_path / "index.html").as_uri())
    page.wait_for_selector(".leaflet-dcUser-pane", state="attached", timeout=30_000)
    return page


def _settled_point(page, lat: float, lon: float) -> dict:
    """page_map_point once the map has stopped moving (the same answer twice, 200 ms apart)."""
    last = None
    for _ in range(50):
        now = page.evaluate(js("page_map_point"), [lat, lon])
        if now == last:
            return now
        last = now
        page.wait_for_timeout(200)
    raise AssertionError(f"the map kept moving: {last}")


def _popup_after_click(page, at: dict) -> str:
    page.mouse.click(at["x"], at["y"])
    popup = page.locator(".leaflet-popup .dc-info")
    popup.wait_for(timeout=10_000)
    return popup.inner_text()


@pytest.mark.browser
@pytest.mark.parametrize("n", [3, COMPACT_THRESHOLD + 200], ids=["geojson", "canvas"])
def test_a_click_on_a_users_site_over_the_park_opens_the_users_feature(tmp_path, browser_page, n):
    inside = _inside()
    # The first site on a point inside the park, the others 0.03° apart around it (a grid 40 wide).
    grid = [Point(inside.x + (i % 40) * 0.03, inside.y + (i // 40) * 0.03) for i in range(n)]
    page = _map_page(tmp_path, browser_page, [_park(), _user_layer("Point", grid, "Mis sitios", "Sitio propio")])
    if n > COMPACT_THRESHOLD:
        page.wait_for_function("window.__dcDrawn >= 1", timeout=30_000)
    else:
        page.wait_for_selector(".leaflet-dcUser-pane path", state="attached", timeout=30_000)
    at = _settled_point(page, inside.y, inside.x)
    if n > COMPACT_THRESHOLD:  # the canvas lets the pointer through; it takes clicks from the map itself
        assert "leaflet-dcUser-pane" in (page.evaluate(js("pane_of"), "canvas.dc-canvas") or "")
    else:
        assert "leaflet-dcUser-pane" in (at["pane"] or ""), at  # on top there: the user's layer, not the park
    text = _popup_after_click(page, at)
    assert text.startswith("Mis sitios") and "Sitio propio 0" in text and "Parque Nacional" not in text
    assert browser_page.errors == [] and browser_page.foreign_requests() == []


@pytest.mark.browser
def test_a_users_own_area_over_the_park_is_in_their_pane_and_answers_the_click(tmp_path, browser_page):
    inside = _inside()
    area = inside.buffer(0.05)
    page = _map_page(tmp_path, browser_page, [_park(), _user_layer("Polygon", [area], "Mi zona", "Zona propia")])
    page.wait_for_selector(".leaflet-dcUser-pane path", state="attached", timeout=30_000)
    at = _settled_point(page, inside.y, inside.x)
    assert "leaflet-dcUser-pane" in (at["pane"] or ""), at
    text = _popup_after_click(page, at)
    assert text.startswith("Mi zona") and "Zona propia 0" in text and "Parque Nacional" not in text
