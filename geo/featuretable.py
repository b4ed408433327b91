"""The feature table: a layer's features as rows, in the reader's language, linked to the map.

- `table(layer, lang)`: one row per feature (the index is the feature's position in the
  layer's frame), attributes under their labels, controlled values translated, and where the
  feature is (longitude, latitude of a point on it): the map's text alternative;
- `in_view(layer, bounds)` and `matching(table, text)`: which rows the reader asked for;
- `feature_at(layer, rows, lon, lat, tolerance)`: the feature a click on the map landed on;
- `focus_of(geometry)`: where the map goes to show a feature (centre, zoom, bounds).
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Sequence

import numpy as np
import pandas as pd
import shapely

from geo.i18n import field_label, label
from geo.layerfilters import fold, fold_column
from geo.load import Layer
from geo.selection import bbox_area

#: Bookkeeping the table leaves out: each bound's precision, basis and source (the popup has them).
HIDDEN = frozenset(
    f"{bound}_{part}" for bound in ("valid_from", "valid_to") for part in ("precision", "basis", "source")
)

#: Where a feature is, in the table: the two last columns.
WHERE = ("lon", "lat")

#: The zoom the map goes to for a point, and the bounds of any zoom it picks.
POINT_ZOOM, MIN_ZOOM, MAX_ZOOM = 13, 5, 15

#: Screen pixels the map's frame gives a feature it fits (a little less than its height, 640).
FIT_PIXELS = 480


def table(layer: Layer, lang: str) -> pd.DataFrame:
    """Every feature of `layer` as a row: labelled columns, translated values, lon/lat.

    The index is each feature's position in `layer.frame`. Values of the layer's own
    vocabulary (and confidence, shared by every layer) are translated; the rest are shown as
    they are, numbers staying numbers so the table sorts them as numbers."""
    frame = layer.frame
    translated = {"confidence", *layer.spec.vocabulary}
    columns = {}
    for attribute in frame.columns:
        if attribute == frame.geometry.name or attribute in HIDDEN or attribute in WHERE:
            continue
        column = frame[attribute]
        if attribute in translated:
            column = column.map(lambda v, a=attribute: None if _missing(v) else label(a, v, lang))
        columns[attribute] = column
    points = _points(frame)
    columns["lon"] = pd.Series(np.round(shapely.get_x(points), 5), index=frame.index)
    columns["lat"] = pd.Series(np.round(shapely.get_y(points), 5), index=frame.index)
    out = pd.DataFrame(columns)
    out.columns = _labels(list(out.columns), lang)
    out.index = pd.RangeIndex(len(frame))
    return out


def in_view(layer: Layer, bounds: tuple[float, float, float, float] | None) -> np.ndarray:
    """Which features of `layer` touch the (west, south, east, north) view; all when no view."""
    frame = layer.frame
    if bounds is None:
        return np.ones(len(frame), dtype=bool)
    geoms = np.asarray(frame.geometry.array, dtype=object)
    present = np.array([g is not None and not g.is_empty for g in geoms], dtype=bool)
    keep = np.zeros(len(frame), dtype=bool)
    keep[present] = shapely.intersects(bbox_area(bounds), geoms[present])
    return keep


def searchable(rows: pd.DataFrame) -> pd.Series:
    """Each row's cells as one folded text (geo.layerfilters.fold_column), cells apart by a
    character no one types: what `matching` searches. Made once per table (TableCache)."""
    text = pd.Series("", index=rows.index, dtype=object)
    for name in rows.columns:
        text = text + fold_column(rows[name]) + "\x1f"
    return text


def matching(rows: pd.DataFrame, text: str, folded: pd.Series | None = None) -> np.ndarray:
    """Which rows hold `text` in a cell, case and accents aside; all for an empty text.
    `folded` is `searchable(rows)`, when kept.

    >>> rows = pd.DataFrame({"Name": ["Canaán Membrillo", "Bajo Chiquito"], "Km": [1.5, None]})
    >>> matching(rows, "canaan").tolist(), matching(rows, "1.5").tolist(), matching(rows, " ").tolist()
    ([True, False], [True, False], [True, True])
    """
    needle = fold(text).strip()
    if not needle:
        return np.ones(len(rows), dtype=bool)
    folded = searchable(rows) if folded is None else folded
    return folded.str.contains(needle, regex=False).to_numpy(dtype=bool)


def feature_at(layer: Layer, rows: Sequence[int], lon: float, lat: float, tolerance: float) -> int | None:
    """The feature among `rows` (positions in `layer.frame`) that a click at lon/lat is on: the
    smallest polygon holding it, else the nearest feature within `tolerance` degrees (of equally
    near ones, the last: drawn on top); None if none."""
    rows = np.asarray(rows, dtype=np.int64)
    if not len(rows):
        return None
    geoms = np.asarray(layer.frame.geometry.array, dtype=object)[rows]
    present = np.array([g is not None and not g.is_empty for g in geoms], dtype=bool)
    rows, geoms = rows[present], geoms[present]
    if not len(rows):
        return None
    click = shapely.Point(lon, lat)
    holding = shapely.covers(geoms, click) & np.isin(shapely.get_type_id(geoms), (3, 6))  # (multi)polygons
    if holding.any():
        areas = np.where(holding, shapely.area(geoms), np.inf)
        return int(rows[int(np.argmin(areas))])
    distances = shapely.distance(geoms, click)
    closest = distances.min()
    if closest > tolerance:
        return None
    # Features as near as each other (a station on its village): the one drawn last, on top.
    return int(rows[np.flatnonzero(distances <= closest + 1e-9)[-1]])


def focus_of(geometry) -> dict:
    """Where the map goes to show `geometry`: {"lat", "lng", "zoom", "bounds": [W, S, E, N]}.

    >>> focus_of(shapely.Point(-77.5, 8.25))
    {'lat': 8.25, 'lng': -77.5, 'zoom': 13, 'bounds': [-77.5, 8.25, -77.5, 8.25]}
    >>> focus_of(shapely.box(-78.0, 8.0, -77.0, 9.0))["zoom"]  # a degree: 400 px at zoom 9
    9
    """
    west, south, east, north = (float(v) for v in geometry.bounds)
    span = max(east - west, (north - south) * 1.1)  # a degree of latitude is about as long here
    if span <= 0:
        zoom = POINT_ZOOM
    else:
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, math.floor(math.log2(FIT_PIXELS * 360 / (256 * span)))))
    if geometry.geom_type in ("Point", "MultiPoint") or span <= 0:
        centre = shapely.Point((west + east) / 2, (south + north) / 2)
    else:
        centre = shapely.point_on_surface(geometry) if geometry.geom_type.endswith("Polygon") else geometry.centroid
        centre = centre if shapely.box(west, south, east, north).covers(centre) else geometry.centroid
    return {"lat": round(centre.y, 6), "lng": round(centre.x, 6), "zoom": zoom, "bounds": [west, south, east, north]}


def _points(frame) -> np.ndarray:
    """A point on each feature (on the surface of a polygon), or None where it has no geometry."""
    geoms = np.asarray(frame.geometry.array, dtype=object).copy()
    geoms[shapely.is_missing(geoms) | shapely.is_empty(geoms)] = None
    return shapely.point_on_surface(geoms)


def _labels(attributes: list[str], lang: str) -> list[str]:
    """Each attribute's label; a label two attributes share gets the attribute's name after it."""
    labels = [field_label(a, lang) for a in attributes]
    return [f"{text} ({a})" if labels.count(text) > 1 else text for text, a in zip(labels, attributes)]


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


class TableCache:
    """`table(layer, lang)` remembered per frame (held weakly) and language, so a rerun does not
    build a big layer's table again. One per session: user layers are a session's own."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self._items: dict[tuple[str, int, str], list] = {}

    def get(self, layer: Layer, lang: str) -> pd.DataFrame:
        """The layer's table (`table`)."""
        return self._entry(layer, lang)[1]

    def searchable(self, layer: Layer, lang: str) -> pd.Series:
        """Its rows as folded text (`searchable`), made the first time a search needs them."""
        entry = self._entry(layer, lang)
        if entry[2] is None:
            entry[2] = searchable(entry[1])
        return entry[2]

    def _entry(self, layer: Layer, lang: str) -> list:
        key = (layer.spec.id, id(layer.frame), lang)
        entry = self._items.get(key)
        if entry is None or entry[0]() is not layer.frame:
            alive = [(k, v) for k, v in self._items.items() if v[0]() is not None]
            self._items = dict(alive[-(self.size - 1) :]) if self.size > 1 else {}
            entry = [weakref.ref(layer.frame), table(layer, lang), None]
            self._items[key] = entry
        return entry


def locate(layer: Layer, wkb: bytes) -> int | None:
    """The position in `layer.frame` of the first feature whose geometry is `wkb`, or None."""
    geoms = np.asarray(layer.frame.geometry.array, dtype=object)
    present = np.array([g is not None for g in geoms], dtype=bool)
    if not present.any():
        return None
    found = np.flatnonzero(shapely.to_wkb(geoms[present]) == wkb)
    return int(np.flatnonzero(present)[found[0]]) if len(found) else None
