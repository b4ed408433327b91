"""Place names written on the map: towns, communities and stations, rivers, parks.

Each layer's spec says which attribute names its features, with what priority and from which
zoom (geo.spec.Labels). Here each named feature gets one anchor (a point: itself; a river: the
middle of its longest stretch; an area: a point inside it); in the page js/labels.js writes the
names as text in their own pane, above every layer, with a halo (css/labels.css), and on every
move or zoom places them by priority, leaving out any that would overlap one placed before, and
any whose feature the "as of" month hides (js/timefilter.js).
The print map places the same names the same way (geo.exporting.printmap).
"""

from __future__ import annotations

from collections.abc import Sequence

import shapely
from branca.element import MacroElement
from jinja2 import Template

from geo.escape import script_json
from geo.load import Layer
from geo.webmap import resources
from geo.webmap.elements import RawScriptMacro
from geo.webmap.view import LABEL_PANE

#: How a name is set, by the geometry it names.
KINDS = {"Point": "place", "LineString": "river", "Polygon": "area"}


def label_data(layers: Sequence[Layer]) -> list[dict]:
    """The names to write: {text, lon, lat, priority, min_zoom, kind, layer, index (the feature's
    row in its layer: the "as of" month hides the names of features it hides)}, most important
    first (priority, then the layer's order of features; a line or area named twice keeps its
    biggest piece). Values are data: the page puts them in with textContent.

    >>> import geopandas as gpd
    >>> from geo.spec import Labels, LayerSpec, Style
    >>> spec = LayerSpec("r", {"es": "r", "en": "r"}, "LineString", ("source", "confidence", "licence"),
    ...                  Style("#000000"), (), "s", "l", ("a",), origin="user", labels=Labels("name", 2, 8))
    >>> frame = gpd.GeoDataFrame({"name": ["Atrato", "Atrato", None]}, crs=4326, geometry=[
    ...     shapely.LineString([(0, 0), (2, 0)]), shapely.LineString([(5, 5), (5, 6)]), shapely.Point(1, 1)])
    >>> label_data([Layer(spec, frame)])
    [{'text': 'Atrato', 'lon': 1.0, 'lat': 0.0, 'priority': 2, 'min_zoom': 8, 'kind': 'river', 'layer': 'r', 'index': 0}]
    """
    out = []
    for rank, layer in enumerate(layers):
        spec, frame = layer.spec, layer.frame
        if spec.labels is None or spec.labels.field not in frame.columns:
            continue
        kind = KINDS[spec.geometry]
        best: dict[str, tuple[float, int, shapely.Point]] = {}
        first = _first(layer)
        for order, (value, geom) in enumerate(zip(frame[spec.labels.field], frame.geometry)):
            text = "" if value is None or value != value else str(value).strip()  # noqa: PLR0124 (NaN)
            if not text or geom is None or geom.is_empty:
                continue
            size, anchor = _anchor(geom)
            key = text if kind != "place" else f"{text}\0{order}"  # every place; a river once
            if key not in best or size > best[key][0]:
                best[key] = (size, order, anchor)
        for key, (_size, order, anchor) in sorted(best.items(), key=lambda item: item[1][1]):
            out.append(
                {
                    "text": key.split("\0")[0],
                    "lon": round(anchor.x, 6),
                    "lat": round(anchor.y, 6),
                    "priority": spec.labels.priority,
                    "min_zoom": spec.labels.min_zoom,
                    "kind": kind,
                    "layer": spec.id,
                    "index": order,
                    "_rank": (spec.labels.priority, rank, first[order], order),
                }
            )
    out.sort(key=lambda label: label["_rank"])
    for label in out:
        del label["_rank"]
    return out


def _first(layer: Layer) -> list[int]:
    """Each feature's place in its layer's `Labels.first` (the others after them)."""
    labels, frame = layer.spec.labels, layer.frame
    if labels.by is None or labels.by not in frame.columns:
        return [0] * len(frame)
    place = {value: i for i, value in enumerate(labels.first)}
    return [place.get(str(value), len(place)) for value in frame[labels.by]]


def _anchor(geom) -> tuple[float, shapely.Point]:
    """(size, anchor): a point itself; the middle of a line's longest part; a point inside an
    area's largest part. Sizes in degrees (length or area): only compared within a layer."""
    parts = list(getattr(geom, "geoms", [geom]))
    if geom.geom_type.endswith("Point"):
        return 0.0, parts[0]
    if geom.geom_type.endswith("LineString"):
        longest = max(parts, key=lambda p: p.length)
        return geom.length, longest.interpolate(0.5, normalized=True)
    largest = max(parts, key=lambda p: p.area)
    return geom.area, largest.point_on_surface()


class PlaceNames(RawScriptMacro, MacroElement):
    """The names of `label_data` written on the map (js/labels.js), in the labels' pane."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.library }}
        window.dcLabels({{ this._parent.get_name() }}, {{ this.labels_json }}, {{ this.settings_json }});
        {% endmacro %}
        """
    )

    def __init__(self, labels: list[dict]):
        super().__init__()
        self._name = "PlaceNames"
        self.library = resources.js("labels.js")
        self.labels_json = script_json(labels)
        self.settings_json = script_json({"pane": LABEL_PANE})
