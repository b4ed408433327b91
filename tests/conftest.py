"""Shared fixtures: the bundled layers, and the app under streamlit.testing.v1.AppTest.

The browser tests' fixtures (a live app, Chromium) are in tests/browser/conftest.py."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

import layers
from geo.load import load_layers

ROOT = Path(__file__).resolve().parent.parent

# Workspaces made by the tests (AppTest in this process, the browser tests' app as a child) go to
# a store of the run's own, never to the developer's ./var/ (tests that need another set theirs).
os.environ.setdefault("DARIEN_STORE", str(Path(tempfile.mkdtemp(prefix="darien-store-")) / "workspaces.gpkg"))


APP = str(ROOT / "app.py")


@pytest.fixture(scope="session")
def postgis():
    """A throwaway PostgreSQL 15 + PostGIS 3 cluster on a free port, for the whole run, stopped
    and removed at the end. Missing packages fail the tests that need it (`make test` installs
    them). Its own temporary directory: pytest rotates its shared ones under other runs' feet."""
    from scripts import pgcluster

    directory = Path(tempfile.mkdtemp(prefix="darien-pg-"))
    try:
        cluster = pgcluster.start(directory / "cluster")
    except pgcluster.ClusterError as error:
        shutil.rmtree(directory, ignore_errors=True)
        pytest.fail(str(error))
    yield cluster
    cluster.stop()
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def bundled():
    """Every registered layer, loaded once."""
    return load_layers(layers.LAYERS)


# --- the app under streamlit.testing.v1.AppTest ---------------------------------------------


@pytest.fixture
def calls(monkeypatch):
    """Recording spies around the map builder and the GeoJSON export: they call the real
    ones and keep which layers (and what GeoJSON) the app produced on each run.

    They replace the names where the interface looks them up (ui.mapview, ui.exporting):
    those modules bound them once, on import."""
    import ui.exporting
    import ui.mapview

    recorded = {"map": [], "export": []}
    real_map, real_text = ui.mapview.build_map, ui.exporting.geojson_text

    def build_map(shown, lang="es", basemap="offline", asset_urls=None, title=None, prepare_big=None, **more):
        recorded["map"].append(
            {
                "ids": [layer.spec.id for layer in shown],
                "lang": lang,
                "basemap": basemap,
                "features": {layer.spec.id: len(layer.frame) for layer in shown},
                "heat": dict(more.get("heat") or {}),
                "totals": more.get("totals"),
            }
        )
        return real_map(shown, lang, basemap, asset_urls, title, prepare_big, **more)

    def geojson_text(shown, lang="es", now=None, **time):  # time: as_of, undated, timed
        text = real_text(shown, lang, now, **time)
        recorded["export"].append({"ids": [layer.spec.id for layer in shown], "doc": json.loads(text), **time})
        return text

    monkeypatch.setattr(ui.mapview, "build_map", build_map)
    monkeypatch.setattr(ui.exporting, "geojson_text", geojson_text)
    return recorded


def run(at):
    """Run an AppTest as a browser does, and fail with the app's own exception if it raised one.

    A session's first run leaves the panels under the map for the next run, which in a browser
    the map's first report makes (ui.page.below_the_map); no map reports here, so a first run
    is followed by that second run. tests/ui/test_app.py checks the first run on its own."""
    from ui.state import PANELS_DUE

    first = PANELS_DUE.key not in at.session_state
    at.run()
    if first and not at.exception:
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
