"""The readable map (#15) in the page the app builds: panes (the user's layers above the bundled
ones, canvas included), the layer control watched."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import shapely

from geo.load import Layer
from geo.webmap.build import build_map
from geo.webmap.compact import COMPACT_THRESHOLD
from geo.webmap.view import LABEL_PANE, PANES, USER_PANE
from tests.specs import user_spec

ASSETS = ([("leaflet", "/leaflet.js")], [("leaflet_css", "/leaflet.css")])


def user_points(n: int, layer_id: str) -> Layer:
    frame = gpd.GeoDataFrame(
        {"source": ["s"] * n, "confidence": ["reported"] * n, "licence": ["CC0"] * n},
        geometry=[shapely.Point(-77.5 + i * 1e-5, 8.2) for i in range(n)],
        crs="EPSG:4326",
    )
    return Layer(user_spec(layer_id, "Point"), frame)


def page(layers) -> str:
    return build_map(layers, "es", asset_urls=ASSETS).get_root().render()


def test_user_layers_are_drawn_in_a_pane_above_the_bundled_ones_canvas_included(bundled):
    small, big = user_points(10, "mine_small"), user_points(COMPACT_THRESHOLD + 1, "mine_big")
    html = page([*bundled, small, big])
    z = dict(PANES)
    assert z[USER_PANE] > 400  # Leaflet's overlayPane, where the bundled layers are drawn
    assert f'"{USER_PANE}"' in html
    # The small user layer's shapes carry the pane in their style; no bundled layer's do.
    styles = re.findall(r'"pane": "(\w+)"', html)
    assert USER_PANE in styles and set(styles) <= {USER_PANE, LABEL_PANE}
    # The big one, drawn on canvas, puts its canvas in the same pane.
    settings = [json.loads(s) for s in re.findall(r'(\{"cluster_min": [^}]*\})\);', html)]
    assert settings and all(s["pane"] == USER_PANE for s in settings)
    bundled_only = page(list(bundled))
    assert f'"pane": "{USER_PANE}"' not in bundled_only


def test_the_layer_control_is_watched_with_every_layer_id(bundled):
    html = page(list(bundled))
    call = re.search(r"window\.dcWatchLayers\(\w+, (\w+), (\{.*?\})\);", html)
    assert call and call.group(1).startswith("layer_control")
    ids = json.loads(call.group(2))
    assert sorted(ids.values()) == sorted(layer.spec.id for layer in bundled)
