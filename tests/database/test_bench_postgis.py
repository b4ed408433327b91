"""bench/postgis.py's own judgements: how a naive figure measured on a fraction is scaled, and
that the table marks it."""

from __future__ import annotations

import bench.postgis as bench


def _row(naive_rows: int) -> dict:
    return {
        "layer": "points",
        "rows": 1000,
        "view": "whole",
        "naive_rows": naive_rows,
        "ours": {
            "seconds": 0.01,
            "first_seconds": 0.02,
            "shown": 5,
            "kind": "cells",
            "total": 1000,
            "payload_kb": 1.0,
            "peak_rss_mb": 190.0,
        },
        "naive": {"seconds": 2.0, "peak_rss_mb": 300.0, "baseline_rss_mb": 200.0},
    }


def test_a_fraction_is_scaled_linearly_above_the_imports_and_marked():
    row = _row(100)
    assert bench._scaled(row, "seconds") == 20.0
    assert bench._scaled(row, "peak_rss_mb") == 200.0 + 100.0 * 10  # the imports once, the rows ten times
    line = bench.table([row]).splitlines()[-1]
    assert "† measured on 100 rows, x10" in line and "20.00" in line and "2000x" in line


def test_a_whole_table_is_not_scaled_nor_marked_and_a_failure_is_said():
    row = _row(1000)
    line = bench.table([row]).splitlines()[-1]
    assert "†" not in line and "| 2.00 |" in line and "200x" in line
    row["naive"] = {"timeout": 900.0}
    assert "did not finish" in bench.table([row]).splitlines()[-1]


def test_the_pan_views_are_inside_the_corridor_at_their_zoom():
    west, south, east, north = bench.pan_bounds()
    assert bench.EXTENT[0] < west < east < bench.EXTENT[2] and bench.EXTENT[1] < south < north < bench.EXTENT[3]
    assert 0.3 < east - west < 0.4  # 1000 pixels at zoom 12
    narrow = bench.pan_bounds(14)
    assert abs((narrow[2] - narrow[0]) * 4 - (east - west)) < 1e-9
