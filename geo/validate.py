"""Checks a layer's features against what its spec promises.

Each check returns human-readable problems, feature by feature, rather
than raising at the first one, so a report can list them all.
"""

from __future__ import annotations

import geopandas as gpd
import shapely

from geo.measure import CORRIDOR_BOUNDS
from geo.spec import CONFIDENCE_LEVELS, GEOMETRY_FAMILIES, LayerSpec


def check_layer(frame: gpd.GeoDataFrame, spec: LayerSpec) -> list[str]:
    """Every way `frame` breaks the promises of `spec` (empty when none)."""
    problems = _missing_attributes(frame, spec)
    problems += _bad_geometries(frame, spec)
    problems += _outside_corridor(frame)
    problems += _bad_provenance(frame)
    return problems


def _missing_attributes(frame, spec) -> list[str]:
    missing = [name for name in spec.required if name not in frame.columns]
    return [f"missing required attribute(s) {missing}"] if missing else []


def _bad_geometries(frame, spec) -> list[str]:
    allowed = GEOMETRY_FAMILIES[spec.geometry]
    problems = []
    for i, geom in enumerate(frame.geometry):
        if geom is None or geom.is_empty:
            problems.append(f"feature {i}: no geometry")
        elif geom.geom_type not in allowed:
            problems.append(f"feature {i}: geometry {geom.geom_type}, expected {spec.geometry}")
        elif not geom.is_valid:
            problems.append(f"feature {i}: invalid geometry ({shapely.is_valid_reason(geom)})")
    return problems


def _outside_corridor(frame) -> list[str]:
    minx, miny, maxx, maxy = CORRIDOR_BOUNDS
    box = shapely.box(minx - 1e-6, miny - 1e-6, maxx + 1e-6, maxy + 1e-6)
    return [
        f"feature {i}: outside the corridor box {CORRIDOR_BOUNDS}"
        for i, geom in enumerate(frame.geometry)
        if geom is not None and not geom.is_empty and not box.covers(geom)
    ]


def _bad_provenance(frame) -> list[str]:
    problems = []
    if "source" in frame.columns:
        for i, value in enumerate(frame["source"]):
            if not isinstance(value, str) or not value.strip():
                problems.append(f"feature {i}: no source")
    if "confidence" in frame.columns:
        for i, value in enumerate(frame["confidence"]):
            if value not in CONFIDENCE_LEVELS:
                problems.append(f"feature {i}: confidence {value!r} is not one of {CONFIDENCE_LEVELS}")
    return problems
