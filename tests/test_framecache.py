"""geo.framecache.FrameCache: made once per frame object, never answering for another frame;
and the map's work remembered by it (build_map's `remember`) gives the same page."""

from __future__ import annotations

import gc
import threading

import geopandas as gpd
from shapely.geometry import Point

import layers
from geo.framecache import FrameCache
from geo.load import Layer, load_layers
from geo.webmap.build import build_map, legend_items
from tests.specs import user_spec


def points(layer_id: str = "t", names=("a", "b")) -> Layer:
    frame = gpd.GeoDataFrame(
        {"name": list(names), "source": "survey", "confidence": "reported", "licence": "CC0"},
        geometry=[Point(-77.5 + i / 10, 8.2) for i in range(len(names))],
        crs="EPSG:4326",
    )
    return Layer(user_spec(layer_id, "Point"), frame)


def test_a_value_is_made_once_per_frame_name_and_extra():
    cache, layer, made = FrameCache(), points(), []

    def make():
        made.append(1)
        return list(layer.frame["name"])

    assert cache.get(layer, "names", make, "es") is cache.get(layer, "names", make, "es")
    assert len(made) == 1 and (cache.hits, cache.misses) == (1, 1)
    cache.get(layer, "names", make, "en")  # another language: made again
    cache.get(layer, "other", make, "es")  # another name: made again
    assert len(made) == 3


def test_a_copy_of_the_frame_or_a_reused_id_is_never_answered_for_another_frame():
    cache = FrameCache()

    def names(layer):
        return cache.get(layer, "names", lambda: list(layer.frame["name"]))

    first = points(names=("a", "b"))
    assert names(first) == ["a", "b"]
    copy = Layer(first.spec, first.frame.copy())  # the same layer id, another frame object
    assert cache.get(copy, "names", lambda: "made again") == "made again"
    del first, copy
    gc.collect()
    others = [points(names=("x", "y")) for _ in range(50)]  # one may reuse the freed id
    assert all(names(other) == ["x", "y"] for other in others)


def test_the_cache_keeps_at_most_its_size():
    cache = FrameCache(size=3)
    kept = [points(f"l{i}") for i in range(5)]
    for layer in kept:
        cache.get(layer, "n", lambda layer=layer: layer.spec.id)
    assert len(cache._items) == 3
    assert cache.get(kept[-1], "n", lambda: "again") == "l4"  # the newest are kept
    assert cache.get(kept[0], "n", lambda: "again") == "again"  # the oldest went


def test_threads_asking_at_once_all_get_the_value_made_for_their_frame():
    cache, layers_ = FrameCache(size=8), [points(f"l{i}", names=(f"n{i}",)) for i in range(4)]
    errors, answers = [], []

    def ask(i):
        try:
            for _ in range(300):
                layer = layers_[(i + _) % 4]
                answers.append((layer.spec.id, cache.get(layer, "n", lambda layer=layer: layer.frame["name"][0])))
        except Exception as error:  # pragma: no cover - what the test is looking for
            errors.append(error)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert all(name == "n" + layer_id[1:] for layer_id, name in answers) and len(answers) == 1800


def test_a_map_built_with_remembered_work_is_the_map_built_without():
    shown = [layer for layer in load_layers(layers.LAYERS) if layer.spec.visible]
    cache = FrameCache()
    plain = build_map(shown, "en").get_root().render()
    first = build_map(shown, "en", remember=cache).get_root().render()
    again = build_map(shown, "en", remember=cache).get_root().render()
    assert cache.hits > 0 and cache.misses > 0
    # folium numbers its elements per map: compare the pages with the numbers taken out
    import re

    def plain_ids(page):
        return re.sub(r"_[0-9a-f]{32}", "_ID", page)

    assert plain_ids(first) == plain_ids(plain) == plain_ids(again)
    counted = legend_items(shown, "en", {layer.spec.id: 99 for layer in shown}, remember=cache)
    assert [item["count"]["total"] for item in counted] == [99] * len(shown)
    assert all("count" not in item or item["count"] is None for item in legend_items(shown, "en", remember=cache))
