"""The big-layer path draws what the data holds: counts, groups, simplification, precision, caches."""

from __future__ import annotations

import base64
import json
import re

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geo.exporting.geojson import collection_text, dumps, feature_collection
from geo.importing.pipeline import _spec
from geo.load import Layer
from geo.webmap import assets
from geo.webmap.build import build_map
from geo.webmap.compact import (
    COMPACT_THRESHOLD,
    DETAIL_ZOOM,
    PreparedCache,
    decimals_for,
    pixel_degrees,
    prepare,
    varint_base64,
)

N = COMPACT_THRESHOLD + 2000


def layer(kind: str, n: int = N, seed: int = 5, **extra) -> Layer:
    rng = np.random.default_rng(seed)
    centres = rng.uniform((-79.0, 7.4), (-77.0, 9.0), (n, 2))
    if kind == "Point":
        geoms = shapely.points(centres)
    elif kind == "LineString":
        geoms = shapely.linestrings(centres[:, None, :] + np.cumsum(rng.normal(0, 0.0005, (n, 30, 2)), axis=1))
    else:
        geoms = shapely.buffer(shapely.points(centres), 0.01, quad_segs=24)
    frame = gpd.GeoDataFrame(
        {"name": [f"f{i}" for i in range(n)], "source": "test", "confidence": "reported", "licence": "CC0", **extra},
        geometry=geoms,
        crs=4326,
    )
    return Layer(_spec(f"user_1_0_{kind.lower()}", {"es": kind, "en": kind}, kind, frame, 1), frame)


def varints(b64: str) -> list[int]:
    values, shift, acc = [], 0, 0
    for byte in base64.b64decode(b64):
        acc |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            values.append(-(acc + 1) // 2 if acc % 2 else acc // 2)
            acc, shift = 0, 0
    return values


def column(data, name) -> list:
    c = data["columns"][name]
    n = len(data["features"])
    if "c" in c:
        return [c["c"]] * n
    if "all" in c:
        return c["all"]
    return [None if i < 0 else c["v"][i] for i in c["i"]]


def decode(prepared) -> dict:
    """Our Python reading of the payload, the inverse of what the browser does."""
    data = json.loads(json.loads(prepared.payload))
    for key in ("counts", "features", "style", "rings"):
        if key in data:
            data[key] = varints(data[key]["b64"])
    for c in data["columns"].values():
        if "i" in c:
            c["i"] = varints(c["i"]["b64"])
    values = varints(data["xy"])
    # deltas from the previous vertex; the first delta is 0 and the origin is the first vertex
    data["coords"] = (np.cumsum(np.array(values, dtype=np.int64).reshape(-1, 2), axis=0) + data["origin"]) / data[
        "scale"
    ]
    return data


def test_varint_encoding_round_trips_any_signed_integers():
    values = np.array([0, 1, -1, 63, -64, 64, -65, 8191, -8192, 2**40, -(2**40)], dtype=np.int64)
    assert varints(varint_base64(values)) == values.tolist()


def test_every_point_is_in_the_payload_at_the_configured_precision():
    big = layer("Point")
    prepared = prepare(big, "es")
    data = decode(prepared)
    assert len(data["features"]) == N and sum(data["features"]) == N
    original = shapely.get_coordinates(big.frame.geometry.values)
    step = 10.0**-prepared.decimals
    assert prepared.decimals == decimals_for(pixel_degrees(DETAIL_ZOOM)) == 4
    assert np.abs(data["coords"] - original).max() <= step / 2 + 1e-12
    assert column(data, "name")[:3] == ["f0", "f1", "f2"]
    assert column(data, "source") == ["test"] * N


def test_simplification_stays_within_one_pixel_at_the_detail_zoom():
    big = layer("LineString")
    prepared = prepare(big, "en")
    data = decode(prepared)
    assert prepared.vertices < prepared.source_vertices  # it did simplify
    tolerance = pixel_degrees(DETAIL_ZOOM)
    counts, start = data["counts"], 0
    for f, original in enumerate(big.frame.geometry.values[:300]):
        drawn = shapely.LineString(data["coords"][start : start + counts[f]])
        start += counts[f]
        assert shapely.hausdorff_distance(original, drawn) <= tolerance + 10.0**-prepared.decimals


def test_polygons_keep_their_rings_and_every_feature_its_place():
    big = layer("Polygon")
    big.frame.loc[7, "geometry"] = None  # a feature without geometry keeps its place
    data = decode(prepare(big, "es"))
    assert len(data["features"]) == N and data["features"][7] == 0
    assert data["rings"] and all(r >= 1 for r in data["rings"])
    assert sum(data["counts"]) == len(data["coords"])


def test_the_map_uses_the_canvas_above_the_threshold_and_says_so():
    small, big = layer("Point", n=50), layer("Point")
    page_small = build_map([small], "es").get_root().render()
    page_big = build_map([big], "es").get_root().render()
    assert "dcCanvasLayer(" not in page_small
    assert page_big.count("window.dcCanvasLayer(") == 1
    assert f"{N:,} puntos dibujados en lienzo" in page_big.replace("\\u003c", "<")
    assert "{{" not in page_big and "{%" not in page_big


def test_hostile_values_in_a_big_layer_stay_inert_text():
    payloads = ["<img src=x onerror=alert(1)>", "{{ 7*7 }}", "</script><script>alert(2)</script>"]
    big = layer("Point", note=[payloads[i % 3] for i in range(N)])
    page = build_map([big], "es").get_root().render()
    assert "<img src=x" not in page and "</script><script>alert" not in page and "{{ 7*7" not in page
    literal = re.search(r"window\.dcCanvasLayer\((\".*?\")\);", page, re.S).group(1)
    data = json.loads(json.loads(literal))
    assert set(data["columns"]["note"]["v"]) == set(payloads)


def test_the_cache_prepares_once_per_frame_and_never_answers_for_another_frame():
    cache = PreparedCache()
    first = layer("Point", seed=1)
    assert cache.get(first, "es") is cache.get(first, "es")
    assert (cache.hits, cache.misses) == (1, 1)
    other = Layer(first.spec, first.frame.iloc[::-1].reset_index(drop=True))  # same id, other content
    assert column(decode(cache.get(other, "es")), "name")[0] == first.frame["name"].iloc[-1]
    assert cache.misses == 2


def test_two_sessions_caches_never_mix_users_data():
    alice, bob = PreparedCache(), PreparedCache()
    mine, theirs = layer("Point", seed=1), layer("Point", seed=2)  # same layer id and name, other data
    a, b = alice.get(mine, "es"), bob.get(theirs, "es")
    assert a.payload != b.payload
    assert alice.get(mine, "es") is a and bob.get(theirs, "es") is b


def test_fast_geojson_writer_equals_the_reference_writer():
    big = layer("Polygon", n=400)
    big.frame.loc[3, "name"] = None
    pairs = [("x", big.frame)]
    assert json.loads(collection_text(pairs)) == json.loads(dumps(feature_collection(pairs)))


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
    layer_js = "Object.values(window).find(v => v && v.drawn && v._map)"
    drawn = page.evaluate(f"{layer_js}.drawn()")
    west, south, east, north = page.evaluate(
        f"(() => {{ const b = {layer_js}._map.getBounds(); "
        "return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; })()"
    )
    xy = shapely.get_coordinates(big.frame.geometry.values)
    in_view = int(((xy[:, 0] >= west) & (xy[:, 0] <= east) & (xy[:, 1] >= south) & (xy[:, 1] <= north)).sum())
    assert abs(drawn["features"] - in_view) <= 2  # points on the very edge, rounded to 4 decimals
    assert drawn["grouped"] == grouped and drawn["groups"] > 0
    assert drawn["grouped"] <= drawn["features"]
    singles = page.evaluate(f"{layer_js}._singles.length")
    assert singles + drawn["grouped"] == drawn["features"]
    assert browser_page.errors == [] and browser_page.foreign_requests() == []
    pixels = page.evaluate("""() => { const c = document.querySelector('canvas.dc-canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let painted = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) painted++; return painted; }""")
    assert pixels > 10_000


def _canvas_layer_page(tmp_path, browser_page, big):
    assets.provision(tmp_path)
    (tmp_path / "index.html").write_text(build_map([big], "es", asset_urls=assets.served_urls(".")).get_root().render())
    page = browser_page.page
    page.goto((tmp_path / "index.html").as_uri())
    page.wait_for_function("window.__dcDrawn >= 1", timeout=30_000)
    page.evaluate("window.__dcLayer = Object.values(window).find(v => v && v.drawn && v._map)")
    return page


def _zoom_to(page, zoom: int) -> None:
    drawn = page.evaluate("window.__dcDrawn")
    page.evaluate(f"window.__dcLayer._map.setView([8.2, -78.0], {zoom}, {{animate: false}})")
    page.wait_for_function(f"window.__dcDrawn > {drawn}", timeout=30_000)


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
            full = page.evaluate(f"window.__dcLayer.rings({f}, false)")
            kept = page.evaluate(f"window.__dcLayer.rings({f}, true)")
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
