"""Big layers, prepared once for the map: simplified, quantised, delta-encoded.

folium.GeoJson writes every coordinate in full (about 20 characters each)
and builds one SVG element per feature: at 100,000 features the page is
hundreds of megabytes and the browser stalls. A layer with more than
`COMPACT_THRESHOLD` features is instead prepared here and drawn by our
canvas layer (js/canvaslayer.js, put on the map by geo/webmap/canvas.py):

- lines and polygons are simplified with a topology-preserving tolerance of
  one screen pixel at `DETAIL_ZOOM` (zoom 12: about 38 m at these latitudes);
- coordinates are rounded to the largest step below half that pixel, stored
  as integer steps from the previous vertex (small numbers, few digits);
- attributes are dictionary-encoded per column (each distinct value once).

Nothing is dropped: every feature, even without geometry, keeps its place
and its attributes, and a timed layer's features their periods (geo.webmap.timefilter: the
"as of" control filters in the browser). What a prepared layer holds is a plain string, cached
by the app (bundled layers for everyone, user layers per session), so a
rerun that changes no data serialises nothing again.
"""

from __future__ import annotations

import base64
import math
import weakref
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import orjson
import pandas as pd
import shapely

from geo.escape import script_safe_string
from geo.exporting.geojson import json_value
from geo.i18n import field_label, t, vocabulary
from geo.load import Layer
from geo.webmap.timefilter import periods

#: Layers with more features than this are drawn by the canvas path.
COMPACT_THRESHOLD = 3000

#: Geometry is faithful to within one pixel up to this zoom.
DETAIL_ZOOM = 12

#: Latitude at which pixel sizes are computed (the corridor's middle).
REFERENCE_LAT = 8.0


def pixel_degrees(zoom: int, lat: float = REFERENCE_LAT) -> float:
    """Degrees of latitude spanned by one Web Mercator pixel at `zoom` (the smaller of the two axes).

    >>> round(pixel_degrees(12) * 111_320)  # metres
    38
    """
    return 360.0 / (256 * 2**zoom) * math.cos(math.radians(lat))


def decimals_for(tolerance_deg: float) -> int:
    """Decimals whose step is at most half of `tolerance_deg`.

    >>> decimals_for(pixel_degrees(12))
    4
    """
    return max(0, math.ceil(-math.log10(tolerance_deg / 2)))


@dataclass(frozen=True)
class Prepared:
    layer_id: str
    payload: str  # JSON safe in a <script> and inert to template engines
    features: int
    vertices: int  # after simplification
    source_vertices: int
    decimals: int
    tolerance_deg: float


def prepare(layer: Layer, lang: str, zoom: int = DETAIL_ZOOM) -> Prepared:
    """The layer as the canvas layer draws it (see the module docstring)."""
    spec, frame = layer.spec, layer.frame
    geoms = np.asarray(frame.geometry.array, dtype=object)
    tolerance = pixel_degrees(zoom)
    decimals = decimals_for(tolerance)
    source_vertices = int(shapely.get_num_coordinates(geoms).sum())
    if spec.geometry != "Point":
        geoms = simplify(geoms, tolerance)
    encoded = _encode(geoms, spec.geometry, decimals)
    records = frame.drop(columns=frame.geometry.name)
    styles, style_index = _styles(spec, records)
    style_index = packed(style_index)
    fields = [str(c) for c in records.columns]
    data = {
        "title": spec.title[lang],
        "kind": spec.geometry,
        **encoded,
        "styles": styles,
        "style": style_index,
        "radius": spec.style.radius,
        "fields": fields,
        "labels": {f: field_label(f, lang) for f in fields},
        "values": vocabulary(records, lang),
        "columns": _columns(records),
        "cluster_note": t("map.cluster_note", lang),
        "cluster_popup": t("map.cluster_popup", lang),
    }
    time = periods(frame)
    if time is not None:
        data["time"] = {key: packed(values) for key, values in time.items()}
        data["undated_note"] = t("map.undated_note", lang)
    # Shipped as a JS string for JSON.parse: V8 parses a large JSON string far faster
    # than an object literal of the same size. Both layers of quoting stay inert.
    inner = orjson.dumps(data, option=orjson.OPT_SERIALIZE_NUMPY).decode("utf-8")
    payload = script_safe_string(orjson.dumps(inner).decode("utf-8"))
    return Prepared(spec.id, payload, len(frame), encoded["n_xy"] // 2, source_vertices, decimals, tolerance)


def simplify(geoms: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas-Peucker within `tolerance` (ten times faster than GEOS' topology-preserving
    variant); any feature it would empty or make invalid is simplified again preserving
    topology, so no feature disappears and no ring crosses itself.

    >>> from shapely import Polygon
    >>> tiny = Polygon([(0, 0), (1e-6, 0), (1e-6, 1e-6), (0, 0)])
    >>> simplify(np.array([tiny], dtype=object), 0.001)[0].is_empty
    False
    """
    fast = shapely.simplify(geoms, tolerance, preserve_topology=False)
    present = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    broken = present & (shapely.is_empty(fast) | (~shapely.is_valid(fast) & shapely.is_valid(geoms)))
    if broken.any():
        fast[broken] = shapely.simplify(geoms[broken], tolerance, preserve_topology=True)
    return fast


def _encode(geoms: np.ndarray, kind: str, decimals: int) -> dict:
    """Flat integer deltas plus the counts that rebuild features, parts and rings."""
    n = len(geoms)
    parts, owner = shapely.get_parts(geoms, return_index=True)
    per_feature = np.bincount(owner, minlength=n)
    if kind == "Polygon":
        rings, ring_owner = shapely.get_rings(parts, return_index=True)
        rings_per_part = np.bincount(ring_owner, minlength=len(parts))
        xy, index = shapely.get_coordinates(rings, return_index=True)
        counts = np.bincount(index, minlength=len(rings))
    else:
        rings_per_part = None
        xy, index = shapely.get_coordinates(parts, return_index=True)
        counts = np.bincount(index, minlength=len(parts))
    scale = 10**decimals
    steps = np.round(xy * scale).astype(np.int64)
    origin = steps[0].tolist() if len(steps) else [0, 0]
    deltas = np.diff(steps, axis=0, prepend=steps[:1]).ravel() if len(steps) else np.zeros(0, dtype=np.int64)
    out = {
        "scale": scale,
        "origin": origin,
        "xy": varint_base64(deltas),
        "n_xy": len(deltas),
        "counts": packed(counts),
        "features": packed(per_feature),
    }
    if rings_per_part is not None:
        out["rings"] = packed(rings_per_part)
    return out


def packed(values: np.ndarray) -> dict:
    """An integer array for the browser: {"n": length, "b64": varints}."""
    values = np.asarray(values, dtype=np.int64)
    return {"n": len(values), "b64": varint_base64(values)}


def _styles(spec, records: pd.DataFrame) -> tuple[list[dict], np.ndarray]:
    keys: dict[str, int] = {}
    styles: list[dict] = []
    index = np.zeros(len(records), dtype=np.int32)
    by = [c for c in (spec.style.by, "confidence") if c and c in records.columns]
    if not by:
        return [spec.style.for_feature({})], index
    codes, uniques = pd.MultiIndex.from_frame(records[by].astype("string").fillna("")).factorize()
    for code, values in enumerate(uniques):
        style = spec.style.for_feature(dict(zip(by, values)))
        key = orjson.dumps(style, option=orjson.OPT_SORT_KEYS).decode()
        if key not in keys:
            keys[key] = len(styles)
            styles.append(style)
        index[codes == code] = keys[key]
    return styles, index


def _columns(records: pd.DataFrame) -> dict:
    """Each attribute once per distinct value: {"v": values, "i": packed index per feature
    (-1: none)}; a column with one value everywhere is {"c": value}, one with a different
    value on every feature is {"all": values}."""
    out = {}
    n = len(records)
    for column in records.columns:
        codes, uniques = pd.factorize(records[column], use_na_sentinel=True)
        values = _plain(uniques)
        if len(values) == 1 and (codes == 0).all():
            out[str(column)] = {"c": values[0]}
        elif len(values) == n and (codes == np.arange(n)).all():
            out[str(column)] = {"all": values}
        else:
            out[str(column)] = {"v": values, "i": packed(codes)}
    return out


def _plain(uniques) -> list:
    """Distinct values as JSON-ready Python values (fast for text and finite numbers)."""
    array = np.asarray(uniques)
    if array.dtype.kind in "iub":
        return array.tolist()
    if array.dtype.kind == "f" and np.isfinite(array).all():
        return array.tolist()
    values = list(uniques)
    if all(type(v) is str for v in values):
        return values
    return [json_value(v) for v in values]


def varint_base64(values: np.ndarray) -> str:
    """Signed integers as zigzag LEB128 varints, base64: one byte for |v| < 64.

    >>> varint_base64(np.array([0, -1, 1, 63, -64, 64, 300]))
    'AAECfn+AAdgE'
    """
    zigzag = ((values << 1) ^ (values >> 63)).astype(np.uint64)
    sizes = np.ones(len(zigzag), dtype=np.int64)
    rest = zigzag >> np.uint64(7)
    while rest.any():
        sizes += rest > 0
        rest >>= np.uint64(7)
    out = np.zeros(int(sizes.sum()), dtype=np.uint8)
    position = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    remaining = zigzag.copy()
    for byte in range(int(sizes.max(initial=1))):
        active = sizes > byte
        low = (remaining[active] & np.uint64(0x7F)).astype(np.uint8)
        more = (sizes[active] > byte + 1).astype(np.uint8) << 7
        out[position[active] + byte] = low | more
        remaining >>= np.uint64(7)
    return base64.b64encode(out.tobytes()).decode("ascii")


class PreparedCache:
    """A small LRU of prepared layers, keyed on the frame object itself.

    The app keeps one for bundled data (shared by every session) and one per
    session for user data, so no user's data is ever served to another. An
    entry holds a weak reference to its frame and only answers for that very
    object: a new frame that happens to reuse a freed object's id is prepared
    anew, never given another frame's data.
    """

    def __init__(self, size: int = 16):
        self.size = size
        self._items: OrderedDict[tuple, tuple[weakref.ref, Prepared]] = OrderedDict()
        self.hits = self.misses = 0

    def get(self, layer: Layer, lang: str) -> Prepared:
        key = (layer.spec.id, lang, id(layer.frame))
        entry = self._items.get(key)
        if entry is not None and entry[0]() is layer.frame:
            self.hits += 1
            self._items.move_to_end(key)
            return entry[1]
        self.misses += 1
        prepared = prepare(layer, lang)
        self._items[key] = (weakref.ref(layer.frame), prepared)
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return prepared
