"""Benchmark: a step of the "as of" month in the page, against building the map again, same run.

    .venv/bin/python -m bench.timeline [--months 24] [--features 100000] [--rebuilds 24]

In Debian's Chromium on localhost (every other host unresolvable), on
(a) the bundled data: the layers switched on when the app opens (small layers, SVG);
(b) a synthetic dated layer of --features lines of 20 vertices inside the view, each with a
    random period (start anywhere from 2010 to 2025, one month to four years long; one in ten
    undated, drawn marked), on the canvas path;
for --months consecutive months (2022-01 on: the months the bundled data change most):

- step: window.dcSetAsOf(state) on the page built once with every period (what the app does:
  geo.webmap.timefilter), from the call to the next animation frame, in which the canvas layers
  redraw before our callback ("drawn"), and to the frame after ("painted": Chromium rasterises a
  canvas's recorded strokes when it paints, so this is the figure judged against the targets);
  measured in the page with performance.now(). Each step is checked: the page draws as many
  features as geo.timeline says held that month (plus the undated ones);
- rebuild: the map built again for that month (geo.selection.apply_filters, build_map, render)
  and loaded in a fresh page until drawn (the first --rebuilds months). In the app a rebuild
  would also cost a Streamlit rerun and a new map component: this is its lower bound.

Prints a table (median and max of each) and writes bench/results/timeline.json.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import statistics
import subprocess
import threading
import time
from pathlib import Path

import folium
import geopandas as gpd
import numpy as np
import shapely

import layers
from bench.browser import CHROMIUM, CHROMIUM_ARGS, js
from geo import timeline
from geo.importing.pipeline import _spec
from geo.load import Layer, load_layers
from geo.selection import Filters, apply_filters
from geo.webmap import assets
from geo.webmap.build import build_map
from geo.webmap.compact import COMPACT_THRESHOLD
from geo.webmap.compose import compose
from geo.webmap.timefilter import as_of_state

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "results"
SITE = OUT / "timeline_site"
LOCAL_ASSETS = assets.served_urls("/")
FIRST = "2022-01"

#: The targets of the issue, in milliseconds per step.
TARGET_MS = {"bundled": 100, "synthetic": 500}


def bundled_layers() -> list[Layer]:
    """The layers the app shows when it opens."""
    return compose(load_layers(layers.LAYERS), [], {spec.id for spec in layers.LAYERS if spec.visible})


def synthetic(n: int, seed: int = 7) -> list[Layer]:
    """n dated lines of 20 vertices inside the map's first view, with random periods."""
    rng = np.random.default_rng(seed)
    starts = rng.uniform((-78.4, 7.3), (-76.8, 8.6), (n, 2))
    geoms = shapely.linestrings(starts[:, None, :] + np.cumsum(rng.normal(0, 0.002, (n, 20, 2)), axis=1))
    first = rng.integers(0, 16 * 12, n)  # months since 2010-01
    length = rng.integers(1, 49, n)
    month_start = np.datetime64("2010-01", "M") + first.astype("timedelta64[M]")
    valid_from = month_start.astype("datetime64[D]") + rng.integers(0, 28, n).astype("timedelta64[D]")
    valid_to = (month_start + length.astype("timedelta64[M]")).astype("datetime64[D]")
    dated = rng.random(n) >= 0.1
    frame = gpd.GeoDataFrame(
        {
            "name": [f"track {i}" for i in range(n)],
            "source": "synthetic benchmark",
            "confidence": "illustrative",
            "licence": "CC0",
            "dated": dated,
            "valid_from": np.where(dated, valid_from.astype(str), None),
            "valid_to": np.where(dated, valid_to.astype(str), None),
        },
        geometry=geoms,
        crs=4326,
    )
    return [Layer(_spec("user_1_0_tracks", {"es": "tracks", "en": "tracks"}, "LineString", frame, 1), frame)]


def page_of(shown: list[Layer]) -> str:
    return build_map(shown, "es", asset_urls=LOCAL_ASSETS).get_root().render()


def drawn_features(shown: list[Layer], month: str) -> int:
    """What the page should draw as of `month` (undated shown): timed layers only."""
    total = 0
    for layer in shown:
        frame = layer.frame
        if not timeline.timed(frame):
            continue
        geoms = np.asarray(frame.geometry.array, dtype=object)
        present = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
        total += int((present & (timeline.valid_in_month(frame, month) | timeline.undated(frame))).sum())
    return total


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # a page closed while a file was still being sent: nothing to report


class Server:
    def __init__(self, folder: Path):
        handler = functools.partial(QuietHandler, directory=str(folder))
        self.httpd = QuietServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, name: str) -> str:
        return f"http://localhost:{self.httpd.server_address[1]}/{name}"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def open_drawn(browser, url: str, shown: list[Layer]):
    """A fresh page of `url`, once its layers are drawn and painted: (context, page, seconds)."""
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=120_000)
    if any(len(layer.frame) > COMPACT_THRESHOLD for layer in shown):
        page.wait_for_function(js("canvas_drawn"), timeout=120_000, polling=20)
    else:
        shapes = sum(int((~shapely.is_missing(np.asarray(x.frame.geometry.array))).sum()) for x in shown)
        arg = ["path.leaflet-interactive", shapes]
        page.wait_for_function(js("count_at_least"), arg=arg, timeout=120_000, polling=20)
    page.evaluate(js("two_frames"))
    return context, page, time.perf_counter() - start


def steps(browser, server, shown: list[Layer], months: list[str]) -> dict:
    """The page built once with every period, then each month a call: ms to drawn and painted."""
    (SITE / "all_periods.html").write_text(page_of(shown), encoding="utf-8")
    context, page, first_load = open_drawn(browser, server.url("all_periods.html"), shown)
    drawn, painted, wrong = [], [], []
    for month in months:
        ms_drawn, ms_painted = page.evaluate(js("as_of_step"), as_of_state(month, "show", "es"))
        drawn.append(ms_drawn)
        painted.append(ms_painted)
        if page.evaluate(js("as_of_drawn")) != drawn_features(shown, month):
            wrong.append(month)
    context.close()
    (SITE / "all_periods.html").unlink()
    return {"first_load_s": first_load, "drawn_ms": drawn, "painted_ms": painted, "wrong_months": wrong}


def rebuilds(browser, server, shown: list[Layer], months: list[str]) -> dict:
    """The map built again for each month and loaded until drawn: seconds (build, load)."""
    build, load = [], []
    for month in months:
        start = time.perf_counter()
        filtered = apply_filters(shown, Filters(as_of=month))
        (SITE / "rebuilt.html").write_text(page_of(filtered), encoding="utf-8")
        build.append(time.perf_counter() - start)
        context, _page, seconds = open_drawn(browser, server.url("rebuilt.html"), filtered)
        load.append(seconds)
        context.close()
    (SITE / "rebuilt.html").unlink(missing_ok=True)
    return {"build_s": build, "load_s": load, "total_s": [b + w for b, w in zip(build, load)]}


def run_facts(chromium_version: str) -> dict:
    """What a result file needs to be compared with another: the commit, when, on what."""
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
        commit = commit.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = None
    return {
        "commit": commit,
        "utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "cpus": os.cpu_count(),
        "chromium": chromium_version,
        "folium": folium.__version__,
    }


def table(cases: list[dict]) -> str:
    lines = [
        "| data | features | step, drawn: median / max | step, painted: median / max "
        "| rebuild (build + load): median / max | painted step / rebuild (medians) | target (max painted) |",
        "|---|---:|---|---|---|---:|---|",
    ]
    for case in cases:
        step, paint, rebuilt = case["step"]["drawn_ms"], case["step"]["painted_ms"], case["rebuild"]["total_s"]
        ratio = statistics.median(paint) / 1000 / statistics.median(rebuilt)
        met = "met" if max(paint) <= TARGET_MS[case["name"]] and not case["step"]["wrong_months"] else "**not met**"
        lines.append(
            f"| {case['label']} | {case['features']:,} | {statistics.median(step):.1f} / {max(step):.1f} ms "
            f"| {statistics.median(paint):.1f} / {max(paint):.1f} ms "
            f"| {statistics.median(rebuilt):.2f} / {max(rebuilt):.2f} s | {ratio:.3f} "
            f"| ≤ {TARGET_MS[case['name']]} ms: {met} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--months", type=int, default=24, help="consecutive months stepped, from 2022-01")
    parser.add_argument("--features", type=int, default=100_000, help="lines in the synthetic dated layer")
    parser.add_argument("--rebuilds", type=int, default=24, help="months rebuilt (the first ones stepped)")
    parser.add_argument("--data", default="bundled,synthetic", help="which cases: bundled, synthetic or both")
    args = parser.parse_args(argv)
    months = timeline.months(FIRST, "2100-12")[: args.months]
    SITE.mkdir(parents=True, exist_ok=True)
    assets.provision(SITE)
    server = Server(SITE)
    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    cases = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        chromium_version = browser.version
        wanted = args.data.split(",")
        for name, label, make in (
            ("bundled", "bundled data (layers on at start)", bundled_layers),
            ("synthetic", "synthetic dated lines (canvas)", functools.partial(synthetic, args.features)),
        ):
            if name not in wanted:
                continue
            shown = make()
            features = sum(len(layer.frame) for layer in shown)
            print(f"{label}: {features:,} features, {len(months)} months …", flush=True)
            step = steps(browser, server, shown, months)
            rebuilt = rebuilds(browser, server, shown, months[: args.rebuilds])
            cases.append({"name": name, "label": label, "features": features, "step": step, "rebuild": rebuilt})
        browser.close()
    print()
    print(table(cases))
    for case in cases:
        wrong = case["step"]["wrong_months"]
        print(
            f"{case['label']}: page built once with every period, drawn in {case['step']['first_load_s']:.2f} s; "
            + (f"steps drawing the wrong features: {wrong}" if wrong else "every step drew what geo.timeline says")
        )
    print(f"months {months[0]} to {months[-1]}; total {time.perf_counter() - started:.0f} s")
    OUT.mkdir(parents=True, exist_ok=True)
    result = {"run": run_facts(chromium_version), "args": vars(args), "months": months, "cases": cases}
    (OUT / "timeline.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0 if all(not case["step"]["wrong_months"] for case in cases) else 1


if __name__ == "__main__":
    raise SystemExit(main())
