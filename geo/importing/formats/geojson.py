"""GeoJSON reader (imports).

Reading keeps every feature, even one whose geometry cannot be read (it is
kept without geometry and reported), keeps both values of a key that is
repeated inside one object (the second is renamed), and honours an old-style
`crs` member when present.
"""

from __future__ import annotations

import json
import re

import geopandas as gpd
import pandas as pd
import shapely

from geo.errors import ImportRefused
from geo.importing.formats.base import Inspection, Read, ReadOptions, note
from geo.importing.geometry import MAX_DEPTH, Node, build


def inspect(data: bytes) -> Inspection:
    return Inspection("geojson")


def read(data: bytes, options: ReadOptions) -> Read:
    notes: list[dict] = []
    try:
        document = json.loads(data.decode("utf-8-sig"), object_pairs_hook=_keep_repeated_keys(notes))
    except RecursionError:
        raise ImportRefused(key="json_too_deep") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportRefused(key="json_invalid", reason=str(exc)) from None
    features = _features_of(document)
    records, geometries = [], []
    odd = [i for i, f in enumerate(features) if not (isinstance(f, dict) and f.get("type") == "Feature")]
    if odd:
        notes.append(note("not_features", count=len(odd)))
    for i, feature in enumerate(features):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        records.append(_without_reserved(properties if isinstance(properties, dict) else {}, notes))
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        geometries.append(_shape(geometry, i, notes))
    # object dtype: values stay as they were written (1 stays 1, not 1.0 beside a missing value)
    frame = gpd.GeoDataFrame(pd.DataFrame.from_records(records).astype(object), geometry=geometries)
    dates = [str(c) for c in frame.columns if c != frame.geometry.name and _all_dates(frame[c])]
    if dates:
        notes.append(note("dates_as_text", fields=", ".join(dates)))
    return Read(frame, _declared_crs(document), notes)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?")


def _all_dates(values) -> bool:
    """True when every value is text in ISO date form: GeoJSON has no date type, so they stay text (said)."""
    present = [v for v in values if v is not None]
    return bool(present) and all(isinstance(v, str) and _ISO_DATE.fullmatch(v) for v in present)


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
        raise ImportRefused(key="json_not_geojson")
    kind = document.get("type")
    if kind == "FeatureCollection":
        features = document.get("features")
        if not isinstance(features, list):
            raise ImportRefused(key="json_no_features")
        return features
    if kind == "Feature":
        return [document]
    if kind in (
        "Point",
        "MultiPoint",
        "LineString",
        "MultiLineString",
        "Polygon",
        "MultiPolygon",
        "GeometryCollection",
    ):
        return [{"type": "Feature", "properties": {}, "geometry": document}]
    if kind == "Topology":
        raise ImportRefused(key="json_topojson")
    if "type" not in document:
        raise ImportRefused(key="json_no_type")
    raise ImportRefused(key="json_wrong_type", kind=str(kind)[:40])


def _shape(geometry, index: int, notes: list[dict]):
    """The geometry, read by geo.importing.geometry: unclosed rings closed, one-point parts left out (said)."""
    if geometry is None:
        return None
    try:
        shape, fixes = build(_node(geometry, 0))
    except (KeyError, TypeError, ValueError, IndexError, AttributeError, shapely.errors.GEOSException) as exc:
        notes.append(note("geometry_unreadable", feature=index, reason=f"{type(exc).__name__}: {str(exc)[:100]}"))
        return None
    notes += [note("geometry_fixed", fix=code, features=[index]) for code in sorted(fixes)]
    return shape


def _node(geometry: dict, depth: int) -> Node:
    """The geometry as a Node; raises naming what in the file is not a geometry."""
    if depth > MAX_DEPTH:
        raise ValueError("geometries nested too deeply")
    if not isinstance(geometry, dict):
        raise TypeError(f"geometry {str(geometry)[:40]} is not an object")
    if "type" not in geometry:
        raise ValueError("a geometry without 'type'")
    kind = str(geometry["type"]).upper()
    if kind == "GEOMETRYCOLLECTION":
        return Node(kind, parts=[_node(g, depth + 1) for g in _list(geometry.get("geometries"), "geometries")])
    if "coordinates" not in geometry:
        raise ValueError(f"a {str(geometry['type'])[:30]} without 'coordinates'")
    coordinates = geometry["coordinates"]
    if kind == "POINT":  # [] (or null) is the empty point
        return Node(kind, None if coordinates is None or coordinates == [] else [_position(coordinates)])
    if kind == "LINESTRING":
        return Node(kind, [_position(p) for p in _list(coordinates, "line")])
    if kind == "POLYGON":
        rings = _list(coordinates, "polygon")
        return Node(kind, parts=[Node("LINESTRING", [_position(p) for p in _list(r, "ring")]) for r in rings])
    if kind in ("MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON"):
        member = kind.removeprefix("MULTI")
        parts = _list(coordinates, kind.lower())
        return Node(kind, parts=[_node({"type": member, "coordinates": c}, depth + 1) for c in parts])
    raise ValueError(f"unknown geometry type {str(geometry['type'])[:30]!r}")


def _list(value, what: str) -> list:
    if not isinstance(value, list):
        raise TypeError(f"{what} {str(value)[:40]} is not a list")
    return value


def _position(values) -> tuple:
    if not isinstance(values, list):
        raise TypeError(f"position {str(values)[:40]} is not a list of numbers")
    if len(values) < 2:
        raise ValueError(f"position {str(values)[:40]} needs two numbers")
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values[:3]):
        raise TypeError(f"position {str(values)[:40]} holds something other than numbers")
    return tuple(float(v) for v in values[:3])


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
