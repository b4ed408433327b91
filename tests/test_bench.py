"""The benchmark's own judgements: what it calls the same content, and what it foresees."""

from __future__ import annotations

import copy
import json

import bench.map as bench
from geo.exporting.geojson import collection_text


def test_same_content_accepts_our_export_against_geopandas_and_catches_any_change():
    frame = bench.synthetic("polygons", 50)
    ours, theirs = json.loads(collection_text([(None, frame)])), json.loads(frame.to_json())
    assert bench.same_content(ours, theirs)
    moved = copy.deepcopy(ours)
    moved["features"][7]["geometry"]["coordinates"][0][3][0] += 2e-6  # beyond the 6-decimal rounding
    renamed = copy.deepcopy(ours)
    renamed["features"][3]["properties"]["name"] = "other"
    shorter = copy.deepcopy(ours)
    shorter["features"].pop()
    for changed in (moved, renamed, shorter):
        assert not bench.same_content(changed, theirs)


def test_a_case_is_foreseen_linearly_from_the_size_below_and_a_timeout_foresees_a_timeout():
    assert bench.predicted(None, 100_000) is None
    assert bench.predicted((10_000, 7.5), 100_000) == 75.0
    assert bench.predicted((10_000, None), 100_000) == float("inf")
    assert bench._ratio(2.0, None, 21.0, 30.0) == "~0.0952"  # an estimate against a foreseen time
    assert bench._ratio(2.0, None, 75.0, 60.0) == "< 0.0333"  # a bound against a timeout
    assert bench._ratio(2.0, 16.0) == "0.125"
