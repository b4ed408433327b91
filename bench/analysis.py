"""Benchmark: the corridor analysis on a synthetic corridor, ours against a naive loop.

    make bench-analysis            # or: .venv/bin/python -m bench.analysis [--segments 10000 ...]

A synthetic corridor inside the real box: 10,000 route segments (4 vertices,
~5-20 km), 1,000 patrol zones (discs of 2-10 km), 5,000 communities, one
large park polygon. For each question the project's vectorised path
(geo.analysis) and a naive per-feature Python loop run in the same process
on the same data. The naive loops are quadratic for two questions, so they
run on a random sample of the segments or communities and are scaled
linearly to the full size; the table says so. Results: a table on stdout and
bench/results/analysis.json.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from geo.analysis.coverage import coverage_gaps, zones_union
from geo.analysis.inside import length_inside_km
from geo.analysis.reach import reach_pairs
from geo.measure import CORRIDOR_CRS, geodesic_length_km

ROOT = Path(__file__).resolve().parent.parent


BOX = (-79.5, 7.0, -76.5, 9.3)


def corridor(n_segments: int, n_zones: int, n_communities: int, seed: int = 7):
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = BOX
    starts = rng.uniform((minx, miny), (maxx, maxy), (n_segments, 2))
    steps = rng.normal(0, 0.04, (n_segments, 3, 2))
    coords = np.concatenate([starts[:, None, :], starts[:, None, :] + np.cumsum(steps, axis=1)], axis=1)
    segments = gpd.GeoDataFrame(
        {"segment_id": [f"s{i}" for i in range(n_segments)], "route": [f"r{i // 20}" for i in range(n_segments)]},
        geometry=shapely.linestrings(coords),
        crs=4326,
    )
    centres = gpd.GeoSeries(shapely.points(rng.uniform((minx, miny), (maxx, maxy), (n_zones, 2))), crs=4326)
    discs = centres.to_crs(CORRIDOR_CRS).buffer(rng.uniform(2000, 10000, n_zones)).to_crs(4326)
    zones = gpd.GeoDataFrame({"id": range(n_zones)}, geometry=discs.values, crs=4326)
    communities = gpd.GeoDataFrame(
        {"name": [f"c{i}" for i in range(n_communities)]},
        geometry=shapely.points(rng.uniform((minx, miny), (maxx, maxy), (n_communities, 2))),
        crs=4326,
    )
    park = shapely.Polygon([(-78.4, 7.2), (-77.2, 7.2), (-77.2, 8.5), (-78.4, 8.5)])
    return segments, zones, communities, park


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


# --- naive baselines: one feature at a time, the way a first draft would -------------------------


def naive_length_inside(segments, area) -> list[float]:
    return [geodesic_length_km(line.intersection(area)) for line in segments.geometry]


def naive_patrol(segments, zones) -> list[float]:
    # Unioning the line's pieces cut by each zone instead would overcount: pieces from
    # overlapping zones are not exactly collinear, so GEOS cannot dissolve them.
    out = []
    for line in segments.geometry:
        touching = [zone for zone in zones.geometry if line.intersects(zone)]
        out.append(geodesic_length_km(line.intersection(shapely.union_all(touching))) if touching else 0.0)
    return out


def naive_reach(communities, segments, km: float) -> list[tuple[int, int]]:
    lines = segments.to_crs(CORRIDOR_CRS).geometry.values
    points = communities.to_crs(CORRIDOR_CRS).geometry.values
    return [(i, j) for i, p in enumerate(points) for j, line in enumerate(lines) if p.distance(line) <= km * 1000]


def run(n_segments: int, n_zones: int, n_communities: int, sample: int, reach_km: float) -> list[dict]:
    segments, zones, communities, park = corridor(n_segments, n_zones, n_communities)
    rng = np.random.default_rng(1)
    seg_sample = segments.iloc[np.sort(rng.choice(len(segments), min(sample, len(segments)), replace=False))]
    com_sample = communities.iloc[
        np.sort(rng.choice(len(communities), min(sample // 10, len(communities)), replace=False))
    ]
    rows = []

    ours_t, ours = timed(lambda: length_inside_km(segments, park))
    naive_t, naive = timed(lambda: naive_length_inside(seg_sample, park), repeat=1)
    assert np.allclose(ours[seg_sample.index], naive, atol=1e-6), "length inside: ours and naive disagree"
    rows.append(
        _row("length inside the park", n_segments, ours_t, naive_t * n_segments / len(seg_sample), len(seg_sample))
    )

    ours_t, ours = timed(lambda: length_inside_km(segments, zones_union(zones)))
    naive_t, naive = timed(lambda: naive_patrol(seg_sample, zones), repeat=1)
    assert np.allclose(ours[seg_sample.index], naive, atol=1e-6), "patrol length: ours and naive disagree"
    rows.append(
        _row("length in patrol zones", n_segments, ours_t, naive_t * n_segments / len(seg_sample), len(seg_sample))
    )

    ours_t, pairs = timed(lambda: reach_pairs(communities, segments, reach_km))
    naive_t, naive = timed(lambda: naive_reach(com_sample, segments, reach_km), repeat=1)
    mine = {(int(c), int(s)) for c, s in zip(pairs["community"], pairs["line"]) if c in set(com_sample.index)}
    theirs = {(int(com_sample.index[i]), j) for i, j in naive}
    agree = len(mine & theirs) / max(len(theirs), 1)
    assert agree > 0.99, f"reach: ours and naive agree on only {agree:.1%} of pairs"
    rows.append(
        _row(
            f"communities within {reach_km:g} km",
            n_communities,
            ours_t,
            naive_t * n_communities / len(com_sample),
            len(com_sample),
        )
    )

    ours_t, _gaps = timed(lambda: coverage_gaps(segments, zones, communities, reach_km), repeat=1)
    rows.append(_row("coverage gaps (ours only)", n_segments, ours_t, None, None))
    return rows


def _row(question: str, n: int, ours: float, naive: float | None, sample: int | None) -> dict:
    return {
        "question": question,
        "features": n,
        "ours_s": round(ours, 4),
        "naive_s": None if naive is None else round(naive, 2),
        "naive_measured_on": sample,
        "speedup": None if naive is None else round(naive / ours, 1),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--zones", type=int, default=1_000)
    parser.add_argument("--communities", type=int, default=5_000)
    parser.add_argument(
        "--sample", type=int, default=500, help="segments the naive loops run on (communities: a tenth)"
    )
    parser.add_argument("--reach-km", type=float, default=10.0)
    args = parser.parse_args(argv)
    rows = run(args.segments, args.zones, args.communities, args.sample, args.reach_km)
    print(f"corridor analysis: {args.segments:,} segments, {args.zones:,} zones, {args.communities:,} communities")
    print(f"{'question':<30} {'features':>9} {'ours (s)':>10} {'naive (s)':>11} {'naive on':>9} {'speed-up':>9}")
    for r in rows:
        naive = "—" if r["naive_s"] is None else f"{r['naive_s']:.2f}"
        measured = "—" if r["naive_measured_on"] is None else f"{r['naive_measured_on']:,}"
        speedup = "—" if r["speedup"] is None else f"{r['speedup']:.0f}×"
        print(f"{r['question']:<30} {r['features']:>9,} {r['ours_s']:>10.3f} {naive:>11} {measured:>9} {speedup:>9}")
    print("naive times are measured on the sample shown and scaled linearly to the full size.")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "analysis.json").write_text(json.dumps({"args": vars(args), "rows": rows}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
