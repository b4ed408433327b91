"""Esri JSON (an ArcGIS FeatureSet: `features` with `attributes` and x/y, points, paths or rings),
read by Python's `json`: no GDAL driver beyond the five allowed is needed.

Field types follow the `fields` list (dates are milliseconds since 1970, UTC); rings are
outer when clockwise and holes when counter-clockwise, as Esri writes them.
"""

from __future__ import annotations

import datetime as _dt
import json

import geopandas as gpd
import pandas as pd
import shapely

from geo.errors import ImportRefused
from geo.importing.formats.base import Inspection, Read, ReadOptions, note

#: Esri field type -> how its values are kept.
FIELD_TYPES = {
    "esriFieldTypeOID": "int",
    "esriFieldTypeSmallInteger": "int",
    "esriFieldTypeInteger": "int",
    "esriFieldTypeBigInteger": "int",
    "esriFieldTypeSingle": "float",
    "esriFieldTypeDouble": "float",
    "esriFieldTypeDate": "datetime",
    "esriFieldTypeDateOnly": "date",
}
#: Web Mercator's old Esri ids.
WKID_ALIASES = {102100: 3857, 102113: 3857}


def inspect(data: bytes) -> Inspection:
    return Inspection("esrijson")


def read(data: bytes, options: ReadOptions) -> Read:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except RecursionError:
        raise ImportRefused(key="json_too_deep") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportRefused(key="json_invalid", reason=str(exc)) from None
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        raise ImportRefused(key="esrijson_no_features")
    kinds = {
        f.get("name"): FIELD_TYPES.get(f.get("type"), "text")
        for f in document.get("fields") or []
        if isinstance(f, dict) and isinstance(f.get("name"), str)
    }
    notes: list[dict] = []
    records, geometries = [], []
    for i, feature in enumerate(features):
        feature = feature if isinstance(feature, dict) else {}
        attributes = feature.get("attributes")
        records.append(attributes if isinstance(attributes, dict) else {})
        try:
            geometries.append(_geometry(feature.get("geometry")))
        except (TypeError, ValueError, IndexError, KeyError, shapely.errors.GEOSException) as exc:
            notes.append(note("geometry_unreadable", feature=i, reason=f"{type(exc).__name__}: {str(exc)[:100]}"))
            geometries.append(None)
    frame = pd.DataFrame.from_records(records).astype(object) if records else pd.DataFrame(index=range(0))
    for name, kind in kinds.items():
        if name in frame:
            frame[name], converted = _typed(frame[name], kind)
            if converted:
                notes.append(note("field_converted", field=name, how=converted))
    return Read(gpd.GeoDataFrame(frame, geometry=geometries), _crs(document), notes)


def _typed(values: pd.Series, kind: str):
    def missing(v):
        return v is None or (isinstance(v, float) and v != v)  # noqa: PLR0124

    if kind == "int" and all(missing(v) or (isinstance(v, int) and not isinstance(v, bool)) for v in values):
        return pd.array([None if missing(v) else v for v in values], dtype="Int64"), None
    if kind == "float" and all(missing(v) or isinstance(v, (int, float)) for v in values):
        return pd.array([None if missing(v) else float(v) for v in values], dtype="Float64"), None
    if kind == "datetime" and all(missing(v) or isinstance(v, (int, float)) for v in values):
        stamps = [None if missing(v) else _dt.datetime.fromtimestamp(v / 1000, _dt.UTC) for v in values]
        return pd.array(stamps, dtype=object), "epoch_ms_to_datetime"
    return values, None


def _geometry(geometry):
    if not isinstance(geometry, dict) or not geometry:
        return None
    if "x" in geometry:
        x, y = geometry.get("x"), geometry.get("y")
        if x is None or x == "NaN":
            return shapely.Point()
        return shapely.Point([x, y, geometry["z"]] if "z" in geometry else [x, y])
    if "points" in geometry:
        return shapely.MultiPoint([p[:3] for p in geometry["points"]])
    if "paths" in geometry:
        lines = [shapely.LineString([p[:3] for p in path]) for path in geometry["paths"] if len(path) >= 2]
        return lines[0] if len(lines) == 1 else shapely.MultiLineString(lines)
    if "rings" in geometry:
        return _polygons([[tuple(p[:3]) for p in ring] for ring in geometry["rings"] if len(ring) >= 3])
    if "curvePaths" in geometry or "curveRings" in geometry:
        raise ValueError("Esri curves (curvePaths, curveRings) are not read; export the layer with densified curves")
    raise ValueError(f"no x/y, points, paths or rings in the geometry (keys: {', '.join(list(geometry)[:5])})")


def _polygons(rings: list[list[tuple]]):
    """Esri rings -> Polygon/MultiPolygon by containment (as GDAL organises them): a ring inside an odd
    number of larger rings is a hole of the smallest of them, any other ring an outer ring."""
    closed = [ring if ring[0] == ring[-1] else [*ring, ring[0]] for ring in rings if len(ring) >= 3]
    closed = [ring for ring in closed if len(ring) >= 4]
    areas = [shapely.Polygon(ring).area for ring in closed]
    order = sorted(range(len(closed)), key=lambda k: -areas[k])
    shells: list[int] = []
    holes: dict[int, list] = {}
    placed: list[int] = []
    for k in order:
        polygon = shapely.Polygon(closed[k])
        containers = [j for j in placed if shapely.Polygon(closed[j]).contains(polygon)]
        if len(containers) % 2 == 1:
            owner = min(containers, key=lambda j: areas[j])
            holes.setdefault(owner, []).append(closed[k])
        else:
            shells.append(k)
        placed.append(k)
    polygons = [shapely.Polygon(closed[k], holes.get(k, [])) for k in sorted(shells)]
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def _crs(document) -> str | None:
    reference = document.get("spatialReference") if isinstance(document, dict) else None
    if not isinstance(reference, dict):
        return None
    wkid = reference.get("latestWkid") or reference.get("wkid")
    if isinstance(wkid, int):
        return f"EPSG:{WKID_ALIASES.get(wkid, wkid)}"
    wkt = reference.get("wkt")
    return wkt if isinstance(wkt, str) else None
