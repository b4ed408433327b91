"""GeoJSON reader (imports).

Reading keeps every feature, even one whose geometry cannot be read (it is
kept without geometry and reported), keeps both values of a key that is
repeated inside one object (the second is renamed), and honours an old-style
`crs` member when present.
"""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import shapely

from geo.errors import ImportRefused
from geo.importing.formats.base import Inspection, Read, ReadOptions, note


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
    raise ImportRefused(key="json_wrong_type", kind=str(kind)[:40])


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
