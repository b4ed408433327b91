"""Point layers drawn as heat maps: density of the points, each weighted by a numeric attribute
when one is chosen (js/heatlayer.js over Leaflet.heat, which the folium package ships and the
app serves itself: geo/webmap/assets.py).

The points travel as plain numbers (no value of the data but the weights' numbers reaches the
page). A heat layer shows every point of the layer it is given: it is not on the "as of" clock.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import orjson
import pandas as pd
import shapely
from folium.map import Layer as FoliumLayer
from jinja2 import Template

from geo.escape import html_text, script_json
from geo.load import Layer
from geo.webmap import resources
from geo.webmap.elements import RawScriptMacro

#: Radius (pixels) bounds the interface offers, and its default.
RADIUS_MIN, RADIUS_DEFAULT, RADIUS_MAX = 5, 15, 50


@dataclass(frozen=True)
class HeatOptions:
    """How a point layer is drawn as heat: `weight` a numeric column (None: every point counts 1),
    `radius` in pixels, `intensity` how soon colour saturates (1: a cell of weight 1 is red)."""

    weight: str | None = None
    radius: int = RADIUS_DEFAULT
    intensity: float = 1.0

    def __post_init__(self):
        if not RADIUS_MIN <= self.radius <= RADIUS_MAX:
            raise ValueError(f"radius must be {RADIUS_MIN}..{RADIUS_MAX} pixels, got {self.radius}")
        if not self.intensity > 0:
            raise ValueError(f"intensity must be positive, got {self.intensity}")


#: Text columns are tried as numbers on this many of their first values (the choice is offered on
#: every run: a 100,000-row layer must not be converted whole each time).
TEXT_SAMPLE = 200


def numeric_columns(frame: pd.DataFrame) -> list[str]:
    """The columns a heat layer can be weighted by: numbers, at least one of them positive (for
    text columns, among their first TEXT_SAMPLE values)."""
    out = []
    for column in frame.columns:
        if column == frame.geometry.name or pd.api.types.is_bool_dtype(frame[column]):
            continue
        values = frame[column]
        if not pd.api.types.is_numeric_dtype(values):  # numbers read as text (a CSV's): as numbers
            values = values.iloc[:TEXT_SAMPLE]
            try:
                values = pd.to_numeric(values, errors="coerce")
            except (TypeError, ValueError):  # lists, mappings: not numbers
                continue
        if (values > 0).any():
            out.append(str(column))
    return out


def heat_points(layer: Layer, weight: str | None) -> dict[str, np.ndarray | None]:
    """{"lat", "lng", "weight"}: every point (multipoints part by part) with its weight scaled to
    0..1 by the column's largest value (missing, negative or unreadable values weigh 0)."""
    geoms = layer.frame.geometry.to_numpy()
    xy, owner = shapely.get_coordinates(geoms, return_index=True)
    weights = None
    if weight is not None:
        values = pd.to_numeric(layer.frame[weight], errors="coerce").to_numpy(dtype=float)
        values = np.where(np.isfinite(values) & (values > 0), values, 0.0)
        top = values.max() if len(values) else 0.0
        weights = (values / top if top > 0 else values)[owner]
    return {"lat": xy[:, 1], "lng": xy[:, 0], "weight": weights}


def _numbers(values: np.ndarray, decimals: int) -> str:
    """A JSON array of numbers (the only text of the data here, and it cannot be anything else)."""
    return orjson.dumps(np.round(np.asarray(values, dtype=float), decimals).tolist()).decode()


class HeatLayer(RawScriptMacro, FoliumLayer):
    """A point layer as a heat map, in the layer control under the layer's title."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        var {{ this.get_name() }} = window.dcHeatLayer({{ this.payload }}, {{ this.options_json }});
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, layer: Layer, options: HeatOptions, name: str):
        super().__init__(name=html_text(name), overlay=True, control=True, show=True)
        self._name = "HeatLayer"
        self.library = resources.js("heatlayer.js")
        points = heat_points(layer, options.weight)
        weight = "null" if points["weight"] is None else _numbers(points["weight"], 4)
        self.payload = (
            f'{{"lat": {_numbers(points["lat"], 5)}, "lng": {_numbers(points["lng"], 5)}, "weight": {weight}}}'
        )
        self.count = len(points["lat"])
        self.options_json = script_json(
            {
                "radius": options.radius,
                "blur": max(1, round(options.radius * 0.8)),
                "max": 1.0 / options.intensity,
                "min_opacity": 0.25,
            }
        )
