"""Patrol coverage of the routes, and the gaps: stretches outside every patrol
zone and farther than a chosen distance from any reception community.

"Within d km of a community" is a buffer, made in the corridor's transverse
Mercator (geo.measure.CORRIDOR_CRS): a planar buffer there is a true
distance to within 0.1 % across the corridor, which a buffer in degrees is
not (a degree of longitude is 1 % shorter than one of latitude here).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from geo.measure import CORRIDOR_CRS, WGS84, geodesic_lengths_km, require_wgs84


def zones_union(zones: gpd.GeoDataFrame | None):
    """All patrol zones as one (multi)polygon, or None."""
    if zones is None or zones.empty:
        return None
    geoms = [g for g in zones.geometry if g is not None and not g.is_empty]
    return shapely.union_all(geoms) if geoms else None


def reach_area(communities: gpd.GeoDataFrame | None, distance_km: float):
    """Everything within `distance_km` of a community, in lon/lat (None when there is none)."""
    if communities is None or communities.empty or distance_km <= 0:
        return None
    points = communities.geometry[communities.geometry.notna()].to_crs(CORRIDOR_CRS)
    if points.empty:
        return None
    disc = shapely.union_all(shapely.buffer(points.values, distance_km * 1000.0, quad_segs=16))
    return gpd.GeoSeries([disc], crs=CORRIDOR_CRS).to_crs(WGS84).iloc[0]


def coverage_gaps(lines: gpd.GeoDataFrame, zones, communities, distance_km: float) -> gpd.GeoDataFrame:
    """The pieces of each line outside every zone and farther than `distance_km` from every community.

    Keeps the lines' attributes; adds `gap_km` (geodesic) and drops lines with no gap.
    """
    require_wgs84(lines)
    covered = [a for a in (zones_union(zones), reach_area(communities, distance_km)) if a is not None]
    geoms = np.asarray(lines.geometry.array, dtype=object)
    gaps = shapely.difference(geoms, shapely.union_all(covered)) if covered else geoms.copy()
    out = lines.copy()
    out = out.set_geometry(gpd.GeoSeries(gaps, crs=WGS84, index=lines.index))
    out["gap_km"] = np.round(geodesic_lengths_km(gaps), 2)
    keep = np.array([g is not None and not g.is_empty for g in gaps], dtype=bool) & (out["gap_km"].to_numpy() > 0)
    return out[keep].reset_index(drop=True)
