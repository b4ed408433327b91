"""Benchmark: a big point layer as a heat map, ours against folium's HeatMap plugin, same run.

    .venv/bin/python -m bench.heat [--points 10000,100000]

For each size, a synthetic survey (normal around Yaviza, a numeric weight) is drawn as a heat map
on a map page served from localhost to Debian's Chromium (every other host unresolvable), both
with Leaflet.heat from the folium package served locally:

- ours: geo.webmap.build.build_map(..., heat=...), the points as plain number arrays
  (geo/webmap/heat.py, js/heatlayer.js);
- naive: folium.plugins.HeatMap(data) on a folium.Map, the points as [[lat, lng, weight], ...]
  through folium's templates.

Measured: building and rendering the page in Python, and from navigation to the heat map drawn
and painted in Chromium. Prints a table and writes bench/results/heat.json. The app adds its
rerun and streamlit-folium's transfer to these (docs/exploring.md).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
from folium.plugins import HeatMap
from shapely import points

from bench.browser import CHROMIUM, CHROMIUM_ARGS, js
from bench.timeline import Server
from geo.importing.pipeline import _spec
from geo.load import Layer
from geo.webmap import assets
from geo.webmap.build import build_map
from geo.webmap.heat import HeatOptions

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "results"
SITE = OUT / "heat_site"


def survey(n: int, seed: int = 16) -> Layer:
    rng = np.random.default_rng(seed)
    xy = rng.normal((-77.8, 8.35), (0.25, 0.2), (n, 2))
    frame = gpd.GeoDataFrame(
        {"people": rng.integers(1, 50, n), "source": "bench", "confidence": "reported", "licence": "CC0"},
        geometry=points(xy),
        crs=4326,
    )
    return Layer(_spec("survey", {"es": "encuesta", "en": "survey"}, "Point", frame, 1), frame)


def ours(layer: Layer) -> str:
    urls = assets.served_urls("", heat=True)
    heat = {layer.spec.id: HeatOptions(weight="people")}
    return build_map([layer], "es", asset_urls=urls, heat=heat).get_root().render()


def naive(layer: Layer) -> str:
    frame = layer.frame
    weights = frame["people"].to_numpy() / frame["people"].max()
    data = [[y, x, w] for x, y, w in zip(frame.geometry.x, frame.geometry.y, weights)]
    fmap = folium.Map(location=[8.35, -77.8], zoom_start=9, tiles=None)
    fmap.default_js, fmap.default_css = assets.served_urls("")
    heat = HeatMap(data, radius=15)
    heat.default_js = [("leaflet-heat.js", f"/{assets.HEAT_VENDOR}/leaflet-heat.js")]
    heat.add_to(fmap)
    return fmap.get_root().render()


def drawn_in(browser, url: str) -> float:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_function(js("heat_drawn"), timeout=120_000, polling=20)
    page.evaluate(js("two_frames"))
    seconds = time.perf_counter() - start
    context.close()
    return seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", default="10000,100000", help="survey sizes, comma-separated")
    args = parser.parse_args(argv)
    SITE.mkdir(parents=True, exist_ok=True)
    assets.provision(SITE)
    server = Server(SITE)
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        (SITE / "warm_up.html").write_text(naive(survey(1000)), encoding="utf-8")
        drawn_in(browser, server.url("warm_up.html"))  # the browser's first page is slower: not counted
        for n in (int(v) for v in args.points.split(",")):
            layer = survey(n)
            row = {"points": n}
            for name, make in (("ours", ours), ("naive", naive)):
                start = time.perf_counter()
                page = make(layer)
                row[f"{name}_build_s"] = time.perf_counter() - start
                row[f"{name}_page_mb"] = len(page.encode()) / 1e6
                (SITE / f"{name}_{n}.html").write_text(page, encoding="utf-8")
                row[f"{name}_drawn_s"] = drawn_in(browser, server.url(f"{name}_{n}.html"))
            rows.append(row)
        browser.close()
    print(
        f"{'points':>8} | {'build ours':>10} | {'build folium':>12} | {'page MB ours':>12} | "
        f"{'page MB folium':>14} | {'drawn ours':>10} | {'drawn folium':>12}"
    )
    for r in rows:
        print(
            f"{r['points']:>8,} | {r['ours_build_s']:>9.2f}s | {r['naive_build_s']:>11.2f}s | "
            f"{r['ours_page_mb']:>12.1f} | {r['naive_page_mb']:>14.1f} | {r['ours_drawn_s']:>9.2f}s | "
            f"{r['naive_drawn_s']:>11.2f}s"
        )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "heat.json").write_text(json.dumps({"rows": rows}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
