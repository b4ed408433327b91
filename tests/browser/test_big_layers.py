"""Big layers in Chromium: the canvas layer draws and groups points, and simplifies lines and
polygons to a pixel per zoom without leaving a feature out."""

from __future__ import annotations

import re

import pytest
import shapely

from geo.webmap import assets
from geo.webmap.build import build_map
from tests.browser.js import js
from tests.webmap.test_big_layers import N, layer


@pytest.mark.browser
def test_the_canvas_draws_and_groups_points_in_chromium(tmp_path, browser_page):
    assets.provision(tmp_path)
    big = layer("Point")
    (tmp_path / "index.html").write_text(build_map([big], "es", asset_urls=assets.served_urls(".")).get_root().render())
    page = browser_page.page
    page.goto((tmp_path / "index.html").as_uri())
    page.wait_for_function("window.__dcDrawn >= 1", timeout=30_000)
    note = page.locator(".dc-cluster-note").first.text_content()
    grouped = int(re.search(r"([\d,]+) puntos agrupados", note).group(1).replace(",", ""))
    assert 0 < grouped <= N
    # the totals match the data: every point in view is counted once, in a group or alone
    page.evaluate(js("remember_canvas_layer"))
    drawn = page.evaluate("window.__dcLayer.drawn()")
    west, south, east, north = page.evaluate(js("canvas_layer_bounds"))
    xy = shapely.get_coordinates(big.frame.geometry.values)
    in_view = int(((xy[:, 0] >= west) & (xy[:, 0] <= east) & (xy[:, 1] >= south) & (xy[:, 1] <= north)).sum())
    assert abs(drawn["features"] - in_view) <= 2  # points on the very edge, rounded to 4 decimals
    assert drawn["grouped"] == grouped and drawn["groups"] > 0
    assert drawn["grouped"] <= drawn["features"]
    singles = page.evaluate("window.__dcLayer._singles.length")
    assert singles + drawn["grouped"] == drawn["features"]
    assert browser_page.errors == [] and browser_page.foreign_requests() == []
    pixels = page.evaluate(js("painted_pixels"))
    assert pixels > 10_000


def _canvas_layer_page(tmp_path, browser_page, big):
    assets.provision(tmp_path)
    (tmp_path / "index.html").write_text(build_map([big], "es", asset_urls=assets.served_urls(".")).get_root().render())
    page = browser_page.page
    page.goto((tmp_path / "index.html").as_uri())
    page.wait_for_function("window.__dcDrawn >= 1", timeout=30_000)
    page.evaluate(js("remember_canvas_layer"))
    return page


def _zoom_to(page, zoom: int) -> None:
    drawn = page.evaluate("window.__dcDrawn")
    page.evaluate(js("canvas_layer_set_view"), [8.2, -78.0, zoom])
    page.wait_for_function(js("drawn_more_than"), arg=drawn, timeout=30_000)


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["LineString", "Polygon"])
def test_the_canvas_simplifies_to_a_pixel_per_zoom_and_leaves_no_feature_out(tmp_path, browser_page, kind):
    big = layer(kind)
    page = _canvas_layer_page(tmp_path, browser_page, big)
    sample = range(0, N, N // 40)
    vertices = {}
    for zoom in (7, 9, 12):
        _zoom_to(page, zoom)
        drawn = page.evaluate("window.__dcLayer.drawn()")
        # every feature in view is drawn, as a path or (smaller than a pixel) as a dot
        assert drawn["features"] > 0 and drawn["painted"] == drawn["features"]
        vertices[zoom] = 0
        for f in sample:
            full = page.evaluate(js("canvas_layer_rings"), [f, False])
            kept = page.evaluate(js("canvas_layer_rings"), [f, True])
            assert [len(r) >= 1 for r in kept] == [True] * len(full)
            vertices[zoom] += sum(len(r) for r in kept)
            for a, b in zip(full, kept):
                # what is drawn strays from the feature by at most a pixel on screen
                assert (
                    shapely.hausdorff_distance(
                        shapely.LineString(a * 2 if len(a) == 1 else a), shapely.LineString(b * 2 if len(b) == 1 else b)
                    )
                    <= 1.0 + 1e-6
                )
    assert vertices[7] < vertices[9] < vertices[12]  # the same features, fewer vertices in far views
    if kind == "Polygon":
        _zoom_to(page, 6)
        assert page.evaluate("window.__dcLayer.drawn()")["dots"] > 0  # tiny at this zoom, still shown
    assert browser_page.errors == []
