"""Benchmark: big layers on the map, plain folium against the project's path, same run.

    make bench-map          # or: .venv/bin/python bench/map.py [--sizes 1000,10000,100000] [--runs 3]

Synthetic layers inside the corridor: points; lines of 50 vertices; polygons
of 100 vertices; at each size:
- naive: `folium.GeoJson(gdf)` on a folium map, as a newcomer would write it;
- ours: geo.webmap.build_map, which draws layers above geo.compact.COMPACT_THRESHOLD
  features on our canvas layer, prepared by geo.compact.

Both pages load Leaflet from the same local server, so only the data path
differs. Figures (medians of --runs; a naive case that exceeds --timeout is
reported as such): server build time (data to page), page size raw and
gzipped, and time until drawn in Debian's Chromium (localhost, every other
host unresolvable). Also: the cost of a rerun that changes no data (ours,
prepared data cached, against a naive uncached build), GeoJSON export against
geopandas' `to_json`, and the time until the bundled default map is drawn in
the running app. Writes bench/results/map.json.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import multiprocessing as mp
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import orjson
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo import assets  # noqa: E402
from geo.compact import PreparedCache  # noqa: E402
from geo.formats.geojson import collection_text  # noqa: E402
from geo.importer import _spec  # noqa: E402
from geo.load import Layer  # noqa: E402
from geo.webmap import build_map  # noqa: E402

OUT = ROOT / "bench" / "results"
SITE = OUT / "site"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"]
LOCAL_ASSETS = assets.served_urls("/")


def synthetic(kind: str, n: int, seed: int = 3) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    centres = rng.uniform((-79.3, 7.3), (-76.7, 9.2), (n, 2))
    if kind == "points":
        geoms = shapely.points(centres)
    elif kind == "lines":
        geoms = shapely.linestrings(centres[:, None, :] + np.cumsum(rng.normal(0, 0.002, (n, 50, 2)), axis=1))
    else:
        angles = np.linspace(0, 2 * np.pi, 100, endpoint=False)
        radii = rng.uniform(0.002, 0.02, (n, 1)) * (1 + 0.2 * np.sin(5 * angles))
        ring = np.stack([np.cos(angles), np.sin(angles)], axis=-1)[None] * radii[..., None]
        ring = centres[:, None, :] + ring
        geoms = shapely.polygons(np.concatenate([ring, ring[:, :1]], axis=1))
    return gpd.GeoDataFrame({"name": [f"{kind[:-1]} {i}" for i in range(n)], "value": rng.integers(0, 1000, n),
                             "source": "synthetic benchmark", "confidence": "illustrative", "licence": "CC0"},
                            geometry=geoms, crs=4326)


def naive_page(frame) -> str:
    fmap = folium.Map(location=[8.3, -78.0], zoom_start=8, tiles=None)
    fmap.default_js, fmap.default_css = LOCAL_ASSETS  # same Leaflet, served locally; data path untouched
    folium.GeoJson(frame).add_to(fmap)
    return fmap.get_root().render()


def ours_page(frame, kind: str, cache: PreparedCache | None = None) -> str:
    family = {"points": "Point", "lines": "LineString", "polygons": "Polygon"}[kind]
    layer = Layer(_spec(f"user_1_0_{kind}", {"es": kind, "en": kind}, family, frame, 1), frame)
    prepare = cache.get if cache else None
    return build_map([layer], "en", asset_urls=LOCAL_ASSETS, prepare_big=prepare).get_root().render()


def _naive_child(kind, n, queue):
    frame = synthetic(kind, n)
    start = time.perf_counter()
    page = naive_page(frame)
    queue.put((time.perf_counter() - start, page))


def naive_with_timeout(kind, n, timeout):
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_naive_child, args=(kind, n, queue))
    proc.start()
    try:
        seconds, page = queue.get(timeout=timeout)
    except Exception:  # noqa: BLE001 - queue.Empty: the child ran out of time
        proc.kill()
        return None, None
    proc.join()
    return seconds, page


class Server:
    def __init__(self, folder: Path):
        handler = functools.partial(QuietHandler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, name: str) -> str:
        return f"http://localhost:{self.port}/{name}"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def draw_seconds(browser, url: str, kind: str, ours: bool, n: int, timeout_s: float) -> float | None:
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    if ours and n > 3000:
        condition = "window.__dcDrawn >= 1"
    elif kind == "points" and not ours:
        condition = f"document.querySelectorAll('.leaflet-marker-icon').length >= {n}"
    else:
        condition = f"document.querySelectorAll('path.leaflet-interactive').length >= {min(n, 1)}"
    start = time.perf_counter()
    try:
        page.goto(url, timeout=timeout_s * 1000, wait_until="commit")
        page.wait_for_function(condition, timeout=timeout_s * 1000, polling=50)
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        return time.perf_counter() - start
    except Exception:  # noqa: BLE001 - playwright's TimeoutError: reported as a timeout
        return None
    finally:
        context.close()


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def run_cases(sizes, kinds, runs, timeout, browser, server) -> list[dict]:
    rows = []
    for kind in kinds:
        for n in sizes:
            frame = synthetic(kind, n)
            row = {"kind": kind, "features": n}
            naive_times, naive_html = [], None
            for _ in range(runs):
                seconds, page = naive_with_timeout(kind, n, timeout)
                naive_times.append(seconds)
                naive_html = page or naive_html
                if seconds is None or seconds > 10:  # slow or timed out: once is enough
                    break
            ours_times, ours_html = [], None
            for _ in range(runs):
                start = time.perf_counter()
                ours_html = ours_page(frame, kind)
                ours_times.append(time.perf_counter() - start)
            row["naive_build_s"], row["ours_build_s"] = median(naive_times), median(ours_times)
            for who, html in (("naive", naive_html), ("ours", ours_html)):
                if html is None:
                    row[f"{who}_bytes"] = row[f"{who}_gzip_bytes"] = row[f"{who}_draw_s"] = None
                    continue
                data = html.encode("utf-8")
                row[f"{who}_bytes"], row[f"{who}_gzip_bytes"] = len(data), len(gzip.compress(data, 6))
                name = f"{who}_{kind}_{n}.html"
                (SITE / name).write_bytes(data)
                times = []
                for attempt in range(runs):
                    times.append(draw_seconds(browser, server.url(name), kind, who == "ours", n, timeout))
                    if times[-1] is None or times[-1] > 10:  # slow or timed out: once is enough
                        break
                row[f"{who}_draw_s"] = median(times)
                (SITE / name).unlink()
            rows.append(row)
            print(_line(row), flush=True)
    return rows


def rerun_cost(n: int, runs: int, timeout: float) -> dict:
    frame = synthetic("lines", n)
    cache = PreparedCache()
    ours_page(frame, "lines", cache)  # the first run prepares
    warm = []
    for _ in range(runs):
        start = time.perf_counter()
        ours_page(frame, "lines", cache)
        warm.append(time.perf_counter() - start)
    naive, _page = naive_with_timeout("lines", n, timeout)
    return {"features": n, "ours_cached_rerun_s": median(warm), "naive_uncached_s": naive, "cache_hits": cache.hits}


def export_speed(n: int, runs: int, kinds=("points", "lines", "polygons")) -> list[dict]:
    """GeoJSON of an n-feature layer: ours against geopandas' to_json, and whether the two hold
    the same features, attributes and positions (ours rounds to 6 decimals, about 0.1 m)."""
    rows = []
    for kind in kinds:
        frame = synthetic(kind, n)
        ours, theirs = [], []
        for _ in range(runs):
            start = time.perf_counter()
            mine = collection_text([(None, frame)])
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            reference = frame.to_json()
            theirs.append(time.perf_counter() - start)
        rows.append({"kind": kind, "features": n, "ours_s": median(ours), "geopandas_to_json_s": median(theirs),
                     "same_content": same_content(orjson.loads(mine), orjson.loads(reference))})
    return rows


def same_content(a: dict, b: dict) -> bool:
    fa, fb = a["features"], b["features"]
    if len(fa) != len(fb) or any(x["properties"] != y["properties"] for x, y in zip(fa, fb)):
        return False
    if any(x["geometry"]["type"] != y["geometry"]["type"] for x, y in zip(fa, fb)):
        return False
    positions = [np.array(x["geometry"]["coordinates"], dtype=float).ravel() for x in fa]
    reference = [np.array(y["geometry"]["coordinates"], dtype=float).ravel() for y in fb]
    return all(len(p) == len(q) for p, q in zip(positions, reference)) and bool(
        np.abs(np.concatenate(positions) - np.concatenate(reference)).max() <= 0.5e-6 + 1e-12)


def app_draw_seconds(browser) -> float | None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
                             "--server.address", "127.0.0.1", "--server.headless", "true"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        times = []
        for _ in range(3):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            start = time.perf_counter()
            page.goto(f"http://localhost:{port}")
            page.frame_locator('iframe[title="streamlit_folium.st_folium"]').first.locator(
                "path.leaflet-interactive").first.wait_for(state="attached", timeout=60_000)
            times.append(time.perf_counter() - start)
            context.close()
        return median(times[1:])  # the first visit also starts the app's session and caches
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _fmt(value, unit=""):
    if value is None:
        return "timeout"
    if unit == "B":
        return f"{value / 1e6:.2f}MB"
    return f"{value:.2f}"


def _ratio(ours, naive):
    return "—" if ours is None or naive is None else f"{ours / naive:.3f}"


def _line(r) -> str:
    return (f"{r['kind']:<9}{r['features']:>8,}  build {_fmt(r['naive_build_s']):>8} → {_fmt(r['ours_build_s']):>6} "
            f"({_ratio(r['ours_build_s'], r['naive_build_s'])})  page {_fmt(r['naive_bytes'], 'B'):>9} → "
            f"{_fmt(r['ours_bytes'], 'B'):>8} ({_ratio(r['ours_bytes'], r['naive_bytes'])}), gzip "
            f"{_fmt(r['naive_gzip_bytes'], 'B'):>8} → {_fmt(r['ours_gzip_bytes'], 'B'):>7}  drawn "
            f"{_fmt(r['naive_draw_s']):>7} → {_fmt(r['ours_draw_s']):>5} s ({_ratio(r['ours_draw_s'], r['naive_draw_s'])})")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--kinds", default="points,lines,polygons")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a case is reported as a timeout")
    parser.add_argument("--skip-app", action="store_true", help="do not measure the running app")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    SITE.mkdir(parents=True, exist_ok=True)
    assets.provision(SITE)
    server = Server(SITE)
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    print("kind     features  build naive → ours (ratio)   page raw naive → ours (ratio), gzip   drawn naive → ours")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        rows = run_cases(sizes, args.kinds.split(","), args.runs, args.timeout, browser, server)
        rerun = rerun_cost(max(sizes), args.runs, args.timeout)
        exported = export_speed(max(sizes), args.runs)
        app = None if args.skip_app else app_draw_seconds(browser)
        browser.close()
    print(f"rerun with no data change ({rerun['features']:,} lines): ours, cached {_fmt(rerun['ours_cached_rerun_s'])} s;"
          f" naive, uncached {_fmt(rerun['naive_uncached_s'])} s; ratio "
          f"{_ratio(rerun['ours_cached_rerun_s'], rerun['naive_uncached_s'])}")
    for row in exported:
        print(f"GeoJSON export ({row['features']:,} {row['kind']}): ours {row['ours_s']:.2f} s; geopandas to_json "
              f"{row['geopandas_to_json_s']:.2f} s; {row['geopandas_to_json_s'] / row['ours_s']:.1f}× faster;"
              f" same content: {row['same_content']}")
    if app is not None:
        print(f"bundled default map drawn in the running app: {app:.2f} s")
    print(f"total {time.perf_counter() - started:.0f} s")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "map.json").write_text(json.dumps({"args": vars(args), "cases": rows, "rerun": rerun, "export": exported,
                                              "app_draw_s": app}, indent=2))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
