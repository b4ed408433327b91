"""An independent checker of RFC 7946 rules, used by the export tests."""

from __future__ import annotations

import itertools
import json
import math


def strict_loads(text: str):
    """json.loads that refuses NaN, Infinity and -Infinity (not JSON)."""

    def refuse(token):
        raise ValueError(f"non-JSON number {token}")

    return json.loads(text, parse_constant=refuse)


def signed_area(ring) -> float:
    """Shoelace area: positive for counter-clockwise rings."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1, *_), (x2, y2, *_) in itertools.pairwise(ring)) / 2.0


def problems(doc) -> list[str]:
    """Every RFC 7946 rule `doc` (a parsed FeatureCollection) breaks."""
    out = []
    if doc.get("type") != "FeatureCollection":
        out.append("top level is not a FeatureCollection")
    if "crs" in doc:
        out.append("has a crs member (removed in RFC 7946)")
    for i, feature in enumerate(doc.get("features", [])):
        if feature.get("type") != "Feature":
            out.append(f"feature {i}: type is not Feature")
        if "crs" in feature or "crs" in (feature.get("geometry") or {}):
            out.append(f"feature {i}: crs member")
        if not isinstance(feature.get("properties"), (dict, type(None))):
            out.append(f"feature {i}: properties must be an object or null")
        geometry = feature.get("geometry")
        if geometry is not None:
            out += [f"feature {i}: {p}" for p in _geometry_problems(geometry)]
    return out


def _positions(coords, depth):
    if depth == 0:
        yield coords
    else:
        for c in coords:
            yield from _positions(c, depth - 1)


_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}


def _geometry_problems(geometry) -> list[str]:
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        members = geometry.get("geometries")
        if not isinstance(members, list):
            return ["GeometryCollection without a list of geometries"]
        return [p for member in members for p in _geometry_problems(member)]
    if kind not in _DEPTH:
        return [f"unknown geometry type {kind!r}"]
    out = []
    for pos in _positions(geometry["coordinates"], _DEPTH[kind]):
        if not 2 <= len(pos) <= 3:
            out.append(f"position of length {len(pos)}")
        elif not all(isinstance(v, (int, float)) and math.isfinite(v) for v in pos):
            out.append(f"non-finite position {pos}")
        elif not (-180 <= pos[0] <= 180 and -90 <= pos[1] <= 90):
            out.append(f"position {pos} is not lon/lat")
    polygons = (
        [geometry["coordinates"]] if kind == "Polygon" else geometry["coordinates"] if kind == "MultiPolygon" else []
    )
    for polygon in polygons:
        for j, ring in enumerate(polygon):
            if len(ring) < 4 or ring[0] != ring[-1]:
                out.append("ring not closed or shorter than 4 positions")
            elif j == 0 and signed_area(ring) <= 0:
                out.append("exterior ring is not counter-clockwise")
            elif j > 0 and signed_area(ring) >= 0:
                out.append("hole is not clockwise")
    return out
