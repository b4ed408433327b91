"""GeoJSON written to RFC 7946 from GeoDataFrames: exports, the map's data, the data build.

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
from collections.abc import Iterable
from typing import Any

import geopandas as gpd
import numpy as np
import orjson
import shapely

from geo.errors import ExportError
from geo.measure import require_wgs84

#: The property every exported feature carries to say which layer it is from.
LAYER_KEY = "layer"


def feature_collection(layers: Iterable[tuple[str | None, gpd.GeoDataFrame]], precision: int = 6) -> dict:
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


def collection_text(
    layers: Iterable[tuple[str | None, gpd.GeoDataFrame]], precision: int = 6, members: dict | None = None
) -> str:
    """The same FeatureCollection as `dumps(feature_collection(...))`, written fast.

    Geometries become slices of one rounded coordinate array (`geometry_objects`)
    that orjson writes natively; attributes are read column by column. NaN and
    infinities still become null; anything orjson cannot write natively goes
    through `json_value`, as in `feature_collection`.
    """
    features: list[dict] = []
    for layer_id, frame in layers:
        require_wgs84(frame)
        _check_layer_key(layer_id, frame)
        geometries = geometry_objects(np.asarray(frame.geometry.array, dtype=object), precision)
        columns = [c for c in frame.columns if c != frame.geometry.name]
        keys = ([LAYER_KEY] if layer_id is not None else []) + [str(c) for c in columns]
        values = ([[layer_id] * len(frame)] if layer_id is not None else []) + [frame[c].tolist() for c in columns]
        rows = zip(*values) if values else ((),) * len(frame)
        features += [
            {"type": "Feature", "properties": dict(zip(keys, row)), "geometry": geometry}
            for row, geometry in zip(rows, geometries)
        ]
    document = {"type": "FeatureCollection", "features": features} | (members or {})
    return orjson.dumps(document, default=_orjson_default, option=orjson.OPT_SERIALIZE_NUMPY).decode("utf-8")


#: shapely type ids: the ones `geometry_objects` writes from the coordinate array.
_POINT, _LINE, _POLYGON, _MULTIPOINT, _MULTILINE, _MULTIPOLYGON = 0, 1, 3, 4, 5, 6


def geometry_objects(geoms: np.ndarray, precision: int = 6) -> list:
    """RFC 7946 geometry objects for orjson (None for missing or empty geometry).

    Every coordinate is taken from shapely in one call, rounded once, and each
    geometry gets views (slices) of that array: no per-vertex Python object.
    Polygons are oriented first (exterior counter-clockwise). Geometry
    collections, linear rings and 3D geometries are rare here and written by
    GEOS (`shapely.to_geojson`) instead.

    >>> from shapely import Point, Polygon
    >>> objs = geometry_objects(np.array([Point(1, 2), None, Polygon([(0, 0), (0, 1), (1, 0)])], dtype=object))
    >>> orjson.dumps(objs, option=orjson.OPT_SERIALIZE_NUMPY).decode()
    '[{"type":"Point","coordinates":[1.0,2.0]},null,{"type":"Polygon","coordinates":[[[0.0,0.0],[1.0,0.0],[0.0,1.0],[0.0,0.0]]]}]'
    """
    out: list = [None] * len(geoms)
    present = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    if not present.any():
        return out
    types = shapely.get_type_id(geoms)
    oriented = geoms.copy()
    polygonal = present & np.isin(types, (_POLYGON, _MULTIPOLYGON, 7))
    if polygonal.any():
        oriented[polygonal] = shapely.orient_polygons(geoms[polygonal], exterior_cw=False)
    common = present & np.isin(types, (_POINT, _LINE, _POLYGON, _MULTIPOINT, _MULTILINE, _MULTIPOLYGON))
    common[common] = ~shapely.has_z(oriented[common])
    for i in np.flatnonzero(present & ~common):
        rounded = shapely.transform(oriented[i], lambda xy: np.round(xy, precision), include_z=None)
        out[i] = orjson.Fragment(shapely.to_geojson(rounded))
    which = np.flatnonzero(common)
    if not len(which):
        return out
    if (types[which] == _POINT).all():  # the usual survey layer: one position each
        coords = np.round(shapely.get_coordinates(oriented[which]), precision)
        for i, position in zip(which.tolist(), coords):
            out[i] = {"type": "Point", "coordinates": position}
        return out
    parts, part_owner = shapely.get_parts(oriented[which], return_index=True)
    is_polygon = shapely.get_type_id(parts) == _POLYGON
    rings, ring_owner = shapely.get_rings(parts[is_polygon], return_index=True)
    leaf_part = np.concatenate([np.flatnonzero(~is_polygon), np.flatnonzero(is_polygon)[ring_owner]])
    order = np.argsort(leaf_part, kind="stable")  # each part's leaves in order: exterior, then holes
    leaves = np.concatenate([parts[~is_polygon], rings])[order]
    coords, leaf_index = shapely.get_coordinates(leaves, return_index=True)
    coords = np.round(coords, precision)
    leaf_start = _starts(leaf_index, len(leaves))
    part_leaf_start = _starts(leaf_part[order], len(parts))
    geom_part_start = _starts(part_owner, len(which))

    def part(p: int, polygon: bool):
        if polygon:
            return [
                coords[leaf_start[j] : leaf_start[j + 1]] for j in range(part_leaf_start[p], part_leaf_start[p + 1])
            ]
        return coords[leaf_start[part_leaf_start[p]] : leaf_start[part_leaf_start[p + 1]]]

    for k, i in enumerate(which):
        kind, first, stop = types[i], geom_part_start[k], geom_part_start[k + 1]
        if kind == _POINT:
            out[i] = {"type": "Point", "coordinates": coords[leaf_start[part_leaf_start[first]]]}
        elif kind == _LINE:
            out[i] = {"type": "LineString", "coordinates": part(first, False)}
        elif kind == _POLYGON:
            out[i] = {"type": "Polygon", "coordinates": part(first, True)}
        elif kind == _MULTIPOINT:
            out[i] = {
                "type": "MultiPoint",
                "coordinates": coords[leaf_start[part_leaf_start[first]] : leaf_start[part_leaf_start[stop]]],
            }
        elif kind == _MULTILINE:
            out[i] = {"type": "MultiLineString", "coordinates": [part(p, False) for p in range(first, stop)]}
        else:
            out[i] = {"type": "MultiPolygon", "coordinates": [part(p, True) for p in range(first, stop)]}
    return out


def _starts(owner: np.ndarray, n: int) -> np.ndarray:
    """Where each of `n` groups starts in a list sorted by `owner`, plus the end."""
    return np.concatenate([[0], np.cumsum(np.bincount(owner, minlength=n))])


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
    geom = shapely.transform(geom, lambda xy: np.round(xy, precision), include_z=None)  # Z kept where present
    return shapely.geometry.mapping(geom)


def _features(layer_id: str | None, frame: gpd.GeoDataFrame, precision: int) -> list[dict]:
    columns = [c for c in frame.columns if c != frame.geometry.name]
    records = frame[columns].to_dict(orient="records")
    out = []
    for geom, record in zip(frame.geometry.array, records):
        properties = {str(k): json_value(v) for k, v in record.items()}
        if layer_id is not None:
            properties = {LAYER_KEY: layer_id} | properties
        out.append(
            {"type": "Feature", "properties": properties, "geometry": _as_lists(geometry_mapping(geom, precision))}
        )
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
    if type(value).__name__ == "NaTType":  # pandas' missing date-time
        return None
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
