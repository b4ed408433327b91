"""The big-layer path draws what the data holds: counts, groups, simplification, precision, caches."""

from __future__ import annotations

import base64
import json
import re

import geopandas as gpd
import numpy as np
import shapely

from geo.exporting.geojson import collection_text, dumps, feature_collection
from geo.i18n.formats import number
from geo.importing.pipeline import _spec
from geo.load import Layer
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
    assert f"{number(N, 'es')} puntos dibujados en lienzo" in page_big.replace("\\u003c", "<")
    assert "{{" not in page_big and "{%" not in page_big


def test_hostile_values_in_a_big_layer_stay_inert_text():
    payloads = ["<img src=x onerror=alert(1)>", "{{ 7*7 }}", "</script><script>alert(2)</script>"]
    big = layer("Point", note=[payloads[i % 3] for i in range(N)])
    page = build_map([big], "es").get_root().render()
    assert "<img src=x" not in page and "</script><script>alert" not in page and "{{ 7*7" not in page
    literal = re.search(r"window\.dcCanvasLayer\((\".*?\"), \{", page, re.S).group(1)
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
