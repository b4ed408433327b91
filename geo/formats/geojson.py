"""GeoJSON: read from bytes (for imports), and written to RFC 7946 from GeoDataFrames.

Reading keeps every feature, even one whose geometry cannot be read (it is
kept without geometry and reported), keeps both values of a key that is
repeated inside one object (the second is renamed), and honours an old-style
`crs` member when present.

What RFC 7946 asks and how it is met here:
- positions are WGS 84 lon/lat: frames must be in EPSG:4326 (checked);
- no `crs` member: the writer never emits one;
- exterior rings counter-clockwise, holes clockwise: `shapely.orient_polygons`;
- strict JSON: NaN and infinities become `null`, `json.dumps(allow_nan=False)`
  proves no other one slipped through.

Coordinates are rounded to `precision` decimals (6 by default, about 0.1 m,
well below the accuracy of any layer here).

>>> import geopandas as gpd
>>> from shapely import Point
>>> frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(-77.5, 8.25)], crs=4326)
>>> dumps(feature_collection([("towns", frame)]))[:60]
'{"type":"FeatureCollection","features":[{"type":"Feature","p'
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from typing import Any, Iterable

import numpy as np
import geopandas as gpd
import orjson
import pandas as pd
import shapely

from geo.errors import ExportError, ImportRefused
from geo.formats.base import Inspection, Read, ReadOptions, note
from geo.measure import require_wgs84

#: The property every exported feature carries to say which layer it is from.
LAYER_KEY = "layer"


def feature_collection(
    layers: Iterable[tuple[str | None, gpd.GeoDataFrame]], precision: int = 6
) -> dict:
    """One FeatureCollection of every feature of `layers`, in order.

    Each item is (layer id, frame). When the layer id is not None every
    feature gets a `layer` property with it; a frame that already has a
    `layer` column is refused rather than silently overwritten.
    """
    features: list[dict] = []
    for layer_id, frame in layers:
        require_wgs84(frame)
        _check_layer_key(layer_id, frame)
        features.extend(_features(layer_id, frame, precision))
    return {"type": "FeatureCollection", "features": features}


def collection_text(layers: Iterable[tuple[str | None, gpd.GeoDataFrame]], precision: int = 6,
                    members: dict | None = None) -> str:
    """The same FeatureCollection as `dumps(feature_collection(...))`, written fast.

    Geometries are written by GEOS in one vectorised call (`shapely.to_geojson`)
    and everything else by orjson, with the geometry text embedded as it is.
    NaN and infinities still become null; anything orjson cannot write
    natively goes through `json_value`, as in `feature_collection`.
    """
    features: list[dict] = []
    for layer_id, frame in layers:
        require_wgs84(frame)
        _check_layer_key(layer_id, frame)
        geoms = np.asarray(frame.geometry.array, dtype=object)
        present = np.array([g is not None and not g.is_empty for g in geoms], dtype=bool)
        texts = np.full(len(geoms), None, dtype=object)
        if present.any():
            oriented = geoms[present]
            if np.isin(shapely.get_type_id(oriented), (3, 6, 7)).any():  # (multi)polygons, collections
                oriented = shapely.orient_polygons(oriented, exterior_cw=False)
            texts[present] = shapely.to_geojson(shapely.transform(oriented, lambda xy: np.round(xy, precision)))
        columns = [c for c in frame.columns if c != frame.geometry.name]
        records = frame[columns].to_dict(orient="records")
        head = {LAYER_KEY: layer_id} if layer_id is not None else {}
        for record, text in zip(records, texts):
            features.append({
                "type": "Feature",
                "properties": head | {str(k): v for k, v in record.items()},
                "geometry": orjson.Fragment(text) if text is not None else None,
            })
    document = {"type": "FeatureCollection", "features": features} | (members or {})
    return orjson.dumps(document, default=_orjson_default, option=orjson.OPT_SERIALIZE_NUMPY).decode("utf-8")


def _orjson_default(value):
    converted = json_value(value)
    if converted is value:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")
    return converted


def _check_layer_key(layer_id: str | None, frame) -> None:
    if layer_id is not None and LAYER_KEY in frame.columns:
        raise ExportError(
            f"layer {layer_id!r} has its own attribute named {LAYER_KEY!r}, which exports "
            f"use to say which layer a feature belongs to; rename that attribute first"
        )


def dumps(collection: dict, indent: int | None = None) -> str:
    """Strict JSON text (UTF-8 characters kept, NaN refused)."""
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(collection, ensure_ascii=False, allow_nan=False, indent=indent, separators=separators)


def dumps_lines(collection: dict) -> str:
    """Strict JSON with one feature per line: stable, readable diffs for data files."""
    head = {k: v for k, v in collection.items() if k != "features"}
    lines = [dumps(f) for f in collection["features"]]
    head_text = dumps(head)[:-1]
    return head_text + ',"features":[\n' + ",\n".join(lines) + "\n]}\n"


def geometry_mapping(geom, precision: int = 6) -> dict | None:
    """RFC 7946 geometry object of one shapely geometry (None for missing/empty)."""
    if geom is None or geom.is_empty:
        return None
    geom = shapely.orient_polygons(geom, exterior_cw=False)
    geom = shapely.transform(geom, lambda xy: np.round(xy, precision))
    return shapely.geometry.mapping(geom)


def _features(layer_id: str | None, frame: gpd.GeoDataFrame, precision: int) -> list[dict]:
    columns = [c for c in frame.columns if c != frame.geometry.name]
    records = frame[columns].to_dict(orient="records")
    out = []
    for geom, record in zip(frame.geometry.array, records):
        properties = {str(k): json_value(v) for k, v in record.items()}
        if layer_id is not None:
            properties = {LAYER_KEY: layer_id} | properties
        out.append({"type": "Feature", "properties": properties, "geometry": _as_lists(geometry_mapping(geom, precision))})
    return out


def _as_lists(obj: Any) -> Any:
    # shapely's mapping() returns tuples; lists are what json and readers expect.
    if isinstance(obj, dict):
        return {k: _as_lists(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_as_lists(v) for v in obj]
    return obj


def json_value(value: Any) -> Any:
    """A JSON-safe version of one attribute value: NaN/NA -> None, numpy -> Python.

    >>> json_value(float("nan")) is None, json_value(np.int64(3)), json_value("x")
    (True, 3, 'x')
    """
    if value is None:
        return None
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if not math.isfinite(float(value)) else float(value)
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.isoformat()
    if hasattr(value, "isoformat"):  # pandas Timestamp
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_value(v) for k, v in value.items()}
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value if isinstance(value, (str, int)) else str(value)


# --- reading -----------------------------------------------------------------------


def inspect(data: bytes) -> Inspection:
    return Inspection("geojson")


def read(data: bytes, options: ReadOptions) -> Read:
    notes: list[dict] = []
    try:
        document = json.loads(data.decode("utf-8-sig"), object_pairs_hook=_keep_repeated_keys(notes))
    except RecursionError:
        raise ImportRefused("the JSON is nested too deeply to be GeoJSON") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportRefused(f"the file is not valid JSON ({exc})") from None
    features = _features_of(document)
    records, geometries = [], []
    for i, feature in enumerate(features):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        records.append(_without_reserved(properties if isinstance(properties, dict) else {}, notes))
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        geometries.append(_shape(geometry, i, notes))
    # object dtype: values stay as they were written (1 stays 1, not 1.0 beside a missing value)
    frame = gpd.GeoDataFrame(pd.DataFrame.from_records(records).astype(object), geometry=geometries)
    return Read(frame, _declared_crs(document), notes)


def _without_reserved(properties: dict, notes: list[dict]) -> dict:
    """A property named like the frame's geometry column is kept under another name."""
    if "geometry" not in properties:
        return properties
    renamed = {("geometry_attribute" if k == "geometry" else k): v for k, v in properties.items()}
    if not any(n.get("old") == "geometry" for n in notes):
        notes.append(note("renamed_field", old="geometry", new="geometry_attribute", reason="reserved"))
    return renamed


def _features_of(document) -> list:
    if not isinstance(document, dict):
        raise ImportRefused("the JSON is not a GeoJSON object (expected a FeatureCollection, Feature or geometry)")
    kind = document.get("type")
    if kind == "FeatureCollection":
        features = document.get("features")
        if not isinstance(features, list):
            raise ImportRefused("the FeatureCollection has no list of features")
        return features
    if kind == "Feature":
        return [document]
    if kind in ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"):
        return [{"type": "Feature", "properties": {}, "geometry": document}]
    raise ImportRefused(f"the JSON has type {str(kind)[:40]!r}, which is not GeoJSON")


def _shape(geometry, index: int, notes: list[dict]):
    if geometry is None:
        return None
    try:
        return shapely.geometry.shape(geometry)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, shapely.errors.GEOSException) as exc:
        notes.append(note("geometry_unreadable", feature=index, reason=f"{type(exc).__name__}: {str(exc)[:100]}"))
        return None


def _keep_repeated_keys(notes: list[dict]):
    def hook(pairs):
        out: dict = {}
        for key, value in pairs:
            if key in out:
                n = 2
                while f"{key}_{n}" in out:
                    n += 1
                notes.append(note("renamed_field", old=key, new=f"{key}_{n}", reason="duplicate"))
                key = f"{key}_{n}"
            out[key] = value
        return out

    return hook


def _declared_crs(document) -> str | None:
    crs = document.get("crs") if isinstance(document, dict) else None
    if isinstance(crs, dict) and isinstance(crs.get("properties"), dict):
        name = crs["properties"].get("name")
        if isinstance(name, str):
            return name
    return None
