"""Benchmark: big layers on the map, plain folium against the project's path, same run.

    make bench-map          # or: .venv/bin/python -m bench.map [--sizes 1000,10000,100000] [--runs 3]

Synthetic layers inside the corridor: points; lines of 50 vertices; polygons
of 100 vertices; at each size:
- naive: `folium.GeoJson(gdf)` on a folium map, as a newcomer would write it;
- ours: geo.webmap.build.build_map, which draws layers above geo.webmap.compact.COMPACT_THRESHOLD
  features on our canvas layer, prepared by geo.webmap.compact.

Both pages load Leaflet from the same local server, so only the data path
differs. Figures (medians of --runs; slow cases once): server build time (data to page), page size raw and
gzipped, and time until drawn in Debian's Chromium (localhost, every other
host unresolvable). Also: the cost of a rerun that changes no data (ours,
prepared data cached, against a naive uncached build), GeoJSON export against
geopandas' `to_json` (points, lines, polygons), and the time until the bundled
default map is drawn: as the page the app builds, served on localhost; in the
running app, from opening it; and in the smallest Streamlit page that holds
only that map (what Streamlit and its map component cost before anything of
ours). Writes bench/results/map.json.

A naive build that exceeds --build-timeout, or a drawing that exceeds
--timeout, is reported as a timeout, with the ratio as an upper bound (ours
divided by the timeout). A naive case that the same kind at the size below
foresees, linearly, to exceed its timeout is not run: the table marks the
foreseen figure with * ("> 30*": beyond the timeout; "~21.6*": an estimate,
with an estimated ratio). This keeps the whole run to about five minutes.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import multiprocessing as mp
import os
import statistics
import subprocess
import threading
import time
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import orjson
import shapely

from bench.browser import CHROMIUM, CHROMIUM_ARGS, AppServer, js
from geo.exporting.geojson import collection_text
from geo.importing.pipeline import _spec
from geo.load import Layer
from geo.webmap import assets
from geo.webmap.build import build_map
from geo.webmap.compact import PreparedCache

ROOT = Path(__file__).resolve().parent.parent


OUT = ROOT / "bench" / "results"
SITE = OUT / "site"
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
    return gpd.GeoDataFrame(
        {
            "name": [f"{kind[:-1]} {i}" for i in range(n)],
            "value": rng.integers(0, 1000, n),
            "source": "synthetic benchmark",
            "confidence": "illustrative",
            "licence": "CC0",
        },
        geometry=geoms,
        crs=4326,
    )


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


def _naive_child(frame, path: Path, queue):
    start = time.perf_counter()
    page = naive_page(frame)
    seconds = time.perf_counter() - start
    path.write_text(page, encoding="utf-8")
    queue.put(seconds)


def naive_with_timeout(frame, timeout: float) -> tuple[float | None, bytes | None]:
    """(seconds, page) of the naive build in a child process (forked: it shares the frame),
    or (None, None) when it takes longer than `timeout`."""
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    path = SITE / "naive_build.html"
    proc = ctx.Process(target=_naive_child, args=(frame, path, queue))
    proc.start()
    try:
        seconds = queue.get(timeout=timeout)
    except Exception:
        proc.kill()
        proc.join()
        return None, None
    proc.join()
    page = path.read_bytes()
    path.unlink()
    return seconds, page


def predicted(previous: tuple[int, float | None] | None, n: int) -> float | None:
    """A naive case's time foreseen from the same kind at a smaller size, linearly
    (a timed-out smaller case foresees a timeout)."""
    if previous is None:
        return None
    size, seconds = previous
    return float("inf") if seconds is None else seconds * n / size


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
        condition, arg = js("canvas_drawn"), None
    elif kind == "points" and not ours:
        condition, arg = js("count_at_least"), [".leaflet-marker-icon", n]
    else:
        condition, arg = js("count_at_least"), ["path.leaflet-interactive", min(n, 1)]
    start = time.perf_counter()
    try:
        page.goto(url, timeout=timeout_s * 1000, wait_until="commit")
        page.wait_for_function(condition, arg=arg, timeout=timeout_s * 1000, polling=50)
        page.evaluate(js("two_frames"))
        return time.perf_counter() - start
    except Exception:
        return None
    finally:
        context.close()


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def run_cases(sizes, kinds, runs, timeout, build_timeout, browser, server) -> list[dict]:
    """Each kind and size: naive and ours built, measured and drawn. A naive case that a
    smaller one foresees (linearly) to exceed its timeout is not run, and says so."""
    rows = []
    for kind in kinds:
        last_build = last_draw = last_bytes = last_gzip = None
        for n in sizes:
            frame = synthetic(kind, n)
            row = {"kind": kind, "features": n, "naive_build_foreseen_s": None, "naive_draw_foreseen_s": None}
            naive_times, naive_html = [], None
            if (predicted(last_build, n) or 0) > build_timeout:
                row["naive_build_foreseen_s"] = predicted(last_build, n)
                row["naive_draw_foreseen_s"] = predicted(last_draw, n)
                row["naive_bytes_foreseen"] = predicted(last_bytes, n)
                row["naive_gzip_bytes_foreseen"] = predicted(last_gzip, n)
            else:
                for _ in range(runs):
                    seconds, page = naive_with_timeout(frame, build_timeout)
                    naive_times.append(seconds)
                    naive_html = page or naive_html
                    if seconds is None or seconds > 2:  # slow or timed out: once is enough
                        break
                last_build = (n, median(naive_times))
            ours_times, ours_html = [], None
            for _ in range(runs):
                start = time.perf_counter()
                ours_html = ours_page(frame, kind).encode("utf-8")
                ours_times.append(time.perf_counter() - start)
            row["naive_build_s"], row["ours_build_s"] = median(naive_times), median(ours_times)
            for who, data in (("naive", naive_html), ("ours", ours_html)):
                row[f"{who}_bytes"] = row[f"{who}_gzip_bytes"] = row[f"{who}_draw_s"] = None
                if data is None:
                    continue
                row[f"{who}_bytes"], row[f"{who}_gzip_bytes"] = len(data), len(gzip.compress(data, 6))
                if who == "naive":
                    last_bytes, last_gzip = (n, row["naive_bytes"]), (n, row["naive_gzip_bytes"])
                if who == "naive" and (predicted(last_draw, n) or 0) > timeout:
                    row["naive_draw_foreseen_s"] = predicted(last_draw, n)
                    continue
                name = f"{who}_{kind}_{n}.html"
                (SITE / name).write_bytes(data)
                times = []
                for _attempt in range(runs):
                    times.append(draw_seconds(browser, server.url(name), kind, who == "ours", n, timeout))
                    if times[-1] is None or times[-1] > 10:  # slow or timed out: once is enough
                        break
                row[f"{who}_draw_s"] = median(times)
                if who == "naive":
                    last_draw = (n, row["naive_draw_s"])
                (SITE / name).unlink()
            rows.append(row)
            print(_line(row, timeout, build_timeout), flush=True)
    return rows


def rerun_cost(n: int, runs: int, timeout: float, rows: list[dict]) -> dict:
    """A rerun that changes no data: ours (prepared data cached) against a naive rerun, which
    builds the page again from scratch (the naive build of the same layer, measured above)."""
    frame = synthetic("lines", n)
    cache = PreparedCache()
    ours_page(frame, "lines", cache)  # the first run prepares
    warm = []
    for _ in range(runs):
        start = time.perf_counter()
        ours_page(frame, "lines", cache)
        warm.append(time.perf_counter() - start)
    naive = next((r["naive_build_s"] for r in rows if r["kind"] == "lines" and r["features"] == n), None)
    if naive is None:
        naive, _page = naive_with_timeout(frame, timeout)
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
            if theirs[-1] > 5:  # slow: once is enough
                break
        rows.append(
            {
                "kind": kind,
                "features": n,
                "ours_s": median(ours),
                "geopandas_to_json_s": median(theirs),
                "same_content": same_content(orjson.loads(mine), orjson.loads(reference)),
            }
        )
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
        np.abs(np.concatenate(positions) - np.concatenate(reference)).max() <= 0.5e-6 + 1e-12
    )


def default_map_seconds(browser, server, runs: int) -> float | None:
    """The bundled default map (the layers switched on at start), as the app builds it, served
    on localhost: time until its layers are drawn."""
    import layers
    from geo.load import load_layers
    from geo.webmap.compose import compose

    shown = compose(load_layers(layers.LAYERS), [], {spec.id for spec in layers.LAYERS if spec.visible})
    (SITE / "default_map.html").write_text(build_map(shown, "es", asset_urls=LOCAL_ASSETS).get_root().render())
    times = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1200, "height": 800})
        page = context.new_page()
        start = time.perf_counter()
        page.goto(server.url("default_map.html"), wait_until="commit")
        page.wait_for_function(
            js("count_at_least"), arg=["path.leaflet-interactive", len(shown)], timeout=60_000, polling=20
        )
        page.evaluate(js("two_frames"))
        times.append(time.perf_counter() - start)
        context.close()
    return median(times)


#: The smallest Streamlit page with the same map: what Streamlit and its map component cost
#: before any of our page is drawn.
FLOOR_APP = """
import streamlit as st
from streamlit_folium import st_folium
import layers
from geo.webmap import assets
from geo.webmap.compose import compose
from geo.load import load_layers
from geo.webmap.build import build_map
st.set_page_config(layout="wide")
assets.provision({static!r})
shown = compose(load_layers(layers.LAYERS), [], {{s.id for s in layers.LAYERS if s.visible}})
st_folium(build_map(shown, "es"), key="map", height=640, use_container_width=True, returned_objects=["bounds"])
"""


def app_draw_seconds(browser, script: Path, visits: int = 4) -> float | None:
    """Time from opening the app until its map has drawn a layer, median of the visits after the
    first (which also starts the app's caches); each visit is a new browser context (no cache)."""
    server = AppServer(script, cwd=ROOT).start(timeout_s=60)
    port = server.port
    try:
        times = []
        for _ in range(visits):
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            start = time.perf_counter()
            page.goto(f"http://localhost:{port}")
            page.frame_locator('iframe[title="streamlit_folium.st_folium"]').first.locator(
                "path.leaflet-interactive"
            ).first.wait_for(state="attached", timeout=60_000)
            times.append(time.perf_counter() - start)
            context.close()
        return median(times[1:])
    finally:
        server.stop()


def _fmt(value, unit=""):
    if value is None:
        return "—"
    if unit == "B":
        return f"{value / 1e6:.2f}MB"
    return f"{value:.2f}"


def _naive(measured, foreseen, limit, unit="") -> str:
    """A naive figure: measured, foreseen (from the size below, when the case was not run),
    or a timeout."""
    if measured is not None:
        return _fmt(measured, unit)
    if unit == "B":
        return "—" if foreseen is None else f"~{foreseen / 1e6:.0f}MB*"
    if foreseen is not None:
        return f"> {limit:.0f}*" if foreseen > limit else f"~{foreseen:.1f}*"
    return "timeout"


def _ratio(ours, naive, foreseen=None, limit=None):
    """ours/naive, three significant digits; against a naive case that timed out, or was
    foreseen to, an upper bound (ours/limit); against a foreseen time, an estimate."""
    if ours is None:
        return "—"
    if naive is not None:
        return f"{ours / naive:.3g}"
    if foreseen is not None and foreseen <= limit:
        return f"~{ours / foreseen:.3g}"
    return f"< {ours / limit:.3g}" if limit else "—"


def _line(r, timeout, build_timeout) -> str:
    built = r["naive_bytes"] is not None or r["naive_build_foreseen_s"] is not None
    b_fore, d_fore = r["naive_build_foreseen_s"], r["naive_draw_foreseen_s"]
    return (
        f"{r['kind']:<9}{r['features']:>8,}  build {_naive(r['naive_build_s'], b_fore, build_timeout):>8} → "
        f"{_fmt(r['ours_build_s']):>5} ({_ratio(r['ours_build_s'], r['naive_build_s'], b_fore, build_timeout)})  page "
        f"{_naive(r['naive_bytes'], r.get('naive_bytes_foreseen'), None, 'B'):>9} → {_fmt(r['ours_bytes'], 'B'):>8} "
        f"({_ratio(r['ours_bytes'], r['naive_bytes'], r.get('naive_bytes_foreseen'), float('inf'))}), gzip "
        f"{_naive(r['naive_gzip_bytes'], r.get('naive_gzip_bytes_foreseen'), None, 'B'):>8} → "
        f"{_fmt(r['ours_gzip_bytes'], 'B'):>7}  drawn {_naive(r['naive_draw_s'], d_fore, timeout):>7} → "
        f"{_fmt(r['ours_draw_s']):>4} s ({_ratio(r['ours_draw_s'], r['naive_draw_s'], d_fore, timeout if built else None)})"
    )


def run_facts(chromium_version: str) -> dict:
    """What a result file needs to be compared with another: the commit, when, on what."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = bool(
            subprocess.run(
                ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout.strip()
        )
    except (OSError, subprocess.CalledProcessError):
        commit, dirty = None, None
    return {
        "commit": commit,
        "uncommitted_changes": dirty,
        "utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "cpus": os.cpu_count(),
        "chromium": chromium_version,
        "folium": folium.__version__,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--kinds", default="points,lines,polygons")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a drawing is reported as a timeout")
    parser.add_argument(
        "--build-timeout", type=float, default=60.0, help="seconds before a naive build is reported as a timeout"
    )
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
        chromium_version = browser.version
        rows = run_cases(sizes, args.kinds.split(","), args.runs, args.timeout, args.build_timeout, browser, server)
        rerun = rerun_cost(max(sizes), args.runs, args.build_timeout, rows)
        exported = export_speed(max(sizes), args.runs)
        default_map = default_map_seconds(browser, server, args.runs)
        app = floor = None
        if not args.skip_app:
            app = app_draw_seconds(browser, ROOT / "app.py")
            # Streamlit serves static/ beside the script it runs
            (SITE / "floor_app.py").write_text(FLOOR_APP.format(root=str(ROOT), static=str(SITE / "static")))
            floor = app_draw_seconds(browser, SITE / "floor_app.py")
        browser.close()
    print(
        f"rerun with no data change ({rerun['features']:,} lines): ours, cached {_fmt(rerun['ours_cached_rerun_s'])} s;"
        f" naive, uncached {_naive(rerun['naive_uncached_s'], None, None)} s; ratio "
        f"{_ratio(rerun['ours_cached_rerun_s'], rerun['naive_uncached_s'])}"
    )
    for row in exported:
        print(
            f"GeoJSON export ({row['features']:,} {row['kind']}): ours {row['ours_s']:.2f} s; geopandas to_json "
            f"{row['geopandas_to_json_s']:.2f} s; {row['geopandas_to_json_s'] / row['ours_s']:.1f}× faster;"
            f" same content: {row['same_content']}"
        )
    print(f"bundled default map (the page the app builds) drawn on localhost: {default_map:.2f} s")
    if app is not None:
        print(
            f"the same map drawn in the running app, from opening the page: {app:.2f} s; in the smallest "
            f"Streamlit page holding only that map: {floor:.2f} s"
        )
    if any(r["naive_build_foreseen_s"] is not None or r["naive_draw_foreseen_s"] is not None for r in rows):
        print("* foreseen, linearly, from the same kind at the size below; that naive case was not run")
    print(f"total {time.perf_counter() - started:.0f} s")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "map.json").write_text(
        json.dumps(
            {
                "run": run_facts(chromium_version),
                "args": vars(args),
                "cases": rows,
                "rerun": rerun,
                "export": exported,
                "default_map_draw_s": default_map,
                "app_draw_s": app,
                "streamlit_floor_draw_s": floor,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
